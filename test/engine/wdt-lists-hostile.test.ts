/**
 * The WDT node's Get Many operations through the n8n engine against hostile gateways of the
 * tests' own (test/helpers/list-gateway.js): never a partial list passed off as complete. Short
 * pages forever, rows shifting, pages without total_count, an impossible total_count, cut-off
 * JSON, rows without their key, windows refused as too long; under Continue On Fail the items of
 * the complete windows, and an error item that names the window, the endpoint and the counts.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { MAX_PAGES_PER_WINDOW, MAX_REREADS } from '../../nodes/Wdt/transport/fetchList';
import { chain, runWorkflow, sourceNode, wdtNode } from '../helpers/engine';
import { beijingMs, startListGateway } from '../helpers/list-gateway';

type Gateway = Awaited<ReturnType<typeof startListGateway>>;
type Row = Record<string, unknown>;

const WDT_TYPE = 'n8n-nodes-wdt.wdt';
const nodeTypes = { [WDT_TYPE]: new Wdt() };
const FAST = { retryDelayMs: 1 };
const HOUR = 3600_000;
const FROM = '2026-11-20 10:00:00';
const TO = '2026-11-20 13:00:00';

const beijing = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 19).replace('T', ' ');

/** `perHour[h]` orders in hour h of the range (one every 14 s), ids distinct. */
function orders(...perHour: number[]): Row[] {
	const start = beijingMs(FROM);
	return perHour.flatMap((count, h) =>
		Array.from({ length: count }, (_, i) => ({
			trade_id: String(9_000_000_000_000_000_000n + BigInt(h * 1000 + i)),
			trade_no: `JY${h}${String(i).padStart(4, '0')}`,
			modified: beijing(start + h * HOUR + (i + 1) * 14_000),
		})),
	);
}

async function run(gw: Gateway, parameters: IDataObject, extra: Partial<INode> = {}) {
	const result = await runWorkflow({
		nodeTypes,
		nodes: [sourceNode([{}]), wdtNode(WDT_TYPE, 'WDT', parameters, extra)],
		connections: chain('Source', 'WDT'),
		credentials: { cred: { sid: 'sid', appkey: 'key', appsecret: 'secret', environment: 'custom', customUrl: gw.url } },
	});
	return { ...result, json: (output = 0) => result.output('WDT', output).map((item) => item.json) };
}

const getOrders = (options: IDataObject = {}) => ({
	resource: 'order',
	operation: 'getMany',
	source: 'recent',
	returnAll: true,
	from: FROM,
	to: TO,
	options: { ...FAST, ...options },
});

/** The requests of the window starting at `start` (Beijing text). */
const windowRequests = (gw: Gateway, start: string) => gw.requestsTo('trade_query').filter((r) => r.params.start_time === start);

