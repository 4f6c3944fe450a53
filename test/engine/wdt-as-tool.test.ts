/**
 * The WDT node as an AI Agent's tool (WDT Tool), through n8n-core's tool wrapper: the arguments
 * the model is asked for have clean names and descriptions (issue #29), and the model's values
 * reach WDT. The model is scripted (TestAgent); the emulator is real.
 */
import type { IConnections, IDataObject, INode } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { FROM_AI } from '../../nodes/Wdt/actions/common/listFields';
import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { TestAgent } from '../helpers/TestAgent';
import { emulatorCredentials, runWorkflow, sourceNode, wdtNode } from '../helpers/engine';
import { toolVariantOf } from '../helpers/toolVariant';
import type { Emulator } from '../helpers/wdt-node';
import { requestsTo } from '../helpers/wdt-node';

const TOOL = 'n8n-nodes-wdt.wdtTool';
const nodeTypes = { [TOOL]: toolVariantOf(new Wdt()), 'test.agent': new TestAgent() };

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a'], perShop: 1 }, seed: 7, world: { anchor: '2026-11-28 12:00:00' } });
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => emu.reset());

/** The tool node as the editor adds it for an operation: resource and operation chosen, nothing else set. */
async function callTool(parameters: IDataObject, args: IDataObject) {
	const agent: INode = { id: 'agent', name: 'Agent', type: 'test.agent', typeVersion: 1, position: [200, 0], parameters: {} };
	const tool = wdtNode(TOOL, 'WDT', parameters);
	const connections: IConnections = {
		Source: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
		WDT: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
	};
	const result = await runWorkflow({ nodeTypes, nodes: [sourceNode([{ args }]), agent, tool], connections, credentials: emulatorCredentials(emu) });
	expect(result.error).toBeUndefined();
	return result.output('Agent')[0].json;
}

describe('WDT Tool: the arguments the model fills', () => {
	it('Order · Get Many asks for from, to and limit, each with its description, and reads that range', async () => {
		const seen = await callTool(
			{ resource: 'order', operation: 'getMany' },
			{ from: '2026-11-24 11:00:00', to: '2026-11-24 14:00:00', limit: 3 },
		);
		expect(seen.tool).toBe('WDT');
		expect(seen.schemaKeys).toEqual(['from', 'limit', 'to']);
		expect(seen.schemaDescriptions).toEqual({
			from: FROM_AI.from.description,
			to: FROM_AI.to.description,
			limit: FROM_AI.limit.description,
		});
		const orders = JSON.parse(String(seen.answer)) as IDataObject[];
		expect(orders).toHaveLength(3);
		const first = requestsTo(emu, 'trade_query')[0].params;
		expect([first?.start_time, first?.page_size]).toEqual(['2026-11-24 11:00:00', '3']);
	});

	it('Warehouse · Get Many (no time range) asks only for limit', async () => {
		const seen = await callTool({ resource: 'warehouse', operation: 'getMany' }, { limit: 2 });
		expect(seen.schemaKeys).toEqual(['limit']);
		expect(JSON.parse(String(seen.answer))).toHaveLength(2);
	});

	it('a limit below 1 from the model is refused with the reason, not read as 1', async () => {
		const seen = await callTool({ resource: 'warehouse', operation: 'getMany' }, { limit: 0 });
		expect(JSON.parse(String(seen.answer))).toEqual({ thrown: expect.stringMatching(/^Limit must be a whole number of 1 or more, not 0/) });
		expect(requestsTo(emu, 'warehouse_query')).toHaveLength(0);
	});
});
