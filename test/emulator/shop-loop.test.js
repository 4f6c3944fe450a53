// @ts-check
'use strict';

// The closed loop in the ERP: a pushed paid order reserves stock (the shop's SKUs show up in the
// stock-change pool), the ERP ships it after shipAfterMs (a stockout with a tracking number and a
// pending logistics-sync record), and logistics_sync_query / _ack with WDT's rules.

const { startEmulator } = require('../../emulator');
const { CODES } = require('../../emulator/codes');
const { parse, JsonNumber } = require('../../emulator/lossless-json');
const {
	paidOrder,
	pushTrades,
	queryLogistics,
	ackLogistics,
	shopRows,
} = require('./shop-fixtures');
const { call } = require('./support');

const T0 = 1_800_000_000_000; // the ERP's millisecond clock, pinned
const SHIP_AFTER_MS = 60_000;

/** @type {import('../../emulator').Emulator} */
let emu;

/** @param {Partial<import('../../emulator').EmulatorOptions>} [options] */
async function start(options = {}) {
	emu = await startEmulator({
		pool: { shops: ['shop-a', 'shop-b'], perShop: 6, pendingRatio: 0 },
		world: { days: 2, ordersPerDay: 2, busyHours: 0, purchasesPerDay: 0 },
		shipAfterMs: SHIP_AFTER_MS,
		...options,
	});
	emu.erpOrders.nowMs = () => T0;
}

afterEach(async () => {
	await emu.stop();
});

/** Push one paid order of the first `lines` rows of shop-a, `num` each; ship it; answer its record. */
async function shipOne(tid = 'SHIP-1', lines = 2, num = 2) {
	const rows = shopRows(emu, 'shop-a', lines);
	const res = await pushTrades(emu, 'shop-a', [paidOrder(tid, rows, { num })]);
	expect(res.json).toMatchObject({ code: 0, new_count: 1 });
	const shipped = emu.world.shipDueOrders(T0 + SHIP_AFTER_MS);
	expect(shipped.map((t) => t.tid)).toEqual([tid]);
	const trade = /** @type {any} */ (emu.erpOrders.get('shop-a', tid));
	return { rows, trade, record: /** @type {any} */ (emu.logistics.get(trade.logistics_rec_id)) };
}

