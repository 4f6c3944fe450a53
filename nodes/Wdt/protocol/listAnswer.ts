/**
 * Reading one page of a list query: its records (from the endpoint's list field, or the only
 * array of the answer when the field is not the documented one), total_count (page 0 only), and
 * ids as exact text. Knows nothing of n8n.
 */
import { WdtProtocolError } from './response';

export interface ListFieldSpec {
	endpoint: string;
	listField?: string;
}

/**
 * The records of an answer. The documented list field wins; otherwise the answer's only array
 * field; no array at all (WDT omits an empty list, or writes null/"") is an empty page; several
 * arrays but not the documented one is a protocol error (guessing could emit the wrong records).
 */
export function readRecords(body: Record<string, unknown>, spec: ListFieldSpec): unknown[] {
	if (spec.listField !== undefined && Array.isArray(body[spec.listField])) return body[spec.listField] as unknown[];
	const arrays = Object.keys(body).filter((key) => Array.isArray(body[key]));
	if (arrays.length === 1) return body[arrays[0]] as unknown[];
	if (arrays.length === 0) {
		const value = spec.listField === undefined ? undefined : body[spec.listField];
		if (value === undefined || value === null || value === '') return [];
		throw new WdtProtocolError(`${spec.endpoint}: the list field ${spec.listField} is not a list`);
	}
	throw new WdtProtocolError(
		`${spec.endpoint}: the answer has no ${spec.listField ?? 'list'} field but several lists (${arrays.join(', ')}); cannot tell which holds the records`,
	);
}

/** total_count as a whole number (it often arrives as text); undefined when absent or unreadable. */
export function readTotalCount(body: Record<string, unknown>): number | undefined {
	const value = body.total_count;
	const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
	return Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

const ID_FIELD = /(^|_)id$/;

/**
 * A record with every integer id (`id`, `*_id`, at any depth) as its exact decimal text, so an
 * id has one type whatever the gateway wrote: the lossless parser already turned integers beyond
 * 2^53 into digit strings, safe ones stay numbers until here. Everything else is kept as sent.
 */
export function idsAsText(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(idsAsText);
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
		// Number.isSafeInteger is false for anything but a number; idsAsText keeps what is not an object as it is.
		out[key] = ID_FIELD.test(key) && Number.isSafeInteger(field) ? String(field) : idsAsText(field);
	}
	return out;
}

/**
 * The field(s) that identify a record of a list: one field (`trade_id`), or several that identify
 * it together (`stock_query`: `spec_no` + `warehouse_no`, for rows that carry no `rec_id`).
 */
export type RecordKeySpec = string | readonly string[];

/** One key field's value as text (ids compare as digits), or undefined when it is empty or absent. */
function keyPart(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (Number.isFinite(value)) return String(value); // false for anything but a finite number
	return undefined;
}

/**
 * A record's key as text, or undefined when a key field is missing. A composite key is the JSON
 * list of its parts (`["SP-1","WH-GZ01"]`), so it cannot be mistaken for a single value.
 */
export function recordKey(record: Record<string, unknown>, key: RecordKeySpec): string | undefined {
	if (typeof key === 'string') return keyPart(record[key]);
	const parts: string[] = [];
	for (const field of key) {
		const part = keyPart(record[field]);
		if (part === undefined) return undefined;
		parts.push(part);
	}
	return JSON.stringify(parts);
}

/** JSON with every object's keys in order: the same content gives the same text whatever the field order. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.keys(value as Record<string, unknown>)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** A record's whole content as text: its identity when it has no key (an object's text starts with `{`). */
export function contentIdentity(record: Record<string, unknown>): string {
	return canonical(record);
}

/** A record's identity: its key, or (none of the key fields, or no key at all) its whole content. */
export function recordIdentity(record: Record<string, unknown>, key: RecordKeySpec | undefined): string {
	return (key === undefined ? undefined : recordKey(record, key)) ?? contentIdentity(record);
}

/**
 * The identities of the records of one read of a window, in page order. A record without a key is
 * known by its content; two rows of the same content in one read are two records (`#1` marks the
 * second), and a row that comes back in another read or window is the same record again.
 */
export function readIdentities(records: Array<Record<string, unknown>>, key: RecordKeySpec | undefined): string[] {
	const copies = new Map<string, number>();
	return records.map((record) => {
		const keyed = key === undefined ? undefined : recordKey(record, key);
		if (keyed !== undefined) return keyed;
		const content = contentIdentity(record);
		const copy = copies.get(content) ?? 0;
		copies.set(content, copy + 1);
		return copy === 0 ? content : `${content}#${copy}`;
	});
}

/**
 * What says a record changed: the newest of `field` and, when `list` is given, of that field of
 * each entry of the record's `list` (goods_query: `goods_modified` and each spec's `spec_modified`,
 * docs/wdt-contract.md#goods_query). WDT's times are `YYYY-MM-DD HH:MM:SS`: text order is time order.
 */
export interface RecordVersionSpec {
	field: string;
	list?: { name: string; field: string };
}

const timeText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A record's version as WDT's time text ('' when it carries none). A string spec is one field. */
export function recordVersion(record: Record<string, unknown>, spec: RecordVersionSpec | string): string {
	if (typeof spec === 'string') return timeText(record[spec]);
	let newest = timeText(record[spec.field]);
	const { list } = spec;
	const entries = list === undefined ? undefined : record[list.name];
	if (list === undefined || !Array.isArray(entries)) return newest;
	for (const entry of entries as unknown[]) {
		const value = entry !== null && typeof entry === 'object' ? timeText((entry as Record<string, unknown>)[list.field]) : '';
		if (value > newest) newest = value;
	}
	return newest;
}

/**
 * Records in first-seen order, one per identity. When one comes back (a border record in two
 * windows, or one changed while pages were read) the copy with the newer version wins (its time
 * field, or a RecordVersionSpec) and an equal one takes the later answer. The identity is the record's key, else its content (see readIdentities).
 */
export class RecordMerger<T extends Record<string, unknown>> {
	private readonly byIdentity = new Map<string, T>();
	duplicates = 0;

	constructor(
		private readonly key: RecordKeySpec | undefined,
		/** The record's version (a time field, or a RecordVersionSpec); undefined: the later answer wins. */
		private readonly version?: string | RecordVersionSpec,
	) {}

	/** Adds a record under its identity (default: its key, else its content). */
	add(record: T, identity: string = recordIdentity(record, this.key)): void {
		const seen = this.byIdentity.get(identity);
		if (seen === undefined) {
			this.byIdentity.set(identity, record);
			return;
		}
		this.duplicates++;
		// Map keeps the first-seen position when a value is replaced.
		if (this.isNotOlder(record, seen)) this.byIdentity.set(identity, record);
	}

	get size(): number {
		return this.byIdentity.size;
	}

	values(): T[] {
		return [...this.byIdentity.values()];
	}

	private isNotOlder(candidate: T, seen: T): boolean {
		if (this.version === undefined) return true;
		const a = recordVersion(candidate, this.version);
		const b = recordVersion(seen, this.version);
		if (a === '' || b === '') return true;
		return a >= b;
	}
}
