import {
	BEIJING_ZONE,
	TimeInputError,
	formatBeijing,
	parseBeijing,
	timeProblem,
	toEpochMs,
	zoneOffsetMs,
} from '../../nodes/Wdt/protocol/beijingTime';

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

describe('formatBeijing / parseBeijing: edges', () => {
	it('refuses to write what is not an instant', () => {
		expect(() => formatBeijing(NaN)).toThrow(new RangeError('Not a time: NaN'));
		expect(() => formatBeijing(Infinity)).toThrow('Not a time: Infinity');
	});

	it('reads WDT text with spaces around it', () => {
		expect(parseBeijing('  2026-11-29 00:00:00 \n')).toBe(utc('2026-11-28T16:00:00Z'));
	});
});

describe('Beijing time is UTC+8 on every date', () => {
	// The runtime's zone data knows China's summer time of 1986–1991 (UTC+9); WDT's fixed
	// UTC+8 does not, and text read in the Beijing zone must give what parseBeijing gives.
	const summer1988 = Date.UTC(1988, 6, 1, 4, 0, 0);

	it('the Beijing zone has the fixed offset, not the summer time of the zone data', () => {
		expect(zoneOffsetMs(BEIJING_ZONE, summer1988)).toBe(8 * 3600 * 1000);
		expect(zoneOffsetMs('Asia/Shanghai', summer1988)).toBe(8 * 3600 * 1000);
		expect(toEpochMs('1988-07-01 12:00:00', 'Asia/Shanghai')).toBe(summer1988);
		expect(toEpochMs('1988-07-01 12:00:00', 'Asia/Shanghai')).toBe(
			parseBeijing('1988-07-01 12:00:00'),
		);
	});
});

describe('toEpochMs: ISO-like text', () => {
	const instant = utc('2026-11-28T02:00:00Z'); // 10:00 in Beijing

	it('reads a wall time just after a DST change in the zone given', () => {
		// New York moved to UTC−4 at 2026-03-08 07:00 UTC; 08:00 local that day is 12:00 UTC.
		expect(toEpochMs('2026-03-08T08:00:00', 'America/New_York')).toBe(utc('2026-03-08T12:00:00Z'));
		expect(toEpochMs('2026-03-08T01:00:00', 'America/New_York')).toBe(utc('2026-03-08T06:00:00Z'));
	});

	// The clocks skip an hour in spring and show one twice in autumn, west and east of UTC alike.
	it('a skipped wall time moves forward by the gap', () => {
		// New York 02:30 on 2026-03-08 does not exist: 03:30 EDT (UTC−4), not 01:30 EST.
		expect(toEpochMs('2026-03-08 02:30:00', 'America/New_York')).toBe(utc('2026-03-08T07:30:00Z'));
		// Berlin 02:30 on 2026-03-29 does not exist: 03:30 CEST (UTC+2).
		expect(toEpochMs('2026-03-29 02:30:00', 'Europe/Berlin')).toBe(utc('2026-03-29T01:30:00Z'));
	});

	it('a wall time shown twice is the earlier of the two', () => {
		// New York 01:30 on 2026-11-01: first in EDT (05:30 UTC), an hour later in EST.
		expect(toEpochMs('2026-11-01 01:30:00', 'America/New_York')).toBe(utc('2026-11-01T05:30:00Z'));
		expect(toEpochMs('2026-11-01 02:30:00', 'America/New_York')).toBe(utc('2026-11-01T07:30:00Z'));
		// Berlin 02:30 on 2026-10-25: first in CEST (00:30 UTC), then in CET.
		expect(toEpochMs('2026-10-25 02:30:00', 'Europe/Berlin')).toBe(utc('2026-10-25T00:30:00Z'));
		expect(toEpochMs('2026-10-25 03:30:00', 'Europe/Berlin')).toBe(utc('2026-10-25T02:30:00Z'));
	});

	it('names any value it cannot read, a BigInt or an object with a cycle too', () => {
		expect(() => toEpochMs(10n, undefined, 'From')).toThrow(new TimeInputError('From is 10, not a time'));
		const cyclic: Record<string, unknown> = { a: 1 };
		cyclic.self = cyclic;
		expect(() => toEpochMs(cyclic, undefined, 'To')).toThrow(new TimeInputError('To is [object Object], not a time'));
	});

	it('keeps the fraction of a second, with a dot or a comma', () => {
		expect(toEpochMs('2026-11-28T02:00:00.5Z')).toBe(instant + 500);
		expect(toEpochMs('2026-11-28T02:00:00,123456789Z')).toBe(instant + 123);
		expect(toEpochMs('2026-11-27T21:00:00,5-0500')).toBe(instant + 500);
	});

	it('reads offsets with minutes, without minutes, with or without a colon, and a lower-case z', () => {
		expect(toEpochMs('2026-11-28T07:30:00+05:30')).toBe(instant);
		expect(toEpochMs('2026-11-28T07:30:00+0530')).toBe(instant);
		expect(toEpochMs('2026-11-27T22:15:00-03:45')).toBe(instant);
		expect(toEpochMs('2026-11-28T10:00:00+08')).toBe(instant);
		expect(toEpochMs('2026-11-28T02:00:00z')).toBe(instant);
		expect(toEpochMs('2026-11-28 02:00:00 Z')).toBe(instant);
	});

	it('takes the last valid value of each field', () => {
		expect(toEpochMs('2026-12-31T23:59:59Z')).toBe(utc('2026-12-31T23:59:59Z'));
		expect(toEpochMs('2026-01-01T00:00:00Z')).toBe(utc('2026-01-01T00:00:00Z'));
	});

	it.each([
		['month 00', '2026-00-10 10:00:00'],
		['month 13', '2026-13-10 10:00:00'],
		['day 00', '2026-11-00 10:00:00'],
		['day 32', '2026-12-32 10:00:00'],
		['hour 24', '2026-11-28 24:00:00'],
		['minute 60', '2026-11-28 10:60:00'],
		['second 60', '2026-11-28 10:00:60'],
		['30 February', '2026-02-30'],
	])('refuses %s rather than rolling it over', (_what, text) => {
		expect(() => toEpochMs(text, undefined, 'From')).toThrow(
			new TimeInputError(
				`From "${text}" is not a time: write it like 2026-11-28 10:00:00 (Beijing time) or 2026-11-28T02:00:00Z`,
			),
		);
		expect(() => toEpochMs(`${text}Z`)).toThrow(TimeInputError);
	});

	it('refuses text around an ISO time', () => {
		expect(() => toEpochMs('x2026-11-28T02:00:00Z')).toThrow(TimeInputError);
		expect(() => toEpochMs('2026-11-28T02:00:00Z tomorrow')).toThrow(TimeInputError);
		expect(() => toEpochMs('on 2026-11-28')).toThrow(TimeInputError);
	});
});

