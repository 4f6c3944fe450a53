// @ts-check
'use strict';

// The fake shop's orders and shipments (shop-orders.js) over HTTP, and the shop-day summary
// (shop-inspection.js): a loop run by hand here the way a workflow runs it.

const { startEmulator } = require('../../emulator');
const { call, post } = require('./support');
const { pushTrades, queryLogistics, ackLogistics } = require('./shop-fixtures');

/** @type {import('../../emulator').Emulator} */
let emu;

/** @param {Partial<import('../../emulator').EmulatorOptions>} [options] */
async function start(options = {}) {
	emu = await startEmulator({
		pool: { shops: ['shop-a', 'shop-b'], perShop: 8 },
		world: { days: 2, ordersPerDay: 2, busyHours: 0, purchasesPerDay: 0 },
		...options,
	});
}

afterEach(async () => {
	await emu.stop();
});

/** @param {string} [query] */
async function getOrders(query = '') {
	const res = await post(`${emu.fakeShopOrdersUrl}${query}`, '', { method: 'GET' });
	return res;
}

/** @param {Record<string, unknown>} body */
function postShipment(body) {
	return post(emu.fakeShopShipmentsUrl, JSON.stringify(body), { contentType: 'application/json' });
}

/** The stock loop as a workflow runs it: query, push each record to the shop, ack, until empty. */
async function runStockLoop() {
	for (const shopNo of ['shop-a', 'shop-b']) {
		for (;;) {
			const res = await call(emu, 'api_goods_stock_change_query.php', {
				shop_no: shopNo,
				limit: '50',
			});
			const list = res.json.stock_change_list;
			if (list.length === 0) break;
			for (const r of list) {
				const pushed = await post(
					emu.fakeShopUrl,
					JSON.stringify({
						shop_no: r.shop_no,
						spec_no: r.spec_no,
						rec_id: r.rec_id,
						stock: r.sync_stock,
					}),
					{ contentType: 'application/json' },
				);
				expect(pushed.json).toEqual({ success: true });
			}
			const ack = await call(emu, 'api_goods_stock_change_ack.php', {
				stock_sync_list: JSON.stringify(
					list.map((/** @type {any} */ r) => ({
						rec_id: r.rec_id,
						sync_stock: r.sync_stock,
						stock_change_count: r.stock_change_count,
					})),
				),
			});
			expect(ack.json).toEqual({ code: 0, message: 'OK' });
		}
	}
}

/** The shipments loop: query, post each to the shop, ack 0 or 1 with the shop's message. */
async function runShipmentsLoop() {
	for (const shopNo of ['shop-a', 'shop-b']) {
		for (;;) {
			const res = await queryLogistics(emu, shopNo, 20);
			const trades = res.json.trades;
			if (trades.length === 0) break;
			/** @type {Array<{ rec_id: string, status: number, message: string }>} */
			const acks = [];
			for (const t of trades) {
				const shipped = await postShipment({
					tid: t.tid,
					logistics_no: t.logistics_no,
					logistics_name: t.logistics_name,
				});
				acks.push(
					shipped.json.success
						? { rec_id: t.rec_id, status: 0, message: '同步成功' }
						: { rec_id: t.rec_id, status: 1, message: shipped.json.error },
				);
			}
			const ack = await ackLogistics(emu, acks);
			expect(ack.json).toEqual({ code: 0, message: 'OK' });
		}
	}
}

/** Push every order of the shop, 50 a call per shop, as the shop lists them (extra fields and all). */
async function pushShopOrders() {
	for (const shopNo of ['shop-a', 'shop-b']) {
		const orders = (await getOrders(`?shop_no=${shopNo}`)).json.orders;
		for (let i = 0; i < orders.length; i += 50) {
			const res = await pushTrades(emu, shopNo, orders.slice(i, i + 50), { switch: '1' });
			expect(res.json.code).toBe(0);
		}
	}
}

