/**
 * Refund · Push's checks (nodes/Wdt/shop/refunds.ts), without n8n: what goes into api_refund_list
 * and what is refused before anything is sent. Blank optional fields are left out (never sent as
 * "" or 0), lengths are WDT's, and a refund made of several items is one refund or none.
 */
import { FieldProblem } from '../../nodes/Wdt/shop/fields';
import { checkRefund, collectRefunds, readOrderOids } from '../../nodes/Wdt/shop/refunds';

const refund = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
	refund_no: 'RF-1',
	tid: 'T-1',
	type: 2,
	status: 4,
	refund_time: '2026-12-01 10:00:00',
	order_list: [{ oid: 'T-1-1', num: 1 }],
	...extra,
});

/** The FieldProblem a check throws, as {field, message}; anything else (no problem, another error) as itself, so the assertion fails. */
const problemOf = (check: () => unknown): unknown => {
	try {
		return { returned: check() };
	} catch (error) {
		return error instanceof FieldProblem ? { field: error.field, message: error.message } : error;
	}
};
const fieldOf = (check: () => unknown): unknown => (problemOf(check) as { field?: string }).field;

describe('checkRefund', () => {
	it('the least a refund needs: platform 127, the form\'s shop, the numbers as given, the line\'s num as exact text, nothing else', () => {
		expect(checkRefund(refund(), 'shop-a')).toEqual({
			platform_id: 127,
			shop_no: 'shop-a',
			tid: 'T-1',
			refund_no: 'RF-1',
			type: 2,
			status: 4,
			refund_time: '2026-12-01 10:00:00',
			order_list: [{ oid: 'T-1-1', num: '1' }],
		});
	});

	it.each([
		['absent', {}],
		['null', { refund_fee: null, buyer_nick: null, reason: null, desc: null, logistics_no: null, logistics_name: null, platform_id: null }],
		['empty text', { refund_fee: '', buyer_nick: '', reason: '', desc: '', logistics_no: '', logistics_name: '', platform_id: '' }],
	])('optional fields %s are left out of the entry, not sent empty or as 0', (_what, extra) => {
		expect(Object.keys(checkRefund(refund(extra), 'shop-a')).sort()).toEqual(['order_list', 'platform_id', 'refund_no', 'refund_time', 'shop_no', 'status', 'tid', 'type']);
	});

	it('optional fields given are sent as given (amount exact, zero fee kept)', () => {
		const wire = checkRefund(refund({ refund_fee: '0', buyer_nick: 'nick', reason: 'r', desc: 'd', logistics_no: 'SF1', logistics_name: 'SF' }), 'shop-a');
		expect(wire).toMatchObject({ refund_fee: '0', buyer_nick: 'nick', reason: 'r', desc: 'd', logistics_no: 'SF1', logistics_name: 'SF' });
		expect(checkRefund(refund({ refund_fee: '12.3456' }), 'shop-a').refund_fee).toBe('12.3456');
	});

	it('platform_id 127 (number or text) is taken; any other is refused', () => {
		expect(checkRefund(refund({ platform_id: 127 }), 'shop-a').platform_id).toBe(127);
		expect(checkRefund(refund({ platform_id: '127' }), 'shop-a').platform_id).toBe(127);
		expect(problemOf(() => checkRefund(refund({ platform_id: 1 }), 'shop-a'))).toEqual({ field: 'platform_id', message: "platform_id must be 127 (WDT's value for a self-built shop), not 1" });
	});

	it('text at WDT\'s length is taken, one character more is refused (counted in characters, not bytes)', () => {
		const at = '退'.repeat(40);
		expect(checkRefund(refund({ refund_no: at }), 'shop-a').refund_no).toBe(at);
		expect(problemOf(() => checkRefund(refund({ refund_no: `${at}x` }), 'shop-a'))).toEqual({ field: 'refund_no', message: 'refund_no has 41 characters; WDT takes at most 40' });
		expect(fieldOf(() => checkRefund(refund({ buyer_nick: 'n'.repeat(101) }), 'shop-a'))).toBe('buyer_nick');
	});

	it('a tracking number goes with its carrier: either alone names the missing one', () => {
		expect(problemOf(() => checkRefund(refund({ logistics_no: 'SF1' }), 'shop-a'))).toEqual({
			field: 'logistics_name',
			message: "logistics_name is required with logistics_no (the return parcel's tracking number and carrier go together)",
		});
		expect(problemOf(() => checkRefund(refund({ logistics_name: 'SF' }), 'shop-a'))).toEqual({
			field: 'logistics_no',
			message: "logistics_no is required with logistics_name (the return parcel's tracking number and carrier go together)",
		});
	});

	it('a negative fee, a line that is not an object, a line without num and an oid not of the order are refused with their place', () => {
		expect(fieldOf(() => checkRefund(refund({ refund_fee: '-1' }), 'shop-a'))).toBe('refund_fee');
		expect(problemOf(() => checkRefund(refund({ order_list: ['T-1-1'] }), 'shop-a'))).toEqual({ field: 'order_list[0].*', message: 'order_list[0]: the line is not an object' });
		expect(problemOf(() => checkRefund(refund({ order_list: [{ oid: 'T-1-1' }] }), 'shop-a'))).toEqual({ field: 'order_list[0].num', message: 'order_list[0]: num is required' });
		expect(problemOf(() => checkRefund(refund({ order_list: [{ oid: 'T-1-1', num: 1 }, { oid: 'X', num: 1 }] }), 'shop-a', new Set(['T-1-1', 'T-1-2'])))).toEqual({
			field: 'order_list[1].oid',
			message: 'order_list[1]: oid "X" is not a line of order T-1 (its lines: T-1-1, T-1-2)',
		});
	});
});

