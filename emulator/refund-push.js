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
 * taken then. `type` follows the reading refundTypes (the doc's 1/2/4 or public clients' 1/2/3).
 * Otherwise every refund is stored by shop + refund_no (a known one is replaced: chg_count) and
 * the ERP makes or updates its 退换单 in the world (refund_query): process_status 20 待审核, 10
 * 已取消 once the platform status is 1, 90 已完成 once a return's goods are received.
 * A return (refund_query type 2 退货) of a shipped order whose platform status says the buyer sent
 * the goods back (4 等待收货, 5 退款成功) is received by the ERP's warehouse at once, one time
 * only (退货入库): its goods go where the reading returnStock says (erp-orders.js receiveReturn).
 * Answer {code: 0, message, new_count, chg_count}. Under the reading refundPushErrors 'list' (assumed,
 * like trade_push's errors), a bad refund no longer refuses the call: the others are taken and the
 * answer adds errors: [{refund_no, error}] for the bad ones, code 0.
 */

const { answer } = require('./codes');
const { JsonNumber, parse } = require('./lossless-json');
const { decimalUnits, unitsText } = require('./params');
const { parseBeijing } = require('./world-time');
const { REFUND_STATUS } = require('./world');
const { SHIP_WAREHOUSE, RETURN_WAREHOUSE } = require('./erp-orders');

/** @typedef {import('./endpoints').EndpointContext} EndpointContext */
/** @typedef {import('./endpoints').EndpointAnswer} EndpointAnswer */

/** WDT advises at most 10 refunds a call. */
const MAX_REFUNDS = 10;
/** platform_id is the fixed value 127 (其他平台). */
const PLATFORM_ID = '127';
/**
 * The pushed `type` → refund_query's type (1 退款, 2 退货, 4 退款不退货), per reading refundTypes:
 * the doc's 1 退款(未发货), 2 退货退款, 4 退款不退货, or public openapi2 clients' 1 退款(未发货),
 * 2 退款不退货, 3 退货. A type the reading lacks is refused.
 */
const TYPE_READINGS = Object.freeze({
	doc: Object.freeze({ 1: 1, 2: 2, 4: 4 }),
	clients: Object.freeze({ 1: 1, 2: 4, 3: 2 }),
});
/** refund_query's type of a return: the goods come back. */
const RETURN_KIND = 2;
/** Platform statuses saying the buyer sent the goods back: 4 等待收货, 5 退款成功. */
const GOODS_SENT_BACK = [4, 5];
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
 * @property {number} type     as pushed
 * @property {number} kind     refund_query's type (1 退款, 2 退货, 4 退款不退货)
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
	const kinds = /** @type {Record<string, number>} */ (TYPE_READINGS[ctx.world.readings.refundTypes]);
	if (!(type in kinds)) {
		throw new BadRefund(`${where}.type 取值无效(${type.slice(0, 20)}),应为 ${Object.keys(kinds).join('/')}`);
	}
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
		kind: kinds[type],
		status: Number(status),
		refund_fee: unitsText(feeUnits),
		refund_time: refundTime,
		reason,
		order_list: orderList,
	};
}

/**
 * A refund as the ERP holds it.
 * @typedef {object} ErpRefund
 * @property {PushedRefund} refund  the latest pushed content
 * @property {string} refund_id     the world's 退换单
 * @property {boolean} received     a return whose goods the warehouse received
 * @property {string} warehouse_no  where they went ('' for a refund without goods)
 * @property {number} pushes
 */

/**
 * The ERP's 退换单 for a pushed refund, made or updated in the world (refund_query shows it); a
 * return whose goods were sent back is received once.
 * @param {PushedRefund} refund
 * @param {EndpointContext} ctx
 */
