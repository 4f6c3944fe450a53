import type { IDataObject } from 'n8n-workflow';

import { describeFailure } from '../Wdt/nodeError';
import type { AckBatch, AckEntry } from './batches';
import type { BatchResult } from './send';
import { recordErrors } from './send';

/** Why a record was not acked, as it appears in the item's `error` field. */
export interface AckFailure extends IDataObject {
	/** validation: never sent; record: WDT refused this record; request: the whole call failed. */
	scope: 'validation' | 'record' | 'request';
	message: string;
	code?: number | string;
	hint?: string;
	field?: string;
}

export type EntryOutcome = { acked: true } | { acked: false; failure: AckFailure };

/** One shared object for every acked record. */
const ACKED: EntryOutcome = Object.freeze({ acked: true });

const RECORD_HINT =
	'WDT refused this record while acking the others. If the stock changed since the query (库存已变化), the record stays pending and comes back on the next query: push and ack it again then.';

export function describeRequestFailure(error: unknown): AckFailure {
	return { scope: 'request', ...describeFailure(error) };
}

/** What happened to each entry of one batch. */
export function batchOutcomes(batch: AckBatch, result: BatchResult): EntryOutcome[] {
	if (!result.sent) {
		const failure: AckFailure = { scope: 'request', code: 'NOT_SENT', message: 'Not sent: an earlier batch failed' };
		return batch.entries.map(() => ({ acked: false, failure }));
	}
	if (!result.ok) {
		const failure = describeRequestFailure(result.error);
		return batch.entries.map(() => ({ acked: false, failure }));
	}
	const refused = recordErrors(result.response);
	const known = new Set(batch.entries.map((entry) => entry.record.rec_id));
	const unmatched = [...refused.keys()].filter((recId) => !known.has(recId));
	if (unmatched.length > 0 || (Array.isArray(result.response.errors) && refused.size < result.response.errors.length)) {
		// WDT reported failures we cannot pin on a record: claiming the others were acked could be false.
		const failure: AckFailure = {
			scope: 'record',
			code: result.response.code,
			message: `WDT reported record errors that name no record of this batch: ${JSON.stringify(result.response.errors).slice(0, 300)}`,
			hint: 'Not sure which records were acked: run again (acks are safe to repeat).',
		};
		return batch.entries.map(() => ({ acked: false, failure }));
	}
	return batch.entries.map((entry: AckEntry) => {
		const message = refused.get(entry.record.rec_id);
		if (message === undefined) return ACKED;
		return { acked: false, failure: { scope: 'record', code: result.response.code, message, hint: RECORD_HINT } };
	});
}