describe('Get Many never passes off a partial list as complete (hostile gateways)', () => {
	let gw: Gateway | undefined;
	afterEach(async () => {
		await gw?.close();
		gw = undefined;
	});
	const start = async (rows: Row[], answer?: Parameters<typeof startListGateway>[0]['answer'], endpoint = 'trade_query', listField = 'trades') => {
		gw = await startListGateway({ endpoints: { [endpoint]: { listField, rows } }, answer });
		return gw;
	};

	describe('a page that keeps coming back short in the middle of a window', () => {
		// The second hour's page 1 always has 60 of its 100 records; total_count says 250.
		const shortPage: Parameters<typeof startListGateway>[0]['answer'] = (r) =>
			r.params.start_time === '2026-11-20 11:00:00' && r.pageNo === 1
				? { ...r.body, trades: (r.body.trades as Row[]).slice(0, 60) }
				: undefined;

		it('fails the node with the window (Beijing time), the endpoint and the counts, after its re-reads', async () => {
			const g = await start(orders(250, 250, 250), shortPage);
			const result = await run(g, getOrders({ concurrency: 1 }));
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'trade_query: the window 2026-11-20 11:00:00 – 2026-11-20 12:00:00 (Beijing time) could not be read completely: read 160 of 250 (read 3 times); page 1 came back with 60 of 100 records, though total_count 250 asks for 3 pages',
			);
			expect(result.error?.description).toMatch(/reads are safe to repeat.*same range.*From \/ To/);
			// Each read (one request at a time): page 0, then page 1 contradicts total_count and nothing more is asked.
			expect(windowRequests(g, '2026-11-20 11:00:00').map((r) => r.pageNo)).toEqual([0, 1, 0, 1, 0, 1]);
			expect(1 + MAX_REREADS).toBe(3);
		});

		it('Continue On Fail: the complete windows\' items, paired with their input item, and an error item naming the window', async () => {
			const rows = orders(250, 250, 250);
			const g = await start(rows, shortPage);
			const result = await run(g, getOrders({ concurrency: 3 }), { onError: 'continueErrorOutput' });
			expect(result.error).toBeUndefined();
			const items = result.output('WDT', 0);
			const complete = [...rows.slice(0, 250), ...rows.slice(500)].map((row) => row.trade_id);
			expect(items.map((item) => item.json.trade_id)).toEqual(complete);
			expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
			const [error, ...more] = result.output('WDT', 1);
			expect(more).toEqual([]);
			expect(error.pairedItem).toEqual({ item: 0 });
			expect(Object.keys(error.json).every((key) => ['error', 'message', 'details'].includes(key))).toBe(true);
			// With 3 requests in flight, page 2 may have been asked before page 1 answered short.
			expect(error.json.error).toMatch(/^trade_query: the window 2026-11-20 11:00:00 – 2026-11-20 12:00:00 \(Beijing time\) could not be read completely: read (160|210) of 250/);
			const details = error.json.details as IDataObject;
			const read = ((details.windows as IDataObject[])[0] ?? {}).read;
			expect(details.code).toBe('INCOMPLETE');
			expect(details.windows).toEqual([
				{
					endpoint: 'trade_query',
					from: '2026-11-20 11:00:00',
					to: '2026-11-20 12:00:00',
					read,
					total: 250,
					reads: 3,
					reason: 'page 1 came back with 60 of 100 records, though total_count 250 asks for 3 pages',
				},
			]);
			expect(details.hint).toMatch(/reads are safe to repeat/);
		});

		it('a short page that comes right once the window is read again: complete, every order once', async () => {
			const rows = orders(250, 250, 250);
			let bent = 0;
			// Only the first read of the second hour gets the short page.
			const g = await start(rows, (r) => {
				const out = shortPage(r);
				return out && bent++ === 0 ? out : undefined;
			});
			const result = await run(g, getOrders());
			expect(result.error).toBeUndefined();
			expect(result.json().map((row) => row.trade_id)).toEqual(rows.map((row) => row.trade_id));
		});
	});

	it('rows shifting at a page border on every read (one order skipped, another twice): an error, not 249 of 250', async () => {
		// Pages after page 0 start one row late: the first order of each is never sent.
		const g = await start(orders(250), (r) =>
			r.pageNo > 0 ? { ...r.body, trades: r.selected.slice(r.pageNo * r.pageSize + 1, (r.pageNo + 1) * r.pageSize + 1) } : undefined,
		);
		const result = await run(g, { ...getOrders(), to: '2026-11-20 11:00:00' });
		expect(result.error?.message).toBe(
			'trade_query: the window 2026-11-20 10:00:00 – 2026-11-20 11:00:00 (Beijing time) could not be read completely: read 249 of 250 (read 3 times); the reads together brought 249 of the 250 records total_count announces',
		);
		expect(result.json()).toEqual([]);
	});

	it('a page that repeats the one before (rows shifted down): read again, and an error when it never adds up', async () => {
		const g = await start(orders(250), (r) =>
			r.pageNo === 1 ? { ...r.body, trades: r.selected.slice(0, 100) } : undefined,
		);
		const result = await run(g, { ...getOrders(), to: '2026-11-20 11:00:00' });
		expect(result.error?.message).toMatch(/could not be read completely: read 150 of 250 \(read 3 times\); page 1 repeats page 0$/);
		expect(g.requestsTo('trade_query')).toHaveLength(9);
	});

	it('rows that shift differently on every read: the reads together hold every order, so the window is complete, each order once', async () => {
		const rows = orders(250);
		// Read k skips the k-th order of page 1; together the three reads hold them all.
		const g = await start(rows, (r) => {
			if (r.pageNo !== 1) return undefined;
			const read = g.requestsTo('trade_query').filter((x) => x.pageNo === 0).length - 1;
			const page = r.selected.slice(100, 200).filter((_, i) => i !== read);
			return { ...r.body, trades: [...page, r.selected[200]] };
		});
		const result = await run(g, { ...getOrders(), to: '2026-11-20 11:00:00' });
		expect(result.error).toBeUndefined();
		const ids = result.json().map((row) => row.trade_id);
		expect(ids).toEqual(rows.map((row) => row.trade_id));
	});

	describe('pages without total_count', () => {
		const noTotal: Parameters<typeof startListGateway>[0]['answer'] = (r) => {
			const body = { ...r.body };
			delete body.total_count;
			return body;
		};

		it('read on to an empty page: complete, with one request more than the pages', async () => {
			const rows = orders(250);
			const g = await start(rows, noTotal);
			const result = await run(g, { ...getOrders(), to: '2026-11-20 11:00:00' });
			expect(result.error).toBeUndefined();
			expect(result.json().map((row) => row.trade_id)).toEqual(rows.map((row) => row.trade_id));
			expect(g.requestsTo('trade_query').map((r) => [r.pageNo, (r.body.trades as Row[]).length])).toEqual([
				[0, 100],
				[1, 100],
				[2, 50],
				[3, 0],
			]);
		});

		it('records after a short page contradict it: read again, then an error', async () => {
			const g = await start(orders(250), (r) => {
				const body = noTotal(r) as IDataObject;
				return r.pageNo === 1 ? { ...body, trades: (body.trades as Row[]).slice(0, 60) } : body;
			});
			const result = await run(g, { ...getOrders(), to: '2026-11-20 11:00:00' });
			expect(result.error?.message).toBe(
				'trade_query: the window 2026-11-20 10:00:00 – 2026-11-20 11:00:00 (Beijing time) could not be read completely: read 210 records (read 3 times); page 2 has 50 records after the short page 1',
			);
		});
	});

	// A gateway serving at most 40 rows whatever page_size asks (the pageSizeCap reading of
	// docs/wdt-contract.md), counting page offsets by the size asked (the emulator counts them by
	// the size served): the fetcher asks for pages of 40 once page 0 shows it, so both agree.
	it.each([
		['the size asked', (r: { pageNo: number; pageSize: number }) => r.pageNo * r.pageSize],
		['the size served', (r: { pageNo: number; pageSize: number }) => r.pageNo * Math.min(r.pageSize, 40)],
	])('a page size silently capped at 40, offsets counted by %s: read at 40 a page, every order once', async (_label, offset) => {
		const rows = orders(130, 0, 41);
		const g = await start(rows, (r) => ({ ...r.body, trades: r.selected.slice(offset(r), offset(r) + Math.min(r.pageSize, 40)) }));
		const result = await run(g, getOrders({ concurrency: 2 }));
		expect(result.error).toBeUndefined();
		expect(result.json().map((row) => row.trade_id)).toEqual(rows.map((row) => row.trade_id));
		expect(windowRequests(g, FROM).map((r) => [r.pageNo, r.pageSize]).sort()).toEqual([
			[0, 100],
			[1, 40],
			[2, 40],
			[3, 40],
		]);
	});

	it(`total_count 1e9: refused at page 0 (beyond ${MAX_PAGES_PER_WINDOW} pages), nothing more asked`, async () => {
		const g = await start(orders(5), (r) => (r.pageNo === 0 ? { ...r.body, total_count: 1e9 } : undefined));
		const result = await run(g, { ...getOrders(), to: '2026-11-20 11:00:00' });
		expect(result.error?.message).toBe(
			`trade_query: the window 2026-11-20 10:00:00 – 2026-11-20 11:00:00 (Beijing time) could not be read completely: read 5 of 1000000000 (read 3 times); total_count announces 1000000000 records: more than ${MAX_PAGES_PER_WINDOW} pages of 100`,
		);
		expect(g.requestsTo('trade_query').map((r) => r.pageNo)).toEqual([0, 0, 0]);
	});

	describe('cut-off JSON', () => {
		const cut = (r: Parameters<NonNullable<Parameters<typeof startListGateway>[0]['answer']>>[0]) => {
			const text = JSON.stringify(r.body);
			return { text: text.slice(0, Math.floor(text.length / 2)) };
		};

		it('once: the page is asked again at once (reads are safe to repeat) and the list is complete', async () => {
			const rows = orders(250);
			let cuts = 0;
			const g = await start(rows, (r) => (r.pageNo === 1 && cuts++ === 0 ? cut(r) : undefined));
			const result = await run(g, { ...getOrders({ concurrency: 1 }), to: '2026-11-20 11:00:00' });
			expect(result.error).toBeUndefined();
			expect(result.json().map((row) => row.trade_id)).toEqual(rows.map((row) => row.trade_id));
			expect(g.requestsTo('trade_query').map((r) => r.pageNo)).toEqual([0, 1, 1, 2]);
		});

		it('always: the window fails after the retries of each read, naming the page', async () => {
			const g = await start(orders(250), (r) => (r.pageNo === 1 ? cut(r) : undefined));
			const result = await run(g, { ...getOrders({ maxRetries: 1, concurrency: 1 }), to: '2026-11-20 11:00:00' });
			expect(result.error?.message).toMatch(
				/^trade_query: the window 2026-11-20 10:00:00 – 2026-11-20 11:00:00 \(Beijing time\) could not be read completely: read 100 of 250 \(read 3 times\); page 1 could not be read: The gateway did not answer with JSON: \{/,
			);
			// Each read: page 0, then page 1 tried twice (Max Retries 1).
			expect(g.requestsTo('trade_query').map((r) => r.pageNo)).toEqual([0, 1, 1, 0, 1, 1, 0, 1, 1]);
		});
	});

	describe('rows without their key (#28)', () => {
		/** Stock rows of 31 days: one spec × warehouse each, no rec_id; one exactly on the window border. */
		function stockRows(): Row[] {
			const from = beijingMs('2026-10-20 10:00:00');
			const rows: Row[] = [];
			for (let i = 0; i < 230; i++) {
				rows.push({ spec_no: `SP${i % 115}`, warehouse_no: i < 115 ? 'WH-GZ01' : 'WH-HZ01', stock_num: String(i), modified: beijing(from + i * 3 * 3600_000) });
			}
			rows.push({ spec_no: 'SP-BORDER', warehouse_no: 'WH-GZ01', stock_num: '1', modified: '2026-11-19 10:00:00' });
			return rows;
		}

		it('stock_query rows without rec_id: one item per spec × warehouse (a row changed between windows once, newest), the border row once, no read more than the pages', async () => {
			const rows = stockRows();
			// After window 1 was read, the first row changes: window 2 brings its new state.
			const g = await start(
				rows,
				(r) => {
					if (r.params.start_time === '2026-10-20 10:00:00' && r.pageNo === 2) Object.assign(rows[0], { stock_num: 'changed', modified: '2026-11-19 12:00:00' });
					return undefined;
				},
				'stock_query',
				'stocks',
			);
			const result = await run(g, {
				resource: 'stock',
				operation: 'getMany',
				returnAll: true,
				from: '2026-10-20 10:00:00',
				to: '2026-11-20 10:00:00',
				options: { ...FAST, concurrency: 1 },
			});
			expect(result.error).toBeUndefined();
			const got = result.json().map((row) => `${String(row.spec_no)}@${String(row.warehouse_no)}`);
			expect(got).toHaveLength(rows.length);
			expect(new Set(got).size).toBe(rows.length);
			expect(result.json().filter((row) => row.spec_no === 'SP0' && row.warehouse_no === 'WH-GZ01').map((row) => row.stock_num)).toEqual(['changed']);
			// Window 1 (30 days): 231 rows → pages 0, 1, 2; window 2 (1 day): the border row again → page 0.
			expect(g.requestsTo('stock_query').map((r) => [r.params.start_time, r.pageNo])).toEqual([
				['2026-10-20 10:00:00', 0],
				['2026-10-20 10:00:00', 1],
				['2026-10-20 10:00:00', 2],
				['2026-11-19 10:00:00', 0],
			]);
		});

		it('warehouse_query rows without warehouse_id (and warehouse_type, not type): each warehouse once, one read', async () => {
			const rows = Array.from({ length: 130 }, (_, i) => ({ warehouse_no: `WH${i}`, name: `Warehouse ${i}`, warehouse_type: '1' }));
			const g = await start(rows, undefined, 'warehouse_query', 'warehouses');
			const result = await run(g, { resource: 'warehouse', operation: 'getMany', returnAll: true, options: FAST });
			expect(result.json().map((row) => row.warehouse_no)).toEqual(rows.map((row) => row.warehouse_no));
			expect(g.requestsTo('warehouse_query').map((r) => r.pageNo)).toEqual([0, 1]);
		});

		it('warehouse_query: a warehouse renamed between two reads of the list is one item, as last read', async () => {
			const rows = Array.from({ length: 130 }, (_, i) => ({ warehouse_no: `WH${i}`, name: `Warehouse ${i}` }));
			let cut = true;
			// The first read's page 1 brings 10 of its 30 warehouses: the list is read again, after WH0 was renamed.
			const g = await start(
				rows,
				(r) => {
					if (r.pageNo !== 1 || !cut) return undefined;
					cut = false;
					rows[0].name = 'Renamed';
					return { ...r.body, warehouses: (r.body.warehouses as Row[]).slice(0, 10) };
				},
				'warehouse_query',
				'warehouses',
			);
			const result = await run(g, { resource: 'warehouse', operation: 'getMany', returnAll: true, options: { ...FAST, concurrency: 1 } });
			expect(result.json().map((row) => row.warehouse_no)).toEqual(rows.map((row) => row.warehouse_no));
			expect(result.json()[0].name).toBe('Renamed');
			expect(g.requestsTo('warehouse_query').map((r) => r.pageNo)).toEqual([0, 1, 0, 1]);
		});

		it('rows with no key field at all: known by their content, a row in two windows once, two alike rows in one window both', async () => {
			const from = beijingMs('2026-10-20 10:00:00');
			const rows: Row[] = Array.from({ length: 150 }, (_, i) => ({ stock_num: String(i), modified: beijing(from + i * 4 * 3600_000) }));
			rows.push({ stock_num: 'same', modified: '2026-11-01 10:00:00' }, { stock_num: 'same', modified: '2026-11-01 10:00:00' });
			rows.push({ stock_num: 'border', modified: '2026-11-19 10:00:00' });
			const g = await start(rows, undefined, 'stock_query', 'stocks');
			const result = await run(g, {
				resource: 'stock',
				operation: 'getMany',
				returnAll: true,
				from: '2026-10-20 10:00:00',
				to: '2026-11-20 10:00:00',
				options: FAST,
			});
			expect(result.error).toBeUndefined();
			const got = result.json().map((row) => String(row.stock_num));
			expect(got.filter((n) => n === 'same')).toHaveLength(2);
			expect(got.filter((n) => n === 'border')).toHaveLength(1);
			expect(got).toHaveLength(rows.length);
			expect(g.requestsTo('stock_query')).toHaveLength(3); // window 1: pages 0, 1; window 2: page 0
		});
	});

	it('split windows with 4 requests in flight: every order once, each refusal at most once per length', async () => {
		const rows = orders(250, 250, 250);
		gw = await startListGateway({ endpoints: { his_trade_query: { listField: 'trades', rows, maxWindowSec: 3600 } } });
		const result = await run(gw, { ...getOrders({ concurrency: 4 }), source: 'history' });
		expect(result.error).toBeUndefined();
		expect(result.json().map((row) => row.trade_id)).toEqual(rows.map((row) => row.trade_id));
		const refused = gw.requestsTo('his_trade_query').filter((r) => r.body.code !== 0);
		// The 3 h window, then its two halves (both in flight before the first refusal came back).
		expect(refused.length).toBeLessThanOrEqual(3);
	});

	it('a window the gateway refuses as too long is split in halves until accepted: every order once', async () => {
		const rows = orders(250, 250, 250);
		gw = await startListGateway({ endpoints: { his_trade_query: { listField: 'trades', rows, maxWindowSec: 3600 } } });
		const result = await run(gw, { ...getOrders({ concurrency: 1 }), source: 'history' });
		expect(result.error).toBeUndefined();
		expect(result.json().map((row) => row.trade_id)).toEqual(rows.map((row) => row.trade_id));
		const asked = gw.requestsTo('his_trade_query').filter((r) => r.pageNo === 0);
		const refused = asked.filter((r) => r.body.code !== 0).map((r) => [r.params.start_time, r.params.end_time]);
		// 3 h refused, then 1.5 h refused; from then on windows of 45 minutes.
		expect(refused).toEqual([
			[FROM, TO],
			[FROM, '2026-11-20 11:30:00'],
		]);
		expect(asked.filter((r) => r.body.code === 0).map((r) => r.params.start_time)).toEqual([
			'2026-11-20 10:00:00',
			'2026-11-20 10:45:00',
			'2026-11-20 11:30:00',
			'2026-11-20 12:15:00',
		]);
	});
});
