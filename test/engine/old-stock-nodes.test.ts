/**
 * Workflows saved with the old stock nodes (WDT Get Stock Changes, WDT Stock Change Trigger) and
 * with the WDT Trigger's Shipments event before its memory changed, as the n8n editor saved them
 * (test/fixtures/saved-workflows/: only the parameters that differ from their defaults, the
 * trigger's memory in `staticData` as the old code wrote it), run through the real engine
 * against the emulator. The oracles: the emulator's own state (what is pending, in its order),
 * and what the WDT node's Stock Sync · Get Pending and the WDT Trigger's Stock Changes to Sync
 * give for the same state. These tests passed on the code before the move (commit 80298b0).
 */
import type { IConnections, IDataObject, INode, INodeType } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { wdtTriggerClock } from '../../nodes/Wdt/trigger/clock';
import { readMemory } from '../../nodes/Wdt/trigger/memoryCodec';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';

import { WdtGetStockChanges } from '../../nodes/WdtGetStockChanges/WdtGetStockChanges.node';
import { WdtStockChangeTrigger } from '../../nodes/WdtStockChangeTrigger/WdtStockChangeTrigger.node';
import { standInNodeTypes } from '../../scripts/stand-ins';
import savedGet from '../fixtures/saved-workflows/old-get-stock-changes.workflow.json';
import savedTrigger from '../fixtures/saved-workflows/old-stock-change-trigger.workflow.json';
import savedShipments from '../fixtures/saved-workflows/old-wdt-trigger-shipments.workflow.json';
import { emulatorCredentials, runWorkflow } from '../helpers/engine';
import { MEMORY_SAVED_AT, seedOldShipments, seedOldState } from '../helpers/old-stock-state';
import { pollAsActiveWorkflow } from '../helpers/poll';
import type { Emulator } from '../helpers/wdt-node';
import { requestsTo } from '../helpers/wdt-node';

const MINUTE = 60_000;
const EXAMPLE_SHOP_URL = 'http://127.0.0.1:8650/fake-shop/stock';
const GET = 'WDT Get Stock Changes';
const TRIGGER = 'WDT Stock Change Trigger';

const nodeTypes: Record<string, INodeType> = {
	...(standInNodeTypes() as unknown as Record<string, INodeType>),
	'n8n-nodes-wdt.wdtGetStockChanges': new WdtGetStockChanges(),
	'n8n-nodes-wdt.wdtStockChangeTrigger': new WdtStockChangeTrigger(),
	'n8n-nodes-wdt.wdtAckStockSync': new WdtAckStockSync(),
	'n8n-nodes-wdt.wdtTrigger': new WdtTrigger(),
	'n8n-nodes-wdt.wdt': new Wdt(),
};

/** A saved workflow as n8n loads it: nodes, connections and (a copy of) its static data. */
function load(file: object, emu: Emulator) {
	const text = JSON.stringify(file).split(EXAMPLE_SHOP_URL).join(emu.fakeShopUrl);
	const workflow = JSON.parse(text) as { nodes: INode[]; connections: IConnections; staticData: IDataObject | null };
	return { ...workflow, staticData: workflow.staticData ?? {} };
}

/** The emulator's pending records of the shops, in its query order (the oracle). */
function pendingOf(emu: Emulator, shops: string[], perShop = Number.POSITIVE_INFINITY) {
	return shops.flatMap((shop) => emu.pool.pending(shop).slice(0, perShop));
}

