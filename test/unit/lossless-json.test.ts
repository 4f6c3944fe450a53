import { parseJsonLossless, quoteUnsafeIntegers } from '../../nodes/Wdt/protocol';

describe('parseJsonLossless', () => {
	it('keeps 19-digit integers exact as strings', () => {
		const parsed = parseJsonLossless('{"rec_id":2754327482516635662,"n":[9007199254740993,-9223372036854775808]}') as {
			rec_id: string;
			n: string[];
		};
		expect(parsed.rec_id).toBe('2754327482516635662');
		expect(parsed.n).toEqual(['9007199254740993', '-9223372036854775808']);
	});

	it('leaves safe numbers, decimals and strings alone', () => {
		const text = '{"a":12,"b":"2754327482516635662","c":1.5,"d":-3e2,"e":9007199254740991,"f":12345678901234567.5}';
		expect(quoteUnsafeIntegers(text)).toBe(text);
		expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
	});

	it('is not fooled by digits inside strings, escapes and unicode', () => {
		const text = '{"x":"a\\"12345678901234567890","y":"中文😀","z":12345678901234567890}';
		expect(parseJsonLossless(text)).toEqual({ x: 'a"12345678901234567890', y: '中文😀', z: '12345678901234567890' });
	});

	it('rejects what JSON.parse rejects', () => {
		expect(() => parseJsonLossless('{"a":}')).toThrow();
		expect(() => parseJsonLossless('<html>')).toThrow();
	});
});
