import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { testWdtApiCredential } from '../Wdt/credentialTest';
import type { CallOptions } from '../Wdt/callOptions';
import { clamp, readCallOptions } from '../Wdt/callOptions';
import { itemLabel } from '../Wdt/fieldLabel';
import { gatewayOrNodeError, signed, wdtNodeError } from '../Wdt/nodeError';
import { EntryMerger, buildBatches } from './batches';
import { ACK_TOOL_DESCRIPTION, DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, MAX_CONCURRENCY, ackProperties } from './description';
import type { AckRecord, FieldProblem } from './record';
import { checkAckRecord } from './record';
import type { AckFailure, EntryOutcome } from './results';
import { batchOutcomes, countOutcome, emptyCounts, summarise } from './results';
import { sendBatches } from './send';
import { failedItem, nothingAckedError, perItemOutput, validationFailure } from './outputItems';

interface AckOptions extends CallOptions {
	batchSize?: number;
	concurrency?: number;
	outputMode?: 'perItem' | 'perRequest';
	includeInputFields?: boolean;
	failWhenNoneAcked?: boolean;
}


export class WdtAckStockSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WDT Ack Stock Sync',
		name: 'wdtAckStockSync',
		icon: { light: 'file:../Wdt/wdt.svg', dark: 'file:../Wdt/wdt.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '=库存同步回写 · {{ $parameter["mappingMode"] === "manual" ? "define below" : "map automatically" }}',
		// Also what an agent reads about the tool at run time (n8n applies the replacements in the editor only).
		description:
			'Tell WDT which stock changes reached the shop (库存同步回写, api_goods_stock_change_ack.php), in batches. Needs rec_id, sync_stock and stock_change_count of each record as the query returned them; returns each with acked true/false and, if not acked, WDT\'s error',
		defaults: { name: 'WDT Ack Stock Sync' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: { replacements: { description: ACK_TOOL_DESCRIPTION } },
		credentials: [{ name: 'wdtApi', required: true, testedBy: 'wdtApiTest' }],
		properties: ackProperties,
	};

	methods = { credentialTest: { wdtApiTest: testWdtApiCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const mode = this.getNodeParameter('mappingMode', 0) as 'auto' | 'manual';
		const options = this.getNodeParameter('options', 0, {}) as AckOptions;
		const continueOnFail = this.continueOnFail();

		// 1. Map and check every item before anything is sent: a batch is never half-valid.
		const merger = new EntryMerger();
		const invalid = new Map<number, FieldProblem>();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const source =
				mode === 'manual'
					? {
							rec_id: this.getNodeParameter('recId', itemIndex),
							sync_stock: this.getNodeParameter('syncStock', itemIndex),
							stock_change_count: this.getNodeParameter('stockChangeCount', itemIndex),
						}
					: {
							rec_id: items[itemIndex].json.rec_id,
							sync_stock: items[itemIndex].json.sync_stock,
							stock_change_count: items[itemIndex].json.stock_change_count,
						};
			const check = checkAckRecord(source);
			if (check.ok) {
				merger.add(itemIndex, check.record);
				continue;
			}
			if (!continueOnFail) {
				throw new NodeOperationError(this.getNode(), `${itemLabel(itemIndex)}: ${check.problem.message}`, {
					itemIndex,
					description: `Nothing was sent: every item is checked before the first request. Field "${check.problem.field}" (${mode === 'manual' ? 'Define Below' : 'Map Automatically'}).`,
				});
			}
			invalid.set(itemIndex, check.problem);
		}

		// Conflicting duplicates (same rec_id and count, another sync_stock) are refused together.
		for (const [itemIndex, conflict] of [...merger.takeConflicts()].sort((a, b) => a[0] - b[0])) {
			if (!continueOnFail) {
				throw new NodeOperationError(this.getNode(), `${itemLabel(itemIndex)}: ${conflict.message}`, {
					itemIndex,
					description: 'Nothing was sent: every item is checked before the first request.',
				});
			}
			invalid.set(itemIndex, conflict);
		}

		// 2. Batch and send.
		const batchSize = clamp(options.batchSize, 1, MAX_BATCH_SIZE, DEFAULT_BATCH_SIZE);
		const { entries } = merger;
		const batches = buildBatches(entries, batchSize);
		// Stryker disable next-line StringLiteral: with no batch, sendBatches never reads the gateway
		const gateway = batches.length > 0 ? await gatewayOrNodeError(this) : '';
		const results = await sendBatches(this, gateway, batches, {
			concurrency: clamp(options.concurrency, 1, MAX_CONCURRENCY, 1),
			...readCallOptions(options),
			stopOnFailure: !continueOnFail,
		});

		// 3. Per-entry outcomes, then per-item ones (arrays indexed by item: no map per item).
		// Stryker disable next-line ArrayDeclaration: read only by index and by forEach (which skips holes): the preset length is never seen
		const recordOfItem: AckRecord[] = new Array(items.length);
		// Stryker disable next-line ArrayDeclaration: read only by index and by forEach (which skips holes): the preset length is never seen
		const outcomeOfItem: EntryOutcome[] = new Array(items.length);
		const counts = emptyCounts();
		batches.forEach((batch, b) => {
			batchOutcomes(batch, results[b]).forEach((outcome, e) => {
				const entry = batch.entries[e];
				countOutcome(counts, outcome);
				for (const itemIndex of entry.itemIndexes) {
					recordOfItem[itemIndex] = entry.record;
					outcomeOfItem[itemIndex] = outcome;
				}
			});
		});

		const offsets = results.map((result) => (result.sent && result.ok ? result.clockOffsetSec : undefined));
		const offset = offsets.find((value) => value !== undefined);
		if (offset !== undefined) {
			this.addExecutionHints({
				type: 'warning',
				location: 'outputPane',
				message: `WDT rejected the timestamp (时间戳): the n8n server's clock is off by ${signed(-offset)} s. The node signed again with the gateway's clock, which worked; synchronise the server clock (NTP).`,
			});
		}

		if (!continueOnFail) {
			const summary = `Of ${entries.length} records: ${summarise(counts)}.`;
			const failedBatch = results.findIndex((result) => result.sent && !result.ok);
			if (failedBatch >= 0) {
				const failure = batchOutcomes(batches[failedBatch], results[failedBatch])[0] as { failure: AckFailure };
				throw wdtNodeError(this.getNode(), (results[failedBatch] as { error: unknown }).error, {
					itemIndex: batches[failedBatch].entries[0].itemIndexes[0],
					where: failure.failure.outcome === 'refused' ? undefined : failure.failure.outcome === 'unknown' ? 'Outcome unknown' : 'Not sent',
					detail: `${summary} Acks are safe to repeat: fix the cause and run again.`,
				});
			}
			const refused: number[] = [];
			outcomeOfItem.forEach((outcome, item) => {
				if (!outcome.acked) refused.push(item);
			});
			if (refused.length > 0) {
				const itemIndex = refused[0];
				const failure = (outcomeOfItem[itemIndex] as { failure: AckFailure }).failure;
				const what = failure.outcome === 'unknown' ? 'could not confirm' : 'refused';
				// Stryker disable next-line StringLiteral: every failure here has a hint (a record refused or an unreadable answer; request failures were thrown above)
				const hint = failure.hint ?? '';
				throw new NodeApiError(this.getNode(), { message: failure.message } as JsonObject, {
					message: `WDT ${what} ${refused.length} record(s); first: ${itemLabel(itemIndex)}, rec_id ${recordOfItem[itemIndex].rec_id}: ${failure.message}`,
					description: `${summary} ${hint} Turn on "On Error → Continue" to get per-item results instead.`,
					itemIndex,
				});
			}
		}

		if (continueOnFail && options.failWhenNoneAcked !== false) {
			const nothingAcked = nothingAckedError(this, { itemCount: items.length, mode, invalid, recordOfItem, outcomeOfItem });
			if (nothingAcked) throw nothingAcked;
		}
		if (options.outputMode === 'perRequest') {
			return [perRequestItems(this, batches, results, invalid)];
		}
		const includeInputFields = options.includeInputFields !== false;
		return [perItemOutput(this, { items, mode, invalid, recordOfItem, outcomeOfItem, includeInputFields })];
	}
}

