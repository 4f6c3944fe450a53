/**
 * The output items of a write. Per item (the default): one item per input item, paired with it,
 * holding its input fields (unless turned off), the values sent, `outcome`, `attempts` (and the
 * attempt history when a call took more than one) and `error` when not written. Per request:
 * one item per call with WDT's raw answer. With "Continue (using error output)" an item not
 * written holds only error/message/details, which n8n routes to the error output (and merges
 * with its input item there, so the input fields are not copied in).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { itemLabel } from '../fieldLabel';
import type { WdtFailure } from '../nodeError';
import { failureMessage } from '../nodeError';
import { attemptHistory } from './attempts';
import type { WriteBatch } from './batches';
import type { WriteEndpoint } from './endpoint';
import type { WriteEntries, WriteProblem } from './merge';
import type { RecordOutcome, WriteFailure } from './outcomes';
import { isWritten, outcomeWord } from './outcomes';
import type { BatchRun } from './send';

/**
 * What the engine knows of every input item after sending: per item only the index of its entry
 * (a typed array), per entry its outcome and its call; the problems of the items that failed the checks.
 */
export interface ItemResults<R> {
	entries: WriteEntries<R>;
	runs: BatchRun[];
	problemOfItem: Map<number, WriteProblem>;
	/** The entry that carried each item's record; -1 for an item that failed the checks. */
	entryOfItem: Int32Array;
	outcomeOfEntry: RecordOutcome[];
	/** The batch (index into `runs`) that carried each entry. */
	batchOfEntry: Int32Array;
}

/** The failure of an item that failed the checks, as its `error` field. */
export function validationFailure(itemIndex: number, problem: WriteProblem): WriteFailure {
	return { scope: 'validation', outcome: 'notSent', field: problem.field, message: `${itemLabel(itemIndex)}: ${problem.message}` };
}

/** A failure in words: a refused record's reason is WDT's own text (the call's code 0 would only mislead). */
export function describe(failure: WriteFailure): string {
	return failure.scope === 'request' ? failureMessage(failure as WdtFailure) : failure.message;
}

/** Sets `attempts`, and the history only when there was more than one (one list per call, shared by its items). */
function setAttempts(json: IDataObject, run: BatchRun, histories: Map<BatchRun, string[]>): IDataObject {
	const count = run.attempts.length;
	json.attempts = count;
	if (count > 1) {
		let history = histories.get(run);
		if (history === undefined) {
			history = attemptHistory(run.attempts);
			histories.set(run, history);
		}
		json.attemptHistory = history;
	}
	return json;
}

export function errorOutputOn(context: IExecuteFunctions): boolean {
	return context.getNode().onError === 'continueErrorOutput';
}

/** An item for what was not written (`values` already hold the outcome fields and are the item's own). */
export function failedItem(
	context: IExecuteFunctions,
	pairedItem: IPairedItemData | IPairedItemData[],
	values: IDataObject,
	failure: WriteFailure,
): INodeExecutionData {
	if (errorOutputOn(context)) return { json: { error: failure, message: describe(failure), details: values }, pairedItem };
	values.error = failure;
	return { json: values, pairedItem };
}

/**
 * One item per input item. Memory: 100 000 items are common, so each output item is one new
 * object (Object.assign onto a fresh literal: a spread that then grows takes twice the memory)
 * and nothing else is built per item; the history list is shared by every item of its call.
 */
export function perItemOutput<R>(
	context: IExecuteFunctions,
	spec: WriteEndpoint<R>,
	items: INodeExecutionData[],
	results: ItemResults<R>,
	includeInputFields: boolean,
): INodeExecutionData[] {
	const errorOutput = errorOutputOn(context);
	const histories = new Map<BatchRun, string[]>();
	// Stryker disable next-line ArrayDeclaration: the size is only made once; a list of no size grows to the same contents
	const out: INodeExecutionData[] = new Array<INodeExecutionData>(items.length);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		const problem = results.problemOfItem.get(itemIndex);
		if (problem !== undefined) {
			const json: IDataObject = includeInputFields && !errorOutput ? Object.assign({}, items[itemIndex].json) : {};
			Object.assign(json, problem.values);
			if (spec.ackedField) json.acked = false;
			json.outcome = 'notSent';
			json.attempts = 0;
			out[itemIndex] = failedItem(context, pairedItem, json, validationFailure(itemIndex, problem));
			continue;
		}
		// Read straight from the lists: no object per item beyond the output item itself.
		const entry = results.entryOfItem[itemIndex];
		const outcome = results.outcomeOfEntry[entry];
		const run = results.runs[results.batchOfEntry[entry]];
		const written = isWritten(outcome);
		const json: IDataObject = includeInputFields && (written || !errorOutput) ? Object.assign({}, items[itemIndex].json) : {};
		Object.assign(json, spec.shown(results.entries.records[entry]));
		if (spec.ackedField) json.acked = written;
		json.outcome = outcomeWord(outcome);
		setAttempts(json, run, histories);
		out[itemIndex] = written ? { json, pairedItem } : failedItem(context, pairedItem, json, outcome as WriteFailure);
	}
	return out;
}

/** One item per call (WDT's answer, the keys it carried, its counts), then one per item that failed the checks. */
export function perRequestOutput<R>(
	context: IExecuteFunctions,
	spec: WriteEndpoint<R>,
	entries: WriteEntries<R>,
	batches: WriteBatch[],
	runs: BatchRun[],
	outcomes: RecordOutcome[][],
	problems: WriteProblem[],
): INodeExecutionData[] {
	const keysName = `${spec.keyName}s`;
	const writtenName = spec.answer === 'ack' ? 'acked' : 'written';
	const histories = new Map<BatchRun, string[]>();
	const out: INodeExecutionData[] = batches.map((batch, b) => {
		const run = runs[b];
		const pairedItem = batch.entries.flatMap((e) => entries.itemsOf(e)).map((item) => ({ item }));
		const keys = batch.entries.map((e) => entries.keys[e]);
		const written = outcomes[b].filter(isWritten).length;
		const counts = setAttempts({ [writtenName]: written, failed: keys.length - written }, run, histories);
		if (run.body !== undefined) {
			return { json: { ...run.body, [keysName]: keys, ...counts, ...(run.clockOffsetSec ? { clockOffsetSec: run.clockOffsetSec } : {}) }, pairedItem };
		}
		const failure = outcomes[b][0] as WriteFailure;
		return failedItem(context, pairedItem, { [keysName]: keys, ...counts }, failure);
	});
	for (const problem of problems) {
		for (const itemIndex of problem.items) {
			const values = { ...problem.values, ...(spec.ackedField ? { acked: false } : {}), outcome: 'notSent', attempts: 0 };
			out.push(failedItem(context, { item: itemIndex }, values, validationFailure(itemIndex, problem)));
		}
	}
	return out;
}
