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
		expect(() => jsonParams(text)).toThrow(new JsonParamsError('Parameters (JSON) must be one object: {"name": value, …}'));
	});

	it('quotes at most 80 characters of text that is not JSON, in a JsonParamsError', () => {
		const text = `{"a": ${'x'.repeat(100)}`;
		let error: unknown;
		try {
			jsonParams(text);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(JsonParamsError);
		expect(error).toMatchObject({ name: 'JsonParamsError', message: `Parameters (JSON) is not valid JSON: ${text.slice(0, 80)}` });
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
