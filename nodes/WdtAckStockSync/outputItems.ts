/**
 * What WDT Ack Stock Sync outputs, one item per input item, and when it fails although
 * "On Error → Continue" is set. Kept apart from the outcome logic (results.ts, send.ts): this
 * file only turns known outcomes into items a person can trace to a SKU.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemLabel } from '../Wdt/fieldLabel';
import type { WdtFailure } from '../Wdt/nodeError';
import { failureMessage } from '../Wdt/nodeError';
import type { AckRecord, FieldProblem } from './record';
import type { AckFailure, EntryOutcome } from './results';

export interface PerItemOutput {
	items: INodeExecutionData[];
	mode: 'auto' | 'manual';
	invalid: Map<number, FieldProblem>;
	/** By item index; set for every item that was sent (or merged into a sent entry). */
	recordOfItem: AckRecord[];
	outcomeOfItem: EntryOutcome[];
	/** Keep every field of the input item (shop_no, spec_no, goods_name…); off = lean output. */
	includeInputFields: boolean;
}

/** The validation failure of an item, as its `error` field. */
export function validationFailure(itemIndex: number, problem: FieldProblem): AckFailure {
	return { scope: 'validation', outcome: 'not sent', field: problem.field, message: `${itemLabel(itemIndex)}: ${problem.message}` };
}

/**
 * One output item per input item: its input fields (unless lean), the values sent (rec_id as
 * the exact digit string, the two counters as numbers), `acked`, and `error` when not acked.
 */
export function perItemOutput(context: IExecuteFunctions, output: PerItemOutput): INodeExecutionData[] {
	// n8n merges the input item into every item it routes to the error output: no second copy.
	const errorOutput = context.getNode().onError === 'continueErrorOutput';
	return output.items.map((item, itemIndex): INodeExecutionData => {
		const problem = output.invalid.get(itemIndex);
		const outcome = output.outcomeOfItem[itemIndex];
		const failed = problem !== undefined || !outcome.acked;
		const input = output.includeInputFields && !(failed && errorOutput) ? item.json : {};
		if (problem) {
			const values = { ...input, ...valuesRead(item.json, output.mode, problem) };
			return failedItem(context, itemIndex, values, validationFailure(itemIndex, problem));
		}
		const record = output.recordOfItem[itemIndex];
		if (outcome.acked) return { json: { ...input, ...record, acked: true }, pairedItem: { item: itemIndex } };
		return failedItem(context, itemIndex, { ...input, ...record }, outcome.failure);
	});
}

/** The values an invalid item had (as far as they could be read). */
function valuesRead(json: IDataObject, mode: string, problem: FieldProblem): IDataObject {
	if (mode === 'manual') return { [problem.field]: problem.value as IDataObject[string] };
	return { rec_id: json.rec_id, sync_stock: json.sync_stock, stock_change_count: json.stock_change_count };
}

/**
 * An item for a record that was not acked. n8n replaces the JSON of items that carry `.error`
 * with the bare message, so the details stay in the JSON instead: with "Continue (using error
 * output)" the item holds only error/message/details, which n8n routes to the error output and
 * merges with the input item; otherwise it keeps the values and `acked: false`.
 */
export function failedItem(
	context: IExecuteFunctions,
	itemIndex: number | number[],
	values: IDataObject,
	failure: AckFailure,
): INodeExecutionData {
	const pairedItem = Array.isArray(itemIndex) ? itemIndex.map((item) => ({ item })) : { item: itemIndex };
	if (context.getNode().onError === 'continueErrorOutput') {
		return { json: { error: failure, message: describe(failure), details: { ...values, acked: false } }, pairedItem };
	}
	return { json: { ...values, acked: false, error: failure }, pairedItem };
}

/** The outcome of every input item, by index. */
export type Outcomes = Omit<PerItemOutput, 'items' | 'includeInputFields'> & { itemCount: number };

/**
 * With "On Error → Continue (using regular output)" and Fail When Nothing Acked on: the error
 * to throw when input items were given and not one of them was acked (all refused, unknown,
 * not sent or invalid). n8n marks the node as failed and passes its input items on unchanged.
 *
 * Not with the error output: there n8n would pass the input items down the *success* output,
 * which would look like success; every item already goes to the error output instead.
 */
export function nothingAckedError(context: IExecuteFunctions, output: Outcomes): NodeOperationError | undefined {
	const node: INode = context.getNode();
	if (node.onError === 'continueErrorOutput' || output.itemCount === 0) return undefined;
	// Stryker disable next-line EqualityOperator: with `<=`, the one index more holds no outcome (undefined, not acked)
	for (let itemIndex = 0; itemIndex < output.itemCount; itemIndex++) {
		if (output.outcomeOfItem[itemIndex]?.acked) return undefined;
	}
	const first = firstFailure(output);
	const invalid = output.invalid.size;
	const sent = output.itemCount - invalid;
	return new NodeOperationError(node, `Nothing was acked (回写全部失败): 0 of ${output.itemCount} items. First: ${first}`, {
		description:
			`${sent} item(s) went to WDT and none was acked; ${invalid} failed the checks before sending. ` +
			'WDT Ack Stock Sync fails when not one record could be acked, even with On Error → Continue, so that such a run shows a failed node; ' +
			'n8n passes the input items on unchanged (without acked: true). Turn off Options → Fail When Nothing Acked to get per-item results instead.',
		itemIndex: firstReported(output),
	});
}

/** The item the summary names: the first one that was sent, else the first (invalid) one. */
function firstReported(output: Outcomes): number {
	for (let itemIndex = 0; itemIndex < output.itemCount; itemIndex++) {
		if (!output.invalid.has(itemIndex)) return itemIndex;
	}
	return 0;
}

function firstFailure(output: Outcomes): string {
	const itemIndex = firstReported(output);
	const problem = output.invalid.get(itemIndex);
	if (problem) return validationFailure(itemIndex, problem).message;
	const outcome = output.outcomeOfItem[itemIndex];
	const failure = outcome && !outcome.acked ? outcome.failure : undefined;
	const recId = output.recordOfItem[itemIndex]?.rec_id;
	return `${itemLabel(itemIndex)}, rec_id ${recId}: ${failure ? describe(failure) : 'not acked'}`;
}

/** A refused record's reason is WDT's own text; the call's code 0 would only mislead. */
function describe(failure: AckFailure): string {
	return failure.scope === 'request' ? failureMessage(failure as WdtFailure) : failure.message;
}
