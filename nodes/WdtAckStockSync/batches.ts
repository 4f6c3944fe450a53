import type { AckRecord, FieldProblem } from './record';
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

	/**
	 * Removes records that contradict each other: the same rec_id and stock_change_count with a
	 * different sync_stock. Which stock reached the shop cannot be known, so none is sent; every
	 * item involved gets a problem naming the others.
	 */
	takeConflicts(): Map<number, FieldProblem> {
		const problems = new Map<number, FieldProblem>();
		const dropped = new Set<AckEntry>();
		for (const [recId, extra] of this.others) {
			const byCount = new Map<number, AckEntry[]>();
			for (const entry of [this.first.get(recId) as AckEntry, ...extra]) {
				const group = byCount.get(entry.record.stock_change_count) ?? [];
				group.push(entry);
				byCount.set(entry.record.stock_change_count, group);
			}
			for (const [count, group] of byCount) {
				if (group.length < 2) continue;
				const named = group
					.flatMap((entry) => entry.itemIndexes.map((item) => `item ${item + 1} (index ${item}, sync_stock ${entry.record.sync_stock})`))
					.join(', ');
				for (const entry of group) {
					dropped.add(entry);
					for (const item of entry.itemIndexes) {
						problems.set(item, {
							field: 'sync_stock',
							value: entry.record.sync_stock,
							message: `rec_id ${recId} with stock_change_count ${count} has different sync_stock values: ${named}. Which one reached the shop cannot be known, so none of them is sent; query again and ack what was pushed`,
						});
					}
				}
			}
		}
		// Stryker disable next-line ConditionalExpression,EqualityOperator: with nothing dropped the filter keeps every entry, in order
		if (dropped.size > 0) {
			const kept = this.entries.filter((entry) => !dropped.has(entry));
			this.entries.length = 0;
			this.entries.push(...kept);
		}
		return problems;
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
