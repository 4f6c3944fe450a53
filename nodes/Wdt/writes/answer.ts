/**
 * Reading a code-0 answer, only as far as it is certain. `errors: [{<key>, error}]` names the
 * records WDT refused; it is read only when it is a list whose every entry names a key of this
 * batch. Anything else (an object keyed by tid, text, a number, null, an entry without a key or
 * with one the batch does not hold) cannot be pinned on records: the answer is unreadable.
 */
import type { WdtResponseBody } from '../protocol';

export type RecordErrors = { ok: true; errors: Map<string, string> } | { ok: false; unreadable: string };

const show = (value: unknown) => (JSON.stringify(value) ?? String(value)).slice(0, 200);

/** The key an `errors` entry names: the first of `fields` that holds text or a safe integer. */
function keyOf(entry: unknown, fields: readonly string[]): string | undefined {
	// Stryker disable next-line ConditionalExpression: a text or number entry has no key field either (a property read on it gives undefined)
	if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
	for (const field of fields) {
		const value = (entry as Record<string, unknown>)[field];
		if (typeof value === 'string' && value !== '') return value;
		if (Number.isSafeInteger(value)) return String(value);
	}
	return undefined;
}

export function recordErrors(body: WdtResponseBody, keys: ReadonlySet<string>, fields: readonly string[]): RecordErrors {
	const errors = new Map<string, string>();
	if (!('errors' in body)) return { ok: true, errors };
	const list = body.errors;
	if (!Array.isArray(list)) return { ok: false, unreadable: `"errors" is ${show(list)}, not a list` };
	for (const entry of list as unknown[]) {
		const key = keyOf(entry, fields);
		if (key === undefined) return { ok: false, unreadable: `an "errors" entry names no ${fields.join(' or ')}: ${show(entry)}` };
		if (!keys.has(key)) return { ok: false, unreadable: `an "errors" entry names ${key}, which is not in this call` };
		const { error, message } = entry as Record<string, unknown>;
		const text = error ?? message ?? 'refused by WDT (no reason given)';
		errors.set(key, typeof text === 'string' ? text : JSON.stringify(text));
	}
	return { ok: true, errors };
}

/** A count of a push answer: a whole number ≥ 0, or its digits as text; anything else is unreadable. */
export function readCount(value: unknown): number | undefined {
	const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}
