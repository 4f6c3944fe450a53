import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { chain, emulatorCredentials, runWorkflow, sourceNode, wdtNode } from '../helpers/engine';

/**
 * Exactly how many times a call is tried, through the engine and the emulator's counted faults:
 * Max Retries N means N + 1 attempts at most, only for failures a retry can fix. (The fault
 * test of ack-stock-sync.test.ts uses random faults and 6 retries, which would hide a retry
 * too few.)
 */
type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Fault = Parameters<Emulator['faults']['add']>[0];
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

function seed(count: number): IDataObject[] {
	return Array.from({ length: count }, () => {
		const row = emu.pool.addRecord({ shop_no: 'shop-a', sync_stock: 4, stock_change_count: 2 });
		return { rec_id: row.rec_id, sync_stock: row.sync_stock, stock_change_count: row.stock_change_count };
	});
}

async function ackWithFault(fault: Omit<Fault, 'endpoint'>, options: IDataObject, extra: Partial<INode> = {}) {
	const items = seed(3);
	emu.faults.add({ endpoint: ACK, ...fault });
	const parameters: INodeParameters = { mappingMode: 'auto', options: { retryDelayMs: 1, ...options } };
	const result = await runWorkflow({
		nodeTypes,
		nodes: [sourceNode(items), wdtNode('n8n-nodes-wdt.wdtAckStockSync', 'Ack', parameters, extra)],
		connections: chain('Source', 'Ack'),
		credentials: emulatorCredentials(emu),
	});
	return { result, requests: emu.requests.filter((r) => r.endpoint === ACK).length };
}

describe('retries through the engine', () => {
	it.each([0, 1, 2, 3])('Max Retries %i: succeeds when exactly that many attempts fail with HTTP 503', async (maxRetries) => {
		const { result, requests } = await ackWithFault(
			{ kind: 'http', status: 503, ...(maxRetries > 0 ? { count: maxRetries } : { rate: 0 }) },
			{ maxRetries, outputMode: 'perRequest' },
		);
		expect(result.error).toBeUndefined();
		expect(requests).toBe(maxRetries + 1);
		expect(result.output('Ack')[0].json).toMatchObject({ acked: 3, attempts: maxRetries + 1 });
		expect(emu.pool.pendingCount()).toBe(0);
	});

	it.each([0, 2])('Max Retries %i: gives up after that many retries, one more failure than allowed', async (maxRetries) => {
		const { result, requests } = await ackWithFault({ kind: 'http', status: 503, count: maxRetries + 1 }, { maxRetries });
		expect(result.error?.message).toMatch(/HTTP 503/);
		expect(requests).toBe(maxRetries + 1);
		expect(emu.pool.pendingCount()).toBe(3);
	});

	it('retries a request that timed out', async () => {
		const { result, requests } = await ackWithFault({ kind: 'stall', count: 1 }, { maxRetries: 1, timeoutMs: 1000 });
		expect(result.error).toBeUndefined();
		expect(requests).toBe(2);
		expect(emu.pool.pendingCount()).toBe(0);
	});

	it('retries "too frequent" (调用太频繁)', async () => {
		const { result, requests } = await ackWithFault({ kind: 'apiError', code: 1009, message: '接口调用太频繁', count: 1 }, { maxRetries: 1 });
		expect(result.error).toBeUndefined();
		expect(requests).toBe(2);
	});

	it.each([
		['an unknown WDT error', { kind: 'apiError', code: 99, message: 'something unexpected', count: 1 }, /WDT error 99/],
		['HTTP 404', { kind: 'http', status: 404, count: 1 }, /HTTP 404/],
	] as Array<[string, Omit<Fault, 'endpoint'>, RegExp]>)('tries %s once', async (_name, fault, message) => {
		const { result, requests } = await ackWithFault(fault, { maxRetries: 3 });
		expect(result.error?.message).toMatch(message);
		expect(requests).toBe(1);
	});
});
