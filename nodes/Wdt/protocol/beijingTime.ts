/**
 * Instants ⇄ WDT's time text. WDT reads and writes every time as `YYYY-MM-DD HH:MM:SS` in Beijing
 * time (Asia/Shanghai, UTC+8 all year: China has had no daylight saving since 1991), so the
 * conversion is a fixed offset. Inputs come in whatever form n8n hands over (ISO text with or
 * without a zone, Luxon DateTime, JS Date, epoch numbers); all become epoch milliseconds first.
 */

export const BEIJING_ZONE = 'Asia/Shanghai';
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Epoch ms → `YYYY-MM-DD HH:MM:SS` in Beijing time (milliseconds dropped). */
export function formatBeijing(ms: number): string {
	if (!Number.isFinite(ms)) throw new RangeError(`Not a time: ${ms}`);
	const d = new Date(ms + BEIJING_OFFSET_MS);
	return (
		`${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
		`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
	);
}

const WDT_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `YYYY-MM-DD HH:MM:SS` (Beijing time, as WDT writes it) → epoch ms; undefined if not that form. */
export function parseBeijing(text: string): number | undefined {
	const m = WDT_TIME.exec(text.trim());
	if (!m) return undefined;
	const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
	const ms = Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS;
	// Reject 2026-02-30 and 25:00:00 rather than letting Date roll them over.
	return formatBeijing(ms) === text.trim() ? ms : undefined;
}

/** The offset (local − UTC, ms) of an IANA zone at an instant, from the runtime's Intl data. */
export function zoneOffsetMs(zone: string, utcMs: number): number {
	if (zone === BEIJING_ZONE) return BEIJING_OFFSET_MS;
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return local - Math.floor(utcMs / 1000) * 1000;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * A wall-clock time in `zone` (given as if it were UTC) → the instant. A time the clocks skipped
 * (spring forward) moves forward by the gap, as Luxon (n8n's dates) reads it; a time they showed
 * twice (fall back) is the earlier one, as in JavaScript's Temporal (Luxon's choice depends on
 * today's date). The offsets a day before and after are the only candidates: zones change their
 * offset at most once in two days.
 */
function wallTimeToInstant(wallMs: number, zone: string): number {
	const before = wallMs - zoneOffsetMs(zone, wallMs - DAY_MS);
	const after = wallMs - zoneOffsetMs(zone, wallMs + DAY_MS);
	const shows = (instant: number) => instant + zoneOffsetMs(zone, instant) === wallMs;
	if (shows(before) && shows(after)) return Math.min(before, after);
	if (shows(after)) return after;
	// Shown by the offset before, or by neither (a gap): the offset before moves it forward.
	return before;
}

// 2026-11-28, 2026-11-28T10:00, 2026-11-28 10:00:00.123+08:00, 2026-11-28T02:00:00Z …
const ISO_LIKE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

function parseIsoLike(text: string, zone: string): number | undefined {
	const m = ISO_LIKE.exec(text);
	if (!m) return undefined;
	const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v)));
	const fraction = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
	if (
		mo < 1 ||
		mo > 12 ||
		// Stryker disable next-line ConditionalExpression: day 00 rolls back to the last day of the month before, not 00: the day check below refuses it
		d < 1 ||
		// Stryker disable next-line ConditionalExpression: day 32-99 rolls over into a later month, to a day that is not d: the day check below refuses it
		d > 31 ||
		// Stryker disable next-line ConditionalExpression: hour 24-99 adds 1 to 4 days, so the day is not d: the day check below refuses it
		h > 23 ||
		mi > 59 ||
		s > 59
	) {
		return undefined;
	}
	const wall = Date.UTC(y, mo - 1, d, h, mi, s, fraction);
	if (new Date(wall).getUTCDate() !== d) return undefined; // 2026-02-30
	const designator = m[8];
	if (designator === undefined) return wallTimeToInstant(wall, zone);
	// Stryker disable next-line ConditionalExpression,StringLiteral: without this shortcut Z goes on as an offset with no digits, 0: the same wall - 0
	if (designator === 'Z' || designator === 'z') return wall;
	const sign = designator[0] === '-' ? -1 : 1;
	const digits = designator.slice(1).replace(':', '');
	const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60 * 1000;
	return wall - sign * offset;
}

export class TimeInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TimeInputError';
	}
}

/**
 * Any time value n8n may hand a node → epoch ms; undefined for "not given" (empty, null).
 * - ISO-like text: with `Z` or an offset it is exact; without one it is a wall-clock time in
 *   `zone` (Beijing by default, WDT's own reading). `YYYY-MM-DD` alone is midnight there.
 * - Other text with an explicit zone (`Sat Nov 28 2026 10:00:00 GMT+0800`, RFC 2822): Date.parse.
 * - JS Date, Luxon DateTime, moment, anything whose valueOf() is epoch ms.
 * - Numbers: epoch milliseconds, or epoch seconds when below 10^11 (before 1973 in ms).
 * Anything else throws TimeInputError naming the value.
 */
/** Why `value` is not a time (toEpochMs would throw), or undefined when it is one or empty. */
export function timeProblem(value: unknown, zone: string = BEIJING_ZONE, label = 'Time'): string | undefined {
	try {
		toEpochMs(value, zone, label);
		return undefined;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

export function toEpochMs(value: unknown, zone: string = BEIJING_ZONE, label = 'Time'): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TimeInputError(`${label} is ${value}, not a time`);
		return Math.abs(value) < 1e11 ? value * 1000 : value;
	}
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return undefined;
		if (/^\d{10}$|^\d{13}$/.test(text)) return toEpochMs(Number(text), zone, label);
		const iso = parseIsoLike(text, zone);
		if (iso !== undefined) return iso;
		if (/GMT|UTC|[+-]\d{4}\b/.test(text)) {
			const parsed = Date.parse(text);
			if (Number.isFinite(parsed)) return parsed;
		}
		throw new TimeInputError(
			`${label} "${text}" is not a time: write it like 2026-11-28 10:00:00 (Beijing time) or 2026-11-28T02:00:00Z`,
		);
	}
	// A Date, Luxon DateTime or moment: its valueOf() or toISO(). (Booleans and BigInts get here
	// too and are refused below: their valueOf() is neither a number nor text.)
	const primitive = (value as { valueOf?: () => unknown }).valueOf?.();
	if (typeof primitive === 'number' && Number.isFinite(primitive)) return primitive;
	if (typeof primitive === 'string') return toEpochMs(primitive, zone, label);
	const iso = (value as { toISO?: () => unknown }).toISO?.();
	if (typeof iso === 'string') return toEpochMs(iso, zone, label);
	throw new TimeInputError(`${label} is ${describeValue(value)}, not a time`);
}

/** The value as the user wrote it, for a message; JSON.stringify throws on a BigInt or a cycle. */
function describeValue(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}