function perRequestItems(
	context: IExecuteFunctions,
	batches: ReturnType<typeof buildBatches>,
	results: Awaited<ReturnType<typeof sendBatches>>,
	invalid: Map<number, FieldProblem>,
): INodeExecutionData[] {
	const out: INodeExecutionData[] = [];
	batches.forEach((batch, b) => {
		const result = results[b];
		const pairedItem = batch.entries.flatMap((entry) => entry.itemIndexes.map((item) => ({ item })));
		const recIds = batch.entries.map((entry) => entry.record.rec_id);
		if (result.sent && result.ok) {
			const outcomes = batchOutcomes(batch, result);
			out.push({
				json: {
					...result.response,
					rec_ids: recIds,
					acked: outcomes.filter((o) => o.acked).length,
					failed: outcomes.filter((o) => !o.acked).length,
					attempts: result.attempts,
					...(result.clockOffsetSec ? { clockOffsetSec: result.clockOffsetSec } : {}),
				},
				pairedItem,
			});
			return;
		}
		const { failure } = batchOutcomes(batch, result)[0] as { failure: AckFailure };
		const indexes = pairedItem.map((paired) => paired.item);
		out.push(failedItem(context, indexes, { rec_ids: recIds, failed: recIds.length }, failure));
	});
	for (const [itemIndex, problem] of invalid) {
		const values = { [problem.field]: problem.value as IDataObject[string] };
		out.push(failedItem(context, itemIndex, values, validationFailure(itemIndex, problem)));
	}
	return out;
}