function upsertRefund(refund, ctx) {
	const erp = ctx.erpOrders;
	const world = ctx.world.ensure();
	const key = `${refund.shop_no}\u0000${refund.refund_no}`;
	const known = erp.refunds.get(key);
	const now = world.now();
	const raw = /** @type {import('./erp-orders').RawTrade} */ (erp.get(refund.shop_no, refund.tid));
	const byOid = new Map(raw.order.order_list.map((line) => [line.oid, line]));
	const isReturn = refund.kind === RETURN_KIND;
	const warehouseNo = isReturn
		? ctx.world.readings.returnStock === 'shipWarehouse'
			? SHIP_WAREHOUSE
			: RETURN_WAREHOUSE
		: '';
	// Only goods that left can come back: a return of an order not shipped moves no stock.
	const receive =
		isReturn && GOODS_SENT_BACK.includes(refund.status) && raw.state === 'shipped' && !known?.received;
	if (receive) {
		for (const item of refund.order_list) {
			const line = /** @type {import('./erp-orders').PushedLine} */ (byOid.get(item.oid));
			erp.receiveReturn(line.spec_no, item.num, warehouseNo);
		}
	}
	const received = receive || known?.received === true;
	const processStatus =
		refund.status === 1
			? REFUND_STATUS.CANCELLED
			: received
				? REFUND_STATUS.DONE
				: REFUND_STATUS.WAITING_REVIEW;
	const trade = raw.trade_id === null ? undefined : world.table('trade').get(raw.trade_id);
	const shop = world.shops().find((s) => s.shop_no === refund.shop_no);
	const refundId = known?.refund_id ?? world.ids.refund.next();
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
	const record = {
		refund_id: refundId,
		refund_no: `TK${refundId.slice(-8).padStart(8, '0')}`,
		src_no: refund.refund_no,
		platform_id: 127,
		type: refund.kind,
		process_status: processStatus,
		status: refund.status,
		tid: refund.tid,
		sales_tid: trade?.trade_no ?? '',
		sales_trade_id: raw.trade_id ?? '0',
		shop_id: String(shop?.shop_id ?? 0),
		shop_no: refund.shop_no,
		warehouse_no: warehouseNo,
		refund_reason: refund.reason,
		refund_amount: refund.refund_fee,
		actual_refund_amount: refund.status === 5 ? refund.refund_fee : unitsText(0),
		refund_time: /** @type {number} */ (parseBeijing(refund.refund_time)),
		refund_order_list: lines,
		refund_out_goods_list: [],
	};
	if (known) world.update('refund', refundId, record, now);
	else world.table('refund').put({ ...record, created: now, modified: now });
	erp.refunds.set(key, { refund, refund_id: refundId, received, warehouse_no: warehouseNo, pushes: (known?.pushes ?? 0) + 1 });
}

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
	const named = ctx.world.readings.refundPushErrors === 'list';
	/** @type {PushedRefund[]} */
	const refunds = [];
	/** @type {Array<{refund_no: string, error: string}>} */
	const errors = [];
	const seen = new Set();
	for (const [index, raw] of list.entries()) {
		const where = `api_refund_list[${index}]`;
		try {
			if (!isObject(raw)) throw new BadRefund(`${where} 必须是对象`);
			const refund = readRefund(/** @type {Record<string, unknown>} */ (raw), where, ctx);
			const key = `${refund.shop_no}\u0000${refund.refund_no}`;
			if (seen.has(key)) throw new BadRefund(`${where}.refund_no ${refund.refund_no} 在本次推送中重复`);
			seen.add(key);
			refunds.push(refund);
		} catch (error) {
			if (!(error instanceof BadRefund)) throw error;
			if (!named) {
				ctx.erpOrders.refundCounts.refused += list.length;
				return error.code ?? answer('BAD_PARAMETER', error.message);
			}
			// The reading 'list': the bad refund is named by its refund_no (or its place), the others go on.
			const rawNo = isObject(raw) ? /** @type {Record<string, unknown>} */ (raw).refund_no : undefined;
			const label = typeof rawNo === 'string' && rawNo !== '' ? rawNo : where;
			errors.push({ refund_no: label, error: error.code?.message ?? error.message });
		}
	}
	ctx.erpOrders.refundCounts.refused += errors.length;
	let newCount = 0;
	let chgCount = 0;
	for (const refund of refunds) {
		if (ctx.erpOrders.refunds.has(`${refund.shop_no}\u0000${refund.refund_no}`)) chgCount++;
		else newCount++;
		upsertRefund(refund, ctx);
	}
	ctx.erpOrders.refundCounts.new += newCount;
	ctx.erpOrders.refundCounts.changed += chgCount;
	const result = { code: 0, message: 'OK', new_count: newCount, chg_count: chgCount };
	return errors.length > 0 ? { ...result, errors } : result;
}

module.exports = { salesRefundPush, MAX_REFUNDS, TYPE_READINGS, RETURN_KIND };