describe('a workflow saved with WDT Get Stock Changes', () => {
	let emu: Emulator;
	beforeEach(async () => {
		emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 150 }, seed: 41 });
	});
	afterEach(async () => {
		await emu.stop();
	});

	it('runs unchanged: its saved parameters and defaults (Limit 100, Fetch All Pending on) read, push and ack the same records', async () => {
		const expected = pendingOf(emu, ['shop-a', 'shop-b'], 100);
		const { nodes, connections } = load(savedGet, emu);

		// What the WDT node's Stock Sync · Get Pending gives with the same parameters, same state.
		const saved = nodes.find((node) => node.name === GET) as INode;
		const viaWdt = await runWorkflow({
			nodeTypes,
			nodes: [
				nodes[0],
				{ ...saved, type: 'n8n-nodes-wdt.wdt', parameters: { resource: 'stockSync', operation: 'getPending', ...saved.parameters } },
			],
			connections: { [nodes[0].name]: connections[nodes[0].name] },
			credentials: emulatorCredentials(emu, 'wdt-demo'),
		});
		expect(viaWdt.error).toBeUndefined();
		emu.reset();

		const result = await runWorkflow({ nodeTypes, nodes, connections, credentials: emulatorCredentials(emu, 'wdt-demo') });
		expect(result.error).toBeUndefined();
		expect(result.output(GET)).toEqual(viaWdt.output(GET));
		expect(result.run.data.resultData.runData[GET][0].hints).toEqual(viaWdt.run.data.resultData.runData[GET][0].hints);

		const items = result.output(GET);
		expect(items.map((item) => item.json.rec_id)).toEqual(expected.map((row) => row.rec_id));
		for (const [i, item] of items.entries()) {
			expect(item.json).toMatchObject({
				shop_no: expected[i].shop_no,
				spec_no: expected[i].spec_no,
				sync_stock: expected[i].sync_stock,
				stock_change_count: expected[i].stock_change_count,
			});
			expect(item.pairedItem).toEqual({ item: 0 });
		}
		// Limit's default (100) was sent; the gateway repeated its page, so each shop was asked twice.
		const queries = requestsTo(emu, 'api_goods_stock_change_query');
		expect(queries.map((r) => [r.params?.shop_no, r.params?.limit])).toEqual([
			['shop-a', '100'],
			['shop-a', '100'],
			['shop-b', '100'],
			['shop-b', '100'],
		]);
		const hints = (result.run.data.resultData.runData[GET][0].hints ?? []).map((hint) => hint.message);
		expect(hints).toEqual([
			expect.stringMatching(/^Shop shop-a: WDT answered the same 100 pending records again/),
			expect.stringMatching(/^Shop shop-b: WDT answered the same 100 pending records again/),
		]);

		// The rest of the loop did what it did before: exactly the queried records left the queue.
		const left = new Set(pendingOf(emu, ['shop-a', 'shop-b']).map((row) => row.rec_id));
		expect(left.size).toBe(100);
		expect(expected.some((row) => left.has(row.rec_id))).toBe(false);
		for (const row of expected) expect(emu.shopStock.stock(row.shop_no, row.spec_no)).toBe(row.sync_stock);
	});
});

