/**
 * Every write (WDT Ack Stock Sync, Stock Sync · Acknowledge, Logistics Sync · Acknowledge,
 * Order · Push, Goods · Push Platform Goods, Refund · Push) through the real n8n engine against a hostile
 * gateway of this test's own: an answer is read as "written" only when that is certain.
 * - `errors` that is not a list of entries each naming a key of the call → the whole call unknown;
 * - push counts that do not add up to the records not refused → unknown, never pushed;
 * - an attempt processed but its answer lost, then a refused retry → unknown, not refused;
 * - a refusal with no earlier processed attempt → refused; never connected → notSent;
 * - with the error output, what was not written goes there, paired with its item.
 */
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { chain, runWorkflow, sourceNode, wdtNode } from '../helpers/engine';
import type { Answer, HostileServer } from '../helpers/hostile-server';
import { json, startHostileServer } from '../helpers/hostile-server';
import { paidOrder } from '../helpers/shop-orders';

const nodeTypes = { 'n8n-nodes-wdt.wdt': new Wdt(), 'n8n-nodes-wdt.wdtAckStockSync': new WdtAckStockSync() };

interface Write {
	name: string;
	type: string;
	answer: 'ack' | 'push';
	keyName: string;
	items: (n: number) => IDataObject[];
	keyOf: (item: IDataObject) => string;
	/** The keys a request carried, in order. */
	keysOf: (form: URLSearchParams) => string[];
	parameters: (options: INodeParameters) => INodeParameters;
}

const recId = (i: number) => `27543274825166356${String(10 + i)}`;
const WRITES: Write[] = [
	{
		name: 'WDT Ack Stock Sync',
		type: 'n8n-nodes-wdt.wdtAckStockSync',
		answer: 'ack',
		keyName: 'rec_id',
		items: (n) => Array.from({ length: n }, (_, i) => ({ rec_id: recId(i), sync_stock: 5, stock_change_count: 1, shop_no: 'shop-a' })),
		keyOf: (item) => String(item.rec_id),
		keysOf: (form) => JSON.parse(form.get('stock_sync_list') ?? '[]').map((e: IDataObject) => e.rec_id),
		parameters: (options) => ({ mappingMode: 'auto', options: { failWhenNoneAcked: false, ...options } }),
	},
	{
		name: 'Stock Sync · Acknowledge',
		type: 'n8n-nodes-wdt.wdt',
		answer: 'ack',
		keyName: 'rec_id',
		items: (n) => Array.from({ length: n }, (_, i) => ({ rec_id: recId(i), sync_stock: 5, stock_change_count: 1, shop_no: 'shop-a' })),
		keyOf: (item) => String(item.rec_id),
		keysOf: (form) => JSON.parse(form.get('stock_sync_list') ?? '[]').map((e: IDataObject) => e.rec_id),
		parameters: (options) => ({ resource: 'stockSync', operation: 'acknowledge', mappingMode: 'auto', options: { failWhenNoneAcked: false, ...options } }),
	},
	{
		name: 'Logistics Sync · Acknowledge',
		type: 'n8n-nodes-wdt.wdt',
		answer: 'ack',
		keyName: 'rec_id',
		items: (n) => Array.from({ length: n }, (_, i) => ({ rec_id: recId(i), tid: `T${i}`, logistics_no: `SF${i}` })),
		keyOf: (item) => String(item.rec_id),
		keysOf: (form) => JSON.parse(form.get('logistics_list') ?? '[]').map((e: IDataObject) => e.rec_id),
		parameters: (options) => ({ resource: 'logisticsSync', operation: 'acknowledge', ackOptions: options }),
	},
	{
		name: 'Order · Push',
		type: 'n8n-nodes-wdt.wdt',
		answer: 'push',
		keyName: 'tid',
		items: (n) => Array.from({ length: n }, (_, i) => paidOrder(`T${i}`)),
		keyOf: (item) => String(item.tid),
		keysOf: (form) => JSON.parse(form.get('trade_list') ?? '[]').map((o: IDataObject) => o.tid),
		parameters: (options) => ({ resource: 'order', operation: 'push', shopNo: 'shop-a', pushOptions: options }),
	},
	{
		name: 'Goods · Push Platform Goods',
		type: 'n8n-nodes-wdt.wdt',
		answer: 'push',
		keyName: 'spec_id',
		items: (n) => Array.from({ length: n }, (_, i) => ({ goods_id: `G${i}`, spec_id: recId(i), spec_no: `SKU-${i}`, goods_name: '杯子' })),
		keyOf: (item) => String(item.spec_id),
		keysOf: (form) => JSON.parse(form.get('api_goods_info') ?? '{}').goods_list.map((g: IDataObject) => g.spec_id),
		parameters: (options) => ({ resource: 'goods', operation: 'pushPlatformGoods', shopNo: 'shop-a', goodsOptions: options }),
	},
	{
		name: 'Refund · Push',
		type: 'n8n-nodes-wdt.wdt',
		answer: 'push',
		keyName: 'refund_no',
		items: (n) =>
			Array.from({ length: n }, (_, i) => ({
				tid: `T${i}`,
				refund_no: `RF${recId(i)}`,
				type: 2,
				status: 4,
				refund_fee: '19.90',
				refund_time: '2026-11-28 10:00:00',
				order_list: [{ oid: `T${i}-1`, num: 1 }],
			})),
		keyOf: (item) => String(item.refund_no),
		keysOf: (form) => JSON.parse(form.get('api_refund_list') ?? '[]').map((r: IDataObject) => r.refund_no),
		parameters: (options) => ({ resource: 'refund', operation: 'push', shopNo: 'shop-a', refundOptions: options }),
	},
];

