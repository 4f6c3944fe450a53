import { findJsonProblem } from '../../nodes/Wdt/protocol/jsonSyntax';
import { JsonParamsError, jsonParams, objectParams } from '../../nodes/Wdt/protocol/jsonParams';
import { toWireParams } from '../../nodes/Wdt/protocol';

describe('jsonParams (Any Endpoint · Call, Parameters as JSON)', () => {
	it('sends objects and lists as their own text, numbers as their literal, strings as themselves', () => {
		const text = '{ "shop_no": "shop-a", "switch": 1, "trade_list": [ {"tid": "T1", "rec_id": 2754327482516635662, "s": "a,}\\"]"} ], "price": 12.50, "deleted": false, "gone": null, "nested": {"a": {"b": [1, 2]}} }';
		expect(toWireParams(jsonParams(text))).toEqual({
			shop_no: 'shop-a',
			switch: '1',
			trade_list: '[ {"tid": "T1", "rec_id": 2754327482516635662, "s": "a,}\\"]"} ]',
			price: '12.50',
			deleted: '0',
			nested: '{"a": {"b": [1, 2]}}',
		});
	});

	it('reads an empty object, and refuses what is not one object or names a key twice', () => {
		expect(jsonParams(' {} ')).toEqual({});
		expect(() => jsonParams('[1]')).toThrow(JsonParamsError);
		expect(() => jsonParams('{"a":')).toThrow(/not valid JSON/);
		expect(() => jsonParams('{"a": 1, "a": 2}')).toThrow(/names "a" twice/);
	});

	it('objectParams: an expression\'s object, its objects and lists as JSON text', () => {
		expect(toWireParams(objectParams({ a: 'x', b: 2, c: [{ d: '2754327482516635662' }], e: null }))).toEqual({
			a: 'x',
			b: '2',
			c: '[{"d":"2754327482516635662"}]',
		});
	});
});

