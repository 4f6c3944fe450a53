/**
 * Polling the stock-change queue as an active workflow does, through n8n-core's PollContext
 * against the emulator: the WDT Trigger's Stock Changes to Sync event and the hidden WDT Stock
 * Change Trigger, which poll the same queue with the same memory and rule (nodes/Wdt/trigger/).
 * Every test runs on both; only their Re-Emit After field (name, default) and the name of a
 * failed shop differ.
 */
import type { IDataObject, INode, INodeType } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { wdtTriggerClock as triggerClock } from '../../nodes/Wdt/trigger/clock';
import { MAX_ENTRIES, selectAndRemember } from '../../nodes/Wdt/trigger/emitWindow';
import { readMemory } from '../../nodes/Wdt/trigger/memoryCodec';
import { stockChangeVersion } from '../../nodes/Wdt/trigger/stockChangesToSync';
import { WdtStockChangeTrigger } from '../../nodes/WdtStockChangeTrigger/WdtStockChangeTrigger.node';
import { emulatorCredentials, runWorkflow } from '../helpers/engine';
import { pollAsActiveWorkflow } from '../helpers/poll';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const QUERY = 'api_goods_stock_change_query.php';
const ACK = 'api_goods_stock_change_ack.php';
const MINUTE = 60_000;

const VARIANTS = [
	{
		label: 'WDT Trigger · Stock Changes to Sync',
		type: 'n8n-nodes-wdt.wdtTrigger',
		make: (): INodeType => new WdtTrigger(),
		event: { event: 'stockChangesToSync' },
		reEmitField: 'reemitMinutes',
		defaultMinutes: 10,
		failedShop: /^api_goods_stock_change_query, shop gone: WDT error 2310/,
	},
	{
		label: 'WDT Stock Change Trigger (hidden)',
		type: 'n8n-nodes-wdt.wdtStockChangeTrigger',
		make: (): INodeType => new WdtStockChangeTrigger(),
		event: {},
		reEmitField: 'reEmitAfterMinutes',
		defaultMinutes: 30,
		failedShop: /^Shop gone: WDT error 2310/,
	},
];

let emu: Emulator;
let now = Date.UTC(2026, 0, 5, 8, 0, 0);
const realNow = triggerClock.now;

beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 0 }, seed: 11 });
	triggerClock.now = () => now;
});
afterAll(async () => {
	triggerClock.now = realNow;
	await emu.stop();
});
beforeEach(() => {
	emu.reset();
	emu.pool.clear();
	now = Date.UTC(2026, 0, 5, 8, 0, 0);
});

/** The rec_ids the trigger remembers, from the workflow's static data. */
function remembered(staticData: IDataObject): string[] {
	return [...readMemory((staticData['node:Trigger'] as IDataObject) ?? {}).keys()];
}

function seed(count: number, shop = 'shop-a') {
	return Array.from({ length: count }, () => emu.pool.addRecord({ shop_no: shop, sync_stock: 5 }));
}

/** Acks records the way WDT Ack Stock Sync would, straight into the pool. */
function ackInPool(recIds: string[]) {
	for (const recId of recIds) {
		const row = emu.pool.get(recId);
		if (row) emu.pool.ack(recId, row.sync_stock, row.stock_change_count);
	}
}

