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

export const MAX_ENTRIES = 20000;

/** rec_id → [stock_change_count as text, emitted at (ms since epoch)] */
type Emitted = Record<string, [string, number]>;

/** The clock the trigger reads; tests may replace `now`. */
export const triggerClock = { now: (): number => Date.now() };

function readEmitted(state: IDataObject): Emitted {
	const raw = state.emitted;
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
	const emitted: Emitted = {};
	for (const [recId, entry] of Object.entries(raw as Record<string, unknown>)) {
		if (Array.isArray(entry) && entry.length === 2 && typeof entry[1] === 'number') {
			emitted[recId] = [String(entry[0]), entry[1]];
		}
	}
	return emitted;
}

export interface EmitDecision {
	emit: StockChangeRecord[];
	/** Seen but emitted less than the window ago. */
	held: number;
}

/**
 * Picks the records to emit and records them in `state` (the node's static data), pruned.
 * `state.emitted` is replaced as a whole, so n8n sees the change and saves it.
 */
export function selectAndRemember(
	state: IDataObject,
	records: StockChangeRecord[],
	windowMs: number,
	now: number,
): EmitDecision {
	const previous = readEmitted(state);
	const next: Emitted = {};
	for (const [recId, entry] of Object.entries(previous)) {
		if (now - entry[1] < windowMs && entry[1] <= now) next[recId] = entry;
	}
	const emit: StockChangeRecord[] = [];
	let held = 0;
	for (const record of records) {
		const count = String(record.stock_change_count ?? '');
		const known = next[record.rec_id];
		if (known && known[0] === count) {
			held++;
			continue;
		}
		emit.push(record);
		next[record.rec_id] = [count, now];
	}
	const keys = Object.keys(next);
	if (keys.length > MAX_ENTRIES) {
		keys.sort((a, b) => next[a][1] - next[b][1]);
		for (const key of keys.slice(0, keys.length - MAX_ENTRIES)) delete next[key];
	}
	state.emitted = next as unknown as IDataObject;
	return { emit, held };
}