describe('toEpochMs: numbers and digit strings', () => {
	it('below 10^11 a number is seconds, from 10^11 on milliseconds', () => {
		expect(toEpochMs(99_999_999_999)).toBe(99_999_999_999_000);
		expect(toEpochMs(1e11)).toBe(1e11);
		expect(toEpochMs(-99_999_999_999)).toBe(-99_999_999_999_000);
	});

	it('refuses NaN and infinities, naming them', () => {
		expect(() => toEpochMs(NaN, undefined, 'From')).toThrow(
			new TimeInputError('From is NaN, not a time'),
		);
		expect(() => toEpochMs(Infinity)).toThrow(new TimeInputError('Time is Infinity, not a time'));
	});

	it('reads 10 digits as seconds and 13 as milliseconds, and no other count of digits', () => {
		const ms = utc('2026-11-28T02:00:00Z');
		expect(toEpochMs(String(ms))).toBe(ms);
		expect(toEpochMs(String(ms / 1000))).toBe(ms);
		for (const digits of ['12345678901', '123456789012', '17958312000000', '123456789']) {
			expect(() => toEpochMs(digits)).toThrow(TimeInputError);
		}
		expect(() => toEpochMs('x1795831200')).toThrow(TimeInputError);
		expect(() => toEpochMs('1795831200x')).toThrow(TimeInputError);
	});
});

describe('toEpochMs: other text with a zone', () => {
	const instant = utc('2026-11-28T02:00:00Z');

	it('reads RFC 2822 text with a numeric offset', () => {
		expect(toEpochMs('Sat, 28 Nov 2026 10:00:00 +0800')).toBe(instant);
		expect(toEpochMs('Sat, 28 Nov 26 10:00:00 +0800')).toBe(instant);
		expect(toEpochMs('Fri, 27 Nov 26 21:00:00 -0500')).toBe(instant);
		expect(toEpochMs('Sat, 28 Nov 2026 02:00:00 UTC')).toBe(instant);
	});

	it('refuses text that names a zone but no time', () => {
		expect(() => toEpochMs('GMT tomorrow', undefined, 'To')).toThrow(
			new TimeInputError(
				'To "GMT tomorrow" is not a time: write it like 2026-11-28 10:00:00 (Beijing time) or 2026-11-28T02:00:00Z',
			),
		);
		expect(() => toEpochMs('UTC+0800 soon')).toThrow(TimeInputError);
	});
});

describe('toEpochMs: objects', () => {
	const instant = utc('2026-11-28T02:00:00Z');

	it('reads an object whose valueOf() is time text', () => {
		expect(toEpochMs(new String('2026-11-28 10:00:00'))).toBe(instant);
		expect(toEpochMs({ valueOf: () => '2026-11-28T02:00:00Z' })).toBe(instant);
	});

	it('names an object it cannot read as JSON', () => {
		expect(() => toEpochMs({ a: 1 }, undefined, 'From')).toThrow(
			new TimeInputError('From is {"a":1}, not a time'),
		);
		expect(() => toEpochMs(true)).toThrow(new TimeInputError('Time is true, not a time'));
		expect(() => toEpochMs(Symbol('when'))).toThrow(
			new TimeInputError('Time is Symbol(when), not a time'),
		);
	});

	it('throws errors named TimeInputError', () => {
		let caught: unknown;
		try {
			toEpochMs('yesterday');
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(TimeInputError);
		expect((caught as Error).name).toBe('TimeInputError');
		expect(String(caught)).toMatch(/^TimeInputError: Time "yesterday" is not a time/);
	});
});

describe('timeProblem', () => {
	it('is undefined for a time and for nothing given', () => {
		expect(timeProblem('2026-11-28 10:00:00')).toBeUndefined();
		expect(timeProblem('')).toBeUndefined();
		expect(timeProblem(null)).toBeUndefined();
	});

	it('is the message toEpochMs would throw, with "Time" as the default label', () => {
		expect(timeProblem('yesterday')).toBe(
			'Time "yesterday" is not a time: write it like 2026-11-28 10:00:00 (Beijing time) or 2026-11-28T02:00:00Z',
		);
		expect(timeProblem(NaN, BEIJING_ZONE, 'From')).toBe('From is NaN, not a time');
		expect(timeProblem('2026-11-28 10:00:00', 'Mars/Olympus')).toMatch(/Mars\/Olympus/);
	});
});
