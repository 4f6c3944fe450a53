// @ts-check
'use strict';

// The emulator's world through its list endpoints: paging, time windows in Beijing time,
// stable order, 19-digit ids, consistency with the stock pool, and changes made by tests.

const { startEmulator } = require('../../emulator');
const { World, RESOURCE_KEYS } = require('../../emulator/world');
const { StockPool } = require('../../emulator/pool');
const { CODES } = require('../../emulator/codes');
const { parse, JsonNumber } = require('../../emulator/lossless-json');
const { call } = require('./support');

const ANCHOR = '2026-11-28 12:00:00'; // Beijing time = 04:00:00Z

/** @type {import('../../emulator').Emulator} */
let emu;

beforeAll(async () => {
	emu = await startEmulator({ world: { anchor: ANCHOR } });
});

afterAll(async () => {
	await emu.stop();
});

/**
 * Every page of a list endpoint, page 0 first, until a short page.
 * @param {import('../../emulator').Emulator} e
 * @param {string} endpoint
 * @param {string} field
 * @param {Record<string, string>} params
 */
async function allPages(e, endpoint, field, params) {
	/** @type {any[]} */
	const pages = [];
	const pageSize = Number(params.page_size ?? 100);
	for (let pageNo = 0; ; pageNo++) {
		const res = await call(e, endpoint, {
			page_size: String(pageSize),
			...params,
			page_no: String(pageNo),
		});
		expect(res.json.code).toBe(0);
		pages.push(res.json);
		if (res.json[field].length < pageSize) break;
	}
	return { pages, records: pages.flatMap((page) => page[field]) };
}

/**
 * @param {Record<string, any>} a @param {Record<string, any>} b @param {string} key
 * @param {string} [time] the time field the endpoint orders by (default modified)
 */
function inOrder(a, b, key, time = 'modified') {
	if (a[time] !== b[time]) return a[time] < b[time];
	return BigInt(a[key]) < BigInt(b[key]);
}

describe('paging', () => {
	test('page_no from 0, total_count only on page 0, records in (time, key) order', async () => {
		const { pages, records } = await allPages(
			emu,
			'stockout_order_query_trade.php',
			'stockout_list',
			{
				start_time: '2026-11-20 00:00:00',
				end_time: '2026-11-27 00:00:00',
				page_size: '100',
			},
		);
		expect(pages.length).toBeGreaterThan(2);
		expect(pages[0].total_count).toBe(String(records.length)); // numbersAsStrings, as the sandbox answers
		for (const page of pages.slice(1)) expect(page).not.toHaveProperty('total_count');
		// without status, stockouts are selected and ordered by ship time (docs/wdt-contract.md#stockout_order_query_trade)
		for (let i = 1; i < records.length; i++) {
			expect(inOrder(records[i - 1], records[i], 'stockout_id', 'consign_time')).toBe(true);
		}
		const expected = emu.world.records('stockout', {
			start: '2026-11-20 00:00:00',
			end: '2026-11-27 00:00:00',
		});
		expect(JSON.stringify(records)).toBe(JSON.stringify(expected));
	});

	test('default page size 40 (goods_query 30); page_size 0 or 101 is refused with 2001', async () => {
		const range = { start_time: '2026-11-01 00:00:00', end_time: '2026-11-28 00:00:00' };
		expect((await call(emu, 'refund_query.php', range)).json.refunds).toHaveLength(40);
		expect((await call(emu, 'goods_query.php', range)).json.goods_list).toHaveLength(30);
		for (const pageSize of ['0', '101']) {
			const res = await call(emu, 'purchase_order_query.php', { ...range, page_size: pageSize });
			expect(res.json.code).toBe(CODES.BAD_PARAMETER.code);
			expect(res.json.message).toContain('page_size');
		}
	});

	test('a page past the end is empty, without total_count', async () => {
		const res = await call(emu, 'shop.php', { page_no: '1', page_size: '100' });
		expect(res.json).toEqual({ code: 0, message: 'ok', shoplist: [] });
	});
});

