import { WdtApiError, WdtProtocolError } from '../../nodes/Wdt/protocol';
import { QUERY_ENDPOINT, checkShipmentAck, logisticsList, normaliseShipment, readShipments, shipmentSource } from '../../nodes/Wdt/shop/logistics';
import { mergeByKey } from '../../nodes/Wdt/shop/mergeByKey';
import { checkGoodsRow, goodsInfo } from '../../nodes/Wdt/shop/platformGoods';
import { pushOutcomes } from '../../nodes/Wdt/shop/pushOutcomes';
import type { BatchResult } from '../../nodes/Wdt/shop/sendBatches';

/** A 19-digit id (beyond 2^53). */
const LONG_ID = '2754327482516635662';

const answered = (body: Record<string, unknown>): BatchResult => ({
	sent: true,
	ok: true,
	response: { code: 0, message: 'OK', ...body },
	attempts: 1,
});
const outcomes = (keys: string[], result: BatchResult) => pushOutcomes(keys, result, ['tid']).map((o) => o.outcome);

describe('pushOutcomes: new vs changed only when the counts leave one reading', () => {
	it.each([
		[{ new_count: 3, chg_count: 0 }, ['new', 'new', 'new']],
		[{ new_count: 0, chg_count: 3 }, ['changed', 'changed', 'changed']],
		[{ new_count: 0, chg_count: 0 }, ['changed', 'changed', 'changed']],
		[{ new_count: 2, chg_count: 1 }, ['pushed', 'pushed', 'pushed']],
		[{}, ['pushed', 'pushed', 'pushed']],
		[{ new_count: '3', chg_count: '0' }, ['new', 'new', 'new']],
		[{ new_count: 3, chg_count: 2 }, ['pushed', 'pushed', 'pushed']],
		[{ new_count: 5 }, ['pushed', 'pushed', 'pushed']],
	])('%j → %j', (body, expected) => {
		expect(outcomes(['a', 'b', 'c'], answered(body))).toEqual(expected);
	});

	it('errors naming a tid refuse that order with WDT\'s reason; the counts then cover the rest', () => {
		const result = pushOutcomes(['a', 'b', 'c'], answered({ new_count: 2, chg_count: 0, errors: [{ tid: 'b', error: '货品不存在' }] }), ['tid']);
		expect(result).toEqual([{ outcome: 'new' }, { outcome: 'refused', message: '货品不存在' }, { outcome: 'new' }]);
	});

	it('an error that names no order of the call makes every other order unknown', () => {
		expect(outcomes(['a', 'b'], answered({ new_count: 1, errors: [{ tid: 'zz', error: 'x' }] }))).toEqual(['unknown', 'unknown']);
		expect(outcomes(['a', 'b'], answered({ new_count: 1, errors: [{ error: 'x' }] }))).toEqual(['unknown', 'unknown']);
	});

	it('code ≠ 0 refuses the whole call with WDT\'s message; no answer is unknown; not sent is notSent', () => {
		expect(pushOutcomes(['a'], { sent: true, ok: false, error: new WdtApiError(2001, '订单 a: paid 不一致') }, ['tid'])).toEqual([
			{ outcome: 'refused', code: 2001, message: '订单 a: paid 不一致' },
		]);
		expect(outcomes(['a'], { sent: true, ok: false, error: new Error('socket hang up') })).toEqual(['unknown']);
		expect(outcomes(['a'], { sent: false })).toEqual(['notSent']);
	});

	it('acks: a record WDT took is acked unless errors name it', () => {
		const result = pushOutcomes(['1', '2'], answered({ errors: [{ rec_id: '2', error: '记录不存在' }] }), ['rec_id'], 'acked');
		expect(result.map((o) => o.outcome)).toEqual(['acked', 'refused']);
	});
});

