/**
 * The write engine's run, shared by every write operation: every item was checked (and merged)
 * before; problems stop the node before anything is sent unless it continues on fail; entries go
 * out in batches; each record gets the outcome its call makes certain; the node fails, or
 * outputs one item per input item (or per request).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { gatewayOrNodeError, signed } from '../nodeError';
import { buildBatches } from './batches';
import type { WriteEndpoint } from './endpoint';
import { nothingWrittenError, notWrittenError, validationError } from './failures';
import type { CheckedWrites, WriteProblem } from './merge';
import type { WriteSettings } from './options';
import type { RecordOutcome } from './outcomes';
import { emptyCounts, outcomeWord } from './outcomes';
import type { ItemResults } from './output';
import { perItemOutput, perRequestOutput } from './output';
import { batchOutcomes } from './recordOutcomes';
import { sendBatches } from './send';

export interface WriteRun<R> {
	checked: CheckedWrites<R>;
	settings: WriteSettings;
	/** Said after the field in the "nothing was sent" description, e.g. "Map Automatically". */
	fieldNote?: string;
	/** With Continue On Fail (regular output): fail when input items were given and nothing was written. */
	failWhenNothingWritten?: boolean;
}

export async function runWrite<R>(context: IExecuteFunctions, spec: WriteEndpoint<R>, write: WriteRun<R>): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const continueOnFail = context.continueOnFail();
	const { entries, problems } = write.checked;
	if (problems.length > 0 && !continueOnFail) throw validationError(context, problems, write.fieldNote);

	const { settings } = write;
	const batches = buildBatches(entries, settings.batchSize);
	// Stryker disable next-line StringLiteral: with no batch, sendBatches never reads the gateway
	const gateway = batches.length > 0 ? await gatewayOrNodeError(context) : '';
	const runs = await sendBatches(context, gateway, spec, entries, batches, {
		...settings.call,
		concurrency: settings.concurrency,
		stopOnFailure: !continueOnFail,
	});

	// Per item only the index of its entry, per entry its outcome and its call: no object per item beyond the output itself.
	const results: ItemResults<R> = {
		entries,
		runs,
		problemOfItem: new Map<number, WriteProblem>(),
		entryOfItem: new Int32Array(items.length).fill(-1),
		// Stryker disable next-line ArrayDeclaration: the size is only made once; every entry's outcome is set below
		outcomeOfEntry: new Array<RecordOutcome>(entries.length),
		batchOfEntry: new Int32Array(entries.length),
	};
	let invalid = 0;
	for (const problem of problems) {
		for (const item of problem.items) {
			results.problemOfItem.set(item, problem);
			invalid++;
		}
	}
	const counts = emptyCounts();
	const outcomes = batches.map((batch, b) => {
		const batchResult = batchOutcomes(
			spec,
			batch.entries.map((e) => entries.keys[e]),
			runs[b],
		);
		batch.entries.forEach((e, i) => {
			const outcome = batchResult[i];
			counts[outcomeWord(outcome)]++;
			results.outcomeOfEntry[e] = outcome;
			results.batchOfEntry[e] = b;
			results.entryOfItem[entries.firstItems[e]] = e;
			entries.moreItems.get(e)?.forEach((item) => (results.entryOfItem[item] = e));
		});
		return batchResult;
	});

	const offset = runs.find((run) => run.clockOffsetSec !== undefined)?.clockOffsetSec;
	if (offset !== undefined) {
		context.addExecutionHints({
			type: 'warning',
			location: 'outputPane',
			message: `WDT rejected the timestamp: the n8n server's clock is off by ${signed(-offset)} s. The node signed again with the gateway's clock, which worked; synchronise the server clock (NTP).`,
		});
	}

	if (!continueOnFail) {
		const failed = notWrittenError(context, spec, results, counts, entries.length);
		if (failed) throw failed;
	} else if (write.failWhenNothingWritten) {
		const nothing = nothingWrittenError(context, spec, results, invalid);
		if (nothing) throw nothing;
	}
	if (settings.perRequest) return [perRequestOutput(context, spec, entries, batches, runs, outcomes, problems)];
	return [perItemOutput(context, spec, items, results, settings.includeInputFields)];
}
