import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import type { AckRecord, FieldProblem } from '../../nodes/WdtAckStockSync/record';
import type { AckFailure, EntryOutcome } from '../../nodes/WdtAckStockSync/results';
import type { Outcomes } from '../../nodes/WdtAckStockSync/outputItems';
import { nothingAckedError, perItemOutput } from '../../nodes/WdtAckStockSync/outputItems';

type OnError = 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
const contextWith = (onError: OnError) => {
	const node: INode = { id: 'ack', name: 'WDT Ack Stock Sync', type: 'n8n-nodes-wdt.wdtAckStockSync', typeVersion: 1, position: [0, 0], parameters: {}, onError };
	return { getNode: () => node } as unknown as IExecuteFunctions;
};

const record = (rec_id: string): AckRecord => ({ rec_id, sync_stock: 5, stock_change_count: 2 });
const refusal: AckFailure = { scope: 'record', outcome: 'refused', code: 0, message: '库存已变化', hint: 'query again' };
const refused: EntryOutcome = { acked: false, failure: refusal };
const callFailure: AckFailure = { scope: 'request', outcome: 'refused', code: 1050, message: '签名错误', hint: 'check the secret' };
const badStock: FieldProblem = { field: 'sync_stock', value: '12件', message: '"sync_stock" is "12件": expected a whole number (no units, text or separators)' };

/** Item 0 acked, item 1 refused by WDT, item 2 invalid (never sent). */
const items: INodeExecutionData[] = [
	{ json: { shop_no: 'S1', rec_id: '101', sync_stock: 5, stock_change_count: 2 } },
	{ json: { shop_no: 'S1', rec_id: '102', sync_stock: 5, stock_change_count: 2 } },
	{ json: { shop_no: 'S1', rec_id: '103', sync_stock: '12件', stock_change_count: 2 } },
];
const recordOfItem = [record('101'), record('102')];
const outcomeOfItem: EntryOutcome[] = [{ acked: true }, refused];
const invalid = new Map([[2, badStock]]);
const validationError = {
	scope: 'validation',
	outcome: 'not sent',
	field: 'sync_stock',
	message: 'item 3 (index 2): "sync_stock" is "12件": expected a whole number (no units, text or separators)',
};

