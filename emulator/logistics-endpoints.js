// @ts-check
'use strict';

/**
 * logistics_sync_query.php (查询物流同步) and logistics_sync_ack.php (物流同步回写) over the
 * logistics pool (logistics.js).
 *
 *   query: shop_no (or shop_id; optional under the logisticsQueryShop 'optional' reading: then
 *          every shop's records), limit 1..100 (default 100; more is served as 100, as WDT
 *          documents), is_part_sync_able 0/1 (accepted; the emulator ships whole orders)
 *          → {code: 0, message, total_count, trades: [...]}, the pending records oldest first
 *   ack:   logistics_list = JSON [{rec_id, status: 0 | 1, message?}] (message optional, as
 *          documented), at most 50 entries (WDT: 数据不要超过50条; refused beyond unless
 *          enforceAdvisedLimits is false), checked whole first (else 2001) → {code: 0, message}
 *          plus errors: [{rec_id, error}] for entries it could not take
 * See docs/wdt-contract.md#logistics_sync_query and #logistics_sync_ack.
 */

const { answer } = require('./codes');
const { JsonNumber, parse } = require('./lossless-json');
const { numberWriter } = require('./params');
const { pushShop } = require('./trade-push');
const { formatBeijing } = require('./world-time');

/** @typedef {import('./endpoints').EndpointContext} EndpointContext */
/** @typedef {import('./endpoints').EndpointAnswer} EndpointAnswer */
/** @typedef {import('./logistics').LogisticsRecord} LogisticsRecord */

const MAX_LIMIT = 100;
/** logistics_sync_ack: 数据不要超过50条 (docs/wdt-contract.md#logistics_sync_ack) */
const MAX_ACKS = 50;

/**
 * @param {LogisticsRecord} record
 * @param {EndpointContext} ctx
 */
function logisticsRecord(record, ctx) {
	const num = numberWriter(ctx);
	/** @param {string} id */
	const id = (id) => (ctx.recIdAsNumber ? new JsonNumber(id) : id);
	return {
		rec_id: id(record.rec_id),
		shop_id: id(record.shop_id),
		shop_no: record.shop_no,
		platform_id: num(record.platform_id),
		tid: record.tid,
		oids: record.oids,
		trade_id: id(record.trade_id),
		delivery_term: num(record.delivery_term),
		logistics_no: record.logistics_no,
		logistics_type: num(record.logistics_type),
		logistics_name: record.logistics_name,
		logistics_code_erp: record.logistics_code_erp,
		logistics_name_erp: record.logistics_name_erp,
		consign_time: formatBeijing(record.consign_time),
		is_part_sync: num(record.is_part_sync),
		is_need_sync: num(1),
		sync_status: num(record.sync_status),
		error_msg: record.error_msg,
		try_times: num(record.try_times),
		created: formatBeijing(record.created),
		modified: formatBeijing(record.modified),
	};
}

/**
 * @param {Record<string, string>} params
 * @param {EndpointContext} ctx
 * @returns {EndpointAnswer}
 */
function logisticsSyncQuery(params, ctx) {
	const anyShop =
		!params.shop_no && !params.shop_id && ctx.world.readings.logisticsQueryShop === 'optional';
	const shop = anyShop ? null : pushShop(params, ctx);
	if (shop !== null && 'code' in shop) return shop;
	const limitText = params.limit ?? '';
	let limit = MAX_LIMIT;
	if (limitText !== '') {
		const value = /^[0-9]{1,9}$/.test(limitText) ? Number(limitText) : NaN;
		if (!(value >= 1)) {
			return answer(
				'BAD_PARAMETER',
				`limit 必须是大于等于1的整数,收到 "${limitText.slice(0, 40)}"`,
			);
		}
		limit = Math.min(value, MAX_LIMIT);
	}
	const partText = params.is_part_sync_able;
	if (partText !== undefined && partText !== '' && partText !== '0' && partText !== '1') {
		return answer('BAD_PARAMETER', `is_part_sync_able 必须是0或1,收到 "${partText.slice(0, 20)}"`);
	}
	const records =
		shop === null
			? ctx.logistics.pending().slice(0, limit)
			: ctx.logistics.query(shop.shop_no, limit);
	return {
		code: 0,
		message: 'ok',
		total_count: numberWriter(ctx)(ctx.logistics.pendingCount(shop?.shop_no)),
		trades: records.map((record) => logisticsRecord(record, ctx)),
	};
}

