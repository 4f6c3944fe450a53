// @ts-check
'use strict';

// The emulator's JSON reader/writer that keeps numbers as their source text.

const { parse, stringify, JsonNumber } = require('../../emulator/lossless-json');

describe('emulator lossless JSON', () => {
	test('keeps a 19-digit number exactly', () => {
		const value = /** @type {any} */ (parse('[{"rec_id":2754327482516635662,"n":-1.5e3}]'));
		expect(value[0].rec_id).toBeInstanceOf(JsonNumber);
		expect(value[0].rec_id.text).toBe('2754327482516635662');
		expect(value[0].rec_id.isInteger()).toBe(true);
		expect(value[0].n.text).toBe('-1.5e3');
		expect(value[0].n.isInteger()).toBe(false);
	});

	test('decodes strings with escapes and surrogate pairs', () => {
		expect(parse('"a\\"b\\\\c\\/d\\n\\u4e2d\\ud83d\\ude00"')).toBe('a"b\\c/d\n中😀');
		expect(parse('"中文😀"')).toBe('中文😀');
	});

	test.each([
		['trailing comma', '[1,]'],
		['single quotes', "['a']"],
		['leading zero', '[01]'],
		['bare word', '[NaN]'],
		['text after', '[1] x'],
		['unterminated string', '["abc'],
		['raw control character', '["a\nb"]'],
		['duplicate key', '{"a":1,"a":2}'],
		['bad escape', '"\\x41"'],
		['empty', ''],
		['comment', '[1 /* c */]'],
	])('refuses %s', (_label, text) => {
		expect(() => parse(text)).toThrow();
	});

	test('a "__proto__" key is plain data', () => {
		const value = /** @type {any} */ (parse('{"__proto__":{"x":1}}'));
		expect(Object.keys(value)).toEqual(['__proto__']);
		expect(value.x).toBeUndefined();
	});

	test('stringify writes JsonNumber bare and the rest like JSON.stringify', () => {
		expect(
			stringify({
				rec_id: new JsonNumber('2754327482516635662'),
				s: '中"',
				a: [1, null, true],
				u: undefined,
			}),
		).toBe('{"rec_id":2754327482516635662,"s":"中\\"","a":[1,null,true]}');
		const round = '{"a":[1,2.50,{"b":"c"}],"d":12345678901234567890}';
		expect(stringify(parse(round))).toBe(round);
	});
});
