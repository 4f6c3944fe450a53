/**
 * The whole loop through the n8n engine: the example workflow file as shipped
 * (examples/stock-sync-loop.workflow.json: Manual Trigger → WDT · Stock Sync · Get Pending → HTTP Request to
 * the shop → Merge → WDT Ack Stock Sync → If on acked) against the emulator. n8n's own nodes are
 * played by the stand-ins of scripts/stand-ins.js (n8n-nodes-base is not a dependency).
 */
import type { IConnections, IDataObject, INode, INodeType } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import triggerWorkflow from '../../examples/stock-change-trigger.workflow.json';
import exampleWorkflow from '../../examples/stock-sync-loop.workflow.json';
import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { standInNodeTypes } from '../../scripts/stand-ins';
import { chain, emulatorCredentials, runWorkflow, sourceNode } from '../helpers/engine';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const QUERY = 'api_goods_stock_change_query.php';
const EXAMPLE_SHOP_URL = 'http://127.0.0.1:8650/fake-shop/stock';
const GET = 'WDT Get Pending Stock Changes';
const PUSH = 'Push Stock to Shop';
const ACK = 'WDT Ack Stock Sync';

const nodeTypes: Record<string, INodeType> = {
	...(standInNodeTypes() as unknown as Record<string, INodeType>),
	'n8n-nodes-wdt.wdt': new Wdt(),
	'n8n-nodes-wdt.wdtAckStockSync': new WdtAckStockSync(),
	'n8n-nodes-wdt.wdtTrigger': new WdtTrigger(),
};

/** The example as shipped, its shop URL pointed at this emulator's fake shop. */
function example(
	emu: Emulator,
	file: object = exampleWorkflow,
): { nodes: INode[]; connections: IConnections } {
	const text = JSON.stringify(file);
	expect(text).toContain(EXAMPLE_SHOP_URL);
	return JSON.parse(text.split(EXAMPLE_SHOP_URL).join(emu.fakeShopUrl)) as {
		nodes: INode[];
		connections: IConnections;
	};
}


async function runExample(emu: Emulator) {
	const { nodes, connections } = example(emu);
	return await runWorkflow({ nodeTypes, nodes, connections, credentials: emulatorCredentials(emu, 'wdt-demo') /* the example's credential id */ });
}

/** The example's Stock Sync · Get Pending alone, as the example configures it. */
async function queryAgain(emu: Emulator) {
	const get = example(emu).nodes.find((node) => node.name === GET) as INode;
	const result = await runWorkflow({
		nodeTypes,
		nodes: [sourceNode([{}]), get],
		connections: chain('Source', GET),
		credentials: emulatorCredentials(emu, 'wdt-demo') /* the example's credential id */,
	});
	expect(result.error).toBeUndefined();
	return result.output(GET);
}

function shopMatchesErp(emu: Emulator): boolean {
	return emu.pool
		.all()
		.every((row) => emu.shopStock.stock(row.shop_no, row.spec_no) === row.sync_stock);
}