describe('readOrderOids', () => {
	it('not given: no check; a list or comma-separated text (trimmed); a single number as text', () => {
		expect(readOrderOids(undefined)).toBeUndefined();
		expect(readOrderOids(null)).toBeUndefined();
		expect(readOrderOids('')).toBeUndefined();
		expect([...(readOrderOids(' A , B') ?? [])]).toEqual(['A', 'B']);
		expect([...(readOrderOids(['A', 'B']) ?? [])]).toEqual(['A', 'B']);
		expect([...(readOrderOids(7) ?? [])]).toEqual(['7']);
	});
});

describe('collectRefunds', () => {
	it('lines of one refund_no (line mode) become one refund; the refund\'s fields given again must agree', () => {
		const line = (oid: string, extra: Record<string, unknown> = {}) => ({ ...refund(), order_list: undefined, oid, num: 1, ...extra });
		const joined = collectRefunds([line('A'), line('B')], 'line', 'shop-a');
		expect(joined.problems).toEqual([]);
		expect(joined.refunds.map((r) => [r.refundNo, r.itemIndexes, r.wire.order_list])).toEqual([['RF-1', [0, 1], [{ oid: 'A', num: '1' }, { oid: 'B', num: '1' }]]]);
		const disagree = collectRefunds([line('A'), line('B', { status: 5 })], 'line', 'shop-a');
		expect(disagree.refunds).toEqual([]);
		expect(disagree.problems).toEqual([
			{ refundNo: 'RF-1', tid: 'T-1', itemIndexes: [0, 1], field: 'status', message: 'the lines of refund_no "RF-1" disagree on the refund field status: none is sent' },
		]);
	});

	it('a refund without refund_no stands alone and is refused; its tid is named when it has one', () => {
		const collected = collectRefunds([refund({ refund_no: '' }), refund({ refund_no: '', tid: 7 })], 'refund', 'shop-a');
		expect(collected.problems.map((p) => [p.refundNo, p.tid, p.itemIndexes, p.field])).toEqual([
			[undefined, 'T-1', [0], 'refund_no'],
			[undefined, '7', [1], 'refund_no'],
		]);
	});
});
