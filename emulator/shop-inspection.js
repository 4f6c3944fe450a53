// @ts-check
'use strict';

/**
 * What tests and `npm start` check after a shop day: both pools empty, and the shop agreeing with
 * the ERP on stock, on tracking numbers and on refunds.
 *
 * - stock: every stock-pool row of the compared shops against the fake shop's stock for
 *   (shop_no, spec_no): `different` lists rows whose pushed stock is not the ERP's sync_stock,
 *   `missing` rows the shop never received.
 * - tracking: every order the ERP shipped that the fake shop knows: the shop's logistics_no must
 *   be the ERP's. A shipment the shop refused and the ERP recorded as failed (ack status 1) is
 *   `refusedByShop`, not a difference: the ERP shows it to a person.
 * - ok: pending 0 in both pools, no stock difference or missing row, no tracking difference,
 *   and every paid shop order shipped by the ERP.
 */

const { SYNC_STATUS } = require('./logistics');

/** @typedef {import('./pool').StockPool} StockPool */
/** @typedef {import('./erp-orders').ErpOrders} ErpOrders */
/** @typedef {import('./logistics').LogisticsPool} LogisticsPool */
/** @typedef {import('./shop-orders').FakeShop} FakeShop */
/** @typedef {import('./fake-shop').FakeShopStock} FakeShopStock */

/**
 * @param {{ pool: StockPool, erpOrders: ErpOrders, logistics: LogisticsPool, fakeShop: FakeShop, shopStock: FakeShopStock }} parts
 * @param {{ shops?: string[] }} [options] shops to compare stock for (default: the shops with
 *   fake-shop orders, or every pool shop when there are none)
 */
function shopLoopSummary(parts, options = {}) {
	const { pool, erpOrders, logistics, fakeShop, shopStock } = parts;
	erpOrders.shipDue();
	const shopOrders = [...fakeShop.orders.values()];
	const orderShops = [...new Set(shopOrders.map((o) => o.shop_no))];
	const shops = options.shops ?? (orderShops.length > 0 ? orderShops : [...pool.shops.keys()]);

	/** @type {Array<{ shop_no: string, spec_no: string, rec_id: string, erp: number, shop: number }>} */
	const different = [];
	/** @type {Array<{ shop_no: string, spec_no: string, rec_id: string, erp: number }>} */
	const missing = [];
	let equal = 0;
	let rows = 0;
	for (const row of pool.rows.values()) {
		if (!shops.includes(row.shop_no)) continue;
		rows++;
		const shop = shopStock.stock(row.shop_no, row.spec_no);
		const where = {
			shop_no: row.shop_no,
			spec_no: row.spec_no,
			rec_id: row.rec_id,
			erp: row.sync_stock,
		};
		if (shop === undefined) missing.push(where);
		else if (shop !== row.sync_stock) different.push({ ...where, shop });
		else equal++;
	}

	/** @type {Array<{ shop_no: string, tid: string, erp: string, shop: string }>} */
	const trackingDifferent = [];
	let trackingEqual = 0;
	let refusedByShop = 0;
	let unknownToShop = 0;
	let paidNotShipped = 0;
	for (const trade of erpOrders.all()) {
		if (trade.state !== 'shipped') continue;
		const order = fakeShop.orders.get(trade.tid);
		if (!order || order.shop_no !== trade.shop_no) {
			unknownToShop++;
			continue;
		}
		const record =
			trade.logistics_rec_id === null ? undefined : logistics.get(trade.logistics_rec_id);
		if (order.logistics_no === trade.logistics_no) trackingEqual++;
		else if (record?.sync_status === SYNC_STATUS.FAILED) refusedByShop++;
		else {
			trackingDifferent.push({
				shop_no: trade.shop_no,
				tid: trade.tid,
				erp: /** @type {string} */ (trade.logistics_no),
				shop: order.logistics_no,
			});
		}
	}
	for (const order of shopOrders) {
		const trade = erpOrders.get(order.shop_no, order.tid);
		if (order.pay_status === 2 && trade?.state !== 'shipped') paidNotShipped++;
		if (order.logistics_no !== '' && trade?.state !== 'shipped') {
			trackingDifferent.push({
				shop_no: order.shop_no,
				tid: order.tid,
				erp: '',
				shop: order.logistics_no,
			});
		}
	}

	/** @type {Array<{ shop_no: string, refund_no: string, tid: string }>} */
	const refundsMissing = [];
	/** @type {Array<{ shop_no: string, refund_no: string, erp: string, shop: string }>} */
	const refundsDifferent = [];
	let refundsEqual = 0;
	const shopRefunds = fakeShop.refunds.list();
	/** @param {{ type: number, status: number, order_list: Array<{ oid: string, num: number }> }} r @param {number} scale */
	const refundText = (r, scale) =>
		`type ${r.type}, status ${r.status}, lines ${r.order_list.map((l) => `${l.oid}×${l.num / scale}`).join(' ')}`;
	for (const refund of shopRefunds) {
		const held = erpOrders.refunds.get(`${refund.shop_no}\u0000${refund.refund_no}`);
		if (!held) refundsMissing.push({ shop_no: refund.shop_no, refund_no: refund.refund_no, tid: refund.tid });
		else {
			const erp = refundText(held.refund, 10000);
			const shop = refundText(refund, 1);
			if (erp === shop) refundsEqual++;
			else refundsDifferent.push({ shop_no: refund.shop_no, refund_no: refund.refund_no, erp, shop });
		}
	}
	const erpRefunds = [...erpOrders.refunds.values()];

	const records = logistics.all();
	const summary = {
		orders: {
			inShop: shopOrders.length,
			paidInShop: shopOrders.filter((o) => o.pay_status === 2).length,
			pushedNew: erpOrders.counts.new,
			pushedChanged: erpOrders.counts.changed,
			refused: erpOrders.counts.refused,
			...erpOrders.stateCounts(),
			paidNotShipped,
		},
		stock: {
			shops,
			pending: pool.pendingCount(),
			rows,
			equal,
			different,
			missing,
		},
		logistics: {
			pending: logistics.pendingCount(),
			synced: records.filter((r) => r.sync_status === SYNC_STATUS.SYNCED).length,
			failed: records.filter((r) => r.sync_status === SYNC_STATUS.FAILED).length,
			records: records.length,
		},
		tracking: {
			equal: trackingEqual,
			different: trackingDifferent,
			refusedByShop,
			unknownToShop,
		},
		refunds: {
			inShop: shopRefunds.length,
			inErp: erpRefunds.length,
			pushedNew: erpOrders.refundCounts.new,
			pushedChanged: erpOrders.refundCounts.changed,
			equal: refundsEqual,
			missing: refundsMissing,
			different: refundsDifferent,
			returnsReceived: erpRefunds.filter((r) => r.received).length,
		},
		ok: false,
	};
	summary.ok =
		summary.stock.pending === 0 &&
		summary.logistics.pending === 0 &&
		different.length === 0 &&
		missing.length === 0 &&
		trackingDifferent.length === 0 &&
		paidNotShipped === 0 &&
		refundsMissing.length === 0 &&
		refundsDifferent.length === 0;
	return summary;
}

module.exports = { shopLoopSummary };
