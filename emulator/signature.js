// @ts-check
'use strict';

/**
 * The emulator's own openapi2 signature check, written from the spec alone (not from the client):
 *
 *   every parameter except `sign`, keys sorted by UTF-8 byte order,
 *   each pair `LL-key:VVVV-value` (lengths in Unicode code points, minimum widths 2 and 4, never cut),
 *   pairs joined by `;`, sign = lowercase hex md5(packed + appsecret).
 */

const { createHash } = require('node:crypto');

/**
 * Length of a string in Unicode code points (a surrogate pair counts once).
 * @param {string} text
 * @returns {number}
 */
function codePointLength(text) {
	// ASCII-only text (the common case): one byte, one unit, one code point each.
	if (Buffer.byteLength(text, 'utf8') === text.length) return text.length;
	let count = 0;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) i++;
		}
		count++;
	}
	return count;
}

/**
 * A decimal number written with at least `width` digits (zero-padded, never truncated).
 * @param {number} value
 * @param {number} width
 */
function padLength(value, width) {
	const digits = String(value);
	return digits.length >= width ? digits : '0'.repeat(width - digits.length) + digits;
}

/** @param {string} text */
function isAscii(text) {
	return Buffer.byteLength(text, 'utf8') === text.length;
}

/**
 * Sort keys by the byte order of their UTF-8 encoding.
 * For ASCII keys that is plain code-unit order; other keys are compared as bytes.
 * @param {string[]} keys
 * @returns {string[]} the same array, sorted
 */
function sortKeysByBytes(keys) {
	if (keys.every(isAscii)) return keys.sort();
	return keys.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

/**
 * The packed string that is signed: all params except `sign`.
 * @param {Record<string, string>} params decoded form fields, each value exactly as received
 * @returns {string}
 */
function pack(params) {
	const keys = sortKeysByBytes(Object.keys(params).filter((key) => key !== 'sign'));
	let packed = '';
	for (let i = 0; i < keys.length; i++) {
		const key = keys[i];
		const value = params[key];
		if (i > 0) packed += ';';
		packed +=
			padLength(codePointLength(key), 2) +
			'-' +
			key +
			':' +
			padLength(codePointLength(value), 4) +
			'-' +
			value;
	}
	return packed;
}

/**
 * md5(packed + appsecret), lowercase hex.
 * @param {string} packed
 * @param {string} appsecret
 */
function signPacked(packed, appsecret) {
	return createHash('md5')
		.update(packed + appsecret, 'utf8')
		.digest('hex');
}

/**
 * The sign the emulator expects for these params.
 * @param {Record<string, string>} params
 * @param {string} appsecret
 */
function expectedSign(params, appsecret) {
	return signPacked(pack(params), appsecret);
}

/**
 * Check a received request's sign. The comparison is exact: an uppercase hex sign is refused too.
 * @param {Record<string, string>} params all received params, `sign` included
 * @param {string} appsecret
 * @returns {{ ok: boolean, packed: string, expected: string }}
 */
function verifySign(params, appsecret) {
	const packed = pack(params);
	const expected = signPacked(packed, appsecret);
	return { ok: params.sign === expected, packed, expected };
}

module.exports = {
	codePointLength,
	padLength,
	sortKeysByBytes,
	pack,
	signPacked,
	expectedSign,
	verifySign,
};
