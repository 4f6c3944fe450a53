import { WdtApiError } from '../../nodes/Wdt/protocol';
import { checkShipmentAck, logisticsList, normaliseShipment, readShipments } from '../../nodes/Wdt/shop/logistics';
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
		[{ recId: '1', synced: false, message: ' ' }, 'errorMessage'],
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

describe('platform goods rows', () => {
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
