import type { IDataObject, INode, INodeParameters, INodeType } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { WdtGetStockChanges } from '../../nodes/WdtGetStockChanges/WdtGetStockChanges.node';
import { chain, emulatorCredentials, runWorkflow, sourceNode, wdtNode } from '../helpers/engine';

/**
 * pairedItem set by our nodes themselves. n8n-core fills in `{ item: i }` on its own whenever a
 * node has one output and as many output items as input items (or one input, or one output
 * item), so a test in those shapes passes even when a node sets nothing or the wrong item. These
 * cases use shapes n8n-core leaves alone: two outputs (the error output), and counts that differ.
 */
type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const nodeTypes: Record<string, INodeType> = {
	'n8n-nodes-wdt.wdtAckStockSync': new WdtAckStockSync(),
	'n8n-nodes-wdt.wdtGetStockChanges': new WdtGetStockChanges(),
};

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 0 }, seed: 5 });
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => {
	emu.reset();
	emu.pool.clear();
});

async function run(type: string, items: IDataObject[], parameters: INodeParameters, extra: Partial<INode> = {}) {
	return await runWorkflow({
		nodeTypes,
		nodes: [sourceNode(items), wdtNode(type, 'Node', parameters, extra)],
		connections: chain('Source', 'Node'),
		credentials: emulatorCredentials(emu),
	});
}

function seed(count: number): IDataObject[] {
	return Array.from({ length: count }, () => {
		const row = emu.pool.addRecord({ shop_no: 'shop-a', sync_stock: 8, stock_change_count: 3 });
		return { rec_id: row.rec_id, sync_stock: row.sync_stock, stock_change_count: row.stock_change_count };
	});
}

describe('pairedItem that n8n-core would not fill in', () => {
	it('Ack with the error output: acked items and refused ones each keep their own input item', async () => {
		const items = seed(5);
		// Items 1 and 3 changed after the query: WDT refuses their stale acks.
		emu.pool.changeStock(String(items[1].rec_id), 1);
		emu.pool.changeStock(String(items[3].rec_id), 2);
		const result = await run('n8n-nodes-wdt.wdtAckStockSync', items, { mappingMode: 'auto' }, { onError: 'continueErrorOutput' });
		expect(result.error).toBeUndefined();
		const acked = result.output('Node', 0);
		const refused = result.output('Node', 1);
		expect(acked.map((i) => [i.json.rec_id, i.pairedItem])).toEqual([
			[items[0].rec_id, { item: 0 }],
			[items[2].rec_id, { item: 2 }],
			[items[4].rec_id, { item: 4 }],
		]);
		expect(refused.map((i) => [(i.json.details as IDataObject).rec_id, i.pairedItem])).toEqual([
			[items[1].rec_id, { item: 1 }],
			[items[3].rec_id, { item: 3 }],
		]);
	});

	it('Ack, One Item per Request: each answer is paired with every item its request covered', async () => {
		const items = seed(3);
		// Items 0 and 2 are the same record: sent once, both paired with the answer.
		const result = await run('n8n-nodes-wdt.wdtAckStockSync', [items[0], items[1], items[0], items[2]], {
			mappingMode: 'auto',
			options: { batchSize: 2, outputMode: 'perRequest' },
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Node').map((i) => i.pairedItem)).toEqual([[{ item: 0 }, { item: 2 }, { item: 1 }], [{ item: 3 }]]);
	});

	it('Get Stock Changes: records are paired with the input item whose shop they came from, not item 0', async () => {
		emu.pool.addRecord({ shop_no: 'shop-b' });
		// Two input items, one output item: n8n-core alone would pair it with item 0.
		const result = await run('n8n-nodes-wdt.wdtGetStockChanges', [{ shop: 'shop-a' }, { shop: 'shop-b' }], {
			shopNos: '={{ $json.shop }}',
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Node').map((i) => [i.json.shop_no, i.pairedItem])).toEqual([['shop-b', { item: 1 }]]);
	});
});
