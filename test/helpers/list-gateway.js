// @ts-check
'use strict';

/**
 * A hostile list gateway of the tests' own, on 127.0.0.1: paged list endpoints over rows the test
 * holds (and changes between requests), as WDT pages them — `page_no` from 0, `total_count` on
 * page 0 only, `start_time <= modified <= end_time` in Beijing time, time order — with a Date
 * header from the test's clock. It checks no signature. A test bends any answer with `answer`:
 * short or empty pages, shifting rows, no total_count, a huge total_count, cut-off JSON, a window
 * refused as too long, rows without their key.
 */

const { startHostileServer } = require('./hostile-server');

/**
 * @typedef {Record<string, unknown>} Row
 * @typedef {object} ListEndpoint
 * @property {string} listField
 * @property {Row[]} rows          the endpoint's records (the test may change them at any time)
 * @property {string} [timeField]  the field start_time/end_time select on (default 'modified')
 * @property {number} [maxWindowSec] a longer start_time..end_time is refused like WDT does
 * @typedef {object} Request
 * @property {string} endpoint     without .php
 * @property {Record<string, string>} params
 * @property {number} n            how many requests this endpoint had before this one
 * @property {number} pageNo
 * @property {number} pageSize
 * @property {Row[]} selected      the rows of the window, in time order
 * @property {Record<string, unknown>} body the answer WDT would give
 * @typedef {{ status?: number, headers?: Record<string, string>, text: string }} RawAnswer
 * @typedef {object} ListGatewayOptions
 * @property {Record<string, ListEndpoint>} endpoints by name without .php
 * @property {() => number} [clock]   the gateway's clock, epoch ms (its Date header; default Date.now)
 * @property {() => boolean} [withDate] whether an answer carries a Date header now (default: always)
 * @property {(request: Request) => Record<string, unknown> | RawAnswer | undefined} [answer]
 *   bends an answer: a body object, a raw answer, or undefined for the normal one
 */

/** Beijing-time text (WDT's form) to epoch ms. @param {string} text */
const beijingMs = (text) => Date.parse(`${text.replace(' ', 'T')}+08:00`);

/** @param {ListEndpoint} endpoint @param {Record<string, string>} params */
function select(endpoint, params) {
	const field = endpoint.timeField ?? 'modified';
	const rows = endpoint.rows.filter((row) => {
		if (params.start_time === undefined) return true;
		const at = beijingMs(String(row[field]));
		return at >= beijingMs(params.start_time) && at <= beijingMs(params.end_time);
	});
	// Time order, as WDT sorts; equal times keep the order the rows were written in.
	return params.start_time === undefined ? rows : [...rows].sort((a, b) => beijingMs(String(a[field])) - beijingMs(String(b[field])));
}

/**
 * @param {ListGatewayOptions} options
 */
async function startListGateway(options) {
	/** @type {Request[]} */
	const requests = [];
	const clock = options.clock ?? Date.now;
	const server = await startHostileServer((req, res, raw) => {
		const endpoint = (req.url ?? '').replace(/^.*\//, '').replace(/\.php.*$/, '');
		const params = Object.fromEntries(new URLSearchParams(raw));
		const def = options.endpoints[endpoint];
		const date = new Date(clock()).toUTCString();
		/** @param {RawAnswer} out */
		const send = (out) => {
			const dated = options.withDate?.() ?? true;
			res.sendDate = dated;
			res.writeHead(out.status ?? 200, { 'Content-Type': 'application/json', ...(dated ? { Date: date } : {}), ...out.headers });
			res.end(out.text);
		};
		if (!def) return send({ text: JSON.stringify({ code: 2001, message: `no such endpoint ${endpoint}` }) });
		const pageNo = Number(params.page_no ?? 0);
		const pageSize = Number(params.page_size ?? 40);
		const n = requests.filter((r) => r.endpoint === endpoint).length;
		/** @type {Record<string, unknown>} */
		let body;
		/** @type {Row[]} */
		let selected = [];
		if (def.maxWindowSec !== undefined && params.start_time !== undefined &&
			(beijingMs(params.end_time) - beijingMs(params.start_time)) / 1000 > def.maxWindowSec) {
			body = { code: 2001, message: `时间跨度不能超过${def.maxWindowSec / 60}分钟` };
		} else {
			selected = select(def, params);
			const page = selected.slice(pageNo * pageSize, (pageNo + 1) * pageSize);
			body = { code: 0, message: 'ok', ...(pageNo === 0 ? { total_count: selected.length } : {}), [def.listField]: page };
		}
		/** @type {Request} */
		const request = { endpoint, params, n, pageNo, pageSize, selected, body };
		requests.push(request);
		const bent = options.answer?.(request);
		if (bent && typeof bent.text === 'string') return send(/** @type {RawAnswer} */ (bent));
		send({ text: JSON.stringify(bent ?? body) });
	});
	return {
		url: server.url,
		requests,
		/** @param {string} endpoint */
		requestsTo: (endpoint) => requests.filter((r) => r.endpoint === endpoint),
		close: server.close,
	};
}

module.exports = { startListGateway, beijingMs };
