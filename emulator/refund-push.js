// @ts-check
'use strict';

/**
 * sales_refund_push.php (创建原始退款单): a self-built shop's refunds and returns into the ERP
 * (docs/wdt-contract.md#sales_refund_push).
 *
 *   api_refund_list  JSON array of 1..10 refunds (WDT advises ≤ 10 a call; refused beyond unless
 *                    enforceAdvisedLimits is false), each
 *                    {platform_id: 127, shop_no (or shop_id), tid, refund_no, type, status,
 *                     refund_fee?, buyer_nick?, refund_time, reason?, desc?, logistics_no?,
 *                     logistics_name?, order_list: [{oid, num}]}
 *
 * The whole list is checked first: a malformed refund refuses the call with 2001, a tid the ERP
 * does not hold (never pushed with trade_push to that shop) with 5040 (the sister edition's
 * example), an unknown shop_no with 2310, an unknown shop_id with 1007 店铺ID不存在; nothing is
 * taken then. Otherwise every refund is stored by shop + refund_no (a known one is replaced:
 * chg_count) and the ERP makes or updates its 退换单 in the world (refund_query): process_status
 * 20 待审核, or 10 已取消 when the platform status is 1 已取消.
 * Answer {code: 0, message, new_count, chg_count}.
 */

const { answer } = require('./codes');
const { JsonNumber, parse } = require('./lossless-json');
const { decimalUnits, unitsText } = require('./params');
const { parseBeijing } = require('./world-time');
const { REFUND_STATUS } = require('./world');

/** @typedef {import('./endpoints').EndpointContext} EndpointContext */
/** @typedef {import('./endpoints').EndpointAnswer} EndpointAnswer */

/** WDT advises at most 10 refunds a call. */
const MAX_REFUNDS = 10;
/** platform_id is the fixed value 127 (其他平台). */
const PLATFORM_ID = '127';
/** type: 1 退款, 2 退货退款, 4 退款不退货 (sister edition); 3 as one public client sends it. */
const REFUND_TYPES = ['1', '2', '3', '4'];
/** status: 1 已取消, 2 申请退款, 3 等待退货, 4 等待收货, 5 退款成功, 7, 8 (sister edition). */
const REFUND_STATUSES = ['1', '2', '3', '4', '5', '7', '8'];

class BadRefund extends Error {
	/** @param {string} message @param {import('./codes').CodeEntry} [code] a whole-call answer */
	constructor(message, code) {
		super(message);
		this.code = code;
	}
}

/** @param {unknown} value */
const textOf = (value) =>
	value instanceof JsonNumber ? value.text : typeof value === 'string' ? value : null;

/** @param {unknown} value */
const isObject = (value) =>
	value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof JsonNumber);

/**
 * @typedef {object} PushedRefund
 * @property {string} shop_no
 * @property {string} tid
 * @property {string} refund_no
 * @property {number} type
 * @property {number} status
 * @property {string} refund_fee     4-decimal text
 * @property {string} refund_time
 * @property {string} reason
 * @property {Array<{ oid: string, num: number }>} order_list num in ten-thousandths
 */

/**
 * Check one refund whole.
 * @param {Record<string, unknown>} raw
 * @param {string} where
 * @param {EndpointContext} ctx
 * @returns {PushedRefund}
 */
