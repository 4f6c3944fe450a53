/**
 * Every list operation of the WDT (旺店通) node through the n8n engine against the emulator's
 * seeded world (bare-number ids, some of 19 digits): Return All across pages and windows, Limit,
 * exact ids, windows at their borders, de-duplication, the rate limit, errors with hints.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import type { ListEndpointName } from '../../nodes/Wdt/protocol/catalogue';
import { LIST_ENDPOINTS } from '../../nodes/Wdt/protocol/catalogue';
import { DAY_MS, monthsBefore, splitWindows } from '../../nodes/Wdt/protocol/timeWindows';
import { formatBeijing, parseBeijing } from '../../nodes/Wdt/protocol/beijingTime';
import type { Emulator } from '../helpers/wdt-node';
import { FAST, requestsTo, runWdt } from '../helpers/wdt-node';

const ANCHOR = '2026-11-28 12:00:00';
const MONTH_FROM = '2026-10-28 12:00:00';
const MONTH_TO = '2026-11-28 12:00:01'; // 31 days and a second: two windows of ≤ 30 days

type WorldResource = 'goods' | 'stock' | 'trade' | 'stockout' | 'refund' | 'purchase';

const ms = (beijing: string) => parseBeijing(beijing) as number;
const secondsAfter = (beijing: string, seconds: number) => formatBeijing(ms(beijing) + seconds * 1000);

describe('WDT node list operations through the n8n engine (seeded world)', () => {
	let emu: Emulator;
	let hook: ((entry: { endpoint: string; params: Record<string, string> | null }) => void) | undefined;
	beforeAll(async () => {
		emu = await startEmulator({
			seed: 7,
			world: { anchor: ANCHOR },
			recIdAsNumber: true,
			onRequest: (entry) => hook?.(entry),
		});
	});
	afterAll(async () => {
		await emu.stop();
	});
	beforeEach(() => {
		emu.reset();
		hook = undefined;
		emu.rateLimit.perSecond = 0;
	});

	const keysOf = (items: IDataObject[], key: string) => items.map((item) => item[key]);
	const world = (resource: WorldResource, range?: { start: string; end: string }) =>
		emu.world.records(resource, range ?? {}) as IDataObject[];
	const windowsOf = (endpoint: string) =>
		requestsTo(emu, endpoint)
			.filter((r) => r.params?.page_no === '0')
			.map((r) => [r.params?.start_time, r.params?.end_time]);

	// resource/operation, the world's table and key, the range (none: the endpoint takes none)
	const cases: Array<{
		resource: string;
		operation: string;
		endpoint: string;
		table?: WorldResource;
		key: string;
		range?: [string, string];
	}> = [
		{ resource: 'goods', operation: 'getMany', endpoint: 'goods_query', table: 'goods', key: 'goods_id', range: [MONTH_FROM, MONTH_TO] },
		{ resource: 'stock', operation: 'getMany', endpoint: 'stock_query', table: 'stock', key: 'rec_id', range: [MONTH_FROM, MONTH_TO] },
		{ resource: 'stock', operation: 'getDetails', endpoint: 'stock_query_detail', table: 'stock', key: 'rec_id' },
		{ resource: 'order', operation: 'getMany', endpoint: 'trade_query', table: 'trade', key: 'trade_id', range: ['2026-11-24 11:00:00', '2026-11-24 14:00:00'] },
		{ resource: 'salesStockout', operation: 'getMany', endpoint: 'stockout_order_query_trade', table: 'stockout', key: 'stockout_id', range: [MONTH_FROM, MONTH_TO] },
		{ resource: 'refund', operation: 'getMany', endpoint: 'refund_query', table: 'refund', key: 'refund_id', range: [MONTH_FROM, MONTH_TO] },
		{ resource: 'purchaseOrder', operation: 'getMany', endpoint: 'purchase_order_query', table: 'purchase', key: 'purchase_id', range: [MONTH_FROM, MONTH_TO] },
	];

	describe.each(cases)('$resource · $operation ($endpoint)', ({ resource, operation, endpoint, table, key, range }) => {
		const expected = () => world(table as WorldResource, range && { start: range[0], end: range[1] });
		const params = (extra: IDataObject = {}) => ({
			resource,
			operation,
			...(range ? { from: range[0], to: range[1] } : {}),
			...extra,
		});

		it('Return All: every record of the range once, in WDT order, pages from 0 at page size 100, ids exact (some of 19 digits)', async () => {
			const run = await runWdt(emu, params({ returnAll: true }));
			expect(run.error).toBeUndefined();
			const want = expected();
			expect(want.length).toBeGreaterThan(40);
			const got = run.json();
			expect(keysOf(got, key)).toEqual(keysOf(want, key));
			const big = got.find((record) => /^\d{19}$/.test(String(record[key])));
			expect(big).toBeDefined();
			expect(BigInt(big?.[key] as string) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
			expect(got.every((record) => typeof record[key] === 'string')).toBe(true);
			const sent = requestsTo(emu, endpoint);
			expect(sent.every((r) => r.params?.page_size === '100')).toBe(true);
			expect(sent.every((r) => r.accepted)).toBe(true);
			expect(run.items().every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		});

		it('Return All across pages: page 0 tells total_count, the remaining pages follow, none past a short page', async () => {
			const run = await runWdt(emu, params({ returnAll: true, options: { pageSize: 20, concurrency: 3 } }));
			expect(keysOf(run.json(), key)).toEqual(keysOf(expected(), key));
			const byWindow = new Map<string, number[]>();
			for (const r of requestsTo(emu, endpoint)) {
				const window = String(r.params?.start_time);
				byWindow.set(window, [...(byWindow.get(window) ?? []), Number(r.params?.page_no)]);
			}
			const pages = [...byWindow.values()].sort((a, b) => b.length - a.length)[0].sort((a, b) => a - b);
			expect(pages.length).toBeGreaterThan(1);
			expect(pages).toEqual(pages.map((_, i) => i));
		});

		it('Limit: the first Limit records, asking for a page of that size', async () => {
			const run = await runWdt(emu, params({ returnAll: false, limit: 7 }));
			expect(keysOf(run.json(), key)).toEqual(keysOf(expected(), key).slice(0, 7));
			// Page 0 of as many windows as it takes to see 7 records, and nothing more.
			const spec = LIST_ENDPOINTS[endpoint as ListEndpointName];
			const windows = range ? splitWindows(ms(range[0]), ms(range[1]), spec.maxWindowMs) : [undefined];
			const seen = new Set<unknown>();
			let needed = 0;
			for (const w of windows) {
				needed++;
				const records = world(table as WorldResource, w && { start: formatBeijing(w.start), end: formatBeijing(w.end) });
				for (const record of records) seen.add(record[key]);
				if (seen.size >= 7) break;
			}
			expect(requestsTo(emu, endpoint).map((r) => [r.params?.page_no, r.params?.page_size])).toEqual(
				Array.from({ length: needed }, () => ['0', '7']),
			);
		});
	});

	it('Any Endpoint · Call: the answer as it came, 19-digit ids exact; Read All Pages with the caller\'s own times', async () => {
		const start = '2026-11-24 12:00:00';
		const end = '2026-11-24 13:00:00';
		const want = world('trade', { start, end });
		const one = await runWdt(emu, {
			resource: 'anyEndpoint',
			operation: 'call',
			endpoint: 'trade_query',
			parametersMode: 'json',
			parametersJson: JSON.stringify({ start_time: start, end_time: end, page_no: 0, page_size: 100 }),
		});
		const [answer] = one.json();
		expect(answer.total_count).toBe(String(want.length)); // as WDT's sandbox writes it: a string
		const ids = (answer.trades as IDataObject[]).map((trade) => String(trade.trade_id));
		expect(ids).toEqual(keysOf(want.slice(0, 100), 'trade_id'));
		const big = (answer.trades as IDataObject[]).find((trade) => typeof trade.trade_id === 'string');
		expect(String(big?.trade_id)).toMatch(/^\d{19}$/); // a bare 19-digit number on the wire, exact here
		emu.reset();
		const all = await runWdt(emu, {
			resource: 'anyEndpoint',
			operation: 'call',
			endpoint: 'trade_query',
			parametersMode: 'keyValue',
			parameters: { parameter: [{ name: 'start_time', value: start }, { name: 'end_time', value: end }] },
			options: { paginate: true, output: 'records' },
		});
		expect(keysOf(all.json(), 'trade_id')).toEqual(keysOf(want, 'trade_id'));
		expect(requestsTo(emu, 'trade_query').map((r) => r.params?.page_no).sort()).toEqual(['0', '1', '2']);
	});

	it('Shop and Warehouse · Get Many: every shop and warehouse, the 19-digit ids exact', async () => {
		const shops = await runWdt(emu, { resource: 'shop', operation: 'getMany', returnAll: true });
		expect(shops.json().map((s) => s.shop_id)).toEqual(emu.world.shops().map((s: IDataObject) => s.shop_id));
		expect(shops.json().some((s) => /^\d{19}$/.test(String(s.shop_id)))).toBe(true);
		const warehouses = await runWdt(emu, { resource: 'warehouse', operation: 'getMany', returnAll: true });
		expect(warehouses.json().some((w) => /^\d{19}$/.test(String(w.warehouse_id)) && w.warehouse_no === 'WH-3PL01')).toBe(true);
	});

	describe('time windows', () => {
		it('orders over 3 hours: three windows of 60 minutes sharing their borders; the busy hour over several pages', async () => {
			const run = await runWdt(emu, {
				resource: 'order',
				operation: 'getMany',
				returnAll: true,
				from: '2026-11-24 11:00:00',
				to: '2026-11-24 14:00:00',
			});
			expect(windowsOf('trade_query')).toEqual([
				['2026-11-24 11:00:00', '2026-11-24 12:00:00'],
				['2026-11-24 12:00:00', '2026-11-24 13:00:00'],
				['2026-11-24 13:00:00', '2026-11-24 14:00:00'],
			]);
			const busy = requestsTo(emu, 'trade_query').filter((r) => r.params?.start_time === '2026-11-24 12:00:00');
			expect(busy.map((r) => r.params?.page_no).sort()).toEqual(['0', '1', '2']);
			expect(run.json().length).toBe(world('trade', { start: '2026-11-24 11:00:00', end: '2026-11-24 14:00:00' }).length);
		});

		it('a range of 1 h 1 s is two windows; an order exactly on their border comes back in both and is output once', async () => {
			const from = '2026-11-20 08:00:00';
			const border = '2026-11-20 09:00:00';
			const added = emu.world.addTrade({ shop_no: 'shop-a' }, border) as IDataObject;
			const raw = await runWdt(emu, {
				resource: 'order',
				operation: 'getMany',
				returnAll: true,
				from,
				to: secondsAfter(border, 1),
				options: { rawAnswers: true },
			});
			expect(windowsOf('trade_query')).toEqual([
				[from, border],
				[border, '2026-11-20 09:00:01'],
			]);
			const inAnswers = raw
				.json()
				.flatMap((answer) => answer.trades as IDataObject[])
				.filter((trade) => String(trade.trade_id) === added.trade_id);
			expect(inAnswers).toHaveLength(2);
			emu.reset();
			const run = await runWdt(emu, { resource: 'order', operation: 'getMany', returnAll: true, from, to: secondsAfter(border, 1) });
			const ids = keysOf(run.json(), 'trade_id');
			expect(ids.filter((id) => id === added.trade_id)).toHaveLength(1);
			expect(new Set(ids).size).toBe(ids.length);
			expect(ids).toEqual(keysOf(world('trade', { start: from, end: secondsAfter(border, 1) }), 'trade_id'));
		});

		it('a UTC range crossing midnight in Beijing is sent as Beijing time and keeps the orders on both sides', async () => {
			const before = emu.world.addTrade({}, '2026-11-26 23:59:59') as IDataObject;
			const after = emu.world.addTrade({}, '2026-11-27 00:00:00') as IDataObject;
			const run = await runWdt(emu, {
				resource: 'order',
				operation: 'getMany',
				returnAll: true,
				from: '2026-11-26T15:30:00Z',
				to: '2026-11-26T16:45:00.000Z',
			});
			expect(windowsOf('trade_query')).toEqual([
				['2026-11-26 23:30:00', '2026-11-27 00:30:00'],
				['2026-11-27 00:30:00', '2026-11-27 00:45:00'],
			]);
			const ids = keysOf(run.json(), 'trade_id');
			expect(ids).toContain(before.trade_id);
			expect(ids).toContain(after.trade_id);
		});

		it('From as an expression (Luxon DateTime) and To left empty (now)', async () => {
			const run = await runWdt(emu, {
				resource: 'purchaseOrder',
				operation: 'getMany',
				returnAll: true,
				from: '={{ DateTime.fromISO("2026-11-27T12:00:00", { zone: "Asia/Shanghai" }) }}',
			});
			expect(run.error).toBeUndefined();
			const [[start]] = windowsOf('purchase_order_query');
			expect(start).toBe('2026-11-27 12:00:00');
			expect(keysOf(run.json(), 'purchase_id')).toEqual(
				keysOf(world('purchase', { start: '2026-11-27 12:00:00', end: formatBeijing(Date.now() + 60000) }), 'purchase_id'),
			);
		});

		it('a record changed while the range is read comes once, with its newest values', async () => {
			const from = '2026-11-18 10:00:00';
			const moved = emu.world.addTrade({ shop_no: 'shop-b' }, '2026-11-18 10:10:00') as IDataObject;
			hook = (entry) => {
				if (entry.endpoint === 'trade_query.php' && entry.params?.start_time === from) {
					hook = undefined;
					emu.world.touchTrade(String(moved.trade_id), '2026-11-18 11:30:00');
				}
			};
			const run = await runWdt(emu, {
				resource: 'order',
				operation: 'getMany',
				returnAll: true,
				from,
				to: '2026-11-18 12:00:00',
				options: { concurrency: 1 },
			});
			const copies = run.json().filter((trade) => trade.trade_id === moved.trade_id);
			expect(copies).toHaveLength(1);
			expect(copies[0].modified).toBe('2026-11-18 11:30:00');
		});
	});

	it('an order leaving the range while its window is paged makes the next one slip past a page border: the window is read again', async () => {
		const from = '2026-11-24 12:00:00';
		const to = '2026-11-24 13:00:00';
		const before = world('trade', { start: from, end: to });
		expect(before.length).toBeGreaterThan(200);
		const leaving = String(before[3].trade_id);
		hook = (entry) => {
			if (entry.endpoint === 'trade_query.php' && entry.params?.page_no === '0') {
				hook = undefined;
				emu.world.touchTrade(leaving, '2026-11-24 15:00:00'); // out of the range
			}
		};
		const run = await runWdt(emu, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			from,
			to,
			options: { concurrency: 1 },
		});
		const ids = keysOf(run.json(), 'trade_id');
		// Every order read before the change, the one that left included (as it was when read).
		expect(ids).toEqual(keysOf(before, 'trade_id'));
		expect(requestsTo(emu, 'trade_query').filter((r) => r.params?.page_no === '0')).toHaveLength(2);
	});

	describe('Order · Get Many: recent and history orders', () => {
		it('automatic: the part older than 3 months + 3 days goes to his_trade_query, from 3 months − 3 days on to trade_query', async () => {
			const cutoff = monthsBefore(Date.now(), 3);
			const from = formatBeijing(cutoff - 4 * DAY_MS);
			const to = formatBeijing(cutoff + 4 * DAY_MS);
			const old = emu.world.addTrade({}, secondsAfter(from, 600)) as IDataObject;
			const recent = emu.world.addTrade({}, secondsAfter(to, -600)) as IDataObject;
			const run = await runWdt(emu, { resource: 'order', operation: 'getMany', returnAll: true, from, to, options: { concurrency: 8 } });
			expect(run.error).toBeUndefined();
			const his = windowsOf('his_trade_query');
			const trade = windowsOf('trade_query');
			expect(his).toHaveLength(1);
			expect(his[0][0]).toBe(from);
			// The band around the border is read from both endpoints.
			expect(Math.abs(ms(his[0][1] as string) - (cutoff + 3 * DAY_MS))).toBeLessThan(60000);
			expect(Math.abs(ms(trade[0][0] as string) - (cutoff - 3 * DAY_MS))).toBeLessThan(60000);
			expect(trade[trade.length - 1][1]).toBe(to);
			const ids = keysOf(run.json(), 'trade_id');
			expect(ids).toEqual(expect.arrayContaining([old.trade_id, recent.trade_id]));
			expect(new Set(ids).size).toBe(ids.length);
		});

		it('by number without a range: both endpoints are asked (an old order is only in the history), the order comes out once', async () => {
			const [order] = world('trade', { start: '2026-11-24 12:00:00', end: '2026-11-24 13:00:00' });
			const run = await runWdt(emu, { resource: 'order', operation: 'getMany', returnAll: true, filters: { trade_no: order.trade_no } });
			expect(run.error).toBeUndefined();
			expect(keysOf(run.json(), 'trade_id')).toEqual([order.trade_id]);
			for (const endpoint of ['trade_query', 'his_trade_query']) {
				expect(requestsTo(emu, endpoint).map((r) => [r.params?.trade_no, r.params?.start_time])).toEqual([[order.trade_no, undefined]]);
			}
		});

		it('History Orders: his_trade_query alone, in windows of up to 30 days', async () => {
			const run = await runWdt(emu, {
				resource: 'order',
				operation: 'getMany',
				source: 'history',
				returnAll: true,
				from: MONTH_FROM,
				to: MONTH_TO,
			});
			expect(requestsTo(emu, 'trade_query')).toHaveLength(0);
			expect(windowsOf('his_trade_query')).toEqual([
				[MONTH_FROM, '2026-11-27 12:00:00'],
				['2026-11-27 12:00:00', MONTH_TO],
			]);
			expect(keysOf(run.json(), 'trade_id')).toEqual(keysOf(world('trade', { start: MONTH_FROM, end: MONTH_TO }), 'trade_id'));
		});
	});

	it('rate limit: answers "too frequent" (1010) are backed off and retried until every record is in', async () => {
		emu.rateLimit.perSecond = 2;
		const run = await runWdt(emu, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			from: '2026-11-24 11:00:00',
			to: '2026-11-24 14:00:00',
			options: { concurrency: 4, maxRetries: 10, retryDelayMs: 300 },
		});
		expect(run.error).toBeUndefined();
		expect(emu.rateLimit.refused).toBeGreaterThan(0);
		expect(requestsTo(emu, 'trade_query').some((r) => r.code === 1010)).toBe(true);
		expect(keysOf(run.json(), 'trade_id')).toEqual(
			keysOf(world('trade', { start: '2026-11-24 11:00:00', end: '2026-11-24 14:00:00' }), 'trade_id'),
		);
	});

	describe('errors with hints', () => {
		it('orders without a range or a number: WDT\'s "missing parameter" with the hint', async () => {
			const run = await runWdt(emu, { resource: 'order', operation: 'getMany', returnAll: true, options: FAST });
			expect(run.error?.name).toBe('NodeApiError');
			expect(run.error?.message).toMatch(/^WDT error 21000003: /);
			expect(run.error?.description).toMatch(/A required parameter is missing/);
		});

		it('a rate limit that outlasts Max Retries fails with the "too frequent" hint', async () => {
			emu.faults.add({ endpoint: 'refund_query.php', kind: 'apiError', code: 1010, message: '超过每秒最大调用频率限制,请稍后再试' });
			const run = await runWdt(emu, {
				resource: 'refund',
				operation: 'getMany',
				returnAll: true,
				from: MONTH_FROM,
				to: MONTH_TO,
				options: { maxRetries: 2, retryDelayMs: 1 },
			});
			expect(run.error?.message).toBe('WDT error 1010: 超过每秒最大调用频率限制,请稍后再试');
			expect(run.error?.description).toMatch(/too frequent.*Concurrency/);
			expect(requestsTo(emu, 'refund_query').length).toBeGreaterThanOrEqual(3);
		});

		it('To before From is refused before anything is sent', async () => {
			const run = await runWdt(emu, {
				resource: 'salesStockout',
				operation: 'getMany',
				returnAll: true,
				from: '2026-11-20 10:00:00',
				to: '2026-11-20 09:00:00',
			});
			expect(run.error?.name).toBe('NodeOperationError');
			// The two values, as WDT reads them (Beijing time).
			expect(run.error?.message).toBe('To 2026-11-20 09:00:00 is before From 2026-11-20 10:00:00 (Beijing time)');
			expect(run.error?.description).toMatch(/at least one second after From/);
			expect(emu.requests).toHaveLength(0);
		});

		it('Continue On Fail: each item\'s error goes to the error output with its hint, the others\' records to the main one', async () => {
			const run = await runWdt(
				emu,
				{
					resource: 'salesStockout',
					operation: 'getMany',
					returnAll: true,
					from: '={{ $json.from }}',
					to: '2026-11-28 12:00:00',
					options: FAST,
				},
				{ input: [{ from: '2026-11-28 11:00:00' }, { from: 'soon' }], extra: { onError: 'continueErrorOutput' } },
			);
			expect(run.error).toBeUndefined();
			const errors = run.output('WDT', 1);
			expect(errors).toHaveLength(1);
			expect(errors[0].pairedItem).toEqual({ item: 1 });
			expect(errors[0].json.error).toMatch(/From "soon" is not a time/);
			expect((errors[0].json.details as IDataObject).hint).toMatch(/ISO time/);
			expect(run.output('WDT', 0).every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		});
	});
});
