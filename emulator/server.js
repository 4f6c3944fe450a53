// @ts-check
'use strict';

/**
 * The emulator's HTTP server: routes a request, applies the planned faults around the gateway
 * (or the fake shop), writes the answer, and records what happened.
 *
 * Routes:
 *   POST /openapi2/<endpoint>   the gateway (gateway.js)
 *   POST /fake-shop/stock       the demo's fake sales platform (fake-shop.js)
 *   GET  /fake-shop/stock       its current stock
 *   GET  /fake-shop/orders, GET|POST /fake-shop/shipments, GET /fake-shop/refunds  its orders,
 *        shipments and refunds (shop-orders.js, shop-refunds.js)
 *   GET  /                      a short JSON description
 *   anything else               HTTP 404
 */

const http = require('node:http');
const { handleGatewayRequest } = require('./gateway');
const { readPush } = require('./fake-shop');
const { handleShopRoute } = require('./shop-orders');
const { decodeFormBody } = require('./form-body');
const { stringify } = require('./lossless-json');
const { trickle, redirect, dateHeader } = require('./slow-answers');

/** @typedef {import('./gateway').GatewayContext} GatewayContext */
/** @typedef {import('./faults').FaultInjector} FaultInjector */
/** @typedef {import('./faults').ActiveRule} ActiveRule */
/** @typedef {import('./fake-shop').ShopPush} ShopPush */
/** @typedef {import('./fake-shop').FakeShopStock} FakeShopStock */

/**
 * One received request, as kept in `emu.requests`.
 * @typedef {object} RequestLogEntry
 * @property {number} seq              1, 2, 3... in arrival order
 * @property {number} at               Date.now() when the body was complete
 * @property {string} endpoint         'api_goods_stock_change_ack.php', ... or 'fake-shop'
 * @property {string} method
 * @property {Record<string, string> | null} params decoded form fields, sign included (null if not a decodable form)
 * @property {string} rawBody          the body as UTF-8 text
 * @property {boolean} accepted        passed every check and answered code 0 (or the fake shop took the push)
 * @property {number | null} code      the API code answered or that would have been (null: no API answer)
 * @property {string | null} message
 * @property {string | null} reason    why not accepted, in English (null when accepted)
 * @property {string | null} fault     the fault applied: 'latency' | 'http' | 'reset' | 'stall' | 'apiError'
 * @property {boolean} responseLost    processed, but the answer was replaced by a fault (after: true)
 * @property {number | null} httpStatus status sent (null for reset / stall)
 * @property {string} [packed]         the emulator's packed string, when it checked the sign
 */

/**
 * @typedef {object} EmulatorStats
 * @property {number} total
 * @property {number} accepted
 * @property {number} rejected
 * @property {number} faulted
 * @property {Record<string, number>} byEndpoint
 * @property {Record<string, number>} byCode  API codes answered (or processed, for lost answers)
 */

/**
 * @typedef {object} ServerState
 * @property {GatewayContext} gateway
 * @property {FaultInjector} faults
 * @property {boolean} logRequests
 * @property {RequestLogEntry[]} requests
 * @property {EmulatorStats} stats
 * @property {ShopPush[]} shopPushes
 * @property {FakeShopStock} shopStock
 * @property {import('./shop-orders').FakeShop} fakeShop  orders and shipments (shop-orders.js)
 * @property {boolean} codeAsString
 * @property {number} maxBodyBytes
 * @property {() => Record<string, unknown>} describe  the GET / answer
 * @property {((entry: RequestLogEntry) => void) | undefined} onRequest  called for every request
 */

/** @returns {EmulatorStats} */
function emptyStats() {
	return { total: 0, accepted: 0, rejected: 0, faulted: 0, byEndpoint: {}, byCode: {} };
}