let hostile: HostileServer | undefined;
afterEach(async () => {
	await hostile?.close();
	hostile = undefined;
});

const CONTINUE: Partial<INode> = { onError: 'continueRegularOutput' };
const FAST = { retryDelayMs: 1, maxRetries: 0 };

async function runAgainst(write: Write, url: string, items: IDataObject[], options: INodeParameters = FAST, extra: Partial<INode> = CONTINUE) {
	const result = await runWorkflow({
		nodeTypes,
		nodes: [sourceNode(items), wdtNode(write.type, 'Write', write.parameters(options), extra)],
		connections: chain('Source', 'Write'),
		credentials: { cred: { sid: 'sid', appkey: 'key', appsecret: 'secret', environment: 'custom', customUrl: url } },
	});
	return { ...result, out: (index = 0): INodeExecutionData[] => result.output('Write', index) };
}

/** A gateway answering each request (1-based) as `answers` say; the last one answers the rest. */
async function gateway(write: Write, answers: Array<(keys: string[]) => Answer>): Promise<HostileServer> {
	let seen = 0;
	hostile = await startHostileServer((req, res, body) => {
		const keys = write.keysOf(new URLSearchParams(body));
		const answer = answers[Math.min(seen++, answers.length - 1)];
		answer(keys)(req, res, body);
	});
	return hostile;
}

const ok = (write: Write, extra: IDataObject = {}) => (keys: string[]): Answer =>
	json(JSON.stringify({ code: 0, message: 'OK', ...(write.answer === 'push' ? { new_count: keys.length, chg_count: 0 } : {}), ...extra }));
/** The answer is lost after WDT read (and processed) the whole request. */
const resetAfterReading = (): Answer => (req) => req.socket.destroy();
const badGateway = (): Answer => json('<html>502 Bad Gateway</html>', 502, { 'Content-Type': 'text/html' });
const rateLimited = (): Answer => json('{"code":1009,"message":"接口调用太频繁"}');
const badParameter = (): Answer => json('{"code":2001,"message":"参数错误"}');

const outcomes = (items: INodeExecutionData[]) => items.map((item) => item.json.outcome);
const errorOf = (item: INodeExecutionData) => item.json.error as IDataObject;

