// @ts-check
'use strict';

/**
 * The openapi2 endpoints the emulator serves, after the gateway checks passed.
 * Each handler gets the decoded params and answers a JSON-ready object; numbers that must be
 * written bare and exact (rec_id with recIdAsNumber) are JsonNumber.
 * Parameters an endpoint does not know are ignored (they were signed all the same).
 */

const { answer } = require('./codes');
const { JsonNumber, parse } = require('./lossless-json');
const { integerParam, numberWriter } = require('./params');
const { WORLD_ENDPOINTS } = require('./world-endpoints');
const { SHOP_ENDPOINTS } = require('./shop-endpoints');

/** @typedef {import('./pool').StockPool} StockPool */
/** @typedef {import('./pool').StockRow} StockRow */
/** @typedef {Record<string, unknown> & { code: number, message: string }} EndpointAnswer */

/**
 * @typedef {object} EndpointContext
 * @property {StockPool} pool
 * @property {boolean} recIdAsNumber   rec_id written as a bare JSON number
 * @property {boolean} numbersAsStrings other numeric fields written as strings
 * @property {import('./world').World} world  shops, warehouses, goods, stock, orders… (world.js)
 * @property {import('./erp-orders').ErpOrders} erpOrders  pushed orders and platform goods (erp-orders.js)
 * @property {import('./logistics').LogisticsPool} logistics  the logistics-sync pool (logistics.js)
 */

/** @typedef {(params: Record<string, string>, ctx: EndpointContext) => EndpointAnswer} EndpointHandler */

/**
 * @param {StockRow} row
 * @param {EndpointContext} ctx
 */
function stockChangeRecord(row, ctx) {
	const num = numberWriter(ctx);
	return {
		rec_id: ctx.recIdAsNumber ? new JsonNumber(row.rec_id) : row.rec_id,
		shop_id: num(row.shop_id),
		shop_no: row.shop_no,
		goods_id: num(row.goods_id),
		spec_id: num(row.spec_id),
		goods_no: row.goods_no,
		spec_no: row.spec_no,
		goods_name: row.goods_name,
		spec_name: row.spec_name,
		sync_stock: num(row.sync_stock),
		stock_change_count: num(row.stock_change_count),
		modified: row.modified,
	};
}

/** @type {EndpointHandler} */
function stockChangeQuery(params, ctx) {
	const shopNo = params.shop_no;
	if (!shopNo) return answer('MISSING_PARAMETER', 'shop_no');
	const limit = integerParam(params, 'limit', { min: 1, max: 2000, fallback: 100 });
	if (typeof limit !== 'number') return limit;
	if (!ctx.pool.activeShop(shopNo)) return answer('SHOP_NOT_FOUND', shopNo);
	const rows = ctx.pool.query(shopNo, limit);
	return {
		code: 0,
		message: 'ok',
		current_count: rows.length,
		stock_change_list: rows.map((row) => stockChangeRecord(row, ctx)),
	};
}

class BadAckList extends Error {}

/**
 * rec_id of an ack entry: a decimal digit string or a bare JSON integer, kept as text.
 * @param {unknown} value
 * @param {string} where
 */
function readRecId(value, where) {
	if (value === undefined || value === null) throw new BadAckList(`${where}.rec_id 缺失`);
	const text = value instanceof JsonNumber ? value.text : typeof value === 'string' ? value : null;
	if (text === null || !/^[0-9]+$/.test(text)) {
		throw new BadAckList(`${where}.rec_id 必须是非负整数(数字或数字字符串)`);
	}
	return text;
}

/**
 * An integer given as a JSON number or a numeric string.
 * @param {unknown} value
 * @param {string} where e.g. 'stock_sync_list[3].sync_stock'
 * @param {boolean} allowNegative
 */
function readInteger(value, where, allowNegative) {
	if (value === undefined || value === null) throw new BadAckList(`${where} 缺失`);
	const text = value instanceof JsonNumber ? value.text : typeof value === 'string' ? value : null;
	const pattern = allowNegative ? /^-?[0-9]+$/ : /^[0-9]+$/;
	const number = text !== null && pattern.test(text) ? Number(text) : NaN;
	if (!Number.isSafeInteger(number)) {
		throw new BadAckList(`${where} 必须是${allowNegative ? '' : '非负'}整数(数字或数字字符串)`);
	}
	return number;
}

/**
 * Validate the whole stock_sync_list before anything is applied.
 * @param {string} text
 * @returns {Array<{ recId: string, syncStock: number, stockChangeCount: number }>}
 */
function readAckList(text) {
	let list;
	try {
		list = parse(text);
	} catch (error) {
		throw new BadAckList(`stock_sync_list 不是合法的JSON(${/** @type {Error} */ (error).message})`);
	}
	if (!Array.isArray(list)) throw new BadAckList('stock_sync_list 必须是JSON数组');
	if (list.length === 0) throw new BadAckList('stock_sync_list 不能为空');
	return list.map((entry, index) => {
		const where = `stock_sync_list[${index}]`;
		if (
			entry === null ||
			typeof entry !== 'object' ||
			Array.isArray(entry) ||
			entry instanceof JsonNumber
		) {
			throw new BadAckList(`${where} 必须是对象`);
		}
		return {
			recId: readRecId(entry.rec_id, where),
			syncStock: readInteger(entry.sync_stock, `${where}.sync_stock`, true),
			stockChangeCount: readInteger(entry.stock_change_count, `${where}.stock_change_count`, false),
		};
	});
}

/** @type {EndpointHandler} */
function stockChangeAck(params, ctx) {
	const text = params.stock_sync_list;
	if (!text) return answer('MISSING_PARAMETER', 'stock_sync_list');
	let entries;
	try {
		entries = readAckList(text);
	} catch (error) {
		if (error instanceof BadAckList) return answer('BAD_PARAMETER', error.message);
		throw error;
	}
	/** @type {Array<{ rec_id: string | JsonNumber, error: string }>} */
	const errors = [];
	for (const entry of entries) {
		const error = ctx.pool.ack(entry.recId, entry.syncStock, entry.stockChangeCount);
		if (error !== null)
			errors.push({ rec_id: ctx.recIdAsNumber ? new JsonNumber(entry.recId) : entry.recId, error });
	}
	return errors.length > 0 ? { code: 0, message: 'OK', errors } : { code: 0, message: 'OK' };
}

/** @type {Readonly<Record<string, EndpointHandler>>} */
const ENDPOINTS = Object.freeze({
	'api_goods_stock_change_query.php': stockChangeQuery,
	'api_goods_stock_change_ack.php': stockChangeAck,
	...WORLD_ENDPOINTS,
	...SHOP_ENDPOINTS,
});

module.exports = { ENDPOINTS, readAckList, BadAckList };
