/**
 * The run of a batched write, shared by Order · Push, Logistics Sync · Acknowledge and Goods ·
 * Push Platform Goods: every item was checked before (problems stop the node before anything is
 * sent, unless it continues on fail), entries go out in batches, each entry gets the outcome its
 * batch's answer makes certain, and the output has one item per entry (or per refused input).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { CallSettings } from '../callOptions';
import { gatewayOrNodeError } from '../nodeError';
import type { WdtParamValue } from '../protocol';
import type { RecordOutcome } from './pushOutcomes';
import { TAKEN } from './pushOutcomes';
import type { ResultFailure } from './resultItems';
import { resultItem } from './resultItems';
import type { BatchResult } from './sendBatches';
import { sendBatches } from './sendBatches';
import { chunk } from './tradeOrders';

export interface WriteEntry {
	/** tid, rec_id or spec_id: what WDT's per-record errors name. */
	key: string;
	itemIndexes: number[];
	/** What the output item shows besides the outcome. */
	values: IDataObject;
}

export interface WriteProblem {
	itemIndexes: number[];
	field: string;
	message: string;
	values: IDataObject;
}

export interface BatchedWrite<E extends WriteEntry> {
	/** "order", "record", "goods row": for messages. */
	noun: string;
	endpoint: string;
	entries: E[];
	problems: WriteProblem[];
	batchSize: number;
	/** Entries of different groups (shops) never share a call; default: one group. */
	groupOf?: (entry: E) => string;
	params: (batch: E[]) => Record<string, WdtParamValue>;
	outcomes: (keys: string[], result: BatchResult) => RecordOutcome[];
	call: CallSettings;
	/** How to say it is safe to run again, for error descriptions. */
	rerun: string;
}

export async function runBatchedWrite<E extends WriteEntry>(
	context: IExecuteFunctions,
	write: BatchedWrite<E>,
): Promise<INodeExecutionData[][]> {
	const continueOnFail = context.continueOnFail();
	const { entries, problems, noun } = write;
	if (problems.length > 0 && !continueOnFail) {
		const first = problems[0];
		throw new NodeOperationError(context.getNode(), `Item ${first.itemIndexes[0]}: ${first.message}`, {
			itemIndex: first.itemIndexes[0],
			description: `Nothing was sent: every item is checked before the first request (${problems.length} ${noun}(s) with a problem; field "${first.field}").`,
		});
	}

	const groups = new Map<string, E[]>();
	for (const entry of entries) {
		// Stryker disable next-line StringLiteral: the default group's name only keys the map; any one name puts all entries in one group
		const group = write.groupOf?.(entry) ?? '';
		const members = groups.get(group);
		if (members) members.push(entry);
		else groups.set(group, [entry]);
	}
	const batches = [...groups.values()].flatMap((members) => chunk(members, write.batchSize));
	const ordered = batches.flat();
	const gateway = batches.length > 0 ? await gatewayOrNodeError(context) : '';
	const results = await sendBatches(
		context,
		gateway,
		write.endpoint,
		batches.map((batch) => () => write.params(batch)),
		{ ...write.call, stopOnFailure: !continueOnFail },
	);
	const outcomes: RecordOutcome[] = [];
	batches.forEach((batch, b) => outcomes.push(...write.outcomes(batch.map((entry) => entry.key), results[b])));

	// outcomes follow `ordered` (entries grouped by shop), not `entries`.
	const taken = outcomes.filter((outcome) => TAKEN.has(outcome.outcome)).length;
	if (!continueOnFail) {
		const failed = outcomes.findIndex((outcome) => !TAKEN.has(outcome.outcome));
		if (failed >= 0) {
			const outcome = outcomes[failed];
			const entry = ordered[failed];
			const notTaken = outcomes.length - taken;
			// Not the message itself: n8n would replace a network message with its own generic text.
			const response: JsonObject = { outcome: outcome.outcome, ...(outcome.code !== undefined ? { code: outcome.code } : {}) };
			throw new NodeApiError(context.getNode(), response, {
				// WDT's reason goes in the message; a network failure's text only in the description
				// (n8n swaps a message naming ECONNRESET & co. for a generic one).
				message: `${notTaken} of ${outcomes.length} ${noun}(s) did not go through; first: ${entry.key} (${outcome.outcome})${outcome.outcome === 'refused' ? `: ${outcome.message ?? ''}` : ''}`,
				description: `${outcome.outcome === 'refused' ? '' : `${outcome.message ?? ''}. `}${taken} of ${outcomes.length} went through before or besides it. ${write.rerun} Turn on "On Error → Continue" to get one result per ${noun} instead.`,
				itemIndex: entry.itemIndexes[0],
			});
		}
	}

	const out: Array<{ first: number; item: INodeExecutionData }> = [];
	ordered.forEach((entry, e) => {
		const outcome = outcomes[e];
		const values: IDataObject = { ...entry.values, outcome: outcome.outcome };
		let failure: ResultFailure | undefined;
		if (!TAKEN.has(outcome.outcome)) {
			failure = {
				scope: outcome.outcome === 'refused' && outcome.code === undefined ? 'record' : 'request',
				message: outcome.message ?? outcome.outcome,
				...(outcome.code !== undefined ? { code: outcome.code } : {}),
			};
		}
		out.push({ first: entry.itemIndexes[0], item: resultItem(context, entry.itemIndexes, values, failure) });
	});
	for (const problem of problems) {
		out.push({
			first: problem.itemIndexes[0],
			item: resultItem(context, problem.itemIndexes, { ...problem.values, outcome: 'notSent' }, {
				scope: 'validation',
				field: problem.field,
				message: `Item ${problem.itemIndexes[0]}: ${problem.message}`,
			}),
		});
	}
	out.sort((a, b) => a.first - b.first);
	return [out.map((entry) => entry.item)];
}