describe('jsonParams: layout, literals and refusals', () => {
	it.each([
		['space', ' '],
		['tab', '\t'],
		['newline', '\n'],
		['carriage return', '\r'],
	])('reads keys and values around a %s', (_name, ws) => {
		const text = `{${ws}"a"${ws}:${ws}1${ws},${ws}"b"${ws}:${ws}[1,${ws}2]${ws},${ws}"c"${ws}:${ws}true${ws}}`;
		expect(jsonParams(text)).toEqual({ a: '1', b: `[1,${ws}2]`, c: true });
	});

	it('reads values that end right at a comma or at the closing brace', () => {
		expect(jsonParams('{"a":1,"b":-2.5e3,"c":true,"d":false,"e":"x","f":{"g":{}},"h":[[]],"i":12}')).toEqual({
			a: '1',
			b: '-2.5e3',
			c: true,
			d: false,
			e: 'x',
			f: '{"g":{}}',
			h: '[[]]',
			i: '12',
		});
		expect(toWireParams(jsonParams('{"on":true,"off":false}'))).toEqual({ on: '1', off: '0' });
	});

	it.each(['null', '"text"', '12', 'true', '[1]', '[{"a":1}]'])('refuses %s: not one object', (text) => {
		expect(() => jsonParams(text)).toThrow(new JsonParamsError('JSON Parameters must be one object: {"name": value, …}'));
	});

	it('names the line, the column and the text around a mistake (not the first characters), in a JsonParamsError', () => {
		const text = `{\n  "a": 1,\n  "long": "${'x'.repeat(60)}",\n  "b": tru\n}`;
		let error: unknown;
		try {
			jsonParams(text);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(JsonParamsError);
		expect(error).toMatchObject({
			name: 'JsonParamsError',
			message:
				'JSON Parameters is not valid JSON at line 4, column 8: expected a value (text in double quotes, a number, true, false, null, an object or a list); here:   "b": ▸tru',
		});
	});

	it.each([
		['', 'JSON Parameters is empty: give one object, e.g. {"page_size": 100}'],
		['  \n ', 'JSON Parameters is empty: give one object, e.g. {"page_size": 100}'],
		['{"a":', 'JSON Parameters is not valid JSON at line 1, column 6: the text ends too early (expected a value (text in double quotes, a number, true, false, null, an object or a list)); here: {"a":▸'],
		["{'a': 1}", 'JSON Parameters is not valid JSON at line 1, column 2: expected a property name in double quotes; here: {▸\'a\': 1}'],
		['{"a": 1,}', 'JSON Parameters is not valid JSON at line 1, column 9: expected a property name in double quotes; here: {"a": 1,▸}'],
		['{"a" 1}', "JSON Parameters is not valid JSON at line 1, column 6: expected ':' after the property name; here: {\"a\" ▸1}"],
		['{"a": 1 "b": 2}', "JSON Parameters is not valid JSON at line 1, column 9: expected ',' or '}' after a property value; here: {\"a\": 1 ▸\"b\": 2}"],
		['{"a": [1 2]}', "JSON Parameters is not valid JSON at line 1, column 10: expected ',' or ']' after a list value; here: {\"a\": [1 ▸2]}"],
		['{"a": "x\ny"}', 'JSON Parameters is not valid JSON at line 1, column 9: a line break or control character inside a string (write it as \\n); here: {"a": "x▸'],
		['{"a": "\\q"}', 'JSON Parameters is not valid JSON at line 1, column 9: an unknown escape after \\; here: {"a": "\\▸q"}'],
		['{"a": "\\u12g4"}', 'JSON Parameters is not valid JSON at line 1, column 9: an unknown escape after \\; here: {"a": "\\▸u12g4"}'],
		['{"a": \'x\'}', 'JSON Parameters is not valid JSON at line 1, column 7: single quotes: JSON takes double quotes only; here: {"a": ▸\'x\'}'],
		['{"a": 1} x', 'JSON Parameters is not valid JSON at line 1, column 10: more text after the JSON value; here: {"a": 1} ▸x'],
		['{"a": "x', 'JSON Parameters is not valid JSON at line 1, column 9: the text ends too early (a string is not closed); here: {"a": "x▸'],
		['{"a": -}', 'JSON Parameters is not valid JSON at line 1, column 7: expected a value (text in double quotes, a number, true, false, null, an object or a list); here: {"a": ▸-}'],
	])('%j is refused: %s', (text, message) => {
		expect(() => jsonParams(text)).toThrow(new JsonParamsError(message));
	});

	it('shows at most 24 characters each side of the mistake, on its own line, marking cut text with …', () => {
		const text = `{"a": "${'y'.repeat(40)}", "b" 1, "c": "${'z'.repeat(40)}"}`;
		let message = '';
		try {
			jsonParams(text);
		} catch (caught) {
			message = (caught as Error).message;
		}
		const here = message.slice(message.indexOf('here: ') + 'here: '.length);
		const [before, after] = here.split('▸');
		expect(before).toBe(`…${text.slice(text.indexOf('"b" 1') + 4 - 24, text.indexOf('"b" 1') + 4)}`);
		expect(after).toBe(`${text.slice(text.indexOf('"b" 1') + 4, text.indexOf('"b" 1') + 4 + 24)}…`);
		expect(message).toMatch(/^JSON Parameters is not valid JSON at line 1, column \d+: expected ':' after the property name; here: /);
	});

	it('the checker finds nothing in valid JSON of every kind (strings with escapes, numbers, nesting, white space)', () => {
		const texts = [
			' {\r\n "s": "a\\"b\\\\c\\u00e9\\/\\b\\f\\n\\r\\t", "n": -1.5e+3, "z": 0, "e": 2E-2, "t": true, "f": false, "x": null, "l": [ ], "o": { }, "d": [{"k": [1, {"m": "n"}]}] } ',
			'[]',
			'"x"',
			'0',
			'{}',
		];
		for (const text of texts) expect([text, JSON.parse(text) !== undefined, findJsonProblem(text)]).toEqual([text, true, undefined]);
	});
});

describe('objectParams: objects and lists become JSON text, the rest is kept', () => {
	it('gives lists and objects as JSON text, other values as they are', () => {
		expect(objectParams({ a: 'x', b: 2, c: true, d: [1, 'y'], e: { f: null } })).toEqual({ a: 'x', b: 2, c: true, d: '[1,"y"]', e: '{"f":null}' });
	});

	it('sends nothing for null and undefined', () => {
		expect(toWireParams(objectParams({ a: null, b: undefined, c: 0 }))).toEqual({ c: '0' });
	});
});