describe('pushOutcomes: only what the answer makes certain', () => {
	it.each([
		[{ new_count: ' 3', chg_count: 0 }],
		[{ new_count: '3 ', chg_count: 0 }],
		[{ new_count: true, chg_count: 0 }],
		[{ new_count: 3.0000001 }],
	])('a count that is not a plain whole number (%j) is not read: the orders are "pushed"', (body) => {
		const keys = (body.new_count as unknown) === true ? ['a'] : ['a', 'b', 'c'];
		expect(outcomes(keys, answered(body))).toEqual(keys.map(() => 'pushed'));
	});

	it('a count of several digits given as text is read', () => {
		const keys = Array.from({ length: 12 }, (_, i) => `t${i}`);
		expect(outcomes(keys, answered({ new_count: '12', chg_count: '0' }))).toEqual(keys.map(() => 'new'));
	});

	it('none new and an unreadable chg_count: every order taken was changed', () => {
		expect(outcomes(['a', 'b'], answered({ new_count: 0, chg_count: 'n/a' }))).toEqual(['changed', 'changed']);
		expect(outcomes(['a', 'b'], answered({ new_count: 0, chg_count: -1 }))).toEqual(['changed', 'changed']);
	});

	it('an error with an empty, null or missing tid names no order, even one whose tid is that text', () => {
		for (const tid of ['', null, undefined]) {
			const keys = [String(tid), 'b'];
			expect(outcomes(keys, answered({ new_count: 1, errors: [{ tid, error: 'x' }] }))).toEqual(['unknown', 'unknown']);
		}
	});

	it('an error naming an order but no reason refuses it as "refused by WDT"; a reason that is not text is shown as JSON', () => {
		expect(pushOutcomes(['a', 'b'], answered({ errors: [{ tid: 'a' }, { tid: 'b', error: { code: 7 } }] }), ['tid'])).toEqual([
			{ outcome: 'refused', message: 'refused by WDT' },
			{ outcome: 'refused', message: '{"code":7}' },
		]);
		expect(pushOutcomes(['a'], answered({ errors: [{ tid: 'a', message: '库存不足' }] }), ['tid'])).toEqual([
			{ outcome: 'refused', message: '库存不足' },
		]);
	});

	it('errors that name no order of the call are quoted (at most 300 characters) for the unknown ones', () => {
		const errors = [{ tid: 'zz', error: 'x' }];
		expect(pushOutcomes(['a'], answered({ errors }), ['tid'])).toEqual([
			{ outcome: 'unknown', message: `WDT reported errors that name no record of this call: ${JSON.stringify(errors)}` },
		]);
		const long = [{ error: 'y'.repeat(400) }];
		const [outcome] = pushOutcomes(['a'], answered({ errors: long }), ['tid']);
		expect(outcome.message).toBe(`WDT reported errors that name no record of this call: ${JSON.stringify(long).slice(0, 300)}`);
	});

	it('a batch not sent says why', () => {
		expect(pushOutcomes(['a', 'b'], { sent: false }, ['tid'])).toEqual([
			{ outcome: 'notSent', message: 'Not sent: an earlier batch failed' },
			{ outcome: 'notSent', message: 'Not sent: an earlier batch failed' },
		]);
	});
});

