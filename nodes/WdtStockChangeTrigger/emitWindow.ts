/**
 * Which pending stock changes a poll emits. Records stay pending until they are acked, so every
 * poll sees them again; the trigger remembers what it emitted, in the workflow's static data:
 *
 * - a (rec_id, stock_change_count) emitted less than the window ago is not emitted again, so a
 *   run that is still pushing (or a slow one) is not doubled;
 * - after the window it is emitted again: a record nobody acked (the push failed, the run
 *   crashed) is retried;
 * - a rec_id with another stock_change_count (the stock changed again) is emitted at once.
 *
 * The memory is bounded: an entry older than the window decides nothing and is dropped, and at
 * most MAX_ENTRIES entries are kept (the oldest go first).
 */
import type { IDataObject } from 'n8n-workflow';

import type { StockChangeRecord } from '../Wdt/stockChanges';
import type { Memory } from './memoryCodec';
import { readMemory, writeMemory } from './memoryCodec';

export const MAX_ENTRIES = 20000;

/** The clock the trigger reads; tests may replace `now`. */
export const triggerClock = { now: (): number => Date.now() };

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
		const count = String(record.stock_change_count ?? '');
		const known = next.get(record.rec_id);
		if (known && known[0] === count) {
			held++;
			continue;
		}
		emit.push(record);
		next.set(record.rec_id, [count, now]);
	}
	// Stryker disable next-line EqualityOperator: at exactly MAX_ENTRIES the block drops next.size - MAX_ENTRIES = 0 entries
	if (next.size > MAX_ENTRIES) {
		const oldestFirst = [...next].sort((a, b) => a[1][1] - b[1][1]);
		for (const [recId] of oldestFirst.slice(0, next.size - MAX_ENTRIES)) next.delete(recId);
	}
	writeMemory(state, next);
	return { emit, held };
}
