// @ts-check
'use strict';

/**
 * trade_push.php (创建原始订单): orders from a self-built shop into the ERP.
 *
 *   shop_no (or shop_id)  an active 自有/其他平台 shop of the stock pool — else 2310
 *   switch                '0' (default): bad orders are refused one by one, the others are taken;
 *                         '1' strict: one bad order refuses the whole call (code 2001, nothing taken)
 *   trade_list            JSON array of 1..50 orders — else 2001 (WDT advises ≤ 50 a call; the
 *                         emulator enforces it unless enforceAdvisedLimits is false)
 *
 * Answer: {code: 0, message, new_count, chg_count} plus, with switch 0 and the tradePushErrors
 * 'list' reading, errors: [{tid, error}] for refused orders ('none': only the counts, which then
 * leave the refused orders out). Re-pushing a tid replaces the stored order and counts in
 * chg_count (also with the same content); num and price of a pushed line cannot change.
 * Every order is checked whole before anything is taken; amounts are decimal(19,4) strings or
 * numbers, never rounded; other_amount may be left out (0), as the doc's own example does. Only
 * the documented trade_status (10 20 30 40 50 70 80 90) and delivery_term (1 2 3) values are
 * taken. A paid order is checked to add up: paid = Σ(price × num + adjust_amount − discount −
 * share_discount) + post_amount + other_amount (款到发货 only). See docs/wdt-contract.md#trade_push.
 */

const { answer } = require('./codes');
const { JsonNumber, parse } = require('./lossless-json');
const { decimalUnits, unitsText } = require('./params');
const { parseBeijing } = require('./world-time');

/** @typedef {import('./endpoints').EndpointContext} EndpointContext */
/** @typedef {import('./endpoints').EndpointAnswer} EndpointAnswer */
/** @typedef {import('./erp-orders').PushedOrder} PushedOrder */
/** @typedef {import('./erp-orders').PushedLine} PushedLine */

const MAX_ORDERS = 50;
/** WDT: 一次推送网名相同的订单不能超过30 */
const MAX_SAME_BUYER = 30;
/** docs/wdt-contract.md#trade_push: 60 is not a documented status */
const TRADE_STATUSES = [10, 20, 30, 40, 50, 70, 80, 90];
/** docs/wdt-contract.md#trade_push: 1 款到发货, 2 货到付款, 3 分期付款 */
const DELIVERY_TERMS = [1, 2, 3];
const ZERO_TIME = '0000-00-00 00:00:00';

class BadOrder extends Error {}

/**
 * Field readers of one order (or line); each throws BadOrder naming the field.
 * @param {Record<string, unknown>} source
 * @param {string} where e.g. 'order_list[1]'
 */
function fields(source, where) {
	const name = (/** @type {string} */ field) => (where ? `${where}.${field}` : field);
	/** @param {string} field @returns {string | undefined} */
	const textOf = (field) => {
		const value = source[field];
		if (value === undefined || value === null) return undefined;
		if (typeof value === 'string') return value;
		if (value instanceof JsonNumber) return value.text;
		throw new BadOrder(`${name(field)} 必须是字符串`);
	};
	return {
		/** @param {string} field @param {number} max */
		text(field, max, required = true) {
			const value = textOf(field);
			if (value === undefined || (required && value.trim() === '')) {
				if (required) throw new BadOrder(`${name(field)} 不能为空`);
				return '';
			}
			if (Array.from(value).length > max) throw new BadOrder(`${name(field)} 超过${max}个字符`);
			return value;
		},
		/** @param {string} field @param {number[]} allowed */
		choice(field, allowed, required = true) {
			const value = textOf(field);
			if (value === undefined || value === '') {
				if (required) throw new BadOrder(`${name(field)} 不能为空`);
				return null;
			}
			const number = /^[0-9]{1,3}$/.test(value) ? Number(value) : NaN;
			if (!allowed.includes(number)) {
				throw new BadOrder(
					`${name(field)} 取值无效(${value.slice(0, 20)}),应为 ${allowed.join('/')}`,
				);
			}
			return number;
		},
		/** @param {string} field @param {'any' | 'nonNegative' | 'positive'} sign @param {boolean} [optional] left out: 0 */
		amount(field, sign, optional = false) {
			const value = source[field];
			if (value === undefined || value === null || value === '') {
				if (optional && value === undefined) return 0;
				throw new BadOrder(`${name(field)} 不能为空`);
			}
			const units = decimalUnits(value);
			if (units === null) {
				throw new BadOrder(`${name(field)} 必须是最多4位小数的数字`);
			}
			if (sign === 'nonNegative' && units < 0) throw new BadOrder(`${name(field)} 不能为负数`);
			if (sign === 'positive' && units <= 0) throw new BadOrder(`${name(field)} 必须大于0`);
			return units;
		},
		/** @param {string} field */
		time(field, required = true) {
			const value = textOf(field);
			if (value === undefined || value === '') {
				if (required) throw new BadOrder(`${name(field)} 不能为空`);
				return null;
			}
			if (value !== ZERO_TIME && parseBeijing(value) === null) {
				throw new BadOrder(`${name(field)} 时间格式错误,应为 yyyy-MM-dd HH:mm:ss`);
			}
			return value;
		},
	};
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
	return (
		value !== null &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		!(value instanceof JsonNumber)
	);
}

