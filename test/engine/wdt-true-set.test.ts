/**
 * The independent check (issue #28). The emulator answers as the public documents say — real
 * field names (goods_modified / spec_modified, refund_order_list, warehouse_type), stock rows
 * without rec_id, warehouse rows without warehouse_id, stockouts windowed by their ship time,
 * numbers as strings — and then under every other reading of an assumed fact, one at a time.
 * Through the real n8n engine:
 * - every Get Many (every resource) returns exactly the records the emulator's world holds for the
 *   question asked — compared with the world itself (World.records / table), never with a copy of
 *   the node's logic;
 * - every WDT Trigger list event emits every change WDT can report exactly once across polls,
 *   with changes made between the polls (paged, on the overlap, twice in one interval), and
 *   nothing else.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { formatBeijing } from '../../emulator/world-time';
import { WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { wdtTriggerClock } from '../../nodes/Wdt/trigger/clock';
import { emulatorCredentials } from '../helpers/engine';
import { pollAsActiveWorkflow } from '../helpers/poll';
import type { Emulator } from '../helpers/wdt-node';
import { requestsTo, runWdt } from '../helpers/wdt-node';

const DAY = 86400;
const MINUTE = 60;
/** Both client views of a record the world writes: ids and numbers as text. */
const CLIENT_VIEW = { recIdAsNumber: false, numbersAsStrings: true };

/** The readings closest to the public documents (docs/wdt-contract.md); ship-time stockouts and the field names are the contract's own. */
const DOCS = { keylessStockRows: true, warehouseRowsWithoutId: true, numbersAsStrings: true };

const READINGS: Array<[string, Record<string, unknown>]> = [
	['the public documents', DOCS],
	['numbers as bare JSON numbers (19-digit ids too)', { ...DOCS, numbersAsStrings: false, recIdAsNumber: true }],
	['his_* windows of 60 minutes', { ...DOCS, hisWindow: '60m' }],
	['records archived after 90 days', { ...DOCS, archiveAfterDays: 90 }],
	['a spec change moves only spec_modified', { ...DOCS, goodsWindow: 'specs' }],
	['stock_query refuses a call without range or SKU', { ...DOCS, stockQueryWithoutRange: 'refused' }],
	['pages silently capped at 40 rows', { ...DOCS, pageSizeCap: 40 }],
	["the package's first readings (the defaults)", {}],
];

type Row = IDataObject;

/**
 * A record with every number and numeric text written one way ("12.0000", 12 and "12" alike), so
 * the gateway's number forms compare equal; 19-digit ids stay exact text.
 */
function normalise(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(normalise);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value as Row).map(([key, member]) => [key, normalise(member)]));
	}
	if (typeof value === 'number') return String(value);
	if (typeof value === 'string' && /^-?\d{1,15}(\.\d+)?$/.test(value)) return String(Number(value));
	return value;
}

/** The same records, each once, field for field (numbers in either form). */
function expectSameRecords(got: Row[], want: Row[], identity: (record: Row) => string) {
	expect(want.length).toBeGreaterThan(0); // something to compare
	const ids = got.map(identity);
	expect(new Set(ids).size).toBe(ids.length); // each once
	expect([...ids].sort()).toEqual(want.map(identity).sort());
	const byId = new Map(want.map((record) => [identity(record), JSON.stringify(normalise(record))]));
	const differing = got.filter((record) => JSON.stringify(normalise(record)) !== byId.get(identity(record))).map(identity);
	expect(differing).toEqual([]);
}

const id = (field: string) => (record: Row) => String(record[field]);
const stockIdentity = (record: Row) => `${String(record.spec_no)}|${String(record.warehouse_no)}`;

