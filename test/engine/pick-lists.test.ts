/**
 * Shop Code and Warehouse Code as pick lists (resource locators): the lists come from shop.php and
 * warehouse_query through the node's listSearch methods, called with n8n-core's own
 * LoadOptionsContext (what the editor's "From List" calls) against the emulator; and a workflow
 * saved while these fields were plain strings (or expressions) runs unchanged.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INodeListSearchResult, INodeType } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { createAdditionalData } from '../../scripts/run-workflow';
import { buildWorkflow, emulatorCredentials, localOptions, wdtNode } from '../helpers/engine';
import type { Emulator } from '../helpers/wdt-node';
import { WDT_TYPE, requestsTo, runWdt } from '../helpers/wdt-node';

const TRIGGER_TYPE = 'n8n-nodes-wdt.wdtTrigger';
const nodeTypes: Record<string, INodeType> = { [WDT_TYPE]: new Wdt(), [TRIGGER_TYPE]: new WdtTrigger() };

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 1 }, seed: 3, world: { anchor: '2026-11-28 12:00:00' } });
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => emu.reset());

/** What the editor's From List shows: the node's listSearch method in n8n-core's LoadOptionsContext. */
async function searchList(type: string, method: 'searchShops' | 'searchWarehouses', filter?: string): Promise<INodeListSearchResult> {
	const options = { nodeTypes, nodes: [wdtNode(type, 'Node', {})], connections: {}, credentials: emulatorCredentials(emu) };
	const workflow = buildWorkflow(options);
	const node = workflow.getNode('Node');
	if (!node) throw new Error('no node');
	const context = new LoadOptionsContext(workflow, node, createAdditionalData({ ...localOptions(options), mode: 'manual' }), 'parameters.filters');
	const search = nodeTypes[type].methods?.listSearch?.[method];
	if (!search) throw new Error(`${type} has no ${method}`);
	return await search.call(context, filter);
}

describe('From List: the shops and warehouses of the ERP', () => {
	it.each([WDT_TYPE, TRIGGER_TYPE])('%s lists every shop as "name (code)", sorted, by a signed shop.php read', async (type) => {
		const { results } = await searchList(type, 'searchShops');
		const shops = emu.world.shops() as IDataObject[];
		expect(results.map((r) => r.value).sort()).toEqual(shops.map((s) => String(s.shop_no)).sort());
		for (const shop of shops) {
			expect(results).toContainEqual({ name: `${String(shop.shop_name)} (${String(shop.shop_no)})`, value: shop.shop_no });
		}
		expect(results.map((r) => r.name)).toEqual([...results.map((r) => r.name)].sort((a, b) => a.localeCompare(b)));
		const reads = requestsTo(emu, 'shop');
		expect(reads.length).toBeGreaterThan(0);
		// The emulator checks the signature: every read was accepted.
		expect(reads.every((r) => r.accepted)).toBe(true);
	});

	it('the text typed in the list filters by name or code, case aside', async () => {
		const { results } = await searchList(WDT_TYPE, 'searchShops', 'SHOP-B');
		expect(results.map((r) => r.value)).toEqual(['shop-b']);
	});

	it('lists the warehouses from warehouse_query, "name (code)"', async () => {
		const { results } = await searchList(WDT_TYPE, 'searchWarehouses');
		const warehouses = emu.world.warehouses as IDataObject[];
		expect(results.map((r) => r.value).sort()).toEqual(warehouses.map((w) => String(w.warehouse_no)).sort());
		expect(results).toContainEqual({ name: `${String(warehouses[0].name)} (${String(warehouses[0].warehouse_no)})`, value: warehouses[0].warehouse_no });
		expect(requestsTo(emu, 'warehouse_query').every((r) => r.accepted)).toBe(true);
	});

	it('a refused read fails the list with WDT\'s message (the editor shows it), nothing invented', async () => {
		emu.faults.add({ endpoint: 'shop.php', kind: 'apiError', code: 1090, message: '无权限', count: 5 });
		const error = await searchList(WDT_TYPE, 'searchShops').then(
			() => undefined,
			(thrown: unknown) => thrown as { message: string; description?: string },
		);
		expect(error?.message).toBe('shop: WDT error 1090: 无权限');
		expect(error?.description).toMatch(/no permission for this endpoint/);
	});
});

describe('a workflow saved before the pick lists runs unchanged', () => {
	const range = { from: '2026-11-24 11:00:00', to: '2026-11-24 14:00:00' };
	const ordersOf = async (shopNo: unknown, input: IDataObject[] = [{}]) => {
		emu.reset();
		const run = await runWdt(emu, { resource: 'order', operation: 'getMany', returnAll: true, ...range, filters: { shop_no: shopNo } }, { input });
		expect(run.error).toBeUndefined();
		const sent = requestsTo(emu, 'trade_query').map((r) => r.params?.shop_no);
		return { ids: run.json().map((order) => order.trade_id), sent };
	};

	it('Order · Get Many: the Shop Code filter as a plain string (saved), an expression string, From List and By Code ask WDT the same', async () => {
		const shop = String((emu.world.records('trade', { start: range.from, end: range.to }) as IDataObject[])[0].shop_no);
		const saved = await ordersOf(shop);
		expect(saved.ids.length).toBeGreaterThan(0);
		expect(new Set(saved.sent)).toEqual(new Set([shop]));
		expect(await ordersOf(`={{ $json.shop }}`, [{ shop }])).toEqual(saved);
		expect(await ordersOf({ __rl: true, mode: 'list', value: shop, cachedResultName: 'x' })).toEqual(saved);
		expect(await ordersOf({ __rl: true, mode: 'code', value: '={{ $json.shop }}' }, [{ shop }])).toEqual(saved);
		// An empty pick list is no filter, as an empty string was.
		const all = await ordersOf({ __rl: true, mode: 'list', value: '' });
		expect(all.sent.every((value) => value === undefined)).toBe(true);
		expect(all.ids.length).toBeGreaterThan(saved.ids.length);
	});

	it('Warehouse · Get Many: the Warehouse Code filter, saved as a string or picked, reads the same warehouse', async () => {
		const code = String((emu.world.warehouses as IDataObject[])[1].warehouse_no);
		const read = async (value: unknown) => {
			emu.reset();
			const run = await runWdt(emu, { resource: 'warehouse', operation: 'getMany', returnAll: true, filters: { warehouse_no: value } });
			expect(run.error).toBeUndefined();
			return { rows: run.json(), sent: requestsTo(emu, 'warehouse_query')[0].params?.warehouse_no };
		};
		const saved = await read(code);
		expect(saved.sent).toBe(code);
		expect(saved.rows.map((w) => w.warehouse_no)).toEqual([code]);
		expect(await read({ __rl: true, mode: 'list', value: code })).toEqual(saved);
	});
});