/**
 * Check one order whole and bring it into the ERP's form.
 * @param {Record<string, unknown>} raw
 * @returns {PushedOrder}
 */
function readOrder(raw) {
	const f = fields(raw, '');
	const tid = f.text('tid', 40);
	const tradeStatus = /** @type {number} */ (f.choice('trade_status', TRADE_STATUSES));
	const payStatus = f.choice('pay_status', [0, 1, 2], false);
	const deliveryTerm = /** @type {number} */ (f.choice('delivery_term', DELIVERY_TERMS));
	const payTime = /** @type {string} */ (f.time('pay_time'));
	const order = {
		tid,
		trade_status: tradeStatus,
		pay_status: payStatus,
		delivery_term: deliveryTerm,
		trade_time: f.time('trade_time', false),
		pay_time: payTime,
		buyer_nick: f.text('buyer_nick', 100, false),
		receiver_name: f.text('receiver_name', 40),
		receiver_province: f.text('receiver_province', 40, false),
		receiver_city: f.text('receiver_city', 40, false),
		receiver_district: f.text('receiver_district', 40, false),
		receiver_address: f.text('receiver_address', 256),
		receiver_mobile: f.text('receiver_mobile', 40),
		post_amount: f.amount('post_amount', 'nonNegative'),
		cod_amount: f.amount('cod_amount', 'nonNegative'),
		ext_cod_fee: f.amount('ext_cod_fee', 'nonNegative'),
		other_amount: f.amount('other_amount', 'nonNegative', true),
		paid: f.amount('paid', 'nonNegative'),
		order_list: readLines(raw.order_list),
		fingerprint: '',
	};
	if (raw.buyer_nick === undefined || raw.buyer_nick === null)
		throw new BadOrder('buyer_nick 缺失');
	const paidOnline =
		deliveryTerm === 1 && (payStatus === 2 || (payStatus === null && tradeStatus >= 30));
	if (paidOnline && tradeStatus < 80) {
		const due =
			order.order_list.reduce(
				(sum, line) =>
					sum + lineTotal(line) + line.adjust_amount - line.discount - line.share_discount,
				0,
			) +
			order.post_amount +
			order.other_amount;
		if (due !== order.paid) {
			throw new BadOrder(
				`已付金额 paid(${unitsText(order.paid)})与订单金额不一致: Σ(price×num+adjust_amount−discount−share_discount)+post_amount+other_amount = ${unitsText(due)}`,
			);
		}
	}
	order.fingerprint = JSON.stringify(order);
	return order;
}

/**
 * price × num in ten-thousandths; refused when it would need more than 4 decimal places.
 * @param {PushedLine} line
 */
function lineTotal(line) {
	const product = line.price * line.num;
	if (product % 10000 !== 0) {
		throw new BadOrder(`子订单 ${line.oid} 的 price×num 超过4位小数`);
	}
	return product / 10000;
}

/**
 * @param {unknown} list
 * @returns {PushedLine[]}
 */
function readLines(list) {
	if (!Array.isArray(list) || list.length === 0) throw new BadOrder('order_list 必须是非空数组');
	/** @type {Set<string>} */
	const seen = new Set();
	return list.map((raw, index) => {
		const where = `order_list[${index}]`;
		if (!isObject(raw)) throw new BadOrder(`${where} 必须是对象`);
		const f = fields(raw, where);
		const oid = f.text('oid', 40);
		if (seen.has(oid)) throw new BadOrder(`${where}.oid ${oid} 在订单内重复`);
		seen.add(oid);
		const goodsNo = f.text('goods_no', 40, false);
		const specNo = f.text('spec_no', 40, false);
		if (goodsNo === '' && specNo === '')
			throw new BadOrder(`${where} goods_no和spec_no不能同时为空`);
		return {
			oid,
			num: f.amount('num', 'positive'),
			price: f.amount('price', 'nonNegative'),
			status: /** @type {number} */ (f.choice('status', TRADE_STATUSES)),
			refund_status: /** @type {number} */ (f.choice('refund_status', [0, 1, 2, 3, 4, 5])),
			goods_id: f.text('goods_id', 40),
			spec_id: f.text('spec_id', 40, false),
			goods_no: goodsNo,
			spec_no: specNo,
			goods_name: f.text('goods_name', 255),
			spec_name: f.text('spec_name', 100, false),
			adjust_amount: f.amount('adjust_amount', 'any'),
			discount: f.amount('discount', 'nonNegative'),
			share_discount: f.amount('share_discount', 'nonNegative'),
		};
	});
}

