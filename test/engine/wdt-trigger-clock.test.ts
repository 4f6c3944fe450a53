/**
 * The WDT Trigger's clock rules through n8n-core, against the emulator with its clock set apart
 * from n8n's: "Fetch test event" reads up to the gateway's now as the memory knows it and reads
 * nothing for a Start From still ahead; a scheduled poll after n8n's clock stepped back reads
 * nothing; a poll whose answers show the gateway's clock behind what the memory knew keeps the
 * cursor at the gateway's time and remembers the new offset, and answers without a Date header
 * keep the offset the memory knew; a window held again further on counts its held polls anew; a
 * failed read names its endpoint.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { SAFETY_LAG_MS as LAG, WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { wdtTriggerClock } from '../../nodes/Wdt/trigger/clock';
import { emulatorCredentials, runWorkflow } from '../helpers/engine';
import { startListGateway } from '../helpers/list-gateway';
import { pollAsActiveWorkflow } from '../helpers/poll';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const TYPE = 'n8n-nodes-wdt.wdtTrigger';
const nodeTypes = { [TYPE]: new WdtTrigger() };
const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** 2026-11-28 12:00:00 Beijing time. */
const ANCHOR = Date.UTC(2026, 10, 28, 4, 0, 0);
const realNow = wdtTriggerClock.now;

/** n8n's clock (the trigger's), moved by the tests. */
let n8nNow = ANCHOR;
let emu: Emulator;
let testNo = 0;

beforeAll(async () => {
	wdtTriggerClock.now = () => n8nNow;
	emu = await startEmulator({
		world: { anchor: ANCHOR / 1000 },
		// The gateway's clock is n8n's plus faults.clockOffsetSec (its Date header shows it).
		now: () => n8nNow / 1000,
		// The signer stamps requests with the real clock, not the test's: that check is another test's.
		timestampWindowSec: 1e10,
	});
});
afterAll(async () => {
	wdtTriggerClock.now = realNow;
	await emu.stop();
});
beforeEach(() => {
	emu.reset();
	// Each test 12 hours after the previous one, clear of the seeded orders and of each other.
	n8nNow = ANCHOR + 12 * (1 + testNo++) * 3600 * SECOND;
});

const triggerNode = (parameters: IDataObject = {}): INode => ({
	id: 'trigger',
	name: 'Trigger',
	type: TYPE,
	typeVersion: 1,
	position: [0, 0],
	parameters: { event: 'orderUpdated', ...parameters } as INode['parameters'],
	credentials: { wdtApi: { id: 'cred', name: 'WDT' } },
});

type Credentials = ReturnType<typeof emulatorCredentials>;

