/**
 * The write engine's output items and the errors that fail a run (nodes/Wdt/writes/output.ts,
 * failures.ts), with the stock ack's endpoint (it has the `acked` field).
 */
import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { LOGISTICS_ACK } from '../../nodes/Wdt/actions/logisticsSync/acknowledge.operation';
import { STOCK_ACK } from '../../nodes/Wdt/actions/stockSync/acknowledge.operation';
import type { AckRecord } from '../../nodes/Wdt/actions/stockSync/ackRecord';
import { nothingWrittenError, notWrittenError, validationError } from '../../nodes/Wdt/writes/failures';
import type { WriteProblem } from '../../nodes/Wdt/writes/merge';
import { WriteEntries } from '../../nodes/Wdt/writes/merge';
import type { RecordOutcome, WriteFailure } from '../../nodes/Wdt/writes/outcomes';
import type { ItemResults } from '../../nodes/Wdt/writes/output';
import { perItemOutput, perRequestOutput } from '../../nodes/Wdt/writes/output';
import { emptyCounts } from '../../nodes/Wdt/writes/outcomes';
import type { BatchRun } from '../../nodes/Wdt/writes/send';

type OnError = 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
const contextWith = (onError: OnError) => {
	const node: INode = { id: 'ack', name: 'WDT Ack Stock Sync', type: 'n8n-nodes-wdt.wdtAckStockSync', typeVersion: 1, position: [0, 0], parameters: {}, onError };
	return { getNode: () => node } as unknown as IExecuteFunctions;
};

const record = (rec_id: string): AckRecord => ({ rec_id, sync_stock: 5, stock_change_count: 2 });
/** A record sent for one item (the engine's entry, as the tests below describe it). */
interface SentRecord<R> {
	key: string;
	record: R;
	item: number;
}
const entry = (rec_id: string, item: number): SentRecord<AckRecord> => ({ key: rec_id, record: record(rec_id), item });
const refusal: WriteFailure = { scope: 'record', outcome: 'refused', code: 0, message: '库存已变化', hint: 'query again' };
const callFailure: WriteFailure = { scope: 'request', outcome: 'refused', code: 1050, message: '签名错误', hint: 'check the secret' };
const badStock: WriteProblem = {
	items: [2],
	field: 'sync_stock',
	message: '"sync_stock" is "12件": expected a whole number (no units, text or separators)',
	values: { rec_id: '103', sync_stock: '12件', stock_change_count: 2 },
};
const once: BatchRun = { attempts: [{ result: 'answered' }], body: { code: 0, message: 'ok' } };
const twice: BatchRun = { attempts: [{ result: 'unknown', code: 'HTTP 502' }, { result: 'answered' }], body: { code: 0, message: 'ok' } };

/** Item 0 acked, item 1 refused by WDT, item 2 invalid (never sent). */
const items: INodeExecutionData[] = [
	{ json: { shop_no: 'S1', rec_id: '101', sync_stock: 5, stock_change_count: 2 } },
	{ json: { shop_no: 'S1', rec_id: '102', sync_stock: 5, stock_change_count: 2 } },
	{ json: { shop_no: 'S1', rec_id: '103', sync_stock: '12件', stock_change_count: 2 } },
];
/** What each item became, by item index: its problem, or the record sent for it, its outcome and its call. */
interface PerItem<R> {
	problemOfItem: Array<WriteProblem | undefined>;
	entryOfItem: Array<SentRecord<R> | undefined>;
	outcomeOfItem: Array<RecordOutcome | undefined>;
	runOfItem: Array<BatchRun | undefined>;
}

/** The engine's results (an entry per record sent, a call per distinct run) from a per-item description. */
function resultsOf<R>(perItem: PerItem<R>): ItemResults<R> {
	const count = Math.max(perItem.problemOfItem.length, perItem.entryOfItem.length, perItem.outcomeOfItem.length);
	const entries = new WriteEntries<R>(count);
	const runs: BatchRun[] = [];
	const results: ItemResults<R> = {
		entries,
		runs,
		problemOfItem: new Map(),
		entryOfItem: new Int32Array(count).fill(-1),
		outcomeOfEntry: [],
		batchOfEntry: new Int32Array(count),
	};
	for (let item = 0; item < count; item++) {
		const problem = perItem.problemOfItem[item];
		if (problem) results.problemOfItem.set(item, problem);
		const sent = perItem.entryOfItem[item];
		if (!sent) continue;
		const e = entries.length;
		entries.push([sent.item], sent.key, sent.record, '', undefined);
		results.entryOfItem[item] = e;
		results.outcomeOfEntry[e] = perItem.outcomeOfItem[item] as RecordOutcome;
		const run = perItem.runOfItem[item] as BatchRun;
		if (!runs.includes(run)) runs.push(run);
		results.batchOfEntry[e] = runs.indexOf(run);
	}
	return results;
}

