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
