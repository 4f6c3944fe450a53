// @ts-check
'use strict';

/**
 * The fake shop's orders and shipments: the self-built shop (自有商城) whose orders a workflow
 * pushes into the ERP (trade_push) and which receives the tracking numbers back. Not openapi2:
 * no signature, answers like a plain shop API.
 *
 *   GET  /fake-shop/orders?shop_no=&modified_from=&page_no=&page_size=
 *        → 200 {success: true, total_count, orders: [...]} — orders in trade_push's field names
 *          (tid, trade_status, pay_status, …, order_list[]), plus shop_no, modified and, once
 *          shipped, logistics_no / logistics_name; ordered by (modified, tid); page_no from 0,
 *          page_size 1..100 (default 100); modified_from: 'YYYY-MM-DD HH:mm:ss' Beijing time
 *   POST /fake-shop/shipments  JSON (or form) {tid, logistics_no, logistics_name?, shop_no?}, strings
 *        → 200 {success: true}; the shop refuses → 200 {success: false, code, error};
 *          malformed → 400 {success: false, error}
 *   GET  /fake-shop/shipments → 200 {success: true, shipments: [...]}
 *   GET  /fake-shop/refunds   → the buyers' refunds and returns (shop-refunds.js)
 *
 * The shop refuses a shipment for an unknown tid (ORDER_NOT_FOUND), an unpaid order
 * (ORDER_NOT_PAID), or a second, different tracking number (ALREADY_SHIPPED); the same tracking
 * number again is fine (idempotent). Tests and demos inject refusals with refuseShipments().
 * Orders are made by generateOrders(), deterministically from the seed.
 */

const { createRandom } = require('./prng');
const { decodeFormBody, FormBodyError } = require('./form-body');
const { JsonNumber, parse } = require('./lossless-json');
const { formatBeijing, parseBeijing } = require('./world-time');
const { RECEIVERS, PLACES } = require('./world');
const { ShopRefunds } = require('./shop-refunds');

/** @typedef {import('./pool').StockPool} StockPool */
/** @typedef {import('./world').World} World */

/**
 * @typedef {object} ShopOrderLine
 * @property {string} oid
 * @property {number} num
 * @property {string} price
 * @property {number} status
 * @property {number} refund_status
 * @property {string} goods_id
 * @property {string} spec_id
 * @property {string} goods_no
 * @property {string} spec_no
 * @property {string} goods_name
 * @property {string} spec_name
 * @property {string} adjust_amount
 * @property {string} discount
 * @property {string} share_discount
 */

/**
 * An order as the shop holds it: trade_push's field names, amounts as 2-place decimal text.
 * @typedef {object} ShopOrder
 * @property {string} shop_no
 * @property {string} tid
 * @property {number} trade_status   10 待支付 / 30 已支付
 * @property {number} pay_status     0 / 2
 * @property {number} delivery_term  1 款到发货
 * @property {string} trade_time
 * @property {string} pay_time       '0000-00-00 00:00:00' when unpaid
 * @property {string} buyer_nick
 * @property {string} receiver_name
 * @property {string} receiver_province
 * @property {string} receiver_city
 * @property {string} receiver_district
 * @property {string} receiver_address
 * @property {string} receiver_mobile
 * @property {string} post_amount
 * @property {string} cod_amount
 * @property {string} ext_cod_fee
 * @property {string} other_amount
 * @property {string} paid
 * @property {ShopOrderLine[]} order_list
 * @property {string} modified       Beijing time
 * @property {string} logistics_no   '' until shipped
 * @property {string} logistics_name
 */

/**
 * @typedef {object} Shipment
 * @property {number} seq
 * @property {string} shop_no
 * @property {string} tid
 * @property {string} logistics_no
 * @property {string} logistics_name
 * @property {number} at  Date.now()
 */

/**
 * @typedef {object} RefusalRule
 * @property {number} id
 * @property {string | undefined} tid   only this order (default: any)
 * @property {number} count             refusals left (Infinity: until removed)
 * @property {string} code
 * @property {string} message
 */

/**
 * @typedef {object} ShopRouteResult
 * @property {number} status HTTP status
 * @property {Record<string, unknown>} response JSON body
 * @property {boolean} accepted
 * @property {string | null} reason why not accepted (English)
 */

