// @ts-check
'use strict';

// trade_push.php (创建原始订单): what it refuses, how switch 0/1 differ, the 50-order cap, exact
// amounts, and that re-pushing a tid never makes a second order.

const { startEmulator } = require('../../emulator');
const { CODES } = require('../../emulator/codes');
const { paidOrder, pushTrades, shopRows } = require('./shop-fixtures');
const { call } = require('./support');

/** @type {import('../../emulator').Emulator} */
let emu;
/** @type {ReturnType<typeof shopRows>} */
let rows;

beforeEach(async () => {
	emu = await startEmulator({
		pool: { shops: ['shop-a', 'shop-b'], perShop: 6 },
		world: { days: 2, ordersPerDay: 2, busyHours: 0, purchasesPerDay: 0 },
		shipAfterMs: Infinity,
	});
	rows = shopRows(emu, 'shop-a', 3);
});

afterEach(async () => {
	await emu.stop();
});

describe('call-level checks', () => {
	test('trade_list missing → 21000003; switch other than 0/1 → 2001; unknown shop → 2310', async () => {
		const missing = await pushTrades(emu, 'shop-a', '');
		expect(missing.json).toMatchObject({ code: CODES.MISSING_PARAMETER.code });
		expect(missing.json.message).toContain('trade_list');

		const badSwitch = await pushTrades(emu, 'shop-a', [paidOrder('T1', rows)], { switch: '2' });
		expect(badSwitch.json.code).toBe(CODES.BAD_PARAMETER.code);
		expect(badSwitch.json.message).toContain('switch');

		const unknownShop = await pushTrades(emu, 'no-such-shop', [paidOrder('T1', rows)]);
		expect(unknownShop.json.code).toBe(CODES.SHOP_NOT_FOUND.code);
		expect(emu.erpOrders.all()).toHaveLength(0);
	});

	test('shop_id names the shop when shop_no is absent', async () => {
		const shopId = String(/** @type {any} */ (emu.pool.shops.get('shop-b')).shop_id);
		const pushed = await call(emu, 'trade_push.php', {
			shop_id: shopId,
			trade_list: JSON.stringify([paidOrder('T-ID', shopRows(emu, 'shop-b', 1))]),
		});
		expect(pushed.json).toMatchObject({ code: 0, new_count: 1 });
		expect(emu.erpOrders.get('shop-b', 'T-ID')).toBeTruthy();
	});

	test('trade_list must be a non-empty JSON array of objects', async () => {
		for (const text of ['{"tid":"x"}', '[]', '[1', 'not json']) {
			const res = await pushTrades(emu, 'shop-a', text);
			expect(res.json.code).toBe(CODES.BAD_PARAMETER.code);
		}
		const notObject = await pushTrades(emu, 'shop-a', '[42]');
		expect(notObject.json).toMatchObject({ code: 0, new_count: 0, chg_count: 0 });
		expect(notObject.json.errors).toEqual([
			{ tid: 'trade_list[0]', error: 'trade_list[0] 必须是对象' },
		]);
	});

	test('at most 50 orders a call: 50 are taken, 51 refuse the whole call', async () => {
		const fifty = Array.from({ length: 50 }, (_, i) => paidOrder(`C50-${i}`, rows.slice(0, 1)));
		const ok = await pushTrades(emu, 'shop-a', fifty);
		expect(ok.json).toMatchObject({ code: 0, new_count: 50, chg_count: 0 });

		const fiftyOne = Array.from({ length: 51 }, (_, i) => paidOrder(`C51-${i}`, rows.slice(0, 1)));
		const refused = await pushTrades(emu, 'shop-a', fiftyOne);
		expect(refused.json.code).toBe(CODES.BAD_PARAMETER.code);
		expect(refused.json.message).toContain('50');
		expect(emu.erpOrders.get('shop-a', 'C51-0')).toBeUndefined();
		expect(emu.erpOrders.all()).toHaveLength(50);
	});
});