describe.each(WRITES)('$name against a hostile gateway', (write) => {
	const written = write.answer === 'ack' ? 'acked' : 'new';

	it('a plain code-0 answer: every item written, one attempt, paired with its item', async () => {
		const items = write.items(3);
		await gateway(write, [ok(write)]);
		const run = await runAgainst(write, hostile!.url, items);
		expect(run.error).toBeUndefined();
		expect(run.out().map((item) => [item.json[write.keyName], item.json.outcome, item.json.attempts, item.pairedItem])).toEqual(
			items.map((item, i) => [write.keyOf(item), written, 1, { item: i }]),
		);
	});

	it.each<[string, (keys: string[]) => IDataObject[string]]>([
		['an object keyed by the key', (keys) => ({ [keys[0]]: 'bad' })],
		['an object naming the key', (keys) => ({ [write.keyName]: keys[0], error: 'bad' })],
		['a string', () => 'failed'],
		['a number', () => 1],
		['null', () => null],
		['a list with an entry naming no key', () => [{ error: 'bad' }]],
		['a list with a key not in the call', () => [{ [write.keyName]: '999', error: 'bad' }]],
		['a list with an entry keyed by another field', (keys) => [{ [write.keyName === 'tid' ? 'rec_id' : 'tid']: keys[0], error: 'bad' }]],
		['a list holding a bare key', (keys) => [keys[0]]],
	])('errors as %s: the whole call unknown, nothing claimed written', async (_what, errors) => {
		const items = write.items(3);
		await gateway(write, [(keys) => ok(write, { errors: errors(keys) })(keys)]);
		const run = await runAgainst(write, hostile!.url, items);
		expect(outcomes(run.out())).toEqual(['unknown', 'unknown', 'unknown']);
		expect(errorOf(run.out()[0])).toMatchObject({ scope: 'request', outcome: 'unknown', code: 'PROTOCOL' });
		expect(run.out().every((item) => item.json.acked !== true)).toBe(true);
	});

	if (write.answer === 'push') {
		it.each<[string, IDataObject]>([
			['new 1 chg 0 for 3', { new_count: 1, chg_count: 0 }],
			['0 / 0', { new_count: 0, chg_count: 0 }],
			['more than sent', { new_count: 3, chg_count: 2 }],
			['counts missing', { new_count: undefined, chg_count: undefined }],
			['a count unreadable', { new_count: 'three', chg_count: 0 }],
		])('counts contradicting the call (%s): unknown, never pushed', async (_what, counts) => {
			await gateway(write, [(keys) => ok(write, counts)(keys)]);
			const run = await runAgainst(write, hostile!.url, write.items(3));
			expect(outcomes(run.out())).toEqual(['unknown', 'unknown', 'unknown']);
			expect(errorOf(run.out()[0])).toMatchObject({ scope: 'request', outcome: 'unknown', code: 'COUNTS' });
		});

		it('counts that add up with one record refused: the others written, the refused one refused', async () => {
			const items = write.items(3);
			await gateway(write, [(keys) => ok(write, { new_count: 0, chg_count: 2, errors: [{ [write.keyName]: keys[1], error: '不能更改' }] })(keys)]);
			const run = await runAgainst(write, hostile!.url, items);
			expect(outcomes(run.out())).toEqual(['changed', 'refused', 'changed']);
			// WDT's words, and what to do about them: that record alone is fixed and pushed again.
			expect(errorOf(run.out()[1])).toMatchObject({
				scope: 'record',
				outcome: 'refused',
				message: '不能更改',
				hint: expect.stringMatching(/^WDT refused this (order|SKU|refund) while taking the others: its message says why\. Fix the \w+ and push it again\.$/),
			});
		});
	}

	it.each<[string, () => Answer, string, () => Answer]>([
		['reset after reading the body', resetAfterReading, 'rate limit', rateLimited],
		['reset after reading the body', resetAfterReading, '参数错误', badParameter],
		['HTTP 502', badGateway, 'rate limit', rateLimited],
		['HTTP 502', badGateway, '参数错误', badParameter],
	])('attempt 1 lost (%s), the retry refused (%s): unknown, not refused', async (_lost, lost, _refusal, refusal) => {
		await gateway(write, [() => lost(), () => refusal()]);
		const run = await runAgainst(write, hostile!.url, write.items(2), { ...FAST, maxRetries: 1 });
		expect(hostile!.requests).toBe(2);
		expect(outcomes(run.out())).toEqual(['unknown', 'unknown']);
		expect(errorOf(run.out()[0])).toMatchObject({ scope: 'request', outcome: 'unknown', hint: expect.stringMatching(/^An earlier attempt was sent and its answer lost/) });
		expect(run.out()[0].json).toMatchObject({ attempts: 2, attemptHistory: [expect.stringMatching(/^unknown/), expect.stringMatching(/^refused \(WDT (1009|2001)\)$/)] });
	});

	it('attempt 1 lost, the retry answers code 0 naming one record in errors: that one unknown, the others written (a push only "pushed")', async () => {
		await gateway(write, [
			() => resetAfterReading(),
			(keys) => ok(write, { errors: [{ [write.keyName]: keys[0], error: '参数错误' }], ...(write.answer === 'push' ? { new_count: 0, chg_count: keys.length - 1 } : {}) })(keys),
		]);
		const run = await runAgainst(write, hostile!.url, write.items(3), { ...FAST, maxRetries: 1 });
		expect(outcomes(run.out())).toEqual(['unknown', write.answer === 'ack' ? 'acked' : 'pushed', write.answer === 'ack' ? 'acked' : 'pushed']);
		expect(errorOf(run.out()[0])).toMatchObject({ scope: 'record', outcome: 'unknown', message: expect.stringMatching(/refused it on a retry \(参数错误\)/) });
		expect(run.out()[1].json).toMatchObject({ attempts: 2, attemptHistory: ['unknown (NETWORK)', 'answered'] });
	});

	it.each<[string, Array<() => Answer>, number]>([
		['参数错误 at once', [badParameter], 1],
		['rate limit, then 参数错误 (neither processed)', [rateLimited, badParameter], 2],
		['HTTP 400', [() => json('bad request', 400)], 1],
	])('a refusal with no earlier processed attempt (%s): refused', async (_what, answers, requests) => {
		await gateway(write, answers.map((answer) => () => answer()));
		const run = await runAgainst(write, hostile!.url, write.items(2), { ...FAST, maxRetries: 3 });
		expect(hostile!.requests).toBe(requests);
		expect(outcomes(run.out())).toEqual(['refused', 'refused']);
		expect(errorOf(run.out()[0])).toMatchObject({ scope: 'request', outcome: 'refused' });
	});

	it('never connected (nothing listens at the Gateway URL): notSent', async () => {
		const closed = await startHostileServer(json('{}'));
		await closed.close();
		const run = await runAgainst(write, closed.url, write.items(2), { ...FAST, maxRetries: 1 });
		expect(outcomes(run.out())).toEqual(['notSent', 'notSent']);
		expect(errorOf(run.out()[0])).toMatchObject({ scope: 'request', outcome: 'notSent', code: 'NETWORK', message: expect.stringMatching(/^Not sent: /) });
	});

	it('with the error output, what was not written goes there (only error, message, details), paired with its item; the rest to the main output', async () => {
		const items = write.items(4);
		await gateway(write, [(keys) => ok(write, { errors: [{ [write.keyName]: keys[2], error: '参数错误' }], ...(write.answer === 'push' ? { new_count: keys.length - 1, chg_count: 0 } : {}) })(keys)]);
		const run = await runAgainst(write, hostile!.url, items, FAST, { onError: 'continueErrorOutput' });
		expect(run.error).toBeUndefined();
		expect(run.out(0).map((item) => [item.json[write.keyName], item.json.outcome, item.pairedItem])).toEqual(
			[0, 1, 3].map((i) => [write.keyOf(items[i]), written, { item: i }]),
		);
		const failed = run.out(1);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
		expect(Object.keys(failed[0].json).filter((key) => !Object.keys(items[2]).includes(key)).sort()).toEqual(['details', 'error', 'message']);
		expect(failed[0].json).toMatchObject({ error: { scope: 'record', outcome: 'refused', message: '参数错误' }, message: '参数错误', details: { outcome: 'refused', attempts: 1 } });
	});

	it('without Continue On Fail: the node fails with the counts and the first record not written, and says what is safe to re-run', async () => {
		await gateway(write, [(keys) => ok(write, { errors: { bad: 1 } })(keys)]);
		const run = await runAgainst(write, hostile!.url, write.items(2), FAST, {});
		expect(run.error?.message).toMatch(new RegExp(`^2 of 2 \\w+\\(s\\) not written; first: item 1 \\(index 0\\), ${write.keyName} \\S+: Outcome unknown: the answer could not be read`));
		expect(run.error?.description).toMatch(/outcome unknown — run again to settle.*safe.*fix the cause and run again/);
	});
});
