/**
 * Goods · Push Platform Goods (api_goodsspec_push.php) through the n8n engine against the
 * emulator: the shop's SKUs become platform goods the stock pool knows; a re-push updates.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import type { Emulator } from '../helpers/wdt-node';
import { requestsTo, runWdt } from '../helpers/wdt-node';

const PUSH = { resource: 'goods', operation: 'pushPlatformGoods', shopNo: 'shop-a' };

describe('Goods · Push Platform Goods through the n8n engine', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ pool: { shops: ['shop-a'], perShop: 10 }, seed: 4 });
	});
	afterAll(async () => {
		await emu.stop();
	});
	beforeEach(() => emu.reset());

	/** Rows for SKUs the ERP has (world goods), with 19-digit platform spec ids. */
	const rows = (count: number, from = 0): IDataObject[] => {
		emu.world.ensure();
		return emu.world.skus.slice(from, from + count).map((sku: { spec_no: string; goods_name?: string }, i: number) => ({
			goods_id: `G${from + i}`,
			spec_id: `27543274825166356${String(10 + from + i)}`,
			spec_no: sku.spec_no,
			goods_name: sku.goods_name ?? '货品',
			price: '19.90',
			stock_num: 3,
		}));
	};

	it('pushes rows in batches; each "new", then "changed" on a re-push; the ids reach WDT exactly', async () => {
		const input = rows(5);
		const run = await runWdt(emu, { ...PUSH, goodsOptions: { batchSize: 2 } }, { input });
		expect(run.error).toBeUndefined();
		expect(run.json().map((r) => [r.spec_id, r.outcome])).toEqual(input.map((r) => [r.spec_id, 'new']));
		const calls = requestsTo(emu, 'api_goodsspec_push').map((r) => JSON.parse(r.params?.api_goods_info as string));
		expect(calls.map((info) => info.goods_list.length)).toEqual([2, 2, 1]);
		expect(calls[0]).toMatchObject({ platform_id: 127, shop_no: 'shop-a' });
		expect(requestsTo(emu, 'api_goodsspec_push')[0].params?.api_goods_info).toContain(`"spec_id":"${input[0].spec_id}"`);
		expect(emu.erpOrders.platformGoods.size).toBe(5);

		const again = await runWdt(emu, PUSH, { input });
		expect(again.json().map((r) => r.outcome)).toEqual(input.map(() => 'changed'));
		expect(emu.erpOrders.platformGoods.size).toBe(5);
	});

	it('checks every row first: a row without spec_no stops the node before anything is sent', async () => {
		const input = rows(2);
		delete input[1].spec_no;
		const run = await runWdt(emu, PUSH, { input });
		expect(run.error?.message).toMatch(/^item 2 \(index 1\): spec_no is required/);
		expect(requestsTo(emu, 'api_goodsspec_push')).toHaveLength(0);
	});

	it('WDT refusing the call (a platform it does not take) → every row "refused" with WDT\'s message', async () => {
		const run = await runWdt(emu, { ...PUSH, platformId: 1 }, { input: rows(2), extra: { onError: 'continueRegularOutput' } });
		expect(run.json().map((r) => r.outcome)).toEqual(['refused', 'refused']);
		expect(String((run.json()[0].error as IDataObject).message)).toMatch(/platform_id/);
		expect(run.json()[0].error).toMatchObject({ scope: 'request', code: expect.any(Number) });
	});

	it('Continue On Fail with every row bad: each is "notSent" with its reason, and the gateway is not even looked up', async () => {
		const input = rows(2);
		delete input[0].spec_no; // goods_name may be left out (docs/wdt-contract.md#api_goodsspec_push); spec_no may not
		input[1].price = '-1';
		// A credential without a gateway URL: any call (or gateway look-up) would fail the node.
		const noGateway = { ...emu, url: '' } as Emulator;
		const run = await runWdt(noGateway, PUSH, { input, extra: { onError: 'continueRegularOutput' } });
		expect(run.error).toBeUndefined();
		expect(run.json().map((r) => [r.spec_id, r.outcome, (r.error as IDataObject).field, (r.error as IDataObject).message])).toEqual([
			[input[0].spec_id, 'notSent', 'spec_no', 'item 1 (index 0): spec_no is required'],
			[input[1].spec_id, 'notSent', 'price', 'item 2 (index 1): price must not be negative (-1)'],
		]);
	});

	it('a spec_id given twice with different contents: neither is sent, both items "notSent" naming both; a repeat alike is sent once', async () => {
		const [a, b] = rows(2, 7);
		const run = await runWdt(emu, PUSH, {
			input: [a, b, { ...a, price: '29.90' }, { ...b }],
			extra: { onError: 'continueRegularOutput' },
		});
		expect(run.items().map((i) => [i.json.spec_id, i.json.outcome, i.pairedItem])).toEqual([
			[a.spec_id, 'notSent', { item: 0 }],
			[b.spec_id, 'new', { item: 1 }],
			[a.spec_id, 'notSent', { item: 2 }],
			[b.spec_id, 'new', { item: 3 }],
		]);
		const why = `spec_id ${a.spec_id} is given with different contents by item 1 (index 0), item 3 (index 2): which one is right cannot be known, so none of them is sent`;
		expect(run.json()[0]).toMatchObject({ shop_no: 'shop-a', price: '19.90', error: { scope: 'validation', outcome: 'notSent', field: 'spec_id', message: `item 1 (index 0): ${why}` } });
		expect(run.json()[2]).toMatchObject({ shop_no: 'shop-a', price: '29.90', error: { message: `item 3 (index 2): ${why}` } });
		const sent = requestsTo(emu, 'api_goodsspec_push').map((r) => JSON.parse(r.params?.api_goods_info as string).goods_list);
		expect(sent.flat().map((g: IDataObject) => g.spec_id)).toEqual([b.spec_id]);
	});

	it('Shop Code: spaces around it are trimmed; left blank, the node fails before anything is sent', async () => {
		const trimmed = await runWdt(emu, { ...PUSH, shopNo: ' shop-a ' }, { input: rows(1, 5) });
		expect(trimmed.json().map((r) => r.shop_no)).toEqual(['shop-a']);
		expect(JSON.parse(requestsTo(emu, 'api_goodsspec_push')[0].params?.api_goods_info as string).shop_no).toBe('shop-a');

		emu.reset();
		const blank = await runWdt(emu, { ...PUSH, shopNo: '   ' }, { input: rows(1, 5) });
		expect(blank.error?.message).toBe('Shop Code (shop_no) is empty');
		expect(requestsTo(emu, 'api_goodsspec_push')).toHaveLength(0);
	});
});
