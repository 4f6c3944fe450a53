import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { captureN8nLog } from '../helpers/capture-n8n-log';
import { chain, emulatorCredentials, runWorkflow, sourceNode, startWorkflow, wdtNode } from '../helpers/engine';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const ACK = 'api_goods_stock_change_ack.php';
const nodeTypes = { 'n8n-nodes-wdt.wdtAckStockSync': new WdtAckStockSync() };
const ackNode = (parameters: INodeParameters, extra: Partial<INode> = {}) =>
	wdtNode('n8n-nodes-wdt.wdtAckStockSync', 'Ack', parameters, extra);

let emu: Emulator;
/** Runs synchronously when the emulator has answered a request (before the client reads it). */
let onRequest: ((entry: Emulator['requests'][number]) => void) | undefined;
beforeAll(async () => {
	emu = await startEmulator({
		pool: { shops: ['shop-a', 'shop-b'], perShop: 0 },
		seed: 7,
		onRequest: (entry) => onRequest?.(entry),
	});
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => {
	onRequest = undefined;
	emu.reset();
	emu.pool.clear();
	for (const account of emu.accounts) account.disabled = false;
});



/** Seeds `count` pending records and returns them as the query would (numbers as strings). */
function seed(count: number, shop = 'shop-a'): IDataObject[] {
	const rows: IDataObject[] = [];
	for (let i = 0; i < count; i++) {
		const row = emu.pool.addRecord({ shop_no: shop, sync_stock: 10 + (i % 50), stock_change_count: 1 + (i % 7) });
		rows.push({ rec_id: row.rec_id, sync_stock: String(row.sync_stock), stock_change_count: String(row.stock_change_count) });
	}
	return rows;
}

async function ack(items: IDataObject[], parameters: INodeParameters = {}, extra: Partial<INode> = {}) {
	const nodes = [sourceNode(items), ackNode({ mappingMode: 'auto', ...parameters }, extra)];
	return await runWorkflow({ nodeTypes, nodes, connections: chain('Source', 'Ack'), credentials: emulatorCredentials(emu) });
}

function ackRequests() {
	return emu.requests.filter((r) => r.endpoint === ACK);
}

function sentRecIds(): string[] {
	return ackRequests()
		.filter((r) => r.accepted)
		.flatMap((r) => [...(r.params?.stock_sync_list ?? '').matchAll(/"rec_id":"(\d+)"/g)].map((m) => m[1]));
}

describe('WDT Ack Stock Sync through the n8n engine', () => {
	it('acks 250 items in exactly 3 signed requests and pairs every output item', async () => {
		const items = seed(250);
		const result = await ack(items, { options: { batchSize: 100 } });
		expect(result.error).toBeUndefined();
		const requests = ackRequests();
		expect(requests).toHaveLength(3);
		expect(requests.every((r) => r.accepted && /^[0-9a-f]{32}$/.test(r.params?.sign ?? ''))).toBe(true);
		expect(requests.map((r) => JSON.parse(r.params?.stock_sync_list ?? '[]').length)).toEqual([100, 100, 50]);
		expect(emu.pool.pendingCount()).toBe(0);
		const out = result.output('Ack');
		expect(out).toHaveLength(250);
		out.forEach((item: INodeExecutionData, i: number) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toEqual({
				rec_id: items[i].rec_id,
				sync_stock: Number(items[i].sync_stock),
				stock_change_count: Number(items[i].stock_change_count),
				acked: true,
				outcome: 'acked',
				attempts: 1,
			});
		});
	});

	it('evaluates Define Below expressions per item (the engine runs expressions with scripts off)', async () => {
		const rows = seed(3);
		const items = rows.map((r) => ({ id: r.rec_id, qty: Number(r.sync_stock), counter: { n: r.stock_change_count } }));
		const result = await ack(items, {
			mappingMode: 'manual',
			recId: '={{ $json.id }}',
			syncStock: '={{ $json.qty * 1 }}',
			stockChangeCount: '={{ $json.counter.n }}',
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Ack').map((i) => i.json.acked)).toEqual([true, true, true]);
		expect(emu.pool.pendingCount()).toBe(0);
		expect(JSON.parse(ackRequests()[0].params?.stock_sync_list ?? '')[1]).toEqual({
			rec_id: rows[1].rec_id,
			sync_stock: Number(rows[1].sync_stock),
			stock_change_count: Number(rows[1].stock_change_count),
		});
	});

	it('delivers a 19-digit rec_id byte for byte, as a JSON string', async () => {
		const recId = '9223372036854775801';
		emu.pool.addRecord({ rec_id: recId, shop_no: 'shop-a', sync_stock: 3, stock_change_count: 9 });
		const result = await ack([{ rec_id: recId, sync_stock: 3, stock_change_count: 9 }]);
		expect(result.error).toBeUndefined();
		expect(ackRequests()[0].params?.stock_sync_list).toBe(
			`[{"rec_id":"${recId}","sync_stock":3,"stock_change_count":9}]`,
		);
		expect(ackRequests()[0].rawBody).toContain(`%22rec_id%22%3A%22${recId}%22`);
		expect(emu.pool.get(recId)?.pending).toBe(false);
		expect(result.output('Ack')[0].json.rec_id).toBe(recId);
	});

	describe('bad input', () => {
		const cases: Array<[string, IDataObject, string, RegExp]> = [
			['rec_id beyond 2^53 as a number', { rec_id: Number('2754327482516635662') }, 'rec_id', /precision|already lost|2\^53/],
			['rec_id blank', { rec_id: '  ' }, 'rec_id', /required/],
			['rec_id missing', { rec_id: undefined }, 'rec_id', /required/],
			['rec_id text', { rec_id: 'abc' }, 'rec_id', /digits/],
			['rec_id negative', { rec_id: '-5' }, 'rec_id', /digits|positive/],
			['rec_id zero', { rec_id: '0' }, 'rec_id', /positive/],
			['rec_id decimal', { rec_id: 12.5 }, 'rec_id', /whole/],
			['sync_stock decimal', { sync_stock: '1.5' }, 'sync_stock', /whole number/],
			['sync_stock decimal number', { sync_stock: 1.5 }, 'sync_stock', /decimals are not rounded/],
			['stock_change_count decimal number', { stock_change_count: 2.5 }, 'stock_change_count', /decimals are not rounded/],
			['rec_id with a leading zero', { rec_id: '0123' }, 'rec_id', /never starts with 0/],
			['sync_stock text', { sync_stock: '12件' }, 'sync_stock', /whole number/],
			['sync_stock over int(11)', { sync_stock: 2147483648 }, 'sync_stock', /int\(11\)/],
			['sync_stock missing', { sync_stock: null }, 'sync_stock', /required/],
			['stock_change_count negative', { stock_change_count: -1 }, 'stock_change_count', /int\(11\)/],
			['stock_change_count blank', { stock_change_count: '' }, 'stock_change_count', /required/],
			['stock_change_count boolean', { stock_change_count: true }, 'stock_change_count', /whole number/],
		];

		it.each(cases)('%s: fails item 2 (index 1) naming the field and sends nothing (no Continue On Fail)', async (_name, patch, field, reason) => {
			const items = seed(3);
			const bad = { ...items[1], ...patch };
			if (patch.rec_id === undefined && 'rec_id' in patch) delete bad.rec_id;
			const result = await ack([items[0], bad, items[2]]);
			const message = String(result.error?.message);
			expect(message).toContain('item 2 (index 1)');
			expect(message).toContain(`"${field}"`);
			expect(message).toMatch(reason);
			expect((result.error as { context?: { itemIndex?: number } })?.context?.itemIndex).toBe(1);
			expect(String((result.error as { description?: string }).description)).toMatch(
				new RegExp(`^Nothing was sent: .* Field "${field}" \\(Map Automatically\\)\\.$`),
			);
			expect(ackRequests()).toHaveLength(0);
		});

		it('with Continue On Fail: bad items carry their error and never reach the gateway; good ones are acked', async () => {
			const items = seed(4);
			const input = [items[0], { ...items[1], sync_stock: '1.5' }, { ...items[2], rec_id: Number('2754327482516635662') }, items[3]];
			const result = await ack(input, {}, { onError: 'continueRegularOutput' });
			expect(result.error).toBeUndefined();
			const out = result.output('Ack');
			expect(out.map((i) => i.json.acked)).toEqual([true, false, false, true]);
			expect((out[1].json.error as IDataObject).field).toBe('sync_stock');
			expect((out[1].json.error as IDataObject).scope).toBe('validation');
			expect((out[2].json.error as IDataObject).message).toMatch(/item 3 \(index 2\): "rec_id"/);
			expect(sentRecIds().sort()).toEqual([items[0].rec_id, items[3].rec_id].sort());
			expect(emu.pool.get(String(items[1].rec_id))?.pending).toBe(true);
		});
	});

	it('refuses NaN from an expression, naming item and field', async () => {
		const items = seed(2);
		const result = await ack(items, {
			mappingMode: 'manual',
			syncStock: '={{ $itemIndex === 1 ? Number("abc") : $json.sync_stock }}',
		});
		expect(result.error?.message).toMatch(/item 2 \(index 1\): "sync_stock" is .*NaN/);
		expect(String((result.error as { description?: string }).description)).toMatch(/^Nothing was sent: .* Field "sync_stock" \(Define Below\)\.$/);
		expect(ackRequests()).toHaveLength(0);
	});

	it('marks exactly the records named in errors[] as failed, the others acked', async () => {
		const items = seed(100);
		// Two records change after the "query": their acks carry a stale stock_change_count.
		emu.pool.changeStock(String(items[17].rec_id), 1);
		emu.pool.changeStock(String(items[64].rec_id), 2);
		const result = await ack(items, {}, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		const out = result.output('Ack');
		const failed = out.map((item, i) => (item.json.acked ? -1 : i)).filter((i) => i >= 0);
		expect(failed).toEqual([17, 64]);
		expect((out[17].json.error as IDataObject).scope).toBe('record');
		expect(String((out[17].json.error as IDataObject).message)).toMatch(/stock_change_count/);
		expect(emu.pool.pendingCount()).toBe(2);
		expect(ackRequests()).toHaveLength(1);
	});

	it('without Continue On Fail, record errors fail the node after all batches, saying how many were acked', async () => {
		const items = seed(10);
		emu.pool.changeStock(String(items[4].rec_id), 1);
		const result = await ack(items, { options: { batchSize: 5 } });
		expect(result.error?.message).toMatch(/^1 of 10 record\(s\) not written; first: item 5 \(index 4\), rec_id \d+: 库存已变化/);
		expect(String((result.error as { description?: string }).description)).toMatch(/Of 10 records: 9 acked, 1 refused by WDT\./);
		expect(ackRequests()).toHaveLength(2);
	});

	describe('a code ≠ 0 answer (appkey disabled, 1007)', () => {
		beforeEach(() => {
			emu.accounts[0].disabled = true;
		});

		it('without Continue On Fail: NodeApiError with the code, the hint and how many were acked; no further batches', async () => {
			const items = seed(30);
			emu.accounts[0].disabled = false;
			emu.faults.add({ endpoint: ACK, kind: 'apiError', code: 1007, message: '接口appkey已停用', count: 1 });
			// The first batch fails: nothing more is sent.
			const result = await ack(items, { options: { batchSize: 10 } });
			expect(result.error?.name).toBe('NodeApiError');
			// WDT answered: refused, so no "Outcome unknown" / "Not sent" before WDT's words.
			expect(result.error?.message).toMatch(/^30 of 30 record\(s\) not written; first: item 1 \(index 0\), rec_id \d+: WDT error 1007: /);
			const description = String((result.error as { description?: string }).description);
			expect(description).toMatch(/App Key \(appkey\) is disabled/);
			expect(description).toMatch(/Of 30 records: 0 acked, 10 refused by WDT, 20 not sent\./);
			expect(ackRequests()).toHaveLength(1);
		});

		it('reports the records acked by earlier batches', async () => {
			const items = seed(30);
			emu.accounts[0].disabled = false;
			// Two batches go through, then the appkey is disabled.
			onRequest = () => {
				if (ackRequests().length === 2) emu.accounts[0].disabled = true;
			};
			const result = await ack(items, { options: { batchSize: 10 } });
			expect(result.error?.message).toMatch(/1007/);
			expect(String((result.error as { description?: string }).description)).toMatch(/Of 30 records: 20 acked, 10 refused by WDT\./);
			expect(ackRequests()).toHaveLength(3);
		});

		it('with Continue On Fail (Fail When Nothing Acked off): every item of the batch carries WDT code, message and hint', async () => {
			const items = seed(3);
			const result = await ack(items, { options: { failWhenNoneAcked: false } }, { onError: 'continueRegularOutput' });
			expect(result.error).toBeUndefined();
			const out = result.output('Ack');
			expect(out).toHaveLength(3);
			for (const item of out) {
				expect(item.json.acked).toBe(false);
				expect(item.json.error).toMatchObject({ scope: 'request', code: 1007 });
				expect(String((item.json.error as IDataObject).hint)).toMatch(/App Key \(appkey\) is disabled/);
			}
		});

		it('with the error output enabled: failed items go to the error output', async () => {
			const items = seed(3);
			const result = await ack(items, {}, { onError: 'continueErrorOutput' });
			expect(result.error).toBeUndefined();
			expect(result.output('Ack', 0)).toHaveLength(0);
			const errors = result.output('Ack', 1);
			expect(errors).toHaveLength(3);
			expect(errors.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			// n8n merges the input item's fields into an error-output item; ours adds error and details.
			expect(errors[1].json).toMatchObject({
				rec_id: items[1].rec_id,
				error: { scope: 'request', code: 1007 },
				message: expect.stringMatching(/^WDT error 1007/),
				details: { rec_id: items[1].rec_id, acked: false },
			});
		});
	});

	it('survives 20 % transient faults over 2 000 records: all acked, none twice in effect, pool empty', async () => {
		const items = seed(2000);
		const faults: Array<Parameters<Emulator['faults']['add']>[0]> = [
			{ kind: 'http', status: 503 },
			{ kind: 'http', status: 502, after: true },
			{ kind: 'reset' },
			{ kind: 'reset', after: true },
			{ kind: 'apiError', code: 1009, message: '接口调用太频繁' },
		];
		for (const fault of faults) {
			emu.faults.add({ endpoint: ACK, rate: 0.04, ...fault });
		}
		const result = await ack(items, { options: { batchSize: 100, retryDelayMs: 1, maxRetries: 6 } });
		expect(result.error).toBeUndefined();
		expect(result.output('Ack').every((i) => i.json.acked === true)).toBe(true);
		expect(emu.pool.pendingCount()).toBe(0);
		expect(ackRequests().filter((r) => r.fault).length).toBeGreaterThan(0);
		// Every record cleared exactly once; repeated acks after a lost answer changed nothing.
		expect(emu.pool.all().every((row: { timesCleared: number }) => row.timesCleared === 1)).toBe(true);
	});

	it('tries a permanent error once', async () => {
		const items = seed(5);
		emu.faults.add({ endpoint: ACK, kind: 'apiError', code: 1004, message: '签名错误', count: 1 });
		const result = await ack(items, { options: { retryDelayMs: 1 } });
		expect(result.error?.message).toMatch(/1004/);
		expect(String((result.error as { description?: string }).description)).toMatch(/App Secret/);
		expect(ackRequests()).toHaveLength(1);
	});

	it('stops promptly when the execution is cancelled during a retry wait', async () => {
		const items = seed(5);
		emu.faults.add({ endpoint: ACK, kind: 'http', status: 503, rate: 1 });
		// The engine's promise settles at cancel whether or not the node stops, so watch the node's own.
		const ackType = new WdtAckStockSync();
		let nodeRun: Promise<unknown> | undefined;
		const watched = { description: ackType.description, execute(this: IExecuteFunctions) { nodeRun = ackType.execute.call(this); return nodeRun; } };
		// One retry after a 15–30 s wait: a node that ignores cancel ends with HTTP 503 (or jest's timeout).
		const nodes = [sourceNode(items), ackNode({ mappingMode: 'auto', options: { retryDelayMs: 120000, maxRetries: 1 } })];
		const { cancellable } = startWorkflow({ nodeTypes: { 'n8n-nodes-wdt.wdtAckStockSync': watched as INodeType }, nodes, connections: chain('Source', 'Ack'), credentials: emulatorCredentials(emu) });
		while (ackRequests().length < 1) await sleep(5);
		await sleep(1500); // let the node read the 503 and enter its 15–30 s wait (a cancel before is an abort in flight)
		cancellable.cancel();
		await cancellable.catch((error: unknown) => error);
		await expect(nodeRun).rejects.toThrow('The execution was stopped');
		expect(ackRequests()).toHaveLength(1);
		expect(emu.pool.pendingCount()).toBe(5);
	}, 12000); // below the shortest wait (15 s): a node that waits it out before noticing the stop fails here

	it('aborts a request in flight when the execution is cancelled', async () => {
		const items = seed(5);
		emu.faults.add({ endpoint: ACK, kind: 'stall', count: 1 });
		const nodes = [sourceNode(items), ackNode({ mappingMode: 'auto', options: { timeoutMs: 120000 } })];
		const { cancellable } = startWorkflow({ nodeTypes, nodes, connections: chain('Source', 'Ack'), credentials: emulatorCredentials(emu) });
		while (ackRequests().length < 1) await sleep(5);
		cancellable.cancel();
		// The gateway never answers and the timeout is 120 s: only the abort ends this within jest's 60 s.
		await cancellable.catch((error: unknown) => error);
		expect(ackRequests()).toHaveLength(1);
		expect(emu.pool.pendingCount()).toBe(5);
	});

	it('sends identical items once and gives each the same result', async () => {
		const items = seed(2);
		const result = await ack([items[0], items[1], items[0]]);
		expect(result.error).toBeUndefined();
		expect(sentRecIds()).toEqual([items[0].rec_id, items[1].rec_id]);
		expect(result.output('Ack').map((i) => [i.json.acked, i.pairedItem])).toEqual([
			[true, { item: 0 }],
			[true, { item: 1 }],
			[true, { item: 2 }],
		]);
	});

	it('sends the same rec_id with different counts in separate batches; only the current one clears', async () => {
		const [item] = seed(1);
		const stale = { ...item };
		emu.pool.changeStock(String(item.rec_id), 99);
		const fresh = { rec_id: item.rec_id, sync_stock: 99, stock_change_count: Number(item.stock_change_count) + 1 };
		const result = await ack([stale, fresh], {}, { onError: 'continueRegularOutput' });
		expect(result.output('Ack').map((i) => i.json.acked)).toEqual([false, true]);
		expect(ackRequests()).toHaveLength(2);
		expect(emu.pool.get(String(item.rec_id))?.pending).toBe(false);
	});

	it('One Item per Request: the raw response and the rec_ids it covered, paired with all of them', async () => {
		const items = seed(5);
		const result = await ack(items, { options: { batchSize: 2, outputMode: 'perRequest' } });
		const out = result.output('Ack');
		expect(out).toHaveLength(3);
		expect(out[0].json).toMatchObject({ code: 0, rec_ids: [items[0].rec_id, items[1].rec_id], acked: 2, failed: 0 });
		expect(out[2].pairedItem).toEqual([{ item: 4 }]);
	});

	it('One Item per Request with Continue On Fail: counts per request, a failed request and the invalid items each get an item', async () => {
		const items = seed(4);
		emu.pool.changeStock(String(items[3].rec_id), 1);
		// The first request is refused as a whole (appkey disabled); the second goes through.
		emu.faults.add({ endpoint: ACK, kind: 'apiError', code: 1007, message: '接口appkey已停用', count: 1 });
		const bad: IDataObject = { ...seed(1)[0], sync_stock: '1.5' };
		const result = await ack([...items, bad], { options: { batchSize: 2, outputMode: 'perRequest' } }, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		const out = result.output('Ack');
		expect(out.map((item) => item.pairedItem)).toEqual([[{ item: 0 }, { item: 1 }], [{ item: 2 }, { item: 3 }], { item: 4 }]);
		expect(out[0].json).toMatchObject({ rec_ids: [items[0].rec_id, items[1].rec_id], failed: 2, acked: 0, attempts: 1, error: { scope: 'request', outcome: 'refused', code: 1007 } });
		expect(out[1].json).toMatchObject({ code: 0, rec_ids: [items[2].rec_id, items[3].rec_id], acked: 1, failed: 1 });
		expect(out[2].json).toEqual({ rec_id: bad.rec_id, sync_stock: '1.5', stock_change_count: bad.stock_change_count, acked: false, outcome: 'notSent', attempts: 0, error: expect.objectContaining({ scope: 'validation', field: 'sync_stock' }) });
	});

	it('warns about the server clock when only a later batch met the skew', async () => {
		const items = seed(4);
		onRequest = () => {
			if (ackRequests().length === 1) emu.faults.clockOffsetSec = 900;
		};
		const result = await ack(items, { options: { batchSize: 2 } });
		expect(result.error).toBeUndefined();
		expect(ackRequests().map((r) => r.accepted)).toEqual([true, false, true]);
		const hints = result.run.data.resultData.runData.Ack[0].hints ?? [];
		expect(hints.map((hint) => hint.message).join(' ')).toMatch(/clock is off by -9\d\d s/);
	});

	it('never lets the app secret into requests, outputs, errors or n8n\'s log', async () => {
		const { logged, restore } = captureN8nLog();
		try {
			const items = seed(3);
			await ack(items);
			emu.accounts[0].disabled = true;
			const failed = await ack(items, {}, { onError: 'continueRegularOutput' });
			const failedHard = await ack(items);
			expect(failedHard.error).toBeDefined();
			expect(logged.length).toBeGreaterThan(0); // n8n logged the failures: the capture works
			const everything = JSON.stringify([emu.requests, failed.run, failedHard.run, String(failedHard.error?.stack), logged]);
			expect(everything).not.toContain(emu.account.appsecret);
		} finally {
			restore();
		}
	});

});