describe('logistics records and acks', () => {
	it('rec_id stays exact (19 digits), tracking and order numbers are text', () => {
		const record = normaliseShipment(
			{ rec_id: '2754327482516635662', tid: 12345, logistics_no: 773012345678, shop_id: '7', is_part_sync: '0' },
			'shop-a',
		);
		expect(record).toEqual({ rec_id: '2754327482516635662', tid: '12345', logistics_no: '773012345678', shop_id: 7, is_part_sync: 0 });
		expect(readShipments({ trades: [] }, 'a')).toEqual([]);
		expect(() => readShipments({ trades: [{ rec_id: 1.5 }] }, 'a')).toThrow(/rec_id/);
		expect(() => readShipments({ trades: {} }, 'a')).toThrow(/not a list/);
	});

	it('status 1 without a message is taken, as WDT documents the message as optional', () => {
		expect(checkShipmentAck({ recId: '1', synced: false, message: ' ' })).toEqual({ rec_id: '1', status: 1, message: ' ' });
		expect(checkShipmentAck({ recId: '1', synced: false, message: undefined })).toEqual({ rec_id: '1', status: 1, message: '' });
	});

	it('status 0 for a synced shipment, status 1 with the shop\'s message for a refused one', () => {
		expect(checkShipmentAck({ recId: '2754327482516635662', synced: true, message: '' })).toEqual({
			rec_id: '2754327482516635662',
			status: 0,
			message: '',
		});
		expect(checkShipmentAck({ recId: 12, synced: 'false', message: '订单已退款' })).toEqual({ rec_id: '12', status: 1, message: '订单已退款' });
		expect(logisticsList([{ rec_id: '2754327482516635662', status: 1, message: 'x' }])).toBe(
			'[{"rec_id":"2754327482516635662","status":1,"message":"x"}]',
		);
	});

	it.each([
		[{ recId: '', synced: true, message: '' }, 'recId'],
		[{ recId: Number('2754327482516635662'), synced: true, message: '' }, 'recId'],
		[{ recId: '1', synced: 'yes', message: '' }, 'syncedToShop'],
	])('refuses %j on %s', (values, field) => {
		expect(() => checkShipmentAck(values)).toThrow(expect.objectContaining({ field }));
	});

	it('mergeByKey: the same record twice is one entry; the same key with other contents is a conflict', () => {
		const { entries, conflicts } = mergeByKey([
			{ itemIndex: 0, key: '1', record: { s: 0 } },
			{ itemIndex: 1, key: '2', record: { s: 0 } },
			{ itemIndex: 2, key: '1', record: { s: 0 } },
			{ itemIndex: 3, key: '2', record: { s: 1 } },
		]);
		expect(entries).toEqual([{ key: '1', record: { s: 0 }, itemIndexes: [0, 2] }]);
		expect(conflicts).toEqual([{ key: '2', itemIndexes: [1, 3] }]);
	});
});

describe('logistics records: what WDT answers is read as given, or refused by name', () => {
	it.each([[null], ['x'], [[{ rec_id: '1' }]], [7]])('a record %j that is not an object is a protocol error naming the shop', (raw) => {
		expect(() => readShipments({ trades: [raw] }, 'shop-a')).toThrow(WdtProtocolError);
		expect(() => readShipments({ trades: [raw] }, 'shop-a')).toThrow('WDT answered a logistics record that is not an object (shop shop-a)');
	});

	it('a record without rec_id cannot be acked, and the message says it is missing', () => {
		expect(() => normaliseShipment({ tid: 'T1' }, 'shop-a')).toThrow(
			'WDT answered a logistics record whose rec_id is missing (shop shop-a); it cannot be acked',
		);
		expect(() => normaliseShipment({ rec_id: 'abc' }, 'shop-a')).toThrow('whose rec_id is "abc" (shop shop-a)');
	});

	it('a short rec_id stays text (the ack sends it back as given)', () => {
		expect(normaliseShipment({ rec_id: '12' }, 'a')).toEqual({ rec_id: '12' });
	});

	it('every order, tracking, shop and platform code given as a number comes out as text', () => {
		const record = normaliseShipment(
			{
				rec_id: '1',
				tid: 1,
				oids: 2,
				shop_no: 3,
				logistics_no: 4,
				logistics_code: 5,
				logistics_name: 6,
				platform_id: 127,
				logistics_type: BigInt(9),
			},
			'a',
		);
		expect(record).toEqual({
			rec_id: '1',
			tid: '1',
			oids: '2',
			shop_no: '3',
			logistics_no: '4',
			logistics_code: '5',
			logistics_name: '6',
			platform_id: '127',
			logistics_type: BigInt(9),
		});
		expect(normaliseShipment({ rec_id: '1', tid: BigInt('2754327482516635662') }, 'a').tid).toBe(LONG_ID);
	});

	it('a text field is the same text whichever form the number came in (every number may come as a string)', () => {
		const asNumbers = normaliseShipment({ rec_id: 1, platform_id: 127, tid: 42 }, 'a');
		const asStrings = normaliseShipment({ rec_id: '1', platform_id: '127', tid: '42' }, 'a');
		expect(asStrings).toEqual(asNumbers);
		expect(asStrings).toEqual({ rec_id: '1', platform_id: '127', tid: '42' });
	});

	it('other fields keep their type: numbers stay numbers, a null code stays null, text stays text', () => {
		expect(normaliseShipment({ rec_id: '1', delivery_count: 3, logistics_name: null, remark: '12' }, 'a')).toEqual({
			rec_id: '1',
			delivery_count: 3,
			logistics_name: null,
			remark: '12',
		});
	});

	it.each([[{}], [{ trades: null }], [{ trades: '' }]])('%j has no shipments', (body) => {
		expect(readShipments(body, 'a')).toEqual([]);
	});

	it('the pending queue asks is_part_sync_able only when Partial Sync is set', () => {
		expect(shipmentSource(undefined)).toEqual({ endpoint: QUERY_ENDPOINT, params: undefined, read: readShipments });
		expect(shipmentSource(true).params).toEqual({ is_part_sync_able: 1 });
		expect(shipmentSource(false).params).toEqual({ is_part_sync_able: 0 });
	});
});

