import { WdtProtocolError, describeWdtError, parseJsonLossless } from '../../nodes/Wdt/protocol';
import {
	RecordMerger,
	recordVersion,
	contentIdentity,
	idsAsText,
	readIdentities,
	readRecords,
	readTotalCount,
	recordIdentity,
	recordKey,
} from '../../nodes/Wdt/protocol/listAnswer';

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

describe('readRecords: the error when several lists answer', () => {
	it('names the endpoint, the missing list field and the lists found', () => {
		expect(() => readRecords({ code: 0, a: [], b: [] }, { endpoint: 'purchase_order_query', listField: 'purchase_list' })).toThrow(
			new WdtProtocolError('purchase_order_query: the answer has no purchase_list field but several lists (a, b); cannot tell which holds the records'),
		);
	});

	it('says "list" when the endpoint documents no list field', () => {
		expect(() => readRecords({ code: 0, a: [], b: [] }, { endpoint: 'x_query' })).toThrow(
			'x_query: the answer has no list field but several lists (a, b)',
		);
	});
});

describe('readTotalCount: only a whole number, as a number or as digits', () => {
	it.each([null, '', '  ', true, [], '1e3', '+5', '0x10', '1.0', '1.5', '-3', '12abc', 'abc12'])('ignores %j', (total_count) => {
		expect(readTotalCount({ total_count })).toBeUndefined();
	});

	it('reads "0" and digits around spaces', () => {
		expect(readTotalCount({ total_count: '0' })).toBe(0);
		expect(readTotalCount({ total_count: '\t12\n' })).toBe(12);
	});
});

describe('idsAsText: which fields are ids, and what is kept as sent', () => {
	it('converts `id` and `*_id` only, not fields that merely contain "id"', () => {
		expect(idsAsText({ id: 1, shop_id: 2, id_type: 3, identity: 4, is_idle: 5, paid: 6 })).toEqual({
			id: '1',
			shop_id: '2',
			id_type: 3,
			identity: 4,
			is_idle: 5,
			paid: 6,
		});
	});

	it('keeps ids that are not safe integers, and non-numeric ids, as sent', () => {
		expect(idsAsText({ a_id: 1.5, b_id: '9', c_id: null, d_id: true })).toEqual({ a_id: 1.5, b_id: '9', c_id: null, d_id: true });
	});

	it('keeps list items that are not objects as they are, at any depth', () => {
		expect(idsAsText({ tags: ['ab', 7, null, true, [3, 'x']], goods_list: [{ spec_id: 8 }] })).toEqual({
			tags: ['ab', 7, null, true, [3, 'x']],
			goods_list: [{ spec_id: '8' }],
		});
		expect(idsAsText(['ab', null, 5])).toEqual(['ab', null, 5]);
		expect(idsAsText(null)).toBeNull();
		expect(idsAsText('text')).toBe('text');
	});
});

describe('recordKey', () => {
	it('gives a text key trimmed and a finite number as its digits', () => {
		expect(recordKey({ trade_no: ' T1 ' }, 'trade_no')).toBe('T1');
		expect(recordKey({ rec_id: 7 }, 'rec_id')).toBe('7');
		expect(recordKey({ rec_id: 0 }, 'rec_id')).toBe('0');
	});

	it.each([[''], ['   '], [Number.NaN], [Number.POSITIVE_INFINITY], [null], [undefined], [true], [{ a: 1 }]])('has no key for %p', (value) => {
		expect(recordKey({ k: value }, 'k')).toBeUndefined();
	});
});