const results = (patch: Partial<PerItem<AckRecord>> = {}): ItemResults<AckRecord> =>
	resultsOf({
		problemOfItem: [undefined, undefined, badStock],
		entryOfItem: [entry('101', 0), entry('102', 1)],
		outcomeOfItem: ['acked', refusal, undefined],
		runOfItem: [once, once],
		...patch,
	});
const validationFailure = {
	scope: 'validation',
	outcome: 'notSent',
	field: 'sync_stock',
	message: 'item 3 (index 2): "sync_stock" is "12件": expected a whole number (no units, text or separators)',
};

describe('perItemOutput: one item per input item', () => {
	it('regular output with input fields: every item keeps its input fields beside the values sent, the outcome and the attempts', () => {
		const out = perItemOutput(contextWith('continueRegularOutput'), STOCK_ACK, items, results(), true);
		expect(out).toStrictEqual([
			{ json: { shop_no: 'S1', ...record('101'), acked: true, outcome: 'acked', attempts: 1 }, pairedItem: { item: 0 } },
			{ json: { shop_no: 'S1', ...record('102'), acked: false, outcome: 'refused', attempts: 1, error: refusal }, pairedItem: { item: 1 } },
			{ json: { ...items[2].json, acked: false, outcome: 'notSent', attempts: 0, error: validationFailure }, pairedItem: { item: 2 } },
		]);
	});

	it('lean output: only the values sent (or read, for an invalid item), nothing else of the input', () => {
		const out = perItemOutput(contextWith('continueRegularOutput'), STOCK_ACK, items, results(), false);
		expect(out.map((item) => item.json)).toStrictEqual([
			{ ...record('101'), acked: true, outcome: 'acked', attempts: 1 },
			{ ...record('102'), acked: false, outcome: 'refused', attempts: 1, error: refusal },
			{ rec_id: '103', sync_stock: '12件', stock_change_count: 2, acked: false, outcome: 'notSent', attempts: 0, error: validationFailure },
		]);
	});

	it('more than one attempt: the history, one list shared by every item of the call', () => {
		const out = perItemOutput(contextWith('continueRegularOutput'), STOCK_ACK, items.slice(0, 2), results({ outcomeOfItem: ['acked', 'acked'], runOfItem: [twice, twice] }), true);
		expect(out[0].json).toMatchObject({ outcome: 'acked', attempts: 2, attemptHistory: ['unknown (HTTP 502)', 'answered'] });
		expect(out[1].json.attemptHistory).toBe(out[0].json.attemptHistory);
	});

	it('an endpoint without the acked field (logistics ack) has none, also on an item that failed the checks', () => {
		const problem: WriteProblem = { items: [0], field: 'recId', message: 'bad rec_id', values: { rec_id: 'x' } };
		const out = perItemOutput(contextWith('continueRegularOutput'), LOGISTICS_ACK, [{ json: { tid: 'T1' } }], resultsOf({
			problemOfItem: [problem],
			entryOfItem: [],
			outcomeOfItem: [undefined],
			runOfItem: [],
		}), true);
		expect(Object.keys(out[0].json)).toEqual(['tid', 'rec_id', 'outcome', 'attempts', 'error']);
	});

	it('an endpoint without the acked field (logistics ack) has none', () => {
		const out = perItemOutput(contextWith('continueRegularOutput'), LOGISTICS_ACK, [{ json: { tid: 'T1' } }], resultsOf({
			problemOfItem: [],
			entryOfItem: [{ key: '101', record: { rec_id: '101', status: 1, message: 'refused by shop' }, item: 0 }],
			outcomeOfItem: ['acked'],
			runOfItem: [once],
		}), true);
		expect(out[0].json).toStrictEqual({ tid: 'T1', rec_id: '101', status: 1, message: 'refused by shop', outcome: 'acked', attempts: 1 });
	});

	it('error output: written items keep their input fields; failed ones hold only error/message/details (n8n merges the input item in)', () => {
		const out = perItemOutput(contextWith('continueErrorOutput'), STOCK_ACK, items, results(), true);
		expect(out).toStrictEqual([
			{ json: { shop_no: 'S1', ...record('101'), acked: true, outcome: 'acked', attempts: 1 }, pairedItem: { item: 0 } },
			{ json: { error: refusal, message: '库存已变化', details: { ...record('102'), acked: false, outcome: 'refused', attempts: 1 } }, pairedItem: { item: 1 } },
			{
				json: {
					error: validationFailure,
					message: validationFailure.message,
					details: { rec_id: '103', sync_stock: '12件', stock_change_count: 2, acked: false, outcome: 'notSent', attempts: 0 },
				},
				pairedItem: { item: 2 },
			},
		]);
	});

	it('error output: a failed call is worded with WDT\'s code first', () => {
		const out = perItemOutput(contextWith('continueErrorOutput'), STOCK_ACK, items.slice(0, 1), results({ problemOfItem: [], outcomeOfItem: [callFailure] }), true);
		expect(out[0].json).toStrictEqual({ error: callFailure, message: 'WDT error 1050: 签名错误', details: { ...record('101'), acked: false, outcome: 'refused', attempts: 1 } });
	});
});

