/**
 * The WDT Trigger through n8n-core's PollContext, against the emulator with its clock set apart
 * from n8n's (±120 s, ±290 s: inside WDT's ±300 s timestamp tolerance), and against a hostile
 * gateway of the test's own that keeps one window short: each change emitted exactly once, none
 * lost, the first poll after activation right, a short window holding the cursor without
 * re-emitting, failing loudly after a few polls, and a failed poll writing nothing; answers
 * without a Date header keeping the offset the memory knew, and a hold further on counted anew.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { HELD_POLLS_BEFORE_FAILING, SAFETY_LAG_MS as LAG, WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { wdtTriggerClock } from '../../nodes/Wdt/trigger/clock';
import { emulatorCredentials } from '../helpers/engine';
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

const beijing = (ms: number) => new Date(ms + 8 * 3600 * SECOND).toISOString().slice(0, 19).replace('T', ' ');

/** n8n's clock (the trigger's), moved by the tests. */
let n8nNow = ANCHOR;
beforeAll(() => {
	wdtTriggerClock.now = () => n8nNow;
});
afterAll(() => {
	wdtTriggerClock.now = realNow;
});

const triggerNode = (): INode => ({
	id: 'trigger',
	name: 'Trigger',
	type: TYPE,
	typeVersion: 1,
	position: [0, 0],
	parameters: { event: 'orderUpdated' },
	credentials: { wdtApi: { id: 'cred', name: 'WDT' } },
});

type Credentials = ReturnType<typeof emulatorCredentials>;

/** The credential of a gateway that checks no signature. */
const anyCredentials = (url: string): Credentials => ({ cred: { sid: 'sid', appkey: 'key', appsecret: 'secret', environment: 'custom', customUrl: url } });

async function poll(credentials: Credentials, staticData: IDataObject): Promise<IDataObject[] | null> {
	const { data } = await pollAsActiveWorkflow({
		nodeTypes,
		nodes: [triggerNode()],
		connections: {},
		credentials,
		staticData,
		nodeName: 'Trigger',
	});
	return data === null ? null : data[0].map((item) => item.json);
}

/** Every (key, modified) emitted: repeats, and the last modified per key. */
function ledger() {
	const pairs: string[] = [];
	const latest = new Map<string, string>();
	return {
		add(items: IDataObject[] | null) {
			for (const item of items ?? []) {
				pairs.push(`${String(item.trade_id)}@${String(item.modified)}`);
				latest.set(String(item.trade_id), String(item.modified));
			}
		},
		repeats: () => pairs.filter((pair, i) => pairs.indexOf(pair) !== i),
		latest,
	};
}