describe('RecordMerger: which copy of a key wins', () => {
	it('keeps the newer copy when an older one comes after it', () => {
		const merger = new RecordMerger<Record<string, unknown>>('trade_id', 'modified');
		merger.add({ trade_id: '2', modified: '2026-11-28 10:30:00', v: 'b' });
		merger.add({ trade_id: '2', modified: '2026-11-28 09:00:00', v: 'stale' });
		expect(merger.values()).toEqual([{ trade_id: '2', modified: '2026-11-28 10:30:00', v: 'b' }]);
		expect(merger.duplicates).toBe(1);
	});

	it('takes the later copy without a time field, or when a copy has no time text', () => {
		const untimed = new RecordMerger<Record<string, unknown>>('trade_id');
		untimed.add({ trade_id: 1, v: 'a' });
		untimed.add({ trade_id: '1', v: 'b' });
		expect(untimed.values()).toEqual([{ trade_id: '1', v: 'b' }]);

		const timed = new RecordMerger<Record<string, unknown>>('trade_id', 'modified');
		timed.add({ trade_id: '1', modified: '2026-11-28 10:30:00', v: 'a' });
		timed.add({ trade_id: '1', v: 'b' });
		expect(timed.values()).toEqual([{ trade_id: '1', v: 'b' }]);
		expect(timed.size).toBe(1);
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

describe('keys and identities of records without their id (#28)', () => {
	it('a composite key is the JSON list of its parts; a missing or blank part is no key', () => {
		const key = ['spec_no', 'warehouse_no'] as const;
		expect(recordKey({ spec_no: ' SP1 ', warehouse_no: 'WH-GZ01' }, key)).toBe('["SP1","WH-GZ01"]');
		expect(recordKey({ spec_no: 7, warehouse_no: 'WH' }, key)).toBe('["7","WH"]');
		expect(recordKey({ spec_no: 'SP1' }, key)).toBeUndefined();
		expect(recordKey({ spec_no: 'SP1', warehouse_no: ' ' }, key)).toBeUndefined();
		expect(recordKey({ warehouse_no: 'WH-1' }, ['warehouse_no'])).toBe('["WH-1"]');
	});

	it('content identity: the same content in any field order, nested too; different content differs', () => {
		expect(contentIdentity({ b: 1, a: { y: [1, { q: 2, p: 1 }], x: null } })).toBe(contentIdentity({ a: { x: null, y: [1, { p: 1, q: 2 }] }, b: 1 }));
		expect(contentIdentity({ a: 1 })).not.toBe(contentIdentity({ a: '1' }));
		expect(contentIdentity({ a: 1 })).toBe('{"a":1}');
		expect(contentIdentity({ b: [1, 2], a: 1 })).toBe('{"a":1,"b":[1,2]}');
		expect(contentIdentity({ a: [1, 2] })).not.toBe(contentIdentity({ a: [12] }));
		expect(contentIdentity({ a: undefined })).toBe('{"a":null}');
	});

	it('recordIdentity: the key when there is one, else the content', () => {
		expect(recordIdentity({ rec_id: '5', x: 1 }, 'rec_id')).toBe('5');
		expect(recordIdentity({ x: 1 }, 'rec_id')).toBe('{"x":1}');
		expect(recordIdentity({ x: 1 }, undefined)).toBe('{"x":1}');
	});

	it('readIdentities: alike keyless rows of one read are distinct records; keyed rows keep their key (a repeat stays a repeat)', () => {
		const ids = readIdentities([{ x: 1 }, { x: 1 }, { k: 'a' }, { k: 'a' }, { x: 2 }, { x: 1 }], 'k');
		expect(ids).toEqual(['{"x":1}', '{"x":1}#1', 'a', 'a', '{"x":2}', '{"x":1}#2']);
	});

	it('RecordMerger by identity: keyless rows merge by content; an identity given by the caller wins', () => {
		const merger = new RecordMerger<Record<string, unknown>>(['spec_no', 'warehouse_no'], 'modified');
		merger.add({ spec_no: 'S', warehouse_no: 'W', modified: '2026-11-28 10:00:00', n: 1 });
		merger.add({ spec_no: 'S', warehouse_no: 'W', modified: '2026-11-28 11:00:00', n: 2 });
		merger.add({ stock_num: 3 });
		merger.add({ stock_num: 3 });
		merger.add({ stock_num: 3 }, 'second copy');
		expect(merger.values()).toEqual([{ spec_no: 'S', warehouse_no: 'W', modified: '2026-11-28 11:00:00', n: 2 }, { stock_num: 3 }, { stock_num: 3 }]);
		expect(merger.duplicates).toBe(2);
	});
});

describe('recordVersion: what says a record changed', () => {
	const goods = {
		goods_id: '1',
		goods_modified: '2026-11-28 10:00:00',
		spec_list: [{ spec_modified: '2026-11-28 09:00:00' }, { spec_modified: '2026-11-28 11:30:00' }, 'not a spec', null],
	};
	const spec = { field: 'goods_modified', list: { name: 'spec_list', field: 'spec_modified' } };

	it('the newest of the field and of each list entry\'s field; a field name alone is that field', () => {
		expect(recordVersion(goods, spec)).toBe('2026-11-28 11:30:00');
		expect(recordVersion({ ...goods, goods_modified: '2026-11-29 00:00:00' }, spec)).toBe('2026-11-29 00:00:00');
		expect(recordVersion(goods, 'goods_modified')).toBe('2026-11-28 10:00:00');
		expect(recordVersion(goods, { field: 'goods_modified' })).toBe('2026-11-28 10:00:00');
	});

	it("'' when the record carries none (no field, not text, no list)", () => {
		expect(recordVersion({}, spec)).toBe('');
		expect(recordVersion({ goods_modified: 12, spec_list: 'x' }, spec)).toBe('');
		expect(recordVersion({ spec_list: [{ spec_modified: '2026-11-28 09:00:00' }] }, spec)).toBe('2026-11-28 09:00:00');
	});

	it('RecordMerger by a version spec: a goods whose spec changed replaces its older copy, an older copy does not', () => {
		const merger = new RecordMerger<Record<string, unknown>>('goods_id', spec);
		merger.add(goods);
		const specChanged = { ...goods, spec_list: [{ spec_modified: '2026-11-28 12:00:00' }] };
		merger.add(specChanged);
		merger.add({ ...goods, spec_list: [] });
		expect(merger.values()).toEqual([specChanged]);
		expect(merger.duplicates).toBe(2);
	});
});
