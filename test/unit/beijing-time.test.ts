import { TimeInputError, formatBeijing, parseBeijing, toEpochMs, zoneOffsetMs } from '../../nodes/Wdt/protocol/beijingTime';

const utc = (text: string) => Date.parse(text);

describe('formatBeijing / parseBeijing', () => {
	it('writes an instant as Beijing wall time, UTC+8, crossing midnight', () => {
		expect(formatBeijing(utc('2026-11-28T15:59:59Z'))).toBe('2026-11-28 23:59:59');
		expect(formatBeijing(utc('2026-11-28T16:00:00Z'))).toBe('2026-11-29 00:00:00');
		expect(formatBeijing(utc('2026-12-31T16:00:00.999Z'))).toBe('2027-01-01 00:00:00');
	});

	it('reads WDT text back to the same instant, and refuses impossible dates', () => {
		expect(parseBeijing('2026-11-29 00:00:00')).toBe(utc('2026-11-28T16:00:00Z'));
		expect(parseBeijing('2026-02-30 10:00:00')).toBeUndefined();
		expect(parseBeijing('2026-11-29T00:00:00')).toBeUndefined();
	});
});

describe('toEpochMs: every form n8n hands a node', () => {
	const instant = utc('2026-11-28T02:00:00Z'); // 10:00 in Beijing

	it('ISO text with a zone is exact; without one it is Beijing wall time', () => {
		expect(toEpochMs('2026-11-28T02:00:00Z')).toBe(instant);
		expect(toEpochMs('2026-11-28T02:00:00.000Z')).toBe(instant);
		expect(toEpochMs('2026-11-28T10:00:00+08:00')).toBe(instant);
		expect(toEpochMs('2026-11-27T21:00:00-0500')).toBe(instant);
		expect(toEpochMs('2026-11-28T10:00:00')).toBe(instant);
		expect(toEpochMs('2026-11-28 10:00:00')).toBe(instant);
		expect(toEpochMs('2026-11-28 10:00')).toBe(instant);
		expect(toEpochMs('2026-11-28')).toBe(utc('2026-11-27T16:00:00Z'));
	});

	it('reads text without a zone in the zone given (DST included)', () => {
		expect(toEpochMs('2026-11-28T10:00:00', 'UTC')).toBe(utc('2026-11-28T10:00:00Z'));
		expect(toEpochMs('2026-07-01T12:00:00', 'Europe/Berlin')).toBe(utc('2026-07-01T10:00:00Z'));
		expect(toEpochMs('2026-01-01T12:00:00', 'Europe/Berlin')).toBe(utc('2026-01-01T11:00:00Z'));
		expect(zoneOffsetMs('America/New_York', utc('2026-07-01T12:00:00Z'))).toBe(-4 * 3600 * 1000);
	});

	it('takes JS Dates, Luxon-like DateTimes (valueOf / toISO) and epoch numbers', () => {
		expect(toEpochMs(new Date(instant))).toBe(instant);
		const luxonLike = { valueOf: () => instant, toISO: () => 'ignored', isLuxonDateTime: true };
		expect(toEpochMs(luxonLike)).toBe(instant);
		expect(toEpochMs({ toISO: () => '2026-11-28T10:00:00.000+08:00' })).toBe(instant);
		expect(toEpochMs(instant)).toBe(instant);
		expect(toEpochMs(instant / 1000)).toBe(instant);
		expect(toEpochMs(String(instant / 1000))).toBe(instant);
		expect(toEpochMs('Sat Nov 28 2026 10:00:00 GMT+0800 (China Standard Time)')).toBe(instant);
	});

	it('treats empty as not given and names what it cannot read', () => {
		expect(toEpochMs('')).toBeUndefined();
		expect(toEpochMs('  ')).toBeUndefined();
		expect(toEpochMs(null)).toBeUndefined();
		expect(toEpochMs(undefined)).toBeUndefined();
		expect(() => toEpochMs('yesterday', undefined, 'From')).toThrow(TimeInputError);
		expect(() => toEpochMs('yesterday', undefined, 'From')).toThrow(/From "yesterday" is not a time/);
		expect(() => toEpochMs('2026-02-30 10:00:00')).toThrow(TimeInputError);
		expect(() => toEpochMs(new Date(NaN))).toThrow(TimeInputError);
		expect(() => toEpochMs({ a: 1 })).toThrow(TimeInputError);
	});
});