describe('order checks', () => {
	/**
	 * Push one broken order beside a good one with switch 0 and return the error for it.
	 * @param {Record<string, any>} broken
	 */
	async function errorFor(broken) {
		const res = await pushTrades(emu, 'shop-a', [paidOrder('GOOD', rows.slice(0, 1)), broken]);
		expect(res.json).toMatchObject({ code: 0, new_count: 1, chg_count: 0 });
		expect(res.json.errors).toHaveLength(1);
		expect(emu.erpOrders.get('shop-a', 'GOOD')).toBeTruthy();
		return res.json.errors[0];
	}

	/** @type {Array<[string, Record<string, unknown>, string]>} */
	const orderCases = [
		['tid', { tid: '' }, 'tid 不能为空'],
		['trade_status', { trade_status: 35 }, 'trade_status 取值无效'],
		['delivery_term', { delivery_term: undefined }, 'delivery_term 不能为空'],
		['pay_time', { pay_time: '2026/11/28 10:00' }, 'pay_time 时间格式错误'],
		['receiver_mobile', { receiver_mobile: ' ' }, 'receiver_mobile 不能为空'],
		['buyer_nick', { buyer_nick: undefined }, 'buyer_nick 缺失'],
		['post_amount', { post_amount: undefined }, 'post_amount 不能为空'],
		['paid (5 places)', { paid: '48.00001' }, 'paid 必须是最多4位小数的数字'],
		['paid (exponent)', { paid: '4.8e1' }, 'paid 必须是最多4位小数的数字'],
		['cod_amount (negative)', { cod_amount: '-1' }, 'cod_amount 不能为负数'],
		['order_list', { order_list: [] }, 'order_list 必须是非空数组'],
	];
	test.each(orderCases)('%s', async (_name, overrides, expected) => {
		const order = paidOrder('BAD', rows.slice(0, 2), { overrides });
		for (const [key, value] of Object.entries(overrides))
			if (value === undefined) delete order[key];
		const error = await errorFor(order);
		expect(error.tid).toBe(overrides.tid === '' ? 'trade_list[1]' : 'BAD');
		expect(error.error).toContain(expected);
		expect(emu.erpOrders.get('shop-a', 'BAD')).toBeUndefined();
	});

	test.each([
		['num 0', { num: 0 }, 'order_list[0].num 必须大于0'],
		['oid missing', { oid: '' }, 'order_list[0].oid 不能为空'],
		[
			'goods_no and spec_no both empty',
			{ goods_no: '', spec_no: '' },
			'goods_no和spec_no不能同时为空',
		],
		['goods_id missing', { goods_id: '' }, 'order_list[0].goods_id 不能为空'],
		['refund_status out of range', { refund_status: 9 }, 'refund_status 取值无效'],
		['discount with 5 places', { discount: '0.00001' }, 'discount 必须是最多4位小数的数字'],
	])('line: %s', async (_name, lineOverrides, expected) => {
		const error = await errorFor(paidOrder('BAD', rows.slice(0, 1), { lineOverrides }));
		expect(error.error).toContain(expected);
	});

	test('a paid order must add up exactly; amounts may be JSON numbers', async () => {
		const off = paidOrder('OFF', rows.slice(0, 1), { overrides: { paid: '28.0001' } });
		const error = await errorFor(off);
		expect(error.error).toContain('paid(28.0001)');
		expect(error.error).toContain('28.0000');

		// share_discount, adjust_amount and other_amount all count; numbers are read exactly
		const exact = paidOrder('EXACT', rows.slice(0, 2), {
			num: 1,
			overrides: { other_amount: 1.5, paid: 26.3 },
			lineOverrides: { adjust_amount: '-0.1', share_discount: 1.5 },
		});
		// 2 × (10 − 0.1 − 1.5) + 8 + 1.5 = 26.3
		const res = await pushTrades(emu, 'shop-a', [exact]);
		expect(res.json).toEqual({ code: 0, message: 'OK', new_count: 1, chg_count: 0 });
	});

	test('an unpaid order need not add up yet', async () => {
		const unpaid = paidOrder('UNPAID', rows.slice(0, 1), {
			overrides: { trade_status: 10, pay_status: 0, pay_time: '0000-00-00 00:00:00', paid: '0' },
		});
		const res = await pushTrades(emu, 'shop-a', [unpaid]);
		expect(res.json).toMatchObject({ code: 0, new_count: 1 });
		expect(/** @type {any} */ (emu.erpOrders.get('shop-a', 'UNPAID')).state).toBe('waiting');
	});

	test('the same tid twice in one call, and an oid of another order, are refused', async () => {
		const twice = await pushTrades(emu, 'shop-a', [
			paidOrder('DUP', rows.slice(0, 1)),
			paidOrder('DUP', rows.slice(0, 1)),
		]);
		expect(twice.json.new_count).toBe(1);
		expect(twice.json.errors).toEqual([{ tid: 'DUP', error: 'tid DUP 在本次推送中重复' }]);

		const stolen = paidOrder('OTHER', rows.slice(0, 1), { lineOverrides: { oid: 'DUP-1' } });
		const res = await pushTrades(emu, 'shop-a', [stolen]);
		expect(res.json.errors[0].error).toContain('oid DUP-1 已属于其他订单');
	});

	test('more than 30 orders of one buyer_nick in a call are refused (WDT rule)', async () => {
		const orders = Array.from({ length: 31 }, (_, i) =>
			paidOrder(`NICK-${i}`, rows.slice(0, 1), { overrides: { buyer_nick: '同一个买家' } }),
		);
		const res = await pushTrades(emu, 'shop-a', orders);
		expect(res.json.new_count).toBe(30);
		expect(res.json.errors).toHaveLength(1);
		expect(res.json.errors[0].tid).toBe('NICK-30');
	});
});

