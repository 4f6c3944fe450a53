/**
 * Sends the batches of a write through callWdt (its total deadline per attempt, its retries),
 * `concurrency` calls at a time, taking batches in order; after a failed call no new batch is
 * started unless the node continues on fail. Every attempt of a call is kept: whether an
 * earlier attempt may have been processed decides what a later refusal means.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { CallSettings } from '../callOptions';
import type { WdtResponseBody } from '../protocol';
import { callWdt } from '../transport';
import { settle } from '../transport/retry';
import type { Attempt } from './attempts';
import { ANSWERED, failedAttempt } from './attempts';
import type { WriteBatch } from './batches';
import type { WriteEndpoint } from './endpoint';
import type { WriteEntries } from './merge';

export interface BatchRun {
	/** Every attempt, in order; none when the batch was never started. */
	attempts: Attempt[];
	/** The code-0 answer (its last attempt was answered). */
	body?: WdtResponseBody;
	/** Why the call failed, when no attempt was answered with code 0. */
	error?: unknown;
	/** Set when WDT rejected the timestamp and the call went through with the gateway's clock. */
	clockOffsetSec?: number;
}

export interface SendOptions extends CallSettings {
	concurrency: number;
	/** Stop starting batches after the first failed call (no Continue On Fail). */
	stopOnFailure: boolean;
}

export async function sendBatches<R>(
	context: IExecuteFunctions,
	gateway: string,
	spec: WriteEndpoint<R>,
	entries: WriteEntries<R>,
	batches: WriteBatch[],
	options: SendOptions,
): Promise<BatchRun[]> {
	const runs: BatchRun[] = batches.map(() => ({ attempts: [] }));
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < batches.length) {
			const index = next++;
			const batch = batches[index];
			const run = runs[index];
			const records = batch.entries.map((e) => entries.records[e]);
			const list = spec.listJson ? spec.listJson(records) : `[${records.map((record) => spec.wire(record)).join(',')}]`;
			const outcome = await settle(
				callWdt(context, gateway, {
					endpoint: spec.endpoint,
					params: spec.params(list, batch.group),
					timeoutMs: options.timeoutMs,
					retry: options.retry,
					onAttemptFailed: (error) => run.attempts.push(failedAttempt(error)),
				}),
			);
			if (outcome.ok) {
				run.attempts.push(ANSWERED);
				run.body = outcome.value.body;
				// Stryker disable next-line ConditionalExpression: an offset left undefined reads as none everywhere
				if (outcome.value.clockOffsetSec) run.clockOffsetSec = outcome.value.clockOffsetSec;
				continue;
			}
			// A failure outside any attempt (stopped while waiting) adds no attempt.
			run.error = outcome.error;
			if (options.stopOnFailure) stopped = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(options.concurrency, batches.length) }, worker));
	return runs;
}
