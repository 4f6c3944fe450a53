import type { IDataObject } from 'n8n-workflow';

import { formatUnits, readDecimal } from '../../nodes/Wdt/shop/decimal';
import { ZERO_TIME, checkOrder, collectOrders } from '../../nodes/Wdt/shop/tradeOrders';
import { paidOrder } from '../helpers/shop-orders';

const problemOf = (order: Record<string, unknown>, checkTotals = true) => {
	const { orders, problems } = collectOrders([order], 'order', { checkTotals });
	expect(orders.length + problems.length).toBe(1);
	return problems[0];
};

describe('exact decimals', () => {
	it.each([
		['19.90', '19.90', BigInt(199000)],
		[19.9, '19.9', BigInt(199000)],
		['0.0001', '0.0001', BigInt(1)],
		['-3', '-3', BigInt(-30000)],
	])('%p reads as %p', (input, text, units) => {
		expect(readDecimal(input)).toEqual({ ok: true, value: { text, units } });
	});
	it.each([0.1 + 0.2, '1.23456', '1e3', 1e21, 'abc', '', NaN, null, '1,5', '1234567890123456'])('%p is refused, never rounded', (input) => {
		expect(readDecimal(input).ok).toBe(false);
	});
	it('formats units back without trailing zeros', () => {
		expect([BigInt(530000), BigInt(-5000), BigInt(1)].map(formatUnits)).toEqual(['53', '-0.5', '0.0001']);
		expect(formatUnits(BigInt(0))).toBe('0');
	});
	it('text is sent without surrounding spaces; a negative amount keeps its sign in the units', () => {
		expect(readDecimal(' 19.90 ')).toEqual({ ok: true, value: { text: '19.90', units: BigInt(199000) } });
		expect(readDecimal('-1.5')).toEqual({ ok: true, value: { text: '-1.5', units: BigInt(-15000) } });
	});
	it('decimal(19,4): 15 digits before the point (leading zeros do not count), not 16', () => {
		expect(readDecimal('123456789012345.1234')).toEqual({ ok: true, value: { text: '123456789012345.1234', units: BigInt('1234567890123451234') } });
		expect(readDecimal('00123456789012345')).toMatchObject({ ok: true, value: { units: BigInt('1234567890123450000') } });
		expect(readDecimal('0000000000000000')).toMatchObject({ ok: true, value: { units: BigInt(0) } });
		expect(readDecimal('1234567890123456')).toEqual({ ok: false, problem: '1234567890123456 is too large for an amount (decimal(19,4))' });
	});
	it.each([
		[Infinity, 'Infinity is not a number'],
		[NaN, 'NaN is not a number'],
		[1e21, '1e+21 is too large or too small for an amount'],
		[1e-7, '1e-7 is too large or too small for an amount'],
		[null, 'null is not a decimal number'],
		[undefined, 'undefined is not a decimal number'],
		[true, 'true is not a decimal number'],
		['1,5', '"1,5" is not a decimal number (use digits and a point, e.g. 19.90)'],
		['1.23456', '1.23456 has more than 4 decimal places; WDT keeps 4 and it would be rounded'],
		[0.1 + 0.2, '0.30000000000000004 has more than 4 decimal places; WDT keeps 4 and it would be rounded'],
	])('%p is refused: %s', (input, problem) => {
		expect(readDecimal(input)).toEqual({ ok: false, problem });
	});
});

describe('checkOrder: the wire shape', () => {
	it('sends amounts as the exact decimal text given, codes as numbers, and keeps extra fields', () => {
		const wire = checkOrder(paidOrder('T1', { buyer_message: '请尽快', trade_status: '30' }), { checkTotals: true });
		expect(wire).toMatchObject({ tid: 'T1', trade_status: 30, paid: '53.00', post_amount: '8', cod_amount: '0', buyer_message: '请尽快' });
		const lines = wire.order_list as Array<Record<string, unknown>>;
		expect(lines[0]).toMatchObject({ num: '2', price: '19.90', share_discount: '0.30', refund_status: 0 });
		expect(lines[1]).toMatchObject({ num: '1', price: '5.5' });
		expect(JSON.stringify(wire)).not.toMatch(/19\.9[^0]|53[^.]/);
	});
	it('an unpaid order gets pay_time 0000-00-00 00:00:00 and is not held to the totals', () => {
		const wire = checkOrder(paidOrder('T1', { pay_status: 0, trade_status: 10, pay_time: undefined, paid: '0' }), { checkTotals: true });
		expect(wire.pay_time).toBe(ZERO_TIME);
	});
});