describe('logistics acks: the messages users see', () => {
	it('Synced to Shop "true" (an expression\'s text) is status 0', () => {
		expect(checkShipmentAck({ recId: '5', synced: 'true', message: '' })).toEqual({ rec_id: '5', status: 0, message: '' });
	});

	it('a bad Synced to Shop is named with the value given', () => {
		expect(() => checkShipmentAck({ recId: '1', synced: 'yes', message: '' })).toThrow(
			'Synced to Shop must be true or false, not "yes"',
		);
	});

	it('a rounded numeric rec_id is told to come as text; a bad text one is not', () => {
		expect(() => checkShipmentAck({ recId: 1.5, synced: true, message: '' })).toThrow(
			'Record ID (rec_id) must be the decimal id from the query, not 1.5 (a number beyond 2^53 is already rounded: keep rec_id as text)',
		);
		expect(() => checkShipmentAck({ recId: 'x1', synced: true, message: '' })).toThrow(
			expect.objectContaining({ message: 'Record ID (rec_id) must be the decimal id from the query, not "x1"' }),
		);
		expect(() => checkShipmentAck({ recId: undefined, synced: true, message: '' })).toThrow(
			/must be the decimal id from the query, not empty$/,
		);
	});

	it.each([[undefined], [null]])('a synced shipment with message %j sends an empty message', (message) => {
		expect(checkShipmentAck({ recId: '1', synced: true, message })).toEqual({ rec_id: '1', status: 0, message: '' });
	});

	it('a refused shipment without a message goes with an empty one; any message is sent as text', () => {
		expect(checkShipmentAck({ recId: '77', synced: false, message: null })).toEqual({ rec_id: '77', status: 1, message: '' });
		expect(checkShipmentAck({ recId: '7', synced: false, message: 404 })).toEqual({ rec_id: '7', status: 1, message: '404' });
	});
});

