import { parseJsonLossless, quoteUnsafeIntegers } from '../../nodes/Wdt/protocol';

/** Number literals next to unsafe integers: each must stay one literal, parsed as JSON would. */
describe('quoteUnsafeIntegers: number literals', () => {
	it.each([
		'12345678901234567.5',
		'12345678901234567e5',
		'12345678901234567E5',
		'12345678901234567e+5',
		'12345678901234567e-5',
		'-12345678901234567.25',
		'0.12345678901234567890',
		'-0.98765432109876543210',
		'1e-12345678901234567890', // the exponent's digits are not an integer of their own
		'1E+12345678901234567890',
	])('leaves the non-integer %s to JSON.parse', (literal) => {
		const text = `{"a":${literal},"b":[${literal}]}`;
		expect(quoteUnsafeIntegers(text)).toBe(text);
		expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
	});

	it('quotes unsafe integers that start with any digit, or a minus sign', () => {
		const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => `${d}0000000000000000001`);
		const text = `[${digits.join(',')},-90000000000000000001]`;
		expect(parseJsonLossless(text)).toEqual([...digits, '-90000000000000000001']);
	});

	it('keeps the largest and smallest safe integers as numbers, and quotes the next ones', () => {
		expect(parseJsonLossless('[9007199254740991,-9007199254740991,9007199254740992,-9007199254740992]')).toEqual([
			9007199254740991,
			-9007199254740991,
			'9007199254740992',
			'-9007199254740992',
		]);
	});

	it('copies the text between literals exactly, through escaped quotes and backslashes', () => {
		const text = '{"k\\\\":12345678901234567890,"s":"\\\\","t":"x\\"y 98765432109876543210","u":98765432109876543210}';
		expect(quoteUnsafeIntegers(text)).toBe(
			'{"k\\\\":"12345678901234567890","s":"\\\\","t":"x\\"y 98765432109876543210","u":"98765432109876543210"}',
		);
	});

	it('handles a literal at the very end of the text and text with nothing to quote', () => {
		expect(quoteUnsafeIntegers('12345678901234567890')).toBe('"12345678901234567890"');
		expect(quoteUnsafeIntegers('{"a":"12345678901234567890"}')).toBe('{"a":"12345678901234567890"}');
	});
});
