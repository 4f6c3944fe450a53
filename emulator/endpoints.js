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
const { WAREHOUSES } = require('./demo-data');

/** @typedef {import('./pool').StockPool} StockPool */
/** @typedef {import('./pool').StockRow} StockRow */
/** @typedef {Record<string, unknown> & { code: number, message: string }} EndpointAnswer */

/**
 * @typedef {object} EndpointContext
 * @property {StockPool} pool
 * @property {boolean} recIdAsNumber   rec_id written as a bare JSON number
 * @property {boolean} numbersAsStrings other numeric fields written as strings
 */

/** @typedef {(params: Record<string, string>, ctx: EndpointContext) => EndpointAnswer} EndpointHandler */

/**
 * An optional integer parameter in a range; answers the value or a 2001 answer.
 * @param {Record<string, string>} params
 * @param {string} name
 * @param {{ min: number, max: number, fallback: number }} range
 * @returns {number | EndpointAnswer}
 */
function integerParam(params, name, { min, max, fallback }) {
	const raw = params[name];
	if (raw === undefined || raw === '') return fallback;
	const value = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : NaN;
	if (!(value >= min && value <= max)) {
		return answer(
			'BAD_PARAMETER',
			`${name} 必须是${min}到${max === Infinity ? '∞' : max}之间的整数,收到 "${raw.slice(0, 40)}"`,
		);
	}
	return value;
}

/**
 * @param {EndpointContext} ctx
 * @returns {(n: number) => number | string}
 */
function numberWriter(ctx) {
	return ctx.numbersAsStrings ? (n) => String(n) : (n) => n;
}

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

/**
 * page_size / page_no of the list endpoints.
 * @param {Record<string, string>} params
 * @returns {{ pageSize: number, pageNo: number } | EndpointAnswer}
 */
function paging(params) {
	const pageSize = integerParam(params, 'page_size', { min: 1, max: 100, fallback: 40 });
	if (typeof pageSize !== 'number') return pageSize;
	const pageNo = integerParam(params, 'page_no', { min: 0, max: Infinity, fallback: 0 });
	if (typeof pageNo !== 'number') return pageNo;
	return { pageSize, pageNo };
}

/** @type {EndpointHandler} */
function warehouseQuery(params, ctx) {
	const page = paging(params);
	if ('code' in page) return page;
	const num = numberWriter(ctx);
	const matching = WAREHOUSES.filter(
		(w) => !params.warehouse_no || w.warehouse_no === params.warehouse_no,
	);
	const slice = matching.slice(page.pageNo * page.pageSize, (page.pageNo + 1) * page.pageSize);
	return {
		code: 0,
		message: 'ok',
		total_count: matching.length,
		warehouses: slice.map((w) => ({
			...w,
			warehouse_id: num(w.warehouse_id),
			type: num(w.type),
			is_disabled: num(w.is_disabled),
		})),
	};
}

/** @type {EndpointHandler} */
function shopList(params, ctx) {
	const page = paging(params);
	if ('code' in page) return page;
	const num = numberWriter(ctx);
	const matching = [...ctx.pool.shops.values()].filter(
		(s) => !params.shop_no || s.shop_no === params.shop_no,
	);
	const slice = matching.slice(page.pageNo * page.pageSize, (page.pageNo + 1) * page.pageSize);
	return {
		code: 0,
		message: 'ok',
		total_count: matching.length,
		shoplist: slice.map((s) => ({
			shop_id: num(s.shop_id),
			shop_no: s.shop_no,
			shop_name: s.shop_name,
			platform_id: num(s.platform_id),
			platform_name: s.platform_name,
			is_disabled: num(s.disabled ? 1 : 0),
		})),
	};
}

/** @type {Readonly<Record<string, EndpointHandler>>} */
const ENDPOINTS = Object.freeze({
	'api_goods_stock_change_query.php': stockChangeQuery,
	'api_goods_stock_change_ack.php': stockChangeAck,
	'warehouse_query.php': warehouseQuery,
	'shop.php': shopList,
});

module.exports = { ENDPOINTS, readAckList, BadAckList };
