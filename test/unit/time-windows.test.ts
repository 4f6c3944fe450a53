import { toEpochMs } from '../../nodes/Wdt/protocol/beijingTime';
import { LIST_ENDPOINTS } from '../../nodes/Wdt/protocol/catalogue';
import {
	HOUR_MS,
	MAX_WINDOWS,
	MINUTE_MS,
	monthsBefore,
	splitRangeAt,
	splitWindows,
	toWholeSecond,
	windowParams,
} from '../../nodes/Wdt/protocol/timeWindows';

const utc = (text: string) => Date.parse(text);

describe('splitWindows', () => {
	it('a range of 1 h 1 s under a 60-minute limit is two windows sharing their border', () => {
		const from = utc('2026-11-28T02:00:00Z');
		const windows = splitWindows(from, from + HOUR_MS + 1000, LIST_ENDPOINTS.trade_query.maxWindowMs);
		expect(windows.map(windowParams)).toEqual([
			{ start_time: '2026-11-28 10:00:00', end_time: '2026-11-28 11:00:00' },
			{ start_time: '2026-11-28 11:00:00', end_time: '2026-11-28 11:00:01' },
		]);
	});

	it('exactly 60 minutes is one window', () => {
		const from = utc('2026-11-28T02:00:00Z');
		expect(splitWindows(from, from + HOUR_MS, HOUR_MS)).toHaveLength(1);
	});

	it('a UTC input crossing midnight in Beijing gives Beijing dates on both sides', () => {
		const from = toEpochMs('2026-11-28T15:30:00Z') as number;
		const to = toEpochMs('2026-11-28T17:15:00Z') as number;
		expect(splitWindows(from, to, HOUR_MS).map(windowParams)).toEqual([
			{ start_time: '2026-11-28 23:30:00', end_time: '2026-11-29 00:30:00' },
			{ start_time: '2026-11-29 00:30:00', end_time: '2026-11-29 01:15:00' },
		]);
	});

	it('covers the range with no gap and no overlap, each window within the limit', () => {
		const from = utc('2026-10-01T00:00:00Z');
		const to = utc('2026-11-28T07:13:29Z');
		const max = LIST_ENDPOINTS.goods_query.maxWindowMs as number;
		const windows = splitWindows(from, to, max);
		expect(windows[0].start).toBe(from);
		expect(windows[windows.length - 1].end).toBe(to);
		for (let i = 0; i < windows.length; i++) {
			expect(windows[i].end - windows[i].start).toBeGreaterThan(0);
			expect(windows[i].end - windows[i].start).toBeLessThanOrEqual(max);
			if (i > 0) expect(windows[i].start).toBe(windows[i - 1].end);
		}
		expect(windows).toHaveLength(2);
	});

	it('30 days of orders are 720 one-hour windows; no limit is one window', () => {
		const from = utc('2026-10-01T00:00:00Z');
		expect(splitWindows(from, from + 30 * 24 * HOUR_MS, HOUR_MS)).toHaveLength(720);
		expect(splitWindows(from, from + 30 * 24 * HOUR_MS)).toEqual([{ start: from, end: from + 30 * 24 * HOUR_MS }]);
	});

	it('refuses an empty or reversed range, naming both ends in Beijing time', () => {
		const t = utc('2026-11-28T02:00:00Z');
		expect(() => splitWindows(t, t, HOUR_MS)).toThrow(/To \(2026-11-28 10:00:00\) must be after From/);
		expect(() => splitWindows(t, t - 1000, HOUR_MS)).toThrow(RangeError);
	});
});

describe('splitRangeAt / monthsBefore (Order · Get Many, history vs recent)', () => {
	it('cuts a range at a point, or leaves it whole on one side', () => {
		expect(splitRangeAt(10, 20, 15)).toEqual({ before: { start: 10, end: 15 }, after: { start: 15, end: 20 } });
		expect(splitRangeAt(10, 20, 5)).toEqual({ after: { start: 10, end: 20 } });
		expect(splitRangeAt(10, 20, 20)).toEqual({ before: { start: 10, end: 20 } });
	});

	it('counts calendar months in Beijing time, clamping the day', () => {
		expect(monthsBefore(utc('2026-11-28T02:00:00Z'), 3)).toBe(utc('2026-08-28T02:00:00Z'));
		// 31 May 10:00 Beijing → 28 Feb (no 31 Feb)
		expect(monthsBefore(utc('2026-05-31T02:00:00Z'), 3)).toBe(utc('2026-02-28T02:00:00Z'));
		// 1 Jan 01:00 Beijing is still 31 Dec in UTC: the Beijing calendar counts
		expect(monthsBefore(utc('2025-12-31T17:00:00Z'), 3)).toBe(utc('2025-09-30T17:00:00Z'));
	});
});

