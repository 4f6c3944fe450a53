/**
 * Stock Sync · Acknowledge in the WDT node against the emulator: the same operation as WDT Ack
 * Stock Sync, so the same items in give the same items out, and the pool is cleared.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { chain, emulatorCredentials, runWorkflow, sourceNode, wdtNode } from '../helpers/engine';
import type { Emulator } from '../helpers/wdt-node';
import { requestsTo, runWdt } from '../helpers/wdt-node';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a'], perShop: 0 }, seed: 21 });
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => {
	emu.reset();
	emu.pool.clear();
});

const seed = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, i) => {
		const row = emu.pool.addRecord({ shop_no: 'shop-a', sync_stock: 3 + i, stock_change_count: 1 });
		return { rec_id: row.rec_id, sync_stock: String(row.sync_stock), stock_change_count: '1', shop_no: 'shop-a', spec_no: `SKU-${i}` };
	});

describe('Stock Sync · Acknowledge (the WDT node)', () => {
	it('acks the records in batches, keeps the input fields, and clears the pool', async () => {
		const items = seed(5);
		const run = await runWdt(emu, { resource: 'stockSync', operation: 'acknowledge', mappingMode: 'auto', options: { batchSize: 2 } }, { input: items });
		expect(run.error).toBeUndefined();
		expect(run.json()).toEqual(
			items.map((item) => ({ ...item, sync_stock: Number(item.sync_stock), stock_change_count: 1, acked: true, outcome: 'acked', attempts: 1 })),
		);
		expect(requestsTo(emu, 'api_goods_stock_change_ack')).toHaveLength(3);
		expect(emu.pool.pendingCount()).toBe(0);
	});

	it('gives the same items as WDT Ack Stock Sync for the same input and parameters', async () => {
		const items = seed(3);
		emu.pool.changeStock(String(items[1].rec_id), 99);
		const parameters = { mappingMode: 'auto', options: { failWhenNoneAcked: false } };
		const viaResource = await runWdt(emu, { resource: 'stockSync', operation: 'acknowledge', ...parameters }, { input: items, extra: { onError: 'continueRegularOutput' } });
		const viaNode = await runWorkflow({
			nodeTypes: { 'n8n-nodes-wdt.wdtAckStockSync': new WdtAckStockSync() },
			nodes: [sourceNode(items), wdtNode('n8n-nodes-wdt.wdtAckStockSync', 'Ack', parameters, { onError: 'continueRegularOutput' })],
			connections: chain('Source', 'Ack'),
			credentials: emulatorCredentials(emu),
		});
		expect(viaResource.json().map((item) => item.outcome)).toEqual(['acked', 'refused', 'acked']);
		expect(viaNode.output('Ack').map((item) => item.json)).toEqual(viaResource.json());
	});
});