describe('checkOrder: the validation corpus (nothing of a bad order is sent)', () => {
	const cases: Array<[string, IDataObject, string]> = [
		['no tid', { tid: '' }, 'tid'],
		['tid as an unsafe number', { tid: Number('2754327482516635662') }, 'tid'],
		['unknown trade_status', { trade_status: 31 }, 'trade_status'],
		['pay_status as text', { pay_status: 'paid' }, 'pay_status'],
		['bad trade_time', { trade_time: '2026/11/28 10:00' }, 'trade_time'],
		['impossible trade_time', { trade_time: '2026-13-45 10:00:00' }, 'trade_time'],
		['paid order without pay_time', { pay_time: '' }, 'pay_time'],
		['no receiver', { receiver_name: ' ' }, 'receiver_name'],
		['no phone at all', { receiver_mobile: undefined }, 'receiver_mobile'],
		['no buyer_nick', { buyer_nick: undefined }, 'buyer_nick'],
		['paid as a float with 5 places', { paid: 53.00001 }, 'paid'],
		['negative post_amount', { post_amount: '-1' }, 'post_amount'],
		['paid that does not add up', { paid: '52.99' }, 'paid'],
		['no lines', { order_list: [] }, 'order_list'],
		['a line that is not an object', { order_list: ['x'] }, 'order_list[0].*'],
	];
	it.each(cases)('%s → refused on %s', (_name, change, field) => {
		expect(problemOf(paidOrder('T1', change))).toMatchObject({ field, itemIndexes: [0] });
	});

	const lineCases: Array<[string, IDataObject, string]> = [
		['zero quantity', { num: 0 }, 'num'],
		['quantity with 5 places', { num: '1.00001' }, 'num'],
		['negative price', { price: '-1' }, 'price'],
		['no goods_id', { goods_id: undefined }, 'goods_id'],
		['neither spec_no nor goods_no', { spec_no: undefined }, 'spec_no'],
		['unknown refund_status', { refund_status: 9 }, 'refund_status'],
		['negative discount', { discount: '-0.1' }, 'discount'],
	];
	it.each(lineCases)('line with %s → refused on order_list[0].%s', (_name, change, field) => {
		const order = paidOrder('T1');
		const lines = order.order_list as Array<Record<string, unknown>>;
		order.order_list = [{ ...lines[0], ...change }, lines[1]];
		expect(problemOf(order, false)).toMatchObject({ field: `order_list[0].${field}` });
	});

	it('a repeated oid is refused', () => {
		const order = paidOrder('T1');
		const lines = order.order_list as Array<Record<string, unknown>>;
		order.order_list = [lines[0], { ...lines[1], oid: lines[0].oid }];
		expect(problemOf(order, false)).toMatchObject({ field: 'order_list[1].oid' });
	});
	it('price × num beyond 4 places is refused', () => {
		const order = paidOrder('T1');
		const lines = order.order_list as Array<Record<string, unknown>>;
		order.order_list = [{ ...lines[0], price: '0.0001', num: '0.5' }];
		expect(problemOf(order, false)).toMatchObject({ field: 'order_list[0].price' });
	});
	it('a negative adjust_amount is allowed and counted', () => {
		const order = paidOrder('T1', { paid: '52.00' });
		const lines = order.order_list as Array<Record<string, unknown>>;
		order.order_list = [{ ...lines[0], adjust_amount: '-1' }, lines[1]];
		expect(problemOf(order)).toBeUndefined();
	});
	it('Check Totals off lets an order that does not add up through', () => {
		expect(problemOf(paidOrder('T1', { paid: '1' }), false)).toBeUndefined();
	});
});

