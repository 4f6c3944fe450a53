/**
 * Checked records → the entries to send. The same record given twice (same key, same contents)
 * is sent once and stands for every item that gave it. The same key with different contents is
 * a conflict: which one is right cannot be known, so none is sent and every item involved is
 * refused, each message naming all of them. A record's slot is its key, its group (shop_no: the
 * same tid in two shops is two orders) and its variant (the stock ack's stock_change_count: the
 * same rec_id with another count is another record, sent in another batch).
 */
import type { IDataObject } from 'n8n-workflow';

import { itemLabel } from '../fieldLabel';
import type { WriteEndpoint } from './endpoint';

/** A record to send and the input items it stands for. */
export interface WriteEntry<R> {
	key: string;
	record: R;
	/** Entries of different groups never share a call ('' = one group). */
	group: string;
	/** Entries with the same key and another variant are other records (kept, in other batches). */
	variant: unknown;
	/** The first input item; `more` holds the others (rare), so one-item entries hold no array. */
	item: number;
	more?: number[];
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

export function itemsOf(entry: { item: number; more?: number[] }): number[] {
	return entry.more ? [entry.item, ...entry.more] : [entry.item];
}

function join(entry: { item: number; more?: number[] }, items: number[]): void {
	entry.more = [...(entry.more ?? []), ...items];
}

/** Every item of an entry or a problem, as "item 1 (index 0), item 3 (index 2)". */
export function itemLabels(items: number[]): string {
	return items.map((item) => itemLabel(item)).join(', ');
}

export interface CheckedWrites<R> {
	/** In the order of their first item. */
	entries: Array<WriteEntry<R>>;
	problems: WriteProblem[];
}

export class WriteInput<R> {
	private readonly entries: Array<WriteEntry<R>> = [];
	private readonly problems: WriteProblem[] = [];
	// Keyed by the key alone (a string the record already holds): no key text is built per item;
	// the rare other slots of a key wait in a second map.
	private readonly first = new Map<string, WriteEntry<R>>();
	private readonly others = new Map<string, Array<WriteEntry<R>>>();
	/** Slots given with different contents: every version, the slot's own entry first. */
	private readonly conflicts = new Map<WriteEntry<R>, Array<WriteEntry<R>>>();

	constructor(private readonly spec: WriteEndpoint<R>) {}

	/** A record that passed the checks, for the item(s) `items`. */
	add(items: number | number[], key: string, record: R, slot: { group?: string; variant?: unknown } = {}): void {
		const list = typeof items === 'number' ? [items] : items;
		const entry: WriteEntry<R> = { key, record, group: slot.group ?? '', variant: slot.variant, item: list[0] };
		if (list.length > 1) entry.more = list.slice(1);
		const first = this.first.get(key);
		if (first === undefined) {
			this.first.set(key, entry);
			this.entries.push(entry);
			return;
		}
		const others = this.others.get(key) ?? [];
		const same = [first, ...others].find((known) => known.group === entry.group && known.variant === entry.variant);
		if (same === undefined) {
			others.push(entry);
			this.others.set(key, others);
			this.entries.push(entry);
			return;
		}
		const versions = this.conflicts.get(same) ?? [same];
		const wire = this.spec.wire(record);
		const twin = versions.find((version) => this.spec.wire(version.record) === wire);
		if (twin) join(twin, list);
		else {
			versions.push(entry);
			this.conflicts.set(same, versions);
		}
	}

	/** An item (or the items that share it) that failed the checks. */
	refuse(items: number | number[], field: string, message: string, values: IDataObject): void {
		this.problems.push({ items: typeof items === 'number' ? [items] : items, field, message, values });
	}

	/** The entries to send and the problems, conflicting duplicates turned into problems. */
	finish(): CheckedWrites<R> {
		if (this.conflicts.size === 0) return { entries: this.entries, problems: this.problems };
		for (const [slot, versions] of this.conflicts) {
			const { field, message } = this.spec.conflict?.(
				slot.key,
				versions.map((version) => ({ items: itemsOf(version), record: version.record })),
			) ?? {
				field: this.spec.keyName,
				message: `${this.spec.keyName} ${slot.key} is given with different contents by ${itemLabels(versions.flatMap(itemsOf).sort((a, b) => a - b))}: which one is right cannot be known, so none of them is sent`,
			};
			for (const version of versions) this.problems.push({ items: itemsOf(version), field, message, values: this.spec.shown(version.record) });
		}
		return { entries: this.entries.filter((entry) => !this.conflicts.has(entry)), problems: this.problems };
	}
}
