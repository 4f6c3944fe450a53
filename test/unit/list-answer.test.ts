import { WdtProtocolError, describeWdtError, parseJsonLossless } from '../../nodes/Wdt/protocol';
import { RecordMerger, idsAsText, readRecords, readTotalCount } from '../../nodes/Wdt/protocol/listAnswer';

describe('readRecords', () => {
	const spec = { endpoint: 'purchase_order_query', listField: 'purchase_list' };

	it('takes the documented list field', () => {
		expect(readRecords({ code: 0, purchase_list: [{ a: 1 }], other: [] }, spec)).toEqual([{ a: 1 }]);
	});

	it('falls back to the only array of the answer', () => {
		expect(readRecords({ code: 0, total_count: 1, purchase_order_list: [{ a: 1 }] }, spec)).toEqual([{ a: 1 }]);
	});

	it('reads no array (or null / "") as an empty page', () => {
		expect(readRecords({ code: 0, total_count: 0 }, spec)).toEqual([]);
		expect(readRecords({ code: 0, purchase_list: null }, spec)).toEqual([]);
		expect(readRecords({ code: 0, purchase_list: '' }, spec)).toEqual([]);
	});

	it('refuses to guess among several arrays, and a list field that is not a list', () => {
		expect(() => readRecords({ code: 0, a: [], b: [] }, spec)).toThrow(WdtProtocolError);
		expect(() => readRecords({ code: 0, purchase_list: { x: 1 } }, spec)).toThrow(/is not a list/);
	});
});

describe('readTotalCount', () => {
	it('reads numbers and numeric text, ignores the rest', () => {
		expect(readTotalCount({ total_count: 250 })).toBe(250);
		expect(readTotalCount({ total_count: ' 250 ' })).toBe(250);
		expect(readTotalCount({})).toBeUndefined();
		expect(readTotalCount({ total_count: 'many' })).toBeUndefined();
		expect(readTotalCount({ total_count: -1 })).toBeUndefined();
	});
});

describe('idsAsText', () => {
	it('makes every integer id exact text at any depth, keeps 19-digit ids and everything else as sent', () => {
		const body = parseJsonLossless(
			'{"trade_id":2754327482516635662,"shop_id":12,"goods_count":"3","paid":12.5,"goods_list":[{"rec_id":7,"spec_id":"8","num":2}],"id":5,"valid":1}',
		);
		expect(idsAsText(body)).toEqual({
			trade_id: '2754327482516635662',
			shop_id: '12',
			goods_count: '3',
			paid: 12.5,
			goods_list: [{ rec_id: '7', spec_id: '8', num: 2 }],
			id: '5',
			valid: 1,
		});
	});
});

describe('RecordMerger', () => {
	it('keeps one record per key in first-seen order; the newest time wins, a tie takes the later copy', () => {
		const merger = new RecordMerger<Record<string, unknown>>('trade_id', 'modified');
		merger.add({ trade_id: '1', modified: '2026-11-28 10:00:00', v: 'a' });
		merger.add({ trade_id: '2', modified: '2026-11-28 10:30:00', v: 'b' });
		merger.add({ trade_id: '1', modified: '2026-11-28 11:00:00', v: 'a2' });
		merger.add({ trade_id: '2', modified: '2026-11-28 09:00:00', v: 'stale' });
		merger.add({ trade_id: '2', modified: '2026-11-28 10:30:00', v: 'b2' });
		merger.add({ no_key: true });
		expect(merger.values()).toEqual([
			{ trade_id: '1', modified: '2026-11-28 11:00:00', v: 'a2' },
			{ trade_id: '2', modified: '2026-11-28 10:30:00', v: 'b2' },
			{ no_key: true },
		]);
		expect(merger.duplicates).toBe(3);
		expect(merger.size).toBe(3);
	});
});

describe('error catalogue: rate-limit answers are transient', () => {
	it.each(['超过每秒最大调用频率限制,请稍后再试', '调用次数超限', '接口调用太频繁', '频率超限'])('%s', (message) => {
		const info = describeWdtError(1010, message);
		expect(info.kind).toBe('too-frequent');
		expect(info.transient).toBe(true);
	});

	it('a window that is too long is not a rate limit', () => {
		expect(describeWdtError(2001, '时间跨度不能超过60分钟').transient).toBe(false);
	});
});