describe('platform goods rows', () => {
	const base = { goods_id: 'g', spec_id: 's', spec_no: 'n', goods_name: '杯子' };

	it('an item that is not an object is refused as a whole', () => {
		expect(() => checkGoodsRow(['x'])).toThrow(expect.objectContaining({ field: '*', message: 'the item is not an object' }));
		expect(() => checkGoodsRow(null)).toThrow(expect.objectContaining({ field: '*' }));
	});

	it('goods_name is optional (docs/wdt-contract.md#api_goodsspec_push): blank or missing is left out, given is sent as text', () => {
		const withoutName = { goods_id: 'g', spec_id: 's', spec_no: 'n' };
		expect(base).toEqual({ ...withoutName, goods_name: '杯子' });
		expect(checkGoodsRow({ ...base, goods_name: ' ' }).wire).toEqual({ ...withoutName, status: 1 });
		expect(checkGoodsRow(withoutName).wire).toEqual({ ...withoutName, status: 1 });
		expect(checkGoodsRow({ ...base, goods_name: 12 }).wire).toEqual({ ...base, goods_name: '12', status: 1 });
	});

	it('goods_no, spec_name and spec_code are sent as text; blank ones are left out, not sent empty', () => {
		expect(checkGoodsRow({ ...base, goods_no: 501, spec_name: 7, spec_code: BigInt(8) }).wire).toEqual({
			...base,
			goods_no: '501',
			spec_name: '7',
			spec_code: '8',
			status: 1,
		});
		expect(checkGoodsRow({ ...base, goods_no: '', spec_name: null, spec_code: '  ' }).wire).toEqual({ ...base, status: 1 });
	});

	it.each(['goods_no', 'spec_name', 'spec_code'])('%s as a number beyond 2^53 is refused by name, not rounded', (field) => {
		expect(() => checkGoodsRow({ ...base, [field]: 2 ** 60 })).toThrow(
			expect.objectContaining({ field, message: expect.stringContaining(`${field} is a number beyond 2^53`) }),
		);
	});

	it.each([[''], [null], [undefined]])('a blank price or stock (%j) is left out, not sent as 0', (blank) => {
		expect(checkGoodsRow({ ...base, price: blank, stock_num: blank }).wire).toEqual({ ...base, status: 1 });
	});

	it('price 0 and stock 0 are sent; a negative price or stock is refused by name', () => {
		expect(checkGoodsRow({ ...base, price: 0, stock_num: '0.00' }).wire).toMatchObject({ price: '0', stock_num: '0.00' });
		expect(() => checkGoodsRow({ ...base, price: '-1' })).toThrow(
			expect.objectContaining({ field: 'price', message: 'price must not be negative (-1)' }),
		);
		expect(() => checkGoodsRow({ ...base, stock_num: -2 })).toThrow(expect.objectContaining({ field: 'stock_num' }));
	});

	it('ids as text, status defaults to 1 (在架), price and stock as exact decimals', () => {
		const row = checkGoodsRow({ goods_id: 101, spec_id: '2754327482516635662', spec_no: 'SKU-1', goods_name: '杯子', price: 19.9, stock_num: '5' });
		expect(row).toEqual({
			key: LONG_ID,
			wire: { goods_id: '101', spec_id: '2754327482516635662', spec_no: 'SKU-1', goods_name: '杯子', status: 1, price: '19.9', stock_num: '5' },
		});
		expect(goodsInfo(127, 'shop-a', [row.wire])).toBe(
			'{"platform_id":127,"shop_no":"shop-a","goods_list":[{"goods_id":"101","spec_id":"2754327482516635662","spec_no":"SKU-1","goods_name":"杯子","price":"19.9","stock_num":"5","status":1}]}',
		);
	});
	it.each([
		[{ spec_id: 's', spec_no: 'n', goods_name: 'g' }, 'goods_id'],
		[{ goods_id: 'g', spec_no: 'n', goods_name: 'g' }, 'spec_id'],
		[{ goods_id: 'g', spec_id: 's', goods_name: 'g' }, 'spec_no'],
		[{ goods_id: 'g', spec_id: 's', spec_no: 'n', goods_name: 'g', status: 3 }, 'status'],
		[{ goods_id: 'g', spec_id: 's', spec_no: 'n', goods_name: 'g', price: 0.1 + 0.2 }, 'price'],
	])('refuses %j on %s', (raw, field) => {
		expect(() => checkGoodsRow(raw)).toThrow(expect.objectContaining({ field }));
	});
});
