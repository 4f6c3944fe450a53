/**
 * Reading the pending stock changes through the n8n engine against the emulator: the WDT node's
 * Stock Sync · Get Pending and the hidden WDT Get Stock Changes, which runs the same operation
 * with its own (same-named) parameters. Every test runs on both.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeType } from 'n8n-workflow';

import { StockPool, startEmulator } from '../../emulator';
import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { WdtGetStockChanges } from '../../nodes/WdtGetStockChanges/WdtGetStockChanges.node';
import { chain, emulatorCredentials, runWorkflow, sourceNode, wdtNode } from '../helpers/engine';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const QUERY = 'api_goods_stock_change_query.php';

/** A node's execute on a host whose execute context has no addExecutionHints (it was added to n8n during 1.x). */
function withoutHints<T extends INodeType>(node: T): T {
	const execute = node.execute as (this: IExecuteFunctions) => ReturnType<NonNullable<INodeType['execute']>>;
	node.execute = async function (this: IExecuteFunctions) {
		const context = Object.create(this, { addExecutionHints: { value: undefined } }) as IExecuteFunctions;
		return await execute.call(context);
	};
	return node;
}

/** The two nodes that read the queue: their type and the parameters that pick the operation. */
const VARIANTS = [
	{
		label: 'WDT · Stock Sync · Get Pending',
		type: 'n8n-nodes-wdt.wdt',
		operation: { resource: 'stockSync', operation: 'getPending' },
		make: () => new Wdt(),
	},
	{
		label: 'WDT Get Stock Changes (hidden)',
		type: 'n8n-nodes-wdt.wdtGetStockChanges',
		operation: {},
		make: () => new WdtGetStockChanges(),
	},
];

