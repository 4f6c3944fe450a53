import type { IDataObject } from 'n8n-workflow';

import { MAX_ENTRIES, selectAndRemember } from '../../nodes/WdtStockChangeTrigger/emitWindow';
import type { Memory } from '../../nodes/WdtStockChangeTrigger/memoryCodec';
import { packMemory, readMemory, writeMemory } from '../../nodes/WdtStockChangeTrigger/memoryCodec';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

/** mulberry32: the same ids on every run. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `n` distinct 19-digit rec_ids spread over the whole 19-digit range (the worst case for deltas). */
function randomRecIds(n: number, seed = 7): string[] {
	const next = prng(seed);
	const ids = new Set<string>();
	while (ids.size < n) {
		const digits = String(1 + Math.floor(next() * 9)) + Array.from({ length: 18 }, () => Math.floor(next() * 10)).join('');
		ids.add(digits);
	}
	return [...ids];
}

const record = (recId: string, count: string | number) => ({ rec_id: recId, stock_change_count: count });
const bytes = (state: IDataObject) => Buffer.byteLength(JSON.stringify(state), 'utf8');

describe('the trigger memory in static data (memoryCodec)', () => {
	/*
	 * The bound, derived: 20 000 random 19-digit rec_ids sorted have gaps of ~9e18 / 20 000 ≈ 4.5e14
	 * on average; a gap below 36^10 ≈ 3.7e15 (8 times the mean: all but a handful) takes at most 10
	 * base-36 digits, a larger one 11 (the first id of a group: 13). Counts up to 999 take at most
	 * 2 digits. Per record: ≤ 11 + ':' + 2 + ',' = 15 bytes, plus a few bytes per group. So 16.
	 * The first format took 21 ("<19 digits>":) + ~22 (["<count>",<13 digits>],) ≈ 43.
	 */
	it('takes at most 16 bytes per record at 20 000 random 19-digit rec_ids (the first format: over 40)', () => {
		const next = prng(3);
		const records = randomRecIds(MAX_ENTRIES).map((id) => record(id, 1 + Math.floor(next() * 999)));
		const state: IDataObject = {};
		// as it happens: polls a minute apart, each emitting a share of the records
		for (let poll = 0; poll < 4; poll++) {
			selectAndRemember(state, records.slice(poll * 5000, (poll + 1) * 5000), 30 * MINUTE, T0 + poll * MINUTE);
		}
		expect(readMemory(state).size).toBe(MAX_ENTRIES);
		const perRecord = bytes(state) / MAX_ENTRIES;
		expect(perRecord).toBeLessThan(16);

		const firstFormat: IDataObject = {
			emitted: Object.fromEntries(records.map((r) => [r.rec_id, [String(r.stock_change_count), T0]])),
		};
		expect(bytes(firstFormat) / MAX_ENTRIES).toBeGreaterThan(40);
	});

	it('takes at most 5 bytes per record when rec_ids are close together', () => {
		const base = BigInt('2754327482516635662');
		const records = Array.from({ length: MAX_ENTRIES }, (_, i) => record((base + BigInt(i * 3)).toString(), 2));
		const state: IDataObject = {};
		selectAndRemember(state, records, 30 * MINUTE, T0);
		expect(bytes(state) / MAX_ENTRIES).toBeLessThan(5);
	});

	it('reads back exactly what was written, whatever the rec_id and count look like', () => {
		const memory: Memory = new Map([
			['2754327482516635662', ['1', T0]],
			['9999999999999999999', ['123456789012345678901234567890', T0]], // count beyond 2^64
			['18446744073709551617', ['7', T0 + 1]], // rec_id beyond 2^64
			['0', ['0', T0 + 1]],
			['007', ['1', T0]], // leading zeros: kept verbatim
			['abc', ['2', T0]],
			['', ['', T0 + 2]],
			['2754327482516635663', ['01', T0]], // a count with a leading zero
			['9007199254740993', ['3', T0]], // 2^53 + 1: not a double
		]);
		const state: IDataObject = {};
		writeMemory(state, memory);
		const back = readMemory(JSON.parse(JSON.stringify(state)) as IDataObject);
		expect([...back].sort()).toEqual([...memory].sort());
		expect((state.remembered as IDataObject).other).toEqual({
			'007': ['1', T0],
			abc: ['2', T0],
			'': ['', T0 + 2],
			'2754327482516635663': ['01', T0],
		});
	});

	it('decides exactly as a plain map would, poll after poll (random polls, changes, windows)', () => {
		const next = prng(11);
		const ids = randomRecIds(300, 5).concat(['007', '42']);
		const counts = new Map(ids.map((id) => [id, 1]));
		const state: IDataObject = {};
		const plain = new Map<string, [string, number]>(); // the first implementation's memory
		let now = T0;
		for (let poll = 0; poll < 60; poll++) {
			now += Math.floor(next() * 10 * MINUTE);
			for (const id of ids) if (next() < 0.05) counts.set(id, (counts.get(id) ?? 0) + 1);
			const pending = ids.filter(() => next() < 0.6).map((id) => record(id, counts.get(id) ?? 0));
			const windowMs = 20 * MINUTE;

			const expected: string[] = [];
			for (const [id, [, at]] of [...plain]) if (!(now - at < windowMs && at <= now)) plain.delete(id);
			for (const r of pending) {
				const known = plain.get(r.rec_id);
				if (known && known[0] === String(r.stock_change_count)) continue;
				expected.push(r.rec_id);
				plain.set(r.rec_id, [String(r.stock_change_count), now]);
			}

			const { emit } = selectAndRemember(state, pending, windowMs, now);
			expect(emit.map((r) => r.rec_id)).toEqual(expected);
			expect([...readMemory(state)].sort()).toEqual([...plain].sort());
		}
	});

	it('reads the first format a saved workflow still has, and replaces it at the next write', () => {
		const kept = '2754327482516635662';
		const state: IDataObject = { emitted: { [kept]: ['3', T0], '2754327482516635663': ['1', T0] } };
		const first = selectAndRemember(state, [record(kept, 3), record('2754327482516635663', 2)], 30 * MINUTE, T0 + MINUTE);
		expect(first.emit.map((r) => r.rec_id)).toEqual(['2754327482516635663']); // same count held, new count emitted
		expect(first.held).toBe(1);
		expect(state.emitted).toBeUndefined();
		expect(state.remembered).toEqual(
			packMemory(
				new Map([
					[kept, ['3', T0]],
					['2754327482516635663', ['2', T0 + MINUTE]],
				]),
			),
		);
		// the window still runs from the first format's time
		expect(selectAndRemember(state, [record(kept, 3)], 30 * MINUTE, T0 + 29 * MINUTE).emit).toEqual([]);
		expect(selectAndRemember(state, [record(kept, 3)], 30 * MINUTE, T0 + 30 * MINUTE).emit).toHaveLength(1);
	});

	it('ignores a damaged packed memory instead of failing the poll', () => {
		const state: IDataObject = { remembered: { v: 2, groups: [[T0, 'zz:1,!!,3:1'], ['x', 'y'], 'junk'] } };
		expect([...readMemory(state).keys()]).toEqual([BigInt(parseInt('zz', 36)).toString()]);
		expect(readMemory({ remembered: { v: 9, groups: [[T0, '1:1']] } }).size).toBe(0);
	});
});
