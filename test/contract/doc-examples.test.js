// @ts-check
'use strict';

/**
 * The doc's own example requests (test/contract/fixtures) sent to the emulator, unmodified: each
 * must be answered in the shape of the doc's example answer. Then the writes' assumed facts under
 * each reading (docs/wdt-contract.md, "Assumed facts and their emulator switches").
 */

const { startEmulator } = require('../../emulator');
const { call } = require('../emulator/support');
const { fixture } = require('./load-fixture');

/** The keys of an answer and their JSON types, for comparing shapes (not values). */
function shape(/** @type {Record<string, unknown>} */ answer) {
	return Object.fromEntries(
		Object.entries(answer)
			.filter(([key]) => key !== 'message') // "" in the doc, "OK"/"ok" here: never relied on (#rules-every-endpoint-shares)
			.map(([key, value]) => [key, Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value]),
	);
}

/** The key sets of a list's entries. */
const entryKeys = (/** @type {Array<Record<string, unknown>>} */ list) => list.map((entry) => Object.keys(entry).sort());

/** A 'api_test' shop (the doc examples' shop code), with the sister edition example's shop id 332. */
const DOC_SHOP = { shop_no: 'api_test', shop_id: 332 };

/** @type {import('../../emulator').Emulator} */
let emu;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a'], perShop: 5 }, shipAfterMs: Number.POSITIVE_INFINITY });
	emu.pool.addShop(DOC_SHOP);
});
afterAll(async () => {
	await emu.stop();
});