describe('checkOrder: what users are told, and what passes', () => {
	/** The order's first line changed (the second kept). */
	const withLine = (change: IDataObject, extra: IDataObject = {}) => {
		const order = paidOrder('T1', extra);
		const lines = order.order_list as IDataObject[];
		order.order_list = [{ ...lines[0], ...change }, lines[1]];
		return order;
	};
	const refusal = (order: IDataObject, checkTotals = true) => {
		const problem = problemOf(order, checkTotals);
		return problem && { field: problem.field, message: problem.message };
	};

	it.each([
		['trade_time missing', { trade_time: undefined }, 'trade_time', 'trade_time is required'],
		['buyer_nick null', { buyer_nick: null }, 'buyer_nick', 'buyer_nick is required (it may be empty text)'],
		['no phone', { receiver_mobile: '' }, 'receiver_mobile', 'receiver_mobile (or receiver_telno) is required'],
		['paid missing', { paid: undefined }, 'paid', 'paid is required'],
		['no lines', { order_list: [] }, 'order_list', 'order_list must hold at least one line (oid, num, price, spec_no …)'],
		['a line that is not an object', { order_list: [5] }, 'order_list[0].*', 'order_list[0]: the line is not an object'],
	])('%s → %s: %s', (_name, change, field, message) => {
		expect(refusal(paidOrder('T1', change))).toEqual({ field, message });
	});

	it.each([
		['goods_name missing', { goods_name: '' }, 'goods_name', 'goods_name is required'],
		['neither spec_no nor goods_no', { spec_no: undefined }, 'spec_no', 'spec_no or goods_no is required to match the line to the ERP goods'],
		['num missing', { num: '' }, 'num', 'num is required'],
		['price missing', { price: null }, 'price', 'price is required'],
		['price × num beyond 4 places', { price: '0.0001', num: '0.5' }, 'price', 'price 0.0001 × num 0.5 has more than 4 decimal places'],
	])('line with %s → order_list[0].%s: %s', (_name, change, field, message) => {
		expect(refusal(withLine(change), false)).toEqual({ field: `order_list[0].${field}`, message: `order_list[0]: ${message}` });
	});

	it('a repeated oid is named', () => {
		const order = withLine({});
		const lines = order.order_list as IDataObject[];
		order.order_list = [lines[0], { ...lines[1], oid: 'T1-1' }];
		expect(refusal(order, false)).toEqual({ field: 'order_list[1].oid', message: 'order_list[1]: oid "T1-1" appears twice in the order' });
	});

	it('a line matched by goods_no alone is sent without spec_no; line codes and names go as text, blank ones left out', () => {
		const wire = checkOrder(withLine({ spec_no: undefined, goods_no: 7001, goods_id: 101, spec_id: '', goods_name: 8848, spec_name: 12 }), { checkTotals: true });
		const line = (wire.order_list as IDataObject[])[0];
		expect(line).toMatchObject({ goods_no: '7001', goods_id: '101', goods_name: '8848', spec_name: '12' });
		expect(line).not.toHaveProperty('spec_no');
		expect(line).not.toHaveProperty('spec_id');
	});

	it('an empty buyer_nick is sent empty; a receiver_telno alone is enough', () => {
		const wire = checkOrder(paidOrder('T1', { buyer_nick: '', receiver_mobile: undefined, receiver_telno: '0571-8888' }), { checkTotals: true });
		expect(wire).toMatchObject({ buyer_nick: '', receiver_telno: '0571-8888' });
	});

	it('paid is checked even where the totals are not (unpaid order)', () => {
		expect(refusal(paidOrder('T1', { pay_status: 0, trade_status: 10, pay_time: undefined, paid: 'abc' }))).toMatchObject({ field: 'paid' });
	});

	it('totals count other_amount and subtract discount', () => {
		expect(refusal(paidOrder('T1', { other_amount: '2', paid: '55.00' }))).toBeUndefined();
		expect(refusal(withLine({ discount: '1' }, { paid: '52.00' }))).toBeUndefined();
		expect(refusal(withLine({ discount: '1' }, { paid: '53.00' }))).toEqual({
			field: 'paid',
			message: 'the lines do not add up: goods 44 + post_amount 8 + other_amount 0 = 52, but paid is 53.00 (turn off "Check Totals" if your shop counts differently)',
		});
	});

	it.each([
		['cash on delivery', { delivery_term: 2 }],
		['not fully paid', { pay_status: 1 }],
		['trade_status 80', { trade_status: 80 }],
		['trade_status 90', { trade_status: 90 }],
	])('an order %s is not held to the totals', (_name, change) => {
		expect(refusal(paidOrder('T1', { ...change, paid: '1.00' }))).toBeUndefined();
	});

	it('a paid order at trade_status 70 is held to the totals', () => {
		expect(refusal(paidOrder('T1', { trade_status: 70, paid: '1.00' }))).toMatchObject({ field: 'paid' });
	});
});

describe("checkOrder: WDT's documented values (docs/wdt-contract.md#trade_push)", () => {
	it.each([10, 20, 30, 40, 50, 70, 80, 90])('trade_status %i is taken (line status too)', (status) => {
		const order = paidOrder('T1', { trade_status: status, pay_status: 0, pay_time: ZERO_TIME });
		order.order_list = (order.order_list as IDataObject[]).map((line) => ({ ...line, status }));
		expect(problemOf(order)).toBeUndefined();
	});

	it('trade_status 60 is not a documented value: refused, naming the values WDT takes', () => {
		expect(problemOf(paidOrder('T1', { trade_status: 60 }))).toMatchObject({
			field: 'trade_status',
			message: 'trade_status must be one of 10, 20, 30, 40, 50, 70, 80, 90, not 60',
		});
		const line = paidOrder('T1');
		line.order_list = [{ ...(line.order_list as IDataObject[])[0], status: '60' }];
		expect(problemOf(line)).toMatchObject({ field: 'order_list[0].status' });
	});

	it('delivery_term 1, 2 and 3 are taken; 4 is not a documented value', () => {
		for (const term of [1, 2, 3]) expect(problemOf(paidOrder('T1', { delivery_term: term }))).toBeUndefined();
		expect(problemOf(paidOrder('T1', { delivery_term: 4 }))).toMatchObject({
			field: 'delivery_term',
			message: 'delivery_term must be one of 1, 2, 3, not 4',
		});
	});

	it('other_amount may be left out, as the doc\'s own example does: it is sent as 0', () => {
		const order = paidOrder('T1');
		expect('other_amount' in order).toBe(false);
		expect(checkOrder(order, { checkTotals: true }).other_amount).toBe('0');
	});
});