describe.each(READINGS)('under %s', (_label, readings) => {
	let emu: Emulator;
	/** The emulator's clock (ms): real time for the Get Many part, the test's for the trigger part. */
	let clock: () => number = () => Date.now();
	let nowSec = 0;
	const beforeNow = (days: number) => nowSec - Math.round(days * DAY);
	const text = (sec: number) => formatBeijing(sec);
	const world = () => emu.world;
	/** A record of the world as the gateway writes it (ids as text). */
	const present = (resource: string, row: Row) => world().present(resource as never, row as never, CLIENT_VIEW) as Row;

	/** Records the setup adds where the readings matter. */
	const added = { oldShipped: '', unshipped: [] as string[] };

	beforeAll(async () => {
		emu = await startEmulator({
			...readings,
			seed: 11,
			pool: { shops: ['shop-a', 'shop-b'], perShop: 40 },
			world: { days: 100, ordersPerDay: 12 },
			now: () => clock() / 1000,
			timestampWindowSec: 1e10, // the trigger part runs the gateway's clock hours ahead
		});
		nowSec = Math.floor(Date.now() / 1000);
		emu.world.ensure();
		// A busy hour two days ago: 130 orders (pages of 100, or 40 under the cap).
		for (let i = 0; i < 130; i++) emu.world.addTrade({}, beforeNow(2) + i * 20);
		// 45 refunds in an hour five days ago (more than a capped page).
		for (let i = 0; i < 45; i++) emu.world.addRefund({}, beforeNow(5) + i * 60);
		// A stockout shipped 100 days ago and completed three days ago: its ship time is old, its
		// last modification recent (live, whatever the archive).
		const old = emu.world.addStockout({}, beforeNow(100)) as Row;
		added.oldShipped = String(old.stockout_id);
		emu.world.touchStockout(added.oldShipped, beforeNow(3), { status: 110 });
		// Stockouts not shipped yet: checked (55), and one cancelled (5).
		for (const [i, status] of [55, 55, 5].entries()) {
			const row = emu.world.addStockout({ status, consign_time: undefined }, beforeNow(1) + i * 60) as Row;
			added.unshipped.push(String(row.stockout_id));
		}
	});
	afterAll(async () => {
		wdtTriggerClock.now = Date.now;
		await emu.stop();
	});

	describe('every Get Many returns exactly the true set', () => {
		beforeEach(() => emu.reset());
		const getMany = async (parameters: IDataObject) => {
			const run = await runWdt(emu, { returnAll: true, ...parameters, options: { concurrency: 8, ...(parameters.options as IDataObject) } });
			expect(run.error).toBeUndefined();
			return run.json();
		};

		it('Shop and Warehouse · Get Many: every shop, every warehouse (warehouse_type, warehouse_id only where the rows have it)', async () => {
			expectSameRecords(
				await getMany({ resource: 'shop', operation: 'getMany' }),
				world().shops().map((shop: Row) => present('shop', shop)),
				id('shop_id'),
			);
			const warehouses = await getMany({ resource: 'warehouse', operation: 'getMany' });
			expectSameRecords(warehouses, world().warehouses.map((row: Row) => present('warehouse', row)), id('warehouse_no'));
			expect(warehouses.every((row) => 'warehouse_type' in row && !('type' in row))).toBe(true);
			expect(warehouses.some((row) => 'warehouse_id' in row)).toBe(!readings.warehouseRowsWithoutId);
		});

		it('Goods · Get Many: by range (two windows); by SKU or Goods Code without a range; none of them is refused before sending', async () => {
			const range = { start: beforeNow(45), end: nowSec };
			expectSameRecords(
				await getMany({ resource: 'goods', operation: 'getMany', from: text(range.start), to: text(range.end) }),
				world().records('goods', range),
				id('goods_id'),
			);
			const [goods] = world().records('goods');
			const specNo = String((goods.spec_list as Row[])[1]?.spec_no ?? (goods.spec_list as Row[])[0].spec_no);
			emu.reset();
			expectSameRecords(
				await getMany({ resource: 'goods', operation: 'getMany', from: text(range.start), filters: { spec_no: specNo } }),
				world().records('goods').filter((row: Row) => (row.spec_list as Row[]).some((spec) => spec.spec_no === specNo)),
				id('goods_id'),
			);
			// WDT ignores the range with a code: none is sent.
			expect(requestsTo(emu, 'goods_query').every((r) => r.params?.start_time === undefined && r.params?.spec_no === specNo)).toBe(true);
			// A Goods Code alone is enough too: no range asked for, none sent.
			const goodsNo = String(goods.goods_no);
			emu.reset();
			expectSameRecords(
				await getMany({ resource: 'goods', operation: 'getMany', filters: { goods_no: goodsNo } }),
				world().records('goods').filter((row: Row) => row.goods_no === goodsNo),
				id('goods_id'),
			);
			expect(requestsTo(emu, 'goods_query').every((r) => r.params?.start_time === undefined && r.params?.goods_no === goodsNo)).toBe(true);
			emu.reset();
			const refused = await runWdt(emu, { resource: 'goods', operation: 'getMany', returnAll: true });
			expect(refused.error?.message).toBe('Goods · Get Many needs From / To, a SKU Code or a Goods Code');
			expect(refused.error?.description).toMatch(/Set From, or add one of those filters/);
			expect(emu.requests).toHaveLength(0);
		});

		it('Stock · Get Many (a range; no range: all, or WDT\'s refusal) and Get Details: every spec × warehouse once', async () => {
			const range = { start: beforeNow(40), end: nowSec };
			expectSameRecords(
				await getMany({ resource: 'stock', operation: 'getMany', from: text(range.start), to: text(range.end) }),
				world().records('stock', range),
				stockIdentity,
			);
			const all = world().records('stock');
			expect(all.length).toBeGreaterThan(100);
			expect(all.every((row: Row) => ('rec_id' in row) === !readings.keylessStockRows)).toBe(true);
			expectSameRecords(await getMany({ resource: 'stock', operation: 'getDetails' }), all, stockIdentity);
			const unranged = await runWdt(emu, { resource: 'stock', operation: 'getMany', returnAll: true });
			if (readings.stockQueryWithoutRange === 'refused') {
				expect(unranged.error?.message).toMatch(/^WDT error 21000003: /);
			} else {
				expect(unranged.error).toBeUndefined();
				expectSameRecords(unranged.json(), all, stockIdentity);
			}
		});

		it('Order · Get Many: a range across the archive border (his_trade_query and trade_query), and a busy hour over several pages', async () => {
			const range = { start: beforeNow(95), end: beforeNow(87) };
			expectSameRecords(
				await getMany({ resource: 'order', operation: 'getMany', from: text(range.start), to: text(range.end) }),
				world().records('trade', range),
				id('trade_id'),
			);
			expect(requestsTo(emu, 'his_trade_query').length).toBeGreaterThan(0);
			emu.reset();
			const busy = { start: beforeNow(2) - 30 * MINUTE, end: beforeNow(2) + 90 * MINUTE };
			const want = world().records('trade', busy);
			expect(want.length).toBeGreaterThanOrEqual(130);
			expectSameRecords(await getMany({ resource: 'order', operation: 'getMany', from: text(busy.start), to: text(busy.end) }), want, id('trade_id'));
			const pageSizes = new Set(requestsTo(emu, 'trade_query').map((r) => r.params?.page_size));
			expect([...pageSizes].sort()).toEqual(readings.pageSizeCap === 40 ? ['100', '40'] : ['100']);
		});

		it('Sales Stockout · Get Many: by ship time over 101 days (an old shipment edited lately included); with a status before shipping, by modified', async () => {
			const range = { start: beforeNow(101), end: nowSec };
			const shipped = world().records('stockout', range);
			expect(shipped.map((row: Row) => row.stockout_id)).toContain(added.oldShipped);
			expect(shipped.every((row: Row) => Number(row.status) >= 95)).toBe(true);
			expectSameRecords(
				await getMany({ resource: 'salesStockout', operation: 'getMany', from: text(range.start), to: text(range.end) }),
				shipped,
				id('stockout_id'),
			);
			emu.reset();
			const recent = { start: beforeNow(3), end: nowSec };
			const checked = world()
				.table('stockout')
				.range(recent.start, recent.end)
				.filter((row: Row) => row.status === 55)
				.map((row: Row) => present('stockout', row));
			expect(checked.map((row: Row) => row.stockout_id)).toEqual(added.unshipped.slice(0, 2));
			expectSameRecords(
				await getMany({ resource: 'salesStockout', operation: 'getMany', from: text(recent.start), to: text(recent.end), filters: { status: '55' } }),
				checked,
				id('stockout_id'),
			);
		});

		it('Refund · Get Many: 100 days (his_refund_query and refund_query), lines in refund_order_list', async () => {
			const range = { start: beforeNow(100), end: nowSec };
			const got = await getMany({ resource: 'refund', operation: 'getMany', from: text(range.start), to: text(range.end) });
			expectSameRecords(got, world().records('refund', range), id('refund_id'));
			expect(got.every((row) => Array.isArray(row.refund_order_list) && !('goods_list' in row))).toBe(true);
		});

		it('Purchase Order · Get Many: 40 days', async () => {
			const range = { start: beforeNow(40), end: nowSec };
			expectSameRecords(
				await getMany({ resource: 'purchaseOrder', operation: 'getMany', from: text(range.start), to: text(range.end) }),
				world().records('purchase', range),
				id('purchase_id'),
			);
		});
	});

	describe('every WDT Trigger list event emits every change exactly once', () => {
		const TYPE = 'n8n-nodes-wdt.wdtTrigger';
		const nodeTypes = { [TYPE]: new WdtTrigger() };
		const ROUND = 5 * MINUTE;
		const LAG = 5;
		let nowMs = 0;
		let slot = 0;

		beforeAll(() => {
			clock = () => nowMs;
			wdtTriggerClock.now = () => nowMs;
		});

		async function poll(staticData: IDataObject, event: string): Promise<Row[]> {
			const node: INode = {
				id: 'trigger',
				name: 'Trigger',
				type: TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { event },
				credentials: { wdtApi: { id: 'cred', name: 'WDT' } },
			};
			const { data } = await pollAsActiveWorkflow({
				nodeTypes,
				nodes: [node],
				connections: {},
				credentials: emulatorCredentials(emu),
				staticData,
				nodeName: 'Trigger',
			});
			return data === null ? [] : data[0].map((item) => item.json);
		}

		/**
		 * Polls `event` every 5 minutes for `rounds.length` rounds; before each poll, `rounds[r]`
		 * makes changes at `at(seconds into the round)` and returns [key, time] of each change WDT
		 * can report. Each poll must emit exactly the latest change of each key of its round.
		 */
		async function expectEachChangeOnce(
			event: string,
			keyOf: (item: Row) => string,
			versionOf: (item: Row) => string,
			rounds: Array<(at: (seconds: number) => number) => Array<[string, number]>>,
		) {
			// Each event in its own 2 hours, after everything the world and the other events hold.
			const start = (Math.floor(Date.now() / 1000) + DAY + slot++ * 2 * 3600) * 1000;
			nowMs = start;
			const staticData: IDataObject = {};
			expect(await poll(staticData, event)).toEqual([]); // activation: nothing older than now
			const emitted: string[] = [];
			for (const [r, round] of rounds.entries()) {
				const roundStart = start / 1000 + r * ROUND;
				const latest = new Map<string, number>();
				for (const [key, at] of round((seconds) => {
					expect(seconds).toBeLessThanOrEqual(ROUND - LAG);
					return roundStart + seconds;
				})) {
					latest.set(key, Math.max(latest.get(key) ?? 0, at));
				}
				nowMs = (roundStart + ROUND) * 1000;
				const items = await poll(staticData, event);
				const got = items.map((item) => `${keyOf(item)}@${versionOf(item)}`);
				emitted.push(...got);
				expect([r, [...got].sort()]).toEqual([r, [...latest].map(([key, at]) => `${key}@${text(at)}`).sort()]);
			}
			// A last poll with nothing changed: nothing comes out again.
			nowMs += MINUTE * 1000;
			expect(await poll(staticData, event)).toEqual([]);
			expect(emitted.filter((pair, i) => emitted.indexOf(pair) !== i)).toEqual([]);
		}

		const modified = (item: Row) => String(item.modified);

		it('Order Created or Updated: 130 new orders (several pages), orders changed again, twice in one interval, on the overlap', async () => {
			const ids: string[] = [];
			await expectEachChangeOnce('orderUpdated', id('trade_id'), modified, [
				(at) => {
					const out: Array<[string, number]> = [];
					for (let i = 0; i < 130; i++) {
						const row = world().addTrade({}, at(10 + i * 2)) as Row;
						ids.push(String(row.trade_id));
						out.push([String(row.trade_id), at(10 + i * 2)]);
					}
					world().touchTrade(ids[5], at(280), { trade_status: 30 });
					world().touchTrade(ids[5], at(290), { trade_status: 55 }); // twice: the latest once
					out.push([ids[5], at(290)]);
					return out;
				},
				(at) => ids.slice(0, 4).map((key, i) => (world().touchTrade(key, at(30 + i)), [key, at(30 + i)] as [string, number])),
				(at) => [(world().touchTrade(ids[0], at(200)), [ids[0], at(200)])],
			]);
		});

		it('Sales Stockout Created or Updated: shipments by ship time, stockouts before shipping by status; an edit after shipping is what WDT cannot report', async () => {
			const shipped: string[] = [];
			const unshipped: string[] = [];
			await expectEachChangeOnce('salesStockoutUpdated', id('stockout_id'), modified, [
				(at) => {
					const out: Array<[string, number]> = [];
					for (let i = 0; i < 3; i++) {
						const row = world().addStockout({}, at(10 + i)) as Row;
						shipped.push(String(row.stockout_id));
						out.push([String(row.stockout_id), at(10 + i)]);
					}
					for (let i = 0; i < 3; i++) {
						const row = world().addStockout({ status: 55, consign_time: undefined }, at(100 + i)) as Row;
						unshipped.push(String(row.stockout_id));
						out.push([String(row.stockout_id), at(100 + i)]);
					}
					world().touchStockout(unshipped[2], at(200), { status: 5 }); // cancelled in the same interval
					out.push([unshipped[2], at(200)]);
					return out;
				},
				(at) => {
					world().touchStockout(unshipped[0], at(20)); // edited before shipping
					world().touchStockout(unshipped[1], at(40), { status: 95, consign_time: at(40) }); // shipped
					// Completed after shipping: modified moves, the ship time does not. Not reported.
					world().touchStockout(shipped[0], at(60), { status: 110 });
					return [
						[unshipped[0], at(20)],
						[unshipped[1], at(40)],
					];
				},
				(at) => [(world().touchStockout(unshipped[0], at(250), { status: 5 }), [unshipped[0], at(250)])],
			]);
		});

		it('Refund Created or Updated: 45 new refunds (over a capped page), process status changes', async () => {
			const ids: string[] = [];
			await expectEachChangeOnce('refundUpdated', id('refund_id'), modified, [
				(at) =>
					Array.from({ length: 45 }, (_, i) => {
						const row = world().addRefund({}, at(5 + i * 6)) as Row;
						ids.push(String(row.refund_id));
						return [String(row.refund_id), at(5 + i * 6)] as [string, number];
					}),
				(at) => ids.slice(0, 3).map((key, i) => (world().touchRefund(key, at(10 + i), { process_status: 90 }), [key, at(10 + i)] as [string, number])),
				(at) => [(world().touchRefund(ids[44], at(100), { process_status: 10 }), [ids[44], at(100)])],
			]);
		});

		it('Stock Changed in a Warehouse: one item per spec × warehouse, the same SKU in two warehouses apart', async () => {
			const rows = world().records('stock') as Row[];
			const spec = String(rows.find((row) => rows.filter((other) => other.spec_no === row.spec_no).length > 1)?.spec_no);
			const pairs = rows.filter((row) => row.spec_no === spec).slice(0, 2).concat(rows.filter((row) => row.spec_no !== spec).slice(0, 8));
			const set = (row: Row, stock: number, sec: number): [string, number] => {
				world().setStock(String(row.spec_no), String(row.warehouse_no), stock, sec);
				return [stockIdentity(row), sec];
			};
			await expectEachChangeOnce('stockChanged', stockIdentity, modified, [
				(at) => pairs.map((row, i) => set(row, 100 + i, at(10 + i * 20))),
				(at) => [set(pairs[0], 1, at(30)), set(pairs[1], 2, at(31))],
				(at) => [set(pairs[2], 3, at(292))],
			]);
		});

		it('Goods Created or Updated: a goods change and a spec change, each once, whatever moves goods_modified', async () => {
			const goods = world().records('goods').filter((row: Row) => (row.spec_list as Row[]).length > 1) as Row[];
			const [a, b] = goods;
			const specOf = (row: Row, i: number) => String((row.spec_list as Row[])[i].spec_no);
			// A goods item's version: the newest of goods_modified and its specs' spec_modified.
			const version = (item: Row) =>
				[String(item.goods_modified), ...(item.spec_list as Row[]).map((spec) => String(spec.spec_modified))].sort().reverse()[0];
			await expectEachChangeOnce('goodsUpdated', id('goods_id'), version, [
				// Both near the end: the next poll reads them again (overlap) and must not emit them again.
				(at) => {
					world().touchSpec(specOf(a, 0), at(290), { barcode: '6900000000001' });
					world().touchGoods(String(b.goods_id), at(280), { goods_name: 'renamed' });
					return [
						[String(a.goods_id), at(290)],
						[String(b.goods_id), at(280)],
					];
				},
				// A spec of b changes while b's own change is still remembered: a new change all the same.
				(at) => [(world().touchSpec(specOf(b, 1), at(10)), [String(b.goods_id), at(10)])],
				(at) => {
					world().touchSpec(specOf(a, 1), at(50));
					world().touchGoods(String(a.goods_id), at(100));
					return [[String(a.goods_id), at(100)]];
				},
			]);
		});

		it('Purchase Order Created or Updated: new and changed purchase orders', async () => {
			const ids: string[] = [];
			await expectEachChangeOnce('purchaseOrderUpdated', id('purchase_id'), modified, [
				(at) =>
					[0, 1, 2].map((i) => {
						const row = world().add('purchase', {}, at(10 + i)) as Row;
						ids.push(String(row.purchase_id));
						return [String(row.purchase_id), at(10 + i)] as [string, number];
					}),
				(at) => ids.slice(0, 2).map((key, i) => (world().touchPurchase(key, at(60 + i), { status: 90 }), [key, at(60 + i)] as [string, number])),
				(at) => [[String((world().add('purchase', {}, at(5)) as Row).purchase_id), at(5)]],
			]);
		});
	});
});