const BUYERS = [
	'小鹿买买',
	'momo_88',
	'晴天娃娃',
	'lucky猫',
	'阿杰同学',
	'sunny_day',
	'橙子酱',
	'老王家',
];
const STREETS = ['文一西路', '科技园南路', '建国路', '世纪大道', '天府大道', '中山路', '珞喻路'];
const DEFAULT_REFUSAL = '平台拒绝发货:订单已申请退款';

/** @param {number} cents */
const money = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

class FakeShop {
	/**
	 * @param {{ seed?: number | string, pool: StockPool, world: World, clock: () => number }} options
	 */
	constructor(options) {
		this.pool = options.pool;
		this.world = options.world;
		this.clock = options.clock;
		this.random = createRandom(`${options.seed ?? 1}/fake-shop-orders`);
		/** tid → order @type {Map<string, ShopOrder>} */
		this.orders = new Map();
		/** @type {Shipment[]} accepted shipments */
		this.shipments = [];
		/** @type {Array<{ tid: string, code: string, error: string }>} refused shipments */
		this.refusals = [];
		/** @type {RefusalRule[]} */
		this.rules = [];
		this.nextRuleId = 1;
		this.sequence = 0;
		/** the buyers' refunds and returns (shop-refunds.js) */
		this.refunds = new ShopRefunds({ seed: options.seed, clock: options.clock });
	}

	/**
	 * A buyer asks for a refund of an order of the shop (see ShopRefunds.issue).
	 * @param {string} tid
	 * @param {Parameters<ShopRefunds['issue']>[1]} [options]
	 */
	issueRefund(tid, options) {
		const order = this.orders.get(tid);
		if (!order) throw new Error(`no shop order ${tid}`);
		return this.refunds.issue(order, options);
	}

	/**
	 * The next `count` orders the shop delivers get a refund request right after (see
	 * ShopRefunds.refundAfterDelivery).
	 * @param {{ count?: number }} [rule]
	 */
	refundAfterDelivery(rule) {
		this.refunds.refundAfterDelivery(rule);
	}

	/**
	 * New orders of the day, spread over the shops, with 1–3 lines of the shop's own SKUs
	 * (its stock-pool rows), some with a coupon shared over the lines.
	 * @param {number} count
	 * @param {{ shops?: string[], unpaidRatio?: number, at?: number }} [options]
	 *   shops: default every active pool shop; unpaidRatio: share left 待支付 (default 0)
	 * @returns {ShopOrder[]} copies of the new orders
	 */
	generateOrders(count, options = {}) {
		const random = this.random;
		const shops =
			options.shops ??
			[...this.pool.shops.values()].filter((s) => !s.disabled).map((s) => s.shop_no);
		/** @type {Map<string, import('./pool').StockRow[]>} */
		const rowsByShop = new Map(shops.map((shopNo) => [shopNo, []]));
		for (const row of this.pool.rows.values()) rowsByShop.get(row.shop_no)?.push(row);
		const usable = shops.filter((shopNo) => (rowsByShop.get(shopNo) ?? []).length > 0);
		if (usable.length === 0)
			throw new Error('generateOrders: the shops have no SKUs in the stock pool');
		this.world.ensure();
		const at = Math.floor(options.at ?? this.clock());
		/** @type {ShopOrder[]} */
		const made = [];
		for (let i = 0; i < count; i++) {
			const shopNo = usable[i % usable.length];
			const rows = /** @type {import('./pool').StockRow[]} */ (rowsByShop.get(shopNo));
			const paid = random.next() >= (options.unpaidRatio ?? 0);
			made.push(this.makeOrder(shopNo, rows, paid, at));
		}
		return made.map((order) => copy(order));
	}

