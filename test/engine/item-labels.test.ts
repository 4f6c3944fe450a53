/**
 * Messages say which item the same way on every node: "item 2 (index 1)" (n8n's panels count
 * from 1, expressions from 0). The ack node's wording is covered by its own tests; this is the
 * query node's, when several input items each query their shops.
 */
import { startEmulator } from '../../emulator';
import { WdtGetStockChanges } from '../../nodes/WdtGetStockChanges/WdtGetStockChanges.node';
import { chain, emulatorCredentials, runWorkflow, sourceNode, wdtNode } from '../helpers/engine';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const nodeTypes = { 'n8n-nodes-wdt.wdtGetStockChanges': new WdtGetStockChanges() };

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a'], perShop: 2 }, seed: 2 });
});
afterAll(async () => {
	await emu.stop();
});

async function query(onError?: 'continueRegularOutput') {
	const get = wdtNode('n8n-nodes-wdt.wdtGetStockChanges', 'Get', { shopNos: '={{ $json.shop }}' }, onError ? { onError } : {});
	return await runWorkflow({
		nodeTypes,
		nodes: [sourceNode([{ shop: 'shop-a' }, { shop: 'no-such-shop' }]), get],
		connections: chain('Source', 'Get'),
		credentials: emulatorCredentials(emu),
	});
}

describe('WDT Get Stock Changes names the item of a failed shop', () => {
	it('without Continue: the error says "item 2 (index 1), shop no-such-shop"', async () => {
		const result = await query();
		expect(result.error?.message).toMatch(/^item 2 \(index 1\), shop no-such-shop: .*2310/);
	});

	it('with Continue: the error item says so too, the other item\'s records come through', async () => {
		const result = await query('continueRegularOutput');
		const out = result.output('Get');
		expect(out.filter((item) => typeof item.json.rec_id === 'string')).toHaveLength(2);
		expect(out.find((item) => item.json.error)?.json.error).toMatch(/^item 2 \(index 1\), shop no-such-shop: /);
	});
});
