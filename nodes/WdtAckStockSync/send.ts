import type { IExecuteFunctions } from 'n8n-workflow';

import type { WdtResponseBody } from '../Wdt/protocol';
import type { RetryPolicy } from '../Wdt/transport/retry';
import { settle } from '../Wdt/transport/retry';
import { callWdt } from '../Wdt/transport';
import type { AckBatch } from './batches';
import { stockSyncList } from './batches';
import type { Delivery } from './outcome';
import { deliveryOf, worstDelivery } from './outcome';

export const ACK_ENDPOINT = 'api_goods_stock_change_ack.php';

export interface SendOptions {
	concurrency: number;
	timeoutMs: number;
	retry: RetryPolicy;
	/** Stop taking new batches after the first failed one (no Continue On Fail). */
	stopOnFailure: boolean;
}

export type BatchResult =
	| { sent: true; ok: true; response: WdtResponseBody; attempts: number; clockOffsetSec?: number }
	/** `delivery`: what the failed attempts together say about whether WDT may have processed the batch. */
	| { sent: true; ok: false; error: unknown; delivery: Delivery }
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
			// An attempt whose answer was lost may have been processed: that stays true whatever later attempts say.
			let delivery: Delivery = 'not sent';
			const outcome = await settle(
				callWdt(context, gateway, {
					endpoint: ACK_ENDPOINT,
					params: { stock_sync_list: stockSyncList(batches[index]) },
					timeoutMs: options.timeoutMs,
					retry: options.retry,
					onAttemptFailed: (error) => {
						delivery = worstDelivery(delivery, deliveryOf(error));
					},
				}),
			);
			if (outcome.ok) {
				const { body, attempts, clockOffsetSec } = outcome.value;
				results[index] = { sent: true, ok: true, response: body, attempts, ...(clockOffsetSec ? { clockOffsetSec } : {}) };
			} else {
				// A failure outside any attempt (stopped while waiting) adds nothing to what the attempts said.
				results[index] = { sent: true, ok: false, error: outcome.error, delivery };
				if (options.stopOnFailure) stopped = true;
			}
		}
	};
	const workers = Array.from({ length: Math.min(options.concurrency, batches.length) }, worker);
	await Promise.all(workers);
	return results;
}