class BadAck extends Error {}

/**
 * Validate the whole logistics_list before anything is applied.
 * @param {string} text
 * @returns {Array<{ recId: string, status: 0 | 1, message: string }>}
 */
function readLogisticsList(text) {
	let list;
	try {
		list = parse(text);
	} catch (error) {
		throw new BadAck(`logistics_list 不是合法的JSON(${/** @type {Error} */ (error).message})`);
	}
	if (!Array.isArray(list)) throw new BadAck('logistics_list 必须是JSON数组');
	if (list.length === 0) throw new BadAck('logistics_list 不能为空');
	return list.map((entry, index) => {
		const where = `logistics_list[${index}]`;
		if (
			entry === null ||
			typeof entry !== 'object' ||
			Array.isArray(entry) ||
			entry instanceof JsonNumber
		) {
			throw new BadAck(`${where} 必须是对象`);
		}
		/** @param {unknown} value */
		const text = (value) =>
			value instanceof JsonNumber ? value.text : typeof value === 'string' ? value : null;
		const recId = text(entry.rec_id);
		if (entry.rec_id === undefined || entry.rec_id === null)
			throw new BadAck(`${where}.rec_id 缺失`);
		if (recId === null || !/^[0-9]+$/.test(recId)) {
			throw new BadAck(`${where}.rec_id 必须是非负整数(数字或数字字符串)`);
		}
		const statusText = text(entry.status);
		if (statusText !== '0' && statusText !== '1') {
			throw new BadAck(`${where}.status 必须是0(成功)或1(失败)`);
		}
		const status = statusText === '1' ? 1 : 0;
		const message = entry.message;
		if (message !== undefined && message !== null && typeof message !== 'string') {
			throw new BadAck(`${where}.message 必须是字符串`);
		}
		const messageText = typeof message === 'string' ? message : '';
		if (Array.from(messageText).length > 255) throw new BadAck(`${where}.message 超过255个字符`);
		return { recId, status, message: messageText };
	});
}

/**
 * @param {Record<string, string>} params
 * @param {EndpointContext} ctx
 * @returns {EndpointAnswer}
 */
function logisticsSyncAck(params, ctx) {
	const text = params.logistics_list;
	if (!text) return answer('MISSING_PARAMETER', 'logistics_list');
	let entries;
	try {
		entries = readLogisticsList(text);
	} catch (error) {
		if (error instanceof BadAck) return answer('BAD_PARAMETER', error.message);
		throw error;
	}
	if (entries.length > MAX_ACKS && ctx.world.readings.enforceAdvisedLimits) {
		return answer('BAD_PARAMETER', `logistics_list 数据不要超过${MAX_ACKS}条,收到${entries.length}条`);
	}
	const now = ctx.world.now();
	/** @type {Array<{ rec_id: string | JsonNumber, error: string }>} */
	const errors = [];
	for (const entry of entries) {
		const error = ctx.logistics.ack(entry.recId, entry.status, entry.message, now);
		if (error !== null) {
			errors.push({ rec_id: ctx.recIdAsNumber ? new JsonNumber(entry.recId) : entry.recId, error });
		}
	}
	return errors.length > 0 ? { code: 0, message: 'OK', errors } : { code: 0, message: 'OK' };
}

module.exports = { logisticsSyncQuery, logisticsSyncAck, readLogisticsList, BadAck, MAX_ACKS };
