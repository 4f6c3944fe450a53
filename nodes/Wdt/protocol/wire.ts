/**
 * The exact strings that go on the wire. The signature covers these strings, so every
 * conversion happens once, here, and the same text is both signed and sent.
 */
export type WdtParamValue = string | number | boolean | bigint | object | null | undefined;

export function toWireValue(key: string, value: WdtParamValue): string | undefined {
	if (value == null) return undefined; // null or undefined: neither signed nor sent
	if (typeof value === 'string') return value;
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) {
			throw new TypeError(`Parameter "${key}" is ${value}; only finite numbers can be sent`);
		}
		// Plain decimal text, never exponent notation (1e21 would not be what the ERP expects).
		// Every double of 1e21 or more is a whole number, so BigInt takes it exactly.
		return Math.abs(value) >= 1e21 ? BigInt(value).toString() : String(value);
	}
	return JSON.stringify(value);
}

export function toWireParams(params: Record<string, WdtParamValue>): Record<string, string> {
	const wire: Record<string, string> = {};
	for (const key of Object.keys(params)) {
		const text = toWireValue(key, params[key]);
		if (text !== undefined) wire[key] = text;
	}
	return wire;
}

/** What URLSearchParams escapes but encodeURIComponent leaves, and the space, written as `+`. */
const FORM_ONLY_ESCAPES: Record<string, string> = { '!': '%21', "'": '%27', '(': '%28', ')': '%29', '~': '%7E', '%20': '+' };
const FORM_ONLY = /[!'()~]|%20/g;

/**
 * One value as application/x-www-form-urlencoded writes it, byte for byte what URLSearchParams
 * writes. encodeURIComponent builds the text natively in one piece; URLSearchParams builds it
 * piece by piece (about 80 KB of garbage for a 100-record stock_sync_list, every call).
 */
function encodeFormValue(text: string): string {
	let encoded: string;
	try {
		encoded = encodeURIComponent(text);
	} catch {
		// A lone surrogate: encodeURIComponent refuses it, URLSearchParams writes U+FFFD; keep its way.
		return new URLSearchParams({ v: text }).toString().slice(2);
	}
	return encoded.replace(FORM_ONLY, (escape) => FORM_ONLY_ESCAPES[escape]);
}

/** application/x-www-form-urlencoded, UTF-8, in the given key order. */
export function encodeForm(params: Record<string, string>): string {
	return Object.keys(params)
		.map((key) => `${encodeFormValue(key)}=${encodeFormValue(params[key])}`)
		.join('&');
}

export function decodeForm(body: string): Record<string, string> {
	const params: Record<string, string> = {};
	for (const [key, value] of new URLSearchParams(body)) params[key] = value;
	return params;
}
