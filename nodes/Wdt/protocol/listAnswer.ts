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

/** A record's key as text (ids compare as digits), or undefined when it has none. */
export function recordKey(record: Record<string, unknown>, key: string): string | undefined {
	const value = record[key];
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (Number.isFinite(value)) return String(value); // false for anything but a finite number
	return undefined;
}

/**
 * Records in first-seen order, one per key. When a key comes back (a border record in two windows,
 * or one changed while pages were read) the copy with the newer time field wins — WDT's times are
 * `YYYY-MM-DD HH:MM:SS`, so text order is time order — and an equal time takes the later answer.
 * Records without a key are all kept.
 */
export class RecordMerger<T extends Record<string, unknown>> {
	private readonly byKey = new Map<string, T>();
	private readonly order: Array<T | string> = [];
	duplicates = 0;

	constructor(
		private readonly key: string,
		private readonly timeField?: string,
	) {}

	add(record: T): void {
		const key = recordKey(record, this.key);
		if (key === undefined) {
			this.order.push(record);
			return;
		}
		const seen = this.byKey.get(key);
		if (seen === undefined) {
			this.byKey.set(key, record);
			this.order.push(key);
			return;
		}
		this.duplicates++;
		if (this.isNotOlder(record, seen)) this.byKey.set(key, record);
	}

	get size(): number {
		return this.order.length;
	}

	values(): T[] {
		return this.order.map((entry) => (typeof entry === 'string' ? (this.byKey.get(entry) as T) : entry));
	}

	private isNotOlder(candidate: T, seen: T): boolean {
		if (this.timeField === undefined) return true;
		const a = candidate[this.timeField];
		const b = seen[this.timeField];
		if (typeof a !== 'string' || typeof b !== 'string') return true;
		return a >= b;
	}
}
