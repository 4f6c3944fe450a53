// @ts-check
'use strict';

/**
 * The fake shop's refunds and returns: what its buyers ask for after an order, in WDT's
 * sales_refund_push field names (the doc's type numbers), for a workflow to push into the ERP
 * (Refund · Push). Not openapi2: no signature, answers like a plain shop API.
 *
 *   GET /fake-shop/refunds?shop_no=&modified_from=&page_no=&page_size=
 *       → 200 {success: true, total_count, refunds: [...]} ordered by (modified, refund_no);
 *         page_no from 0, page_size 1..100 (default 100); modified_from Beijing time
 *
 * A refund: {shop_no, refund_no, tid, type, status, refund_fee, buyer_nick, refund_time, reason,
 * desc, logistics_no, logistics_name, order_list: [{oid, num}], modified}. type 2 is a return
 * (the goods come back: status 4, the buyer's return parcel in logistics_no / logistics_name),
 * type 4 a refund without return (status 5, refunded), type 1 a refund before shipping.
 * Refunds are made by issue(), or after delivery by the rule refundAfterDelivery() (the shop's
 * buyers ask as soon as the shop takes the tracking number), deterministically from the seed.
 */

const { createRandom } = require('./prng');
const { formatBeijing, parseBeijing } = require('./world-time');

/**
 * @typedef {object} ShopRefund
 * @property {string} shop_no
 * @property {string} refund_no
 * @property {string} tid
 * @property {number} type      1 退款(未发货) / 2 退货退款 / 4 退款不退货 (the doc's numbers)
 * @property {number} status    2 申请退款 / 4 等待收货 / 5 退款成功 …
 * @property {string} refund_fee 2-place decimal text
 * @property {string} buyer_nick
 * @property {string} refund_time
 * @property {string} reason
 * @property {string} desc
 * @property {string} logistics_no   the return parcel ('' unless a return)
 * @property {string} logistics_name
 * @property {Array<{ oid: string, num: number }>} order_list
 * @property {string} modified
 */

/** The kinds the shop's buyers ask for, in turn: a return of everything, a refund without return, a return of one piece. */
/** @type {ReadonlyArray<'return' | 'refundOnly' | 'returnOne'>} */
const KINDS = Object.freeze(['return', 'refundOnly', 'returnOne']);
const REASONS = Object.freeze(['尺码不合适', '不想要了', '商品有瑕疵', '与描述不符', '发错货']);
const RETURN_CARRIERS = Object.freeze([
	{ name: '圆通速递', prefix: 'YT' },
	{ name: '中通快递', prefix: '7' },
]);

/** @param {number} cents */
const money = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
/** @param {string} text 2-place decimal text → cents */
const cents = (text) => {
	const [whole, fraction = ''] = text.split('.');
	return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
};
/** @param {ShopRefund} refund */
const copy = (refund) => ({ ...refund, order_list: refund.order_list.map((line) => ({ ...line })) });

class ShopRefunds {
	/** @param {{ seed?: number | string, clock: () => number }} options */
	constructor(options) {
		this.clock = options.clock;
		this.random = createRandom(`${options.seed ?? 1}/fake-shop-refunds`);
		/** refund_no → refund @type {Map<string, ShopRefund>} */
		this.refunds = new Map();
		/** deliveries left that get a refund request right after */
		this.afterDelivery = 0;
		this.turn = 0;
	}

	/**
	 * The next `count` orders the shop delivers (takes a tracking number for) get a refund request
	 * from their buyer right after: a return, a refund without return, a return of one piece, in turn.
	 * @param {{ count?: number }} [rule]
	 */
	refundAfterDelivery(rule = {}) {
		this.afterDelivery += rule.count ?? 1;
	}

	/**
	 * The shop took a tracking number for this order (first time): maybe its buyer asks for a refund.
	 * @param {import('./shop-orders').ShopOrder} order
	 */
	delivered(order) {
		if (this.afterDelivery <= 0) return undefined;
		this.afterDelivery--;
		const kind = KINDS[this.turn++ % KINDS.length];
		return this.issue(order, { kind });
	}

	/**
	 * A buyer's refund request for an order of the shop.
	 * @param {import('./shop-orders').ShopOrder} order
	 * @param {{ kind?: 'return' | 'refundOnly' | 'returnOne' | 'beforeShipping', status?: number, refund_no?: string, at?: number }} [options]
	 * @returns {ShopRefund} a copy
	 */
	issue(order, options = {}) {
		const random = this.random;
		const kind = options.kind ?? 'return';
		const at = Math.floor(options.at ?? this.clock());
		const count = [...this.refunds.values()].filter((r) => r.tid === order.tid).length;
		const refundNo = options.refund_no ?? `RF${order.tid}-${count + 1}`;
		const lines =
			kind === 'returnOne'
				? [{ oid: order.order_list[0].oid, num: 1, price: order.order_list[0].price }]
				: order.order_list.map((line) => ({ oid: line.oid, num: line.num, price: line.price }));
		const goodsCents = lines.reduce((sum, line) => sum + line.num * cents(line.price), 0);
		const isReturn = kind === 'return' || kind === 'returnOne';
		const carrier = random.pick(RETURN_CARRIERS);
		let digits = '';
		while (digits.length < 12) digits += String(random.int(0, 9));
		/** @type {ShopRefund} */
		const refund = {
			shop_no: order.shop_no,
			refund_no: refundNo,
			tid: order.tid,
			type: isReturn ? 2 : kind === 'refundOnly' ? 4 : 1,
			status: options.status ?? (isReturn ? 4 : kind === 'refundOnly' ? 5 : 2),
			refund_fee: kind === 'refundOnly' ? money(Math.min(500, goodsCents)) : money(goodsCents),
			buyer_nick: order.buyer_nick,
			refund_time: formatBeijing(at),
			reason: random.pick(REASONS),
			desc: '',
			logistics_no: isReturn ? `${carrier.prefix}${digits}` : '',
			logistics_name: isReturn ? carrier.name : '',
			order_list: lines.map((line) => ({ oid: line.oid, num: line.num })),
			modified: formatBeijing(at),
		};
		this.refunds.set(refundNo, refund);
		return copy(refund);
	}

	/**
	 * The shop changes a refund's status (the refund then shows as modified, so a workflow pushes it again).
	 * @param {string} refundNo
	 * @param {number} status
	 */
	setStatus(refundNo, status) {
		const refund = this.refunds.get(refundNo);
		if (!refund) throw new Error(`no shop refund ${refundNo}`);
		refund.status = status;
		refund.modified = formatBeijing(Math.floor(this.clock()));
		return copy(refund);
	}

	/**
	 * Refunds as the GET answers them.
	 * @param {{ shop_no?: string, modified_from?: string }} [filter]
	 */
	list(filter = {}) {
		const from = filter.modified_from ? parseBeijing(filter.modified_from) : null;
		return [...this.refunds.values()]
			.filter((r) => filter.shop_no === undefined || r.shop_no === filter.shop_no)
			.filter((r) => from === null || /** @type {number} */ (parseBeijing(r.modified)) >= from)
			.sort((a, b) =>
				a.modified < b.modified ? -1 : a.modified > b.modified ? 1 : a.refund_no < b.refund_no ? -1 : 1,
			)
			.map(copy);
	}

	/** @param {string} refundNo */
	get(refundNo) {
		const refund = this.refunds.get(refundNo);
		return refund && copy(refund);
	}

	clear() {
		this.refunds.clear();
		this.afterDelivery = 0;
		this.turn = 0;
	}
}

module.exports = { ShopRefunds };
