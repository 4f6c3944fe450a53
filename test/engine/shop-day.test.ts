/**
 * The chained example (examples/shop-day.workflow.json: orders in → stock out → shipments back →
 * refunds in) as shipped, through the n8n engine against the emulator, with the stand-ins of
 * scripts/shop-stand-ins.js for n8n's own nodes: after one run both pools are empty and the shop
 * agrees with the ERP; a second run re-pushes the orders as "changed" and changes nothing else.
 * With refunds after delivery, the first run pushes them (a return's goods come back to stock)
 * and the second run tells the shop the new stock: then shop = ERP for refunds and stock.
 */
import type { IConnections, INode, INodeType } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import shopDay from '../../examples/shop-day.workflow.json';
import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { shopStandInNodeTypes } from '../../scripts/shop-stand-ins';
import { emulatorCredentials, runWorkflow } from '../helpers/engine';
import type { Emulator } from '../helpers/wdt-node';

const EXAMPLE_BASE = 'http://127.0.0.1:8650/fake-shop/';
const nodeTypes: Record<string, INodeType> = {
	...(shopStandInNodeTypes() as unknown as Record<string, INodeType>),
	'n8n-nodes-wdt.wdt': new Wdt(),
	'n8n-nodes-wdt.wdtAckStockSync': new WdtAckStockSync(),
};

describe('the shop day (examples/shop-day.workflow.json) through the n8n engine', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 12 }, seed: 13, shipAfterMs: 0 });
	});
	afterAll(async () => {
		await emu.stop();
	});

	const run = async () => {
		const text = JSON.stringify(shopDay);
		expect(text).toContain(EXAMPLE_BASE);
		const { nodes, connections } = JSON.parse(text.split(EXAMPLE_BASE).join(emu.fakeShopUrl.replace(/stock$/, ''))) as {
			nodes: INode[];
			connections: IConnections;
		};
		return await runWorkflow({ nodeTypes, nodes, connections, credentials: emulatorCredentials(emu, 'wdt-demo') });
	};

	it('closes the three loops without refunds in one run; a second run re-pushes the orders as "changed" and leaves the rest as it was', async () => {
		const orders = emu.fakeShop.generateOrders(9, { unpaidRatio: 0.2 });
		emu.fakeShop.refuseShipments({ count: 1, message: '平台拒绝发货:订单已申请退款' });
		const first = await run();
		expect(first.error).toBeUndefined();
		expect(first.output('WDT Order Push').map((i) => i.json.outcome)).toEqual(orders.map(() => 'new'));
		const acks = first.output('WDT Acknowledge Shipments').map((i) => [i.json.status, i.json.outcome]);
		const paid = orders.filter((o) => o.pay_status === 2).length;
		expect(acks).toHaveLength(paid);
		expect(acks.filter(([status]) => status === 1)).toEqual([[1, 'acked']]);
		// The shipment the shop refused lands in the branch to check, traceable to its order and tracking number.
		const refused = first.output('Refused by shop — check');
		expect(refused).toHaveLength(1);
		expect(refused[0].json).toMatchObject({ status: 1, outcome: 'acked', message: '平台拒绝发货:订单已申请退款', success: false, shop_no: expect.any(String) });
		expect(refused[0].json.tid).toEqual(expect.any(String));
		expect(refused[0].json.logistics_no).toEqual(expect.any(String));
		expect(emu.logistics.get(refused[0].json.rec_id as string)).toMatchObject({ tid: refused[0].json.tid, sync_status: 2, error_msg: '平台拒绝发货:订单已申请退款' });
		const synced = first.output('Synced to shop');
		expect(synced).toHaveLength(paid - 1);
		expect(synced.every((item) => item.json.status === 0 && typeof item.json.tid === 'string' && typeof item.json.logistics_no === 'string')).toBe(true);
		expect(first.output('Not acked — check')).toHaveLength(0);
		const summary = emu.shopSummary();
		expect(summary).toMatchObject({
			ok: true,
			stock: { pending: 0, different: [], missing: [] },
			logistics: { pending: 0, synced: paid - 1, failed: 1 },
			tracking: { different: [], refusedByShop: 1, equal: paid - 1 },
		});

		const second = await run();
		expect(second.error).toBeUndefined();
		expect(second.output('WDT Order Push').map((i) => i.json.outcome)).toEqual(orders.map(() => 'changed'));
		expect(second.output('WDT Acknowledge Shipments')).toHaveLength(0);
		expect(emu.shopSummary()).toMatchObject({ ok: true, logistics: { pending: 0, synced: paid - 1, failed: 1 } });
		expect(emu.erpOrders.all()).toHaveLength(orders.length);
	});

	it('refunds in: the buyers\' refunds after delivery are pushed in the same run, the returned goods reach the shop in the next; a refund of an order the ERP lacks lands in "Refund refused — check"', async () => {
		const own = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 12 }, seed: 21, shipAfterMs: 0 });
		const previous = emu;
		emu = own;
		try {
			emu.fakeShop.generateOrders(6);
			emu.fakeShop.refundAfterDelivery({ count: 3 });
			const first = await run();
			expect(first.error).toBeUndefined();
			const pushed = first.output('WDT Refund Push');
			expect(pushed.map((i) => i.json.outcome)).toEqual(['new', 'new', 'new']);
			expect(pushed.map((i) => i.json.type)).toEqual([2, 4, 2]);
			expect(first.output('Refund in ERP')).toHaveLength(3);
			expect(first.output('Refund refused — check')).toHaveLength(0);
			const afterFirst = emu.shopSummary();
			expect(afterFirst.refunds).toEqual({ inShop: 3, inErp: 3, pushedNew: 3, pushedChanged: 0, equal: 3, missing: [], different: [], returnsReceived: 2 });
			// the returned goods are on sale again: their stock changes wait for the next run's stock loop
			expect(afterFirst.stock.pending).toBeGreaterThan(0);
			expect(afterFirst.ok).toBe(false);

			const second = await run();
			expect(second.error).toBeUndefined();
			expect(second.output('WDT Refund Push').map((i) => i.json.outcome)).toEqual(['changed', 'changed', 'changed']);
			expect(emu.shopSummary()).toMatchObject({ ok: true, stock: { pending: 0, different: [] }, refunds: { equal: 3, missing: [] } });

			// a buyer asks for a refund of an old order, from before the shop was joined to the ERP
			const old = { ...emu.fakeShop.list()[0], tid: 'OLD-ORDER-1', shop_no: 'shop-b' };
			const orphan = emu.fakeShop.refunds.issue(old, { kind: 'refundOnly' });
			const third = await run();
			expect(third.error).toBeUndefined();
			expect(third.output('Refund refused — check').map((i) => [i.json.refund_no, i.json.outcome, (i.json.error as { code?: number }).code])).toEqual([[orphan.refund_no, 'refused', 5040]]);
			expect(emu.shopSummary()).toMatchObject({ ok: false, refunds: { missing: [{ shop_no: 'shop-b', refund_no: orphan.refund_no, tid: 'OLD-ORDER-1' }] } });
		} finally {
			emu = previous;
			await own.stop();
		}
	});
});
