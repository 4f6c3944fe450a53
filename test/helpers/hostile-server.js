// @ts-check
'use strict';

/**
 * A small gateway that answers whatever a test tells it to, on 127.0.0.1: for answers the
 * emulator never gives (a code of null, errors as an object, a body over the cap, a 404 page).
 */

const http = require('node:http');

/**
 * @typedef {object} HostileServer
 * @property {string} url      the Gateway URL (…/openapi2/) to put in the credential
 * @property {number} requests requests received so far
 * @property {() => Promise<void>} close
 */

/** @typedef {(req: http.IncomingMessage, res: http.ServerResponse, body: string) => void} Answer */

/**
 * @param {Answer} answer
 * @returns {Promise<HostileServer>}
 */
async function startHostileServer(answer) {
	/** @type {HostileServer} */
	const state = { url: '', requests: 0, close: async () => {} };
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			state.requests++;
			answer(req, res, Buffer.concat(chunks).toString('utf8'));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	state.url = `http://127.0.0.1:${port}/openapi2/`;
	state.close = async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(() => resolve(undefined)));
	};
	return state;
}

/**
 * Answers JSON (given as text, so any shape can be sent).
 * @param {string} text
 * @param {number} [status]
 * @param {http.OutgoingHttpHeaders} [headers]
 * @returns {Answer}
 */
function json(text, status = 200, headers = {}) {
	return (_req, res) => {
		res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
		res.end(text);
	};
}

/**
 * The rec_ids of the stock_sync_list a request carried.
 * @param {string} body
 * @returns {string[]}
 */
function recIdsOf(body) {
	const list = new URLSearchParams(body).get('stock_sync_list') ?? '[]';
	return JSON.parse(list).map((/** @type {{ rec_id: string }} */ entry) => entry.rec_id);
}

module.exports = { startHostileServer, json, recIdsOf };
