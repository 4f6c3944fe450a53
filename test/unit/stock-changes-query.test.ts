/**
 * queryShop, the one pending-queue reader (stock changes and shipments), against a stand-in for
 * n8n's request helper: when "fetch all" stops and why, what it keeps, and the note it leaves.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { MAX_LIMIT, MAX_PAGES, fetchNote, queryShop } from '../../nodes/Wdt/stockChanges';
import type { ShopQueryOptions } from '../../nodes/Wdt/stockChanges';

type Row = { rec_id: number; sync_stock?: number };

/** Each query is answered by `pageOf(n)` (n from 0): the rows of that answer. */
function gateway(pageOf: (n: number) => Row[]) {
	let queries = 0;
	const httpRequestWithAuthentication = async () => {
		const rows = pageOf(queries++);
		return { statusCode: 200, headers: {}, body: JSON.stringify({ code: 0, message: '', stock_change_list: rows }) };
	};
	const context = { getExecutionCancelSignal: () => undefined, helpers: { httpRequestWithAuthentication } } as unknown as IExecuteFunctions;
	return { context, queries: () => queries };
}

const options = (overrides: Partial<ShopQueryOptions>): ShopQueryOptions => ({
	shopNo: 'shop-a',
	limit: 2,
	fetchAll: true,
	maxRecords: 10_000,
	timeoutMs: 5000,
	retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0 },
	...overrides,
});
const rows = (...ids: number[]): Row[] => ids.map((rec_id) => ({ rec_id, sync_stock: rec_id * 10 }));
const ids = (result: { records: Array<{ rec_id: string }> }) => result.records.map((r) => r.rec_id);
const GW = 'http://gateway.test/openapi2/';

describe('queryShop: fetch all', () => {
	it('a gateway that hands out the next records: every page, until a short one', async () => {
		const pages = [rows(1, 2), rows(3, 4), rows(5)];
		const { context, queries } = gateway((n) => pages[n]);
		const result = await queryShop(context, GW, options({}));
		expect(ids(result)).toEqual(['1', '2', '3', '4', '5']);
		expect(result).toMatchObject({ pages: 3, lastPageSize: 1, stop: 'short-page' });
		expect(queries()).toBe(3);
		expect(fetchNote(result, 2)).toBeUndefined();
	});

	it('a gateway that repeats its page: stops at the page with nothing new; a record seen again keeps its place and takes the newer values', async () => {
		const pages = [rows(1, 2), [{ rec_id: 2, sync_stock: 99 }, { rec_id: 1, sync_stock: 10 }]];
		const { context } = gateway((n) => pages[n] ?? rows(7, 8));
		const result = await queryShop(context, GW, options({}));
		expect(result.records).toEqual([
			{ rec_id: '1', sync_stock: 10 },
			{ rec_id: '2', sync_stock: 99 },
		]);
		expect(result).toMatchObject({ pages: 2, stop: 'no-new-records' });
		expect(fetchNote(result, 2)).toBe(
			`Shop shop-a: WDT answered the same 2 pending records again, so it shows the next ones only after these are acked. Ack them and run again (the loop catches up run by run), or raise Limit (up to ${MAX_LIMIT}).`,
		);
	});

	it('an empty page ends it as empty (not as a short page)', async () => {
		const pages = [rows(1, 2), []];
		const { context } = gateway((n) => pages[n]);
		const result = await queryShop(context, GW, options({}));
		expect(result).toMatchObject({ pages: 2, lastPageSize: 0, stop: 'empty' });
		expect(ids(result)).toEqual(['1', '2']);
	});

	it('Max Records: stops inside a page at the cap, and at the end of a page that reaches it exactly', async () => {
		const next = (n: number) => rows(2 * n + 1, 2 * n + 2);
		const inside = gateway(next);
		const capped = await queryShop(inside.context, GW, options({ maxRecords: 3 }));
		expect(ids(capped)).toEqual(['1', '2', '3']);
		expect(capped).toMatchObject({ pages: 2, stop: 'max-records' });
		expect(fetchNote(capped, 2)).toBe('Shop shop-a: stopped at Max Records (3); more stock changes may be pending.');
		const exact = gateway(next);
		const atEnd = await queryShop(exact.context, GW, options({ maxRecords: 2 }));
		expect(ids(atEnd)).toEqual(['1', '2']);
		expect(atEnd).toMatchObject({ pages: 1, stop: 'max-records' });
		expect(exact.queries()).toBe(1);
	});

	it(`a gateway that never runs dry stops after ${MAX_PAGES} queries and says so`, async () => {
		const { context, queries } = gateway((n) => rows(n + 1));
		const result = await queryShop(context, GW, options({ limit: 1 }));
		expect(queries()).toBe(MAX_PAGES);
		expect(result).toMatchObject({ pages: MAX_PAGES, stop: 'max-pages' });
		expect(result.records).toHaveLength(MAX_PAGES);
		expect(fetchNote(result, 1)).toBe(`Shop shop-a: stopped after ${MAX_PAGES} queries; more stock changes may be pending.`);
	});
});

describe('queryShop: one page', () => {
	it('without fetch all: one query; a full page notes that more may be pending, a short one does not', async () => {
		const full = gateway(() => rows(1, 2));
		const result = await queryShop(full.context, GW, options({ fetchAll: false, maxRecords: 1 }));
		expect(ids(result)).toEqual(['1', '2']);
		expect(result).toMatchObject({ pages: 1, stop: 'single' });
		expect(full.queries()).toBe(1);
		expect(fetchNote(result, 2)).toBe(
			'Shop shop-a: a full page of 2 records; more stock changes may be pending (turn on Fetch All Pending or raise Limit).',
		);
		const short = gateway(() => rows(1));
		expect(fetchNote(await queryShop(short.context, GW, options({ fetchAll: false })), 2)).toBeUndefined();
	});
});
