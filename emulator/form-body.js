// @ts-check
'use strict';

/**
 * Strict decoding of an application/x-www-form-urlencoded body as UTF-8.
 *
 * Refused (so that a client encoding bug shows): bytes that are not UTF-8 (raw or %-escaped),
 * a broken %-escape, a field without '=', and the same field given twice.
 * '+' decodes to a space, as the form encoding says.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });

class FormBodyError extends Error {}

/**
 * @param {Buffer} body
 * @returns {Record<string, string>}
 * @throws {FormBodyError}
 */
function decodeFormBody(body) {
	let text;
	try {
		text = utf8.decode(body);
	} catch {
		throw new FormBodyError('请求体含有非UTF-8字节');
	}
	/** @type {Record<string, string>} */
	const params = Object.create(null);
	if (text.length === 0) return params;
	for (const field of text.split('&')) {
		if (field.length === 0) continue;
		const eq = field.indexOf('=');
		if (eq < 0) throw new FormBodyError(`字段缺少'=': ${field.slice(0, 40)}`);
		const key = decodeComponent(field.slice(0, eq));
		const value = decodeComponent(field.slice(eq + 1));
		if (Object.prototype.hasOwnProperty.call(params, key))
			throw new FormBodyError(`参数重复: ${key}`);
		params[key] = value;
	}
	return params;
}

/** @param {string} raw */
function decodeComponent(raw) {
	const spaced = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
	if (!spaced.includes('%')) return spaced;
	try {
		return decodeURIComponent(spaced);
	} catch {
		throw new FormBodyError(`%编码错误或不是UTF-8: ${raw.slice(0, 40)}`);
	}
}

/**
 * Is this Content-Type form-urlencoded with no charset or charset utf-8?
 * @param {string | undefined} header
 */
function isFormUtf8ContentType(header) {
	if (!header) return false;
	const [type, ...parameters] = header.split(';');
	if (type.trim().toLowerCase() !== 'application/x-www-form-urlencoded') return false;
	for (const parameter of parameters) {
		const eq = parameter.indexOf('=');
		if (eq < 0) continue;
		const name = parameter.slice(0, eq).trim().toLowerCase();
		const value = parameter
			.slice(eq + 1)
			.trim()
			.replace(/^"(.*)"$/, '$1')
			.toLowerCase();
		if (name === 'charset' && value !== 'utf-8' && value !== 'utf8') return false;
	}
	return true;
}

module.exports = { decodeFormBody, isFormUtf8ContentType, FormBodyError };
