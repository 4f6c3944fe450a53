import type { IDataObject } from 'n8n-workflow';

import type { StockChangeRecord } from '../../nodes/Wdt/stockChanges';
import { MAX_ENTRIES, selectAndRemember } from '../../nodes/Wdt/trigger/emitWindow';
import type { Memory } from '../../nodes/Wdt/trigger/memoryCodec';
import { ANY_VERSION, packMemory, readMemory, writeMemory } from '../../nodes/Wdt/trigger/memoryCodec';
import { shipmentVersion } from '../../nodes/Wdt/trigger/shipments';
import { stockChangeVersion } from '../../nodes/Wdt/trigger/stockChangesToSync';

/** The rule as the stock-change triggers apply it (stock_change_count is the version). */
const select = (state: IDataObject, records: StockChangeRecord[], windowMs: number, now: number) =>
	selectAndRemember(state, records, stockChangeVersion, windowMs, now);

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
			select(state, records.slice(poll * 5000, (poll + 1) * 5000), 30 * MINUTE, T0 + poll * MINUTE);
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
		select(state, records, 30 * MINUTE, T0);
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

			const { emit } = select(state, pending, windowMs, now);
			expect(emit.map((r) => r.rec_id)).toEqual(expected);
			expect([...readMemory(state)].sort()).toEqual([...plain].sort());
		}
	});

	it('reads the first format a saved workflow still has, and replaces it at the next write', () => {
		const kept = '2754327482516635662';
		const state: IDataObject = { emitted: { [kept]: ['3', T0], '2754327482516635663': ['1', T0] } };
		const first = select(state, [record(kept, 3), record('2754327482516635663', 2)], 30 * MINUTE, T0 + MINUTE);
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
		expect(select(state, [record(kept, 3)], 30 * MINUTE, T0 + 29 * MINUTE).emit).toEqual([]);
		expect(select(state, [record(kept, 3)], 30 * MINUTE, T0 + 30 * MINUTE).emit).toHaveLength(1);
	});

	it('ignores a damaged packed memory instead of failing the poll', () => {
		const state: IDataObject = { remembered: { v: 2, groups: [[T0, 'zz:1,!!,3:1'], ['x', 'y'], 'junk'] } };
		expect([...readMemory(state).keys()]).toEqual([BigInt(parseInt('zz', 36)).toString()]);
		expect(readMemory({ remembered: { v: 9, groups: [[T0, '1:1']] } }).size).toBe(0);
	});
});

