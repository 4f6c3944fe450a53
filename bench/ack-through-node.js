// @ts-check
'use strict';

/**
 * One benchmark run of a write through the real n8n engine, in a fresh process so that its peak
 * RSS is its own. A short warm-up run first (the first 2 000 records: acks are idempotent, so
 * acking them again later costs the same) stands for a long-running n8n whose code is already
 * compiled. Prints one JSON line: the node's time (from n8n's task data), the whole run's time and
 * the process's peak RSS. The node is one of:
 *   ack        WDT Ack Stock Sync (Map Automatically)
 *   logistics  the WDT node's Logistics Sync · Acknowledge (every shipment taken by the shop)
 *   floor      a pass-through node (No Operation's stand-in) that outputs its input items, paired: the
 *              engine's own floor, what any node outputting these items costs
 *   helper     the transport's floor: a node that sends the same records, `batchSize` a call, one call
 *              at a time, through n8n's httpRequestWithAuthentication (signed by the WDT credential,
 *              redirects not followed, as the project's rules require, n8n's JSON reading) and then
 *              outputs its input items, paired; no checks, no outcomes: what any node that must
 *              send through n8n's request helper costs
 *   helper-stream  the same, reading each answer as a stream (as the WDT node does, to cap an
 *              answer's size while it arrives)
 *
 *   node bench/ack-through-node.js <ack|logistics|floor|helper|helper-stream> <records.json> <gatewayUrl> <sid> <appkey> <appsecret> <batchSize> <concurrency>
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'wdt-bench-'));
// A throwaway instance key (n8n would generate one and say so); nothing is encrypted with it.
process.env.N8N_ENCRYPTION_KEY ??= require('node:crypto').randomBytes(24).toString('base64');

const { NodeConnectionTypes } = require('n8n-workflow');
const { loadPackageTypes, runWorkflow } = require('../scripts/run-workflow');
// The floor: No Operation's stand-in outputs its input items unchanged, each paired with itself.
const { NoOpStandIn: PassThrough } = require('../scripts/stand-ins-routing');

/** Emits the records of a JSON file as items (the benchmark's stand-in for the query). */
class RecordsFromFile {
	constructor() {
		/** @type {import('n8n-workflow').INodeTypeDescription} */
		this.description = {
			displayName: 'Records From File',
			name: 'recordsFromFile',
			group: ['input'],
			version: 1,
			description: 'Benchmark input',
			defaults: { name: 'Records' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [
				{ displayName: 'File', name: 'file', type: 'string', default: '' },
				{ displayName: 'Limit (0 = All)', name: 'limit', type: 'number', default: 0 },
			],
		};
	}

	/** @this {import('n8n-workflow').IExecuteFunctions} */
	async execute() {
		const file = /** @type {string} */ (this.getNodeParameter('file', 0));
		/** @type {import('n8n-workflow').IDataObject[]} */
		const records = JSON.parse(fs.readFileSync(file, 'utf8'));
		const limit = /** @type {number} */ (this.getNodeParameter('limit', 0));
		return [(limit > 0 ? records.slice(0, limit) : records).map((json, item) => ({ json, pairedItem: { item } }))];
	}
}

/** @param {AsyncIterable<Buffer>} body */
async function readStream(body) {
	const chunks = [];
	for await (const chunk of body) chunks.push(chunk);
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * The transport's floor: sends the records through n8n's request helper and does nothing else.
 * Stops at the first answer that is not code 0 (a floor that failed measures nothing).
 */
class HelperFloor extends PassThrough {
	constructor() {
		super();
		// The pass-through's node, with a credential and the call's two values.
		/** @type {import('n8n-workflow').INodeTypeDescription} */
		this.description = {
			...this.description,
			displayName: 'Helper Floor',
			name: 'helperFloor',
			credentials: [{ name: 'wdtApi', required: true }],
			properties: [
				{ displayName: 'URL', name: 'url', type: 'string', default: '' },
				{ displayName: 'Batch Size', name: 'batchSize', type: 'number', default: 100 },
				{ displayName: 'Read as a Stream', name: 'stream', type: 'boolean', default: false },
			],
		};
	}

	/** @this {import('n8n-workflow').IExecuteFunctions} */
	async execute() {
		const items = this.getInputData();
		const url = /** @type {string} */ (this.getNodeParameter('url', 0));
		const size = /** @type {number} */ (this.getNodeParameter('batchSize', 0));
		const stream = /** @type {boolean} */ (this.getNodeParameter('stream', 0));
		for (let start = 0; start < items.length; start += size) {
			const list = items.slice(start, start + size).map(({ json }) => ({
				rec_id: json.rec_id,
				sync_stock: Number(json.sync_stock),
				stock_change_count: Number(json.stock_change_count),
			}));
			const sent = await this.helpers.httpRequestWithAuthentication.call(this, 'wdtApi', {
				method: 'POST',
				url,
				body: { stock_sync_list: JSON.stringify(list) },
				disableFollowRedirect: true,
				...(stream ? { encoding: 'stream', json: false, returnFullResponse: true, ignoreHttpStatusErrors: true } : { json: true }),
			});
			const answer = stream ? JSON.parse(await readStream(sent.body)) : sent;
			if (answer?.code !== 0) throw new Error(`helper floor: answer ${JSON.stringify(answer)}`);
		}
		return await PassThrough.prototype.execute.call(this);
	}
}

/** @param {string} mode @param {number} batchSize @param {number} concurrency @param {string} url */
function nodeUnderTest(mode, batchSize, concurrency, url) {
	const credentials = { wdtApi: { id: 'bench', name: 'WDT bench' } };
	const options = { batchSize, concurrency };
	switch (mode) {
		case 'ack':
			return { type: 'n8n-nodes-wdt.wdtAckStockSync', parameters: { mappingMode: 'auto', options }, credentials };
		case 'logistics':
			return { type: 'n8n-nodes-wdt.wdt', parameters: { resource: 'logisticsSync', operation: 'acknowledge', ackOptions: options }, credentials };
		case 'floor':
			return { type: 'bench.passThrough', parameters: {} };
		case 'helper':
		case 'helper-stream':
			return { type: 'bench.helperFloor', parameters: { url: `${url}api_goods_stock_change_ack.php`, batchSize, stream: mode === 'helper-stream' }, credentials };
		default:
			throw new Error(`unknown mode ${mode}`);
	}
}

async function main() {
	const [mode, file, url, sid, appkey, appsecret, batchSize, concurrency] = process.argv.slice(2);
	const { nodeTypes, credentialTypes } = loadPackageTypes();
	const source = { id: 'r', name: 'Records', type: 'bench.recordsFromFile', typeVersion: 1, position: [0, 0], parameters: { file, limit: 0 } };
	const workflow = {
		name: 'bench',
		nodes: [
			source,
			{ id: 'a', name: 'Ack', typeVersion: 1, position: [200, 0], ...nodeUnderTest(mode, Number(batchSize), Number(concurrency), url) },
		],
		connections: { Records: { main: [[{ node: 'Ack', type: 'main', index: 0 }]] } },
	};
	const run = () =>
		runWorkflow({
			workflow: /** @type {any} */ (workflow),
			nodeTypes: {
				...nodeTypes,
				'bench.recordsFromFile': /** @type {any} */ (new RecordsFromFile()),
				'bench.passThrough': /** @type {any} */ (new PassThrough()),
				'bench.helperFloor': /** @type {any} */ (new HelperFloor()),
			},
			credentialTypes,
			credentials: { bench: { sid, appkey, appsecret, environment: 'custom', customUrl: url } },
			startNode: 'Records',
		});
	source.parameters.limit = 2000;
	const warmUp = await run();
	if (warmUp.error) throw new Error(`the warm-up run failed: ${warmUp.error.message}`);
	source.parameters.limit = 0;
	const started = process.hrtime.bigint();
	const result = await run();
	const runMs = Number(process.hrtime.bigint() - started) / 1e6;
	if (result.error) throw new Error(`the workflow failed: ${result.error.message}`);
	const task = result.run.data.resultData.runData.Ack?.[0];
	const out = result.output('Ack');
	// The floors report no outcomes: the pass-through writes nothing, the helper floor stops at the first refusal.
	const acked = mode === 'floor' || mode.startsWith('helper') ? out.length : out.filter((item) => item.json.outcome === 'acked').length;
	process.stdout.write(
		`${JSON.stringify({
			nodeMs: task?.executionTime ?? null,
			runMs,
			outputItems: out.length,
			acked,
			peakRssMB: process.resourceUsage().maxRSS / 1024,
		})}\n`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
