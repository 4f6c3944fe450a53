import type { IDataObject } from 'n8n-workflow';

import { describeFailure } from '../Wdt/nodeError';
import type { WdtResponseBody } from '../Wdt/protocol';
import type { AckBatch } from './batches';
import type { BatchResult } from './send';

/** What happened to a record: the four outcomes the node reports. */
export type AckOutcome = 'acked' | 'refused' | 'unknown' | 'not sent';

/** Why a record was not acked, as it appears in the item's `error` field. */
export interface AckFailure extends IDataObject {
	/** validation: never sent; record: WDT answered about this record; request: about the whole call. */
	scope: 'validation' | 'record' | 'request';
	/** refused: WDT said no; unknown: sent, no answer could be read; not sent: never left n8n. */
	outcome: Exclude<AckOutcome, 'acked'>;
	message: string;
	code?: number | string;
	hint?: string;
	field?: string;
}

export type EntryOutcome = { acked: true } | { acked: false; failure: AckFailure };

/** One shared object for every acked record. */
const ACKED: EntryOutcome = { acked: true };

const RECORD_HINT =
	'WDT refused this record while acking the others. If the stock changed since the query (库存已变化), the record stays pending and comes back on the next query: push and ack it again then.';
const UNKNOWN_HINT =
	'The batch was sent, but no answer could be read, so whether WDT acked these records is unknown. Acks are safe to repeat: run again to settle.';

export type RecordErrors = { ok: true; errors: Map<string, string> } | { ok: false; unreadable: string };

/**
 * `errors: [{rec_id, error}]` of a code-0 answer (one edition sends it), by rec_id. Read only
 * when certain: a list whose every entry names a rec_id of this batch. Anything else (an object,
 * text, null, an entry without a rec_id or with one the batch does not hold) is unreadable.
 */
export function recordErrors(response: WdtResponseBody, recIds: ReadonlySet<string>): RecordErrors {
	const errors = new Map<string, string>();
	if (!('errors' in response)) return { ok: true, errors };
	const list = response.errors;
	const show = (value: unknown) => (JSON.stringify(value) ?? String(value)).slice(0, 200);
	if (!Array.isArray(list)) return { ok: false, unreadable: `"errors" is ${show(list)}, not a list` };
	for (const entry of list as unknown[]) {
		const recId = (entry as Record<string, unknown> | null | undefined)?.rec_id;
		const key = typeof recId === 'string' || Number.isSafeInteger(recId) ? String(recId) : undefined;
		if (key === undefined) return { ok: false, unreadable: `an "errors" entry names no rec_id: ${show(entry)}` };
		if (!recIds.has(key)) return { ok: false, unreadable: `an "errors" entry names rec_id ${key}, which is not in this batch` };
		const { error, message } = entry as Record<string, unknown>;
		const text = error ?? message ?? 'refused by WDT (no reason given)';
		errors.set(key, typeof text === 'string' ? text : JSON.stringify(text));
	}
	return { ok: true, errors };
}

const NOT_SENT: AckFailure = {
	scope: 'request',
	outcome: 'not sent',
	code: 'NOT_SENT',
	message: 'Not sent: an earlier batch failed',
};

/** The failure every record of a failed call shares, worded by its outcome. */
export function requestFailure(result: Extract<BatchResult, { ok: false }>): AckFailure {
	const failure = describeFailure(result.error);
	switch (result.delivery) {
		case 'unknown':
			return {
				scope: 'request',
				outcome: 'unknown',
				...failure,
				message: `Outcome unknown: ${failure.message}`,
				hint: `${UNKNOWN_HINT} ${failure.hint}`.trim(),
			};
		case 'not sent':
			return { scope: 'request', outcome: 'not sent', ...failure, message: `Not sent: ${failure.message}` };
		default:
			return { scope: 'request', outcome: 'refused', ...failure };
	}
}

/** What happened to each entry of one batch. */
export function batchOutcomes(batch: AckBatch, result: BatchResult): EntryOutcome[] {
	if (!result.sent) return batch.entries.map(() => ({ acked: false, failure: NOT_SENT }));
	if (!result.ok) {
		const failure = requestFailure(result);
		return batch.entries.map(() => ({ acked: false, failure }));
	}
	const read = recordErrors(result.response, new Set(batch.entries.map((entry) => entry.record.rec_id)));
	if (!read.ok) {
		// Claiming any record acked could be false: the whole batch is unknown.
		const failure: AckFailure = {
			scope: 'request',
			outcome: 'unknown',
			code: 'PROTOCOL',
			message: `Outcome unknown: the answer could not be read (${read.unreadable})`,
			hint: UNKNOWN_HINT,
		};
		return batch.entries.map(() => ({ acked: false, failure }));
	}
	const refused = read.errors;
	return batch.entries.map((entry) => {
		const message = refused.get(entry.record.rec_id);
		if (message === undefined) return ACKED;
		return {
			acked: false,
			failure: { scope: 'record', outcome: 'refused', code: result.response.code, message, hint: RECORD_HINT },
		};
	});
}

/** Records by outcome, for the summary. */
export type OutcomeCounts = Record<AckOutcome, number>;

export function emptyCounts(): OutcomeCounts {
	return { acked: 0, refused: 0, unknown: 0, 'not sent': 0 };
}

export function countOutcome(counts: OutcomeCounts, outcome: EntryOutcome): void {
	counts[outcome.acked ? 'acked' : outcome.failure.outcome]++;
}

/** 12345 → "12 345" (the way the summary groups thousands). */
function grouped(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** "3 800 acked, 100 outcome unknown — run again to settle, 6 100 not sent" (zero counts left out, acked always shown). */
export function summarise(counts: OutcomeCounts): string {
	const parts = [`${grouped(counts.acked)} acked`];
	if (counts.refused) parts.push(`${grouped(counts.refused)} refused by WDT`);
	if (counts.unknown) parts.push(`${grouped(counts.unknown)} outcome unknown — run again to settle`);
	if (counts['not sent']) parts.push(`${grouped(counts['not sent'])} not sent`);
	return parts.join(', ');
}