describe('reading a damaged or foreign memory (memoryCodec)', () => {
	const packed = (...groups: unknown[]): IDataObject => ({ remembered: { v: 2, groups } });

	it('ignores a remembered memory that is not an object of this version, keeping the first format', () => {
		const emitted = { '11': ['1', T0] };
		for (const remembered of [null, 0, '', 'v2', true, [], { v: '2', groups: [[T0, '1:1']] }, { v: 1, groups: [[T0, '1:1']] }]) {
			expect([...readMemory({ emitted, remembered } as IDataObject)]).toEqual([['11', ['1', T0]]]);
		}
	});

	it('reads no entries from a first-format memory or an `other` that is null or a list instead of a map', () => {
		expect(readMemory({ emitted: null, remembered: { v: 2, groups: [[T0, '1:1']], other: null } }).size).toBe(1);
		expect(readMemory({ emitted: [['3', T0]] } as IDataObject).size).toBe(0);
		expect(readMemory({ emitted: [['3', T0], ['4', T0]] } as IDataObject).size).toBe(0);
		expect(readMemory({ remembered: { v: 2, groups: [], other: [['3', T0]] } } as IDataObject).size).toBe(0);
		expect(readMemory({ emitted: 'abc', remembered: { v: 2, groups: [], other: 12 } } as IDataObject).size).toBe(0);
	});

	it('keeps only the first-format entries that are a [count, time in ms] pair', () => {
		const state = {
			emitted: {
				kept: ['3', T0],
				number: [4, T0 + 1], // a count saved as a number reads back as text
				one: ['3'],
				three: ['3', T0, 'x'],
				timeAsText: ['3', String(T0)],
				noTime: ['3', null],
				lookalike: { 0: '3', 1: T0, length: 2 },
				text: '3',
			},
			remembered: { v: 2, groups: [], other: { other: ['5', T0], bad: ['5', T0, T0] } },
		} as unknown as IDataObject;
		expect([...readMemory(state)]).toEqual([
			['kept', ['3', T0]],
			['number', ['4', T0 + 1]],
			['other', ['5', T0]],
		]);
	});

	it('reads only the groups that are [time in ms, packed text] and skips the others', () => {
		const state = packed(
			[T0, '1:1'],
			[String(T0), '2:1'], // time as text
			[T0, 5], // packed as a number
			[T0, ['3:1']], // packed as a list
			{ 0: T0, 1: '4:1', length: 2 }, // not a list
			null,
			'5:1',
			[T0, ''], // nothing packed
			[T0 + 1, '6:2'],
		);
		expect([...readMemory(state)]).toEqual([
			['1', ['1', T0]],
			['6', ['2', T0 + 1]],
		]);
	});

	it('still reads `other` when the groups are missing or not a list', () => {
		const other = { '007': ['1', T0] };
		for (const groups of [undefined, null, {}, { 0: [T0, '1:1'] }, 'groups']) {
			expect([...readMemory({ remembered: { v: 2, groups, other } } as IDataObject)]).toEqual([['007', ['1', T0]]]);
		}
	});

	it('stops a group at its first damaged part, keeping the parts before it and the other groups', () => {
		// '2s' is 100 in base 36; a damaged part ends its group, the next group is read as usual
		for (const damaged of ['1:', ':1', '1', '!1:1', 'A1:1', '1:1!', '1:1:1', '1:1 ', ' 1:1', '-5:1', '1:-1', '1.5:1', '']) {
			const memory = readMemory(packed([T0, `2s:3,${damaged},1:1`], [T0 + 1, '9:1']));
			expect([damaged, [...memory]]).toEqual([
				damaged,
				[
					['100', ['3', T0]],
					['9', ['1', T0 + 1]],
				],
			]);
		}
	});

	it('reads base-36 deltas and counts of 10 digits and longer exactly (beyond what a JS number holds)', () => {
		const big = (digits: number) => (BigInt(36) ** BigInt(digits) - BigInt(1)).toString(); // 'z' × digits
		const memory = readMemory(packed([T0, `${'z'.repeat(10)}:${'z'.repeat(11)},1:${'z'.repeat(13)}`]));
		const first = big(10);
		expect([...memory]).toEqual([
			[first, [big(11), T0]],
			[(BigInt(first) + BigInt(1)).toString(), [big(13), T0]],
		]);
	});
});

describe('the packed form of the memory (memoryCodec)', () => {
	it('lists the groups oldest first and each group’s rec_ids in ascending order, as base-36 deltas', () => {
		// inserted newest first and out of order, as a Map may hold them
		const memory: Memory = new Map([
			['30', ['1', T0 + 2]],
			['200', ['2', T0]],
			['9', ['3', T0]],
			['100', ['4', T0]],
			['10', ['5', T0]],
		]);
		// T0: 9, 10, 100, 200 → deltas 9, 1, 90 ('2i'), 100 ('2s'); T0 + 2: 30 ('u'). No `other`: all canonical.
		expect(packMemory(memory)).toStrictEqual({
			v: 2,
			groups: [
				[T0, '9:3,1:5,2i:4,2s:2'],
				[T0 + 2, 'u:1'],
			],
		});
		expect([...readMemory({ remembered: packMemory(memory) })].sort()).toEqual([...memory].sort());
	});

	it('reads back every rec_id of a group whose ids came in descending order (no negative delta)', () => {
		const ids = randomRecIds(50, 13).sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));
		const memory: Memory = new Map(ids.map((id, i) => [id, [String(i), T0]]));
		const back = readMemory(JSON.parse(JSON.stringify({ remembered: packMemory(memory) })) as IDataObject);
		expect([...back].sort()).toEqual([...memory].sort());
	});
});