/** One scheduled poll (mode 'trigger'); the same `staticData` carries the memory. */
async function poll(staticData: IDataObject, parameters: IDataObject = {}, credentials: Credentials = emulatorCredentials(emu)): Promise<IDataObject[] | null> {
	const { data } = await pollAsActiveWorkflow({
		nodeTypes,
		nodes: [triggerNode(parameters)],
		connections: {},
		credentials,
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

const rangeReads = () => emu.requests.filter((r) => r.endpoint === 'trade_query.php' && r.params?.page_size !== '1');
const memory = (staticData: IDataObject) => staticData['node:Trigger'] as IDataObject;
const wholeSecond = (ms: number) => Math.floor(ms / SECOND) * SECOND;
const beijing = (ms: number) => new Date(ms + 8 * 3600 * SECOND).toISOString().slice(0, 19).replace('T', ' ');
/** The credential of a gateway that checks no signature. */
const anyCredentials = (url: string): Credentials => ({ cred: { sid: 'sid', appkey: 'key', appsecret: 'secret', environment: 'custom', customUrl: url } });

describe("WDT Trigger: the gateway's clock and n8n's", () => {
	it('"Fetch test event" reads up to the gateway\'s now as the memory knows it (the gateway 120 s ahead)', async () => {
		emu.faults.clockOffsetSec = 120;
		const staticData: IDataObject = {};
		expect(await poll(staticData)).toBeNull(); // activation: measures the offset
		expect(memory(staticData).offsetMs).toBe(120 * SECOND);
		// Written at the gateway's now minus 30 s: 90 s after n8n's now.
		n8nNow += MINUTE;
		const ahead = emu.world.addTrade({}, (n8nNow + 90 * SECOND) / SECOND);

		const shown = await fetchTestEvent(staticData);
		expect(shown.map((t) => t.trade_id)).toContain(ahead.trade_id);
	});

	it('"Fetch test event" with a Start From still ahead of the gateway\'s now reads nothing and shows nothing', async () => {
		const staticData: IDataObject = {};
		const startFrom = new Date(n8nNow + 10 * MINUTE).toISOString();
		expect(await fetchTestEvent(staticData, { options: { startFrom } })).toEqual([]);
		expect(rangeReads()).toEqual([]);
	});

	it("a scheduled poll after n8n's clock stepped back reads nothing, emits nothing and keeps the cursor", async () => {
		const staticData: IDataObject = {};
		expect(await poll(staticData)).toBeNull();
		n8nNow += 2 * MINUTE;
		await poll(staticData);
		const cursor = memory(staticData).cursor as number;
		const reads = rangeReads().length;

		n8nNow -= 10 * MINUTE;
		expect(await poll(staticData)).toBeNull();
		expect(rangeReads()).toHaveLength(reads);
		expect(memory(staticData).cursor).toBe(cursor);
	});

	it("answers that show the gateway's clock behind what the memory knew: the cursor stops at the gateway's time, the new offset is kept", async () => {
		const staticData: IDataObject = {};
		expect(await poll(staticData)).toBeNull();
		expect(memory(staticData).offsetMs).toBe(0);
		// The gateway's clock steps 200 s back (n8n's clock goes on).
		emu.faults.clockOffsetSec = -200;
		n8nNow += 3 * MINUTE;
		await poll(staticData);
		expect(memory(staticData).offsetMs).toBe(-200 * SECOND);
		// Not n8n's now minus the lag (what the memory's offset said): the gateway's, as its answers showed.
		expect(memory(staticData).cursor).toBe(wholeSecond(n8nNow - 200 * SECOND - LAG));
	});

	it('a failed read names its endpoint in the error', async () => {
		const staticData: IDataObject = {};
		expect(await poll(staticData)).toBeNull();
		emu.faults.add({ endpoint: 'trade_query.php', kind: 'apiError', code: 1008, message: '无权限调用该接口', count: 1 });
		n8nNow += 5 * MINUTE;
		await expect(poll(staticData)).rejects.toMatchObject({ message: expect.stringMatching(/^trade_query: WDT error 1008/) as unknown });
	});

	it('answers without a Date header: the cursor ends at the gateway\'s time by the offset the memory knew, which is kept', async () => {
		let gatewayMs = ANCHOR;
		let dated = true;
		const gw = await startListGateway({ endpoints: { trade_query: { listField: 'trades', rows: [] } }, clock: () => gatewayMs, withDate: () => dated });
		try {
			const at = (ms: number) => {
				gatewayMs = ms;
				n8nNow = ms - 120 * SECOND; // n8n 2 minutes behind the gateway
			};
			const staticData: IDataObject = {};
			at(n8nNow);
			expect(await poll(staticData, {}, anyCredentials(gw.url))).toBeNull();
			expect(memory(staticData).offsetMs).toBe(120 * SECOND);

			dated = false;
			at(gatewayMs + 10 * MINUTE);
			expect(await poll(staticData, {}, anyCredentials(gw.url))).toBeNull();
			expect(gw.requestsTo('trade_query').length).toBeGreaterThan(1);
			expect(memory(staticData).offsetMs).toBe(120 * SECOND);
			expect(memory(staticData).cursor).toBe(wholeSecond(gatewayMs - LAG));
		} finally {
			await gw.close();
		}
	});

	it('a window held again further on counts its held polls from 1', async () => {
		let gatewayMs = ANCHOR;
		const rows: Array<Record<string, unknown>> = [];
		const hidden = new Set<string>();
		const gw = await startListGateway({
			endpoints: { trade_query: { listField: 'trades', rows } },
			clock: () => gatewayMs,
			// The hidden orders are counted in total_count but never sent: their window stays short.
			answer: (r) => ({ ...r.body, trades: ((r.body.trades as IDataObject[] | undefined) ?? []).filter((row) => !hidden.has(String(row.trade_id))) }),
		});
		try {
			const at = (ms: number) => {
				gatewayMs = ms;
				n8nNow = ms;
			};
			const order = (id: string, modified: number) => rows.push({ trade_id: id, modified: beijing(modified) });
			const T0 = n8nNow;
			const staticData: IDataObject = {};
			at(T0);
			expect(await poll(staticData, {}, anyCredentials(gw.url))).toBeNull();

			order('B', T0 + 70 * MINUTE);
			hidden.add('B');
			at(T0 + 90 * MINUTE);
			await poll(staticData, {}, anyCredentials(gw.url));
			expect(memory(staticData).cursor).toBe(T0 + 60 * MINUTE);
			expect(memory(staticData).heldPolls).toBe(1);

			// B shows up; a later window is short now: the cursor moves on to it, a new hold.
			hidden.delete('B');
			order('D', T0 + 150 * MINUTE);
			hidden.add('D');
			at(T0 + 170 * MINUTE);
			expect((await poll(staticData, {}, anyCredentials(gw.url)))?.map((t) => t.trade_id)).toEqual(['B']);
			expect(memory(staticData).cursor).toBeGreaterThan(T0 + 60 * MINUTE);
			expect(memory(staticData).heldPolls).toBe(1);
		} finally {
			await gw.close();
		}
	});
});