describe('time windows', () => {
	test('trade_query: 60 minutes exactly is accepted, one second more is refused (2001, Chinese)', async () => {
		const ok = await call(emu, 'trade_query.php', {
			start_time: '2026-11-27 23:30:00',
			end_time: '2026-11-28 00:30:00',
		});
		expect(ok.json.code).toBe(0);
		const refused = await call(emu, 'trade_query.php', {
			start_time: '2026-11-27 23:30:00',
			end_time: '2026-11-28 00:30:01',
		});
		expect(refused.json).toEqual({
			code: 2001,
			message: expect.stringContaining('时间跨度不能超过60分钟'),
		});
	});

	test('30-day endpoints: 30 days accepted, 30 days + 1 s refused; his_trade_query takes 30 days', async () => {
		for (const endpoint of [
			'goods_query.php',
			'stock_query.php',
			'his_trade_query.php',
			'stockout_order_query_trade.php',
			'refund_query.php',
			'purchase_order_query.php',
		]) {
			const ok = await call(emu, endpoint, {
				start_time: '2026-10-29 12:00:00',
				end_time: '2026-11-28 12:00:00',
				page_size: '1',
			});
			expect([endpoint, ok.json.code]).toEqual([endpoint, 0]);
			const refused = await call(emu, endpoint, {
				start_time: '2026-10-29 11:59:59',
				end_time: '2026-11-28 12:00:00',
			});
			expect([endpoint, refused.json.code, refused.json.message]).toEqual([
				endpoint,
				2001,
				expect.stringContaining('时间跨度不能超过30天'),
			]);
		}
	});

	test('end before start, malformed or impossible times, one bound alone: refused', async () => {
		/** @param {Record<string, string>} range */
		const trades = (range) => call(emu, 'trade_query.php', range);
		expect(
			(await trades({ start_time: '2026-11-28 10:00:00', end_time: '2026-11-28 09:59:59' })).json,
		).toMatchObject({ code: 2001, message: expect.stringContaining('结束时间不能早于开始时间') });
		for (const bad of [
			'2026-11-28T10:00:00',
			'2026-11-28 10:00',
			'2026-02-30 10:00:00',
			'2026-11-28 24:00:00',
		]) {
			const res = await trades({ start_time: bad, end_time: '2026-11-28 10:30:00' });
			expect([bad, res.json.code, res.json.message]).toEqual([
				bad,
				2001,
				expect.stringContaining('start_time'),
			]);
		}
		expect((await trades({ start_time: '2026-11-28 10:00:00' })).json).toMatchObject({
			code: CODES.MISSING_PARAMETER.code,
			message: expect.stringContaining('end_time'),
		});
	});

	test('orders need a time range unless asked for by number', async () => {
		const none = await call(emu, 'trade_query.php', {});
		expect(none.json.code).toBe(CODES.MISSING_PARAMETER.code);
		const [trade] = emu.world.records('trade', { start: '2026-11-28 00:00:00', end: ANCHOR });
		const byNo = await call(emu, 'trade_query.php', { trade_no: trade.trade_no });
		expect(byNo.json).toMatchObject({ code: 0, total_count: '1', trades: [trade] });
		const byTid = await call(emu, 'trade_query.php', { src_tid: trade.src_tids });
		expect(byTid.json.trades).toEqual([trade]);
	});

	test('Beijing time, inclusive on both ends: a record exactly on a border is in both windows', async () => {
		// 02:00:00Z is 10:00:00 in Beijing
		const added = emu.world.addTrade({}, new Date('2026-11-28T02:00:00Z'));
		expect(added.modified).toBe('2026-11-28 10:00:00');
		/** @param {string} start @param {string} end */
		const ids = async (start, end) =>
			(
				await allPages(emu, 'trade_query.php', 'trades', { start_time: start, end_time: end })
			).records.map((t) => t.trade_id);
		expect(await ids('2026-11-28 09:00:00', '2026-11-28 10:00:00')).toContain(added.trade_id);
		expect(await ids('2026-11-28 10:00:00', '2026-11-28 11:00:00')).toContain(added.trade_id);
		expect(await ids('2026-11-28 09:00:00', '2026-11-28 09:59:59')).not.toContain(added.trade_id);
		expect(await ids('2026-11-28 10:00:01', '2026-11-28 11:00:00')).not.toContain(added.trade_id);
	});
});

