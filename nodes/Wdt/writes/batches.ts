/**
 * Entries → the calls that carry them: at most `size` entries a call, entries of different
 * groups (shops) never in one call, and never one key twice in a call, so that an `errors` entry
 * (which names only the key) always points at exactly one entry.
 */
import type { WriteEntry } from './merge';

export interface WriteBatch<R> {
	group: string;
	entries: Array<WriteEntry<R>>;
}

function split<R>(group: string, entries: Array<WriteEntry<R>>, size: number, batches: Array<WriteBatch<R>>): void {
	let current: Array<WriteEntry<R>> = [];
	let keys = new Set<string>();
	const deferred: Array<WriteEntry<R>> = [];
	for (const entry of entries) {
		if (keys.has(entry.key)) {
			deferred.push(entry);
			continue;
		}
		current.push(entry);
		keys.add(entry.key);
		if (current.length >= size) {
			batches.push({ group, entries: current });
			current = [];
			keys = new Set();
		}
	}
	if (current.length > 0) batches.push({ group, entries: current });
	// Rare: the same key again (the stock ack's other stock_change_count): in later batches of its own.
	if (deferred.length > 0) split(group, deferred, size, batches);
}

/** The batches, group by group in the order each group first appears. */
export function buildBatches<R>(entries: Array<WriteEntry<R>>, size: number): Array<WriteBatch<R>> {
	const groups = new Map<string, Array<WriteEntry<R>>>();
	for (const entry of entries) {
		const members = groups.get(entry.group);
		if (members) members.push(entry);
		else groups.set(entry.group, [entry]);
	}
	const batches: Array<WriteBatch<R>> = [];
	for (const [group, members] of groups) split(group, members, size, batches);
	return batches;
}