describe('switch', () => {
	test('switch 0 takes the good orders and lists the bad ones; switch 1 takes none', async () => {
		const bad = paidOrder('BAD', rows.slice(0, 1), { overrides: { paid: '1.00' } });
		const strict = await pushTrades(emu, 'shop-a', [paidOrder('S1', rows.slice(0, 1)), bad], {
			switch: '1',
		});
		expect(strict.json.code).toBe(CODES.BAD_PARAMETER.code);
		expect(strict.json.message).toContain('订单 BAD');
		expect(strict.json.new_count).toBeUndefined();
		expect(emu.erpOrders.all()).toHaveLength(0);
		expect(emu.pool.get(rows[0].rec_id)?.stock_change_count).toBe(rows[0].stock_change_count);

		const lenient = await pushTrades(emu, 'shop-a', [paidOrder('S1', rows.slice(0, 1)), bad], {
			switch: '0',
		});
		expect(lenient.json).toMatchObject({ code: 0, new_count: 1, chg_count: 0 });
		expect(lenient.json.errors.map((/** @type {any} */ e) => e.tid)).toEqual(['BAD']);
	});

	test('switch 1 with only good orders takes them all', async () => {
		const res = await pushTrades(
			emu,
			'shop-a',
			[paidOrder('G1', rows.slice(0, 1)), paidOrder('G2', rows.slice(1, 2))],
			{ switch: '1' },
		);
		expect(res.json).toEqual({ code: 0, message: 'OK', new_count: 2, chg_count: 0 });
	});
});

describe('re-push by tid', () => {
	test('the same order again counts as changed and never makes a second order or reservation', async () => {
		const order = paidOrder('RE', rows.slice(0, 2));
		const first = await pushTrades(emu, 'shop-a', [order]);
		expect(first.json).toMatchObject({ new_count: 1, chg_count: 0 });
		const stockAfterFirst = emu.pool.get(rows[0].rec_id)?.sync_stock;

		const again = await pushTrades(emu, 'shop-a', [order]);
		expect(again.json).toEqual({ code: 0, message: 'OK', new_count: 0, chg_count: 1 });
		expect(emu.erpOrders.all()).toHaveLength(1);
		expect(emu.pool.get(rows[0].rec_id)?.sync_stock).toBe(stockAfterFirst);
		expect(emu.world.records('trade').filter((t) => t.src_tids === 'RE')).toHaveLength(1);
	});

	test('num and price of a pushed line cannot change', async () => {
		await pushTrades(emu, 'shop-a', [paidOrder('FIX', rows.slice(0, 1))]);
		const changed = paidOrder('FIX', rows.slice(0, 1), { num: 3 });
		const res = await pushTrades(emu, 'shop-a', [changed]);
		expect(res.json.chg_count).toBe(0);
		expect(res.json.errors[0].error).toContain('数量(num)和单价(price)推送后不能更改');
	});

	test('the same tid in another shop is another order', async () => {
		await pushTrades(emu, 'shop-a', [paidOrder('SAME', rows.slice(0, 1))]);
		const other = paidOrder('SAME', shopRows(emu, 'shop-b', 1), {
			lineOverrides: { oid: 'SAME-b-1' },
		});
		const res = await pushTrades(emu, 'shop-b', [other]);
		expect(res.json).toMatchObject({ new_count: 1, chg_count: 0 });
		expect(emu.erpOrders.all()).toHaveLength(2);
	});
});
