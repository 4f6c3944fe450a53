/**
 * Sends the calls of a batched write (trade_push, logistics_sync_ack, api_goodsspec_push) one
 * after the other, in order, and keeps one result per call; after a failed call the rest are
 * not sent unless the node continues on fail. Each call has its retries and its total deadline
 * through callWdt (a retried push or ack is safe: WDT keys them by tid / rec_id).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { WdtParamValue, WdtResponseBody } from '../protocol';
import type { CallSettings } from '../callOptions';
import { settle } from '../transport/retry';
import { callWdt } from '../transport';

export type BatchResult =
	| { sent: true; ok: true; response: WdtResponseBody; attempts: number }
	| { sent: true; ok: false; error: unknown }
	| { sent: false };

export async function sendBatches(
	context: IExecuteFunctions,
	gateway: string,
	endpoint: string,
	calls: Array<() => Record<string, WdtParamValue>>,
	options: CallSettings & { stopOnFailure: boolean },
): Promise<BatchResult[]> {
	const results: BatchResult[] = calls.map(() => ({ sent: false }));
	for (let index = 0; index < calls.length; index++) {
		const outcome = await settle(
			callWdt(context, gateway, { endpoint, params: calls[index](), timeoutMs: options.timeoutMs, retry: options.retry }),
		);
		if (outcome.ok) {
			results[index] = { sent: true, ok: true, response: outcome.value.body, attempts: outcome.value.attempts };
			continue;
		}
		results[index] = { sent: true, ok: false, error: outcome.error };
		if (options.stopOnFailure) break;
	}
	return results;
}