	/**
	 * @param {string} shopNo
	 * @param {import('./pool').StockRow[]} rows
	 * @param {boolean} paid
	 * @param {number} at
	 */
	makeOrder(shopNo, rows, paid, at) {
		const random = this.random;
		this.sequence++;
		const tid = `${shopNo.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}${formatBeijing(at).slice(0, 10).replace(/-/g, '')}${String(this.sequence).padStart(6, '0')}`;
		/** @type {import('./pool').StockRow[]} */
		const chosen = [];
		for (let n = random.int(1, 3); n > 0; n--) {
			const row = random.pick(rows);
			if (!chosen.includes(row)) chosen.push(row);
		}
		const lines = chosen.map((row, index) => {
			const sku = this.world.skus.find((s) => s.spec_no === row.spec_no);
			const priceCents = sku ? Math.round(sku.price * 100) : random.int(990, 29900);
			return { row, index, num: random.int(1, 3), priceCents };
		});
		const goodsCents = lines.reduce((sum, l) => sum + l.num * l.priceCents, 0);
		const couponCents = goodsCents > 3000 && random.next() < 0.3 ? 500 : 0;
		const postCents = goodsCents - couponCents >= 9900 ? 0 : 800;
		let left = couponCents;
		const orderList = lines.map((l, index) => {
			const share =
				index === lines.length - 1
					? left
					: Math.floor((couponCents * l.num * l.priceCents) / goodsCents);
			left -= share;
			return {
				oid: `${tid}-${index + 1}`,
				num: l.num,
				price: money(l.priceCents),
				status: paid ? 30 : 10,
				refund_status: 0,
				goods_id: String(l.row.goods_id),
				spec_id: String(l.row.spec_id),
				goods_no: l.row.goods_no,
				spec_no: l.row.spec_no,
				goods_name: l.row.goods_name,
				spec_name: l.row.spec_name,
				adjust_amount: '0.00',
				discount: '0.00',
				share_discount: money(share),
			};
		});
		const place = random.pick(PLACES);
		const tradeTime = at - random.int(0, 600);
		/** @type {ShopOrder} */
		const order = {
			shop_no: shopNo,
			tid,
			trade_status: paid ? 30 : 10,
			pay_status: paid ? 2 : 0,
			delivery_term: 1,
			trade_time: formatBeijing(tradeTime),
			pay_time: paid
				? formatBeijing(Math.min(at, tradeTime + random.int(5, 300)))
				: '0000-00-00 00:00:00',
			buyer_nick: `${random.pick(BUYERS)}${random.int(10, 99)}`,
			receiver_name: random.pick(RECEIVERS),
			receiver_province: place[0],
			receiver_city: place[1],
			receiver_district: place[2],
			receiver_address: `${random.pick(STREETS)}${random.int(1, 999)}号${random.int(1, 30)}幢${random.int(101, 2808)}室`,
			receiver_mobile: `1${random.pick(['38', '39', '58', '86', '88'])}${String(random.int(0, 99999999)).padStart(8, '0')}`,
			post_amount: money(postCents),
			cod_amount: '0.00',
			ext_cod_fee: '0.00',
			other_amount: '0.00',
			paid: paid ? money(goodsCents - couponCents + postCents) : '0.00',
			order_list: orderList,
			modified: formatBeijing(at),
			logistics_no: '',
			logistics_name: '',
		};
		this.orders.set(tid, order);
		return order;
	}

	/**
	 * The buyer pays an unpaid order (it changes, so a workflow pushes it again).
	 * @param {string} tid
	 * @param {number} [at] Unix seconds (default: the clock)
	 */
	pay(tid, at = this.clock()) {
		const order = this.orders.get(tid);
		if (!order) throw new Error(`no shop order ${tid}`);
		if (order.pay_status === 2) return copy(order);
		const goods = order.order_list.reduce(
			(sum, line) => sum + line.num * cents(line.price) - cents(line.share_discount),
			0,
		);
		order.trade_status = 30;
		order.pay_status = 2;
		order.pay_time = formatBeijing(Math.floor(at));
		order.paid = money(goods + cents(order.post_amount));
		for (const line of order.order_list) line.status = 30;
		order.modified = formatBeijing(Math.floor(at));
		return copy(order);
	}

	/**
	 * Orders as the GET answers them.
	 * @param {{ shop_no?: string, modified_from?: string }} [filter]
	 */
	list(filter = {}) {
		const from = filter.modified_from ? parseBeijing(filter.modified_from) : null;
		return [...this.orders.values()]
			.filter((o) => filter.shop_no === undefined || o.shop_no === filter.shop_no)
			.filter((o) => from === null || /** @type {number} */ (parseBeijing(o.modified)) >= from)
			.sort((a, b) =>
				a.modified < b.modified ? -1 : a.modified > b.modified ? 1 : a.tid < b.tid ? -1 : 1,
			)
			.map((o) => copy(o));
	}

	/** @param {string} tid */
	get(tid) {
		const order = this.orders.get(tid);
		return order && copy(order);
	}

