// @ts-check
'use strict';

/**
 * Work left waiting in the ERP after a demo run (`npm start -- --keep`), so a person who imports an
 * example into n8n sees it do something: the shop takes new paid orders, which enter the ERP as
 * trade_push would take them (the same checks: trade-push.js readOrder and the ERP's refusal
 * rules) and ship at once. Each order reserves stock, so its SKUs' stock changes become pending
 * (api_goods_stock_change_query), and leaves a pending shipment (logistics_sync_query): both
 * pools fill the way they do in a real shop day, and the ERP's stock stays consistent.
 */

const { parse } = require('./lossless-json');
const { readOrder } = require('./trade-push');

/** @typedef {{ stockChanges: number, shipments: number }} Waiting */

/**
 * New paid orders of the shops, pushed into the ERP and shipped.
 * @param {import('./index').Emulator} emu
 * @param {{ orders?: number, shops?: string[] }} [options]  orders: default 20, spread over the shops
 *   (default: every active shop of the stock pool that has SKUs)
 * @returns {Record<string, Waiting>} what waits per shop afterwards (waitingPerShop)
 */
function refillPools(emu, options = {}) {
	const count = options.orders ?? 20;
	const made = count > 0 ? emu.fakeShop.generateOrders(count, { shops: options.shops, unpaidRatio: 0 }) : [];
	for (const order of made) {
		const pushed = readOrder(/** @type {Record<string, unknown>} */ (parse(JSON.stringify(order))));
		const refusal = emu.erpOrders.refusal(order.shop_no, pushed);
		if (refusal !== null) throw new Error(`refillPools: the ERP refused order ${order.tid}: ${refusal}`);
		emu.erpOrders.push(order.shop_no, pushed);
	}
	emu.erpOrders.shipDue(Number.POSITIVE_INFINITY);
	return waitingPerShop(emu);
}

/**
 * Pending stock changes and shipments per shop (every shop of the stock pool, in its order).
 * @param {import('./index').Emulator} emu
 * @returns {Record<string, Waiting>}
 */
function waitingPerShop(emu) {
	/** @type {Record<string, Waiting>} */
	const waiting = {};
	for (const shopNo of emu.pool.shops.keys()) {
		waiting[shopNo] = { stockChanges: emu.pool.pendingCount(shopNo), shipments: emu.logistics.pendingCount(shopNo) };
	}
	return waiting;
}

module.exports = { refillPools, waitingPerShop };
