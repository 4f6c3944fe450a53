/**
 * Failures an operations user cannot miss, and results they can trace to a SKU (issue #11):
 * WDT Ack Stock Sync through the real n8n engine against the emulator, with refusals made the
 * way they happen in real life (the stock changed between the query and the ack).
 */
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { chain, emulatorCredentials, runWorkflow, sourceNode, wdtNode } from '../helpers/engine';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const ACK = 'api_goods_stock_change_ack.php';
const nodeTypes = { 'n8n-nodes-wdt.wdtAckStockSync': new WdtAckStockSync() };

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a'], perShop: 0 }, seed: 11 });
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => {
	emu.reset();
	emu.pool.clear();
});

/** `count` pending records, as WDT Get Stock Changes outputs them (all fields, numbers as strings). */
function queried(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => {
		const row = emu.pool.addRecord({ shop_no: 'shop-a', sync_stock: 5 + i, stock_change_count: 2 });
		return {
			rec_id: row.rec_id,
			shop_no: row.shop_no,
			spec_no: row.spec_no,
			goods_name: row.goods_name,
			sync_stock: String(row.sync_stock),
			stock_change_count: String(row.stock_change_count),
		};
	});
}

/** The ERP stock of these records changes after the query: their acks are refused (库存已变化). */
function changeAfterQuery(records: IDataObject[]) {
	for (const record of records) emu.pool.changeStock(String(record.rec_id), Number(record.sync_stock) + 100);
}

async function ack(items: IDataObject[], parameters: INodeParameters = {}, extra: Partial<INode> = { onError: 'continueRegularOutput' }) {
	const node = wdtNode('n8n-nodes-wdt.wdtAckStockSync', 'Ack', { mappingMode: 'auto', ...parameters }, extra);
	return await runWorkflow({ nodeTypes, nodes: [sourceNode(items), node], connections: chain('Source', 'Ack'), credentials: emulatorCredentials(emu) });
}

const ackRequests = () => emu.requests.filter((r) => r.endpoint === ACK);

describe('an all-refused run is a failure, even with On Error → Continue', () => {
	it('with the default (Fail When Nothing Acked on), the node fails and so does the execution', async () => {
		const items = queried(3);
		changeAfterQuery(items);
		const result = await ack(items);
		expect(ackRequests()).toHaveLength(1);
		const task = result.run.data.resultData.runData.Ack[0];
		expect(task.executionStatus).toBe('error');
		expect(task.error?.message).toMatch(/^Nothing was acked: 0 of 3 items\. First: item 1 \(index 0\), rec_id \d{19}: 库存已变化/);
		expect(result.run.status).toBe('error');
		expect(result.error?.message).toBe(task.error?.message);
		// n8n's rule for Continue: the input goes on unchanged, nothing in it says acked: true.
		expect(result.output('Ack').map((item) => item.json)).toEqual(items);
	});

	it('input that is all invalid counts too: the node fails and nothing is sent', async () => {
		const result = await ack([{ rec_id: 'abc', sync_stock: '1', stock_change_count: '1' }, { rec_id: '12', sync_stock: '1.5', stock_change_count: '1' }]);
		expect(result.error?.message).toMatch(/^Nothing was acked: 0 of 2 items\. First: item 1 \(index 0\): "rec_id" is "abc"/);
		expect(String((result.error as { description?: string }).description)).toMatch(/0 item\(s\) went to WDT and none was acked; 2 failed the checks/);
		expect(ackRequests()).toHaveLength(0);
	});

	it('an invalid item before the refused ones: the message names the first item that was sent, and counts both kinds', async () => {
		const items = queried(2);
		changeAfterQuery(items);
		const result = await ack([{ rec_id: 'abc', sync_stock: '1', stock_change_count: '1' }, ...items]);
		expect(result.error?.message).toMatch(/^Nothing was acked: 0 of 3 items\. First: item 2 \(index 1\), rec_id \d{19}: 库存已变化/);
		expect(String((result.error as { description?: string }).description)).toMatch(/^2 item\(s\) went to WDT and none was acked; 1 failed the checks/);
		expect(ackRequests()).toHaveLength(1);
	});

	it('one acked record is enough: no failure, per-item results', async () => {
		const items = queried(3);
		changeAfterQuery([items[0], items[2]]);
		const result = await ack(items);
		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('success');
		expect(result.output('Ack').map((item) => item.json.acked)).toEqual([false, true, false]);
	});

	it('with Fail When Nothing Acked off, an all-refused run gives per-item results instead', async () => {
		const items = queried(2);
		changeAfterQuery(items);
		const result = await ack(items, { options: { failWhenNoneAcked: false } });
		expect(result.error).toBeUndefined();
		expect(result.output('Ack').map((item) => [item.json.acked, (item.json.error as IDataObject).scope])).toEqual([
			[false, 'record'],
			[false, 'record'],
		]);
	});

	it('with the error output, every item goes to the error output and nothing down the success output', async () => {
		const items = queried(2);
		changeAfterQuery(items);
		const result = await ack(items, {}, { onError: 'continueErrorOutput' });
		expect(result.error).toBeUndefined();
		expect(result.output('Ack', 0)).toHaveLength(0);
		const failed = result.output('Ack', 1);
		expect(failed.map((item) => item.json.rec_id)).toEqual(items.map((item) => item.rec_id));
		// n8n merges the input item in: the SKU travels with the error.
		expect(failed.map((item) => item.json.spec_no)).toEqual(items.map((item) => item.spec_no));
		expect(failed.every((item) => (item.json.details as IDataObject).acked === false)).toBe(true);
	});
});

