/**
 * Reading the fields of an item for a push: text that must stay exact (ids, codes), WDT's small
 * status integers, and exact decimals. Every reader returns the wire value or a problem in words;
 * nothing is trimmed away, rounded or guessed.
 */
import type { Decimal } from './decimal';
import { readDecimal } from './decimal';

export class FieldProblem extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'FieldProblem';
	}
}

const blank = (value: unknown) => value === undefined || value === null || value === '';

/** Text as sent: a string, or a number that is an exact integer (an id beyond 2^53 must come as text). */
export function readText(source: Record<string, unknown>, field: string, required: boolean): string | undefined {
	const value = source[field];
	if (blank(value) || (typeof value === 'string' && value.trim() === '')) {
		if (required) throw new FieldProblem(field, `${field} is required`);
		return undefined;
	}
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'number' && Number.isInteger(value)) {
		throw new FieldProblem(field, `${field} is a number beyond 2^53 (${value}) and may already be rounded: give it as text`);
	}
	throw new FieldProblem(field, `${field} must be text, not ${JSON.stringify(value)}`);
}

/** One of WDT's status codes (an integer from `allowed`), as a number. */
export function readCode(
	source: Record<string, unknown>,
	field: string,
	allowed: readonly number[],
	fallback?: number,
): number {
	const value = source[field];
	if (blank(value)) {
		if (fallback !== undefined) return fallback;
		throw new FieldProblem(field, `${field} is required (one of ${allowed.join(', ')})`);
	}
	const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !allowed.includes(number)) {
		throw new FieldProblem(field, `${field} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
	}
	return number;
}

/** An exact decimal; a blank optional amount counts as 0. */
export function readAmount(
	source: Record<string, unknown>,
	field: string,
	{ required = false, min }: { required?: boolean; min?: 'zero' | 'positive' } = {},
): Decimal {
	const value = source[field];
	if (blank(value)) {
		if (required) throw new FieldProblem(field, `${field} is required`);
		return { units: BigInt(0), text: '0' };
	}
	const read = readDecimal(value);
	if (!read.ok) throw new FieldProblem(field, `${field}: ${read.problem}`);
	const { units } = read.value;
	if (min === 'zero' && units < BigInt(0)) throw new FieldProblem(field, `${field} must not be negative (${read.value.text})`);
	if (min === 'positive' && units <= BigInt(0)) throw new FieldProblem(field, `${field} must be more than 0 (${read.value.text})`);
	return read.value;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A time as WDT writes it (Beijing time, "2026-11-28 10:00:00"). */
export function readDateTime(source: Record<string, unknown>, field: string, required: boolean): string | undefined {
	const text = readText(source, field, required);
	if (text === undefined) return undefined;
	if (!DATE_TIME.test(text) || (text !== '0000-00-00 00:00:00' && Number.isNaN(Date.parse(text.replace(' ', 'T') + 'Z')))) {
		throw new FieldProblem(field, `${field} must be "YYYY-MM-DD HH:mm:ss" (Beijing time), not "${text}"`);
	}
	return text;
}

/** A plain object (not a list, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: FieldProblem };

/** Runs a check; its FieldProblem (or any other failure, named by its message) becomes a value. */
export function checkWith<T>(check: () => T): Checked<T> {
	try {
		return { ok: true, value: check() };
	} catch (error) {
		const problem =
			error instanceof FieldProblem ? error : new FieldProblem('*', error instanceof Error ? error.message : String(error));
		return { ok: false, problem };
	}
}