/**
 * The shop a push-style endpoint names: shop_no, else shop_id (WDT: shop_no wins). An unknown
 * shop_id is WDT's 1007 店铺ID不存在 (docs/wdt-contract.md#error-codes).
 * @param {Record<string, string>} params
 * @param {EndpointContext} ctx
 * @returns {import('./pool').Shop | EndpointAnswer}
 */
function pushShop(params, ctx) {
	if (params.shop_no) {
		return ctx.pool.activeShop(params.shop_no) ?? answer('SHOP_NOT_FOUND', params.shop_no);
	}
	if (params.shop_id) {
		const shop = [...ctx.pool.shops.values()].find((s) => String(s.shop_id) === params.shop_id);
		if (!shop) return answer('SHOP_ID_NOT_FOUND');
		return shop.disabled ? answer('SHOP_NOT_FOUND', `shop_id ${params.shop_id}`) : shop;
	}
	return answer('MISSING_PARAMETER', 'shop_no');
}

/**
 * @param {Record<string, string>} params
 * @param {EndpointContext} ctx
 * @returns {EndpointAnswer}
 */
function tradePush(params, ctx) {
	const text = params.trade_list;
	if (!text) return answer('MISSING_PARAMETER', 'trade_list');
	const strictText = params.switch ?? '0';
	if (strictText !== '0' && strictText !== '1') {
		return answer('BAD_PARAMETER', `switch 必须是0或1,收到 "${strictText.slice(0, 20)}"`);
	}
	const shop = pushShop(params, ctx);
	if ('code' in shop) return shop;
	let list;
	try {
		list = parse(text);
	} catch (error) {
		return answer(
			'BAD_PARAMETER',
			`trade_list 不是合法的JSON(${/** @type {Error} */ (error).message})`,
		);
	}
	if (!Array.isArray(list)) return answer('BAD_PARAMETER', 'trade_list 必须是JSON数组');
	if (list.length === 0) return answer('BAD_PARAMETER', 'trade_list 不能为空');
	if (list.length > MAX_ORDERS && ctx.world.readings.enforceAdvisedLimits) {
		return answer('BAD_PARAMETER', `trade_list 一次最多${MAX_ORDERS}条订单,收到${list.length}条`);
	}

	const erp = ctx.erpOrders;
	/** @type {Array<{ tid: string, error: string }>} */
	const errors = [];
	/** @type {PushedOrder[]} */
	const good = [];
	/** @type {Map<string, number>} */
	const buyers = new Map();
	/** @type {Set<string>} */
	const tids = new Set();
	/** oid → tid within this call @type {Map<string, string>} */
	const oids = new Map();
	list.forEach((raw, index) => {
		const label =
			isObject(raw) && typeof raw.tid === 'string' && raw.tid !== ''
				? raw.tid
				: `trade_list[${index}]`;
		try {
			if (!isObject(raw)) throw new BadOrder(`trade_list[${index}] 必须是对象`);
			const order = readOrder(raw);
			if (tids.has(order.tid)) throw new BadOrder(`tid ${order.tid} 在本次推送中重复`);
			tids.add(order.tid);
			for (const line of order.order_list) {
				const owner = oids.get(line.oid);
				if (owner !== undefined)
					throw new BadOrder(`子订单编号 oid ${line.oid} 已属于订单 ${owner}`);
				oids.set(line.oid, order.tid);
			}
			const sameBuyer = (buyers.get(order.buyer_nick) ?? 0) + 1;
			buyers.set(order.buyer_nick, sameBuyer);
			if (sameBuyer > MAX_SAME_BUYER) {
				throw new BadOrder(
					`一次推送网名相同(${order.buyer_nick})的订单不能超过${MAX_SAME_BUYER}条`,
				);
			}
			const refusal = erp.refusal(shop.shop_no, order);
			if (refusal !== null) throw new BadOrder(refusal);
			good.push(order);
		} catch (error) {
			if (!(error instanceof BadOrder)) throw error;
			errors.push({ tid: label, error: error.message });
		}
	});
	if (strictText === '1' && errors.length > 0) {
		erp.counts.refused += list.length;
		return answer('BAD_PARAMETER', `订单 ${errors[0].tid}: ${errors[0].error}`);
	}
	let newCount = 0;
	let chgCount = 0;
	for (const order of good) {
		if (erp.push(shop.shop_no, order) === 'new') newCount++;
		else chgCount++;
	}
	erp.counts.refused += errors.length;
	const result = { code: 0, message: 'OK', new_count: newCount, chg_count: chgCount };
	const named = ctx.world.readings.tradePushErrors === 'list';
	return errors.length > 0 && named ? { ...result, errors } : result;
}

module.exports = { tradePush, readOrder, pushShop, BadOrder, MAX_ORDERS, TRADE_STATUSES, DELIVERY_TERMS };
