/**
 * When a write fails the node: an item that failed the checks (before anything is sent), any
 * record not written (after sending, without Continue On Fail), and, for the stock ack, a run
 * that wrote nothing at all although it continues on fail.
 */
import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { itemLabel } from '../fieldLabel';
import type { WriteEndpoint } from './endpoint';
import type { WriteProblem } from './merge';
import type { OutcomeCounts, WriteFailure } from './outcomes';
import { grouped, isWritten, summarise, writtenCount } from './outcomes';
import type { ItemResults } from './output';
import { describe, validationFailure } from './output';

/** The first item (by index) that failed the checks: nothing is sent. */
export function validationError(context: IExecuteFunctions, problems: WriteProblem[], fieldNote?: string): NodeOperationError {
	let first = problems[0];
	let itemIndex = Number.POSITIVE_INFINITY;
	for (const problem of problems) {
		const item = Math.min(...problem.items);
		// Stryker disable next-line EqualityOperator: an item has one problem, so two problems never start at the same item
		if (item < itemIndex) [first, itemIndex] = [problem, item];
	}
	return new NodeOperationError(context.getNode(), validationFailure(itemIndex, first).message, {
		itemIndex,
		description: `Nothing was sent: every item is checked before the first request (${grouped(problems.length)} with a problem). Field "${first.field}"${fieldNote ? ` (${fieldNote})` : ''}.`,
	});
}

/** The first item whose record was not written, its key and its failure. */
function firstNotWritten<R>(results: ItemResults<R>): { itemIndex: number; key: string; failure: WriteFailure } | undefined {
	const { entryOfItem } = results;
	// Stryker disable next-line EqualityOperator: one index more holds no entry (undefined), which the loop skips
	for (let itemIndex = 0; itemIndex < entryOfItem.length; itemIndex++) {
		const entry = entryOfItem[itemIndex];
		// Stryker disable next-line ConditionalExpression: a safeguard; without Continue On Fail an item that failed the checks stops the node before anything is sent
		if (!(entry >= 0)) continue;
		const outcome = results.outcomeOfEntry[entry];
		if (!isWritten(outcome)) return { itemIndex, key: results.entries.keys[entry], failure: outcome };
	}
	return undefined;
}

/**
 * After sending, without Continue On Fail: a record not written fails the node. The message has
 * the counts and the first failure; the description says what is safe to re-run.
 */
export function notWrittenError<R>(
	context: IExecuteFunctions,
	spec: WriteEndpoint<R>,
	results: ItemResults<R>,
	counts: OutcomeCounts,
	entries: number,
): NodeApiError | undefined {
	const first = firstNotWritten(results);
	if (first === undefined) return undefined;
	const { itemIndex, key, failure } = first;
	const notWritten = entries - writtenCount(counts);
	const summary = `Of ${grouped(entries)} ${spec.noun}s: ${summarise(counts, spec.answer)}.`;
	// The response holds no message: n8n would swap a network message (ECONNRESET …) for its own generic text.
	const response: JsonObject = { outcome: failure.outcome, ...(failure.code !== undefined ? { code: failure.code } : {}) };
	return new NodeApiError(context.getNode(), response, {
		message: `${grouped(notWritten)} of ${grouped(entries)} ${spec.noun}(s) not written; first: ${itemLabel(itemIndex)}, ${spec.keyName} ${key}: ${describe(failure)}`,
		description: [summary, failure.hint, `${spec.rerun}: fix the cause and run again.`, 'Turn on "On Error → Continue" to get one result per item instead.']
			.filter(Boolean)
			.join(' '),
		itemIndex,
	});
}

/**
 * With "On Error → Continue (using regular output)" and Fail When Nothing Acked on: input items
 * were given and not one record was written (all refused, unknown, not sent or invalid). n8n marks
 * the node as failed and passes its input items on unchanged. Not with the error output: there
 * n8n would pass the input items down the success output; every item goes to the error output.
 */
export function nothingWrittenError<R>(
	context: IExecuteFunctions,
	spec: WriteEndpoint<R>,
	results: ItemResults<R>,
	invalid: number,
): NodeOperationError | undefined {
	const count = results.entryOfItem.length;
	if (context.getNode().onError === 'continueErrorOutput' || count === 0) return undefined;
	if (results.outcomeOfEntry.some(isWritten)) return undefined;
	// The item the summary names: the first one that was sent, else the first (invalid) one.
	const sentItem = results.entryOfItem.findIndex((entry) => entry >= 0);
	// Stryker disable next-line EqualityOperator: with `>`, a first sent item at index 0 falls back to index 0 all the same
	const itemIndex = sentItem >= 0 ? sentItem : 0;
	const problem = results.problemOfItem.get(itemIndex);
	let first: string;
	if (problem) first = validationFailure(itemIndex, problem).message;
	else {
		const entry = results.entryOfItem[itemIndex];
		first = `${itemLabel(itemIndex)}, ${spec.keyName} ${results.entries.keys[entry]}: ${describe(results.outcomeOfEntry[entry] as WriteFailure)}`;
	}
	const verb = spec.answer === 'ack' ? 'acked' : 'written';
	return new NodeOperationError(context.getNode(), `Nothing was ${verb}: 0 of ${count} items. First: ${first}`, {
		description:
			`${count - invalid} item(s) went to WDT and none was ${verb}; ${invalid} failed the checks before sending. ` +
			`The node fails when not one record could be ${verb}, even with On Error → Continue, so that such a run shows a failed node; ` +
			`n8n passes the input items on unchanged. Turn off Options → Fail When Nothing Acked to get per-item results instead.`,
		itemIndex,
	});
}