describe.each(VARIANTS)('$label', ({ type, make, event, reEmitField, defaultMinutes, failedShop }) => {
	const nodeTypes = { [type]: make() };
	const window = defaultMinutes * MINUTE;

	function triggerNode(parameters: IDataObject = {}): INode {
		return {
			id: 'trigger',
			name: 'Trigger',
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: { ...event, shopNos: 'shop-a, shop-b', ...parameters } as INode['parameters'],
			credentials: { wdtApi: { id: 'cred', name: 'WDT' } },
		};
	}

	/** One scheduled poll (mode 'trigger'), with the workflow's static data carried in `staticData`. */
	async function poll(staticData: IDataObject, parameters: IDataObject = {}) {
		const { data } = await pollAsActiveWorkflow({
			nodeTypes,
			nodes: [triggerNode(parameters)],
			connections: {},
			credentials: emulatorCredentials(emu),
			staticData,
			nodeName: 'Trigger',
		});
		return data === null ? null : data[0].map((item) => item.json);
	}

	/** "Fetch test event": the engine runs the poll node itself, in manual mode. */
	async function fetchTestEvent(staticData: IDataObject, parameters: IDataObject = {}) {
		const result = await runWorkflow({
			nodeTypes,
			nodes: [triggerNode(parameters)],
			connections: {},
			credentials: emulatorCredentials(emu),
			staticData,
		});
		expect(result.error).toBeUndefined();
		return result.output('Trigger').map((item) => item.json);
	}

	it(`emits pending records once within the window (its default, ${defaultMinutes} min), a new stock_change_count at once, and all still pending after the window`, async () => {
		const a = seed(3, 'shop-a');
		const b = seed(2, 'shop-b');
		const staticData: IDataObject = {};

		// Poll 1: everything pending is emitted, rec_id as exact strings, numbers as numbers.
		const first = await poll(staticData);
		expect(first?.map((r) => r.rec_id)).toEqual([...a, ...b].map((r) => r.rec_id));
		expect(first?.[0]).toMatchObject({ shop_no: 'shop-a', sync_stock: 5, stock_change_count: 1 });
		expect(remembered(staticData)).toHaveLength(5);

		// Poll 2, a third of the window later, nothing acked yet (the run is slow): nothing is emitted again.
		now += window / 3;
		expect(await poll(staticData)).toBeNull();

		// The stock of one record changes, another is acked: only the change is emitted.
		emu.pool.changeStock(a[1].rec_id, 99);
		ackInPool([a[0].rec_id]);
		now += window / 3;
		const third = await poll(staticData);
		expect(third).toEqual([
			expect.objectContaining({ rec_id: a[1].rec_id, sync_stock: 99, stock_change_count: 2 }),
		]);

		// Just before the window ends nothing comes; at its end the records still pending and
		// un-acked come back; the one emitted with its new count is still inside its own window.
		now = Date.UTC(2026, 0, 5, 8, 0, 0) + window - 1;
		expect(await poll(staticData)).toBeNull();
		now += 1;
		const fourth = await poll(staticData);
		expect(fourth?.map((r) => r.rec_id)).toEqual([a[2].rec_id, b[0].rec_id, b[1].rec_id]);

		// Pruned: the acked record's entry expired and is gone; the memory holds only live entries.
		expect(remembered(staticData).sort()).toEqual(
			[a[1].rec_id, a[2].rec_id, b[0].rec_id, b[1].rec_id].sort(),
		);
		expect(emu.requests.filter((r) => r.endpoint === ACK)).toHaveLength(0);
	});

	it('Re-Emit After as set: a record comes again after that many minutes, not before', async () => {
		const [row] = seed(1);
		const staticData: IDataObject = {};
		const parameters = { [reEmitField]: 45 };
		expect(await poll(staticData, parameters)).toHaveLength(1);
		now += 45 * MINUTE - 1;
		expect(await poll(staticData, parameters)).toBeNull();
		now += 1;
		expect((await poll(staticData, parameters))?.map((r) => r.rec_id)).toEqual([row.rec_id]);
	});

	it('with a window of 0 emits every pending record on every poll', async () => {
		seed(2);
		const staticData: IDataObject = {};
		expect(await poll(staticData, { [reEmitField]: 0 })).toHaveLength(2);
		expect(await poll(staticData, { [reEmitField]: 0 })).toHaveLength(2);
		expect(remembered(staticData)).toHaveLength(2);
	});

	it('returns null when nothing is pending', async () => {
		expect(await poll({})).toBeNull();
		expect(emu.requests.filter((r) => r.endpoint === QUERY)).toHaveLength(2); // both shops asked
	});

	it('"Fetch test event" shows every pending record, even ones already emitted, and leaves the memory untouched', async () => {
		const rows = seed(3);
		const staticData: IDataObject = {};
		expect(await poll(staticData)).toHaveLength(3);
		const before = JSON.stringify(staticData);

		now += MINUTE;
		const test = await fetchTestEvent(staticData);
		expect(test.map((r) => r.rec_id)).toEqual(rows.map((r) => r.rec_id));
		expect(JSON.stringify(staticData)).toBe(before);

		// ... and the next scheduled poll still holds them back.
		expect(await poll(staticData)).toBeNull();
	});

	it('"Fetch test event" on a fresh trigger writes no memory', async () => {
		seed(2);
		const staticData: IDataObject = {};
		expect(await fetchTestEvent(staticData)).toHaveLength(2);
		expect(remembered(staticData)).toEqual([]);
		expect((staticData['node:Trigger'] as IDataObject | undefined)?.remembered).toBeUndefined();
		expect(await poll(staticData)).toHaveLength(2);
	});

	it('a failing shop fails the poll with the hint and changes no memory', async () => {
		seed(2);
		const staticData: IDataObject = {};
		await expect(poll(staticData, { shopNos: 'shop-a, gone' })).rejects.toMatchObject({
			message: expect.stringMatching(failedShop) as unknown,
			description: expect.stringContaining('Shop Code (shop_no)') as unknown,
		});
		expect(staticData['node:Trigger']).toBeUndefined();
	});

	it('Shop Codes left empty stops the poll before any request', async () => {
		await expect(poll({}, { shopNos: ' , ' })).rejects.toThrow(/^Shop Codes is empty/);
		expect(emu.requests.filter((r) => r.endpoint === QUERY)).toHaveLength(0);
	});

	it('reads the queue with Limit and Fetch All Pending as set (Limit 100 and on by default)', async () => {
		seed(3);
		expect(await poll({}, { shopNos: 'shop-a' })).toHaveLength(3);
		expect(emu.requests.filter((r) => r.endpoint === QUERY).map((r) => r.params?.limit)).toEqual(['100']);
		emu.reset();
		expect(await poll({}, { shopNos: 'shop-a', pageSize: 2, fetchAll: false })).toHaveLength(2);
		expect(emu.requests.filter((r) => r.endpoint === QUERY).map((r) => r.params?.limit)).toEqual(['2']);
	});

	it('keeps a 19-digit rec_id sent as a bare number exact, in the items and in the memory', async () => {
		const bare = await startEmulator({
			pool: { shops: ['shop-a'], perShop: 0 },
			recIdAsNumber: true,
		});
		try {
			const row = bare.pool.addRecord({ shop_no: 'shop-a' });
			const staticData: IDataObject = {};
			const { data } = await pollAsActiveWorkflow({
				nodeTypes,
				nodes: [triggerNode({ shopNos: 'shop-a' })],
				connections: {},
				credentials: {
					cred: { ...bare.account, environment: 'custom', customUrl: bare.url },
				},
				staticData,
				nodeName: 'Trigger',
			});
			expect(data?.[0][0].json.rec_id).toBe(row.rec_id);
			expect(remembered(staticData)).toEqual([row.rec_id]);
		} finally {
			await bare.stop();
		}
	});
});