describe('which records a poll emits (emitWindow)', () => {
	const WINDOW = 30 * MINUTE;
	const ids = (decision: { emit: Array<{ rec_id: string }> }) => decision.emit.map((r) => r.rec_id);

	it('holds a record emitted at the very same millisecond, until the window has passed', () => {
		const state: IDataObject = {};
		expect(ids(select(state, [record('5', 1)], WINDOW, T0))).toEqual(['5']);
		expect(select(state, [record('5', 1)], WINDOW, T0)).toEqual({ emit: [], held: 1 });
		expect(select(state, [record('5', 1)], WINDOW, T0 + WINDOW - 1)).toEqual({ emit: [], held: 1 });
		expect(ids(select(state, [record('5', 1)], WINDOW, T0 + WINDOW))).toEqual(['5']);
	});

	it('emits again a record remembered in the future (the clock was set back)', () => {
		const state: IDataObject = {};
		select(state, [record('5', 1)], WINDOW, T0 + MINUTE);
		expect(ids(select(state, [record('5', 1)], WINDOW, T0))).toEqual(['5']);
	});

	it('remembers a record without a stock_change_count with the count "" and holds it', () => {
		const state: IDataObject = {};
		expect(ids(select(state, [{ rec_id: '5' }], WINDOW, T0))).toEqual(['5']);
		expect([...readMemory(state)]).toEqual([['5', ['', T0]]]);
		expect(select(state, [{ rec_id: '5' }], WINDOW, T0 + MINUTE)).toEqual({ emit: [], held: 1 });
		expect(ids(select(state, [record('5', 1)], WINDOW, T0 + 2 * MINUTE))).toEqual(['5']);
	});

	it('keeps at most MAX_ENTRIES entries, forgetting the oldest first', () => {
		// read back in the order: groups (canonical rec_ids), then `other` — not oldest first
		const memory: Memory = new Map(randomRecIds(MAX_ENTRIES - 2, 17).map((id) => [id, ['1', T0 + MINUTE]]));
		memory.set('old-2', ['1', T0 + 2]); // non-canonical: kept under `other`, read after the groups
		memory.set('old-1', ['1', T0 + 1]); // the oldest
		const state: IDataObject = {};
		writeMemory(state, memory);

		const fresh = record('3000000000000000000', 1);
		expect(ids(select(state, [fresh], WINDOW, T0 + 2 * MINUTE))).toEqual([fresh.rec_id]);
		const kept = readMemory(state);
		expect(kept.size).toBe(MAX_ENTRIES);
		expect(kept.has('old-1')).toBe(false);
		expect([...kept.keys()].filter((id) => !memory.has(id))).toEqual([fresh.rec_id]);

		// the forgotten record is emitted again at once; the others are still held
		const [someId] = memory.keys();
		const next = select(state, [record('old-1', 1), record('old-2', 1), record(someId, 1)], WINDOW, T0 + 3 * MINUTE);
		expect(next).toEqual({ emit: [record('old-1', 1)], held: 2 });
	});
});

