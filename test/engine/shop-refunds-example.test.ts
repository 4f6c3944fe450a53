/**
 * examples/shop-refunds-in.workflow.json as shipped, through the n8n engine against the emulator
 * (n8n's own nodes played by the stand-ins of scripts/shop-stand-ins.js): the shop's refunds of
 * orders the ERP holds reach "In the ERP" as "new"; a refund of an order the ERP never got is
 * refused by WDT (5040) and reaches "Refused — check", with its refund number and WDT's words.
 */
import type { IConnections, INode, INodeType } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { refillPools } from '../../emulator/refill';
import example from '../../examples/shop-refunds-in.workflow.json';
import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { shopStandInNodeTypes } from '../../scripts/shop-stand-ins';
import { emulatorCredentials, runWorkflow } from '../helpers/engine';

const EXAMPLE_BASE = 'http://127.0.0.1:8650/fake-shop/';
const nodeTypes: Record<string, INodeType> = {
	...(shopStandInNodeTypes() as unknown as Record<string, INodeType>),
	'n8n-nodes-wdt.wdt': new Wdt(),
};

it('refunds in: the held orders\' refunds to "In the ERP", an old order\'s refund to "Refused — check"', async () => {
	const emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 10 }, seed: 4 });
	try {
		refillPools(emu, { orders: 3, shops: ['shop-a'] });
		const held = emu.fakeShop.list();
		const taken = held.map((order, i) => emu.fakeShop.issueRefund(order.tid, { kind: (['return', 'refundOnly', 'returnOne'] as const)[i] }));
		const old = emu.fakeShop.refunds.issue({ ...held[0], shop_no: 'shop-b', tid: 'OLD-ORDER-1' }, { kind: 'refundOnly' });
		const text = JSON.stringify(example);
		expect(text).toContain(EXAMPLE_BASE);
		const { nodes, connections } = JSON.parse(text.split(EXAMPLE_BASE).join(emu.fakeShopUrl.replace(/stock$/, ''))) as { nodes: INode[]; connections: IConnections };
		const run = await runWorkflow({ nodeTypes, nodes, connections, credentials: emulatorCredentials(emu, 'wdt-demo') });
		expect(run.error).toBeUndefined();
		expect(run.output('In the ERP').map((i) => [i.json.refund_no, i.json.outcome]).sort()).toEqual(taken.map((r) => [r.refund_no, 'new']).sort());
		const refused = run.output('Refused — check');
		expect(refused.map((i) => [i.json.refund_no, i.json.tid, i.json.outcome])).toEqual([[old.refund_no, 'OLD-ORDER-1', 'refused']]);
		expect(refused[0].json.error).toMatchObject({ code: 5040, message: expect.stringMatching(/tid 必须在旺店通系统中存在/) });
		expect(emu.shopSummary().refunds).toMatchObject({ equal: 3, missing: [{ refund_no: old.refund_no }] });
	} finally {
		await emu.stop();
	}
});