describe("the doc's example requests get the doc's answer shapes", () => {
	test('trade_push: the doc example (no other_amount, zero times, empty buyer_nick) is taken: {code, message, new_count, chg_count}', async () => {
		const example = fixture('trade_push.doc-example.request.json');
		const res = await call(emu, 'trade_push.php', { ...example.params, trade_list: JSON.stringify(example.trade_list) });
		const doc = fixture('trade_push.y-doc-answers.json').success.answer;
		expect(res.json).toMatchObject({ code: 0, new_count: 1, chg_count: 0 });
		expect(shape(res.json)).toEqual(shape(doc));
		// pushing it again changes it: chg_count
		const again = await call(emu, 'trade_push.php', { ...example.params, trade_list: JSON.stringify(example.trade_list) });
		expect(again.json).toMatchObject({ code: 0, new_count: 0, chg_count: 1 });
	});

	test('trade_query: a public client\'s default status=0 gets every order of the window', async () => {
		const example = fixture('trade_query.sandbox-client.request.json');
		const window = { start_time: '2026-11-28 10:00:00', end_time: '2026-11-28 11:00:00' };
		emu.world.addTrade({}, '2026-11-28 10:30:00');
		const res = await call(emu, 'trade_query.php', { ...example.params, ...window });
		const without = await call(emu, 'trade_query.php', { ...window, page_no: '0', page_size: '10' });
		expect(res.json.trades.length).toBeGreaterThan(0);
		expect(res.json).toEqual(without.json);
	});

	test('logistics_sync_query: the doc example request answers {code, message, total_count, trades} with the documented record fields', async () => {
		const example = fixture('logistics_sync_query.y-doc-answers.json');
		const tradeList = fixture('trade_push.doc-example.request.json').trade_list;
		emu.world.ensure();
		// a known SKU, so the ERP reserves and ships it (the doc example's SKU is not in the emulator's world)
		const [row] = emu.pool.all();
		const order = { ...tradeList[0], tid: 'LOGI-1', order_list: [{ ...tradeList[0].order_list[0], oid: 'LOGI-1-1', spec_no: row.spec_no }] };
		await call(emu, 'trade_push.php', { shop_no: 'api_test', trade_list: JSON.stringify([order]) });
		emu.world.shipDueOrders(Number.POSITIVE_INFINITY);
		const res = await call(emu, 'logistics_sync_query.php', {
			shop_no: example.request.shop_no,
			is_part_sync_able: String(example.request.is_part_sync_able),
			limit: String(example.request.limit),
		});
		expect(res.json.code).toBe(0);
		expect(Object.keys(res.json).sort()).toEqual(Object.keys(example.success).sort());
		expect(res.json.trades.length).toBe(1);
		const documented = Object.keys(example.success.trades[0]).filter((key) => !['logistics_id', 'description', 'sync_time', 'error_code', 'sn_list'].includes(key));
		expect(Object.keys(res.json.trades[0])).toEqual(expect.arrayContaining(documented));
	});

	test('logistics_sync_query: an unknown shop id is 1007 店铺ID不存在, as the doc example', async () => {
		const res = await call(emu, 'logistics_sync_query.php', { shop_id: '999999', limit: '100' });
		expect(res.json).toEqual(fixture('logistics_sync_query.y-doc-answers.json').error);
	});

	test('logistics_sync_ack: the doc example request (ids the ERP does not hold) answers code 0 with errors [{rec_id, error}]', async () => {
		const example = fixture('logistics_sync_ack.y-doc-answers.json');
		const res = await call(emu, 'logistics_sync_ack.php', { logistics_list: JSON.stringify(example.request.logistics_list) });
		expect(res.json.code).toBe(0);
		expect(shape(res.json)).toEqual(shape(example.success));
		expect(entryKeys(res.json.errors)).toEqual(entryKeys(res.json.errors.map(() => example.success.errors[0])));
		expect(res.json.errors.map((/** @type {any} */ e) => e.rec_id)).toEqual(['1', '2']);
	});

	test('api_goodsspec_push: a public client\'s sandbox request (ids and amounts as numbers) is taken', async () => {
		const example = fixture('api_goodsspec_push.sandbox-test.request.json');
		const res = await call(emu, 'api_goodsspec_push.php', { api_goods_info: JSON.stringify(example.api_goods_info) });
		expect(res.json).toEqual({ code: 0, message: 'OK', new_count: 1, chg_count: 0 });
		// goods_name is optional (docs/wdt-contract.md#api_goodsspec_push)
		const { goods_name: _name, ...withoutName } = example.api_goods_info.goods_list[0];
		const info = { ...example.api_goods_info, goods_list: [{ ...withoutName, spec_id: 2 }] };
		expect((await call(emu, 'api_goodsspec_push.php', { api_goods_info: JSON.stringify(info) })).json.code).toBe(0);
	});

	test('sales_refund_push: the doc example (an order the ERP does not hold) is refused whole, {code, message}, as the doc example', async () => {
		const example = fixture('sales_refund_push.y-doc-example.json');
		const res = await call(emu, 'sales_refund_push.php', { api_refund_list: JSON.stringify(example.api_refund_list) });
		expect(res.json.code).toBe(example.error.code);
		expect(shape(res.json)).toEqual(shape(example.error));
	});

	test('sales_refund_push: a refund of a pushed order is taken {code, message, new_count, chg_count}, shows in refund_query as 待审核 (20), cancelled (status 1) as 已取消 (10)', async () => {
		const example = fixture('sales_refund_push.y-doc-example.json');
		const pushed = fixture('trade_push.doc-example.request.json').trade_list[0];
		const refund = {
			...example.api_refund_list[0],
			shop_id: undefined,
			shop_no: 'api_test',
			tid: pushed.tid,
			order_list: [{ oid: pushed.order_list[0].oid, num: 1 }],
		};
		const res = await call(emu, 'sales_refund_push.php', { api_refund_list: JSON.stringify([refund]) });
		expect(res.json).toMatchObject({ code: 0, new_count: 1, chg_count: 0 });
		expect(shape(res.json)).toEqual(shape(example.success));
		const first = await call(emu, 'refund_query.php', { src_refund_no: refund.refund_no });
		expect(first.json.refunds.map((/** @type {any} */ r) => r.process_status)).toEqual(['20']);
		const again = await call(emu, 'sales_refund_push.php', { api_refund_list: JSON.stringify([{ ...refund, status: 1 }]) });
		expect(again.json).toMatchObject({ code: 0, new_count: 0, chg_count: 1 });
		const found = await call(emu, 'refund_query.php', { src_refund_no: refund.refund_no });
		expect(found.json.refunds).toHaveLength(1);
		expect(found.json.refunds[0]).toMatchObject({ src_no: refund.refund_no, tid: pushed.tid, process_status: '10' });
		expect(found.json.refunds[0].refund_order_list.map((/** @type {any} */ l) => l.oid)).toEqual([pushed.order_list[0].oid]);
	});

	test('sales_refund_push: more than 10 refunds a call are refused (2001), nothing taken', async () => {
		const pushed = fixture('trade_push.doc-example.request.json').trade_list[0];
		const refunds = Array.from({ length: 11 }, (_, i) => ({
			platform_id: 127,
			shop_no: 'api_test',
			tid: pushed.tid,
			refund_no: `MANY-${i}`,
			type: 1,
			status: 2,
			refund_time: '2026-03-24 00:00:08',
			order_list: [{ oid: pushed.order_list[0].oid, num: 1 }],
		}));
		const res = await call(emu, 'sales_refund_push.php', { api_refund_list: JSON.stringify(refunds) });
		expect(res.json.code).toBe(2001);
		expect((await call(emu, 'refund_query.php', { src_refund_no: 'MANY-0' })).json.refunds).toEqual([]);
	});
});

