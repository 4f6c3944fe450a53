import { createHash } from 'crypto';

/**
 * The openapi2 signature (旺店通企业版 签名), exactly as the official SDKs compute it:
 * every sent parameter except `sign`, sorted by key in byte order, each packed as
 * `LL-key:VVVV-value` and joined by `;`, then md5(packed + appsecret) in lowercase hex.
 */

/** Lengths are counted in Unicode code points, as PHP's iconv_strlen(.., 'UTF-8') does. */
export function codePointLength(text: string): number {
	let length = 0;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		// A high surrogate followed by a low one is a single code point (emoji, rare CJK).
		if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) i++;
		}
		length++;
	}
	return length;
}

/** Minimum-width decimal: never truncates (a 12 345-code-point value writes `12345`). */
function padLength(length: number, width: number): string {
	return String(length).padStart(width, '0');
}

/** Byte-order comparison of keys (UTF-8 bytes), independent of the runtime's locale. */
function compareBytes(a: string, b: string): number {
	return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function packParams(params: Record<string, string>): string {
	return Object.keys(params)
		.filter((key) => key !== 'sign')
		.sort(compareBytes)
		.map((key) => {
			const value = params[key];
			if (typeof value !== 'string') {
				throw new TypeError(`packParams: parameter "${key}" must be a string, got ${typeof value}`);
			}
			return `${padLength(codePointLength(key), 2)}-${key}:${padLength(codePointLength(value), 4)}-${value}`;
		})
		.join(';');
}

export function signParams(params: Record<string, string>, appsecret: string): string {
	return createHash('md5')
		.update(packParams(params) + appsecret, 'utf8')
		.digest('hex');
}
