/**
 * Checked records → the entries to send. The same record given twice (same key, same contents)
 * is sent once and stands for every item that gave it. The same key with different contents is
 * a conflict: which one is right cannot be known, so none is sent and every item involved is
 * refused, each message naming all of them. A record's slot is its key, its group (shop_no: the
 * same tid in two shops is two orders) and its variant (the stock ack's stock_change_count: the
 * same rec_id with another count is another record, sent in another batch).
 *
 * Memory: 100 000 records are common, and every object kept from the checks to the end of the
 * run adds to the peak (V8 rarely collects the old space while the batches go out). So an entry
 * is an index into parallel lists, not an object, and duplicates are found by sorting the keys
 * once, not by a map of every key.
 */
import type { IDataObject } from 'n8n-workflow';

import { itemLabel } from '../fieldLabel';
import type { WriteEndpoint } from './endpoint';

/**
 * The entries of a write, entry `e` being the e-th of each list: its key, record, group, variant
 * and first input item; `moreItems` holds the other items of the few entries that stand for more
 * than one (the same record given again, an order of several lines).
 */
export class WriteEntries<R> {
	private count = 0;
	readonly keys: string[];
	readonly records: R[];
	readonly firstItems: number[];
	/** Group and variant lists are made only when one is given (most writes have neither). */
	private groupList?: string[];
	private variantList?: unknown[];
	readonly moreItems = new Map<number, number[]>();
	/** Whether a key is kept in more than one entry (another group or variant): set by WriteInput.finish. */
	keysRepeat = false;

	/** `capacity`: the input items, the most entries there usually are (the lists are made once, at that size). */
	constructor(private readonly capacity: number) {
		// Stryker disable ArrayDeclaration: the size is only made once; a list of no size grows to the same contents
		this.keys = new Array<string>(capacity);
		this.records = new Array<R>(capacity);
		this.firstItems = new Array<number>(capacity);
		// Stryker restore ArrayDeclaration
	}

	get length(): number {
		return this.count;
	}

	/** Entries of different groups never share a call ('' = one group). */
	group(e: number): string {
		return this.groupList?.[e] ?? '';
	}

	/** Entries with the same key and another variant are other records (kept, in other batches). */
	variant(e: number): unknown {
		return this.variantList?.[e];
	}

	/** Every input item entry `e` stands for, the first one first. */
	itemsOf(e: number): number[] {
		const more = this.moreItems.get(e);
		return more ? [this.firstItems[e], ...more] : [this.firstItems[e]];
	}

	push(items: number[], key: string, record: R, group: string, variant: unknown): void {
		// Past the capacity (a caller that gives more records than items) the lists simply grow.
		const e = this.count++;
		this.keys[e] = key;
		this.records[e] = record;
		this.firstItems[e] = items[0];
		// Stryker disable next-line ConditionalExpression,StringLiteral,ArrayDeclaration: storing '' or undefined too, or a list of no size, reads the same (group() and variant() default to them)
		if (group !== '') (this.groupList ??= new Array<string>(this.capacity).fill(''))[e] = group;
		// Stryker disable next-line ConditionalExpression,ArrayDeclaration: the same for the variant
		if (variant !== undefined) (this.variantList ??= new Array<unknown>(this.capacity))[e] = variant;
		if (items.length > 1) this.moreItems.set(e, items.slice(1));
	}

	join(e: number, items: number[]): void {
		this.moreItems.set(e, [...(this.moreItems.get(e) ?? []), ...items]);
	}

	/** Keeps only the entries `drop` does not mark, in their order (and ends the lists there). */
	compact(drop?: Uint8Array): void {
		const lists: unknown[][] = [this.keys, this.records, this.firstItems];
		if (this.groupList) lists.push(this.groupList);
		if (this.variantList) lists.push(this.variantList);
		let kept = 0;
		if (drop) {
			const more = new Map(this.moreItems);
			this.moreItems.clear();
			for (let e = 0; e < this.count; e++) {
				if (drop[e] === 1) continue;
				for (const list of lists) list[kept] = list[e];
				const items = more.get(e);
				if (items) this.moreItems.set(kept, items);
				kept++;
			}
		} else kept = this.count;
		for (const list of lists) list.length = kept;
		this.count = kept;
	}
}

/** An item (or several, that share it) that failed the checks: it is never sent. */
export interface WriteProblem {
	items: number[];
	/** The field at fault, as the form or the item names it. */
	field: string;
	message: string;
	/** What the output item shows of the values read. */
	values: IDataObject;
}

/** Every item of an entry or a problem, as "item 1 (index 0), item 3 (index 2)". */
export function itemLabels(items: number[]): string {
	return items.map((item) => itemLabel(item)).join(', ');
}