describe('orders', () => {
	test('deterministic from the seed, valid trade_push orders as listed (coupons shared exactly)', async () => {
		await start({ seed: 3 });
		emu.fakeShop.generateOrders(40, { at: 1_800_000_000 });
		const first = (await getOrders()).json;
		await emu.stop();
		await start({ seed: 3 });
		emu.fakeShop.generateOrders(40, { at: 1_800_000_000 });
		const second = (await getOrders()).json;
		expect(second).toEqual(first);
		expect(first.total_count).toBe(40);
		expect(
			first.orders.some((/** @type {any} */ o) =>
				o.order_list.some((/** @type {any} */ l) => l.share_discount !== '0.00'),
			),
		).toBe(true);

		const res = await pushTrades(
			emu,
			'shop-a',
			first.orders.filter((/** @type {any} */ o) => o.shop_no === 'shop-a'),
			{ switch: '1' },
		);
		expect(res.json).toEqual({ code: 0, message: 'OK', new_count: 20, chg_count: 0 });
	});

	test('GET filters by shop_no and modified_from and pages from 0; bad paging is HTTP 400', async () => {
		await start();
		emu.fakeShop.generateOrders(3, { at: 1_800_000_000 });
		emu.fakeShop.generateOrders(3, { at: 1_800_003_600 });
		const all = (await getOrders()).json;
		expect(all.orders.map((/** @type {any} */ o) => o.modified)).toEqual(
			[...all.orders.map((/** @type {any} */ o) => o.modified)].sort(),
		);
		const later = (await getOrders(`?modified_from=${encodeURIComponent(all.orders[5].modified)}`))
			.json;
		expect(later.total_count).toBe(3);
		const shopB = (await getOrders('?shop_no=shop-b')).json;
		expect(shopB.orders.every((/** @type {any} */ o) => o.shop_no === 'shop-b')).toBe(true);
		const page1 = (await getOrders('?page_size=4&page_no=1')).json;
		expect(page1.orders.map((/** @type {any} */ o) => o.tid)).toEqual(
			all.orders.slice(4).map((/** @type {any} */ o) => o.tid),
		);
		for (const bad of [
			'?page_size=0',
			'?page_size=101',
			'?page_no=-1',
			'?modified_from=yesterday',
		]) {
			expect((await getOrders(bad)).status).toBe(400);
		}
	});

	test('an unpaid order pays later: pushed again, it reserves and ships', async () => {
		await start();
		const [order] = emu.fakeShop.generateOrders(1, { unpaidRatio: 1 });
		expect(order).toMatchObject({ trade_status: 10, pay_status: 0, paid: '0.00' });
		await pushShopOrders();
		expect(emu.erpOrders.get(order.shop_no, order.tid)?.state).toBe('waiting');
		emu.fakeShop.pay(order.tid);
		await pushShopOrders();
		expect(emu.erpOrders.get(order.shop_no, order.tid)?.state).toBe('reserved');
		emu.world.shipDueOrders();
		expect(emu.erpOrders.get(order.shop_no, order.tid)?.state).toBe('shipped');
	});
});

describe('shipments', () => {
	test('the shop takes a tracking number once, refuses what it cannot take, and injected refusals', async () => {
		await start();
		const [paid] = emu.fakeShop.generateOrders(1);
		const [unpaid] = emu.fakeShop.generateOrders(1, { unpaidRatio: 1 });

		expect((await postShipment({ tid: 'NOPE', logistics_no: 'SF1' })).json).toMatchObject({
			success: false,
			code: 'ORDER_NOT_FOUND',
		});
		expect((await postShipment({ tid: unpaid.tid, logistics_no: 'SF1' })).json).toMatchObject({
			success: false,
			code: 'ORDER_NOT_PAID',
		});

		const id = emu.fakeShop.refuseShipments({ tid: paid.tid, count: 1, message: '订单已申请退款' });
		expect(id).toBeGreaterThan(0);
		const refused = await postShipment({
			tid: paid.tid,
			logistics_no: 'SF1',
			logistics_name: '顺丰速运',
		});
		expect([refused.status, refused.json]).toEqual([
			200,
			{ success: false, code: 'REFUSED', error: '订单已申请退款' },
		]);

		const taken = await postShipment({
			tid: paid.tid,
			logistics_no: 'SF1',
			logistics_name: '顺丰速运',
		});
		expect(taken.json).toEqual({ success: true });
		const form = await post(emu.fakeShopShipmentsUrl, { tid: paid.tid, logistics_no: 'SF1' });
		expect(form.json).toEqual({ success: true });
		const other = await postShipment({ tid: paid.tid, logistics_no: 'YT2' });
		expect(other.json).toMatchObject({ success: false, code: 'ALREADY_SHIPPED' });
		expect(emu.fakeShop.get(paid.tid)?.logistics_no).toBe('SF1');

		for (const bad of [
			{},
			{ tid: paid.tid },
			{ tid: paid.tid, logistics_no: 5 },
			{ tid: paid.tid, logistics_no: 'X', shop_no: '' },
		]) {
			expect((await postShipment(bad)).status).toBe(400);
		}
		const listed = await post(emu.fakeShopShipmentsUrl, '', { method: 'GET' });
		expect(listed.json.shipments.map((/** @type {any} */ s) => s.logistics_no)).toEqual([
			'SF1',
			'SF1',
		]);
		expect(emu.fakeShop.refusals.map((r) => r.code)).toEqual([
			'ORDER_NOT_FOUND',
			'ORDER_NOT_PAID',
			'REFUSED',
			'ALREADY_SHIPPED',
		]);
	});

	test("faults named 'fake-shop' reach the order and shipment routes too", async () => {
		await start();
		emu.fakeShop.generateOrders(1);
		emu.faults.add({ endpoint: 'fake-shop', kind: 'http', status: 503, count: 2 });
		expect((await getOrders()).status).toBe(503);
		expect((await postShipment({ tid: 'x', logistics_no: 'y' })).status).toBe(503);
		expect((await getOrders()).status).toBe(200);
	});
});

