/**
 * Which endpoint reads which part of a range, for lists whose old records WDT moves from a live
 * endpoint to its his_* endpoint (trade_query, stockout_order_query_trade, refund_query). When
 * WDT archives is not published; the package assumes 3 calendar months after the last
 * modification, and reads ARCHIVE_MARGIN_MS either side of that border from both endpoints
 * (docs/wdt-contract.md, "Rules every endpoint shares"). Pure: knows nothing of n8n or HTTP.
 */
import { ARCHIVE_AFTER_MONTHS, ARCHIVE_FIELD, ARCHIVE_MARGIN_MS } from './catalogue';
import type { TimeWindow } from './timeWindows';
import { monthsBefore } from './timeWindows';

/** Automatic (by the range), only the live endpoint, or only the his_* one. */
export type ArchiveSource = 'auto' | 'recent' | 'history';

export interface ArchivePart<S> {
	spec: S;
	/** [start, end) epoch ms; undefined: no time parameters. */
	range?: TimeWindow;
}

/** Before this instant a record may already be archived (Beijing calendar, from `now`). */
export const archiveBorder = (now: number): number => monthsBefore(now, ARCHIVE_AFTER_MONTHS);

/**
 * The parts to read, oldest first. Automatic:
 * - without a range (a call by number): both endpoints, the record is in one of them;
 * - with one: his_* up to the border + margin, the live endpoint from the border − margin, so the
 *   band around the border is read from both. A live read whose range selects another time than
 *   the archive's (stockouts by ship time: an old shipment edited lately is still live) covers
 *   the whole range; the extra windows of a 30-day endpoint cost a call each.
 */
export function archiveParts<S extends { timeField?: string }>(
	live: S,
	history: S,
	source: ArchiveSource,
	range: TimeWindow | undefined,
	now: number,
): Array<ArchivePart<S>> {
	if (source === 'history') return [{ spec: history, range }];
	if (source === 'recent') return [{ spec: live, range }];
	if (range === undefined) return [{ spec: live }, { spec: history }];
	const border = archiveBorder(now);
	const parts: Array<ArchivePart<S>> = [];
	const historyEnd = Math.min(range.end, border + ARCHIVE_MARGIN_MS);
	if (range.start < historyEnd) parts.push({ spec: history, range: { start: range.start, end: historyEnd } });
	const liveStart = live.timeField === ARCHIVE_FIELD ? Math.max(range.start, border - ARCHIVE_MARGIN_MS) : range.start;
	if (liveStart < range.end) parts.push({ spec: live, range: { start: liveStart, end: range.end } });
	return parts;
}