export interface CheckedWrites<R> {
	/** The entries to send, in the order of their first item. */
	entries: WriteEntries<R>;
	problems: WriteProblem[];
}

export class WriteInput<R> {
	private readonly entries: WriteEntries<R>;
	private readonly problems: WriteProblem[] = [];

	/** `itemCount`: the node's input items (each gives at most one record). */
	constructor(
		private readonly spec: WriteEndpoint<R>,
		itemCount: number,
	) {
		this.entries = new WriteEntries<R>(itemCount);
	}

	/** A record that passed the checks, for the item(s) `items`. */
	add(items: number | number[], key: string, record: R, slot: { group?: string; variant?: unknown } = {}): void {
		this.entries.push(typeof items === 'number' ? [items] : items, key, record, slot.group ?? '', slot.variant);
	}

	/** An item (or the items that share it) that failed the checks. */
	refuse(items: number | number[], field: string, message: string, values: IDataObject): void {
		this.problems.push({ items: typeof items === 'number' ? [items] : items, field, message, values });
	}

	/** The entries to send and the problems, duplicates merged and conflicting ones turned into problems. */
	finish(): CheckedWrites<R> {
		const { entries } = this;
		entries.compact();
		const { keys } = entries;
		const order = new Int32Array(keys.length);
		// Stryker disable next-line EqualityOperator: a typed array ignores a write past its end
		for (let e = 0; e < order.length; e++) order[e] = e;
		// Stryker disable next-line ConditionalExpression,EqualityOperator: V8's stable sort of a typed array asks only whether an entry goes after another, so "before" and "tie" read the same (tried on 300 random lists)
		order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
		let drop: Uint8Array | undefined;
		const conflicts: number[][] = [];
		// Stryker disable next-line EqualityOperator: one step past the end finds a run of one, which merges nothing
		for (let start = 0, end = 1; start < order.length; start = end, end = start + 1) {
			// Stryker disable next-line ConditionalExpression,EqualityOperator: past its end a typed array reads undefined, which is no key
			while (end < order.length && keys[order[end]] === keys[order[start]]) end++;
			// Rare: one key given more than once, its entries in the order they were given.
			// Stryker disable next-line ConditionalExpression,ArithmeticOperator,EqualityOperator: only a shortcut: a key given once merges with nothing
			if (end - start > 1) {
				drop ??= new Uint8Array(keys.length);
				this.mergeKey(order.subarray(start, end), drop, conflicts);
			}
		}
		// Stryker disable next-line ConditionalExpression: only a shortcut: with nothing dropped the steps below change nothing
		if (drop === undefined) return { entries, problems: this.problems };
		// In the order the conflicts arose: by the first entry that contradicted an earlier one.
		conflicts.sort((a, b) => a[1] - b[1]);
		for (const versions of conflicts) this.refuseConflict(versions);
		entries.compact(drop);
		return { entries, problems: this.problems };
	}

	/**
	 * The entries of one key: another slot is another record; the same slot with the same wire
	 * text joins the first entry that gave it; with another text, the slot is a conflict (every
	 * version listed, the slot's first entry first) and none of its entries is sent.
	 */
	private mergeKey(sameKey: Int32Array, drop: Uint8Array, conflicts: number[][]): void {
		const { entries, spec } = this;
		const slots: number[][] = [];
		for (const e of sameKey) {
			const versions = slots.find(([first]) => entries.group(first) === entries.group(e) && entries.variant(first) === entries.variant(e));
			if (versions === undefined) {
				slots.push([e]);
				continue;
			}
			drop[e] = 1;
			const wire = spec.wire(entries.records[e]);
			const twin = versions.find((version) => spec.wire(entries.records[version]) === wire);
			if (twin === undefined) versions.push(e);
			else entries.join(twin, entries.itemsOf(e));
		}
		// Stryker disable next-line ConditionalExpression: only a shortcut: batches check every key when it is set
		if (slots.length > 1) entries.keysRepeat = true;
		for (const versions of slots) {
			if (versions.length === 1) continue;
			drop[versions[0]] = 1;
			conflicts.push(versions);
		}
	}

	private refuseConflict(versions: number[]): void {
		const { entries, spec } = this;
		const key = entries.keys[versions[0]];
		const { field, message } = spec.conflict?.(
			key,
			versions.map((e) => ({ items: entries.itemsOf(e), record: entries.records[e] })),
		) ?? {
			field: spec.keyName,
			message: `${spec.keyName} ${key} is given with different contents by ${itemLabels(versions.flatMap((e) => entries.itemsOf(e)).sort((a, b) => a - b))}: which one is right cannot be known, so none of them is sent`,
		};
		for (const e of versions) this.problems.push({ items: entries.itemsOf(e), field, message, values: spec.shown(entries.records[e]) });
	}
}