describe('a workflow saved with WDT Stock Change Trigger', () => {
	let emu: Emulator;
	let now = MEMORY_SAVED_AT;
	const realNow = wdtTriggerClock.now;
	beforeAll(async () => {
		emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 0 }, seed: 42 });
		wdtTriggerClock.now = () => now;
	});
	afterAll(async () => {
		wdtTriggerClock.now = realNow;
		await emu.stop();
	});
	beforeEach(() => {
		emu.reset();
		seedOldState(emu);
		now = MEMORY_SAVED_AT;
	});

	async function poll(file: object, staticData: IDataObject, nodeName: string) {
		const { nodes } = load(file, emu);
		const { data } = await pollAsActiveWorkflow({
			nodeTypes,
			nodes: nodes.filter((node) => node.name === nodeName),
			connections: {},
			credentials: emulatorCredentials(emu, 'wdt-demo'),
			staticData,
			nodeName,
		});
		return data === null ? null : data[0].map((item) => item.json);
	}
	const recIds = (items: IDataObject[] | null) => (items ?? []).map((item) => item.rec_id);

	it('activated afresh: emits every pending record once (what the WDT Trigger\'s Stock Changes to Sync emits), and again after its saved default of 30 minutes', async () => {
		const staticData: IDataObject = {};
		const first = await poll(savedTrigger, staticData, TRIGGER);
		const expected = pendingOf(emu, ['shop-a', 'shop-b']);
		expect(recIds(first)).toEqual(expected.map((row) => row.rec_id));
		const event = {
			nodes: [
				{
					...savedTrigger.nodes[0],
					name: 'WDT Trigger',
					type: 'n8n-nodes-wdt.wdtTrigger',
					parameters: { ...savedTrigger.nodes[0].parameters, event: 'stockChangesToSync' },
				},
			],
		};
		expect(await poll(event, {}, 'WDT Trigger')).toEqual(first);
		expect(first?.[0]).toMatchObject({ shop_no: 'shop-a', spec_no: 'A-0', sync_stock: 10, stock_change_count: 1 });

		now += 29 * MINUTE + 59_999;
		expect(await poll(savedTrigger, staticData, TRIGGER)).toBeNull();
		now = MEMORY_SAVED_AT + 30 * MINUTE;
		expect(recIds(await poll(savedTrigger, staticData, TRIGGER))).toEqual(expected.map((row) => row.rec_id));
	});

	it('with the memory the old version saved: no re-emit storm after the upgrade; a new stock_change_count at once, the rest after 30 minutes', async () => {
		const { staticData } = load(savedTrigger, emu);
		now = MEMORY_SAVED_AT + 5 * MINUTE;
		expect(await poll(savedTrigger, staticData, TRIGGER)).toBeNull();

		const changed = emu.pool.changeStock(emu.pool.pending('shop-b')[4].rec_id, 77);
		now = MEMORY_SAVED_AT + 10 * MINUTE;
		expect(await poll(savedTrigger, staticData, TRIGGER)).toEqual([
			expect.objectContaining({ rec_id: changed.rec_id, sync_stock: 77, stock_change_count: changed.stock_change_count }),
		]);

		now = MEMORY_SAVED_AT + 30 * MINUTE;
		const rest = pendingOf(emu, ['shop-a', 'shop-b']).filter((row) => row.rec_id !== changed.rec_id);
		expect(recIds(await poll(savedTrigger, staticData, TRIGGER))).toEqual(rest.map((row) => row.rec_id));
	});
});

describe('a workflow saved with the WDT Trigger\'s Shipments to Sync event', () => {
	let emu: Emulator;
	let now = MEMORY_SAVED_AT;
	const realNow = wdtTriggerClock.now;
	beforeAll(async () => {
		emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 3 }, seed: 9, shipAfterMs: Number.POSITIVE_INFINITY });
		wdtTriggerClock.now = () => now;
	});
	afterAll(async () => {
		wdtTriggerClock.now = realNow;
		await emu.stop();
	});

	it('with the memory the old version saved: nothing again before its 10 minutes, then the still pending ones', async () => {
		const shipments = seedOldShipments(emu);
		const { nodes, staticData } = load(savedShipments, emu);
		const poll = async () => {
			const { data } = await pollAsActiveWorkflow({
				nodeTypes,
				nodes,
				connections: {},
				credentials: emulatorCredentials(emu, 'wdt-demo'),
				staticData,
				nodeName: 'WDT Trigger',
			});
			return data === null ? null : data[0].map((item) => item.json.rec_id);
		};
		// The fixture's memory names exactly these records (else the emulator's ids moved: re-record it).
		expect(Object.keys((staticData['node:WDT Trigger'] as { shipments: { emitted: IDataObject } }).shipments.emitted)).toEqual(
			shipments.map((record) => record.rec_id),
		);
		now = MEMORY_SAVED_AT + 5 * MINUTE;
		expect(await poll()).toBeNull();
		// Read once, then kept in the shared memory: the old key is gone.
		const state = staticData['node:WDT Trigger'] as IDataObject;
		expect(state.shipments).toBeUndefined();
		expect([...readMemory(state)].map(([recId, [, at]]) => [recId, at])).toEqual(
			shipments.map((record) => [record.rec_id, MEMORY_SAVED_AT]),
		);
		// A shipment that changed since the old version emitted it comes at once.
		const queue = emu.logistics.pendingMap('shop-a');
		queue.get(shipments[1].rec_id)!.logistics_no = 'YT0000000000001';
		now = MEMORY_SAVED_AT + 6 * MINUTE;
		expect(await poll()).toEqual([shipments[1].rec_id]);

		now = MEMORY_SAVED_AT + 10 * MINUTE;
		expect(await poll()).toEqual([shipments[0].rec_id, shipments[2].rec_id]);
	});
});