describe("WDT Trigger: n8n's clock off the gateway's, many polls, records written between and during them", () => {
	let emu: Emulator;
	/** Called with each request the emulator answers (to write an order while a poll reads). */
	let hook: ((entry: { endpoint: string; params: Record<string, string> | null }) => void) | undefined;
	beforeAll(async () => {
		emu = await startEmulator({
			world: { anchor: ANCHOR / 1000 },
			// The gateway's clock is the test's plus faults.clockOffsetSec (its Date header shows it).
			now: () => n8nNow / 1000,
			// The signer stamps requests with the real clock, not the test's: that check is another test's.
			timestampWindowSec: 1e10,
			onRequest: (entry) => hook?.(entry),
		});
	});
	afterAll(async () => {
		await emu.stop();
	});

	let testNo = 0;
	// The gateway ahead of n8n by 120 s and 290 s (n8n behind), by −120 s and −290 s (n8n ahead).
	it.each([120, -120, 290, -290])('the gateway %i s ahead of n8n: every change once, none lost, none older than the activation', async (offsetSec) => {
		emu.reset();
		emu.faults.clockOffsetSec = offsetSec;
		// Each case 12 hours after the previous one, clear of the seeded orders and of each other.
		n8nNow = ANCHOR + 12 * (1 + testNo++) * 3600 * SECOND;
		const gatewayNow = () => emu.clock() * SECOND;
		const staticData: IDataObject = {};
		const seen = ledger();
		const added: string[] = [];
		const add = (at: number) => {
			const id = String(emu.world.addTrade({}, at / SECOND).trade_id);
			added.push(id);
			return id;
		};

		// Written before the activation: never emitted.
		const before = [add(gatewayNow() - 30 * SECOND), add(gatewayNow() - 2 * SECOND)];
		expect(await poll(emulatorCredentials(emu), staticData)).toBeNull();
		const activatedAt = gatewayNow();

		let previous = activatedAt;
		for (let round = 0; round < 24; round++) {
			const step = (20 + ((round * 37) % 100)) * SECOND;
			n8nNow += step;
			const now = gatewayNow();
			// Orders written between the polls, the last one at the gateway's now.
			for (let k = 1; k <= 3; k++) add(previous + Math.floor((step * k) / 3 / SECOND) * SECOND);
			// One WDT shows late: written now with a modified 40 s back (inside the 60 s overlap).
			if (round > 0) add(now - 40 * SECOND);
			// One written earlier changes again: its new state must come out, once.
			if (round > 0) emu.world.touchTrade(added[added.length - 6], now / SECOND, { trade_status: 95 });
			// One written while the poll reads, at the gateway's now.
			hook = (entry) => {
				if (entry.endpoint !== 'trade_query.php') return;
				hook = undefined;
				add(gatewayNow());
			};
			seen.add(await poll(emulatorCredentials(emu), staticData));
			previous = now;
		}
		hook = undefined;
		// Let the last writes age past the safety lag, then two quiet polls.
		n8nNow += 10 * MINUTE;
		seen.add(await poll(emulatorCredentials(emu), staticData));
		n8nNow += MINUTE;
		seen.add(await poll(emulatorCredentials(emu), staticData));

		expect(seen.repeats()).toEqual([]);
		const world = emu.world.records('trade', { start: activatedAt / SECOND - 3600, end: gatewayNow() / SECOND }) as IDataObject[];
		const expected = new Map(
			world
				.filter((trade) => added.includes(String(trade.trade_id)) && !before.includes(String(trade.trade_id)))
				.map((trade) => [String(trade.trade_id), String(trade.modified)]),
		);
		expect(expected.size).toBe(added.length - 2);
		expect(Object.fromEntries(seen.latest)).toEqual(Object.fromEntries(expected));
		for (const id of before) expect(seen.latest.has(id)).toBe(false);
	});
});

/**
 * A list gateway of orders of the test's own: hidden orders are counted in total_count but never
 * sent, so their window stays short. `at(ms)` sets the gateway's clock, and n8n's `behindMs` behind it.
 */
async function gatewayWithHiddenOrders(behindMs: number) {
	let gatewayMs = ANCHOR;
	const rows: Array<Record<string, unknown>> = [];
	const hidden = new Set<string>();
	const gw = await startListGateway({
		endpoints: { trade_query: { listField: 'trades', rows } },
		clock: () => gatewayMs,
		answer: (r) => ({ ...r.body, trades: ((r.body.trades as IDataObject[] | undefined) ?? []).filter((row) => !hidden.has(String(row.trade_id))) }),
	});
	const at = (ms: number) => {
		gatewayMs = ms;
		n8nNow = ms - behindMs;
	};
	const order = (id: string, modified: number) => {
		rows.push({ trade_id: id, modified: beijing(modified) });
	};
	return { gw, hidden, at, order };
}

