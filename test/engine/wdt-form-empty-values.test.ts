/**
 * What the WDT node sends when a field of its form is filled by an expression that gives
 * nothing, and Any Endpoint's page size with Read All Pages: through the n8n engine against the
 * emulator. An empty value narrows nothing, so it is left out (never sent as the text "null"),
 * like a blank one.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import type { Emulator } from '../helpers/wdt-node';
import { FAST, requestsTo, runWdt } from '../helpers/wdt-node';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 1 }, seed: 5, world: { anchor: '2026-11-28 12:00:00' } });
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => emu.reset());

const sentTo = (endpoint: string) => requestsTo(emu, endpoint).map((r) => r.params ?? {});

describe('a list operation: Filters and Other Parameters an expression leaves empty', () => {
	it.each([
		['null', '={{ null }}'],
		['a missing field', '={{ $json.nothing }}'],
	])('%s is not sent: every shop comes back; a name the node sets is not refused for it (it is left out like a blank value)', async (_what, empty) => {
		const shops = (emu.world.shops() as IDataObject[]).map((shop) => shop.shop_no);
		expect(shops.length).toBeGreaterThan(1);
		const run = await runWdt(emu, {
			resource: 'shop',
			operation: 'getMany',
			returnAll: true,
			filters: { platform: empty },
			options: { ...FAST, extraParameters: { parameter: [{ name: 'shop_no', value: empty }, { name: 'page_no', value: empty }] } },
		});
		expect(run.error).toBeUndefined();
		expect(run.json().map((shop) => shop.shop_no)).toEqual(shops);
		const [sent] = sentTo('shop');
		expect(Object.keys(sent)).not.toContain('platform');
		expect(Object.keys(sent)).not.toContain('shop_no');
		expect(sent.page_no).toBe('0');
	});
});

describe('Any Endpoint · Read All Pages: the page size', () => {
	const warehouses = () => (emu.world.warehouses as IDataObject[]).map((w) => w.warehouse_no);
	const readAll = (parameter: IDataObject[], options: IDataObject = {}) =>
		runWdt(emu, {
			resource: 'anyEndpoint',
			operation: 'call',
			endpoint: 'warehouse_query',
			parameters: { parameter },
			options: { ...FAST, paginate: true, output: 'records', ...options },
		});

	it("without Page Size, the parameters' own page_size pages the list", async () => {
		const run = await readAll([{ name: 'page_size', value: '2' }]);
		expect(run.error).toBeUndefined();
		expect(run.json().map((w) => w.warehouse_no)).toEqual(warehouses());
		expect(sentTo('warehouse_query').map((p) => [p.page_no, p.page_size])).toEqual([
			['0', '2'],
			['1', '2'],
			['2', '2'],
		]);
	});

	it('Page Size wins over a page_size parameter; with neither, pages of 100', async () => {
		const sized = await readAll([{ name: 'page_size', value: '2' }], { pageSize: 3 });
		expect(sized.json().map((w) => w.warehouse_no)).toEqual(warehouses());
		expect(sentTo('warehouse_query').map((p) => p.page_size)).toEqual(['3', '3']);
		emu.reset();
		const plain = await readAll([]);
		expect(plain.json().map((w) => w.warehouse_no)).toEqual(warehouses());
		expect(sentTo('warehouse_query').map((p) => p.page_size)).toEqual(['100']);
	});
});