describe('the WDT Trigger Shipments event\'s old memory (rec_id → emitted at, no version)', () => {
	const WINDOW = 10 * MINUTE;
	const versionOf = (record: StockChangeRecord) => String(record.logistics_no);
	const shipment = (recId: string, logisticsNo: string) => ({ rec_id: recId, logistics_no: logisticsNo });

	it('reads each entry as "any version", ignoring entries that are not a time', () => {
		const state: IDataObject = { shipments: { emitted: { '11': T0, '12': 'soon', '13': [T0], '14': T0 + 1 } } };
		expect([...readMemory(state)]).toEqual([
			['11', [ANY_VERSION, T0]],
			['14', [ANY_VERSION, T0 + 1]],
		]);
		for (const shipments of [null, 'x', 7, { emitted: null }, { emitted: 'x' }, { emitted: [T0] }, {}]) {
			expect([shipments, readMemory({ shipments } as IDataObject).size]).toEqual([shipments, 0]);
		}
	});

	it('holds what it names until its window ends, whatever the version, and takes the version it sees', () => {
		const state: IDataObject = { shipments: { emitted: { '11': T0, '12': T0 } } };
		const first = selectAndRemember(state, [shipment('11', 'SF1'), shipment('12', 'SF2'), shipment('13', 'SF3')], versionOf, WINDOW, T0 + MINUTE);
		expect(first.emit.map((record) => record.rec_id)).toEqual(['13']);
		expect(state.shipments).toBeUndefined();
		expect(readMemory(state).get('11')).toEqual(['SF1', T0]);
		// From now on a change of its version is a change.
		const second = selectAndRemember(state, [shipment('11', 'SF1'), shipment('12', 'YT9')], versionOf, WINDOW, T0 + 2 * MINUTE);
		expect(second.emit.map((record) => record.rec_id)).toEqual(['12']);
		const third = selectAndRemember(state, [shipment('11', 'SF1'), shipment('12', 'YT9')], versionOf, WINDOW, T0 + WINDOW);
		expect(third.emit.map((record) => record.rec_id)).toEqual(['11']);
	});

	it('a newer format entry of the same rec_id wins over the old one', () => {
		const state: IDataObject = { shipments: { emitted: { '11': T0 } } };
		writeMemory(state, new Map([['11', ['7', T0 + 5]]]));
		expect(state.shipments).toBeUndefined();
		const mixed: IDataObject = { shipments: { emitted: { '11': T0 } }, remembered: state.remembered };
		expect(readMemory(mixed).get('11')).toEqual(['7', T0 + 5]);
	});
});

describe('a shipment\'s version (what the shop is told)', () => {
	const base = {
		rec_id: '2778958909363191820',
		tid: 'SHOPA20260105000001',
		oids: 'SHOPA20260105000001-1',
		is_part_sync: 0,
		logistics_no: 'SF1234567890123',
		logistics_type: 8,
		logistics_name: '顺丰速运',
		logistics_code_erp: '8',
		logistics_name_erp: '顺丰速运',
		sync_status: 0,
		try_times: 1,
		error_msg: '',
		modified: 1767599000,
		consign_time: 1767599000,
	};

	it('is a canonical decimal (packed small in the memory) and the same for the same content', () => {
		expect(shipmentVersion(base)).toMatch(/^(0|[1-9][0-9]{0,15})$/);
		expect(shipmentVersion({ ...base })).toBe(shipmentVersion(base));
		expect(Number(shipmentVersion(base))).toBeLessThan(2 ** 52);
	});

	it.each([
		['tid', 'SHOPA20260105000002'],
		['oids', 'SHOPA20260105000001-1,SHOPA20260105000001-2'],
		['is_part_sync', 1],
		['logistics_no', 'SF1234567890124'],
		['logistics_type', 5],
		['logistics_code', 'ZTO'],
		['logistics_code_erp', '5'],
		['logistics_name', '中通快递'],
		['logistics_name_erp', '中通快递'],
	])('changes when %s changes', (field, value) => {
		expect(shipmentVersion({ ...base, [field]: value })).not.toBe(shipmentVersion(base));
	});

	it.each([
		['sync_status', 1],
		['try_times', 2],
		['error_msg', '平台接口超时'],
		['modified', 1767599060],
		['consign_time', 1767599060],
		['rec_id', '2778958909363191821'],
	])('stays when %s changes (WDT changes it while the record just waits)', (field, value) => {
		expect(shipmentVersion({ ...base, [field]: value })).toBe(shipmentVersion(base));
	});

	it('tells a field that is absent from one that is empty, and keeps fields apart', () => {
		const withoutName: StockChangeRecord = { ...base };
		delete withoutName.logistics_name;
		expect(shipmentVersion(withoutName)).not.toBe(shipmentVersion({ ...base, logistics_name: '' }));
		expect(shipmentVersion({ ...base, tid: 'A', oids: 'B' })).not.toBe(shipmentVersion({ ...base, tid: 'AB', oids: '' }));
	});
});
