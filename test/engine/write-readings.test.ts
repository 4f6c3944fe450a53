/**
 * The writes under both readings of each assumed fact they rely on (docs/wdt-contract.md,
 * "Assumed facts and their emulator switches"), through the n8n engine against the emulator:
 * whatever WDT's answer leaves out, no record is claimed written unless the answer says so.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { paidOrder } from '../helpers/shop-orders';
import type { Emulator } from '../helpers/wdt-node';
import { requestsTo, runWdt } from '../helpers/wdt-node';

const CONTINUE = { extra: { onError: 'continueRegularOutput' as const } };
const outcomes = (items: IDataObject[], key: string) => items.map((item) => [item[key], item.outcome]);

async function withEmulator(options: Record<string, unknown>, test: (emu: Emulator) => Promise<void>) {
	const emu = await startEmulator({ pool: { shops: ['shop-a'], perShop: 20 }, seed: 3, shipAfterMs: Number.POSITIVE_INFINITY, ...options });
	try {
		await test(emu);
	} finally {
		await emu.stop();
	}
}

describe.each([
	['list', [['S0', 'new'], ['S1', 'refused']]],
	// Only the counts: 1 new for 2 orders it did not name as refused; which one cannot be told.
	['none', [['S0', 'unknown'], ['S1', 'unknown']]],
] as const)('Order · Push when trade_push names refused orders ("%s")', (tradePushErrors, expected) => {
	it('one good order and one WDT refuses: each outcome as far as the answer tells it', async () => {
		await withEmulator({ tradePushErrors }, async (emu) => {
			// The second order's lines carry the first one's oids: WDT refuses it.
			const input = [paidOrder('S0'), paidOrder('S1', { order_list: paidOrder('S0').order_list })];
			const run = await runWdt(emu, { resource: 'order', operation: 'push', shopNo: 'shop-a' }, { input, ...CONTINUE });
			expect(outcomes(run.json(), 'tid')).toEqual(expected);
			// Pushing again is safe either way: S0 is taken as changed, nothing doubles.
			const again = await runWdt(emu, { resource: 'order', operation: 'push', shopNo: 'shop-a' }, { input: [paidOrder('S0')] });
			expect(outcomes(again.json(), 'tid')).toEqual([['S0', 'changed']]);
			expect(emu.erpOrders.all().filter((order: { tid: string }) => order.tid === 'S0')).toHaveLength(1);
		});
	});
});

describe.each([
	// One refund of an order the ERP lacks refuses the call: neither refund is written.
	['whole', [['refused', 'request'], ['refused', 'request']], 0],
	// WDT names the bad refund and takes the other.
	['list', [['new', undefined], ['refused', 'record']], 1],
] as const)('Refund · Push when sales_refund_push names refused refunds ("%s")', (refundPushErrors, expected, written) => {
	it('a refund of a pushed order and one of an order the ERP lacks: each outcome as the answer tells it, WDT\'s words kept', async () => {
		await withEmulator({ refundPushErrors }, async (emu) => {
			const [held, missing] = emu.fakeShop.generateOrders(2, { shops: ['shop-a'] }) as unknown as IDataObject[];
			const pushed = await runWdt(emu, { resource: 'order', operation: 'push', shopNo: 'shop-a' }, { input: [held] });
			expect(pushed.json()[0].outcome).toBe('new');
			const input = [held, missing].map((order) => emu.fakeShop.issueRefund(order.tid as string, { kind: 'refundOnly' }) as unknown as IDataObject);
			const run = await runWdt(emu, { resource: 'refund', operation: 'push', shopNo: 'shop-a' }, { input, ...CONTINUE });
			expect(run.json().map((item) => [item.outcome, (item.error as IDataObject | undefined)?.scope])).toEqual(expected);
			expect(run.json()[1].error).toMatchObject({ message: expect.stringContaining('tid 必须在旺店通系统中存在') });
			expect(emu.erpOrders.refunds.size).toBe(written);
			// Pushing the good one again is safe under either reading: taken, never doubled.
			const again = await runWdt(emu, { resource: 'refund', operation: 'push', shopNo: 'shop-a' }, { input: [input[0]] });
			expect(again.json()[0].outcome).toBe(written === 1 ? 'changed' : 'new');
			expect(emu.erpOrders.refunds.size).toBe(1);
		});
	});
});

describe.each([
	[true, 'new'],
	// The answer carries no counts: WDT took the call, but nothing says the rows were written.
	[false, 'unknown'],
] as const)('Goods · Push Platform Goods when the answer has new_count / chg_count (%s)', (goodsSpecPushCounts, outcome) => {
	it('rows are "new" only when the counts say so', async () => {
		await withEmulator({ goodsSpecPushCounts }, async (emu) => {
			const input = emu.world.ensure().skus.slice(0, 3).map((sku: { spec_no: string }, i: number) => ({ goods_id: `G${i}`, spec_id: `S${i}`, spec_no: sku.spec_no, status: 1 }));
			expect(input).toHaveLength(3);
			const run = await runWdt(emu, { resource: 'goods', operation: 'pushPlatformGoods', shopNo: 'shop-a' }, { input, ...CONTINUE });
			expect(outcomes(run.json(), 'spec_id')).toEqual(input.map((row: IDataObject) => [row.spec_id, outcome]));
			expect(requestsTo(emu, 'api_goodsspec_push').every((r) => r.accepted)).toBe(true);
		});
	});
});

describe.each([true, false])('WDT refusing more than its advised batch (enforceAdvisedLimits %s)', (enforceAdvisedLimits) => {
	it('Order · Push and Logistics Sync · Acknowledge never send more than 50 a call, so both readings take every record', async () => {
		await withEmulator({ enforceAdvisedLimits }, async (emu) => {
			const orders = emu.fakeShop.generateOrders(60, { shops: ['shop-a'] }) as unknown as IDataObject[];
			const push = await runWdt(emu, { resource: 'order', operation: 'push', shopNo: 'shop-a' }, { input: orders });
			expect(push.error).toBeUndefined();
			expect(push.json().every((order) => order.outcome === 'new')).toBe(true);
			emu.erpOrders.shipDue(Number.POSITIVE_INFINITY);
			const pending = emu.logistics.pending('shop-a') as Array<{ rec_id: string }>;
			expect(pending).toHaveLength(60);
			const ack = await runWdt(emu, { resource: 'logisticsSync', operation: 'acknowledge' }, { input: pending.map((r) => ({ rec_id: r.rec_id })) });
			expect(ack.error).toBeUndefined();
			expect(ack.json().every((record) => record.outcome === 'acked')).toBe(true);
			expect(requestsTo(emu, 'trade_push').map((r) => JSON.parse(r.params?.trade_list as string).length)).toEqual([50, 10]);
			expect(requestsTo(emu, 'logistics_sync_ack').map((r) => JSON.parse(r.params?.logistics_list as string).length)).toEqual([50, 10]);
			expect(emu.logistics.pending('shop-a')).toHaveLength(0);
		});
	});
});

describe.each(['optional', 'required'] as const)('logistics_sync_query without a shop (%s)', (logisticsQueryShop) => {
	it('Logistics Sync · Get Pending always names the shop, so either reading lists its shipments', async () => {
		await withEmulator({ logisticsQueryShop }, async (emu) => {
			const orders = emu.fakeShop.generateOrders(3, { shops: ['shop-a'] }) as unknown as IDataObject[];
			await runWdt(emu, { resource: 'order', operation: 'push', shopNo: 'shop-a' }, { input: orders });
			emu.erpOrders.shipDue(Number.POSITIVE_INFINITY);
			const run = await runWdt(emu, { resource: 'logisticsSync', operation: 'getPending', shopNos: 'shop-a' });
			expect(run.error).toBeUndefined();
			expect(run.json().map((record) => record.tid).sort()).toEqual(orders.map((order) => order.tid).sort());
			expect(requestsTo(emu, 'logistics_sync_query').every((r) => r.params?.shop_no === 'shop-a')).toBe(true);
		});
	});
});