describe('the shop-day summary', () => {
	test('after the three loops: pending 0 in both pools and shop = ERP for stock and tracking numbers', async () => {
		await start();
		emu.fakeShop.generateOrders(12);
		const before = emu.shopSummary();
		expect(before.ok).toBe(false);
		expect(before.orders.paidNotShipped).toBe(12);

		await pushShopOrders();
		await runStockLoop();
		await runShipmentsLoop();

		const summary = emu.shopSummary();
		expect(summary.orders).toMatchObject({
			inShop: 12,
			pushedNew: 12,
			shipped: 12,
			paidNotShipped: 0,
		});
		expect(summary.stock).toMatchObject({
			pending: 0,
			different: [],
			missing: [],
			equal: summary.stock.rows,
		});
		expect(summary.logistics).toMatchObject({ pending: 0, synced: 12, failed: 0 });
		expect(summary.tracking).toMatchObject({ equal: 12, different: [], refusedByShop: 0 });
		expect(summary.ok).toBe(true);
	});

	test('a shipment the shop refused and the ERP recorded as failed keeps the day ok', async () => {
		await start();
		const [order] = emu.fakeShop.generateOrders(1);
		emu.fakeShop.refuseShipments({ tid: order.tid });
		await pushShopOrders();
		await runStockLoop();
		await runShipmentsLoop();
		const summary = emu.shopSummary();
		expect(summary.logistics).toMatchObject({ pending: 0, synced: 0, failed: 1 });
		expect(summary.tracking).toMatchObject({ equal: 0, different: [], refusedByShop: 1 });
		expect(summary.ok).toBe(true);
	});

	test('it sees a stock ack without a push, and a shipment acked but never sent', async () => {
		await start();
		emu.fakeShop.generateOrders(2, { shops: ['shop-a'] });
		await runStockLoop();
		await pushShopOrders();
		// ack the reserved SKUs without telling the shop, and the shipments without posting them
		const stock = await call(emu, 'api_goods_stock_change_query.php', { shop_no: 'shop-a' });
		await call(emu, 'api_goods_stock_change_ack.php', {
			stock_sync_list: JSON.stringify(
				stock.json.stock_change_list.map((/** @type {any} */ r) => ({
					rec_id: r.rec_id,
					sync_stock: r.sync_stock,
					stock_change_count: r.stock_change_count,
				})),
			),
		});
		const shipped = await queryLogistics(emu, 'shop-a');
		await ackLogistics(
			emu,
			shipped.json.trades.map((/** @type {any} */ t) => ({
				rec_id: t.rec_id,
				status: 0,
				message: 'ok',
			})),
		);
		const summary = emu.shopSummary({ shops: ['shop-a'] });
		expect(summary.stock.pending).toBe(0);
		expect(summary.logistics.pending).toBe(0);
		expect(summary.stock.different.length).toBe(stock.json.stock_change_list.length);
		expect(summary.tracking.different.map((d) => d.tid).sort()).toEqual(
			shipped.json.trades.map((/** @type {any} */ t) => t.tid).sort(),
		);
		expect(summary.ok).toBe(false);
	});
});
