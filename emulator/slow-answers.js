// @ts-check
'use strict';

/**
 * Answers that a client must not trust or wait for forever: a trickle (headers at once, then one
 * byte every `ms`) and a redirect. Used by server.js for the `trickle` and `redirect` faults.
 */

/**
 * Sends HTTP 200 headers, then `text` one byte at a time (or, without text, a blank forever).
 * The answer is registered in `open` so that stopping the emulator ends it.
 * @param {import('node:http').ServerResponse} res
 * @param {number} ms
 * @param {string | null} text
 * @param {Set<import('node:http').ServerResponse>} open
 */
function trickle(res, ms, text, open) {
	const bytes = text === null ? null : Buffer.from(text, 'utf8');
	res.writeHead(200, {
		'Content-Type': 'application/json; charset=utf-8',
		...(bytes ? { 'Content-Length': bytes.length } : {}),
	});
	res.flushHeaders();
	open.add(res);
	let sent = 0;
	const timer = setInterval(() => {
		if (res.destroyed || res.writableEnded) return clearInterval(timer);
		if (!bytes) {
			res.write(' ');
			return;
		}
		res.write(bytes.subarray(sent, sent + 1));
		sent++;
		if (sent >= bytes.length) {
			clearInterval(timer);
			res.end();
		}
	}, ms);
	res.on('close', () => {
		clearInterval(timer);
		open.delete(res);
	});
}

/**
 * HTTP 3xx pointing elsewhere: by default the same endpoint on a port where nothing listens, so
 * a client that follows it fails visibly instead of reaching a gateway.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string | null} location
 * @param {string} endpoint
 */
function redirect(res, status, location, endpoint) {
	const target = location ?? `http://127.0.0.1:9/openapi2/${endpoint}`;
	const body = `<html><body>Moved: <a href="${target}">${target}</a></body></html>`;
	res.writeHead(status, { Location: target, 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(body) });
	res.end(body);
}

/**
 * The Date header of a gateway answer from the emulator clock (so a clock offset shows there, as
 * a real gateway's clock would).
 * @param {number} unixSeconds
 */
function dateHeader(unixSeconds) {
	return { Date: new Date(unixSeconds * 1000).toUTCString() };
}

module.exports = { trickle, redirect, dateHeader };
