/**
 * Splitting a time range into the windows an endpoint accepts (trade_query: at most 60 minutes;
 * most others: 30 days). Windows are consecutive half-open [start, end) ranges that share their
 * borders: no gap, no overlap. WDT compares `start_time <= modified <= end_time` (inclusive at
 * both ends, to the second), so a record exactly on a border may come back in both neighbours:
 * the caller de-duplicates by key.
 */
import { formatBeijing } from './beijingTime';

export interface TimeWindow {
	/** Epoch ms, inclusive. */
	start: number;
	/** Epoch ms; the next window starts here. */
	end: number;
}

export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** At most this many windows per range (30 days of 60-minute windows is 720). */
export const MAX_WINDOWS = 100000;

/** Drops milliseconds: WDT's times have whole seconds. */
export const toWholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

/**
 * [from, to) in consecutive windows of at most `maxMs` each, the last one shorter.
 * `maxMs` undefined: one window. Throws RangeError when `to` is not after `from`.
 */
export function splitWindows(from: number, to: number, maxMs?: number): TimeWindow[] {
	if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError('From and To must be times');
	if (to <= from) {
		throw new RangeError(`To (${formatBeijing(to)}) must be after From (${formatBeijing(from)}), Beijing time`);
	}
	if (maxMs === undefined) return [{ start: from, end: to }];
	if (!(maxMs > 0)) throw new RangeError(`A window must be longer than 0 ms, got ${maxMs}`);
	const count = Math.ceil((to - from) / maxMs);
	if (count > MAX_WINDOWS) {
		throw new RangeError(`The range needs ${count} windows of ${maxMs / MINUTE_MS} minutes; at most ${MAX_WINDOWS}`);
	}
	const windows: TimeWindow[] = [];
	for (let start = from; start < to; start += maxMs) {
		windows.push({ start, end: Math.min(start + maxMs, to) });
	}
	return windows;
}

/** The window as WDT's parameters: Beijing-time text. */
export function windowParams(window: TimeWindow): { start_time: string; end_time: string } {
	return { start_time: formatBeijing(window.start), end_time: formatBeijing(window.end) };
}

/**
 * [from, to) cut at `at`: the part before (if any) and the part from `at` on (if any). Used to
 * send the old part of an order range to his_trade_query and the recent part to trade_query.
 */
export function splitRangeAt(
	from: number,
	to: number,
	at: number,
): { before?: TimeWindow; after?: TimeWindow } {
	if (at <= from) return { after: { start: from, end: to } };
	if (at >= to) return { before: { start: from, end: to } };
	return { before: { start: from, end: at }, after: { start: at, end: to } };
}

/** The instant `months` calendar months before `ms` (Beijing calendar; day clamped to the month). */
export function monthsBefore(ms: number, months: number): number {
	const offset = 8 * HOUR_MS;
	const d = new Date(ms + offset);
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() - months);
	const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, lastDay));
	return d.getTime() - offset;
}