describe('collectOrders: items → orders', () => {
	it('order mode: identical repeats are one order paired with both items; differing repeats are refused together', () => {
		const { orders, problems } = collectOrders(
			[paidOrder('A'), paidOrder('B'), paidOrder('A'), paidOrder('C'), paidOrder('C', { buyer_nick: 'x' })],
			'order',
			{ checkTotals: true },
		);
		expect(orders.map((o) => [o.tid, o.itemIndexes])).toEqual([
			['A', [0, 2]],
			['B', [1]],
		]);
		expect(problems).toEqual([expect.objectContaining({ tid: 'C', itemIndexes: [3, 4], field: 'tid' })]);
	});

	it('line mode: lines grouped by tid in input order; order fields may be repeated or left out, never contradicted', () => {
		const base = paidOrder('A');
		const [l1, l2] = base.order_list as Array<Record<string, unknown>>;
		const orderFields = { ...base };
		delete orderFields.order_list;
		const other = paidOrder('B');
		const otherFields = { ...other };
		delete otherFields.order_list;
		const items = [
			{ ...orderFields, ...l1 },
			{ ...otherFields, ...(other.order_list as Array<Record<string, unknown>>)[0], paid: '39.50' },
			{ tid: 'A', ...l2 },
			{ ...otherFields, ...(other.order_list as Array<Record<string, unknown>>)[1], paid: '40' },
		];
		const { orders, problems } = collectOrders(items, 'line', { checkTotals: true });
		expect(orders.map((o) => [o.tid, o.itemIndexes, (o.wire.order_list as unknown[]).length])).toEqual([['A', [0, 2], 2]]);
		expect(problems).toEqual([expect.objectContaining({ tid: 'B', itemIndexes: [1, 3], field: 'paid' })]);
		expect((orders[0].wire.order_list as Array<Record<string, unknown>>)[1]).not.toHaveProperty('receiver_name');
	});

	it('order mode: the message for differing repeats says none is sent', () => {
		const { problems } = collectOrders([paidOrder('C'), paidOrder('C', { buyer_nick: 'x' })], 'order', { checkTotals: true });
		expect(problems.map((p) => p.message)).toEqual([
			'2 items have tid "C" with different contents: which one is right cannot be known, so none is sent',
		]);
	});

	it('line mode: lines that disagree on an order field are refused, naming the field', () => {
		const base = paidOrder('A');
		const [l1, l2] = base.order_list as Array<Record<string, unknown>>;
		const fields = { ...base };
		delete fields.order_list;
		const { orders, problems } = collectOrders([{ ...fields, ...l1 }, { ...fields, buyer_nick: 'other', ...l2 }], 'line', { checkTotals: false });
		expect(orders).toEqual([]);
		expect(problems).toEqual([
			{ tid: 'A', itemIndexes: [0, 1], field: 'buyer_nick', message: 'the lines of tid "A" disagree on the order field buyer_nick: none is sent' },
		]);
	});

	it('line mode: an order_list field on a line item is not sent as part of the line', () => {
		const base = paidOrder('A');
		const [l1] = base.order_list as Array<Record<string, unknown>>;
		const { orders } = collectOrders([{ ...base, ...l1 }], 'line', { checkTotals: false });
		expect((orders[0].wire.order_list as IDataObject[])[0]).not.toHaveProperty('order_list');
		expect((orders[0].wire.order_list as IDataObject[])[0]).toMatchObject({ oid: 'A-1' });
	});

	it('an item that is not an object is refused as such', () => {
		const { problems } = collectOrders([null as unknown as Record<string, unknown>], 'order', { checkTotals: true });
		expect(problems).toEqual([{ tid: undefined, itemIndexes: [0], field: '*', message: 'the item is not an object' }]);
	});

	it('an item without tid stands alone and is refused', () => {
		const { problems } = collectOrders([{ order_list: [] }, { tid: '' }], 'line', { checkTotals: true });
		expect(problems.map((p) => [p.itemIndexes, p.field])).toEqual([
			[[0], 'tid'],
			[[1], 'tid'],
		]);
	});
});