describe('a paid order reserves stock', () => {
	test('its SKUs become pending in the stock pool with the available stock lowered by num', async () => {
		await start();
		expect(emu.pool.pendingCount()).toBe(0);
		const rows = shopRows(emu, 'shop-a', 2);
		await pushTrades(emu, 'shop-a', [paidOrder('R1', rows, { num: 3 })]);

		expect(emu.pool.pendingCount('shop-a')).toBe(2);
		for (const row of rows) {
			const after = /** @type {any} */ (emu.pool.get(row.rec_id));
			expect(after.sync_stock).toBe(Math.max(0, row.sync_stock - 3));
			expect(after.stock_change_count).toBe(row.stock_change_count + 1);
		}
		const query = await call(emu, 'api_goods_stock_change_query.php', { shop_no: 'shop-a' });
		expect(query.json.stock_change_list.map((/** @type {any} */ r) => r.rec_id).sort()).toEqual(
			rows.map((r) => r.rec_id).sort(),
		);
		expect(/** @type {any} */ (emu.erpOrders.get('shop-a', 'R1')).state).toBe('reserved');
		// the ERP order exists (trade_query by number), checked, not shipped yet
		const erp = await call(emu, 'trade_query.php', {
			src_tid: 'R1',
			page_size: '10',
			page_no: '0',
		});
		expect(erp.json.trades).toHaveLength(1);
		expect(erp.json.trades[0]).toMatchObject({
			src_tids: 'R1',
			trade_status: '55',
			logistics_no: '',
		});
	});

	test('an unpaid order reserves nothing until it is pushed again as paid', async () => {
		await start();
		const rows = shopRows(emu, 'shop-a', 1);
		const unpaid = paidOrder('U1', rows, {
			overrides: { trade_status: 10, pay_status: 0, pay_time: '0000-00-00 00:00:00', paid: '0' },
			lineOverrides: { status: 10 },
		});
		await pushTrades(emu, 'shop-a', [unpaid]);
		expect(emu.pool.pendingCount()).toBe(0);
		expect(emu.world.shipDueOrders(Infinity)).toEqual([]);

		const paid = await pushTrades(emu, 'shop-a', [paidOrder('U1', rows)]);
		expect(paid.json).toMatchObject({ new_count: 0, chg_count: 1 });
		expect(emu.pool.pendingCount('shop-a')).toBe(1);
		expect(/** @type {any} */ (emu.erpOrders.get('shop-a', 'U1')).state).toBe('reserved');
	});

	test('cancelled before shipping (trade_status 90) gives the stock back and never ships', async () => {
		await start();
		const [row] = shopRows(emu, 'shop-a', 1);
		await pushTrades(emu, 'shop-a', [paidOrder('C1', [row], { num: 1 })]);
		await pushTrades(emu, 'shop-a', [
			paidOrder('C1', [row], {
				num: 1,
				overrides: { trade_status: 90 },
				lineOverrides: { status: 90 },
			}),
		]);
		const after = /** @type {any} */ (emu.pool.get(row.rec_id));
		expect(after.sync_stock).toBe(row.sync_stock);
		expect(after.stock_change_count).toBe(row.stock_change_count + 2);
		expect(/** @type {any} */ (emu.erpOrders.get('shop-a', 'C1')).state).toBe('cancelled');
		expect(emu.world.shipDueOrders(Infinity)).toEqual([]);
		expect(emu.logistics.pendingCount()).toBe(0);
	});

	test('a line whose spec_no the ERP does not know holds the order (无匹配货品)', async () => {
		await start();
		const order = paidOrder('NM', shopRows(emu, 'shop-a', 1), {
			lineOverrides: { spec_no: 'NO-SUCH-SKU' },
		});
		const res = await pushTrades(emu, 'shop-a', [order]);
		expect(res.json).toMatchObject({ code: 0, new_count: 1 });
		expect(/** @type {any} */ (emu.erpOrders.get('shop-a', 'NM')).state).toBe('unmatched');
		expect(emu.pool.pendingCount()).toBe(0);
	});

	test("a paid order of a SKU the shop has no platform goods row for creates the shop's row", async () => {
		await start();
		const foreign = shopRows(emu, 'shop-b', 1)[0];
		const before = emu.pool.size();
		await pushTrades(emu, 'shop-a', [paidOrder('X1', [foreign], { num: 1 })]);
		expect(emu.pool.size()).toBe(before + 1);
		const created = emu.pool.pending('shop-a');
		expect(created).toHaveLength(1);
		expect(created[0]).toMatchObject({
			spec_no: foreign.spec_no,
			sync_stock: Math.max(0, foreign.sync_stock - 1),
		});
		// shop-b's row of the same spec changed too: available stock is per spec, shared
		expect(emu.pool.get(foreign.rec_id)?.pending).toBe(true);
	});
});

