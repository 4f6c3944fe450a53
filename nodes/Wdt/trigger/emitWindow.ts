/**
 * The re-emit rule of the pending-queue triggers: which pending records a poll emits. Records
 * stay pending until they are acked, so every poll sees them again; the trigger remembers what it
 * emitted, in the workflow's static data (memoryCodec.ts), as (rec_id, version): the version is
 * what says the record changed (stock_change_count for a stock change; for a shipment, a digest
 * of what the shop is told, see shipments.ts).
 *
 * - a (rec_id, version) emitted less than the window ago is not emitted again, so a run that is
 *   still pushing (or a slow one) is not doubled;
 * - after the window it is emitted again: a record nobody acked (the push failed, the run
 *   crashed) is retried;
 * - a rec_id with another version (the record changed) is emitted at once.
 *
 * The memory is bounded: an entry older than the window decides nothing and is dropped, and at
 * most MAX_ENTRIES entries are kept (the oldest go first).
 */
import type { IDataObject } from 'n8n-workflow';

import type { StockChangeRecord } from '../stockChanges';
import type { Memory } from './memoryCodec';
import { ANY_VERSION, readMemory, writeMemory } from './memoryCodec';

export const MAX_ENTRIES = 20000;

/** What says a record changed: equal versions are the same change. */
export type VersionOf = (record: StockChangeRecord) => string;

export interface EmitDecision {
	emit: StockChangeRecord[];
	/** Seen but emitted less than the window ago. */
	held: number;
}

/**
 * Picks the records to emit and records them in `state` (the node's static data), pruned.
 * The memory is stored compactly (memoryCodec.ts) and replaced as a whole, so n8n sees the
 * change and saves it.
 */
export function selectAndRemember(
	state: IDataObject,
	records: StockChangeRecord[],
	versionOf: VersionOf,
	windowMs: number,
	now: number,
): EmitDecision {
	const next: Memory = new Map();
	for (const [recId, entry] of readMemory(state)) {
		if (now - entry[1] < windowMs && entry[1] <= now) next.set(recId, entry);
	}
	const emit: StockChangeRecord[] = [];
	let held = 0;
	for (const record of records) {
		const version = versionOf(record);
		const known = next.get(record.rec_id);
		if (known && (known[0] === version || known[0] === ANY_VERSION)) {
			// An entry from a memory without versions takes this one, keeping its time.
			next.set(record.rec_id, [version, known[1]]);
			held++;
			continue;
		}
		emit.push(record);
		next.set(record.rec_id, [version, now]);
	}
	// Stryker disable next-line EqualityOperator: at exactly MAX_ENTRIES the block drops next.size - MAX_ENTRIES = 0 entries
	if (next.size > MAX_ENTRIES) {
		const oldestFirst = [...next].sort((a, b) => a[1][1] - b[1][1]);
		for (const [recId] of oldestFirst.slice(0, next.size - MAX_ENTRIES)) next.delete(recId);
	}
	writeMemory(state, next);
	return { emit, held };
}

const MAX_REEMIT_MINUTES = 7 * 24 * 60;

/** Re-Emit After (minutes, decimals allowed) in ms, within 0 (no window) and 7 days. */
export function reEmitWindowMs(value: unknown, defaultMinutes: number): number {
	const minutes = typeof value === 'number' && Number.isFinite(value) ? value : defaultMinutes;
	return Math.round(Math.min(Math.max(minutes, 0), MAX_REEMIT_MINUTES) * 60000);
}