/** @param {number} status */
function nginxErrorPage(status) {
	const title = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {string} contentType
 * @param {Record<string, string>} [headers]
 */
function send(res, status, text, contentType, headers = {}) {
	if (res.destroyed || res.writableEnded) return;
	res.writeHead(status, {
		'Content-Type': contentType,
		'Content-Length': Buffer.byteLength(text, 'utf8'),
		...headers,
	});
	res.end(text);
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} value
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, value, headers) {
	send(res, status, stringify(value), 'application/json; charset=utf-8', headers);
}

/**
 * Create the HTTP server. `close()` stops it, ends stalled answers and pending delays.
 * @param {ServerState} state
 */
function createEmulatorServer(state) {
	/** @type {Set<ReturnType<typeof setTimeout>>} */
	const timers = new Set();
	/** @type {Set<http.ServerResponse>} */
	const stalled = new Set();
	let seq = 0;
	let pushSeq = 0;
	let closed = false;

	/**
	 * Wait until `performance.now()` reaches `at` (the global latency). The gateway's own work
	 * happens inside this time, as on a real server whose answer takes `latencyMs` in all; Node's
	 * millisecond timers fire up to about 1 ms late, so the wait asks for the whole milliseconds left.
	 * @param {number} at
	 */
	async function until(at) {
		const left = Math.floor(at - performance.now());
		if (left > 0) await delay(left);
	}

	/** @param {number} ms */
	function delay(ms) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve(undefined);
			}, ms);
			timers.add(timer);
		});
	}

	/**
	 * @param {string} endpoint
	 * @param {boolean} accepted
	 * @param {number | null} code
	 * @param {boolean} faulted
	 */
	function tally(endpoint, accepted, code, faulted) {
		const stats = state.stats;
		stats.total++;
		if (accepted) stats.accepted++;
		else stats.rejected++;
		if (faulted) stats.faulted++;
		stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
		if (code !== null) stats.byCode[code] = (stats.byCode[code] ?? 0) + 1;
	}

	/** @param {RequestLogEntry} entry */
	function record(entry) {
		if (state.logRequests) state.requests.push(entry);
		if (state.onRequest) state.onRequest(entry);
	}

	/**
	 * Logs a request that a fault answered before it was processed.
	 * @param {{ at: number, endpoint: string, method: string, params: Record<string, string> | null, body: Buffer,
	 *   rule: import('./faults').ActiveRule, httpStatus: number | null, code: number | null, message: string | null }} fault
	 */
	function recordUnprocessed({
		at,
		endpoint,
		method,
		params,
		body,
		rule,
		httpStatus,
		code,
		message,
	}) {
		record({
			seq: ++seq,
			at,
			endpoint,
			method,
			params,
			rawBody: body.toString('utf8'),
			accepted: false,
			code,
			message,
			reason: `fault ${rule.kind} (not processed)`,
			fault: rule.kind,
			responseLost: false,
			httpStatus,
		});
	}

	/** @param {Record<string, unknown>} response */
	function wire(response) {
		return state.codeAsString && typeof response.code === 'number'
			? { ...response, code: String(response.code) }
			: response;
	}

	/**
	 * Apply a terminal fault (http / reset / stall / apiError) instead of the answer.
	 * @param {ActiveRule} rule
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @param {boolean} fakeShop
	 * @param {string | null} [answer] the processed answer (after: true), for a trickle
	 * @param {string} [endpoint]
	 * @returns {number | null} the HTTP status sent
	 */
	function applyFault(rule, req, res, fakeShop, answer = null, endpoint = '') {
		switch (rule.kind) {
			case 'trickle':
				trickle(res, rule.ms, answer, stalled);
				return 200;
			case 'redirect':
				redirect(res, rule.status, rule.location, endpoint);
				return rule.status;
			case 'http':
				send(
					res,
					rule.status,
					nginxErrorPage(rule.status),
					'text/html',
					rule.status === 429 ? { 'Retry-After': '1' } : {},
				);
				return rule.status;
			case 'reset': {
				const socket = req.socket;
				if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
				else socket.destroy();
				return null;
			}
			case 'stall':
				stalled.add(res);
				res.on('close', () => stalled.delete(res));
				return null;
			case 'apiError':
				sendJson(
					res,
					200,
					fakeShop
						? { success: false, code: rule.code, error: rule.message }
						: wire({ code: rule.code, message: rule.message }),
				);
				return 200;
			default:
				return null;
		}
	}

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @param {string} endpoint
	 * @param {Buffer} body
	 * @param {number} arrived performance.now() when the request arrived
	 */
	async function serveGateway(req, res, endpoint, body, arrived) {
		const at = Date.now();
		const plan = state.faults.plan(endpoint, true);
		const answerAt = arrived + plan.answerAfterMs;
		if (plan.delayMs > 0) await delay(plan.delayMs);
		const rule = plan.terminal;
		const method = req.method ?? '';

		if (rule && !rule.after) {
			await until(answerAt);
			const httpStatus = applyFault(rule, req, res, false, null, endpoint);
			const code = rule.kind === 'apiError' ? rule.code : null;
			tally(endpoint, false, code, true);
			if (state.logRequests || state.onRequest) {
				let params = null;
				try {
					params = Object.fromEntries(Object.entries(decodeFormBody(body)));
				} catch {
					params = null;
				}
				const message = rule.kind === 'apiError' ? rule.message : null;
				recordUnprocessed({ at, endpoint, method, params, body, rule, httpStatus, code, message });
			}
			return;
		}

		const result = handleGatewayRequest(
			{ method, contentType: req.headers['content-type'], body, endpoint },
			state.gateway,
		);
		if (plan.delayAfterMs > 0) await delay(plan.delayAfterMs);
		await until(answerAt);
		/** @type {number | null} */
		let httpStatus = 200;
		if (rule) httpStatus = applyFault(rule, req, res, false, stringify(wire(result.response)), endpoint);
		else sendJson(res, 200, wire(result.response), dateHeader(state.gateway.clock()));

		const faulted = rule !== null || plan.latencyHit;
		tally(endpoint, result.accepted, result.response.code, faulted);
		if (state.logRequests || state.onRequest) {
			/** @type {RequestLogEntry} */
			const entry = {
				seq: ++seq,
				at,
				endpoint,
				method,
				params: result.params && Object.fromEntries(Object.entries(result.params)),
				rawBody: body.toString('utf8'),
				accepted: result.accepted,
				code: result.response.code,
				message: result.response.message,
				reason: rule
					? `${result.reason ?? 'processed'}; then fault ${rule.kind} (answer lost)`
					: result.reason,
				fault: rule ? rule.kind : plan.latencyHit ? 'latency' : null,
				responseLost: rule !== null,
				httpStatus,
			};
			if (result.packed !== undefined) entry.packed = result.packed;
			record(entry);
		}
	}

	/**
	 * The stock push route: record an accepted push.
	 * @param {http.IncomingMessage} req
	 * @param {Buffer} body
	 * @returns {import('./shop-orders').ShopRouteResult}
	 */
	function takeStockPush(req, body) {
		const result = readPush(
			{ method: req.method ?? '', contentType: req.headers['content-type'], body },
			pushSeq + 1,
		);
		if (result.push) {
			pushSeq++;
			state.shopStock.record(result.push);
			if (state.logRequests) state.shopPushes.push(result.push);
		}
		return {
			status: result.status,
			response: result.response,
			accepted: result.push !== undefined,
			reason: result.push ? null : String(result.response.error),
		};
	}

	/**
	 * A fake-shop route (stock, orders, shipments), with the faults named 'fake-shop' around it.
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @param {Buffer} body
	 * @param {() => import('./shop-orders').ShopRouteResult} handle
	 */
	async function serveFakeShop(req, res, body, handle) {
		const at = Date.now();
		const plan = state.faults.plan('fake-shop', false);
		if (plan.delayMs > 0) await delay(plan.delayMs);
		const rule = plan.terminal;
		const method = req.method ?? '';
		if (rule && !rule.after) {
			const httpStatus = applyFault(rule, req, res, true);
			tally('fake-shop', false, null, true);
			if (state.logRequests || state.onRequest) {
				recordUnprocessed({
					at,
					endpoint: 'fake-shop',
					method,
					params: null,
					body,
					rule,
					httpStatus,
					code: null,
					message: null,
				});
			}
			return;
		}
		const result = handle();
		if (plan.delayAfterMs > 0) await delay(plan.delayAfterMs);
		/** @type {number | null} */
		let httpStatus = result.status;
		if (rule) httpStatus = applyFault(rule, req, res, true);
		else sendJson(res, result.status, result.response);
		tally('fake-shop', result.accepted, null, rule !== null || plan.latencyHit);
		if (state.logRequests || state.onRequest) {
			record({
				seq: ++seq,
				at,
				endpoint: 'fake-shop',
				method,
				params: null,
				rawBody: body.toString('utf8'),
				accepted: result.accepted,
				code: null,
				message: null,
				reason: result.accepted
					? rule
						? `processed; then fault ${rule.kind} (answer lost)`
						: null
					: result.reason,
				fault: rule ? rule.kind : plan.latencyHit ? 'latency' : null,
				responseLost: rule !== null,
				httpStatus,
			});
		}
	}

	/**
	 * Read the whole body, then continue.
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @param {(body: Buffer) => Promise<void>} next
	 */
	function receive(req, res, next) {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			if (tooLarge) return;
			size += chunk.length;
			if (size > state.maxBodyBytes) {
				tooLarge = true;
				send(res, 413, nginxErrorPage(413), 'text/html', { Connection: 'close' });
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => {
			if (tooLarge || closed) return;
			next(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)).catch((error) => {
				send(res, 500, String(error && error.stack), 'text/plain; charset=utf-8');
			});
		});
		req.on('error', () => {});
	}

	const server = http.createServer((req, res) => {
		const url = req.url ?? '/';
		const q = url.indexOf('?');
		const path = q < 0 ? url : url.slice(0, q);
		if (path.startsWith('/openapi2/')) {
			const endpoint = path.slice('/openapi2/'.length);
			const arrived = performance.now();
			receive(req, res, (body) => serveGateway(req, res, endpoint, body, arrived));
		} else if (path === '/fake-shop/stock' && req.method === 'GET') {
			sendJson(res, 200, { success: true, stock: state.shopStock.list() });
		} else if (path === '/fake-shop/stock') {
			receive(req, res, (body) => serveFakeShop(req, res, body, () => takeStockPush(req, body)));
		} else if (path === '/fake-shop/orders' || path === '/fake-shop/shipments' || path === '/fake-shop/refunds') {
			const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
			const method = req.method ?? '';
			const contentType = req.headers['content-type'];
			receive(req, res, (body) =>
				serveFakeShop(req, res, body, () =>
					handleShopRoute(state.fakeShop, { path, query, method, contentType, body }),
				),
			);
		} else if (path === '/' && req.method === 'GET') {
			sendJson(res, 200, state.describe());
		} else {
			req.resume();
			sendJson(res, 404, { error: `not found: ${path}` });
		}
	});
	server.keepAliveTimeout = 10000;

	/** Stop listening, end stalled answers, pending delays and all connections. */
	function close() {
		closed = true;
		return new Promise((resolve) => {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			for (const res of stalled) res.destroy();
			stalled.clear();
			server.close(() => resolve(undefined));
			server.closeAllConnections();
		});
	}

	/** Restart the request numbering (emu.reset()). */
	function restartNumbering() {
		seq = 0;
		pushSeq = 0;
	}

	return { server, close, restartNumbering };
}

module.exports = { createEmulatorServer, emptyStats };
