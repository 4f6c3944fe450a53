import { readWdtResponse } from '../../nodes/Wdt/protocol';
import {
	normaliseRecord,
	parseShopCodes,
	readStockChangeList,
	toNumberIfExact,
} from '../../nodes/Wdt/stockChanges';

describe('parseShopCodes', () => {
	it.each([
		['shop-a', ['shop-a']],
		[' shop-a , shop-b ', ['shop-a', 'shop-b']],
		['shop-a，shop-b；shop-c\nshop-d;shop-a', ['shop-a', 'shop-b', 'shop-c', 'shop-d']],
		[
			['shop-a', ' shop-b', ''],
			['shop-a', 'shop-b'],
		],
		[
			[['x'], 'y,z'],
			['x', 'y', 'z'],
		],
		[1001, ['1001']],
		['  , ', []],
		[undefined, []],
		[null, []],
		[[null, 'a'], ['a']],
		[{ shop: 'a' }, []],
		[true, []],
	])('%j → %j', (input, expected) => {
		expect(parseShopCodes(input)).toEqual(expected);
	});
});

describe('toNumberIfExact', () => {
	it.each([
		['42', 42],
		['-3', -3],
		[' 7 ', 7],
		['10.0000', 10],
		['-0.5', -0.5],
		// 15 significant digits are exact in a double, 16 may not be: counted without sign, point, leading and trailing zeros
		['12345678901234.5', 12345678901234.5],
		['0.00123456789012345', 0.00123456789012345],
		['-1.50000000000000000000', -1.5],
		['1234567890123.456', '1234567890123.456'],
		['100000000000001.5', '100000000000001.5'],
		// Text around a number is not a number.
		['x1.5', 'x1.5'],
		['1.5x', '1.5x'],
		['1.', '1.'],
		['12.5', 12.5],
		['9007199254740991', 9007199254740991],
		['9007199254740993', '9007199254740993'],
		['1234567890.123456789', '1234567890.123456789'],
		['', ''],
		['abc', 'abc'],
		[5, 5],
		[null, null],
	])('%j → %j', (input, expected) => {
		expect(toNumberIfExact(input)).toEqual(expected);
	});
});

describe('normaliseRecord', () => {
	it('rec_id an exact string; ids and counters numbers; codes and names strings; the rest as sent', () => {
		expect(
			normaliseRecord(
				{
					rec_id: 12,
					shop_id: '3',
					goods_id: '10001',
					spec_id: '50001',
					goods_no: 123,
					spec_no: '000123-01',
					goods_name: '纯棉T恤',
					spec_name: '白色 M',
					sync_stock: '42.0000',
					stock_change_count: '7',
					modified: '2026-01-05 16:00:00',
					warehouse_id: '9223372036854775807',
					flag: '1',
				},
				'shop-a',
			),
		).toEqual({
			rec_id: '12',
			shop_id: 3,
			goods_id: 10001,
			spec_id: 50001,
			goods_no: '123',
			spec_no: '000123-01',
			goods_name: '纯棉T恤',
			spec_name: '白色 M',
			sync_stock: 42,
			stock_change_count: 7,
			modified: '2026-01-05 16:00:00',
			warehouse_id: '9223372036854775807',
			flag: '1',
		});
	});

	it('a code or name field becomes text only from a number: null, text and objects stay as sent', () => {
		expect(normaliseRecord({ rec_id: '1', spec_no: null, shop_name: 'A', goods_code: { x: 1 }, shop_no: 12n }, 'shop-a')).toEqual({
			rec_id: '1',
			spec_no: null,
			shop_name: 'A',
			goods_code: { x: 1 },
			shop_no: '12',
		});
	});

	it('a record without a usable rec_id is a protocol error, naming a stock change and the shop', () => {
		expect(() => normaliseRecord({ rec_id: 'x1' }, 'shop-a')).toThrow(
			'WDT answered a stock change whose rec_id is "x1" (shop shop-a); it cannot be acked',
		);
		expect(() => normaliseRecord(7, 'shop-b')).toThrow('WDT answered a stock change that is not an object (shop shop-b)');
		expect(() => normaliseRecord({ rec_id: null }, 'shop-a')).toThrow(/rec_id is null.*shop-a/);
		expect(() => normaliseRecord({}, 'shop-a')).toThrow(/rec_id is missing/);
		expect(() => normaliseRecord({ rec_id: 1.5 }, 'shop-a')).toThrow(/cannot be acked/);
		expect(() => normaliseRecord('x', 'shop-a')).toThrow(/not an object/);
		expect(() => normaliseRecord(null, 'shop-a')).toThrow(/not an object/);
		expect(() => normaliseRecord([{ rec_id: 1 }], 'shop-a')).toThrow(/not an object/);
	});

	it('rec_id: exact decimal text from a string (trimmed), a safe whole number or a bigint; nothing negative, fractional or with other text', () => {
		const recId = (value: unknown) => {
			try {
				return normaliseRecord({ rec_id: value }, 'shop-a').rec_id;
			} catch {
				return undefined;
			}
		};
		expect([recId(' 12 '), recId(0), recId(BigInt(0)), recId(BigInt('2754327482516635662'))]).toEqual(['12', '0', '0', '2754327482516635662']);
		for (const bad of ['12a', 'a12', '-1', '', -1, 1.5, 2 ** 53, BigInt(-1), true]) expect(recId(bad)).toBeUndefined();
	});

	it('any *_id is a number when exact; codes and names are text even as numbers; other numbers stay numbers', () => {
		expect(
			normaliseRecord({ rec_id: 1, warehouse_id: '7', id_list: '8', shop_no: 123, spec_code: BigInt(9), stock_num: 5, note: '6' }, 'shop-a'),
		).toEqual({ rec_id: '1', warehouse_id: 7, id_list: '8', shop_no: '123', spec_code: '9', stock_num: 5, note: '6' });
	});
});

describe('a whole answer, from the bytes', () => {
	it('keeps a bare 19-digit rec_id exact from the wire to the output', () => {
		const text =
			'{"code":0,"message":"ok","current_count":2,"stock_change_list":[' +
			'{"rec_id":2754327482516635662,"shop_no":"shop-a","sync_stock":"5","stock_change_count":"2"},' +
			'{"rec_id":"2754327482516635663","shop_no":"shop-a","sync_stock":6,"stock_change_count":3}]}';
		const records = readStockChangeList(readWdtResponse(text), 'shop-a');
		expect(records.map((r) => r.rec_id)).toEqual(['2754327482516635662', '2754327482516635663']);
		expect(records.map((r) => [r.sync_stock, r.stock_change_count])).toEqual([
			[5, 2],
			[6, 3],
		]);
	});

	it('an answer without stock_change_list has no records; a non-list is a protocol error', () => {
		expect(
			readStockChangeList(readWdtResponse('{"code":0,"message":"ok","current_count":0}'), 'a'),
		).toEqual([]);
		for (const empty of ['null', '""']) {
			expect(readStockChangeList(readWdtResponse(`{"code":0,"message":"ok","stock_change_list":${empty}}`), 'a')).toEqual([]);
		}
		expect(() =>
			readStockChangeList(readWdtResponse('{"code":0,"message":"ok","stock_change_list":{}}'), 'a'),
		).toThrow(/not a list/);
	});
});