describe('perItemOutput: one item per input item', () => {
	it('regular output with input fields: every item keeps its input fields beside the values sent and the outcome', () => {
		const out = perItemOutput(contextWith('continueRegularOutput'), { items, mode: 'auto', invalid, recordOfItem, outcomeOfItem, includeInputFields: true });
		expect(out).toStrictEqual([
			{ json: { shop_no: 'S1', ...record('101'), acked: true }, pairedItem: { item: 0 } },
			{ json: { shop_no: 'S1', ...record('102'), acked: false, error: refusal }, pairedItem: { item: 1 } },
			{ json: { ...items[2].json, acked: false, error: validationError }, pairedItem: { item: 2 } },
		]);
	});

	it('lean output (Map Automatically): an invalid item shows the three values it had, nothing else of the input', () => {
		const out = perItemOutput(contextWith('continueRegularOutput'), { items, mode: 'auto', invalid, recordOfItem, outcomeOfItem, includeInputFields: false });
		expect(out).toStrictEqual([
			{ json: { ...record('101'), acked: true }, pairedItem: { item: 0 } },
			{ json: { ...record('102'), acked: false, error: refusal }, pairedItem: { item: 1 } },
			{ json: { rec_id: '103', sync_stock: '12件', stock_change_count: 2, acked: false, error: validationError }, pairedItem: { item: 2 } },
		]);
	});

	it('lean output (Define Below): an invalid item shows only the field that failed, as it was read', () => {
		const manualItems: INodeExecutionData[] = [{ json: { shop_no: 'S1' } }];
		const out = perItemOutput(contextWith('continueRegularOutput'), {
			items: manualItems,
			mode: 'manual',
			invalid: new Map([[0, badStock]]),
			recordOfItem: [],
			outcomeOfItem: [],
			includeInputFields: false,
		});
		expect(out).toStrictEqual([
			{
				json: { sync_stock: '12件', acked: false, error: { ...validationError, message: validationError.message.replace('item 3 (index 2)', 'item 1 (index 0)') } },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('error output: acked items keep their input fields; failed ones hold only error/message/details (n8n merges the input item in)', () => {
		const out = perItemOutput(contextWith('continueErrorOutput'), { items, mode: 'auto', invalid, recordOfItem, outcomeOfItem, includeInputFields: true });
		expect(out).toStrictEqual([
			{ json: { shop_no: 'S1', ...record('101'), acked: true }, pairedItem: { item: 0 } },
			{ json: { error: refusal, message: '库存已变化', details: { ...record('102'), acked: false } }, pairedItem: { item: 1 } },
			{
				json: {
					error: validationError,
					message: validationError.message,
					details: { rec_id: '103', sync_stock: '12件', stock_change_count: 2, acked: false },
				},
				pairedItem: { item: 2 },
			},
		]);
	});

	it('error output: a failed call is worded with WDT\'s code first', () => {
		const out = perItemOutput(contextWith('continueErrorOutput'), {
			items: items.slice(0, 1),
			mode: 'auto',
			invalid: new Map(),
			recordOfItem: [record('101')],
			outcomeOfItem: [{ acked: false, failure: callFailure }],
			includeInputFields: true,
		});
		expect(out[0].json).toStrictEqual({ error: callFailure, message: 'WDT error 1050: 签名错误', details: { ...record('101'), acked: false } });
	});
});

describe('nothingAckedError: fails a run in which not one record was acked', () => {
	const outcomes = (patch: Partial<Outcomes>): Outcomes => ({ itemCount: 3, mode: 'auto', invalid, recordOfItem, outcomeOfItem: [refused, refused], ...patch });

	it('names the first item that was sent, with WDT\'s reason, and counts sent and invalid items', () => {
		const error = nothingAckedError(contextWith('continueRegularOutput'), outcomes({ invalid: new Map([[0, badStock]]), recordOfItem: [record('100'), record('101'), record('102')], outcomeOfItem: [refused, refused, refused] }));
		expect(error?.message).toBe('Nothing was acked (回写全部失败): 0 of 3 items. First: item 2 (index 1), rec_id 101: 库存已变化');
		expect(error?.description).toMatch(/^2 item\(s\) went to WDT and none was acked; 1 failed the checks before sending\. /);
		expect(error?.description).toMatch(/fails when not one record could be acked, even with On Error → Continue/);
		expect(error?.description).toMatch(/Turn off Options → Fail When Nothing Acked to get per-item results instead\.$/);
		expect(error?.context.itemIndex).toBe(1);
	});

	it('a failed call is named with WDT\'s code', () => {
		const error = nothingAckedError(contextWith('continueRegularOutput'), outcomes({ itemCount: 1, invalid: new Map(), recordOfItem: [record('101')], outcomeOfItem: [{ acked: false, failure: callFailure }] }));
		expect(error?.message).toBe('Nothing was acked (回写全部失败): 0 of 1 items. First: item 1 (index 0), rec_id 101: WDT error 1050: 签名错误');
		expect(error?.context.itemIndex).toBe(0);
	});

	it('when every item failed the checks: the first invalid item and its problem', () => {
		const error = nothingAckedError(
			contextWith('continueRegularOutput'),
			outcomes({ itemCount: 2, invalid: new Map([[0, badStock], [1, badStock]]), recordOfItem: [], outcomeOfItem: [] }),
		);
		expect(error?.message).toBe(`Nothing was acked (回写全部失败): 0 of 2 items. First: item 1 (index 0): ${badStock.message}`);
		expect(error?.description).toMatch(/^0 item\(s\) went to WDT and none was acked; 2 failed the checks before sending\. /);
		expect(error?.context.itemIndex).toBe(0);
	});

	it('a sent item with no outcome on record is named as not acked', () => {
		const error = nothingAckedError(contextWith('continueRegularOutput'), outcomes({ itemCount: 1, invalid: new Map(), recordOfItem: [record('101')], outcomeOfItem: [] }));
		expect(error?.message).toBe('Nothing was acked (回写全部失败): 0 of 1 items. First: item 1 (index 0), rec_id 101: not acked');
	});

	it('no error when one record was acked, the last one included', () => {
		expect(nothingAckedError(contextWith('continueRegularOutput'), outcomes({ outcomeOfItem: [{ acked: true }, refused] }))).toBeUndefined();
		expect(nothingAckedError(contextWith('continueRegularOutput'), outcomes({ itemCount: 2, invalid: new Map(), outcomeOfItem: [refused, { acked: true }] }))).toBeUndefined();
	});

	it('no error without input items, nor with the error output (every item goes there already)', () => {
		expect(nothingAckedError(contextWith('continueRegularOutput'), outcomes({ itemCount: 0, invalid: new Map(), recordOfItem: [], outcomeOfItem: [] }))).toBeUndefined();
		expect(nothingAckedError(contextWith('continueErrorOutput'), outcomes({}))).toBeUndefined();
	});
});