describe('perRequestOutput: one item per call', () => {
	const entries = new WriteEntries<AckRecord>(2);
	entries.push([0], '101', record('101'), '', 2);
	entries.push([1, 3], '102', record('102'), '', 2);
	const batch = { group: '', entries: [0, 1] };
	it('an ack counts what it acked; a push what it wrote', () => {
		const ack = perRequestOutput(contextWith('continueRegularOutput'), STOCK_ACK, entries, [batch], [once], [['acked', refusal]], []);
		expect(ack[0]).toEqual({ json: { code: 0, message: 'ok', rec_ids: ['101', '102'], acked: 1, failed: 1, attempts: 1 }, pairedItem: [{ item: 0 }, { item: 1 }, { item: 3 }] });
		const push = perRequestOutput(contextWith('continueRegularOutput'), { ...STOCK_ACK, answer: 'push' }, entries, [batch], [twice], [['new', 'new']], []);
		expect(push[0].json).toEqual({ code: 0, message: 'ok', rec_ids: ['101', '102'], written: 2, failed: 0, attempts: 2, attemptHistory: ['unknown (HTTP 502)', 'answered'] });
	});

	it('a failed call, and each item that failed the checks, as failed items', () => {
		const out = perRequestOutput(contextWith('continueRegularOutput'), STOCK_ACK, entries, [batch], [{ attempts: [{ result: 'refused', code: 1050 }], error: new Error('x') }], [[callFailure, callFailure]], [badStock]);
		expect(out.map((item) => item.json)).toEqual([
			{ rec_ids: ['101', '102'], acked: 0, failed: 2, attempts: 1, error: callFailure },
			{ ...badStock.values, acked: false, outcome: 'notSent', attempts: 0, error: validationFailure },
		]);
		expect(out[1].pairedItem).toEqual({ item: 2 });
	});
});

describe('notWrittenError: after sending, without Continue On Fail', () => {
	const counts = { ...emptyCounts(), acked: 1, refused: 1 };
	it('the counts and the first record not written in the message; what is safe to re-run in the description; no message in the response', () => {
		const error = notWrittenError(contextWith('stopWorkflow'), STOCK_ACK, results({ problemOfItem: [] }), counts, 2);
		expect(error?.message).toBe('1 of 2 record(s) not written; first: item 2 (index 1), rec_id 102: 库存已变化');
		expect(error?.description).toBe('Of 2 records: 1 acked, 1 refused by WDT. query again Acks are safe to repeat: fix the cause and run again. Turn on "On Error → Continue" to get one result per item instead.');
		expect(error?.errorResponse).toEqual({ outcome: 'refused', code: 0 });
		expect(error?.context.itemIndex).toBe(1);
	});

	it('a failure without code or hint: neither in the response nor a gap in the description', () => {
		const bare: WriteFailure = { scope: 'request', outcome: 'unknown', message: 'lost' };
		const error = notWrittenError(contextWith('stopWorkflow'), STOCK_ACK, results({ problemOfItem: [], outcomeOfItem: [bare, 'acked'] }), { ...emptyCounts(), acked: 1, unknown: 1 }, 2);
		expect(error?.errorResponse).toStrictEqual({ outcome: 'unknown' });
		expect(error?.description).toBe('Of 2 records: 1 acked, 1 outcome unknown — run again to settle. Acks are safe to repeat: fix the cause and run again. Turn on "On Error → Continue" to get one result per item instead.');
	});

	it('nothing when every record was written', () => {
		expect(notWrittenError(contextWith('stopWorkflow'), STOCK_ACK, results({ problemOfItem: [], outcomeOfItem: ['acked', 'acked'] }), counts, 2)).toBeUndefined();
	});
});

