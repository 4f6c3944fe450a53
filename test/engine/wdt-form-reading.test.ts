/**
 * How the WDT node reads its form, through the n8n engine against the emulator: what is sent for
 * each way a field can be filled, and the messages (with the values) for what cannot be sent.
 * Any Endpoint's parameters and outputs; a list's Filters, Other Parameters, time zone, From / To
 * and Limit.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import type { Emulator } from '../helpers/wdt-node';
import { FAST, requestsTo, runWdt } from '../helpers/wdt-node';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 1 }, seed: 3, world: { anchor: '2026-11-28 12:00:00' } });
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => emu.reset());

const sentTo = (endpoint: string) => requestsTo(emu, endpoint).map((r) => r.params ?? {});
const call = (parameters: IDataObject, input?: IDataObject[]) =>
	runWdt(emu, { resource: 'anyEndpoint', operation: 'call', options: FAST, ...parameters }, input ? { input } : {});

describe('Any Endpoint · Call', () => {
	it('key/value parameters: blank names skipped, names trimmed, objects sent as JSON text, numbers as given', async () => {
		const run = await call({
			endpoint: 'warehouse_query',
			parameters: {
				parameter: [
					{ name: ' page_size ', value: 2 },
					{ name: '  ', value: 'ignored' },
					{ name: 'extra', value: { a: [1, 2] } },
				],
			},
		});
		expect(run.error).toBeUndefined();
		const [sent] = sentTo('warehouse_query');
		expect(sent).toMatchObject({ page_size: '2', extra: '{"a":[1,2]}' });
		expect(Object.keys(sent)).not.toContain('');
		// One item: the answer as it came.
		expect(run.json()).toHaveLength(1);
		expect(run.json()[0].code).toBe(0);
	});

	it('a parameter named twice is refused before anything is sent', async () => {
		const run = await call({
			endpoint: 'warehouse_query',
			parameters: { parameter: [{ name: 'page_size', value: 1 }, { name: 'page_size ', value: 2 }] },
		});
		expect(run.error?.message).toBe('Parameter page_size is given twice');
		expect(emu.requests).toHaveLength(0);
	});

	it('a custom endpoint name loses ".php"; a name that is not one is refused with what to write', async () => {
		const ok = await call({ endpoint: '__custom', customEndpoint: ' shop.php ', parameters: {} });
		expect(ok.error).toBeUndefined();
		expect(requestsTo(emu, 'shop')).toHaveLength(1);
		emu.reset();
		const bad = await call({ endpoint: '__custom', customEndpoint: 'shop.php?x=1', parameters: {} });
		expect(bad.error?.message).toBe('"shop.php?x=1" is not an openapi2 endpoint name');
		expect(bad.error?.description).toMatch(/letters, digits and _ only/);
		const trailing = await call({ endpoint: '__custom', customEndpoint: 'shop.phpx', parameters: {} });
		expect(trailing.error?.message).toBe('"shop.phpx" is not an openapi2 endpoint name');
		expect(emu.requests).toHaveLength(0);
	});

	it('JSON parameters: an object from an expression is sent field by field; text with a mistake names line, column and the text there', async () => {
		const fromObject = await call({ endpoint: 'warehouse_query', parametersMode: 'json', parametersJson: '={{ { page_size: 1 } }}' });
		expect(fromObject.error).toBeUndefined();
		expect(sentTo('warehouse_query')[0]).toMatchObject({ page_size: '1' });
		emu.reset();
		const bad = await call({ endpoint: 'warehouse_query', parametersMode: 'json', parametersJson: '{\n  "page_no": 0,\n  "page_size" 40\n}' });
		expect(bad.error?.message).toBe('JSON Parameters is not valid JSON at line 3, column 15: expected \':\' after the property name; here:   "page_size" ▸40');
		expect(emu.requests).toHaveLength(0);
	});

	it('a parameter whose expression gives null is left off the wire (never sent as the text "null"); JSON Parameters giving null is refused', async () => {
		const run = await call({ endpoint: 'warehouse_query', parameters: { parameter: [{ name: 'page_size', value: '={{ null }}' }, { name: 'page_no', value: 0 }] } });
		expect(run.error).toBeUndefined();
		const [sent] = sentTo('warehouse_query');
		expect(sent).toMatchObject({ page_no: '0' });
		expect(Object.keys(sent)).not.toContain('page_size');
		emu.reset();
		const json = await call({ endpoint: 'warehouse_query', parametersMode: 'json', parametersJson: '={{ null }}' });
		expect(json.error?.message).toBe('JSON Parameters must be one object: {"name": value, …}');
		expect(emu.requests).toHaveLength(0);
	});

	it('WDT refusing the call of the second item: the error names that item (itemIndex 1), also for a form mistake', async () => {
		const refused = await call({ endpoint: '__custom', customEndpoint: '={{ $json.endpoint }}', parameters: {} }, [{ endpoint: 'warehouse_query' }, { endpoint: 'no_such_endpoint' }]);
		expect(refused.error?.message).toMatch(/WDT error/);
		expect((refused.error as { context?: IDataObject } | undefined)?.context?.itemIndex).toBe(1);
		const form = await call({ endpoint: '__custom', customEndpoint: '={{ $json.endpoint }}', parameters: {} }, [{ endpoint: 'warehouse_query' }, { endpoint: 'bad name' }]);
		expect((form.error as { context?: IDataObject } | undefined)?.context?.itemIndex).toBe(1);
	});

	it.each([
		['a list', '={{ [{ page_size: 1 }] }}'],
		['a number', '={{ 5 }}'],
	])('JSON Parameters from an expression giving %s is refused (one object is needed), nothing sent', async (_what, parametersJson) => {
		const run = await call({ endpoint: 'warehouse_query', parametersMode: 'json', parametersJson });
		expect(run.error?.message).toBe('JSON Parameters must be one object: {"name": value, …}');
		expect(emu.requests).toHaveLength(0);
	});

	it('One Item per Record reads the list field (named or the only list); every page with Read All Pages', async () => {
		const warehouses = emu.world.warehouses as IDataObject[];
		const one = await call({ endpoint: 'warehouse_query', parameters: {}, options: { ...FAST, output: 'records', listField: ' warehouses ' } });
		expect(one.error).toBeUndefined();
		expect(one.json().map((w) => w.warehouse_no)).toEqual(warehouses.map((w) => w.warehouse_no));
		emu.reset();
		const pages = await call({ endpoint: 'warehouse_query', parameters: {}, options: { ...FAST, paginate: true, pageSize: 2 } });
		expect(pages.error).toBeUndefined();
		// One item per page (the answers), each with its page of warehouses.
		expect(pages.json().map((answer) => (answer.warehouses as unknown[]).length)).toEqual([2, 2, 1]);
		emu.reset();
		const records = await call({ endpoint: 'warehouse_query', parameters: {}, options: { ...FAST, paginate: true, pageSize: 2, output: 'records' } });
		expect(records.json().map((w) => w.warehouse_no)).toEqual(warehouses.map((w) => w.warehouse_no));
		expect(sentTo('warehouse_query').map((p) => p.page_size)).toEqual(['2', '2', '2']);
	});
});

describe('a list operation\'s form', () => {
	const range = { from: '2026-11-24 11:00:00', to: '2026-11-24 14:00:00' };
	const orders = (parameters: IDataObject) => runWdt(emu, { resource: 'order', operation: 'getMany', returnAll: true, options: FAST, ...parameters });

	it('Filters left empty are not sent; Other Parameters are sent by their WDT name', async () => {
		const run = await orders({
			...range,
			filters: { shop_no: '', status: '' },
			options: { ...FAST, extraParameters: { parameter: [{ name: 'time_type', value: '1' }, { name: '', value: 'x' }] } },
		});
		expect(run.error).toBeUndefined();
		const [sent] = sentTo('trade_query');
		expect(sent.time_type).toBe('1');
		expect(Object.keys(sent)).not.toEqual(expect.arrayContaining(['shop_no']));
		expect(Object.keys(sent)).not.toContain('status');
	});

	it('an object given to Other Parameters or a filter goes as JSON text, even one with a value or mode field (only a pick list is unwrapped)', async () => {
		const run = await orders({
			...range,
			filters: { status: '={{ { value: "30", b: 1 } }}' },
			options: { ...FAST, extraParameters: { parameter: [{ name: 'x', value: '={{ { mode: "list", b: 2 } }}' }] } },
		});
		expect(run.error).toBeUndefined();
		const [sent] = sentTo('trade_query');
		expect([sent.status, sent.x]).toEqual(['{"value":"30","b":1}', '{"mode":"list","b":2}']);
	});

	it('Limit as text from an expression is read as its number; text that is no number is refused', async () => {
		const two = await orders({ ...range, returnAll: false, limit: '={{ "2" }}' });
		expect(two.error).toBeUndefined();
		expect(two.json()).toHaveLength(2);
		for (const [limit, shown] of [['={{ "two" }}', '"two"'], ['={{ " " }}', '" "']]) {
			const run = await orders({ ...range, returnAll: false, limit });
			expect(run.error?.message).toBe(`Limit must be a whole number of 1 or more, not ${shown}`);
		}
	});

	it.each(['page_no', 'page_size', 'start_time', 'end_time'])('Other Parameters may not set %s (the node does)', async (name) => {
		const run = await orders({ ...range, options: { ...FAST, extraParameters: { parameter: [{ name, value: '1' }] } } });
		expect(run.error?.message).toBe(`${name} is set by the node`);
		expect(run.error?.description).toBe('Remove it from Other Parameters: use Return All / Limit for pages, From / To for times.');
		expect(emu.requests).toHaveLength(0);
	});

	it.each([
		['beijing', '2026-11-24 11:00:00'],
		['utc', '2026-11-24 19:00:00'],
		['workflow', '2026-11-25 00:00:00'], // the test workflow sets no zone: n8n's default, America/New_York
	])('times without a zone are read in %s time', async (timeZone, start) => {
		const run = await orders({ ...range, limit: 1, returnAll: false, options: { ...FAST, timeZone } });
		expect(run.error).toBeUndefined();
		expect(sentTo('trade_query')[0].start_time).toBe(start);
	});

	it('To without From, To equal to From, and a Limit below 1 are refused with the values, nothing sent', async () => {
		const noFrom = await orders({ to: range.to });
		expect([noFrom.error?.message, noFrom.error?.description]).toEqual(['To is set but From is empty', 'Set From, or clear both for no time filter.']);
		const same = await orders({ from: range.from, to: range.from });
		expect(same.error?.message).toBe('To 2026-11-24 11:00:00 is the same time as From (Beijing time)');
		for (const limit of [0, -3, 1.5]) {
			const run = await orders({ ...range, returnAll: false, limit });
			expect(run.error?.message).toBe(`Limit must be a whole number of 1 or more, not ${limit}`);
			expect(run.error?.description).toBe('Set Limit to how many records to return, or turn on Return All.');
		}
		expect(emu.requests).toHaveLength(0);
	});
});

describe('the router', () => {
	it('an operation the node does not have is named in the error', async () => {
		const run = await runWdt(emu, { resource: 'warehouse', operation: 'delete' });
		expect(run.error?.message).toBe('The operation "delete" of "warehouse" is not supported');
		expect(emu.requests).toHaveLength(0);
	});

	it('so is one of a resource whose operations all take every item at once (Stock Sync)', async () => {
		const run = await runWdt(emu, { resource: 'stockSync', operation: 'delete' });
		expect(run.error?.message).toBe('The operation "delete" of "stockSync" is not supported');
		expect(emu.requests).toHaveLength(0);
	});
});