describe.each(VARIANTS)('$label through the n8n engine', ({ type, operation, make }) => {
	const nodeTypes: Record<string, INodeType> = { [type]: make() };
	const getNode = (parameters: IDataObject, extra: Partial<INode> = {}) =>
		wdtNode(type, 'Get', { ...operation, ...parameters }, extra);

	async function query(
		emu: Emulator,
		parameters: IDataObject,
		extra: Partial<INode> = {},
		input: IDataObject[] = [{}],
		types: Record<string, INodeType> = nodeTypes,
	) {
		return await runWorkflow({
			nodeTypes: types,
			nodes: [sourceNode(input), getNode(parameters, extra)],
			connections: chain('Source', 'Get'),
			credentials: emulatorCredentials(emu),
		});
	}

	function queryRequests(emu: Emulator) {
		return emu.requests.filter((r) => r.endpoint === QUERY);
	}

	/** The execution hints the Get node's run shows in its output pane. */
	function hintsOf(result: Awaited<ReturnType<typeof query>>) {
		return (result.run.data.resultData.runData.Get[0].hints ?? []).map((hint) => hint.message);
	}

	describe('reading', () => {
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

		it('outputs one item per record: rec_id an exact string, ids and counters numbers, names strings', async () => {
			const row = emu.pool.addRecord({
				shop_no: 'shop-a',
				goods_no: '000123',
				spec_no: '000123-01',
				goods_name: '纯棉圆领T恤 男女同款',
				spec_name: '白色 M',
				sync_stock: 42,
				stock_change_count: 7,
			});
			emu.pool.addRecord({ shop_no: 'shop-b' });
			const result = await query(emu, { shopNos: 'shop-a' });
			expect(result.error).toBeUndefined();
			const items = result.output('Get');
			expect(items).toHaveLength(1);
			const json = items[0].json;
			expect(json.rec_id).toBe(row.rec_id);
			expect(typeof json.rec_id).toBe('string');
			expect(json).toMatchObject({
				shop_no: 'shop-a',
				shop_id: row.shop_id,
				goods_id: row.goods_id,
				spec_id: row.spec_id,
				goods_no: '000123',
				spec_no: '000123-01',
				goods_name: '纯棉圆领T恤 男女同款',
				spec_name: '白色 M',
				sync_stock: 42,
				stock_change_count: 7,
			});
			expect(items[0].pairedItem).toEqual({ item: 0 });
			const sent = queryRequests(emu)[0].params;
			expect(sent).toMatchObject({ shop_no: 'shop-a', limit: '100' });
		});

		it('queries every shop of a comma-separated list or an expression returning a list', async () => {
			emu.pool.addRecord({ shop_no: 'shop-a' });
			emu.pool.addRecord({ shop_no: 'shop-b' });
			emu.pool.addRecord({ shop_no: 'shop-b' });
			const byText = await query(emu, { shopNos: ' shop-a ,shop-b，shop-a' });
			expect(byText.output('Get').map((i) => i.json.shop_no)).toEqual(['shop-a', 'shop-b', 'shop-b']);
			expect(queryRequests(emu).map((r) => r.params?.shop_no)).toEqual(['shop-a', 'shop-b']);
			const byList = await query(emu, { shopNos: "={{ ['shop-b'] }}" });
			expect(byList.output('Get')).toHaveLength(2);
		});

		it('runs per input item, pairing each record with the item whose parameters were used', async () => {
			emu.pool.addRecord({ shop_no: 'shop-a' });
			emu.pool.addRecord({ shop_no: 'shop-b' });
			emu.pool.addRecord({ shop_no: 'shop-b' });
			const result = await query(emu, { shopNos: '={{ $json.shop }}' }, {}, [
				{ shop: 'shop-b' },
				{ shop: 'shop-a' },
			]);
			const items = result.output('Get');
			expect(items.map((i) => [i.json.shop_no, i.pairedItem])).toEqual([
				['shop-b', { item: 0 }],
				['shop-b', { item: 0 }],
				['shop-a', { item: 1 }],
			]);
		});

		it('one query without Fetch All Pending; notes that a full page may hide more', async () => {
			for (let i = 0; i < 5; i++) emu.pool.addRecord({ shop_no: 'shop-a' });
			const result = await query(emu, { shopNos: 'shop-a', pageSize: 3 });
			expect(result.output('Get')).toHaveLength(3);
			expect(queryRequests(emu)).toHaveLength(1);
			const hints = result.run.data.resultData.runData.Get[0].hints ?? [];
			expect(hints.map((h) => h.message).join(' ')).toMatch(/full page of 3/);
		});

		it('no hint when every shop\'s pending records fit in one page', async () => {
			emu.pool.addRecord({ shop_no: 'shop-a' });
			emu.pool.addRecord({ shop_no: 'shop-b' });
			const result = await query(emu, { shopNos: 'shop-a, shop-b', pageSize: 2 });
			expect(result.output('Get')).toHaveLength(2);
			expect(hintsOf(result)).toEqual([]);
		});

		it('one hint per shop that may hold more, each once over all items, at most five', async () => {
			const shops = ['shop-a', 'shop-b', 'shop-c', 'shop-d', 'shop-e', 'shop-f'];
			for (const shop_no of shops) {
				emu.pool.addShop({ shop_no });
				emu.pool.addRecord({ shop_no });
			}
			// Two items asking for the same shop: the same note twice, shown once.
			const twice = await query(emu, { shopNos: 'shop-a', pageSize: 1 }, {}, [{}, {}]);
			expect(twice.output('Get')).toHaveLength(2);
			expect(hintsOf(twice)).toEqual([expect.stringMatching(/^Shop shop-a: a full page of 1 records/)]);

			const six = await query(emu, { shopNos: shops.join(','), pageSize: 1 });
			expect(six.output('Get')).toHaveLength(6);
			expect(hintsOf(six).map((message) => /^Shop ([\w-]+):/.exec(message)?.[1])).toEqual(shops.slice(0, 5));
		});

		it('on a host without execution hints: the records, and no error for the hint it cannot show', async () => {
			emu.pool.addRecord({ shop_no: 'shop-a' });
			const result = await query(emu, { shopNos: 'shop-a', pageSize: 1 }, {}, [{}], {
				[type]: withoutHints(make()),
			});
			expect(result.error).toBeUndefined();
			expect(result.output('Get').map((i) => i.json.shop_no)).toEqual(['shop-a']);
			expect(hintsOf(result)).toEqual([]);
		});

		describe('Fetch All Pending', () => {
			it('on a gateway that repeats its page until acked: stops at the first page without a new rec_id', async () => {
				for (let i = 0; i < 250; i++) emu.pool.addRecord({ shop_no: 'shop-a' });
				const result = await query(emu, { shopNos: 'shop-a', pageSize: 100, fetchAll: true });
				const items = result.output('Get');
				expect(items).toHaveLength(100);
				expect(new Set(items.map((i) => i.json.rec_id)).size).toBe(100);
				expect(queryRequests(emu)).toHaveLength(2); // the second page repeated the first
				const hints = result.run.data.resultData.runData.Get[0].hints ?? [];
				expect(hints.map((h) => h.message).join(' ')).toMatch(/only after these are acked/);
			});

			it('a record seen again within one read keeps its newest values, in the place it was first read', async () => {
				let changed: ReturnType<Emulator['pool']['changeStock']> | undefined;
				const changing = await startEmulator({
					pool: { shops: ['shop-a'], perShop: 0 },
					seed: 6,
					// Right after the first query answered, the ERP's stock of one record changes.
					onRequest: (entry) => {
						if (entry.endpoint === QUERY && !changed) changed = changing.pool.changeStock(rows[2].rec_id, 321);
					},
				});
				const rows = Array.from({ length: 5 }, (_, i) => changing.pool.addRecord({ shop_no: 'shop-a', sync_stock: i, stock_change_count: 4 }));
				try {
					const result = await query(changing, { shopNos: 'shop-a', pageSize: 5, fetchAll: true });
					expect(queryRequests(changing)).toHaveLength(2); // the second answer brought nothing new
					const items = result.output('Get').map((item) => item.json);
					expect(items.map((json) => json.rec_id)).toEqual(rows.map((row) => row.rec_id));
					expect(items[2]).toMatchObject({ sync_stock: 321, stock_change_count: 5 });
					expect(changed).toMatchObject({ sync_stock: 321, stock_change_count: 5 });
					expect(items.filter((json) => json.stock_change_count === 4)).toHaveLength(4);
				} finally {
					await changing.stop();
				}
			});

			it('stops after one query when the page is shorter than Limit', async () => {
				for (let i = 0; i < 30; i++) emu.pool.addRecord({ shop_no: 'shop-a' });
				const result = await query(emu, { shopNos: 'shop-a', pageSize: 100, fetchAll: true });
				expect(result.output('Get')).toHaveLength(30);
				expect(queryRequests(emu)).toHaveLength(1);
			});

			it('on a gateway that hands out the next records: collects every page, then honours Max Records', async () => {
				const rotating = await startEmulator({ pool: new RotatingPool(['shop-a']), seed: 9 });
				try {
					for (let i = 0; i < 250; i++) rotating.pool.addRecord({ shop_no: 'shop-a' });
					const all = await query(rotating, {
						shopNos: 'shop-a',
						pageSize: 100,
						fetchAll: true,
						maxRecords: 10000,
					});
					const recIds = all.output('Get').map((i) => i.json.rec_id);
					expect(recIds).toHaveLength(250);
					expect(new Set(recIds).size).toBe(250);
					expect(recIds).toEqual(rotating.pool.pending('shop-a').map((row) => row.rec_id));
					expect(queryRequests(rotating)).toHaveLength(3); // 100 + 100 + 50 (short page)

					rotating.reset();
					(rotating.pool as RotatingPool).cursor.clear();
					const capped = await query(rotating, {
						shopNos: 'shop-a',
						pageSize: 100,
						fetchAll: true,
						maxRecords: 150,
					});
					expect(capped.output('Get')).toHaveLength(150);
					expect(queryRequests(rotating)).toHaveLength(2);
					const hints = capped.run.data.resultData.runData.Get[0].hints ?? [];
					expect(hints.map((h) => h.message).join(' ')).toMatch(/Max Records \(150\)/);
				} finally {
					await rotating.stop();
				}
			});
		});

		it('keeps a 19-digit rec_id sent as a bare JSON number exact', async () => {
			const bare = await startEmulator({
				pool: { shops: ['shop-a'], perShop: 0 },
				recIdAsNumber: true,
			});
			try {
				const generated = bare.pool.addRecord({ shop_no: 'shop-a' });
				bare.pool.addRecord({ shop_no: 'shop-a', rec_id: '9007199254740993' }); // 2^53 + 1
				bare.pool.addRecord({ shop_no: 'shop-a', rec_id: '9223372036854775807' }); // bigint max
				bare.pool.addRecord({ shop_no: 'shop-a', rec_id: '12345' });
				const result = await query(bare, { shopNos: 'shop-a' });
				expect(result.output('Get').map((i) => i.json.rec_id)).toEqual([
					generated.rec_id,
					'9007199254740993',
					'9223372036854775807',
					'12345',
				]);
				expect(generated.rec_id).toMatch(/^\d{19}$/);
				expect(BigInt(Number(generated.rec_id))).not.toBe(BigInt(generated.rec_id)); // not a double
			} finally {
				await bare.stop();
			}
		});

		describe('errors', () => {
			it('an unknown shop fails with WDT code, message and the hint, naming the item and the shop', async () => {
				emu.pool.addRecord({ shop_no: 'shop-a' });
				const result = await query(emu, { shopNos: 'shop-a, no-such-shop' });
				expect(result.error).toBeDefined();
				expect(result.error?.message).toMatch(/no-such-shop.*WDT error 2310: 店铺编号不存在或已停用/);
				expect(result.error?.description).toMatch(/Shop Code \(shop_no\)/);
				expect(result.error?.description).toMatch(/Stock sync works only for shops of the types own platform and other platform/);
				expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(0);
			});

			it('with several input items, the error names the item as well as the shop; with one, the shop alone', async () => {
				emu.pool.addRecord({ shop_no: 'shop-a' });
				const two = await query(emu, { shopNos: '={{ $json.shop }}' }, {}, [{ shop: 'shop-a' }, { shop: 'no-such-shop' }]);
				expect(two.error?.message).toMatch(/^item 2 \(index 1\), shop no-such-shop: .*2310/);
				expect((two.error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
				const one = await query(emu, { shopNos: 'no-such-shop' });
				expect(one.error?.message).toMatch(/^Shop no-such-shop: .*2310/);
			});

			it('with Continue On Fail: an error item for the bad shop, records of the good one', async () => {
				emu.pool.addRecord({ shop_no: 'shop-a' });
				const result = await query(
					emu,
					{ shopNos: 'no-such-shop, shop-a' },
					{ onError: 'continueRegularOutput' },
				);
				expect(result.error).toBeUndefined();
				const items = result.output('Get');
				expect(items).toHaveLength(2);
				expect(items[0].json.error).toMatch(/Shop no-such-shop: WDT error 2310/);
				expect(items[0].json.details).toMatchObject({
					shop_no: 'no-such-shop',
					code: 2310,
					message: expect.stringContaining('店铺编号') as unknown,
					hint: expect.stringContaining('shop_no') as unknown,
				});
				expect(items[0].pairedItem).toEqual({ item: 0 });
				expect(items[1].json.shop_no).toBe('shop-a');
			});

			it('with the error output: the bad shop goes to the error output', async () => {
				emu.pool.addRecord({ shop_no: 'shop-a' });
				const result = await query(
					emu,
					{ shopNos: 'no-such-shop, shop-a' },
					{ onError: 'continueErrorOutput' },
				);
				expect(result.output('Get', 0).map((i) => i.json.shop_no)).toEqual(['shop-a']);
				expect(result.output('Get', 1).map((i) => (i.json.details as IDataObject).shop_no)).toEqual([
					'no-such-shop',
				]);
			});

			it('an empty shop list is refused before any request', async () => {
				const result = await query(emu, { shopNos: ' , ' });
				expect(result.error?.message).toMatch(/Shop Codes is empty/);
				expect(queryRequests(emu)).toHaveLength(0);
			});

			it.each([0, -1, 2001, 2.5])('a Limit of %s is refused before any request, not moved into 1–2000', async (pageSize) => {
				const result = await query(emu, { shopNos: 'shop-a', pageSize });
				expect(result.error?.message).toBe(`Limit must be a whole number from 1 to 2000, not ${pageSize}`);
				expect(queryRequests(emu)).toHaveLength(0);
			});

			it('an item without shop codes fails naming that item', async () => {
				emu.pool.addRecord({ shop_no: 'shop-a' });
				const result = await query(emu, { shopNos: '={{ $json.shop }}' }, {}, [{ shop: 'shop-a' }, { shop: ' ' }]);
				expect(result.error?.message).toMatch(/^Shop Codes is empty/);
				expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
			});

			it('with Continue On Fail: an item without shop codes gives an error item paired with it', async () => {
				emu.pool.addRecord({ shop_no: 'shop-a' });
				const input = [{ shop: ' ' }, { shop: 'shop-a' }];
				const regular = await query(emu, { shopNos: '={{ $json.shop }}' }, { onError: 'continueRegularOutput' }, input);
				expect(regular.error).toBeUndefined();
				const items = regular.output('Get');
				expect(items).toHaveLength(2);
				expect(items[0]).toEqual({ json: { error: expect.stringMatching(/^Shop Codes is empty/) as unknown }, pairedItem: { item: 0 } });
				expect(items[1]).toMatchObject({ json: { shop_no: 'shop-a' }, pairedItem: { item: 1 } });

				// Only an error key: n8n sends it to the error output when that is on.
				const split = await query(emu, { shopNos: '={{ $json.shop }}' }, { onError: 'continueErrorOutput' }, input);
				expect(split.output('Get', 0).map((i) => i.json.shop_no)).toEqual(['shop-a']);
				expect(split.output('Get', 1).map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
			});

			it('retries a transient failure, then succeeds', async () => {
				emu.pool.addRecord({ shop_no: 'shop-a' });
				emu.faults.add({ endpoint: QUERY, kind: 'http', status: 503, count: 1 });
				const result = await query(emu, { shopNos: 'shop-a', options: { retryDelayMs: 0 } });
				expect(result.error).toBeUndefined();
				expect(result.output('Get')).toHaveLength(1);
				expect(queryRequests(emu)).toHaveLength(2);
			});
		});
	});
});

/**
 * A gateway of the other kind: each query hands out the next pending records (a cursor per shop),
 * starting over after the last one.
 */
class RotatingPool extends StockPool {
	cursor = new Map<string, number>();

	constructor(shops: string[]) {
		super({ seed: 3 });
		for (const shop_no of shops) this.addShop({ shop_no });
	}

	query(shopNo: string, limit: number) {
		const rows = [...(this.pendingByShop.get(shopNo)?.values() ?? [])];
		const start = (this.cursor.get(shopNo) ?? 0) % Math.max(rows.length, 1);
		const page = rows.slice(start, start + limit);
		this.cursor.set(shopNo, start + page.length);
		return page;
	}
}