describe('toWholeSecond', () => {
	it('drops the milliseconds, rounding down', () => {
		const t = utc('2026-11-28T02:00:00Z');
		expect(toWholeSecond(t + 999)).toBe(t);
		expect(toWholeSecond(t + 1000)).toBe(t + 1000);
		expect(toWholeSecond(t)).toBe(t);
		expect(toWholeSecond(-1)).toBe(-1000);
	});
});

describe('splitWindows: what it refuses', () => {
	const t = utc('2026-11-28T02:00:00Z');

	it('a From or To that is not a time', () => {
		const message = new RangeError('From and To must be times');
		expect(() => splitWindows(NaN, t, HOUR_MS)).toThrow(message);
		expect(() => splitWindows(t, NaN, HOUR_MS)).toThrow(message);
		expect(() => splitWindows(t, Infinity, HOUR_MS)).toThrow(message);
		expect(() => splitWindows(-Infinity, t)).toThrow(message);
	});

	it('a window length that is not above 0', () => {
		// 0 and NaN first: a mutant that let a negative length through would loop for ever.
		expect(() => splitWindows(t, t + HOUR_MS, 0)).toThrow(
			new RangeError('A window must be longer than 0 ms, got 0'),
		);
		expect(() => splitWindows(t, t + HOUR_MS, NaN)).toThrow(
			new RangeError('A window must be longer than 0 ms, got NaN'),
		);
		expect(() => splitWindows(t, t + HOUR_MS, -HOUR_MS)).toThrow(
			new RangeError('A window must be longer than 0 ms, got -3600000'),
		);
	});

	it('one window more than MAX_WINDOWS, saying how many and how long', () => {
		expect(() => splitWindows(t, t + (MAX_WINDOWS + 1) * HOUR_MS, HOUR_MS)).toThrow(
			new RangeError(
				`The range needs ${MAX_WINDOWS + 1} windows of 60 minutes; at most ${MAX_WINDOWS}`,
			),
		);
		expect(() => splitWindows(t, t + MAX_WINDOWS * HOUR_MS + 1, HOUR_MS)).toThrow(
			`needs ${MAX_WINDOWS + 1} windows of 60 minutes`,
		);
	});

	it('but exactly MAX_WINDOWS windows are fine', () => {
		const windows = splitWindows(t, t + MAX_WINDOWS * MINUTE_MS, MINUTE_MS);
		expect(windows).toHaveLength(MAX_WINDOWS);
		expect(windows[MAX_WINDOWS - 1]).toEqual({
			start: t + (MAX_WINDOWS - 1) * MINUTE_MS,
			end: t + MAX_WINDOWS * MINUTE_MS,
		});
	});
});

describe('splitRangeAt / monthsBefore: edges', () => {
	it('a cut at the start of the range leaves it whole after the cut, with no empty part before', () => {
		expect(splitRangeAt(10, 20, 10)).toEqual({ after: { start: 10, end: 20 } });
		expect(splitRangeAt(10, 20, 10)).not.toHaveProperty('before');
		expect(splitRangeAt(10, 20, 25)).not.toHaveProperty('after');
	});

	it('clamps the day of the Beijing month, not of the UTC month', () => {
		// 1 March 01:00 Beijing (28 Feb in UTC) → 1 February 01:00 Beijing (31 Jan 17:00 UTC)
		expect(monthsBefore(utc('2026-02-28T17:00:00Z'), 1)).toBe(utc('2026-01-31T17:00:00Z'));
		// 31 March 10:00 Beijing → 28 February 10:00 Beijing
		expect(monthsBefore(utc('2026-03-31T02:00:00Z'), 1)).toBe(utc('2026-02-28T02:00:00Z'));
	});
});