function readRefund(raw, where, ctx) {
	/** @param {string} field @param {number} max @param {boolean} required */
	const text = (field, max, required) => {
		const value = raw[field];
		if (value === undefined || value === null || value === '') {
			if (required) throw new BadRefund(`${where}.${field} 不能为空`);
			return '';
		}
		const t = textOf(value);
		if (t === null) throw new BadRefund(`${where}.${field} 必须是字符串`);
		if (Array.from(t).length > max) throw new BadRefund(`${where}.${field} 超过${max}个字符`);
		return t;
	};
	if (text('platform_id', 6, true) !== PLATFORM_ID) {
		throw new BadRefund(`${where}.platform_id 必须为127`);
	}
	const shopNo = text('shop_no', 50, false);
	const shopId = text('shop_id', 20, false);
	const shop = shopNo
		? ctx.pool.activeShop(shopNo)
		: [...ctx.pool.shops.values()].find((s) => String(s.shop_id) === shopId && !s.disabled);
	if (!shopNo && !shopId) throw new BadRefund(`${where}.shop_no 不能为空`, answer('MISSING_PARAMETER', 'shop_no'));
	if (!shop) {
		throw new BadRefund(
			`${where}`,
			shopNo ? answer('SHOP_NOT_FOUND', shopNo) : answer('SHOP_ID_NOT_FOUND'),
		);
	}
	const tid = text('tid', 40, true);
	const order = ctx.erpOrders.get(shop.shop_no, tid);
	if (!order) throw new BadRefund(`${where}.tid ${tid}`, answer('REFUND_TRADE_NOT_FOUND', tid));
	const refundNo = text('refund_no', 40, true);
	const type = text('type', 4, true);
	if (!REFUND_TYPES.includes(type)) throw new BadRefund(`${where}.type 取值无效(${type.slice(0, 20)})`);
	const status = text('status', 4, true);
	if (!REFUND_STATUSES.includes(status)) {
		throw new BadRefund(`${where}.status 取值无效(${status.slice(0, 20)}),应为 ${REFUND_STATUSES.join('/')}`);
	}
	const fee = raw.refund_fee;
	let feeUnits = 0;
	if (fee !== undefined && fee !== null && fee !== '') {
		const units = decimalUnits(fee);
		if (units === null || units < 0) throw new BadRefund(`${where}.refund_fee 必须是最多4位小数的非负数`);
		feeUnits = units;
	}
	const refundTime = text('refund_time', 19, true);
	if (parseBeijing(refundTime) === null) {
		throw new BadRefund(`${where}.refund_time 时间格式错误,应为 yyyy-MM-dd HH:mm:ss`);
	}
	for (const [field, max] of /** @type {const} */ ([
		['buyer_nick', 100],
		['desc', 255],
		['logistics_no', 40],
		['logistics_name', 40],
	])) {
		text(field, max, false);
	}
	const reason = text('reason', 255, false);
	const lines = raw.order_list;
	if (!Array.isArray(lines) || lines.length === 0) throw new BadRefund(`${where}.order_list 必须是非空数组`);
	const known = new Set(order.order.order_list.map((line) => line.oid));
	const orderList = lines.map((line, i) => {
		const at = `${where}.order_list[${i}]`;
		if (!isObject(line)) throw new BadRefund(`${at} 必须是对象`);
		const item = /** @type {Record<string, unknown>} */ (line);
		const oid = textOf(item.oid);
		if (!oid) throw new BadRefund(`${at}.oid 不能为空`);
		if (!known.has(oid)) throw new BadRefund(`${at}.oid ${oid} 不属于订单 ${tid}`);
		const num = decimalUnits(item.num);
		if (num === null || num <= 0) throw new BadRefund(`${at}.num 必须是大于0、最多4位小数的数字`);
		return { oid, num };
	});
	return {
		shop_no: shop.shop_no,
		tid,
		refund_no: refundNo,
		type: Number(type),
		status: Number(status),
		refund_fee: unitsText(feeUnits),
		refund_time: refundTime,
		reason,
		order_list: orderList,
	};
}

/**
 * The ERP's 退换单 for a pushed refund, made or updated in the world (refund_query shows it).
 * @param {PushedRefund} refund
 * @param {EndpointContext} ctx
 * @param {Map<string, string>} made refund key → world refund_id
 */
