// @ts-check
'use strict';

/**
 * The two yardsticks the node is compared with:
 * - the raw floor: the same batches, built and signed beforehand, sent by a bare undici Pool with
 *   the same concurrency (what the network and the gateway cost, with no n8n and no node);
 * - the SDK way: one signed POST per record, sequentially, on a new connection each, as the
 *   public SDK examples do.
 */
const { Client, Pool } = require('undici');
const { buildSignedParams, encodeForm } = require('..');

const ACK = 'api_goods_stock_change_ack.php';

/**
 * @typedef {{ rec_id: string, sync_stock: string, stock_change_count: string }} QueriedRecord
 * @typedef {{ sid: string, appkey: string, appsecret: string }} Account
 */

/** @param {QueriedRecord} r */
const entry = (r) => `{"rec_id":"${r.rec_id}","sync_stock":${Number(r.sync_stock)},"stock_change_count":${Number(r.stock_change_count)}}`;

/**
 * Form bodies of the batches, signed now (signing is not part of what the floor measures).
 * @param {QueriedRecord[]} records @param {number} batchSize @param {Account} account
 */
function signedBatchBodies(records, batchSize, account) {
	/** @type {string[]} */
	const bodies = [];
	for (let i = 0; i < records.length; i += batchSize) {
		const list = `[${records.slice(i, i + batchSize).map(entry).join(',')}]`;
		bodies.push(encodeForm(buildSignedParams(account, { stock_sync_list: list })));
	}
	return bodies;
}

/** @param {string} text */
function assertAccepted(text) {
	const body = JSON.parse(text);
	if (String(body.code) !== '0' || (Array.isArray(body.errors) && body.errors.length > 0)) {
		throw new Error(`the gateway refused a benchmark request: ${text.slice(0, 200)}`);
	}
}

/**
 * Form bodies of trade_query page 0 of consecutive one-hour windows [from, to), signed now.
 * @param {number} from Unix seconds @param {number} to @param {Account} account
 */
function signedOrderWindowBodies(from, to, account) {
	/** @param {number} sec */
	const beijing = (sec) => new Date((sec + 8 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ');
	/** @type {string[]} */
	const bodies = [];
	for (let start = from; start < to; start += 3600) {
		const params = { start_time: beijing(start), end_time: beijing(Math.min(start + 3600, to)), page_no: '0', page_size: '100' };
		bodies.push(encodeForm(buildSignedParams(account, params)));
	}
	return bodies;
}

/**
 * @param {string} gateway @param {string[]} bodies @param {number} concurrency
 * @param {string} [endpoint] default the ack
 * @returns {Promise<number>} wall time in ms
 */
async function rawFloor(gateway, bodies, concurrency, endpoint = ACK) {
	const url = new URL(endpoint, gateway);
	const pool = new Pool(url.origin, { connections: concurrency, pipelining: 1 });
	let next = 0;
	const started = process.hrtime.bigint();
	const worker = async () => {
		while (next < bodies.length) {
			const body = bodies[next++];
			const response = await pool.request({
				method: 'POST',
				path: url.pathname,
				headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
				body,
			});
			assertAccepted(await response.body.text());
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	await pool.close();
	return wallMs;
}

/**
 * One request per record, signed when it is sent, each on a fresh connection.
 * @param {string} gateway @param {QueriedRecord[]} sample @param {Account} account
 * @returns {Promise<number>} wall time in ms for the sample
 */
async function sdkWay(gateway, sample, account) {
	const url = new URL(ACK, gateway);
	const started = process.hrtime.bigint();
	for (const record of sample) {
		const body = encodeForm(buildSignedParams(account, { stock_sync_list: `[${entry(record)}]` }));
		const client = new Client(url.origin);
		const response = await client.request({
			method: 'POST',
			path: url.pathname,
			headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
			body,
		});
		assertAccepted(await response.body.text());
		await client.close();
	}
	return Number(process.hrtime.bigint() - started) / 1e6;
}

module.exports = { signedBatchBodies, signedOrderWindowBodies, rawFloor, sdkWay };