describe('WDT Trigger: a window that stays short holds the cursor, emits nothing twice, and fails loudly', () => {
	it('emits the complete windows before it, re-emits nothing while held, fails at the third poll writing nothing, then catches up once', async () => {
		const { gw, hidden, at, order } = await gatewayWithHiddenOrders(120 * SECOND); // n8n 2 minutes behind the gateway
		try {
			const T0 = ANCHOR + 3 * 24 * 3600 * SECOND;
			const staticData: IDataObject = {};
			const seen = ledger();
			const memory = () => staticData['node:Trigger'] as IDataObject;

			at(T0);
			expect(await poll(anyCredentials(gw.url), staticData)).toBeNull();
			const cursor0 = T0;
			expect(memory().cursor).toBe(cursor0);

			order('A', T0 + 59 * MINUTE + 30 * SECOND); // in the first window, near its end
			order('B', T0 + 70 * MINUTE); // in the second window: hidden
			order('C', T0 + 80 * MINUTE);
			hidden.add('B');
			at(T0 + 90 * MINUTE);
			const second = await poll(anyCredentials(gw.url), staticData);
			seen.add(second);
			// The first 60-minute window is complete: A comes out; the second holds the cursor at its start.
			expect(second?.map((t) => t.trade_id)).toEqual(['A']);
			const held = cursor0 + 60 * MINUTE;
			expect(memory().cursor).toBe(held);
			expect(memory().heldPolls).toBe(1);

			order('D', T0 + 59 * MINUTE); // shown late, inside the overlap of the held window
			at(T0 + 95 * MINUTE);
			seen.add(await poll(anyCredentials(gw.url), staticData));
			// The window is read again from the cursor minus the overlap: A is in it, and not emitted again.
			const thirdReads = gw.requestsTo('trade_query').slice(-3);
			expect(thirdReads.map((r) => r.params.start_time)).toEqual(Array(3).fill(beijing(held - MINUTE)));
			expect(memory().cursor).toBe(held);
			expect(memory().heldPolls).toBe(2);

			at(T0 + 100 * MINUTE);
			const before = JSON.stringify(staticData);
			const failure = await poll(anyCredentials(gw.url), staticData).catch((error: unknown) => error as Error & { description?: string });
			expect(failure).toBeInstanceOf(Error);
			expect((failure as Error).message).toBe(
				`trade_query: the window ${beijing(held - MINUTE)} – ${beijing(T0 + 100 * MINUTE - 120 * SECOND + 120 * SECOND - LAG)} (Beijing time) could not be read completely: read 3 of 4 (read 3 times); the reads together brought 3 of the 4 records total_count announces`,
			);
			expect((failure as { description?: string }).description).toMatch(`stopped at this window for ${HELD_POLLS_BEFORE_FAILING} polls in a row`);
			// A failed poll writes nothing: cursor, memory, clock, count.
			expect(JSON.stringify(staticData)).toBe(before);

			// The gateway sends the hidden order again: everything after the held cursor comes out once.
			hidden.clear();
			at(T0 + 105 * MINUTE);
			const caughtUp = await poll(anyCredentials(gw.url), staticData);
			seen.add(caughtUp);
			expect(caughtUp?.map((t) => t.trade_id)).toEqual(['D', 'B', 'C']);
			expect(memory().heldPolls).toBeUndefined();
			expect(memory().cursor).toBe(T0 + 105 * MINUTE - LAG);
			expect(seen.repeats()).toEqual([]);
		} finally {
			await gw.close();
		}
	});
});

describe("WDT Trigger: the gateway's clock in its answers", () => {
	const memoryOf = (staticData: IDataObject) => staticData['node:Trigger'] as IDataObject;
	const wholeSecond = (ms: number) => Math.floor(ms / SECOND) * SECOND;

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
			expect(await poll(anyCredentials(gw.url), staticData)).toBeNull();
			expect(memoryOf(staticData).offsetMs).toBe(120 * SECOND);

			dated = false;
			at(gatewayMs + 10 * MINUTE);
			expect(await poll(anyCredentials(gw.url), staticData)).toBeNull();
			expect(gw.requestsTo('trade_query').length).toBeGreaterThan(1);
			expect(memoryOf(staticData).offsetMs).toBe(120 * SECOND);
			expect(memoryOf(staticData).cursor).toBe(wholeSecond(gatewayMs - LAG));
		} finally {
			await gw.close();
		}
	});

	it('a window held again further on counts its held polls from 1', async () => {
		const { gw, hidden, at, order } = await gatewayWithHiddenOrders(0);
		try {
			const T0 = n8nNow;
			const staticData: IDataObject = {};
			at(T0);
			expect(await poll(anyCredentials(gw.url), staticData)).toBeNull();

			order('B', T0 + 70 * MINUTE);
			hidden.add('B');
			at(T0 + 90 * MINUTE);
			await poll(anyCredentials(gw.url), staticData);
			expect(memoryOf(staticData).cursor).toBe(T0 + 60 * MINUTE);
			expect(memoryOf(staticData).heldPolls).toBe(1);

			// B shows up; a later window is short now: the cursor moves on to it, a new hold.
			hidden.delete('B');
			order('D', T0 + 150 * MINUTE);
			hidden.add('D');
			at(T0 + 170 * MINUTE);
			expect((await poll(anyCredentials(gw.url), staticData))?.map((t) => t.trade_id)).toEqual(['B']);
			expect(memoryOf(staticData).cursor).toBeGreaterThan(T0 + 60 * MINUTE);
			expect(memoryOf(staticData).heldPolls).toBe(1);
		} finally {
			await gw.close();
		}
	});
});