describe('the ERP ships after shipAfterMs', () => {
	test('not before its time; then a stockout with a tracking number and a pending logistics record', async () => {
		await start();
		const rows = shopRows(emu, 'shop-a', 2);
		await pushTrades(emu, 'shop-a', [paidOrder('S1', rows)]);
		expect(emu.world.shipDueOrders(T0 + SHIP_AFTER_MS - 1)).toEqual([]);
		expect(emu.logistics.pendingCount()).toBe(0);

		emu.erpOrders.nowMs = () => T0 + SHIP_AFTER_MS;
		// any gateway request lets the ERP ship what is due
		const query = await queryLogistics(emu, 'shop-a', 10);
		expect(query.json.code).toBe(0);
		expect(query.json.total_count).toBe('1');
		const [record] = query.json.trades;
		const trade = /** @type {any} */ (emu.erpOrders.get('shop-a', 'S1'));
		expect(trade.state).toBe('shipped');
		expect(record).toMatchObject({
			shop_no: 'shop-a',
			tid: 'S1',
			oids: 'S1-1,S1-2',
			logistics_no: trade.logistics_no,
			sync_status: '0',
			is_part_sync: '0',
		});
		expect(record.logistics_no).toMatch(/^[0-9A-Z]{12,16}$/);
		expect(typeof record.logistics_name).toBe('string');

		const stockouts = await call(emu, 'stockout_order_query_trade.php', {
			src_tid: 'S1',
			page_no: '0',
			page_size: '10',
		});
		expect(stockouts.json.stockout_list).toHaveLength(1);
		expect(stockouts.json.stockout_list[0]).toMatchObject({
			logistics_no: trade.logistics_no,
			status: '95',
		});
		// shipping does not change available stock: nothing new in the stock pool for it
		const counts = rows.map((r) => emu.pool.get(r.rec_id)?.stock_change_count);
		expect(counts).toEqual(rows.map((r) => r.stock_change_count + 1));
	});

	test('a shipped order is settled: re-pushing it as cancelled changes nothing in stock', async () => {
		await start();
		const { rows } = await shipOne('SC', 1, 1);
		const before = emu.pool.get(rows[0].rec_id);
		const res = await pushTrades(emu, 'shop-a', [
			paidOrder('SC', rows, {
				num: 1,
				overrides: { trade_status: 80 },
				lineOverrides: { status: 80 },
			}),
		]);
		expect(res.json).toMatchObject({ chg_count: 1 });
		expect(emu.pool.get(rows[0].rec_id)).toEqual(before);
		expect(emu.logistics.pendingCount()).toBe(1);
	});

	test('the same seed gives the same tracking numbers and rec_ids', async () => {
		await start({ seed: 7 });
		const first = await shipOne('D1');
		const one = [first.record.rec_id, first.record.logistics_no];
		await emu.stop();
		await start({ seed: 7 });
		const second = await shipOne('D1');
		expect([second.record.rec_id, second.record.logistics_no]).toEqual(one);
	});
});

describe('logistics_sync_query.php', () => {
	test('rec_ids are 19 digits that no double holds, exact as strings and as bare numbers', async () => {
		await start({ recIdAsNumber: true });
		for (let i = 0; i < 3; i++) await shipOne(`N${i}`, 1, 1);
		const res = await queryLogistics(emu, 'shop-a');
		const answer = /** @type {any} */ (parse(res.text));
		const ids = answer.trades.map((/** @type {any} */ t) => t.rec_id);
		expect(ids).toHaveLength(3);
		for (const id of ids) {
			expect(id).toBeInstanceOf(JsonNumber);
			expect(id.text).toMatch(/^[0-9]{19}$/);
			expect(BigInt(Number(id.text))).not.toBe(BigInt(id.text));
			expect(res.text).toContain(`"rec_id":${id.text}`);
		}
		expect(ids.map((/** @type {any} */ id) => id.text)).toEqual(
			emu.logistics.pending('shop-a').map((r) => r.rec_id),
		);
	});

	test('limit: oldest first, more than 100 is served as 100, below 1 is refused; shop checked', async () => {
		await start();
		for (let i = 0; i < 3; i++) await shipOne(`L${i}`, 1, 1);
		const two = await queryLogistics(emu, 'shop-a', 2);
		expect(two.json.trades.map((/** @type {any} */ t) => t.tid)).toEqual(['L0', 'L1']);
		expect(two.json.total_count).toBe('3');
		const many = await queryLogistics(emu, 'shop-a', 500);
		expect(many.json.trades).toHaveLength(3);
		const zero = await queryLogistics(emu, 'shop-a', 0);
		expect(zero.json.code).toBe(CODES.BAD_PARAMETER.code);
		const defaulted = await call(emu, 'logistics_sync_query.php', { shop_no: 'shop-a' });
		expect(defaulted.json.trades).toHaveLength(3);
		const otherShop = await queryLogistics(emu, 'shop-b');
		expect(otherShop.json).toMatchObject({ code: 0, total_count: '0', trades: [] });
		const unknown = await queryLogistics(emu, 'nope');
		expect(unknown.json.code).toBe(CODES.SHOP_NOT_FOUND.code);
		const part = await call(emu, 'logistics_sync_query.php', {
			shop_no: 'shop-a',
			is_part_sync_able: '2',
		});
		expect(part.json.code).toBe(CODES.BAD_PARAMETER.code);
	});
});

