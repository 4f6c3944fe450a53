/**
 * Reading the fields of a push item (nodes/Wdt/shop/fields.ts): exact text, WDT's status codes,
 * exact amounts and Beijing times; every problem names the field and the value given.
 */
import {
	FieldProblem,
	checkWith,
	isRecord,
	readAmount,
	readCode,
	readDateTime,
	readText,
} from '../../nodes/Wdt/shop/fields';

/** The problem a read throws (fails the test when it throws none or something else). */
const problemOf = (read: () => unknown): FieldProblem => {
	const checked = checkWith(read);
	if (checked.ok) throw new Error(`expected a problem, got ${JSON.stringify(checked.value)}`);
	return checked.problem;
};

describe('readText: text as sent, never rounded', () => {
	it.each([[undefined], [null], [''], ['  ']])('%j is blank: a problem when required, else left out', (value) => {
		expect(problemOf(() => readText({ tid: value }, 'tid', true))).toMatchObject({ field: 'tid', message: 'tid is required' });
		expect(readText({ tid: value }, 'tid', false)).toBeUndefined();
	});

	it('a string as given, a safe whole number or a bigint as its digits', () => {
		expect(readText({ tid: ' A 1 ' }, 'tid', true)).toBe(' A 1 ');
		expect(readText({ tid: 42 }, 'tid', true)).toBe('42');
		expect(readText({ tid: BigInt('2754327482516635662') }, 'tid', true)).toBe('2754327482516635662');
	});

	it('a whole number beyond 2^53 is refused as maybe rounded; a fraction or another type is not text', () => {
		expect(problemOf(() => readText({ tid: 2 ** 60 }, 'tid', true))).toMatchObject({
			field: 'tid',
			message: `tid is a number beyond 2^53 (${2 ** 60}) and may already be rounded: give it as text`,
		});
		expect(problemOf(() => readText({ tid: 1.5 }, 'tid', true)).message).toBe('tid must be text, not 1.5');
		expect(problemOf(() => readText({ tid: true }, 'tid', true)).message).toBe('tid must be text, not true');
		expect(problemOf(() => readText({ tid: { a: 1 } }, 'tid', false)).message).toBe('tid must be text, not {"a":1}');
	});

	it('its problems are FieldProblems', () => {
		expect(problemOf(() => readText({}, 'tid', true))).toBeInstanceOf(FieldProblem);
		expect(problemOf(() => readText({}, 'tid', true)).name).toBe('FieldProblem');
	});
});

describe('readCode: one of WDT\'s status codes', () => {
	const STATUSES = [0, 1, 2];
	it('a number or digits (spaces around allowed) of the list', () => {
		expect(readCode({ status: 2 }, 'status', STATUSES)).toBe(2);
		expect(readCode({ status: ' 2 ' }, 'status', STATUSES)).toBe(2);
		expect(readCode({ status: '0' }, 'status', STATUSES)).toBe(0);
	});

	it.each([[null], [''], [undefined]])('blank (%j): the fallback, or a problem naming the choices', (value) => {
		expect(readCode({ status: value }, 'status', STATUSES, 1)).toBe(1);
		expect(problemOf(() => readCode({ status: value }, 'status', STATUSES))).toMatchObject({
			field: 'status',
			message: 'status is required (one of 0, 1, 2)',
		});
	});

	it.each([[3], ['x'], [true], ['0x1'], ['1e0'], ['1.0'], [1.5]])('%j is refused, naming the choices and the value', (value) => {
		expect(problemOf(() => readCode({ status: value }, 'status', STATUSES))).toMatchObject({
			field: 'status',
			message: `status must be one of 0, 1, 2, not ${JSON.stringify(value)}`,
		});
	});
});

describe('readAmount: exact decimals', () => {
	it('blank: 0 when optional, a problem when required', () => {
		expect(readAmount({ paid: '' }, 'paid')).toEqual({ units: BigInt(0), text: '0' });
		expect(readAmount({ paid: null }, 'paid')).toEqual({ units: BigInt(0), text: '0' });
		expect(problemOf(() => readAmount({ paid: '' }, 'paid', { required: true }))).toMatchObject({ field: 'paid', message: 'paid is required' });
	});

	it('a value that is not an exact decimal is refused with the field and the reason', () => {
		expect(problemOf(() => readAmount({ paid: 'abc' }, 'paid')).message).toBe(
			'paid: "abc" is not a decimal number (use digits and a point, e.g. 19.90)',
		);
	});

	it('the minimum: not negative / more than 0, named with the value', () => {
		expect(readAmount({ num: '0' }, 'num', { min: 'zero' }).text).toBe('0');
		expect(problemOf(() => readAmount({ num: '-0.5' }, 'num', { min: 'zero' })).message).toBe('num must not be negative (-0.5)');
		expect(problemOf(() => readAmount({ num: '0.00' }, 'num', { min: 'positive' })).message).toBe('num must be more than 0 (0.00)');
		expect(readAmount({ num: '-0.5' }, 'num').text).toBe('-0.5');
	});
});

describe('readDateTime: WDT\'s Beijing time text', () => {
	it('"YYYY-MM-DD HH:mm:ss" as given, and WDT\'s zero time', () => {
		expect(readDateTime({ at: '2026-11-28 10:00:00' }, 'at', true)).toBe('2026-11-28 10:00:00');
		expect(readDateTime({ at: '0000-00-00 00:00:00' }, 'at', true)).toBe('0000-00-00 00:00:00');
		expect(readDateTime({ at: '' }, 'at', false)).toBeUndefined();
	});

	it.each(['x2026-11-28 10:00:00', '2026-11-28 10:00:00x', '+012026-11-28 10:00:00', '2026-11-28 10:00:00.5', '2026-11-28T10:00:00', '2026-13-28 10:00:00'])('%p is refused, quoting it', (text) => {
		expect(problemOf(() => readDateTime({ at: text }, 'at', true))).toMatchObject({
			field: 'at',
			message: `at must be "YYYY-MM-DD HH:mm:ss" (Beijing time), not "${text}"`,
		});
	});
});

describe('isRecord and checkWith', () => {
	it('only a plain object is a record', () => {
		expect([{}, { a: 1 }].map(isRecord)).toEqual([true, true]);
		expect([null, [], 'x', 1, undefined].map(isRecord)).toEqual([false, false, false, false, false]);
	});

	it('any other failure becomes a problem of the whole item ("*") with its message', () => {
		expect(checkWith(() => 5)).toEqual({ ok: true, value: 5 });
		const failed = checkWith(() => {
			throw new TypeError('boom');
		});
		expect(failed).toMatchObject({ ok: false, problem: { field: '*', message: 'boom' } });
		const thrown = checkWith(() => {
			throw 'plain';
		});
		expect(thrown).toMatchObject({ ok: false, problem: { field: '*', message: 'plain' } });
	});
});
