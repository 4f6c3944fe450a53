/**
 * Entries → the calls that carry them: at most `size` entries a call, entries of different
 * groups (shops) never in one call, and never one key twice in a call, so that an `errors` entry
 * (which names only the key) always points at exactly one entry.
 */
import type { WriteEntries } from './merge';

export interface WriteBatch {
	group: string;
	/** The entries it carries (indexes into the write's entries), in order. */
	entries: number[];
}

function split(keys: readonly string[], group: string, members: number[], size: number, batches: WriteBatch[]): void {
	let current: number[] = [];
	let inBatch = new Set<string>();
	const deferred: number[] = [];
	for (const e of members) {
		if (inBatch.has(keys[e])) {
			deferred.push(e);
			continue;
		}
		current.push(e);
		inBatch.add(keys[e]);
		if (current.length >= size) {
			batches.push({ group, entries: current });
			current = [];
			inBatch = new Set();
		}
	}
	if (current.length > 0) batches.push({ group, entries: current });
	// Rare: the same key again (the stock ack's other stock_change_count): in later batches of its own.
	if (deferred.length > 0) split(keys, group, deferred, size, batches);
}

/** The batches, group by group in the order each group first appears. */
export function buildBatches(entries: WriteEntries<unknown>, size: number): WriteBatch[] {
	const groups = new Map<string, number[]>();
	for (let e = 0; e < entries.length; e++) {
		const group = entries.group(e);
		const members = groups.get(group);
		if (members) members.push(e);
		else groups.set(group, [e]);
	}
	const batches: WriteBatch[] = [];
	for (const [group, members] of groups) {
		// Stryker disable next-line ConditionalExpression: only a shortcut: split gives the same batches when every key is given once
		if (entries.keysRepeat) split(entries.keys, group, members, size, batches);
		// Every key once (the usual case): plain slices, no set of keys per call.
		else for (let start = 0; start < members.length; start += size) batches.push({ group, entries: members.slice(start, start + size) });
	}
	return batches;
}