function upsertWorldRefund(refund, ctx, made) {
	const world = ctx.world.ensure();
	const key = `${refund.shop_no}\u0000${refund.refund_no}`;
	const now = world.now();
	const processStatus = refund.status === 1 ? REFUND_STATUS.CANCELLED : REFUND_STATUS.WAITING_REVIEW;
	const known = made.get(key);
	if (known !== undefined) {
		world.update('refund', known, { process_status: processStatus, status: refund.status }, now);
		return;
	}
	const raw = /** @type {import('./erp-orders').RawTrade} */ (ctx.erpOrders.get(refund.shop_no, refund.tid));
	const trade = raw.trade_id === null ? undefined : world.table('trade').get(raw.trade_id);
	const shop = world.shops().find((s) => s.shop_no === refund.shop_no);
	const refundId = world.ids.refund.next();
	const byOid = new Map(raw.order.order_list.map((line) => [line.oid, line]));
	const lines = refund.order_list.map((item) => {
		const line = /** @type {import('./erp-orders').PushedLine} */ (byOid.get(item.oid));
		const total = unitsText(Math.round((line.price * item.num) / 10000));
		return {
			order_id: world.ids.line.next(),
			refund_id: refundId,
			oid: item.oid,
			tid: refund.tid,
			src_no: refund.refund_no,
			sales_tid: trade?.trade_no ?? '',
			process_status: processStatus,
			order_num: unitsText(line.num),
			refund_num: unitsText(item.num),
			price: unitsText(line.price),
			original_price: unitsText(line.price),
			discount: unitsText(0),
			paid: total,
			refund_order_amount: total,
			total_amount: total,
			spec_id: line.spec_id,
			spec_no: line.spec_no,
			goods_no: line.goods_no,
			goods_name: line.goods_name,
			spec_name: line.spec_name,
			remark: '',
		};
	});
	world.table('refund').put({
		refund_id: refundId,
		refund_no: `TK${refundId.slice(-8).padStart(8, '0')}`,
		src_no: refund.refund_no,
		platform_id: 127,
		type: refund.type,
		process_status: processStatus,
		status: refund.status,
		tid: refund.tid,
		sales_tid: trade?.trade_no ?? '',
		sales_trade_id: raw.trade_id ?? '0',
		shop_id: String(shop?.shop_id ?? 0),
		shop_no: refund.shop_no,
		warehouse_no: refund.type === 1 ? '' : 'WH-RT01',
		refund_reason: refund.reason,
		refund_amount: refund.refund_fee,
		actual_refund_amount: unitsText(0),
		refund_time: /** @type {number} */ (parseBeijing(refund.refund_time)),
		created: now,
		modified: now,
		refund_order_list: lines,
		refund_out_goods_list: [],
	});
	made.set(key, refundId);
}

/** refund key → world refund_id, per ErpOrders (one emulator) */
const MADE = new WeakMap();

/**
 * @param {Record<string, string>} params
 * @param {EndpointContext} ctx
 * @returns {EndpointAnswer}
 */
function salesRefundPush(params, ctx) {
	const text = params.api_refund_list;
	if (!text) return answer('MISSING_PARAMETER', 'api_refund_list');
	let list;
	try {
		list = parse(text);
	} catch (error) {
		return answer('BAD_PARAMETER', `api_refund_list 不是合法的JSON(${/** @type {Error} */ (error).message})`);
	}
	if (!Array.isArray(list) || list.length === 0) {
		return answer('BAD_PARAMETER', 'api_refund_list 必须是非空JSON数组');
	}
	if (list.length > MAX_REFUNDS && ctx.world.readings.enforceAdvisedLimits) {
		return answer('BAD_PARAMETER', `api_refund_list 每次不超过${MAX_REFUNDS}单,收到${list.length}单`);
	}
	/** @type {PushedRefund[]} */
	let refunds;
	try {
		const seen = new Set();
		refunds = list.map((raw, index) => {
			const where = `api_refund_list[${index}]`;
			if (!isObject(raw)) throw new BadRefund(`${where} 必须是对象`);
			const refund = readRefund(/** @type {Record<string, unknown>} */ (raw), where, ctx);
			const key = `${refund.shop_no}\u0000${refund.refund_no}`;
			if (seen.has(key)) throw new BadRefund(`${where}.refund_no ${refund.refund_no} 在本次推送中重复`);
			seen.add(key);
			return refund;
		});
	} catch (error) {
		if (!(error instanceof BadRefund)) throw error;
		return error.code ?? answer('BAD_PARAMETER', error.message);
	}
	let made = MADE.get(ctx.erpOrders);
	if (made === undefined) {
		made = new Map();
		MADE.set(ctx.erpOrders, made);
	}
	let newCount = 0;
	let chgCount = 0;
	for (const refund of refunds) {
		if (made.has(`${refund.shop_no}\u0000${refund.refund_no}`)) chgCount++;
		else newCount++;
		upsertWorldRefund(refund, ctx, made);
	}
	return { code: 0, message: 'OK', new_count: newCount, chg_count: chgCount };
}

module.exports = { salesRefundPush, MAX_REFUNDS };
