/**
 * The WDT (旺店通) node through the n8n engine against the emulator: shops, warehouses, Any
 * Endpoint, and the behaviour every operation shares (pairing, errors with hints, Continue On Fail).
 */
import { startEmulator } from '../../emulator';
import type { Emulator } from '../helpers/wdt-node';
import { FAST, requestsTo, runWdt } from '../helpers/wdt-node';

describe('WDT node basics through the n8n engine', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 3 }, seed: 3 });
	});
	afterAll(async () => {
		await emu.stop();
	});
	beforeEach(() => emu.reset());

	it('Shop · Get Many: one item per shop, ids as text, paired with the input; shop.php has no total_count, so a short page 0 is confirmed by an empty page 1', async () => {
		const run = await runWdt(emu, { resource: 'shop', operation: 'getMany', returnAll: true });
		expect(run.error).toBeUndefined();
		const shops = run.json();
		expect(shops.map((s) => s.shop_no)).toEqual(emu.world.shops().map((s) => s.shop_no));
		expect(shops.length).toBeGreaterThanOrEqual(2);
		expect(typeof shops[0].shop_id).toBe('string');
		expect(run.items().every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);
		const sent = requestsTo(emu, 'shop').map((r) => r.params);
		expect(sent).toHaveLength(2);
		expect(sent[0]).toMatchObject({ page_no: '0', page_size: '100' });
		expect(sent[1]).toMatchObject({ page_no: '1', page_size: '100' });
	});

	it('Warehouse · Get Many: Return All across pages at a small page size; filters sent by their WDT name', async () => {
		const all = await runWdt(emu, {
			resource: 'warehouse',
			operation: 'getMany',
			returnAll: true,
			options: { pageSize: 3 },
		});
		expect(all.json()).toHaveLength(5); // four demo warehouses and the world's third-party one
		expect(requestsTo(emu, 'warehouse_query').map((r) => [r.params?.page_no, r.params?.page_size])).toEqual([
			['0', '3'],
			['1', '3'],
		]);
		emu.reset();
		const one = await runWdt(emu, {
			resource: 'warehouse',
			operation: 'getMany',
			returnAll: true,
			filters: { warehouse_no: all.json()[2].warehouse_no },
		});
		expect(one.json()).toEqual([all.json()[2]]);
		expect(requestsTo(emu, 'warehouse_query')[0].params?.warehouse_no).toBe(all.json()[2].warehouse_no);
	});

	it('Limit: stops at Limit records and asks for no more than it needs', async () => {
		const run = await runWdt(emu, { resource: 'warehouse', operation: 'getMany', returnAll: false, limit: 2 });
		expect(run.json()).toHaveLength(2);
		expect(requestsTo(emu, 'warehouse_query').map((r) => r.params?.page_size)).toEqual(['2']);
	});

	it('runs once per input item with that item\'s expressions, pairing every record with it', async () => {
		const run = await runWdt(
			emu,
			{ resource: 'shop', operation: 'getMany', returnAll: true, filters: { shop_no: '={{ $json.shop }}' } },
			{ input: [{ shop: 'shop-b' }, { shop: 'shop-a' }] },
		);
		expect(run.items().map((i) => [i.json.shop_no, i.pairedItem])).toEqual([
			['shop-b', { item: 0 }],
			['shop-a', { item: 1 }],
		]);
	});

	it('Raw Answers: one item per answer, as WDT sent it', async () => {
		const run = await runWdt(emu, {
			resource: 'warehouse',
			operation: 'getMany',
			returnAll: true,
			options: { pageSize: 3, rawAnswers: true },
		});
		const answers = run.json();
		expect(answers).toHaveLength(2);
		expect(answers[0]).toMatchObject({ code: 0, total_count: '5' }); // as WDT's sandbox writes it: a string
		expect((answers[1].warehouses as unknown[]).length).toBe(2);
	});

	describe('Any Endpoint · Call', () => {
		it('calls a catalogue endpoint with name/value parameters and returns the answer as it came', async () => {
			const run = await runWdt(emu, {
				resource: 'anyEndpoint',
				operation: 'call',
				endpoint: 'shop',
				parametersMode: 'keyValue',
				parameters: { parameter: [{ name: 'shop_no', value: 'shop-b' }] },
			});
			expect(run.error).toBeUndefined();
			const [answer] = run.json();
			expect(answer.code).toBe(0);
			expect((answer.shoplist as Array<{ shop_no: string }>).map((s) => s.shop_no)).toEqual(['shop-b']);
			const sent = requestsTo(emu, 'shop')[0];
			expect(sent.accepted).toBe(true); // signed like every other call
			expect(sent.params).toMatchObject({ shop_no: 'shop-b' });
		});

		it('sends objects and lists of JSON parameters as JSON text exactly as written (19-digit ids intact)', async () => {
			const run = await runWdt(emu, {
				resource: 'anyEndpoint',
				operation: 'call',
				endpoint: '__custom',
				customEndpoint: 'api_goods_stock_change_ack.php',
				parametersMode: 'json',
				parametersJson:
					'{"stock_sync_list": [{"rec_id": 2754327482516635662, "sync_stock": 5, "stock_change_count": 1}], "note": null}',
				options: FAST,
			});
			const sent = requestsTo(emu, 'api_goods_stock_change_ack')[0].params;
			expect(sent?.stock_sync_list).toBe('[{"rec_id": 2754327482516635662, "sync_stock": 5, "stock_change_count": 1}]');
			expect(sent).not.toHaveProperty('note');
			expect(run.error).toBeUndefined();
			expect(run.json()[0].code).toBe(0);
		});

		it('Read All Pages with One Item per Record reads page after page until a short one', async () => {
			const run = await runWdt(emu, {
				resource: 'anyEndpoint',
				operation: 'call',
				endpoint: 'warehouse_query',
				parametersMode: 'keyValue',
				parameters: {},
				options: { paginate: true, pageSize: 3, output: 'records' },
			});
			expect(run.json()).toHaveLength(5);
			expect(requestsTo(emu, 'warehouse_query').map((r) => r.params?.page_no)).toEqual(['0', '1']);
		});

		it('refuses a name that is not an endpoint before sending anything', async () => {
			const run = await runWdt(emu, {
				resource: 'anyEndpoint',
				operation: 'call',
				endpoint: '__custom',
				customEndpoint: '../admin',
			});
			expect(run.error?.message).toMatch(/not an openapi2 endpoint name/);
			expect(emu.requests).toHaveLength(0);
		});
	});

	describe('errors', () => {
		it('a WDT error stops the node as NodeApiError with the code, the message and the hint', async () => {
			emu.faults.add({ endpoint: 'shop.php', kind: 'apiError', code: 1008, message: '无权限调用该接口' });
			const run = await runWdt(emu, { resource: 'shop', operation: 'getMany', returnAll: true, options: FAST });
			expect(run.error?.name).toBe('NodeApiError');
			expect(run.error?.message).toBe('WDT error 1008: 无权限调用该接口');
			expect(run.error?.description).toMatch(/no permission for this endpoint/);
		});

		it('Continue On Fail: the failed item becomes an error item (error + details with the hint), others go on', async () => {
			const run = await runWdt(
				emu,
				{ resource: 'shop', operation: 'getMany', returnAll: true, filters: { shop_no: '={{ $json.shop }}' }, options: FAST },
				{ input: [{ shop: 'shop-a' }, { shop: 'shop-b' }], extra: { onError: 'continueErrorOutput' } },
			);
			expect(run.error).toBeUndefined();
			expect(run.output('WDT', 0).map((i) => i.json.shop_no)).toEqual(['shop-a', 'shop-b']);
			emu.reset();
			emu.faults.add({ endpoint: 'shop.php', kind: 'apiError', code: 2001, message: '参数错误', count: 1 });
			const failed = await runWdt(
				emu,
				{ resource: 'shop', operation: 'getMany', returnAll: true, filters: { shop_no: '={{ $json.shop }}' }, options: FAST },
				{ input: [{ shop: 'shop-a' }, { shop: 'shop-b' }], extra: { onError: 'continueErrorOutput' } },
			);
			expect(failed.output('WDT', 0).map((i) => i.json.shop_no)).toEqual(['shop-b']);
			const errors = failed.output('WDT', 1);
			expect(errors).toHaveLength(1);
			expect(errors[0].pairedItem).toEqual({ item: 0 });
			expect(errors[0].json.error).toBe('WDT error 2001: 参数错误');
			expect(errors[0].json.details).toMatchObject({ code: 2001, message: '参数错误' });
		});

		it('a bad From is the form\'s fault: NodeOperationError naming the value, nothing sent', async () => {
			const run = await runWdt(emu, {
				resource: 'order',
				operation: 'getMany',
				returnAll: true,
				from: 'yesterday',
				to: '2026-11-28 10:00:00',
			});
			expect(run.error?.name).toBe('NodeOperationError');
			expect(run.error?.message).toMatch(/From "yesterday" is not a time/);
			expect(emu.requests).toHaveLength(0);
		});
	});
});
