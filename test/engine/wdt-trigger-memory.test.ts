/**
 * The WDT Trigger's memory on its own (nodes/Wdt/trigger/cursor.ts): what a poll emits, what it
 * keeps, and how it reads a memory it did not write.
 */
import type { IDataObject, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';

import { readCallOptions } from '../../nodes/Wdt/callOptions';
import { DAY_MS, HOUR_MS } from '../../nodes/Wdt/protocol/timeWindows';
import { MAX_SEEN, readMemory, selectNew, writeMemory } from '../../nodes/Wdt/trigger/cursor';
import { TRIGGER_EVENTS, eventReads } from '../../nodes/Wdt/trigger/events';
import { readChanges } from '../../nodes/Wdt/trigger/readChanges';

const identity = { key: 'trade_id', version: 'modified' };
const at = (text: string) => Date.parse(`${text.replace(' ', 'T')}+08:00`);
const trade = (id: string, modified: string): IDataObject => ({ trade_id: id, modified });

describe('WDT Trigger memory', () => {
	it('emits a key once per modified; an older copy is not emitted', () => {
		const memory = readMemory({}, 'scope');
		const first = selectNew(
			[trade('1', '2026-11-28 10:00:00'), trade('2', '2026-11-28 10:00:05')],
			memory,
			identity,
			0,
		);
		expect(first.map((t) => t.trade_id)).toEqual(['1', '2']);
		const again = selectNew(
			[
				trade('1', '2026-11-28 10:00:00'), // same change: held back
				trade('2', '2026-11-28 10:00:09'), // changed again: emitted
				trade('2', '2026-11-28 10:00:01'), // an older copy: held back
			],
			memory,
			identity,
			0,
		);
		expect(again).toEqual([trade('2', '2026-11-28 10:00:09')]);
	});

	it('keeps only what the overlap can bring back, and the cursor', () => {
		const state: IDataObject = {};
		const memory = readMemory(state, 'scope');
		selectNew(
			[trade('1', '2026-11-28 10:00:00'), trade('2', '2026-11-28 10:04:30')],
			memory,
			identity,
			0,
		);
		writeMemory(state, memory, at('2026-11-28 10:05:00'), 60_000);
		expect(state).toEqual({
			cursor: at('2026-11-28 10:05:00'),
			floor: at('2026-11-28 10:04:00'),
			scope: 'scope',
			seen: { '2': ['2026-11-28 10:04:30', at('2026-11-28 10:04:30')] },
		});
	});

	it('another scope (event or filters) starts a new memory but keeps the cursor', () => {
		const state: IDataObject = {
			cursor: 5000,
			scope: 'a',
			seen: { '1': ['2026-11-28 10:00:00', 1] },
		};
		expect(readMemory(state, 'b')).toEqual({ cursor: 5000, scope: 'b', seen: {} });
		expect(readMemory(state, 'a').seen).toEqual({ '1': ['2026-11-28 10:00:00', 1] });
	});

	it('reads a malformed memory as empty, entry by entry', () => {
		const state: IDataObject = {
			cursor: 'soon',
			scope: 's',
			seen: { '1': 'junk', '2': ['2026-11-28 10:00:00', 7] },
		};
		expect(readMemory(state, 's')).toEqual({
			cursor: undefined,
			scope: 's',
			seen: { '2': ['2026-11-28 10:00:00', 7] },
		});
	});

	it('reads a `seen` that is null, text or a list as empty instead of failing the poll', () => {
		for (const seen of [null, 'junk', 7, [['2026-11-28 10:00:00', 7]]]) {
			const state = { cursor: 5000, scope: 's', seen } as IDataObject;
			expect([seen, readMemory(state, 's')]).toEqual([seen, { cursor: 5000, scope: 's', seen: {} }]);
		}
	});

	it('keeps only the entries that are a [modified text, time in ms] pair', () => {
		const state = {
			scope: 's',
			seen: {
				kept: ['2026-11-28 10:00:00', 7],
				numberModified: [20261128, 7],
				textTime: ['2026-11-28 10:00:00', '7'],
				noTime: ['2026-11-28 10:00:00'],
			},
		} as unknown as IDataObject;
		expect(readMemory(state, 's').seen).toEqual({ kept: ['2026-11-28 10:00:00', 7] });
	});

	it('records without a key are told apart by their whole content; an unreadable modified is kept for one overlap', () => {
		const state: IDataObject = {};
		const memory = readMemory(state, 's');
		const odd = { name: 'no key', modified: 'yesterday' };
		expect(selectNew([odd, odd], memory, identity, 1000)).toEqual([odd]);
		writeMemory(state, memory, 1000, 0);
		expect(Object.values(state.seen as IDataObject)).toEqual([['yesterday', 1000]]);
	});

	it('a record first read without a modified time is emitted again once it has one', () => {
		const state: IDataObject = {};
		const memory = readMemory(state, 's');
		expect(selectNew([{ trade_id: '1' }], memory, identity, 1000)).toEqual([{ trade_id: '1' }]);
		expect(selectNew([{ trade_id: '1', modified: 12 }], memory, identity, 1000)).toEqual([]);
		expect(selectNew([trade('1', '2026-11-28 10:00:00')], memory, identity, 1000)).toEqual([trade('1', '2026-11-28 10:00:00')]);
		expect(memory.seen['1']).toEqual(['2026-11-28 10:00:00', at('2026-11-28 10:00:00')]);
	});

	// WDT's times have whole seconds: one entry a second.
	it(`stays bounded at ${MAX_SEEN} keys, the oldest dropped first, and no read starts before what it forgot`, () => {
		const state: IDataObject = {};
		const memory = readMemory(state, 's');
		const base = at('2026-11-28 10:00:00');
		for (let i = 0; i <= MAX_SEEN; i++) memory.seen[String(i)] = ['2026-11-28 10:00:00', base + i * 1000];
		writeMemory(state, memory, base, 0);
		const seen = state.seen as IDataObject;
		expect(Object.keys(seen)).toHaveLength(MAX_SEEN);
		expect(seen['0']).toBeUndefined();
		expect(seen[String(MAX_SEEN)]).toEqual(['2026-11-28 10:00:00', base + MAX_SEEN * 1000]);
		// The floor rises past the entry dropped: a read from there cannot bring it back.
		expect(state.floor).toBe(base + 1000);
	});

	it('over the bound, drops the oldest by time, wherever it stands among the keys', () => {
		const state: IDataObject = {};
		const memory = readMemory(state, 's');
		const base = at('2026-11-28 10:00:00');
		// key '0' is the newest, key MAX_SEEN the oldest (integer keys are listed in ascending order)
		for (let i = 0; i <= MAX_SEEN; i++) memory.seen[String(i)] = ['2026-11-28 10:00:00', base + (MAX_SEEN - i) * 1000];
		writeMemory(state, memory, base, 0);
		const seen = state.seen as IDataObject;
		expect(Object.keys(seen)).toHaveLength(MAX_SEEN);
		expect(seen[String(MAX_SEEN)]).toBeUndefined();
		expect(seen['0']).toEqual(['2026-11-28 10:00:00', base + MAX_SEEN * 1000]);
		expect(seen['1']).toEqual(['2026-11-28 10:00:00', base + (MAX_SEEN - 1) * 1000]);
	});

	it('the floor never falls, and what is below it is forgotten whatever the overlap', () => {
		const state: IDataObject = {};
		const memory = readMemory(state, 's');
		const base = at('2026-11-28 10:00:00');
		selectNew([trade('1', '2026-11-28 09:59:00'), trade('2', '2026-11-28 10:00:00')], memory, identity, 0);
		writeMemory(state, memory, base, 30_000);
		expect(state.floor).toBe(base - 30_000);
		expect(Object.keys(state.seen as IDataObject)).toEqual(['2']);
		// A cursor moved back (the gateway's clock said so) and a larger overlap: the floor stays.
		const again = readMemory(state, 's');
		writeMemory(state, again, base - 60_000, 3600_000);
		expect(state.floor).toBe(base - 30_000);
		expect(Object.keys(state.seen as IDataObject)).toEqual(['2']);
	});

	it('keeps the clock offset and the held polls of its scope; another scope keeps the clock, not the hold', () => {
		const state: IDataObject = {};
		const memory = readMemory(state, 'a');
		memory.offsetMs = -120_000;
		memory.heldPolls = 2;
		writeMemory(state, memory, 5_000_000, 0);
		expect(readMemory(state, 'a')).toMatchObject({ offsetMs: -120_000, heldPolls: 2, floor: 5_000_000 });
		const other = readMemory(state, 'b');
		expect(other).toEqual({ cursor: 5_000_000, scope: 'b', seen: {}, floor: 5_000_000, offsetMs: -120_000 });
		memory.offsetMs = undefined;
		memory.heldPolls = 0;
		writeMemory(state, memory, 5_000_000, 0);
		expect(state).not.toHaveProperty('offsetMs');
		expect(state).not.toHaveProperty('heldPolls');
	});
});

describe('WDT Trigger: readChanges tells where the cursor must wait, and the gateway\'s clock', () => {
	const event = TRIGGER_EVENTS.find((candidate) => candidate.value === 'orderUpdated')!;
	const base = Date.parse('2026-11-28T02:00:00Z'); // 10:00 Beijing, a window border
	const beijing = (ms: number) => new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 19).replace('T', ' ');

	/**
	 * A gateway with one order in each hour of the range; the windows starting at `shortFrom`
	 * announce one order more than they ever give (total_count 2), however often they are read.
	 * `date`: the Date header it sends (none by default).
	 */
	function gateway(shortFrom: number[], date?: () => number) {
		const requests: Array<Record<string, unknown>> = [];
		const context = {
			helpers: {
				async httpRequestWithAuthentication(_type: string, request: IHttpRequestOptions) {
					const params = request.body as Record<string, string | number>;
					requests.push(params);
					const start = Date.parse(`${String(params.start_time).replace(' ', 'T')}+08:00`);
					const body = {
						code: 0,
						message: 'ok',
						total_count: shortFrom.includes(start) ? 2 : 1,
						trades: [{ trade_id: String(start), modified: beijing(start + 60_000) }],
					};
					const headers = date ? { date: new Date(date()).toUTCString() } : {};
					return { statusCode: 200, headers, body: Buffer.from(JSON.stringify(body)) };
				},
			},
		} as unknown as IPollFunctions;
		return { context, requests };
	}
	const read = (context: IPollFunctions, { limit, clock = () => base }: { limit?: number; clock?: () => number } = {}) =>
		readChanges(context, 'http://gw/', {
			reads: eventReads(event, {}),
			range: { from: base, to: base + 3 * HOUR_MS },
			concurrency: 1,
			call: readCallOptions({ maxRetries: 0, retryDelayMs: 0 }),
			limit,
			clock,
		});

	it('windows still short after their re-reads: only records up to the first one come out, and the cursor waits at its start', async () => {
		const { context, requests } = gateway([base + 2 * HOUR_MS, base + HOUR_MS]);
		const changes = await read(context);
		// The order of hour 1 (10:01); those of the short hour 2 and of hour 3, after it, wait.
		expect(changes.records.map((r) => r.trade_id)).toEqual([String(base)]);
		expect(changes.incomplete?.from).toBe(base + HOUR_MS);
		expect(changes.incomplete?.error.windows.map((w) => [w.window?.start, w.read, w.total, w.reads])).toEqual([
			[base + HOUR_MS, 1, 2, 3],
			[base + 2 * HOUR_MS, 1, 2, 3],
		]);
		// Hour 1 once; hours 2 and 3 three times each: page 0 (1 of 2, as a gateway capping its pages
		// would answer), then page 1 at the size served, which repeats page 0.
		expect(requests).toHaveLength(1 + 3 * 2 + 3 * 2);
		expect(requests.slice(1, 3).map((r) => [r.page_no, r.page_size])).toEqual([
			[0, 100],
			[1, 1],
		]);
	});

	it('every window complete: nothing to wait for', async () => {
		const { context } = gateway([]);
		const changes = await read(context);
		expect(changes.records).toHaveLength(3);
		expect(changes.incomplete).toBeUndefined();
		expect(changes.gatewayOffsetMs).toBeUndefined(); // no Date header
	});

	it('with a limit (Fetch Test Event) a short window read to its end is still reported', async () => {
		const { context } = gateway([base]);
		const changes = await read(context, { limit: 100 });
		expect(changes.incomplete?.from).toBe(base);
		expect(changes.records).toEqual([]);
	});

	it('several reads a poll (stockouts): an incomplete window of one read holds back every read\'s records after its start', async () => {
		const stockouts = TRIGGER_EVENTS.find((candidate) => candidate.value === 'salesStockoutUpdated')!;
		const requests: Array<Record<string, unknown>> = [];
		const context = {
			helpers: {
				async httpRequestWithAuthentication(_type: string, request: IHttpRequestOptions) {
					const params = request.body as Record<string, string | number>;
					requests.push(params);
					const start = Date.parse(`${String(params.start_time).replace(' ', 'T')}+08:00`);
					const status = params.status === undefined ? 'shipped' : String(params.status);
					// Shipments carry their ship time; the status reads select modified. The checked
					// stockouts' second window (30 days on) announces one more than it gives.
					const field = status === 'shipped' ? 'consign_time' : 'modified';
					const record = { stockout_id: `${status}-${start}`, status: status === 'shipped' ? '95' : status, [field]: beijing(start + 60_000), modified: beijing(start + 60_000) };
					const short = status === '55' && start === base + 30 * DAY_MS;
					const body = { code: 0, message: 'ok', total_count: short ? 2 : status === '5' ? 0 : 1, stockout_list: status === '5' ? [] : [record] };
					return { statusCode: 200, headers: {}, body: Buffer.from(JSON.stringify(body)) };
				},
			},
		} as unknown as IPollFunctions;
		const changes = await readChanges(context, 'http://gw/', {
			reads: eventReads(stockouts, {}),
			range: { from: base, to: base + 31 * DAY_MS },
			concurrency: 1,
			call: readCallOptions({ maxRetries: 0, retryDelayMs: 0 }),
			clock: () => base,
		});
		expect(changes.incomplete?.from).toBe(base + 30 * DAY_MS);
		expect(changes.records.map((r) => r.stockout_id)).toEqual([`shipped-${base}`, `55-${base}`]);
		expect([...new Set(requests.map((r) => r.status))]).toEqual([undefined, 5, 55]);
	});

	it("the gateway's clock: the smallest Date header minus n8n's clock over the answers", async () => {
		let n = 0;
		// The gateway 120 s ahead; its Date header is whole seconds (the clock reads 0.4 s into one).
		const { context } = gateway([], () => base + 120_000 + 400 + n++ * 1000);
		const changes = await read(context, { clock: () => base + 400 });
		expect(changes.gatewayOffsetMs).toBe(119_600);
	});
});
