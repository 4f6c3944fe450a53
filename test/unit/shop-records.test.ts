import { goodsSpecPush } from '../../nodes/Wdt/actions/goods/pushPlatformGoods.operation';
import { LOGISTICS_ACK } from '../../nodes/Wdt/actions/logisticsSync/acknowledge.operation';
import { WdtProtocolError } from '../../nodes/Wdt/protocol';
import { QUERY_ENDPOINT, checkShipmentAck, normaliseShipment, readShipments, shipmentSource } from '../../nodes/Wdt/shop/logistics';
import { checkGoodsRow } from '../../nodes/Wdt/shop/platformGoods';

/** A 19-digit id (beyond 2^53). */
const LONG_ID = '2754327482516635662';

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
		const wire = LOGISTICS_ACK.wire({ rec_id: '2754327482516635662', status: 1, message: 'x' });
		expect(LOGISTICS_ACK.params(`[${wire},${wire}]`, '')).toEqual({
			logistics_list: '[{"rec_id":"2754327482516635662","status":1,"message":"x"},{"rec_id":"2754327482516635662","status":1,"message":"x"}]',
		});
	});

	it.each([
		[{ recId: '', synced: true, message: '' }, 'recId'],
		[{ recId: Number('2754327482516635662'), synced: true, message: '' }, 'recId'],
		[{ recId: '1', synced: 'yes', message: '' }, 'syncedToShop'],
	])('refuses %j on %s', (values, field) => {
		expect(() => checkShipmentAck(values)).toThrow(expect.objectContaining({ field }));
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
		const spec = goodsSpecPush(127, 'shop "a"');
		const info = spec.params(`[${spec.wire(row.wire)}]`, '').api_goods_info as string;
		expect(info).toBe(
			'{"platform_id":127,"shop_no":"shop \\"a\\"","goods_list":[{"goods_id":"101","spec_id":"2754327482516635662","spec_no":"SKU-1","goods_name":"杯子","price":"19.9","stock_num":"5","status":1}]}',
		);
		// The same text as JSON.stringify of the object it stands for.
		expect(info).toBe(JSON.stringify({ platform_id: 127, shop_no: 'shop "a"', goods_list: [row.wire] }));
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
