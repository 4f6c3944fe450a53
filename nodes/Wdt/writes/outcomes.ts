/**
 * The one vocabulary of every write (stock ack, logistics ack, order push, goods push …): what
 * happened to a record, as the output field `outcome` says it, and why it was not written, as
 * the output field `error` says it.
 */
import type { IDataObject } from 'n8n-workflow';

/** Written, beyond doubt: acked (an ack), new / changed (a push whose counts say which), pushed (written, new or changed not knowable). */
export type WrittenOutcome = 'acked' | 'new' | 'changed' | 'pushed';

/**
 * Not written:
 * - refused: WDT (or the server at the Gateway URL) said no, and no earlier attempt may have written it;
 * - unknown: sent, but whether it was written cannot be told (answer lost or unreadable): safe to re-run;
 * - notSent: it never left n8n (failed the checks, never reached the gateway, or an earlier batch failed).
 */
export type NotWrittenOutcome = 'refused' | 'unknown' | 'notSent';

export type WriteOutcome = WrittenOutcome | NotWrittenOutcome;

/** Why a record was not written: the item's `error` field. */
export interface WriteFailure extends IDataObject {
	/** validation: never sent; record: WDT answered about this record; request: about the whole call. */
	scope: 'validation' | 'record' | 'request';
	outcome: NotWrittenOutcome;
	message: string;
	code?: number | string;
	hint?: string;
	field?: string;
}

/** A record's outcome: the written word, or the failure (shared by every record it applies to). */
export type RecordOutcome = WrittenOutcome | WriteFailure;

export function isWritten(outcome: RecordOutcome): outcome is WrittenOutcome {
	return typeof outcome === 'string';
}

export function outcomeWord(outcome: RecordOutcome): WriteOutcome {
	return isWritten(outcome) ? outcome : outcome.outcome;
}

/** Records by outcome, for the summaries. */
export type OutcomeCounts = Record<WriteOutcome, number>;

export function emptyCounts(): OutcomeCounts {
	return { acked: 0, new: 0, changed: 0, pushed: 0, refused: 0, unknown: 0, notSent: 0 };
}

export function writtenCount(counts: OutcomeCounts): number {
	return counts.acked + counts.new + counts.changed + counts.pushed;
}

/** 12345 → "12 345" (the way the summaries group thousands). */
export function grouped(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/**
 * "3 800 acked, 100 outcome unknown — run again to settle, 6 100 not sent" (zero counts left
 * out; the written count always shown: "acked" for acks, "written (2 new, 1 changed)" for pushes).
 */
export function summarise(counts: OutcomeCounts, style: 'ack' | 'push'): string {
	const parts: string[] = [];
	if (style === 'ack') parts.push(`${grouped(counts.acked)} acked`);
	else {
		const kinds = (['new', 'changed', 'pushed'] as const).filter((kind) => counts[kind] > 0).map((kind) => `${grouped(counts[kind])} ${kind}`);
		parts.push(`${grouped(writtenCount(counts))} written${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}`);
	}
	if (counts.refused) parts.push(`${grouped(counts.refused)} refused by WDT`);
	if (counts.unknown) parts.push(`${grouped(counts.unknown)} outcome unknown — run again to settle`);
	if (counts.notSent) parts.push(`${grouped(counts.notSent)} not sent`);
	return parts.join(', ');
}
