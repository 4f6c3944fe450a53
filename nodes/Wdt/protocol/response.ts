import { WdtApiError } from './errors';
import { parseJsonLossless } from './lossless-json';

export type WdtResponseBody = Record<string, unknown> & { code: number | string; message: string };

/** The gateway answered something that is not an openapi2 JSON object (a proxy page, say). */
export class WdtProtocolError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WdtProtocolError';
	}
}

/**
 * `code` arrives as 0 or "0". Only an integer or an integer string is a code: null, true/false,
 * "", "OK" or 0.5 say nothing certain about the call, so such an answer cannot be read.
 */
function readCode(code: unknown): number | string | undefined {
	if (typeof code === 'number') return Number.isInteger(code) ? code : undefined;
	if (typeof code === 'string' && /^-?\d+$/.test(code)) {
		const value = Number(code);
		return Number.isSafeInteger(value) ? value : code;
	}
	return undefined;
}

/** A value of parsed JSON (never undefined), shortened for a message. */
function show(value: unknown): string {
	const text = JSON.stringify(value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const NOT_JSON = Symbol('not JSON');

function tryParse(text: string): unknown {
	try {
		return parseJsonLossless(text);
	} catch {
		return NOT_JSON;
	}
}

/**
 * Parses a gateway answer (losslessly: 19-digit ids stay exact) and checks `code`.
 * Returns the body when `code` is 0; throws WdtApiError otherwise.
 */
export function readWdtResponse(text: string): WdtResponseBody {
	const parsed = tryParse(text);
	if (parsed === NOT_JSON) {
		const preview = text.length > 200 ? `${text.slice(0, 200)}…` : text;
		throw new WdtProtocolError(`The gateway did not answer with JSON: ${preview}`);
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new WdtProtocolError('The gateway answered JSON that is not an object');
	}
	const body = parsed as Record<string, unknown>;
	if (!('code' in body)) {
		throw new WdtProtocolError('The gateway answer has no "code" field; is the gateway URL an openapi2 gateway?');
	}
	const code = readCode(body.code);
	if (code === undefined) {
		throw new WdtProtocolError(`The gateway answer's "code" is ${show(body.code)}, not an integer: the answer could not be read`);
	}
	const message = typeof body.message === 'string' ? body.message : String(body.message ?? '');
	const result = { ...body, code, message } as WdtResponseBody;
	if (code !== 0) throw new WdtApiError(code, message);
	return result;
}
