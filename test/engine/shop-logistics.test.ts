/**
 * The shipments loop through the n8n engine against the emulator: Logistics Sync · Get Pending
 * (fetch all that ends, 19-digit rec_ids exact), · Acknowledge (status 0 / 1 with the shop's
 * message, checks before sending, batches, per-record outcomes, re-ack) and the WDT Trigger's
 * "Shipments to sync" event.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { wdtTriggerClock } from '../../nodes/Wdt/trigger/clock';
import { readMemory } from '../../nodes/Wdt/trigger/memoryCodec';
import { emulatorCredentials, runWorkflow } from '../helpers/engine';
import { pollAsActiveWorkflow } from '../helpers/poll';
import type { Emulator } from '../helpers/wdt-node';
import { FAST, requestsTo, runWdt } from '../helpers/wdt-node';

const PENDING = { resource: 'logisticsSync', operation: 'getPending', shopNos: 'shop-a' };
const ACK = { resource: 'logisticsSync', operation: 'acknowledge' };

describe('Logistics Sync through the n8n engine', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 20 }, seed: 8, shipAfterMs: Number.POSITIVE_INFINITY });
	});
	afterAll(async () => {
		await emu.stop();
	});
	beforeEach(() => emu.reset());

	/** Pushes `count` paid orders of the fake shop-a and lets the ERP ship them: `count` pending records. */
	async function shipped(count: number): Promise<string[]> {
		const orders = emu.fakeShop.generateOrders(count, { shops: ['shop-a'] }) as unknown as IDataObject[];
		const tids = orders.map((order) => order.tid as string);
		const push = await runWdt(emu, { resource: 'order', operation: 'push', shopNo: 'shop-a' }, { input: orders });
		expect(push.error).toBeUndefined();
		emu.erpOrders.shipDue(Number.POSITIVE_INFINITY);
		emu.reset();
		return tids;
	}
	const pendingOfShopA = () => emu.logistics.pendingCount('shop-a');

	afterEach(async () => {
		// Leave no pending record behind for the next test.
		const left = emu.logistics.pending('shop-a') as Array<{ rec_id: string }>;
		if (left.length > 0) await runWdt(emu, ACK, { input: left.map((r) => ({ rec_id: r.rec_id })) });
	});

	it('Get Pending: one item per shipped order, rec_id an exact 19-digit string, tracking number as text', async () => {
		const tids = await shipped(3);
		const run = await runWdt(emu, PENDING);
		expect(run.error).toBeUndefined();
		const records = run.json();
		expect(records.map((r) => r.tid)).toEqual(tids);
		for (const record of records) {
			expect(record.rec_id).toMatch(/^\d{19}$/);
			expect(Number.isSafeInteger(Number(record.rec_id))).toBe(false);
			expect(typeof record.logistics_no).toBe('string');
			expect(emu.logistics.get(record.rec_id as string)?.tid).toBe(record.tid);
		}
		expect(run.items().every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);
	});

	it('Get Pending and Acknowledge with rec_id as a bare 19-digit JSON number: the exact digits, acked', async () => {
		const bare = await startEmulator({ pool: { shops: ['shop-a'], perShop: 5 }, seed: 8, recIdAsNumber: true, shipAfterMs: Number.POSITIVE_INFINITY });
		try {
			const orders = bare.fakeShop.generateOrders(2, { shops: ['shop-a'] }) as unknown as IDataObject[];
			await runWdt(bare, { resource: 'order', operation: 'push', shopNo: 'shop-a' }, { input: orders });
			bare.erpOrders.shipDue(Number.POSITIVE_INFINITY);
			const expected = (bare.logistics.pending('shop-a') as Array<{ rec_id: string }>).map((r) => r.rec_id);
			const run = await runWdt(bare, { ...PENDING, pageSize: 7 });
			expect(requestsTo(bare, 'logistics_sync_query')[0].params).toMatchObject({ shop_no: 'shop-a', limit: '7' });
			expect(run.json().map((r) => r.rec_id)).toEqual(expected);
			const ack = await runWdt(bare, ACK, { input: run.json() });
			expect(ack.json().map((r) => r.outcome)).toEqual(['acked', 'acked']);
			expect(bare.logistics.pendingCount('shop-a')).toBe(0);
		} finally {
			await bare.stop();
		}
	});

	it('fetch all ends: a gateway that repeats its oldest pending page stops after a page with nothing new', async () => {
		await shipped(5);
		const run = await runWdt(emu, { ...PENDING, pageSize: 2 });
		expect(run.json()).toHaveLength(2);
		expect(requestsTo(emu, 'logistics_sync_query')).toHaveLength(2);
		emu.reset();
		const single = await runWdt(emu, { ...PENDING, pageSize: 2, fetchAll: false });
		expect(single.json()).toHaveLength(2);
		// Fetch All off: one page, no second query to see whether it ends.
		expect(requestsTo(emu, 'logistics_sync_query')).toHaveLength(1);
	});

	it('Get Pending: Shop Codes left empty (or only commas) is refused before anything is sent', async () => {
		// n8n itself stops a blank field; an expression that gives nothing, or only commas, reaches the node.
		for (const shopNos of ['={{ "" }}', ' , ']) {
			const run = await runWdt(emu, { ...PENDING, shopNos });
			expect(run.error?.message).toBe('Shop Codes is empty: give at least one shop code (shop_no)');
		}
		expect(emu.requests).toHaveLength(0);
	});

	it('Get Pending: Part Sync Yes / No asks for is_part_sync_able 1 / 0; left at its default, the parameter is not sent', async () => {
		await shipped(1);
		const sent = (partSync?: string) => {
			emu.reset();
			return runWdt(emu, { ...PENDING, logisticsOptions: { ...FAST, ...(partSync ? { partSync } : {}) } }).then((run) => {
				expect(run.error).toBeUndefined();
				return requestsTo(emu, 'logistics_sync_query').map((r) => r.params?.is_part_sync_able);
			});
		};
		expect(await sent('yes')).toEqual(['1']);
		expect(await sent('no')).toEqual(['0']);
		expect(await sent('default')).toEqual([undefined]);
		expect(await sent()).toEqual([undefined]);
	});

	it('Acknowledge: status 0 clears the records; acking them again is fine and changes nothing', async () => {
		await shipped(5);
		const pending = (await runWdt(emu, PENDING)).json();
		emu.reset();
		const run = await runWdt(emu, { ...ACK, ackOptions: { batchSize: 2 } }, { input: pending });
		expect(run.error).toBeUndefined();
		// Each output item keeps its input's fields (tid, shop, tracking number) and adds what was sent and the outcome.
		expect(run.json()).toEqual(pending.map((r) => ({ ...r, rec_id: r.rec_id, status: 0, message: '', outcome: 'acked', attempts: 1 })));
		expect(run.json()[0]).toMatchObject({ tid: pending[0].tid, shop_no: 'shop-a', logistics_no: pending[0].logistics_no });
		expect(run.items().map((i) => i.pairedItem)).toEqual(pending.map((_, item) => ({ item })));
		const sent = requestsTo(emu, 'logistics_sync_ack').map((r) => JSON.parse(r.params?.logistics_list as string));
		expect(sent.map((list) => list.length)).toEqual([2, 2, 1]);
		expect(sent[0][0]).toEqual({ rec_id: pending[0].rec_id, status: 0, message: '' });
		expect(pendingOfShopA()).toBe(0);

		const again = await runWdt(emu, ACK, { input: pending });
		expect(again.json().map((r) => r.outcome)).toEqual(pending.map(() => 'acked'));
		expect(pendingOfShopA()).toBe(0);
	});

	it('Acknowledge: the shop refused one → status 1 with its message, which the ERP keeps', async () => {
		await shipped(2);
		const pending = (await runWdt(emu, PENDING)).json();
		const items = [
			{ ...pending[0], shop: { success: true } },
			{ ...pending[1], shop: { success: false, error: '平台拒绝发货:订单已申请退款' } },
		];
		const run = await runWdt(
			emu,
			{ ...ACK, syncedToShop: '={{ $json.shop.success }}', errorMessage: '={{ $json.shop.error ?? "" }}' },
			{ input: items },
		);
		expect(run.json().map((r) => [r.status, r.outcome])).toEqual([
			[0, 'acked'],
			[1, 'acked'],
		]);
		const refused = emu.logistics.get(pending[1].rec_id as string);
		expect(refused).toMatchObject({ sync_status: 2, error_msg: '平台拒绝发货:订单已申请退款' });
		expect(pendingOfShopA()).toBe(0);
	});

	it('a refused shipment without a message goes as status 1 with an empty message: WDT documents the message as optional', async () => {
		await shipped(2);
		const pending = (await runWdt(emu, PENDING)).json();
		emu.reset();
		const run = await runWdt(emu, { ...ACK, syncedToShop: '={{ $json.tid !== "' + String(pending[1].tid) + '" }}' }, { input: pending });
		expect(run.error).toBeUndefined();
		expect(run.json().map((r) => [r.status, r.message, r.outcome])).toEqual([
			[0, '', 'acked'],
			[1, '', 'acked'],
		]);
		const sent = requestsTo(emu, 'logistics_sync_ack').map((r) => JSON.parse(r.params?.logistics_list as string));
		expect(sent).toEqual([pending.map((r, i) => ({ rec_id: r.rec_id, status: i, message: '' }))]);
		expect(emu.logistics.get(pending[1].rec_id as string)).toMatchObject({ sync_status: 2, error_msg: '' });
	});

	it('a rec_id given twice with different statuses is refused for both items; the rest are acked (Continue On Fail)', async () => {
		await shipped(2);
		const [a, b] = (await runWdt(emu, PENDING)).json();
		const run = await runWdt(
			emu,
			{ ...ACK, syncedToShop: '={{ $json.ok }}', errorMessage: '={{ $json.why ?? "" }}' },
			{ input: [{ rec_id: a.rec_id, ok: true }, { rec_id: b.rec_id, ok: true }, { rec_id: a.rec_id, ok: false, why: 'x' }, { rec_id: b.rec_id, ok: true }], extra: { onError: 'continueRegularOutput' } },
		);
		expect(run.items().map((i) => [i.json.rec_id, i.json.outcome, i.pairedItem])).toEqual([
			[a.rec_id, 'notSent', { item: 0 }],
			[b.rec_id, 'acked', { item: 1 }],
			[a.rec_id, 'notSent', { item: 2 }],
			[b.rec_id, 'acked', { item: 3 }],
		]);
		// Every item involved is named, in each of their messages.
		const why = `rec_id ${a.rec_id} is given with different contents by item 1 (index 0), item 3 (index 2): which one is right cannot be known, so none of them is sent`;
		expect(run.json()[0].error).toEqual({ scope: 'validation', outcome: 'notSent', field: 'rec_id', message: `item 1 (index 0): ${why}` });
		expect(run.json()[2]).toMatchObject({ status: 1, message: 'x', error: { message: `item 3 (index 2): ${why}` } });
		expect(JSON.parse(requestsTo(emu, 'logistics_sync_ack')[0].params?.logistics_list as string)).toHaveLength(1);
	});

	it('a record WDT refuses (errors[]) is "refused" with WDT\'s reason; the others of the call are acked', async () => {
		await shipped(1);
		const [record] = (await runWdt(emu, PENDING)).json();
		const run = await runWdt(emu, ACK, {
			input: [{ rec_id: record.rec_id }, { rec_id: '1999999999999999999' }],
			extra: { onError: 'continueRegularOutput' },
		});
		expect(run.json().map((r) => r.outcome)).toEqual(['acked', 'refused']);
		expect(run.json()[1].error).toMatchObject({ scope: 'record', message: '物流同步记录不存在' });
	});

	it('a lost answer is "unknown"; without Continue On Fail the node fails and says acks are safe to repeat', async () => {
		await shipped(1);
		const pending = (await runWdt(emu, PENDING)).json();
		emu.faults.add({ endpoint: 'logistics_sync_ack', kind: 'reset', after: true, count: 1 });
		const run = await runWdt(emu, { ...ACK, ackOptions: { maxRetries: 0, ...FAST } }, { input: pending });
		expect(run.error?.message).toMatch(/^1 of 1 record\(s\) not written; first: item 1 \(index 0\), rec_id \d{19}: Outcome unknown: /);
		expect(run.error?.description).toMatch(/safe to repeat/);
		const again = await runWdt(emu, ACK, { input: pending });
		expect(again.json().map((r) => r.outcome)).toEqual(['acked']);
	});
});

