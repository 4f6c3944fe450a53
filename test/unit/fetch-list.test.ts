/**
 * The list fetcher's paging, windows, concurrency and de-duplication against an in-process fake
 * gateway (the engine tests drive the same code through n8n and the emulator over HTTP).
 */
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { readCallOptions } from '../../nodes/Wdt/callOptions';
import { LIST_ENDPOINTS } from '../../nodes/Wdt/protocol/catalogue';
import { parseBeijing } from '../../nodes/Wdt/protocol/beijingTime';
import { HOUR_MS } from '../../nodes/Wdt/protocol/timeWindows';
import { IncompleteListError } from '../../nodes/Wdt/protocol/listCompleteness';
import type { FetchListResult } from '../../nodes/Wdt/transport/fetchList';
import { MAX_PAGES_PER_WINDOW, MAX_REREADS, fetchList } from '../../nodes/Wdt/transport/fetchList';

type Params = Record<string, string | number>;
type Answer = (params: Params) => Record<string, unknown> | string;

/** latencyMs: the answer time, or a function of the request (to make one answer come before another). */
function fakeContext(answer: Answer, { latencyMs = 1 }: { latencyMs?: number | ((params: Params) => number) } = {}) {
	const calls: Params[] = [];
	const startedAt: number[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	const context = {
		helpers: {
			async httpRequestWithAuthentication(_type: string, request: IHttpRequestOptions) {
				const params = request.body as Params;
				calls.push(params);
				startedAt.push(performance.now());
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				await sleep(typeof latencyMs === 'number' ? latencyMs : latencyMs(params));
				inFlight--;
				const body = answer(params);
				return { statusCode: 200, body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) };
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, calls, startedAt, maxInFlight: () => maxInFlight };
}

/** A paged endpoint over `rows`, WDT's way: total_count on page 0 only, inclusive time filter. */
function pagedEndpoint(rows: Array<Record<string, unknown>>, listField = 'trades') {
	return (params: Params) => {
		const pageNo = Number(params.page_no);
		const pageSize = Number(params.page_size);
		const selected = rows.filter((row) => {
			if (params.start_time === undefined) return true;
			const t = parseBeijing(String(row.modified)) as number;
			return t >= (parseBeijing(String(params.start_time)) as number) && t <= (parseBeijing(String(params.end_time)) as number);
		});
		const page = selected.slice(pageNo * pageSize, (pageNo + 1) * pageSize);
		return { code: 0, message: 'ok', ...(pageNo === 0 ? { total_count: selected.length } : {}), [listField]: page };
	};
}

const call = readCallOptions({ maxRetries: 3, retryDelayMs: 0 });
const spec = LIST_ENDPOINTS.trade_query;
const base = Date.parse('2026-11-28T02:00:00Z'); // 10:00 Beijing
const beijing = (ms: number) => {
	const d = new Date(ms + 8 * HOUR_MS);
	return d.toISOString().slice(0, 19).replace('T', ' ');
};
const trades = (count: number, at: (i: number) => number) =>
	Array.from({ length: count }, (_, i) => ({ trade_id: String(9000000000000000000n + BigInt(i)), modified: beijing(at(i)) }));

describe('fetchList', () => {
	it('reads page 0, then the pages total_count announces, with Concurrency in flight; stops there', async () => {
		const rows = trades(950, (i) => base + i * 1000);
		// 100 ms answers: the paced starts (10 ms apart at most, more on a loaded machine) fill all four slots.
		const fake = fakeContext(pagedEndpoint(rows), { latencyMs: 100 });
		const result = await fetchList(fake.context, 'http://gw/', {
			spec,
			range: { from: base, to: base + HOUR_MS },
			concurrency: 4,
			call,
		});
		expect(result.records.map((r) => r.trade_id)).toEqual(rows.map((r) => r.trade_id));
		expect(fake.calls.map((c) => c.page_no)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(fake.calls.every((c) => c.page_size === 100)).toBe(true);
		expect(fake.maxInFlight()).toBe(4);
		expect(result.requests).toBe(10);
	});

	it('without total_count, reads page after page until a short one, and one more to see it empty', async () => {
		const rows = trades(250, (i) => base + i * 1000);
		const inner = pagedEndpoint(rows);
		const fake = fakeContext((p) => {
			const answer = inner(p) as Record<string, unknown>;
			delete answer.total_count;
			return answer;
		});
		const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, concurrency: 4, call });
		expect(result.records).toHaveLength(250);
		// A short page alone cannot tell the end without total_count: page 3 must come back empty.
		expect(fake.calls.map((c) => c.page_no)).toEqual([0, 1, 2, 3]);
	});

	it('when the last announced page is full, reads on until a short page (records added meanwhile)', async () => {
		const rows = trades(200, (i) => base + i * 1000);
		const inner = pagedEndpoint(rows);
		const fake = fakeContext((p) => {
			const answer = inner(p) as Record<string, unknown>;
			if (p.page_no === 0) rows.push(...trades(30, (i) => base + 500000 + i).map((r, i) => ({ ...r, trade_id: `77${i}` })));
			return answer;
		});
		const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, call });
		expect(fake.calls.map((c) => c.page_no)).toEqual([0, 1, 2]);
		expect(result.records).toHaveLength(230);
	});

	it('reads a window again when a change while paging made a record slip past a page border', async () => {
		const rows = trades(150, (i) => base + i * 1000);
		const inner = pagedEndpoint(rows);
		const fake = fakeContext((p) => {
			const answer = inner(p);
			if (p.page_no === 0 && fake.calls.length === 1) rows.splice(5, 1); // trade 5 left the range
			return answer;
		});
		const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, call });
		expect(fake.calls.map((c) => c.page_no)).toEqual([0, 1, 0, 1]);
		expect(result.rereads).toBe(1);
		// Trade 100 moved up into page 0 after page 0 was read: only the re-read brought it.
		expect(result.records).toHaveLength(150);
		expect(new Set(result.records.map((r) => r.trade_id)).size).toBe(150);
	});

	it('no re-read when the pages add up to total_count; a window that stays short fails after its re-reads, naming window and counts', async () => {
		const fake = fakeContext(pagedEndpoint(trades(150, (i) => base + i * 1000)));
		const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, call });
		expect(result.rereads).toBe(0);
		expect(fake.calls).toHaveLength(2);
		const lying = fakeContext((p) => ({ ...(pagedEndpoint(trades(3, (i) => base + i))(p) as object), ...(p.page_no === 0 ? { total_count: 9 } : {}) }));
		const error = await fetchList(lying.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, call }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(IncompleteListError);
		expect((error as Error).message).toBe(
			'trade_query: the window 2026-11-28 10:00:00 – 2026-11-28 11:00:00 (Beijing time) could not be read completely: read 3 of 9 (read 3 times); page 1 came back with 0 of 3 records, though total_count 9 asks for 3 pages',
		);
		// Page 0 short while total_count says more looks like a page size cap: page 1 at the size
		// served (3) is empty, which contradicts total_count; read again MAX_REREADS times.
		expect(lying.calls.map((c) => [c.page_no, c.page_size])).toEqual(
			Array.from({ length: 1 + MAX_REREADS }, () => [
				[0, 100],
				[1, 3],
			]).flat(),
		);
		const { windows, partial } = error as IncompleteListError<FetchListResult>;
		expect(windows).toEqual([{ endpoint: 'trade_query', window: { start: base, end: base + HOUR_MS }, read: 3, total: 9, reads: 3, reason: expect.any(String) as unknown }]);
		expect(partial.records).toEqual([]);
	});

	it('splits 1 h 1 s into two windows and de-duplicates the record on their shared border', async () => {
		const rows = [
			{ trade_id: '2754327482516635662', modified: beijing(base + 10 * 60 * 1000) },
			{ trade_id: '2754327482516635663', modified: beijing(base + HOUR_MS) }, // on the border
			{ trade_id: '2754327482516635664', modified: beijing(base + HOUR_MS + 1000) },
		];
		const fake = fakeContext(pagedEndpoint(rows));
		const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS + 1000 }, concurrency: 2, call });
		expect(fake.calls.map((c) => [c.start_time, c.end_time])).toEqual([
			['2026-11-28 10:00:00', '2026-11-28 11:00:00'],
			['2026-11-28 11:00:00', '2026-11-28 11:00:01'],
		]);
		expect(result.records.map((r) => r.trade_id)).toEqual(rows.map((r) => r.trade_id));
		expect(result.duplicates).toBe(1);
		expect(result.windows).toHaveLength(2);
	});

	it('keeps the newest copy of a key that changed between windows', async () => {
		const fake = fakeContext((p) => ({
			code: 0,
			message: 'ok',
			total_count: 1,
			trades: [{ trade_id: 5, modified: p.start_time === '2026-11-28 10:00:00' ? '2026-11-28 10:59:00' : '2026-11-28 11:00:00', v: p.start_time }],
		}));
		const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + 2 * HOUR_MS }, call });
		expect(result.records).toEqual([{ trade_id: '5', modified: '2026-11-28 11:00:00', v: '2026-11-28 11:00:00' }]);
	});

	it('Limit: stops starting requests once the leading pages hold enough records, and cuts to Limit', async () => {
		const rows = trades(500, (i) => base + i * 1000);
		const fake = fakeContext(pagedEndpoint(rows));
		const result = await fetchList(fake.context, 'http://gw/', {
			spec,
			range: { from: base, to: base + 3 * HOUR_MS },
			limit: 150,
			pageSize: 100,
			call,
		});
		expect(result.records.map((r) => r.trade_id)).toEqual(rows.slice(0, 150).map((r) => r.trade_id));
		expect(result.limited).toBe(true);
		expect(fake.calls.map((c) => c.page_no)).toEqual([0, 1]);
	});

	it('a small Limit asks for a page of that size', async () => {
		const fake = fakeContext(pagedEndpoint(trades(50, (i) => base + i * 1000)));
		const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, limit: 5, call });
		expect(result.records).toHaveLength(5);
		expect(fake.calls).toHaveLength(1);
		expect(fake.calls[0].page_size).toBe(5);
	});

	it('retries a rate-limit answer and goes on', async () => {
		let refused = 0;
		const inner = pagedEndpoint(trades(120, (i) => base + i * 1000));
		const fake = fakeContext((p) => {
			if (p.page_no === 1 && refused < 2) {
				refused++;
				return { code: 1010, message: '超过每秒最大调用频率限制,请稍后再试' };
			}
			return inner(p);
		});
		const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, call });
		expect(result.records).toHaveLength(120);
		expect(result.retries).toBe(2);
	});

	it('fails with the WDT error after letting the requests in flight settle', async () => {
		const fake = fakeContext((p) =>
			p.start_time === '2026-11-28 12:00:00' ? { code: 1008, message: '无权限调用该接口' } : pagedEndpoint([])(p),
		);
		await expect(
			fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + 5 * HOUR_MS }, concurrency: 3, call }),
		).rejects.toThrow(/1008.*无权限/);
	});

	it('keeps 19-digit ids written as bare numbers exact, and the raw answers on request', async () => {
		const text = '{"code":0,"message":"ok","total_count":1,"purchase_order_list":[{"purchase_id":2754327482516635662,"modified":"2026-11-28 10:00:00"}]}';
		const fake = fakeContext(() => text);
		const result = await fetchList(fake.context, 'http://gw/', {
			spec: LIST_ENDPOINTS.purchase_order_query,
			range: { from: base, to: base + HOUR_MS },
			keepAnswers: true,
			call,
		});
		expect(result.records).toEqual([{ purchase_id: '2754327482516635662', modified: '2026-11-28 10:00:00' }]);
		expect(result.answers).toHaveLength(1);
		expect(result.answers[0].pageNo).toBe(0);
		expect((result.answers[0].body.purchase_order_list as Array<Record<string, unknown>>)[0].purchase_id).toBe('2754327482516635662');
	});

	it('without keepAnswers, keeps no answer bodies', async () => {
		const fake = fakeContext(pagedEndpoint(trades(3, (i) => base + i * 1000)));
		const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, call });
		expect(result.records).toHaveLength(3);
		expect(result.answers).toEqual([]);
	});

	it.each([
		['null', null],
		['a number', 7],
		['a text', 'x'],
		['an array', [{ trade_id: '2' }]],
	])('a record that is %s makes its page unreadable: the window is read again, then fails naming the record and the page', async (_what, bad) => {
		const fake = fakeContext(() => ({ code: 0, message: 'ok', total_count: 2, trades: [{ trade_id: '1', modified: '2026-11-28 10:00:00' }, bad] }));
		await expect(fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, call })).rejects.toThrow(
			'page 0 could not be read: trade_query: record 1 of page 0 is not an object',
		);
		expect(fake.calls).toHaveLength(1 + MAX_REREADS);
	});

	it('a record that is not an object first on its page is caught too', async () => {
		const fake = fakeContext(() => ({ code: 0, message: 'ok', total_count: 2, trades: [null, { trade_id: '1', modified: '2026-11-28 10:00:00' }] }));
		await expect(fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, call })).rejects.toThrow(
			'page 0 could not be read: trade_query: record 0 of page 0 is not an object',
		);
	});

	it('raw answers in page order, whatever order they came back in', async () => {
		const rows = trades(250, (i) => base + i * 1000);
		// Page 1 answers after page 2.
		const fake = fakeContext(pagedEndpoint(rows), { latencyMs: (p) => (p.page_no === 1 ? 80 : 1) });
		const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, concurrency: 3, keepAnswers: true, call });
		expect(fake.calls.map((c) => c.page_no)).toEqual([0, 1, 2]);
		expect(result.answers.map((a) => a.pageNo)).toEqual([0, 1, 2]);
	});

	it(`refuses a total_count beyond ${MAX_PAGES_PER_WINDOW} pages at once, without reading a page more`, async () => {
		const fake = fakeContext((p) => ({
			code: 0,
			message: 'ok',
			...(p.page_no === 0 ? { total_count: MAX_PAGES_PER_WINDOW + 1 } : {}),
			trades: [{ trade_id: String(p.page_no), modified: '2026-11-28 10:00:00' }],
		}));
		await expect(
			fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, pageSize: 1, call }),
		).rejects.toThrow(`read 1 of ${MAX_PAGES_PER_WINDOW + 1} (read 3 times); total_count announces ${MAX_PAGES_PER_WINDOW + 1} records: more than ${MAX_PAGES_PER_WINDOW} pages of 1`);
		expect(fake.calls.map((c) => c.page_no)).toEqual([0, 0, 0]);
	});

	it('without a range: no time parameters, no windows, and the records in the order read', async () => {
		const rows = trades(3, (i) => base + (3 - i) * 1000); // newest first
		const fake = fakeContext(pagedEndpoint(rows));
		const result = await fetchList(fake.context, 'http://gw/', { spec, call });
		expect(fake.calls).toEqual([{ page_no: 0, page_size: 100 }]);
		expect(result.windows).toHaveLength(0);
		expect(result.records.map((r) => r.trade_id)).toEqual(rows.map((r) => r.trade_id));
	});

	it('with a range: the records in time order, whatever order the answer had; equal times as read', async () => {
		const at = (minute: number) => beijing(base + minute * 60_000);
		const rows = [
			{ trade_id: '1', modified: at(30) },
			{ trade_id: '2', modified: at(10) },
			{ trade_id: '3', modified: at(20) },
			{ trade_id: '4', modified: at(10) },
			{ trade_id: '5', modified: at(5) },
			{ trade_id: '6', modified: at(20) },
		];
		const fake = fakeContext(() => ({ code: 0, message: 'ok', total_count: rows.length, trades: rows }));
		const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, call });
		expect(result.records.map((r) => r.trade_id)).toEqual(['5', '2', '4', '3', '6', '1']);
	});

	it('with a range: a record without a time field comes before the timed ones', async () => {
		const rows = [
			{ trade_id: '1', modified: '2026-11-28 10:00:00' },
			{ trade_id: '2' },
			{ trade_id: '3', modified: '2026-11-28 10:30:00' },
		];
		const fake = fakeContext(() => ({ code: 0, message: 'ok', total_count: rows.length, trades: rows }));
		const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, call });
		expect(result.records.map((r) => r.trade_id)).toEqual(['2', '1', '3']);
	});

	it('keeps the first failure when several requests in flight fail', async () => {
		const fake = fakeContext(
			(p) =>
				p.start_time === '2026-11-28 10:00:00'
					? { code: 1008, message: '无权限调用该接口' }
					: { code: 2002, message: 'second failure' },
			{ latencyMs: (p) => (p.start_time === '2026-11-28 10:00:00' ? 1 : 60) },
		);
		await expect(
			fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + 2 * HOUR_MS }, concurrency: 2, call }),
		).rejects.toThrow(/1008.*无权限/);
		expect(fake.calls).toHaveLength(2); // both were in flight: the later one failed too, after the first
	});

	describe('windows refused as too long', () => {
		const refuseOver = (seconds: number, inner: Answer): Answer => (p) => {
			const span = ((parseBeijing(String(p.end_time)) as number) - (parseBeijing(String(p.start_time)) as number)) / 1000;
			return span > seconds ? { code: 2001, message: `时间跨度不能超过${seconds / 60}分钟` } : inner(p);
		};

		it('halves a refused window, and cuts the later windows to the length learnt', async () => {
			const rows = trades(90, (i) => base + i * 120_000); // one every 2 minutes over 3 hours
			const fake = fakeContext(refuseOver(2700, pagedEndpoint(rows, 'trades')));
			const result = await fetchList(fake.context, 'http://gw/', { spec: { ...spec, maxWindowMs: 3 * HOUR_MS }, range: { from: base, to: base + 3 * HOUR_MS }, call });
			expect(result.records.map((r) => r.trade_id)).toEqual(rows.map((r) => r.trade_id));
			expect(result.splits).toBe(2);
			expect(fake.calls.map((c) => [c.start_time, c.end_time])).toEqual([
				['2026-11-28 10:00:00', '2026-11-28 13:00:00'],
				['2026-11-28 10:00:00', '2026-11-28 11:30:00'],
				['2026-11-28 10:00:00', '2026-11-28 10:45:00'],
				['2026-11-28 10:45:00', '2026-11-28 11:30:00'],
				['2026-11-28 11:30:00', '2026-11-28 12:15:00'],
				['2026-11-28 12:15:00', '2026-11-28 13:00:00'],
			]);
			expect(result.windows).toHaveLength(4);
		});

		it('halves whole seconds (3 s → 2 s + 1 s); a 1-second window refused, or one without a range, fails with the refusal', async () => {
			const odd = fakeContext(refuseOver(2, pagedEndpoint([])));
			await fetchList(odd.context, 'http://gw/', { spec, range: { from: base, to: base + 3000 }, call });
			expect(odd.calls.map((c) => c.end_time)).toEqual(['2026-11-28 10:00:03', '2026-11-28 10:00:02', '2026-11-28 10:00:03']);
			const never = fakeContext(refuseOver(0, pagedEndpoint([])));
			await expect(fetchList(never.context, 'http://gw/', { spec, range: { from: base, to: base + 2000 }, call })).rejects.toThrow(/2001.*时间跨度/);
			expect(never.calls).toHaveLength(2); // 2 s, then 1 s
			const noRange = fakeContext(() => ({ code: 2001, message: '时间跨度不能超过30天' }));
			await expect(fetchList(noRange.context, 'http://gw/', { spec, call })).rejects.toThrow(/2001/);
			expect(noRange.calls).toHaveLength(1);
		});
	});

	describe('an incomplete window', () => {
		it('throws IncompleteListError with what the complete windows gave: their records and answers only', async () => {
			const rows = trades(9, (i) => base + (10 + i * 20) * 60_000); // 3 an hour, none on a border
			const inner = pagedEndpoint(rows);
			const fake = fakeContext((p) => {
				const answer = inner(p) as Record<string, unknown>;
				// The second hour announces one order more than it sends, however often it is read.
				return p.start_time === '2026-11-28 11:00:00' ? { ...answer, total_count: 4 } : answer;
			});
			const error = (await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + 3 * HOUR_MS }, keepAnswers: true, call }).catch(
				(e: unknown) => e,
			)) as IncompleteListError<FetchListResult>;
			expect(error).toBeInstanceOf(IncompleteListError);
			expect(error.windows.map((w) => [w.window, w.read, w.total, w.reads])).toEqual([[{ start: base + HOUR_MS, end: base + 2 * HOUR_MS }, 3, 4, 3]]);
			expect(error.partial.records.map((r) => r.trade_id)).toEqual([...rows.slice(0, 3), ...rows.slice(6)].map((r) => r.trade_id));
			expect(error.partial.answers.map((a) => a.window?.start)).toEqual([base, base + 2 * HOUR_MS]);
			expect(error.partial.rereads).toBe(MAX_REREADS);
		});

		it('with Limit, a window read to its end is checked too', async () => {
			const fake = fakeContext((p) => ({ ...(pagedEndpoint(trades(3, (i) => base + i))(p) as object), total_count: 5 }));
			await expect(fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, limit: 50, call })).rejects.toBeInstanceOf(
				IncompleteListError,
			);
		});

		it('an answer cut short is asked again (callWdt retries unreadable answers for reads), counted as a retry', async () => {
			const inner = pagedEndpoint(trades(150, (i) => base + i * 1000));
			let cut = 0;
			const fake = fakeContext((p) => {
				const body = JSON.stringify(inner(p));
				return p.page_no === 1 && cut++ === 0 ? body.slice(0, 50) : body;
			});
			const result = await fetchList(fake.context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, call });
			expect(result.records).toHaveLength(150);
			expect(result.retries).toBe(1);
			expect(result.rereads).toBe(0);
		});
	});

	it("tells the gateway's clock: the smallest Date header minus the clock when each answer was read", async () => {
		const dates = [base + 62_000, base + 61_000];
		const context = {
			helpers: {
				httpRequestWithAuthentication: async () => ({
					statusCode: 200,
					headers: { date: new Date(dates.shift() ?? 0).toUTCString() },
					body: Buffer.from(JSON.stringify({ code: 0, message: 'ok', total_count: 0, trades: [] })),
				}),
			},
		} as unknown as IExecuteFunctions;
		const result = await fetchList(context, 'http://gw/', { spec, range: { from: base, to: base + 2 * HOUR_MS }, clock: () => base, call });
		expect(result.gatewayOffsetMs).toBe(61_000);
		const none = await fetchList(fakeContext(pagedEndpoint([])).context, 'http://gw/', { spec, range: { from: base, to: base + HOUR_MS }, call });
		expect(none.gatewayOffsetMs).toBeUndefined();
	});

	describe('Limit', () => {
		/** `counts[h]` orders in hour h of the range, one a minute from minute 1; ids distinct across hours. */
		const hours = (...counts: number[]) =>
			counts.flatMap((count, h) => trades(count, (i) => base + h * HOUR_MS + (i + 1) * 60_000).map((r, i) => ({ ...r, trade_id: `${h + 1}${String(i).padStart(3, '0')}` })));
		const range = (h: number) => ({ from: base, to: base + h * HOUR_MS });

		it('counts the records of finished windows: stops after the window that reaches it', async () => {
			const rows = hours(30, 40, 50);
			const fake = fakeContext(pagedEndpoint(rows));
			const result = await fetchList(fake.context, 'http://gw/', { spec, range: range(3), limit: 60, call });
			expect(fake.calls.map((c) => c.start_time)).toEqual(['2026-11-28 10:00:00', '2026-11-28 11:00:00']);
			expect(result.records.map((r) => r.trade_id)).toEqual(rows.slice(0, 60).map((r) => r.trade_id));
			expect(result.limited).toBe(true);
		});

		it('counts a record on the border of two windows once', async () => {
			// Hour 1: 29 orders + one at 11:00:00 sharp, which hour 2 (29 more) brings again: 59 distinct.
			const border = { trade_id: '5000', modified: beijing(base + HOUR_MS) };
			const rows = [...hours(29), border, ...hours(0, 29, 30)];
			const fake = fakeContext(pagedEndpoint(rows));
			const result = await fetchList(fake.context, 'http://gw/', { spec, range: range(3), limit: 60, call });
			expect(fake.calls).toHaveLength(3);
			expect(result.duplicates).toBe(1);
			expect(result.records).toHaveLength(60);
			expect(new Set(result.records.map((r) => r.trade_id)).size).toBe(60);
		});

		it('without a record key, counts every record', async () => {
			const rows = trades(500, (i) => base + i * 1000);
			const fake = fakeContext(pagedEndpoint(rows));
			const noKey = { endpoint: 'trade_query', listField: 'trades', maxWindowMs: HOUR_MS, maxPageSize: 100 };
			const result = await fetchList(fake.context, 'http://gw/', { spec: noKey, range: range(1), limit: 150, call });
			expect(fake.calls.map((c) => c.page_no)).toEqual([0, 1]);
			expect(result.records.map((r) => r.trade_id)).toEqual(rows.slice(0, 150).map((r) => r.trade_id));
			expect(result.limited).toBe(true);
		});

		it('without a record key, keeps every record, even alike ones (no field name, not even "", is a key)', async () => {
			const noKey = { endpoint: 'trade_query', listField: 'trades', maxWindowMs: HOUR_MS, maxPageSize: 100 };
			const rows = [
				{ '': 'same', modified: '2026-11-28 10:00:00' },
				{ '': 'same', modified: '2026-11-28 10:00:00' },
			];
			const fake = fakeContext(() => ({ code: 0, message: 'ok', total_count: 2, trades: rows }));
			const result = await fetchList(fake.context, 'http://gw/', { spec: noKey, range: range(1), call });
			expect(result.records).toEqual(rows);
			expect(result.duplicates).toBe(0);
		});

		it('limited: Limit reached exactly with pages left unread', async () => {
			const fake = fakeContext(pagedEndpoint(trades(500, (i) => base + i * 1000)));
			const result = await fetchList(fake.context, 'http://gw/', { spec, range: range(1), limit: 100, call });
			expect(fake.calls.map((c) => c.page_no)).toEqual([0]);
			expect(result.records).toHaveLength(100);
			expect(result.limited).toBe(true);
		});

		it('limited: the last window brought more than Limit', async () => {
			const rows = hours(3, 4);
			const fake = fakeContext(pagedEndpoint(rows));
			const result = await fetchList(fake.context, 'http://gw/', { spec, range: range(2), limit: 5, call });
			expect(fake.calls).toHaveLength(2);
			expect(result.records.map((r) => r.trade_id)).toEqual(rows.slice(0, 5).map((r) => r.trade_id));
			expect(result.limited).toBe(true);
		});

		it('not limited when everything was read: fewer records than Limit, or exactly Limit', async () => {
			for (const [counts, limit] of [
				[[3, 1], 5],
				[[3, 2], 5],
			] as Array<[number[], number]>) {
				const fake = fakeContext(pagedEndpoint(hours(...counts)));
				const result = await fetchList(fake.context, 'http://gw/', { spec, range: range(2), limit, call });
				expect(fake.calls).toHaveLength(2);
				expect(result.records).toHaveLength(counts[0] + counts[1]);
				expect(result.limited).toBe(false);
			}
		});

		it('not limited without Limit', async () => {
			const fake = fakeContext(pagedEndpoint(trades(150, (i) => base + i * 1000)));
			const result = await fetchList(fake.context, 'http://gw/', { spec, range: range(1), call });
			expect(result.records).toHaveLength(150);
			expect(result.limited).toBe(false);
		});

		it('Limit 0 reads nothing', async () => {
			const fake = fakeContext(pagedEndpoint(trades(5, (i) => base + i * 1000)));
			const result = await fetchList(fake.context, 'http://gw/', { spec, range: range(1), limit: 0, call });
			expect(fake.calls).toEqual([]);
			expect(result.records).toEqual([]);
			expect(result.requests).toBe(0);
			expect(result.limited).toBe(true);
		});
	});

	describe('starts spread over the time a request takes (startPacer.ts)', () => {
		// 24 one-hour windows of 1 order each: 24 requests.
		const day = trades(24, (i) => base + i * HOUR_MS + 60_000);
		const range = { from: base, to: base + 24 * HOUR_MS };

		it('with Concurrency 4 and 40 ms answers, starts after the first round are spread (about 7.5 ms apart), not bunched', async () => {
			const fake = fakeContext(pagedEndpoint(day), { latencyMs: 40 });
			const result = await fetchList(fake.context, 'http://gw/', { spec, range, concurrency: 4, call });
			expect(result.records).toHaveLength(24);
			expect(fake.maxInFlight()).toBe(4);
			// The first four start together (nothing measured yet); every later start waits
			// 0.75 × (average ≈ 40 ms) ÷ 4 ≈ 7.5 ms after the one before it. Without pacing they come in
			// bunches of four as the answers return together: three gaps in four about 0. The exact gaps
			// are the pacer's arithmetic (start-pacer.test.ts, on a clock the test moves); here only that
			// fetchList paces at all: at most 2 of the 20 gaps under 2 ms (a busy machine may cut one
			// short; bunching makes 15).
			const gaps = fake.startedAt.slice(4).map((at, i) => at - fake.startedAt[i + 3]);
			expect(gaps).toHaveLength(20);
			expect(gaps.filter((gap) => gap < 2).length).toBeLessThanOrEqual(2);
		});
	});
});