describe('the stock-sync loop (examples/stock-sync-loop.workflow.json) through the n8n engine', () => {
	let emu: Emulator;
	/** Runs synchronously when the emulator has answered a request (before the client reads it). */
	let onRequest: ((entry: Emulator['requests'][number]) => void) | undefined;
	beforeEach(async () => {
		onRequest = undefined;
		emu = await startEmulator({
			pool: { shops: ['shop-a', 'shop-b'], perShop: 150 },
			seed: 21,
			onRequest: (entry) => onRequest?.(entry),
		});
	});
	afterEach(async () => {
		await emu.stop();
	});

	it('query → push → ack leaves the pool empty, the shop in step with the ERP, and a second query empty', async () => {
		expect(emu.pool.pendingCount()).toBe(300);
		const result = await runExample(emu);
		expect(result.error).toBeUndefined();
		expect(result.output(GET)).toHaveLength(300);
		expect(result.output(PUSH)).toHaveLength(300);
		expect(result.output(ACK).filter((item) => item.json.acked === true)).toHaveLength(300);
		expect(emu.shopPushes).toHaveLength(300);
		expect(emu.pool.pendingCount()).toBe(0);
		expect(shopMatchesErp(emu)).toBe(true);
		// The push carried the queried values, rec_id as the exact string.
		const push = emu.shopPushes[0];
		const row = emu.pool.get(push.rec_id as string);
		expect(push).toMatchObject({
			shop_no: row?.shop_no,
			spec_no: row?.spec_no,
			stock: row?.sync_stock,
		});
		expect(await queryAgain(emu)).toHaveLength(0);
	});

	it('a stock change between query and ack is not cleared by the stale ack and comes back on the next query', async () => {
		let changed: { rec_id: string; stock_change_count: number } | undefined;
		const target = emu.pool.pending('shop-a')[10];
		// Right after the query answered (before any push or ack), the ERP's stock changes.
		onRequest = (entry) => {
			if (entry.endpoint === QUERY && !changed)
				changed = emu.pool.changeStock(target.rec_id, target.sync_stock + 7);
		};
		const first = await runExample(emu);
		onRequest = undefined;
		expect(changed?.stock_change_count).toBe(target.stock_change_count + 1);
		// The ack of the old count was refused for this record only; every other record was acked.
		const acked = first.output(ACK).filter((item) => item.json.acked === true);
		// The example acks with "On Error → Continue": the refusal is the record's own output item.
		expect(first.error).toBeUndefined();
		expect(acked).toHaveLength(299);
		const refused = first.output(ACK).filter((item) => item.json.acked !== true);
		expect(refused.map((item) => [item.json.rec_id, (item.json.error as { scope?: string }).scope])).toEqual([[target.rec_id, 'record']]);
		expect(emu.pool.pendingCount()).toBe(1);
		const row = emu.pool.get(target.rec_id);
		expect(row).toMatchObject({
			pending: true,
			stock_change_count: target.stock_change_count + 1,
			sync_stock: target.sync_stock + 7,
		});

		// The next query brings it back with the new count and stock; the next loop clears it.
		const again = await queryAgain(emu);
		expect(again.map((item) => item.json)).toEqual([
			expect.objectContaining({
				rec_id: target.rec_id,
				sync_stock: target.sync_stock + 7,
				stock_change_count: target.stock_change_count + 1,
			}),
		]);
		const second = await runExample(emu);
		expect(second.error).toBeUndefined();
		expect(emu.pool.pendingCount()).toBe(0);
		expect(shopMatchesErp(emu)).toBe(true);
	});

	it('a failed push acks nothing: the records stay pending for the next run', async () => {
		emu.faults.add({ endpoint: 'fake-shop', kind: 'http', status: 500 });
		const result = await runExample(emu);
		expect(result.error?.message).toMatch(/500/);
		expect(result.output(ACK)).toHaveLength(0);
		expect(emu.pool.pendingCount()).toBe(300);
	});

	it('works end to end when the gateway sends rec_id as a bare 19-digit number', async () => {
		await emu.stop();
		emu = await startEmulator({
			pool: { shops: ['shop-a', 'shop-b'], perShop: 40 },
			seed: 22,
			recIdAsNumber: true,
		});
		const result = await runExample(emu);
		expect(result.error).toBeUndefined();
		const recIds = result.output(GET).map((item) => item.json.rec_id as string);
		expect(recIds.every((id) => /^\d{19}$/.test(id))).toBe(true);
		expect(new Set(recIds)).toEqual(new Set(emu.pool.all().map((row) => row.rec_id)));
		expect(emu.pool.pendingCount()).toBe(0);
		expect((emu.shopPushes as IDataObject[]).map((p) => p.rec_id).sort()).toEqual(
			[...recIds].sort(),
		);
	});

	it('the trigger example, run by hand ("Execute workflow"), closes the loop too', async () => {
		const { nodes, connections } = example(emu, triggerWorkflow);
		const result = await runWorkflow({
			nodeTypes,
			nodes,
			connections,
			credentials: emulatorCredentials(emu, 'wdt-demo') /* the example's credential id */,
		});
		expect(result.error).toBeUndefined();
		expect(result.output('WDT Stock Changes to Sync')).toHaveLength(300);
		expect(result.output(ACK).filter((item) => item.json.acked === true)).toHaveLength(300);
		expect(emu.pool.pendingCount()).toBe(0);
	});
});

describe('the example files', () => {
	it.each([
		['stock-sync-loop', exampleWorkflow],
		['stock-change-trigger', triggerWorkflow],
	])(
		'%s names our nodes as n8n-nodes-wdt.<name> and the credential "WDT account" (wdt-demo)',
		(_name, file) => {
			const nodes = (file as unknown as { nodes: INode[] }).nodes;
			for (const node of nodes.filter((n) => n.type.startsWith('n8n-nodes-wdt.'))) {
				expect(nodeTypes[node.type]).toBeDefined();
				expect(node.credentials).toEqual({ wdtApi: { id: 'wdt-demo', name: 'WDT account' } });
			}
			expect(nodes.find((n) => n.type === 'n8n-nodes-base.httpRequest')?.typeVersion).toBe(4.2);
		},
	);
});
