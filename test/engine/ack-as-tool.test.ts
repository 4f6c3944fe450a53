/**
 * Our nodes as AI Agent tools, through n8n-core's tool wrapper: the `…Tool` node type is
 * connected to an agent's ai_tool input; n8n-core (createNodeAsTool) builds the tool's input
 * schema from the `$fromAI(…)` defaults of the tool variant and runs the node with the
 * model's arguments. The model is scripted (TestAgent); the emulator is real.
 */
import type { IConnections, IDataObject, INode } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { WdtGetStockChanges } from '../../nodes/WdtGetStockChanges/WdtGetStockChanges.node';
import { TestAgent } from '../helpers/TestAgent';
import { emulatorCredentials, runWorkflow, sourceNode, wdtNode } from '../helpers/engine';
import { toolVariantOf } from '../helpers/toolVariant';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const ACK_TOOL = 'n8n-nodes-wdt.wdtAckStockSyncTool';
const QUERY_TOOL = 'n8n-nodes-wdt.wdtGetStockChangesTool';
const nodeTypes = {
	[ACK_TOOL]: toolVariantOf(new WdtAckStockSync()),
	[QUERY_TOOL]: toolVariantOf(new WdtGetStockChanges()),
	'test.agent': new TestAgent(),
};

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a'], perShop: 0 }, seed: 5 });
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => {
	emu.reset();
	emu.pool.clear();
});

/** Source (the scripted model calls) → Agent ← tool node, as the editor wires a tool. */
async function callTool(type: string, name: string, calls: IDataObject[]) {
	const agent: INode = { id: 'agent', name: 'Agent', type: 'test.agent', typeVersion: 1, position: [200, 0], parameters: {} };
	// The tool node as the editor adds it: no parameters set, every field at its default.
	const tool = wdtNode(type, name, {});
	const connections: IConnections = {
		Source: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
		[name]: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
	};
	const result = await runWorkflow({ nodeTypes, nodes: [sourceNode(calls), agent, tool], connections, credentials: emulatorCredentials(emu) });
	expect(result.error).toBeUndefined();
	return result.output('Agent').map((item) => item.json);
}

describe('WDT Ack Stock Sync Tool (usableAsTool) through n8n-core\'s tool wrapper', () => {
	it('asks the model for rec_id, sync_stock and stock_change_count, and acks the record it names', async () => {
		const row = emu.pool.addRecord({ shop_no: 'shop-a', sync_stock: 17, stock_change_count: 4 });
		const [seen] = await callTool(ACK_TOOL, 'WDT Ack Stock Sync', [
			{ args: { rec_id: row.rec_id, sync_stock: 17, stock_change_count: 4 } },
		]);
		expect(seen.tool).toBe('WDT_Ack_Stock_Sync');
		expect(seen.schemaKeys).toEqual(['rec_id', 'stock_change_count', 'sync_stock']);
		expect(String(seen.description)).toMatch(/rec_id.*sync_stock.*stock_change_count/s);
		expect(JSON.parse(String(seen.answer))).toEqual([
			{ rec_id: row.rec_id, sync_stock: 17, stock_change_count: 4, acked: true, outcome: 'acked', attempts: 1 },
		]);
		expect(emu.pool.get(row.rec_id)?.pending).toBe(false);
		expect(emu.requests.filter((r) => r.endpoint === 'api_goods_stock_change_ack.php' && r.accepted)).toHaveLength(1);
	});

	it('a refused ack reaches the model as an error with WDT\'s reason; the record stays pending', async () => {
		const row = emu.pool.addRecord({ shop_no: 'shop-a', sync_stock: 3, stock_change_count: 1 });
		emu.pool.changeStock(row.rec_id, 9);
		const [seen] = await callTool(ACK_TOOL, 'WDT Ack Stock Sync', [
			{ args: { rec_id: row.rec_id, sync_stock: 3, stock_change_count: 1 } },
		]);
		expect(JSON.parse(String(seen.answer)).thrown).toMatch(/库存已变化/);
		expect(emu.pool.get(row.rec_id)?.pending).toBe(true);
	});
});

describe('WDT Get Stock Changes Tool', () => {
	it('asks the model for shop_nos and answers with the pending records, rec_id exact', async () => {
		const rows = [1, 2].map((i) => emu.pool.addRecord({ shop_no: 'shop-a', sync_stock: i, stock_change_count: 1 }));
		const [seen] = await callTool(QUERY_TOOL, 'WDT Get Stock Changes', [{ args: { shop_nos: 'shop-a' } }]);
		expect(seen.schemaKeys).toEqual(['shop_nos']);
		expect(String(seen.description)).toMatch(/shop.*rec_id/s);
		const answer = JSON.parse(String(seen.answer)) as IDataObject[];
		expect(answer.map((record) => record.rec_id)).toEqual(rows.map((row) => row.rec_id));
		expect(answer[0]).toMatchObject({ shop_no: 'shop-a', spec_no: rows[0].spec_no, goods_name: rows[0].goods_name });
	});
});
