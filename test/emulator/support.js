// @ts-check
'use strict';

/**
 * Test-side helpers for the emulator tests: an independent openapi2 signer (its own packing,
 * with a choosable length unit so tests can build wrongly-signed requests on purpose) and a
 * plain undici POST. Deliberately does not use emulator/signature.js.
 */

const { createHash } = require('node:crypto');
const { request } = require('undici');

/** Length units a client might (wrongly or rightly) use. */
const lengthIn = {
	/** right: Unicode code points */
	codePoints: (/** @type {string} */ s) => Array.from(s).length,
	/** wrong for emoji: JS String.length */
	utf16Units: (/** @type {string} */ s) => s.length,
	/** wrong for any CJK: UTF-8 bytes */
	utf8Bytes: (/** @type {string} */ s) => Buffer.byteLength(s, 'utf8'),
};

/**
 * @param {number} n
 * @param {number} width
 */
function pad(n, width) {
	return String(n).padStart(width, '0');
}

/**
 * Pack params (ASCII keys) the way the spec says, with the given length unit.
 * @param {Record<string, string>} params
 * @param {(s: string) => number} [lengthOf]
 */
function testPack(params, lengthOf = lengthIn.codePoints) {
	return Object.keys(params)
		.filter((key) => key !== 'sign')
		.sort()
		.map((key) => `${pad(lengthOf(key), 2)}-${key}:${pad(lengthOf(params[key]), 4)}-${params[key]}`)
		.join(';');
}

/** @param {string} text */
function md5(text) {
	return createHash('md5').update(text, 'utf8').digest('hex');
}

/**
 * Params with sid/appkey/timestamp added and signed.
 * @param {{ sid: string, appkey: string, appsecret: string }} account
 * @param {Record<string, string>} business
 * @param {{ timestamp?: number | string, lengthOf?: (s: string) => number }} [options]
 * @returns {Record<string, string>}
 */
function signedParams(account, business, options = {}) {
	/** @type {Record<string, string>} */
	const params = {
		sid: account.sid,
		appkey: account.appkey,
		timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
		...business,
	};
	params.sign = md5(testPack(params, options.lengthOf) + account.appsecret);
	return params;
}

/**
 * POST a form (or a raw body) to an emulator endpoint.
 * @param {string} url full endpoint URL
 * @param {Record<string, string> | string | Buffer} body params (form-encoded here) or a raw body
 * @param {{ contentType?: string, method?: string, headersTimeout?: number, dispatcher?: import('undici').Dispatcher, signal?: AbortSignal }} [options]
 */
async function post(url, body, options = {}) {
	const raw =
		typeof body === 'string' || Buffer.isBuffer(body) ? body : new URLSearchParams(body).toString();
	const response = await request(url, {
		method: /** @type {any} */ (options.method ?? 'POST'),
		headers: {
			'content-type': options.contentType ?? 'application/x-www-form-urlencoded; charset=utf-8',
		},
		body: options.method === 'GET' ? undefined : raw,
		headersTimeout: options.headersTimeout,
		dispatcher: options.dispatcher,
		signal: options.signal,
		// A fresh connection per request: a reused keep-alive socket can be closed by the emulator
		// (same process) just as it is reused after a test blocked the event loop → ECONNRESET.
		reset: options.dispatcher ? undefined : true,
	});
	const text = await response.body.text();
	/** @type {any} */
	let json = null;
	try {
		json = JSON.parse(text);
	} catch {
		json = null;
	}
	return { status: response.statusCode, headers: response.headers, text, json };
}

/**
 * Sign and POST to `emu.url + endpoint`.
 * @param {{ url: string, account: { sid: string, appkey: string, appsecret: string } }} emu
 * @param {string} endpoint
 * @param {Record<string, string>} business
 * @param {{ timestamp?: number | string, lengthOf?: (s: string) => number, account?: { sid: string, appkey: string, appsecret: string } }} [options]
 */
function call(emu, endpoint, business, options = {}) {
	return post(emu.url + endpoint, signedParams(options.account ?? emu.account, business, options));
}

module.exports = { lengthIn, testPack, md5, signedParams, post, call };