describe('WDT Trigger: Shipments to sync (物流同步)', () => {
	let emu: Emulator;
	let now = Date.UTC(2026, 0, 5, 8, 0, 0);
	const realNow = wdtTriggerClock.now;
	const TYPE = 'n8n-nodes-wdt.wdtTrigger';
	/** Called after each request was answered (to make the gateway hand out other records). */
	let afterRequest: ((entry: { endpoint: string }) => void) | undefined;
	beforeAll(async () => {
		emu = await startEmulator({
			pool: { shops: ['shop-a'], perShop: 10 },
			seed: 9,
			shipAfterMs: Number.POSITIVE_INFINITY,
			onRequest: (entry) => afterRequest?.(entry),
		});
		wdtTriggerClock.now = () => now;
	});
	afterAll(async () => {
		wdtTriggerClock.now = realNow;
		await emu.stop();
	});

	const node = (parameters: IDataObject = {}): INode => ({
		id: 'trigger',
		name: 'Trigger',
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { event: 'shipmentsToSync', shipmentShopNos: 'shop-a', ...parameters } as INode['parameters'],
		credentials: { wdtApi: { id: 'cred', name: 'WDT' } },
	});
	const poll = async (staticData: IDataObject, parameters: IDataObject = {}) => {
		const { data } = await pollAsActiveWorkflow({
			nodeTypes: { [TYPE]: new WdtTrigger() },
			nodes: [node(parameters)],
			connections: {},
			credentials: emulatorCredentials(emu),
			staticData,
			nodeName: 'Trigger',
		});
		return data === null ? null : data[0].map((item) => item.json);
	};
	/** "Fetch test event": the engine runs the poll itself, in manual mode. */
	const fetchTestEvent = (staticData: IDataObject, parameters: IDataObject = {}) =>
		runWorkflow({
			nodeTypes: { [TYPE]: new WdtTrigger() },
			nodes: [node(parameters)],
			connections: {},
			credentials: emulatorCredentials(emu),
			staticData,
		});
	/** Pushes `count` paid orders of shop-a and lets the ERP ship them: their tids, pending in this order. */
	async function shipped(count: number): Promise<string[]> {
		const orders = emu.fakeShop.generateOrders(count, { shops: ['shop-a'] }) as unknown as IDataObject[];
		const push = await runWdt(emu, { resource: 'order', operation: 'push', shopNo: 'shop-a' }, { input: orders });
		expect(push.error).toBeUndefined();
		emu.erpOrders.shipDue(Number.POSITIVE_INFINITY);
		return orders.map((order) => order.tid as string);
	}
	const tids = (items: IDataObject[] | null) => (items ?? []).map((r) => r.tid);

	afterEach(async () => {
		// Leave no pending record behind for the next test.
		const left = emu.logistics.pending('shop-a') as Array<{ rec_id: string }>;
		afterRequest = undefined;
		if (left.length > 0) await runWdt(emu, { resource: 'logisticsSync', operation: 'acknowledge' }, { input: left.map((r) => ({ rec_id: r.rec_id })) });
		emu.reset();
	});

	it('emits each pending shipment once; an unacked one again after Re-Emit After; an acked one never', async () => {
		const orders = emu.fakeShop.generateOrders(2, { shops: ['shop-a'] }) as unknown as IDataObject[];
		await runWdt(emu, { resource: 'order', operation: 'push', shopNo: 'shop-a' }, { input: orders });
		emu.erpOrders.shipDue(Number.POSITIVE_INFINITY);
		const staticData: IDataObject = {};
		const first = await poll(staticData);
		expect(tids(first)).toEqual(orders.map((order) => order.tid));
		expect(await poll(staticData)).toBeNull();

		await runWdt(emu, { resource: 'logisticsSync', operation: 'acknowledge' }, { input: [{ rec_id: first![0].rec_id }] });
		now += 11 * 60_000;
		expect(tids(await poll(staticData))).toEqual([orders[1].tid]);
		// Static data remembers only what the window still holds: the acked record's entry expired.
		const memory = readMemory(staticData['node:Trigger'] as IDataObject);
		expect([...memory.keys()]).toEqual([first![1].rec_id]);

		await runWdt(emu, { resource: 'logisticsSync', operation: 'acknowledge' }, { input: [{ rec_id: first![1].rec_id }] });
		now += 11 * 60_000;
		expect(await poll(staticData)).toBeNull();
	});

	it('Re-Emit After counts whole minutes from the emit: not before, exactly then yes; 0 emits on every poll', async () => {
		const shop = await shipped(1);
		const staticData: IDataObject = {};
		const emittedAt = now;
		expect(tids(await poll(staticData, { reemitMinutes: 1 }))).toEqual(shop);
		now = emittedAt + 59_999;
		expect(await poll(staticData, { reemitMinutes: 1 })).toBeNull();
		now = emittedAt + 60_000;
		expect(tids(await poll(staticData, { reemitMinutes: 1 }))).toEqual(shop);

		const everyPoll: IDataObject = {};
		expect(tids(await poll(everyPoll, { reemitMinutes: 0 }))).toEqual(shop);
		expect(tids(await poll(everyPoll, { reemitMinutes: 0 }))).toEqual(shop);
	});

	it('the rule of the stock changes: a shipment whose tracking number or carrier changes comes again at once; what WDT changes while it waits does not', async () => {
		const shop = await shipped(3);
		const staticData: IDataObject = {};
		const first = await poll(staticData);
		expect(tids(first)).toEqual(shop);
		const queue = emu.logistics.pendingMap('shop-a');
		const [a, b, c] = first!.map((record) => queue.get(String(record.rec_id))!);

		// The ERP re-ships a's parcel under another number; b's carrier is corrected; c only
		// waits (WDT counts a try, touches modified).
		a.logistics_no = `${a.logistics_no}9`;
		b.logistics_type = b.logistics_type + 1;
		c.try_times += 1;
		c.modified += 60;
		now += 60_000;
		const again = await poll(staticData);
		expect(again?.map((record) => [record.tid, record.logistics_no])).toEqual([
			[a.tid, a.logistics_no],
			[b.tid, b.logistics_no],
		]);
		now += 60_000;
		expect(await poll(staticData)).toBeNull();
	});

	it('emits every pending shipment beyond one query of 100, from a gateway that hands out the next records', async () => {
		const shop = await shipped(120);
		// After each query, the records it answered go to the back of the queue.
		afterRequest = (entry) => {
			if (entry.endpoint !== 'logistics_sync_query.php') return;
			const queue = emu.logistics.pendingMap('shop-a');
			for (const [recId, record] of [...queue].slice(0, 100)) {
				queue.delete(recId);
				queue.set(recId, record);
			}
		};
		const emitted = tids(await poll({}));
		expect([...emitted].sort()).toEqual([...shop].sort());
		expect(requestsTo(emu, 'logistics_sync_query').length).toBeGreaterThan(1);
	});

	it('Shop Codes left empty (or only commas) stops the poll with a message naming the field', async () => {
		const staticData: IDataObject = {};
		for (const shipmentShopNos of [undefined, '', ' , ']) {
			await expect(poll(staticData, { shipmentShopNos })).rejects.toThrow(
				'Shop Codes is empty: give at least one shop code (shop_no)',
			);
		}
		expect(requestsTo(emu, 'logistics_sync_query')).toHaveLength(0);
	});

	it('a failed query stops the poll, naming the endpoint and the shop; the memory is untouched', async () => {
		await shipped(1);
		const staticData: IDataObject = {};
		emu.faults.add({ endpoint: 'logistics_sync_query.php', kind: 'apiError', code: 1008, message: '无权限调用该接口', count: 1 });
		await expect(poll(staticData, { options: FAST })).rejects.toThrow(/^logistics_sync_query, shop shop-a: .*1008/);
		expect(staticData['node:Trigger'] ?? {}).toEqual({});
	});

	it('"Fetch test event" shows every pending shipment, emitted before or not, and leaves the memory alone', async () => {
		const shop = await shipped(2);
		const staticData: IDataObject = {};
		expect(tids(await poll(staticData))).toEqual(shop);
		const before = JSON.stringify(staticData);

		const run = await fetchTestEvent(staticData);
		expect(run.error).toBeUndefined();
		expect(run.output('Trigger').map((item) => item.json.tid)).toEqual(shop);
		expect(JSON.stringify(staticData)).toBe(before);
		// the scheduled poll still holds them back
		expect(await poll(staticData)).toBeNull();
	});

	it('"Fetch test event" with nothing pending returns no data at all (not an empty list)', async () => {
		const { data } = await pollAsActiveWorkflow({
			nodeTypes: { [TYPE]: new WdtTrigger() },
			nodes: [node()],
			connections: {},
			credentials: emulatorCredentials(emu),
			staticData: {},
			nodeName: 'Trigger',
			mode: 'manual',
		});
		expect(data).toBeNull();
		expect(requestsTo(emu, 'logistics_sync_query')).not.toHaveLength(0);
	});
});
