import type { AckRecord } from './record';
import { recordJson } from './record';

/** A record to send and every input item it stands for (identical items are sent once). */
export interface AckEntry {
	record: AckRecord;
	itemIndexes: number[];
}

export interface AckBatch {
	entries: AckEntry[];
}

/** The stock_sync_list parameter: the JSON text of a batch, built when the batch is sent. */
export function stockSyncList(batch: AckBatch): string {
	return `[${batch.entries.map((entry) => recordJson(entry.record)).join(',')}]`;
}

/**
 * Merges identical records (same rec_id, sync_stock and stock_change_count) into one entry:
 * acking the same thing twice in one run is pointless. Records that share a rec_id but differ
 * are all kept, in input order: the gateway clears only the one whose count is current.
 */
export class EntryMerger {
	readonly entries: AckEntry[] = [];

	// Keyed by rec_id (a string the record already holds): no key is built per item, and the
	// rare rec_id with several different records keeps its extra entries in a second map.
	private readonly first = new Map<string, AckEntry>();
	private readonly others = new Map<string, AckEntry[]>();

	add(itemIndex: number, record: AckRecord): void {
		const first = this.first.get(record.rec_id);
		if (first === undefined) {
			this.push(itemIndex, record);
			return;
		}
		const twin = [first, ...(this.others.get(record.rec_id) ?? [])].find(
			(entry) =>
				entry.record.sync_stock === record.sync_stock &&
				entry.record.stock_change_count === record.stock_change_count,
		);
		if (twin) twin.itemIndexes.push(itemIndex);
		else this.push(itemIndex, record);
	}

	private push(itemIndex: number, record: AckRecord): void {
		const entry = { record, itemIndexes: [itemIndex] };
		if (!this.first.has(record.rec_id)) this.first.set(record.rec_id, entry);
		else this.others.set(record.rec_id, [...(this.others.get(record.rec_id) ?? []), entry]);
		this.entries.push(entry);
	}
}

/**
 * Splits entries into batches of at most `size`. A batch never holds one rec_id twice, so a
 * per-record error (`errors[]` names only the rec_id) always points at exactly one entry.
 */
export function buildBatches(entries: AckEntry[], size: number): AckBatch[] {
	const batches: AckBatch[] = [];
	let current: AckEntry[] = [];
	let ids = new Set<string>();
	const close = () => {
		if (current.length === 0) return;
		batches.push({ entries: current });
		current = [];
		ids = new Set();
	};
	const deferred: AckEntry[] = [];
	for (const entry of entries) {
		if (ids.has(entry.record.rec_id)) {
			deferred.push(entry);
			continue;
		}
		current.push(entry);
		ids.add(entry.record.rec_id);
		if (current.length >= size) close();
	}
	close();
	// Rare: the same rec_id with different counts; they go into later batches of their own kind.
	if (deferred.length > 0) batches.push(...buildBatches(deferred, size));
	return batches;
}
