/**
 * Checked records → one entry per key (rec_id, spec_id). The same record twice is sent once
 * (paired with both items); the same key with different contents is refused for all its items:
 * which one is right cannot be known, and WDT's per-record errors name only the key.
 */
export interface Keyed<R> {
	key: string;
	record: R;
	itemIndexes: number[];
}

export interface KeyConflict {
	key: string;
	itemIndexes: number[];
}

export function mergeByKey<R>(
	checked: Array<{ itemIndex: number; key: string; record: R }>,
): { entries: Array<Keyed<R>>; conflicts: KeyConflict[] } {
	const byKey = new Map<string, { entry: Keyed<R>; text: string; conflict: boolean }>();
	for (const { itemIndex, key, record } of checked) {
		const text = JSON.stringify(record);
		const known = byKey.get(key);
		if (!known) {
			byKey.set(key, { entry: { key, record, itemIndexes: [itemIndex] }, text, conflict: false });
			continue;
		}
		known.entry.itemIndexes.push(itemIndex);
		if (known.text !== text) known.conflict = true;
	}
	const entries: Array<Keyed<R>> = [];
	const conflicts: KeyConflict[] = [];
	for (const { entry, conflict } of byKey.values()) {
		if (conflict) conflicts.push({ key: entry.key, itemIndexes: entry.itemIndexes });
		else entries.push(entry);
	}
	return { entries, conflicts };
}