describe('validationError: the first item (by index) that failed the checks', () => {
	it('a problem shared by several items is named by its first item', () => {
		const shared: WriteProblem = { ...badStock, items: [3, 0] };
		const error = validationError(contextWith('stopWorkflow'), [shared]);
		expect(error.message).toBe(`item 1 (index 0): ${badStock.message}`);
		expect(error.context.itemIndex).toBe(0);
	});

	it('names the item, the field and that nothing was sent', () => {
		const later: WriteProblem = { ...badStock, items: [5, 1], field: 'rec_id', message: 'bad rec_id' };
		const error = validationError(contextWith('stopWorkflow'), [badStock, later], 'Map Automatically');
		expect(error.message).toBe('item 2 (index 1): bad rec_id');
		expect(error.description).toBe('Nothing was sent: every item is checked before the first request (2 with a problem). Field "rec_id" (Map Automatically).');
		expect(error.context.itemIndex).toBe(1);
		expect(validationError(contextWith('stopWorkflow'), [badStock]).description).toMatch(/Field "sync_stock"\.$/);
	});
});

describe('nothingWrittenError: fails a run in which not one record was acked', () => {
	const context = contextWith('continueRegularOutput');
	const refusedAll = (extra: Partial<PerItem<AckRecord>> = {}) =>
		results({
			problemOfItem: [badStock, undefined, undefined],
			entryOfItem: [undefined, entry('101', 1), entry('102', 2)],
			outcomeOfItem: [undefined, refusal, refusal] as RecordOutcome[],
			...extra,
		});

	it('names the first item that was sent, with WDT\'s reason, and counts sent and invalid items', () => {
		const error = nothingWrittenError(context, STOCK_ACK, refusedAll(), 1);
		expect(error?.message).toBe('Nothing was acked: 0 of 3 items. First: item 2 (index 1), rec_id 101: 库存已变化');
		expect(error?.description).toMatch(/^2 item\(s\) went to WDT and none was acked; 1 failed the checks before sending\. /);
		expect(error?.description).toMatch(/fails when not one record could be acked, even with On Error → Continue/);
		expect(error?.description).toMatch(/Turn off Options → Fail When Nothing Acked to get per-item results instead\.$/);
		expect(error?.context.itemIndex).toBe(1);
	});

	it('a failed call is named with WDT\'s code', () => {
		const error = nothingWrittenError(context, STOCK_ACK, results({ problemOfItem: [undefined], entryOfItem: [entry('101', 0)], outcomeOfItem: [callFailure] }), 0);
		expect(error?.message).toBe('Nothing was acked: 0 of 1 items. First: item 1 (index 0), rec_id 101: WDT error 1050: 签名错误');
		expect(error?.context.itemIndex).toBe(0);
	});

	it('when every item failed the checks: the first invalid item and its problem', () => {
		const both = { ...badStock, items: [0, 1] };
		const error = nothingWrittenError(context, STOCK_ACK, results({ problemOfItem: [both, both], entryOfItem: [], outcomeOfItem: [undefined, undefined] }), 2);
		expect(error?.message).toBe(`Nothing was acked: 0 of 2 items. First: item 1 (index 0): ${badStock.message}`);
		expect(error?.description).toMatch(/^0 item\(s\) went to WDT and none was acked; 2 failed the checks before sending\. /);
		expect(error?.context.itemIndex).toBe(0);
	});

	it('a push says "written"', () => {
		const error = nothingWrittenError(context, { ...STOCK_ACK, answer: 'push' }, refusedAll(), 1);
		expect(error?.message).toBe('Nothing was written: 0 of 3 items. First: item 2 (index 1), rec_id 101: 库存已变化');
	});

	it('no error when one record was written, the last one included', () => {
		expect(nothingWrittenError(context, STOCK_ACK, refusedAll({ outcomeOfItem: [undefined, refusal, 'acked'] }), 1)).toBeUndefined();
		expect(nothingWrittenError(context, STOCK_ACK, refusedAll({ outcomeOfItem: [undefined, 'acked', refusal] }), 1)).toBeUndefined();
	});

	it('no error without input items, nor with the error output (every item goes there already)', () => {
		expect(nothingWrittenError(context, STOCK_ACK, results({ problemOfItem: [], entryOfItem: [], outcomeOfItem: [] }), 0)).toBeUndefined();
		expect(nothingWrittenError(contextWith('continueErrorOutput'), STOCK_ACK, refusedAll(), 1)).toBeUndefined();
	});
});
