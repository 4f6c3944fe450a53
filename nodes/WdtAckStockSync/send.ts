import type { IExecuteFunctions } from 'n8n-workflow';

import type { WdtResponseBody } from '../Wdt/protocol';
import type { RetryPolicy } from '../Wdt/retry';
import { settle } from '../Wdt/retry';
import { callWdt } from '../Wdt/transport';
import type { AckBatch } from './batches';
import { stockSyncList } from './batches';

export const ACK_ENDPOINT = 'api_goods_stock_change_ack.php';

export interface SendOptions {
	concurrency: number;
	timeoutMs: number;
	retry: RetryPolicy;
	/** Stop taking new batches after the first failed one (no Continue On Fail). */
	stopOnFailure: boolean;
}

export type BatchResult =
	| { sent: true; ok: true; response: WdtResponseBody; attempts: number }
	| { sent: true; ok: false; error: unknown }
	| { sent: false };

/** Sends the batches, `concurrency` at a time, in order; returns one result per batch. */
export async function sendBatches(
	context: IExecuteFunctions,
	gateway: string,
	batches: AckBatch[],
	options: SendOptions,
): Promise<BatchResult[]> {
	const results: BatchResult[] = batches.map(() => ({ sent: false }));
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < batches.length) {
			const index = next++;
			const outcome = await settle(
				callWdt(context, gateway, {
					endpoint: ACK_ENDPOINT,
					params: { stock_sync_list: stockSyncList(batches[index]) },
					timeoutMs: options.timeoutMs,
					retry: options.retry,
				}),
			);
			if (outcome.ok) {
				results[index] = { sent: true, ok: true, response: outcome.value.body, attempts: outcome.value.attempts };
			} else {
				results[index] = { sent: true, ok: false, error: outcome.error };
				if (options.stopOnFailure) stopped = true;
			}
		}
	};
	const workers = Array.from({ length: Math.min(options.concurrency, batches.length) }, worker);
	await Promise.all(workers);
	return results;
}

/** `errors: [{rec_id, error}]` of a code-0 answer, by rec_id (one edition sends it). */
export function recordErrors(response: WdtResponseBody): Map<string, string> {
	const errors = new Map<string, string>();
	const list = response.errors;
	if (!Array.isArray(list)) return errors;
	for (const entry of list as Array<Record<string, unknown>>) {
		if (!entry || entry.rec_id === undefined || entry.rec_id === null) continue;
		const text = entry.error ?? entry.message ?? 'refused by WDT';
		errors.set(String(entry.rec_id), typeof text === 'string' ? text : JSON.stringify(text));
	}
	return errors;
}
