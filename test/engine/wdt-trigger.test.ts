import type { IDataObject, INode } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { SAFETY_LAG_MS as LAG, WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { wdtTriggerClock } from '../../nodes/Wdt/trigger/clock';
import { emulatorCredentials, runWorkflow } from '../helpers/engine';
import { pollAsActiveWorkflow } from '../helpers/poll';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type LogEntry = Emulator['requests'][number];

const TYPE = 'n8n-nodes-wdt.wdtTrigger';
const nodeTypes = { [TYPE]: new WdtTrigger() };
const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** The world's "now": 2026-11-28 12:00:00 Beijing time; all seeded records are older. */
const ANCHOR = Date.UTC(2026, 10, 28, 4, 0, 0);

let emu: Emulator;
/** Each test starts 6 hours after the previous one, so the records one adds are not in another's ranges. */
let testNo = 0;
let T0 = ANCHOR;
let now = T0;
/** Called after each request was answered (to change the world while a poll pages). */
let afterRequest: ((entry: LogEntry) => void) | undefined;
const realNow = wdtTriggerClock.now;

beforeAll(async () => {
	emu = await startEmulator({
		world: { anchor: ANCHOR / 1000 },
		recIdAsNumber: true, // keys beyond 2^53 arrive as bare numbers and must stay exact
		onRequest: (entry) => afterRequest?.(entry),
		// The gateway's clock (its Date header) is the test's clock, as n8n's is: no offset. The
		// signer keeps the real clock, so the timestamp check is off (another test's concern).
		now: () => now / 1000,
		timestampWindowSec: 1e10,
	});
	wdtTriggerClock.now = () => now;
});
afterAll(async () => {
	wdtTriggerClock.now = realNow;
	await emu.stop();
});
beforeEach(() => {
	emu.reset();
	afterRequest = undefined;
	T0 = ANCHOR + 10 * MINUTE + testNo++ * 6 * 3600 * SECOND;
	now = T0;
});

const sec = (ms: number) => ms / 1000;
const beijing = (ms: number) =>
	new Date(ms + 8 * 3600 * SECOND).toISOString().slice(0, 19).replace('T', ' ');

function triggerNode(parameters: IDataObject = {}): INode {
	return {
		id: 'trigger',
		name: 'Trigger',
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { event: 'orderUpdated', ...parameters } as INode['parameters'],
		credentials: { wdtApi: { id: 'cred', name: 'WDT' } },
	};
}

/** One scheduled poll (mode 'trigger'); the same `staticData` carries the memory. */
async function poll(staticData: IDataObject, parameters: IDataObject = {}) {
	const { data } = await pollAsActiveWorkflow({
		nodeTypes,
		nodes: [triggerNode(parameters)],
		connections: {},
		credentials: emulatorCredentials(emu),
		staticData,
		nodeName: 'Trigger',
	});
	return data === null ? null : data[0].map((item) => item.json);
}

/** "Fetch test event": the engine runs the poll node itself, in manual mode. */
async function fetchTestEvent(staticData: IDataObject, parameters: IDataObject = {}) {
	const result = await runWorkflow({
		nodeTypes,
		nodes: [triggerNode(parameters)],
		connections: {},
		credentials: emulatorCredentials(emu),
		staticData,
	});
	expect(result.error).toBeUndefined();
	return result.output('Trigger').map((item) => item.json);
}

const tradeRequests = () => emu.requests.filter((r) => r.endpoint === 'trade_query.php');
/** The reads of a poll's range (the first poll also measures the gateway's clock with a page of 1). */
const rangeReads = () => tradeRequests().filter((r) => r.params?.page_size !== '1');
const memory = (staticData: IDataObject) => staticData['node:Trigger'] as IDataObject;

/** Every (key, modified) emitted, checked for repeats; the final modified per key. */
function ledger() {
	const pairs: string[] = [];
	const latest = new Map<string, string>();
	return {
		add(items: IDataObject[] | null, key = 'trade_id') {
			for (const item of items ?? []) {
				pairs.push(`${String(item[key])}@${String(item.modified)}`);
				latest.set(String(item[key]), String(item.modified));
			}
		},
		repeats: () => pairs.filter((pair, i) => pairs.indexOf(pair) !== i),
		latest,
	};
}

describe('WDT Trigger (orders, trade_query)', () => {
	it('starts from now, then emits each change once: records on the border, shown late, or changed again', async () => {
		const staticData: IDataObject = {};
		const seen = ledger();

		// Poll 1 (activation): nothing older than now; one page of one record tells the gateway's clock.
		expect(await poll(staticData)).toBeNull();
		expect(memory(staticData).cursor).toBe(T0);
		expect(tradeRequests().map((r) => [r.params?.page_size, r.params?.end_time])).toEqual([['1', beijing(T0)]]);

		const T1 = T0 + 5 * MINUTE;
		const a = emu.world.addTrade({}, sec(T0 + 30 * SECOND));
		const onBorder = emu.world.addTrade({}, sec(T1 - LAG)); // exactly at the end of poll 2's range
		now = T1;
		const second = await poll(staticData);
		seen.add(second);
		expect(second?.map((t) => t.trade_id)).toEqual([a.trade_id, onBorder.trade_id]);
		// One window, from the cursor (the overlap would reach before the activation) to the
		// gateway's now minus the safety lag, in Beijing time.
		expect(rangeReads().map((r) => [r.params?.start_time, r.params?.end_time])).toEqual([
			[beijing(T0), beijing(T1 - LAG)],
		]);

		// After poll 2: a record WDT shows late with a modified exactly at the border, and `a` changes again.
		const late = emu.world.addTrade({}, sec(T1 - LAG));
		emu.world.touchTrade(a.trade_id, sec(T1 + 20 * SECOND), { trade_status: 95 });
		const T2 = T1 + 5 * MINUTE;
		const inOverlap = emu.world.addTrade({}, sec(T2 - 10 * SECOND));
		now = T2;
		const third = await poll(staticData);
		seen.add(third);
		expect(third?.map((t) => [t.trade_id, t.modified])).toEqual([
			[late.trade_id, beijing(T1 - LAG)],
			[a.trade_id, beijing(T1 + 20 * SECOND)],
			[inOverlap.trade_id, beijing(T2 - 10 * SECOND)],
		]);
		expect(third?.find((t) => t.trade_id === a.trade_id)?.trade_status).toBe('95');

		// Poll 4, 30 s later: `inOverlap` is read again (overlap) but not emitted again.
		now = T2 + 30 * SECOND;
		const before = tradeRequests().length;
		expect(await poll(staticData)).toBeNull();
		expect(tradeRequests()[before].params?.start_time).toBe(beijing(T2 - LAG - MINUTE));
		expect(seen.repeats()).toEqual([]);
		// Only what the overlap can bring back is remembered.
		expect(Object.keys(memory(staticData).seen as IDataObject)).toEqual([inOverlap.trade_id]);
	});

	it('a record changed while the pages are read hides none: the window is read again', async () => {
		const staticData: IDataObject = {};
		const seen = ledger();
		expect(await poll(staticData)).toBeNull();

		const T1 = T0 + 5 * MINUTE;
		const added = Array.from({ length: 250 }, (_, i) =>
			emu.world.addTrade({}, sec(T0 + (i + 1) * SECOND)),
		);
		// After page 0 is answered, a record of page 0 changes (moves after the range): every later
		// record moves up one place, and the first one of page 1 would never be read.
		const moved = added[10];
		afterRequest = (entry) => {
			if (entry.endpoint === 'trade_query.php' && entry.params?.page_no === '0' && afterRequest) {
				afterRequest = undefined;
				emu.world.touchTrade(moved.trade_id, sec(T1 + 30 * SECOND));
			}
		};
		now = T1;
		const second = await poll(staticData);
		seen.add(second);
		const requestsOfPoll2 = tradeRequests().length;

		now = T1 + 5 * MINUTE;
		const third = await poll(staticData);
		seen.add(third);
		expect(third?.map((t) => [t.trade_id, t.modified])).toEqual([
			[moved.trade_id, beijing(T1 + 30 * SECOND)],
		]);

		// No miss: every trade came out with its latest modified; no duplicate (key, modified).
		const expected = emu.world.records('trade', { start: sec(T0), end: sec(now) });
		expect(expected).toHaveLength(250);
		expect(Object.fromEntries(seen.latest)).toEqual(
			Object.fromEntries(expected.map((t: IDataObject) => [t.trade_id, t.modified])),
		);
		expect(seen.repeats()).toEqual([]);
		expect(requestsOfPoll2).toBeGreaterThan(3); // 3 pages, then the short window again
		// 19-digit keys (sent as bare JSON numbers) came out exact.
		expect([...seen.latest.keys()].some((id) => id.length === 19)).toBe(true);
	});

	it('Start From: the first poll reads hours back in 60-minute windows; a record on a window border comes out once', async () => {
		const staticData: IDataObject = {};
		const from = T0 - 3 * 3600 * SECOND;
		const border = emu.world.addTrade({}, sec(from + 60 * MINUTE)); // end of window 1 = start of window 2
		for (const offset of [0, 59 * MINUTE, 61 * MINUTE, 150 * MINUTE, 180 * MINUTE])
			emu.world.addTrade({}, sec(from + offset));
		now = T0;
		const items = await poll(staticData, { options: { startFrom: new Date(from).toISOString() } });
		const windows = rangeReads().filter((r) => r.params?.page_no === '0');
		expect(windows.map((r) => r.params?.start_time)).toEqual([
			beijing(from),
			beijing(from + 60 * MINUTE),
			beijing(from + 120 * MINUTE),
		]);
		const ids = items?.map((t) => t.trade_id) ?? [];
		expect(ids.filter((id) => id === border.trade_id)).toHaveLength(1);
		// The range ends at the gateway's now minus the lag: the record at T0 waits for the next poll.
		const expected = emu.world.records('trade', { start: sec(from), end: sec(T0 - LAG) });
		expect([...ids].sort()).toEqual(expected.map((t: IDataObject) => String(t.trade_id)).sort());
		expect(new Set(ids).size).toBe(ids.length);
		expect(memory(staticData).cursor).toBe(T0 - LAG);
	});

	it('"Fetch test event" (manual) shows records and leaves the cursor and memory alone', async () => {
		const staticData: IDataObject = {};
		expect(await poll(staticData)).toBeNull();
		const trade = emu.world.addTrade({}, sec(T0 + 30 * SECOND));
		now = T0 + MINUTE;
		const before = JSON.stringify(staticData);

		const shown = await fetchTestEvent(staticData);
		expect(shown.map((t) => t.trade_id)).toEqual([trade.trade_id]);
		expect(JSON.stringify(staticData)).toBe(before);

		// The next scheduled poll still emits it: the test run took nothing away.
		expect((await poll(staticData))?.map((t) => t.trade_id)).toEqual([trade.trade_id]);
	});

	it('"Fetch test event" on a fresh trigger looks back 24 hours (at most 100 records) and writes no memory', async () => {
		const staticData: IDataObject = {};
		emu.world.addTrade({}, sec(T0 - 23 * 3600 * SECOND));
		const shown = await fetchTestEvent(staticData);
		// The oldest 100 of the last 24 hours, in time order (Limit 100 on the read).
		const expected = emu.world.records('trade', {
			start: sec(T0 - 24 * 3600 * SECOND),
			end: sec(T0),
		});
		expect(expected.length).toBeGreaterThan(0);
		expect(shown.map((t) => t.trade_id)).toEqual(
			expected.slice(0, 100).map((t: IDataObject) => t.trade_id),
		);
		const first = tradeRequests()[0];
		expect(first.params?.start_time).toBe(beijing(T0 - 24 * 3600 * SECOND));
		expect(staticData['node:Trigger'] ?? {}).toEqual({}); // n8n may create the empty object; no cursor
	});

	it('a failed poll emits nothing and keeps the cursor; the next poll reads the same range', async () => {
		const staticData: IDataObject = {};
		expect(await poll(staticData)).toBeNull();
		const trade = emu.world.addTrade({}, sec(T0 + 30 * SECOND));
		emu.faults.add({
			endpoint: 'trade_query.php',
			kind: 'apiError',
			code: 1008,
			message: '无权限调用该接口',
			count: 1,
		});
		now = T0 + 5 * MINUTE;
		const before = JSON.stringify(staticData);
		await expect(poll(staticData)).rejects.toMatchObject({
			message: expect.stringMatching(/1008/) as unknown,
		});
		expect(JSON.stringify(staticData)).toBe(before); // nothing written: cursor, memory, clock
		expect(memory(staticData).cursor).toBe(T0);
		expect((await poll(staticData))?.map((t) => t.trade_id)).toEqual([trade.trade_id]);
	});
});

describe('WDT Trigger, other events', () => {
	it('stock changed: one item per spec × warehouse; the warehouse filter is sent', async () => {
		const staticData: IDataObject = {};
		expect(await poll(staticData, { event: 'stockChanged' })).toBeNull();
		const [row] = emu.world
			.records('stock')
			.filter((s: IDataObject) => s.warehouse_no === 'WH-GZ01');
		const hz = emu.world.setStock(String(row.spec_no), 'WH-HZ01', 11, sec(T0 + 10 * SECOND));
		const gz = emu.world.setStock(String(row.spec_no), 'WH-GZ01', 12, sec(T0 + 20 * SECOND));
		now = T0 + MINUTE;
		const items = await poll(staticData, { event: 'stockChanged' });
		expect(items?.map((s) => [s.rec_id, s.warehouse_no, s.stock_num])).toEqual([
			[hz.rec_id, 'WH-HZ01', '11'],
			[gz.rec_id, 'WH-GZ01', '12'],
		]);

		const filtered: IDataObject = {};
		now = T0;
		await poll(filtered, { event: 'stockChanged', warehouseNo: 'WH-GZ01' });
		now = T0 + MINUTE;
		const only = await poll(filtered, { event: 'stockChanged', warehouseNo: 'WH-GZ01' });
		expect(only?.map((s) => s.rec_id)).toEqual([gz.rec_id]);
		expect(emu.lastRequest('stock_query.php')?.params?.warehouse_no).toBe('WH-GZ01');
	});

	it('goods with the SKU filter: WDT ignores the range then, yet only a change since the last poll comes out, once', async () => {
		const staticData: IDataObject = {};
		const [goods] = emu.world.records('goods') as IDataObject[];
		const specNo = String((goods.spec_list as IDataObject[])[0].spec_no);
		const parameters = { event: 'goodsUpdated', specNo };
		expect(await poll(staticData, parameters)).toBeNull();
		now = T0 + MINUTE;
		// WDT answers the goods whatever the range (its modified is days old): not a change.
		expect(await poll(staticData, parameters)).toBeNull();
		expect(emu.lastRequest('goods_query.php')?.params?.spec_no).toBe(specNo);
		const changed = emu.world.touchSpec(specNo, sec(T0 + 90 * SECOND), { barcode: '6900000000002' });
		now = T0 + 2 * MINUTE;
		expect((await poll(staticData, parameters))?.map((g) => g.goods_id)).toEqual([changed.goods_id]);
		now = T0 + 3 * MINUTE;
		expect(await poll(staticData, parameters)).toBeNull();
		now = T0 + 10 * MINUTE;
		expect(await poll(staticData, parameters)).toBeNull();
	});

	it('the Shop Code filter of orders: WDT is asked for that shop only, and only its order comes out', async () => {
		const mine = emu.world.addTrade({ shop_no: 'shop-x' }, sec(T0 - 30 * SECOND));
		emu.world.addTrade({ shop_no: 'shop-y' }, sec(T0 - 20 * SECOND));
		const shown = await fetchTestEvent({}, { shopNo: ' shop-x ' });
		expect(shown.map((t) => t.trade_id)).toEqual([mine.trade_id]);
		expect(tradeRequests().every((r) => r.params?.shop_no === 'shop-x')).toBe(true);
	});

	it('Shop Code and Warehouse Code as pick lists ask WDT the same as the codes a saved trigger typed, and keep its memory', async () => {
		const mine = emu.world.addTrade({ shop_no: 'shop-picked' }, sec(T0 - 30 * SECOND));
		const picked = { shopNo: { __rl: true, mode: 'list', value: 'shop-picked', cachedResultName: 'Shop Picked (shop-picked)' } };
		const shown = await fetchTestEvent({}, picked);
		expect(shown.map((t) => t.trade_id)).toEqual([mine.trade_id]);
		expect(tradeRequests().every((r) => r.params?.shop_no === 'shop-picked')).toBe(true);
		// A trigger saved with the typed code, then edited to pick the same shop: the memory goes on.
		const state: IDataObject = {};
		await poll(state, { shopNo: 'shop-picked' });
		const scope = memory(state).scope;
		expect(scope).toEqual(expect.stringContaining('shop-picked'));
		now = T0 + MINUTE;
		await poll(state, picked);
		expect(memory(state).scope).toBe(scope);
		emu.reset();
		await fetchTestEvent({}, { event: 'stockChanged', warehouseNo: { __rl: true, mode: 'code', value: 'WH-GZ01' } });
		expect(emu.lastRequest('stock_query.php')?.params?.warehouse_no).toBe('WH-GZ01');
	});

	// The filter fields each event shows, filled in: sent under WDT's documented parameter names.
	it.each([
		[
			'orderUpdated',
			'trade_query.php',
			{ shopNo: 'shop-x', warehouseNo: 'WH-GZ01', status: '95' },
			{ shop_no: 'shop-x', warehouse_no: 'WH-GZ01', status: '95' },
		],
		[
			'refundUpdated',
			'refund_query.php',
			{ shopNo: 'shop-x', status: '2' },
			{ shop_no: 'shop-x', process_status: '2' },
		],
		[
			'purchaseOrderUpdated',
			'purchase_order_query.php',
			{ warehouseNo: 'WH-GZ01', status: '40' },
			{ warehouse_no: 'WH-GZ01', status: '40' },
		],
	] as const)('%s: the filters are sent to %s', async (event, endpoint, filters, sent) => {
		await fetchTestEvent({}, { event, ...filters });
		const params = emu.lastRequest(endpoint)?.params ?? {};
		expect(Object.fromEntries(Object.keys(sent).map((name) => [name, params[name]]))).toEqual(sent);
	});

	it.each([
		['salesStockoutUpdated', 'stockout_order_query_trade.php', 'stockout_id', 'addStockout'],
		['refundUpdated', 'refund_query.php', 'refund_id', 'addRefund'],
	] as const)('%s: emits the new record once', async (event, endpoint, key, add) => {
		const staticData: IDataObject = {};
		expect(await poll(staticData, { event })).toBeNull();
		const record = emu.world[add]({}, sec(T0 + 30 * SECOND));
		now = T0 + MINUTE;
		expect((await poll(staticData, { event }))?.map((r) => r[key])).toEqual([record[key]]);
		now = T0 + MINUTE + 10 * SECOND;
		expect(await poll(staticData, { event })).toBeNull();
		// The activation's page of one record (the gateway's clock), then one read per poll; for
		// stockouts three: shipments by ship time, and the statuses before shipping (5, 55) by modified.
		const reads = emu.requests.filter((r) => r.endpoint === endpoint).map((r) => [r.params?.page_size, r.params?.status]);
		const perPoll = event === 'salesStockoutUpdated' ? [['100', undefined], ['100', '5'], ['100', '55']] : [['100', undefined]];
		expect(reads).toEqual([['1', undefined], ...perPoll, ...perPoll]);
	});
});

describe("WDT Trigger: the gateway's clock and n8n's", () => {
	const wholeSecond = (ms: number) => Math.floor(ms / SECOND) * SECOND;

	it('"Fetch test event" reads up to the gateway\'s now as the memory knows it (the gateway 120 s ahead)', async () => {
		emu.faults.clockOffsetSec = 120;
		const staticData: IDataObject = {};
		expect(await poll(staticData)).toBeNull(); // activation: measures the offset
		expect(memory(staticData).offsetMs).toBe(120 * SECOND);
		// Written at the gateway's now minus 30 s: 90 s after n8n's now.
		now += MINUTE;
		const ahead = emu.world.addTrade({}, (now + 90 * SECOND) / SECOND);

		const shown = await fetchTestEvent(staticData);
		expect(shown.map((t) => t.trade_id)).toContain(ahead.trade_id);
	});

	it('"Fetch test event" with a Start From still ahead of the gateway\'s now reads nothing and shows nothing', async () => {
		const staticData: IDataObject = {};
		const startFrom = new Date(now + 10 * MINUTE).toISOString();
		expect(await fetchTestEvent(staticData, { options: { startFrom } })).toEqual([]);
		expect(rangeReads()).toEqual([]);
	});

	it("a scheduled poll after n8n's clock stepped back reads nothing, emits nothing and keeps the cursor", async () => {
		const staticData: IDataObject = {};
		expect(await poll(staticData)).toBeNull();
		now += 2 * MINUTE;
		await poll(staticData);
		const cursor = memory(staticData).cursor as number;
		const reads = rangeReads().length;

		now -= 10 * MINUTE;
		expect(await poll(staticData)).toBeNull();
		expect(rangeReads()).toHaveLength(reads);
		expect(memory(staticData).cursor).toBe(cursor);
	});

	it("answers that show the gateway's clock behind what the memory knew: the cursor stops at the gateway's time, the new offset is kept", async () => {
		const staticData: IDataObject = {};
		expect(await poll(staticData)).toBeNull();
		expect(memory(staticData).offsetMs).toBe(0);
		// The gateway's clock steps 200 s back (n8n's clock goes on).
		emu.faults.clockOffsetSec = -200;
		now += 3 * MINUTE;
		await poll(staticData);
		expect(memory(staticData).offsetMs).toBe(-200 * SECOND);
		// Not n8n's now minus the lag (what the memory's offset said): the gateway's, as its answers showed.
		expect(memory(staticData).cursor).toBe(wholeSecond(now - 200 * SECOND - LAG));
	});

	it('a failed read names its endpoint in the error', async () => {
		const staticData: IDataObject = {};
		expect(await poll(staticData)).toBeNull();
		emu.faults.add({ endpoint: 'trade_query.php', kind: 'apiError', code: 1008, message: '无权限调用该接口', count: 1 });
		now += 5 * MINUTE;
		await expect(poll(staticData)).rejects.toMatchObject({ message: expect.stringMatching(/^trade_query: WDT error 1008/) as unknown });
	});
});