describe('output items carry their input fields', () => {
	it('acked and refused items keep shop_no, spec_no, goods_name; refused ones add acked: false and error', async () => {
		const items = queried(4);
		changeAfterQuery([items[1]]);
		const result = await ack(items);
		const out = result.output('Ack');
		expect(out.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(out[0].json).toEqual({ ...items[0], sync_stock: Number(items[0].sync_stock), stock_change_count: 2, acked: true, outcome: 'acked', attempts: 1 });
		expect(out[1].json).toMatchObject({ shop_no: 'shop-a', spec_no: items[1].spec_no, goods_name: items[1].goods_name, rec_id: items[1].rec_id, acked: false });
		expect(out[1].json.error).toMatchObject({ scope: 'record', message: expect.stringMatching(/库存已变化/) });
		expect(emu.pool.get(String(items[1].rec_id))?.pending).toBe(true);
	});

	it('items that fail validation keep their input too', async () => {
		const items = queried(2);
		const bad = { ...items[1], sync_stock: '12件' };
		const result = await ack([items[0], bad]);
		const out = result.output('Ack');
		expect(out[1].json).toEqual({ ...bad, acked: false, outcome: 'notSent', attempts: 0, error: expect.objectContaining({ scope: 'validation', field: 'sync_stock' }) });
		expect((out[1].json.error as IDataObject).message).toMatch(/^item 2 \(index 1\): "sync_stock" is "12件"/);
	});

	it('Include Input Fields off: lean items with only the values sent, acked and error', async () => {
		const items = queried(2);
		changeAfterQuery([items[1]]);
		const result = await ack(items, { options: { includeInputFields: false } });
		const out = result.output('Ack');
		expect(out[0].json).toEqual({ rec_id: items[0].rec_id, sync_stock: Number(items[0].sync_stock), stock_change_count: 2, acked: true, outcome: 'acked', attempts: 1 });
		expect(Object.keys(out[1].json).sort()).toEqual(['acked', 'attempts', 'error', 'outcome', 'rec_id', 'stock_change_count', 'sync_stock']);
	});
});

describe('an option added to Options and left at its default changes nothing', () => {
	const { options } = new WdtAckStockSync().description.properties.find((property) => property.name === 'options') as {
		options: Array<{ name: string; default: string | number | boolean }>;
	};

	/** What a run shows: its error, or every output item (errors included). */
	async function seen(items: IDataObject[], parameters: INodeParameters) {
		const result = await ack(items, parameters);
		return { error: result.error?.message, out: result.output('Ack').map((item) => item.json) };
	}

	it.each(options.map((option) => [option.name, option.default]))('%s (default %p)', async (name, value) => {
		// All refused (Fail When Nothing Acked shows), then one acked and one refused (the output shows).
		const allRefused = queried(2);
		changeAfterQuery(allRefused);
		const mixed = queried(2);
		changeAfterQuery([mixed[1]]);
		for (const items of [allRefused, mixed]) {
			const without = await seen(items, {});
			expect(await seen(items, { options: { [name]: value } })).toEqual(without);
		}
	});
});