describe('logistics_sync_ack.php', () => {
	test('status 0 clears the record; acking it again is fine', async () => {
		await start();
		const { record } = await shipOne();
		const ack = await ackLogistics(emu, [
			{ rec_id: record.rec_id, status: 0, message: '同步成功' },
		]);
		expect(ack.json).toEqual({ code: 0, message: 'OK' });
		expect(emu.logistics.pendingCount()).toBe(0);
		expect(emu.logistics.get(record.rec_id)?.sync_status).toBe(3);
		const again = await ackLogistics(emu, [{ rec_id: record.rec_id, status: '0', message: '' }]);
		expect(again.json).toEqual({ code: 0, message: 'OK' });
		expect(emu.logistics.get(record.rec_id)?.acksApplied).toBe(2);
		const query = await queryLogistics(emu, 'shop-a');
		expect(query.json.trades).toEqual([]);
	});

	test('status 1 takes an optional message (as documented), records it, and the record is failed, not pending', async () => {
		await start();
		const { record } = await shipOne();
		const noMessage = await ackLogistics(emu, [{ rec_id: record.rec_id, status: 1 }]);
		expect(noMessage.json).toEqual({ code: 0, message: 'OK' });
		expect(emu.logistics.pendingCount()).toBe(0);
		expect(emu.logistics.failed().map((r) => [r.rec_id, r.error_msg])).toEqual([[record.rec_id, '']]);

		const refused = await ackLogistics(emu, [
			{ rec_id: record.rec_id, status: 1, message: '订单已退款,平台拒绝发货' },
		]);
		expect(refused.json).toEqual({ code: 0, message: 'OK' });
		expect(emu.logistics.pendingCount()).toBe(0);
		expect(emu.logistics.failed().map((r) => [r.rec_id, r.error_msg])).toEqual([
			[record.rec_id, '订单已退款,平台拒绝发货'],
		]);
		// a later success still counts; a failure after a success is refused
		const synced = await ackLogistics(emu, [{ rec_id: record.rec_id, status: 0, message: '' }]);
		expect(synced.json).toEqual({ code: 0, message: 'OK' });
		const late = await ackLogistics(emu, [
			{ rec_id: record.rec_id, status: 1, message: '晚到的失败' },
		]);
		expect(late.json).toEqual({
			code: 0,
			message: 'OK',
			errors: [{ rec_id: record.rec_id, error: '物流同步记录已同步成功,不能回写为失败' }],
		});
		expect(emu.logistics.get(record.rec_id)?.sync_status).toBe(3);
	});

	test('unknown and rounded rec_ids come back in errors; the others are taken', async () => {
		await start({ recIdAsNumber: true });
		const { record } = await shipOne();
		const rounded = String(Number(record.rec_id));
		expect(rounded).not.toBe(record.rec_id);
		// bare 19-digit numbers, written by hand so no double touches them
		const text = `[{"rec_id":${record.rec_id},"status":0,"message":"ok"},{"rec_id":${BigInt(Number(record.rec_id))},"status":0,"message":"ok"}]`;
		const res = await ackLogistics(emu, text);
		const answer = /** @type {any} */ (parse(res.text));
		expect(res.json.code).toBe(0);
		expect(answer.errors).toHaveLength(1);
		expect(answer.errors[0].rec_id.text).toBe(BigInt(Number(record.rec_id)).toString());
		expect(answer.errors[0].error).toBe('物流同步记录不存在');
		expect(emu.logistics.pendingCount()).toBe(0);
	});

	test('a malformed list is refused whole, nothing applied', async () => {
		await start();
		const { record } = await shipOne();
		for (const list of [
			'',
			'not json',
			'{}',
			'[]',
			JSON.stringify([
				{ rec_id: record.rec_id, status: 0 },
				{ rec_id: 'abc', status: 0 },
			]),
			JSON.stringify([
				{ rec_id: record.rec_id, status: 0 },
				{ rec_id: record.rec_id, status: 2 },
			]),
			JSON.stringify([{ rec_id: record.rec_id, status: 0, message: 5 }]),
			JSON.stringify([{ status: 0 }]),
		]) {
			const res = await ackLogistics(emu, list);
			expect(res.json.code).not.toBe(0);
		}
		expect(emu.logistics.pendingCount()).toBe(1);
	});
});