describe('ids', () => {
	/** @type {Array<[string, string, string, Record<string, string>]>} */
	const lists = [
		['shop.php', 'shoplist', 'shop_id', {}],
		['warehouse_query.php', 'warehouses', 'warehouse_id', {}],
		[
			'goods_query.php',
			'goods_list',
			'goods_id',
			{ start_time: '2026-10-29 12:00:00', end_time: ANCHOR },
		],
		['stock_query.php', 'stocks', 'rec_id', {}],
		['stock_query_detail.php', 'stocks', 'rec_id', { warehouse_no: 'WH-3PL01' }],
		[
			'his_trade_query.php',
			'trades',
			'trade_id',
			{ start_time: '2026-11-20 00:00:00', end_time: ANCHOR },
		],
		[
			'stockout_order_query_trade.php',
			'stockout_list',
			'stockout_id',
			{ start_time: '2026-11-20 00:00:00', end_time: ANCHOR },
		],
		[
			'refund_query.php',
			'refunds',
			'refund_id',
			{ start_time: '2026-11-01 00:00:00', end_time: ANCHOR },
		],
		[
			'purchase_order_query.php',
			'purchase_list',
			'purchase_id',
			{ start_time: '2026-11-01 00:00:00', end_time: ANCHOR },
		],
	];

	/** @type {import('../../emulator').Emulator} */
	let numeric;
	/** @type {import('../../emulator').Emulator} */
	let plain;
	beforeAll(async () => {
		numeric = await startEmulator({ world: { anchor: ANCHOR }, recIdAsNumber: true });
		plain = await startEmulator({ world: { anchor: ANCHOR } });
	});
	afterAll(async () => {
		await numeric.stop();
		await plain.stop();
	});

	/**
	 * The texts of every page (page_size 100).
	 * @param {import('../../emulator').Emulator} e
	 * @param {string} endpoint
	 * @param {string} field
	 * @param {Record<string, string>} params
	 */
	async function pageTexts(e, endpoint, field, params) {
		/** @type {string[]} */
		const texts = [];
		for (let pageNo = 0; ; pageNo++) {
			const res = await call(e, endpoint, { ...params, page_size: '100', page_no: String(pageNo) });
			expect(res.json.code).toBe(0);
			texts.push(res.text);
			if (res.json[field].length < 100) return texts;
		}
	}

	test.each(lists)(
		'%s: with recIdAsNumber, keys are bare JSON numbers, some of 19 digits beyond 2^53, exact',
		async (endpoint, field, key, params) => {
			const numericTexts = await pageTexts(numeric, endpoint, field, params);
			const bigBare = new RegExp(`"${key}":[0-9]{19}[,}]`);
			expect(numericTexts.some((text) => bigBare.test(text))).toBe(true);
			const keys = numericTexts.flatMap((text) =>
				/** @type {any} */ (parse(text))[field].map((/** @type {any} */ r) => r[key]),
			);
			for (const id of keys) expect(id).toBeInstanceOf(JsonNumber);
			const big = keys.filter((/** @type {JsonNumber} */ id) => id.text.length === 19);
			for (const id of big) expect(BigInt(id.text) > 2n ** 53n).toBe(true);
			// without recIdAsNumber: the same ids, as strings
			const plainTexts = await pageTexts(plain, endpoint, field, params);
			expect(plainTexts.some((text) => new RegExp(`"${key}":"[0-9]{19}"`).test(text))).toBe(true);
			const plainKeys = plainTexts.flatMap((text) =>
				JSON.parse(text)[field].map((/** @type {any} */ r) => r[key]),
			);
			expect(plainKeys).toEqual(keys.map((/** @type {JsonNumber} */ id) => id.text));
		},
	);
});

describe('one consistent world', () => {
	test('same seed and anchor: the same world; another seed: another', () => {
		const pool = () =>
			new StockPool({ seed: 1 }).seed({ shops: ['shop-a', 'shop-b'], perShop: 30, seed: 1 });
		const a = new World({ seed: 1, pool: pool(), anchor: ANCHOR });
		const b = new World({ seed: 1, pool: pool(), anchor: ANCHOR });
		const c = new World({ seed: 2, pool: pool(), anchor: ANCHOR });
		for (const resource of /** @type {Array<keyof typeof RESOURCE_KEYS>} */ (
			Object.keys(RESOURCE_KEYS)
		)) {
			// compared as text: jest's deep equality is slow on thousands of records
			expect(JSON.stringify(a.records(resource))).toBe(JSON.stringify(b.records(resource)));
		}
		expect(JSON.stringify(a.records('trade'))).not.toBe(JSON.stringify(c.records('trade')));
		const times = a.records('trade').map((t) => t.modified);
		expect(times[0] >= '2026-10-29 12:00:00' && times[times.length - 1] <= ANCHOR).toBe(true);
	});

	test('SKUs, shops and warehouses are those of the stock pool and demo data', async () => {
		const specNos = new Set(
			emu.world
				.records('goods')
				.flatMap((g) => g.spec_list.map((/** @type {any} */ s) => s.spec_no)),
		);
		for (const row of emu.pool.all()) expect(specNos.has(row.spec_no)).toBe(true);
		const shopNos = (await call(emu, 'shop.php', {})).json.shoplist.map(
			(/** @type {any} */ s) => s.shop_no,
		);
		expect(shopNos).toEqual([...emu.pool.shops.keys(), 'tmall-01']);
		const warehouseNos = (await call(emu, 'warehouse_query.php', {})).json.warehouses.map(
			(/** @type {any} */ w) => w.warehouse_no,
		);
		expect(warehouseNos).toEqual(['WH-HZ01', 'WH-GZ01', 'WH-CD01', 'WH-RT01', 'WH-3PL01']);
		// problems collected and compared once: thousands of expect() calls are slow
		/** @type {string[]} */
		const problems = [];
		const trades = emu.world.records('trade');
		for (const trade of trades) {
			if (!shopNos.includes(trade.shop_no))
				problems.push(`trade ${trade.trade_id} shop ${trade.shop_no}`);
			if (!warehouseNos.includes(trade.warehouse_no))
				problems.push(`trade ${trade.trade_id} warehouse ${trade.warehouse_no}`);
			for (const line of trade.goods_list)
				if (!specNos.has(line.spec_no))
					problems.push(`trade ${trade.trade_id} sku ${line.spec_no}`);
		}
		const byTradeNo = new Map(trades.map((t) => [t.trade_no, t]));
		for (const stockout of emu.world.records('stockout')) {
			const trade = byTradeNo.get(stockout.src_order_no);
			if (trade?.trade_id !== stockout.src_order_id || Number(trade?.trade_status) < 95)
				problems.push(`stockout ${stockout.stockout_id} of ${stockout.src_order_no}`);
		}
		for (const refund of emu.world.records('refund')) {
			if (byTradeNo.get(refund.sales_tid)?.src_tids !== refund.tid)
				problems.push(`refund ${refund.refund_id}`);
		}
		for (const stock of emu.world.records('stock')) {
			if (!specNos.has(stock.spec_no) || !warehouseNos.includes(stock.warehouse_no))
				problems.push(`stock ${stock.rec_id}`);
		}
		expect(problems).toEqual([]);
		expect(trades.length).toBeGreaterThan(1000);
	});

	test('some one-hour windows need several pages (flash sales)', () => {
		/** @type {Record<string, number>} */
		const perHour = {};
		for (const trade of emu.world.records('trade')) {
			const hour = trade.modified.slice(0, 13);
			perHour[hour] = (perHour[hour] ?? 0) + 1;
		}
		expect(Object.values(perHour).filter((n) => n > 100).length).toBeGreaterThan(0);
	});
});