describe('the trigger memory (emitWindow)', () => {
	const record = (recId: string, count: number) => ({ rec_id: recId, stock_change_count: count });

	it('stays bounded: beyond MAX_ENTRIES the oldest entries go first', () => {
		const state: IDataObject = {};
		const many = Array.from({ length: MAX_ENTRIES }, (_, i) => record(String(1000000 + i), 1));
		selectAndRemember(state, many, stockChangeVersion, 60 * MINUTE, 1000);
		selectAndRemember(state, [record('42', 1)], stockChangeVersion, 60 * MINUTE, 2000);
		const memory = readMemory(state);
		expect(memory.size).toBe(MAX_ENTRIES);
		expect(memory.get('42')).toEqual(['1', 2000]);
		expect(memory.has('1000000')).toBe(false);
		expect(memory.has('1000001')).toBe(true);
	});

	it('ignores a malformed memory and entries from the future', () => {
		const state: IDataObject = { emitted: { '1': ['1', 5000], '2': 'junk', '3': ['1', 100] } };
		const { emit, held } = selectAndRemember(
			state,
			[record('1', 1), record('2', 1), record('3', 1)],
			stockChangeVersion,
			MINUTE,
			1000,
		);
		expect(emit.map((r) => r.rec_id)).toEqual(['1', '2']);
		expect(held).toBe(1);
	});
});
