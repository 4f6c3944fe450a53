/**
 * Parameters given as one JSON object → the form fields of a call, losslessly. A value that is
 * an object or a list goes on the wire as JSON text *exactly as written* (its own slice of the
 * input), so a 19-digit id inside trade_list stays the same digits; a number goes as its literal
 * text; a string as itself; true/false as 1/0 (like every other boolean the package sends);
 * null is left out.
 */
import { findJsonProblem, textAround } from './jsonSyntax';
import type { WdtParamValue } from './wire';

export class JsonParamsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'JsonParamsError';
	}
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The index just past the JSON value starting at `i` (the text is already known to be valid JSON). */
function valueEnd(text: string, i: number): number {
	let depth = 0;
	// Stryker disable next-line EqualityOperator: the text is valid JSON, so a value ends before the text does; at text.length nothing matches either
	for (let j = i; j < text.length; j++) {
		const c = text[j];
		if (c === '"') {
			j++;
			while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
			if (depth === 0) return j + 1;
			continue;
		}
		if (c === '{' || c === '[') depth++;
		else if (c === '}' || c === ']') {
			if (depth === 0) return j; // end of the enclosing object
			depth--;
			// At depth 0 the value has ended: the ',', space or '}' that follows returns its index.
		} else if (depth === 0 && (c === ',' || isSpace(c))) return j;
	}
	return text.length;
}

const NOT_JSON = Symbol('not JSON');

/** "JSON Parameters is not valid JSON at line 2, column 7: expected ':' …; here: "b" ▸1}". */
function notJsonMessage(text: string): string {
	if (text.trim() === '') return 'JSON Parameters is empty: give one object, e.g. {"page_size": 100}';
	const problem = findJsonProblem(text);
	// Stryker disable next-line ConditionalExpression: JSON.parse refused the text, so the scanner finds a problem
	if (!problem) return 'JSON Parameters is not valid JSON';
	return `JSON Parameters is not valid JSON at line ${problem.line}, column ${problem.column}: ${problem.reason}; here: ${textAround(text, problem.offset)}`;
}

function parseOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** `{"shop_no":"a","trade_list":[{"tid":2754327482516635662}]}` → wire values, exact. */
export function jsonParams(text: string): Record<string, WdtParamValue> {
	const parsed = parseOrUndefined(text);
	if (parsed === NOT_JSON) throw new JsonParamsError(notJsonMessage(text));
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new JsonParamsError('JSON Parameters must be one object: {"name": value, …}');
	}
	const params: Record<string, WdtParamValue> = {};
	let i = text.indexOf('{') + 1;
	for (;;) {
		// The text parsed as one object: its closing } comes before its end (text[length] is undefined).
		while (isSpace(text[i]) || text[i] === ',') i++;
		if (text[i] === '}') break;
		const keyEnd = valueEnd(text, i);
		const key = JSON.parse(text.slice(i, keyEnd)) as string;
		i = text.indexOf(':', keyEnd) + 1;
		while (isSpace(text[i])) i++;
		const end = valueEnd(text, i);
		const raw = text.slice(i, end);
		i = end;
		if (key in params) throw new JsonParamsError(`JSON Parameters names "${key}" twice`);
		params[key] = rawToWire(raw);
	}
	return params;
}

function rawToWire(raw: string): WdtParamValue {
	const first = raw[0];
	if (first === '"') return JSON.parse(raw) as string;
	if (raw === 'null') return undefined;
	if (raw === 'true') return true;
	if (raw === 'false') return false;
	return raw; // a number literal, an object or a list: the text as written
}

/** An object (from an expression) → wire values: objects and lists as JSON text. */
export function objectParams(value: Record<string, unknown>): Record<string, WdtParamValue> {
	const params: Record<string, WdtParamValue> = {};
	for (const [key, field] of Object.entries(value)) {
		// undefined needs no test: it is left off the wire like null (toWireParams).
		if (field === null) continue;
		params[key] = typeof field === 'object' ? JSON.stringify(field) : (field as WdtParamValue);
	}
	return params;
}