describe('changes made by tests', () => {
	test('touchTrade moves a trade to its new modified time; the old window no longer has it', async () => {
		const [trade] = emu.world.records('trade', {
			start: '2026-11-27 08:00:00',
			end: '2026-11-27 09:00:00',
		});
		const touched = emu.world.touchTrade(trade.trade_id, '2026-11-28 11:30:00', {
			trade_status: 95,
		});
		expect(touched).toMatchObject({
			trade_id: trade.trade_id,
			modified: '2026-11-28 11:30:00',
			trade_status: '95',
		});
		/** @param {string} start @param {string} end */
		const ids = async (start, end) =>
			(
				await allPages(emu, 'trade_query.php', 'trades', { start_time: start, end_time: end })
			).records.map((t) => t.trade_id);
		expect(await ids('2026-11-27 08:00:00', '2026-11-27 09:00:00')).not.toContain(trade.trade_id);
		expect(await ids('2026-11-28 11:00:00', '2026-11-28 12:00:00')).toContain(trade.trade_id);
	});

	test('setStock changes one spec in one warehouse; stock_query shows it in the new window', async () => {
		const [row] = emu.world.records('stock').filter((s) => s.warehouse_no === 'WH-GZ01');
		const changed = emu.world.setStock(row.spec_no, 'WH-GZ01', 7, '2026-11-28 11:59:00');
		expect(changed).toMatchObject({
			rec_id: row.rec_id,
			stock_num: '7',
			modified: '2026-11-28 11:59:00',
		});
		const res = await call(emu, 'stock_query.php', {
			start_time: '2026-11-28 11:59:00',
			end_time: '2026-11-28 11:59:00',
			warehouse_no: 'WH-GZ01',
		});
		expect(res.json).toMatchObject({
			code: 0,
			total_count: '1',
			stocks: [{ rec_id: row.rec_id, stock_num: '7' }],
		});
		const detail = await call(emu, 'stock_query_detail.php', {
			spec_no: row.spec_no,
			warehouse_no: 'WH-GZ01',
		});
		expect(detail.json.stocks).toEqual([changed]);
	});

	test('addRefund / addStockout / add purchase appear in their lists; an existing key is refused', async () => {
		const at = '2026-11-28 11:45:00';
		const range = { start_time: at, end_time: at };
		const refund = emu.world.addRefund({}, at);
		const stockout = emu.world.addStockout({}, at);
		const purchase = emu.world.add('purchase', { provider_name: '测试供应商' }, at);
		expect((await call(emu, 'refund_query.php', range)).json.refunds).toContainEqual(refund);
		expect(
			(await call(emu, 'stockout_order_query_trade.php', range)).json.stockout_list,
		).toContainEqual(stockout);
		expect((await call(emu, 'purchase_order_query.php', range)).json.purchase_list).toEqual([
			purchase,
		]);
		expect(() => emu.world.add('purchase', { purchase_id: purchase.purchase_id })).toThrow(
			/already exists/,
		);
		expect(() => emu.world.touchTrade('1', at)).toThrow(/does not exist/);
	});
});
