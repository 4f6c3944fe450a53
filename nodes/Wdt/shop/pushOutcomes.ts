/**
 * What happened to each record of one push call (trade_push, api_goodsspec_push), read only from
 * what the answer makes certain. WDT answers counts (new_count, chg_count) for the whole call and,
 * in some editions, `errors: [{tid | spec_id …, error}]`; it never names which order was new.
 * So "new" or "changed" is claimed only when the counts leave one reading (all new, none new);
 * otherwise an accepted record is "pushed" (new or changed, not knowable).
 */
import { WdtApiError } from '../protocol';
import type { BatchResult } from './sendBatches';

export type PushOutcome = 'new' | 'changed' | 'pushed' | 'acked' | 'refused' | 'unknown' | 'notSent';

/** The outcomes that mean WDT took the record. */
export const TAKEN: ReadonlySet<PushOutcome> = new Set<PushOutcome>(['new', 'changed', 'pushed', 'acked']);

export interface RecordOutcome {
	outcome: PushOutcome;
	/** WDT's reason (refused), or what went wrong (unknown / notSent). */
	message?: string;
	code?: number | string;
}

const count = (value: unknown): number | undefined => {
	const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
};

/** `errors` entries by the key they name (tid, spec_id …); entries that name none are counted apart. */
function errorsByKey(errors: unknown, keyFields: string[]): { byKey: Map<string, string>; unnamed: number } {
	const byKey = new Map<string, string>();
	let unnamed = 0;
	if (!Array.isArray(errors)) return { byKey, unnamed };
	for (const entry of errors as unknown[]) {
		const record = (entry ?? {}) as Record<string, unknown>;
		const field = keyFields.find((name) => record[name] !== undefined && record[name] !== null && record[name] !== '');
		if (field === undefined) {
			unnamed++;
			continue;
		}
		const text = record.error ?? record.message ?? 'refused by WDT';
		byKey.set(String(record[field]), typeof text === 'string' ? text : JSON.stringify(text));
	}
	return { byKey, unnamed };
}

/**
 * The outcome of each key of a batch. A failed call: WDT's code ≠ 0 → refused (WDT took
 * nothing: the answer says so); no answer, or one that cannot be read → unknown (it may have
 * been written: push again, it is safe).
 */
export function pushOutcomes(
	keys: string[],
	result: BatchResult,
	keyFields: string[],
	/** What a record WDT took is called when the answer has no counts to read (acks: 'acked'). */
	takenAs?: PushOutcome,
): RecordOutcome[] {
	if (!result.sent) return keys.map(() => ({ outcome: 'notSent', message: 'Not sent: an earlier batch failed' }));
	if (!result.ok) {
		if (result.error instanceof WdtApiError) {
			const refused: RecordOutcome = { outcome: 'refused', code: result.error.code, message: result.error.wdtMessage };
			return keys.map(() => refused);
		}
		const message = result.error instanceof Error ? result.error.message : String(result.error);
		return keys.map(() => ({ outcome: 'unknown', message: `Sent, but no usable answer: ${message}` }));
	}
	const { response } = result;
	const { byKey, unnamed } = errorsByKey(response.errors, keyFields);
	const known = new Set(keys);
	const strangers = [...byKey.keys()].filter((key) => !known.has(key)).length;
	const accepted = keys.filter((key) => !byKey.has(key)).length;
	if (unnamed > 0 || strangers > 0) {
		// An error we cannot pin on a record: any record not named may be the one refused.
		const message = `WDT reported errors that name no record of this call: ${JSON.stringify(response.errors).slice(0, 300)}`;
		return keys.map((key) =>
			byKey.has(key) ? { outcome: 'refused', message: byKey.get(key) } : { outcome: 'unknown', message },
		);
	}
	if (takenAs !== undefined) {
		return keys.map((key) => (byKey.has(key) ? { outcome: 'refused', message: byKey.get(key) } : { outcome: takenAs }));
	}
	const newCount = count(response.new_count);
	const chgCount = count(response.chg_count);
	let taken: PushOutcome = 'pushed';
	if (newCount !== undefined && newCount === accepted && accepted > 0) taken = 'new';
	else if (newCount === 0 && (chgCount === undefined || chgCount <= accepted)) taken = 'changed';
	if (newCount !== undefined && newCount + (chgCount ?? 0) > accepted) {
		// More records counted than WDT took: the counts mean something else here; claim nothing.
		taken = 'pushed';
	}
	return keys.map((key) => (byKey.has(key) ? { outcome: 'refused', message: byKey.get(key) } : { outcome: taken }));
}
