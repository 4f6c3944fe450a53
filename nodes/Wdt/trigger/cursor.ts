/**
 * The WDT Trigger's memory, kept in the workflow's static data, and what a poll emits.
 *
 * - `cursor`: the end of the last range read (epoch ms). The next poll reads from
 *   `cursor − overlap` to now, so a record WDT shows late (written with a `modified` a little in
 *   the past) or exactly on the border is still read.
 * - `seen`: key → the newest `modified` emitted, for the records that the overlap can bring back.
 *   A record is emitted when its key is new or its `modified` is newer: de-duplication by
 *   (key, modified), so a record comes out once per change, never twice for the same one.
 * - `scope`: the endpoint and filters the memory belongs to; another scope starts a new `seen`.
 * Knows nothing of HTTP; the node and the tests drive it.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseBeijing } from '../protocol/beijingTime';
import { recordKey } from '../protocol/listAnswer';

/** At most this many remembered keys (the oldest go first). */
export const MAX_SEEN = 50000;

/** key → [modified as WDT wrote it, the time it stands for (epoch ms) for pruning] */
type Seen = Record<string, [string, number]>;

export interface TriggerMemory {
	cursor?: number;
	scope?: string;
	seen: Seen;
}

export interface RecordIdentity {
	/** The record's key field (trade_id, rec_id…). */
	key: string;
	/** Its time field (modified). */
	timeField: string;
}

/** The memory in static data; anything malformed reads as empty, a scope change drops `seen`. */
export function readMemory(state: IDataObject, scope: string): TriggerMemory {
	const cursor =
		typeof state.cursor === 'number' && Number.isFinite(state.cursor) ? state.cursor : undefined;
	if (state.scope !== scope) return { cursor, scope, seen: {} };
	const seen: Seen = {};
	const raw = state.seen;
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
		for (const [key, entry] of Object.entries(raw as Record<string, unknown>)) {
			if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number') {
				seen[key] = [entry[0], entry[1]];
			}
		}
	}
	return { cursor, scope, seen };
}

/** A record's identity for de-duplication: its key, or its whole text when it has none. */
function identityOf(record: IDataObject, identity: RecordIdentity): string {
	return recordKey(record, identity.key) ?? JSON.stringify(record);
}

function modifiedOf(record: IDataObject, identity: RecordIdentity): string {
	const value = record[identity.timeField];
	return typeof value === 'string' ? value : '';
}

/**
 * The records not emitted yet (a new key, or a newer modified), in the given order; `seen` is
 * updated in place with them. `now` stands for records whose modified is unreadable.
 */
export function selectNew(
	records: IDataObject[],
	memory: TriggerMemory,
	identity: RecordIdentity,
	now: number,
): IDataObject[] {
	const fresh: IDataObject[] = [];
	for (const record of records) {
		const key = identityOf(record, identity);
		const modified = modifiedOf(record, identity);
		const before = memory.seen[key];
		if (before !== undefined && modified <= before[0]) continue;
		memory.seen[key] = [modified, parseBeijing(modified) ?? now];
		fresh.push(record);
	}
	return fresh;
}

/**
 * Store the memory with its new cursor, keeping only what the next poll's overlap can bring back
 * (modified ≥ cursor − overlap), at most MAX_SEEN entries.
 */
export function writeMemory(
	state: IDataObject,
	memory: TriggerMemory,
	cursor: number,
	overlapMs: number,
): void {
	const keepFrom = cursor - overlapMs;
	let entries = Object.entries(memory.seen).filter(([, [, at]]) => at >= keepFrom);
	// Stryker disable next-line ConditionalExpression,EqualityOperator: sorting when not over the bound only reorders the same entries (nothing reads their order)
	if (entries.length > MAX_SEEN)
		entries = entries.sort((a, b) => a[1][1] - b[1][1]).slice(-MAX_SEEN);
	state.cursor = cursor;
	state.scope = memory.scope;
	state.seen = Object.fromEntries(entries);
}
