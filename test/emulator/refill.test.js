// @ts-check
'use strict';

// Work left waiting after a demo run (npm start -- --keep): new paid orders go into the ERP and
// ship, so both pools hold work again, the gateway answers it, and the ERP's stock stays whole.

const { startEmulator } = require('../../emulator');
const { refillPools, waitingPerShop } = require('../../emulator/refill');
const { call } = require('./support');

/** @type {import('../../emulator').Emulator} */
let emu;
beforeEach(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 12, pendingRatio: 0 }, seed: 17, shipAfterMs: 0 });
});
afterEach(async () => {
	await emu.stop();
});

/** What the gateway answers for a shop: pending stock changes and pending shipments. @param {string} shopNo */
async function answered(shopNo) {
	const stock = JSON.parse((await call(emu, 'api_goods_stock_change_query.php', { shop_no: shopNo, limit: '2000' })).text);
	const shipments = JSON.parse((await call(emu, 'logistics_sync_query.php', { shop_no: shopNo, limit: '100' })).text);
	return {
		stockChanges: /** @type {any} */ (stock).stock_change_list?.length ?? 0,
		shipments: /** @type {any} */ (shipments).trades?.length ?? 0,
	};
}

test('empty pools get new stock changes and shipments in every shop, and the gateway answers them', async () => {
	expect(waitingPerShop(emu)).toEqual({ 'shop-a': { stockChanges: 0, shipments: 0 }, 'shop-b': { stockChanges: 0, shipments: 0 } });
	const waiting = refillPools(emu, { orders: 10 });
	for (const shopNo of ['shop-a', 'shop-b']) {
		expect(waiting[shopNo].shipments).toBe(5);
		expect(waiting[shopNo].stockChanges).toBeGreaterThan(0);
		expect(await answered(shopNo)).toEqual(waiting[shopNo]);
	}
	expect(waiting).toEqual(waitingPerShop(emu));
	// Each shipment belongs to an order the shop has, paid, with its tracking number in the ERP.
	for (const record of emu.logistics.pending()) {
		expect(emu.fakeShop.get(record.tid)).toMatchObject({ shop_no: record.shop_no, pay_status: 2 });
		expect(emu.erpOrders.get(record.shop_no, record.tid)).toMatchObject({ state: 'shipped', logistics_no: record.logistics_no });
	}
});

test('a pending stock change tells the shop the ERP\'s available stock (the reservations are counted)', () => {
	refillPools(emu, { orders: 8 });
	const pending = emu.pool.pending();
	expect(pending.length).toBeGreaterThan(0);
	for (const row of pending) expect(row.sync_stock).toBe(emu.erpOrders.syncStockOf(row.spec_no));
});

test('adds to what is already waiting; one shop only when asked; 0 orders adds nothing', () => {
	refillPools(emu, { orders: 4 });
	const before = waitingPerShop(emu);
	const after = refillPools(emu, { orders: 3, shops: ['shop-b'] });
	expect(after['shop-a']).toEqual(before['shop-a']);
	expect(after['shop-b'].shipments).toBe(before['shop-b'].shipments + 3);
	expect(refillPools(emu, { orders: 0 })).toEqual(after);
});