	/**
	 * Make the shop refuse shipments, as a real shop does when an order was refunded meanwhile.
	 * @param {{ tid?: string, count?: number, message?: string, code?: string }} [rule]
	 * @returns {number} the rule id (removeRefusal(id))
	 */
	refuseShipments(rule = {}) {
		const id = this.nextRuleId++;
		this.rules.push({
			id,
			tid: rule.tid,
			count: rule.count ?? Infinity,
			code: rule.code ?? 'REFUSED',
			message: rule.message ?? DEFAULT_REFUSAL,
		});
		return id;
	}

	/** @param {number} id */
	removeRefusal(id) {
		this.rules = this.rules.filter((rule) => rule.id !== id);
	}

	/**
	 * Take a tracking number for an order.
	 * @param {{ tid: string, logistics_no: string, logistics_name: string, shop_no?: string }} input
	 * @returns {{ ok: true } | { ok: false, code: string, error: string }}
	 */
	ship(input) {
		const refuse = (/** @type {string} */ code, /** @type {string} */ error) => {
			this.refusals.push({ tid: input.tid, code, error });
			return /** @type {const} */ ({ ok: false, code, error });
		};
		const rule = this.rules.find(
			(r) => r.count > 0 && (r.tid === undefined || r.tid === input.tid),
		);
		if (rule) {
			rule.count--;
			if (rule.count === 0) this.removeRefusal(rule.id);
			return refuse(rule.code, rule.message);
		}
		const order = this.orders.get(input.tid);
		if (!order || (input.shop_no !== undefined && input.shop_no !== order.shop_no)) {
			return refuse('ORDER_NOT_FOUND', `订单不存在: ${input.tid}`);
		}
		if (order.pay_status !== 2)
			return refuse('ORDER_NOT_PAID', `订单未付款,不能发货: ${input.tid}`);
		if (order.logistics_no !== '' && order.logistics_no !== input.logistics_no) {
			return refuse(
				'ALREADY_SHIPPED',
				`订单已发货(物流单号 ${order.logistics_no}),不能更换物流单号`,
			);
		}
		const first = order.logistics_no === '';
		order.logistics_no = input.logistics_no;
		order.logistics_name = input.logistics_name;
		order.modified = formatBeijing(Math.floor(this.clock()));
		if (first) this.refunds.delivered(order);
		this.shipments.push({
			seq: this.shipments.length + 1,
			shop_no: order.shop_no,
			tid: order.tid,
			logistics_no: input.logistics_no,
			logistics_name: input.logistics_name,
			at: Date.now(),
		});
		return { ok: true };
	}

	/** Forget orders, shipments, refusals and rules (emu.reset()). */
	clear() {
		this.orders.clear();
		this.shipments.length = 0;
		this.refusals.length = 0;
		this.rules = [];
		this.refunds.clear();
	}
}