describe("the writes' rules and their readings", () => {
	const order = (/** @type {string} */ tid, /** @type {Record<string, unknown>} */ extra = {}) => ({
		...fixture('trade_push.doc-example.request.json').trade_list[0],
		tid,
		order_list: [{ ...fixture('trade_push.doc-example.request.json').trade_list[0].order_list[0], oid: `${tid}-1` }],
		...extra,
	});

	test('trade_push: only the documented trade_status (no 60) and delivery_term (no 4)', async () => {
		const res = await call(emu, 'trade_push.php', {
			shop_no: 'api_test',
			trade_list: JSON.stringify([order('V60', { trade_status: 60 }), order('V4', { delivery_term: 4 }), order('V3', { delivery_term: 3 })]),
		});
		expect(res.json.new_count).toBe(1);
		expect(res.json.errors.map((/** @type {any} */ e) => e.tid)).toEqual(['V60', 'V4']);
	});

	test('tradePushErrors: "list" names the refused orders; "none" answers only the counts, which leave them out', async () => {
		for (const tradePushErrors of /** @type {const} */ (['list', 'none'])) {
			const other = await startEmulator({ pool: { shops: ['shop-a'], perShop: 1 }, tradePushErrors });
			try {
				other.pool.addShop(DOC_SHOP);
				const res = await call(other, 'trade_push.php', {
					shop_no: 'api_test',
					trade_list: JSON.stringify([order('E1'), order('E2', { trade_status: 60 })]),
				});
				expect(res.json).toMatchObject({ code: 0, new_count: 1, chg_count: 0 });
				expect('errors' in res.json).toBe(tradePushErrors === 'list');
			} finally {
				await other.stop();
			}
		}
	});

	test('refundPushErrors: "whole" refuses the call for one refund of an order the ERP lacks (5040, nothing taken); "list" takes the other and names that one', async () => {
		for (const refundPushErrors of /** @type {const} */ (['whole', 'list'])) {
			const other = await startEmulator({ pool: { shops: ['shop-a'], perShop: 1 }, refundPushErrors });
			try {
				other.pool.addShop(DOC_SHOP);
				expect((await call(other, 'trade_push.php', { shop_no: 'api_test', trade_list: JSON.stringify([order('R1')]) })).json.new_count).toBe(1);
				const refund = (/** @type {string} */ refundNo, /** @type {string} */ tid) => ({
					platform_id: 127,
					shop_no: 'api_test',
					tid,
					refund_no: refundNo,
					type: 1,
					status: 2,
					refund_time: '2026-03-24 00:00:08',
					order_list: [{ oid: 'R1-1', num: 1 }],
				});
				const res = await call(other, 'sales_refund_push.php', { api_refund_list: JSON.stringify([refund('RF-1', 'R1'), refund('RF-2', 'NOT-IN-ERP')]) });
				const taken = (await call(other, 'refund_query.php', { src_refund_no: 'RF-1' })).json.refunds;
				if (refundPushErrors === 'whole') {
					expect(res.json).toEqual({ code: 5040, message: expect.stringContaining('NOT-IN-ERP') });
					expect(taken).toEqual([]);
				} else {
					expect(res.json).toEqual({ code: 0, message: 'OK', new_count: 1, chg_count: 0, errors: [{ refund_no: 'RF-2', error: expect.stringContaining('NOT-IN-ERP') }] });
					expect(taken).toHaveLength(1);
				}
				expect((await call(other, 'refund_query.php', { src_refund_no: 'RF-2' })).json.refunds).toEqual([]);
			} finally {
				await other.stop();
			}
		}
	});

	test('trade_push: an unknown shop_id is 1007 店铺ID不存在; an unknown shop_no 2310', async () => {
		expect((await call(emu, 'trade_push.php', { shop_id: '424242', trade_list: JSON.stringify([order('S1')]) })).json).toEqual({
			code: 1007,
			message: '店铺ID不存在',
		});
		expect((await call(emu, 'trade_push.php', { shop_no: 'nope', trade_list: JSON.stringify([order('S1')]) })).json.code).toBe(2310);
	});

	test('enforceAdvisedLimits: more than 50 orders / 50 acks refused (2001), or taken', async () => {
		for (const enforceAdvisedLimits of [true, false]) {
			const other = await startEmulator({ pool: { shops: ['shop-a'], perShop: 1 }, enforceAdvisedLimits });
			try {
				other.pool.addShop(DOC_SHOP);
				const orders = Array.from({ length: 51 }, (_, i) => order(`L${i}`, { buyer_nick: `b${i}` }));
				const pushed = await call(other, 'trade_push.php', { shop_no: 'api_test', trade_list: JSON.stringify(orders) });
				expect([enforceAdvisedLimits, pushed.json.code]).toEqual([enforceAdvisedLimits, enforceAdvisedLimits ? 2001 : 0]);
				const acks = Array.from({ length: 51 }, (_, i) => ({ rec_id: String(i + 1), status: 0 }));
				const acked = await call(other, 'logistics_sync_ack.php', { logistics_list: JSON.stringify(acks) });
				expect([enforceAdvisedLimits, acked.json.code]).toEqual([enforceAdvisedLimits, enforceAdvisedLimits ? 2001 : 0]);
				const fifty = await call(other, 'logistics_sync_ack.php', { logistics_list: JSON.stringify(acks.slice(0, 50)) });
				expect(fifty.json.code).toBe(0);
			} finally {
				await other.stop();
			}
		}
	});

	test('logisticsQueryShop: without a shop, every shop\'s records ("optional"), or 21000003 ("required")', async () => {
		for (const [logisticsQueryShop, code] of /** @type {const} */ ([['optional', 0], ['required', 21000003]])) {
			const other = await startEmulator({ pool: { shops: ['shop-a'], perShop: 1 }, logisticsQueryShop });
			try {
				const res = await call(other, 'logistics_sync_query.php', { limit: '100' });
				expect([logisticsQueryShop, res.json.code]).toEqual([logisticsQueryShop, code]);
			} finally {
				await other.stop();
			}
		}
	});

	test('logistics_sync_ack: status 1 without a message is taken (message 必须 否)', async () => {
		const res = await call(emu, 'logistics_sync_ack.php', { logistics_list: JSON.stringify([{ rec_id: '123', status: 1 }]) });
		expect(res.json.code).toBe(0);
		expect(res.json.errors).toEqual([{ rec_id: '123', error: expect.any(String) }]);
	});

	test('goodsSpecPushCounts: the answer carries new_count/chg_count, or only {code, message}', async () => {
		const info = fixture('api_goodsspec_push.sandbox-test.request.json').api_goods_info;
		for (const goodsSpecPushCounts of [true, false]) {
			const other = await startEmulator({ pool: { shops: ['shop-a'], perShop: 1 }, goodsSpecPushCounts });
			try {
				other.pool.addShop(DOC_SHOP);
				const res = await call(other, 'api_goodsspec_push.php', { api_goods_info: JSON.stringify(info) });
				expect(Object.keys(res.json).sort()).toEqual(goodsSpecPushCounts ? ['chg_count', 'code', 'message', 'new_count'] : ['code', 'message']);
			} finally {
				await other.stop();
			}
		}
	});

	test('a reading with a typo is refused at start, not silently replaced by the default', async () => {
		await expect(startEmulator({ hisWindow: /** @type {any} */ ('30 days') })).rejects.toThrow(/hisWindow must be one of/);
		await expect(startEmulator({ archiveAfterDays: /** @type {any} */ (-1) })).rejects.toThrow(/archiveAfterDays/);
	});
});