/** @param {string} text 2-place decimal text → cents */
function cents(text) {
	const [whole, fraction = ''] = text.split('.');
	return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

/** @param {ShopOrder} order */
function copy(order) {
	return { ...order, order_list: order.order_list.map((line) => ({ ...line })) };
}

/**
 * Read a JSON or form body into fields (as text), or an error result.
 * @param {string | undefined} contentType
 * @param {Buffer} body
 * @returns {Record<string, unknown> | ShopRouteResult}
 */
function readBody(contentType, body) {
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	try {
		if (type === 'application/json') {
			const value = parse(body.toString('utf8'));
			if (
				value === null ||
				typeof value !== 'object' ||
				Array.isArray(value) ||
				value instanceof JsonNumber
			) {
				return bad('body must be a JSON object');
			}
			return value;
		}
		if (type === 'application/x-www-form-urlencoded') return decodeFormBody(body);
	} catch (error) {
		if (
			error instanceof FormBodyError ||
			(error instanceof Error && error.name === 'JsonSyntaxError')
		) {
			return bad(`unreadable body: ${error.message}`);
		}
		throw error;
	}
	return {
		status: 415,
		response: {
			success: false,
			error: 'Content-Type must be application/json or application/x-www-form-urlencoded',
		},
		accepted: false,
		reason: 'unsupported content type',
	};
}

/** @param {string} error @returns {ShopRouteResult} */
function bad(error) {
	return { status: 400, response: { success: false, error }, accepted: false, reason: error };
}

/**
 * @param {unknown} value
 * @returns {value is ShopRouteResult}
 */
function isResult(value) {
	return (
		value !== null &&
		typeof value === 'object' &&
		'status' in value &&
		'response' in value &&
		'accepted' in value
	);
}

/**
 * The fake shop's order and shipment routes (/fake-shop/orders, /fake-shop/shipments).
 * @param {FakeShop} shop
 * @param {{ path: string, query: URLSearchParams, method: string, contentType: string | undefined, body: Buffer }} request
 * @returns {ShopRouteResult}
 */
function handleShopRoute(shop, request) {
	if (request.path === '/fake-shop/orders' && request.method === 'GET') {
		const q = request.query;
		const pageNo = Number(q.get('page_no') ?? '0');
		const pageSize = Number(q.get('page_size') ?? '100');
		if (!Number.isInteger(pageNo) || pageNo < 0) return bad('page_no must be an integer from 0');
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
			return bad('page_size must be 1..100');
		const from = q.get('modified_from') ?? undefined;
		if (from !== undefined && parseBeijing(from) === null) {
			return bad("modified_from must be 'YYYY-MM-DD HH:mm:ss' (Beijing time)");
		}
		const all = shop.list({ shop_no: q.get('shop_no') ?? undefined, modified_from: from });
		return {
			status: 200,
			response: {
				success: true,
				total_count: all.length,
				orders: all.slice(pageNo * pageSize, (pageNo + 1) * pageSize),
			},
			accepted: true,
			reason: null,
		};
	}
	if (request.path === '/fake-shop/refunds' && request.method === 'GET') {
		const q = request.query;
		const pageNo = Number(q.get('page_no') ?? '0');
		const pageSize = Number(q.get('page_size') ?? '100');
		if (!Number.isInteger(pageNo) || pageNo < 0) return bad('page_no must be an integer from 0');
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
			return bad('page_size must be 1..100');
		const from = q.get('modified_from') ?? undefined;
		if (from !== undefined && parseBeijing(from) === null) {
			return bad("modified_from must be 'YYYY-MM-DD HH:mm:ss' (Beijing time)");
		}
		const all = shop.refunds.list({ shop_no: q.get('shop_no') ?? undefined, modified_from: from });
		return {
			status: 200,
			response: {
				success: true,
				total_count: all.length,
				refunds: all.slice(pageNo * pageSize, (pageNo + 1) * pageSize),
			},
			accepted: true,
			reason: null,
		};
	}
	if (request.path === '/fake-shop/shipments' && request.method === 'GET') {
		return {
			status: 200,
			response: { success: true, shipments: shop.shipments.map((s) => ({ ...s })) },
			accepted: true,
			reason: null,
		};
	}
	if (request.path === '/fake-shop/shipments' && request.method === 'POST') {
		const fields = readBody(request.contentType, request.body);
		if (isResult(fields)) return fields;
		// strings only: a tracking number sent as a JSON number has lost its leading zeros already
		/** @param {unknown} value */
		const text = (value) => (typeof value === 'string' ? value : undefined);
		const tid = text(fields.tid);
		const logisticsNo = text(fields.logistics_no);
		const logisticsName = fields.logistics_name === undefined ? '' : text(fields.logistics_name);
		const shopNo = fields.shop_no === undefined ? undefined : text(fields.shop_no);
		if (!tid) return bad('tid is required (a string)');
		if (!logisticsNo) return bad('logistics_no is required (a string)');
		if (logisticsName === undefined) return bad('logistics_name must be a string');
		if (fields.shop_no !== undefined && !shopNo) return bad('shop_no must be a non-empty string');
		const result = shop.ship({
			tid,
			logistics_no: logisticsNo,
			logistics_name: logisticsName,
			shop_no: shopNo,
		});
		return result.ok
			? { status: 200, response: { success: true }, accepted: true, reason: null }
			: {
					status: 200,
					response: { success: false, code: result.code, error: result.error },
					accepted: false,
					reason: `shop refused: ${result.code}`,
				};
	}
	return {
		status: 405,
		response: { success: false, error: `${request.method} ${request.path} is not served` },
		accepted: false,
		reason: 'method not allowed',
	};
}

module.exports = { FakeShop, handleShopRoute, DEFAULT_REFUSAL };
