// @ts-check
'use strict';

/**
 * One benchmark run of WDT Ack Stock Sync through the real n8n engine, in a fresh process so
 * that its peak RSS is its own. A short warm-up run first (the first 2 000 records: acks are
 * idempotent, so acking them again later costs the same) stands for a long-running n8n whose
 * code is already compiled. Prints one JSON line: the node's time (from n8n's task data), the
 * whole run's time and the process's peak RSS.
 *
 *   node bench/ack-through-node.js <records.json> <gatewayUrl> <sid> <appkey> <appsecret> <batchSize> <concurrency>
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'wdt-bench-'));
// A throwaway instance key (n8n would generate one and say so); nothing is encrypted with it.
process.env.N8N_ENCRYPTION_KEY ??= require('node:crypto').randomBytes(24).toString('base64');

const { NodeConnectionTypes } = require('n8n-workflow');
const { loadPackageTypes, runWorkflow } = require('../scripts/run-workflow');

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

async function main() {
	const [file, url, sid, appkey, appsecret, batchSize, concurrency] = process.argv.slice(2);
	const { nodeTypes, credentialTypes } = loadPackageTypes();
	const workflow = {
		name: 'bench',
		nodes: [
			{ id: 'r', name: 'Records', type: 'bench.recordsFromFile', typeVersion: 1, position: [0, 0], parameters: { file, limit: 0 } },
			{
				id: 'a',
				name: 'Ack',
				type: 'n8n-nodes-wdt.wdtAckStockSync',
				typeVersion: 1,
				position: [200, 0],
				parameters: {
					mappingMode: 'auto',
					options: { batchSize: Number(batchSize), concurrency: Number(concurrency) },
				},
				credentials: { wdtApi: { id: 'bench', name: 'WDT bench' } },
			},
		],
		connections: { Records: { main: [[{ node: 'Ack', type: 'main', index: 0 }]] } },
	};
	const run = () =>
		runWorkflow({
			workflow: /** @type {any} */ (workflow),
			nodeTypes: { ...nodeTypes, 'bench.recordsFromFile': /** @type {any} */ (new RecordsFromFile()) },
			credentialTypes,
			credentials: { bench: { sid, appkey, appsecret, environment: 'custom', customUrl: url } },
			startNode: 'Records',
		});
	workflow.nodes[0].parameters.limit = 2000;
	const warmUp = await run();
	if (warmUp.error) throw new Error(`the warm-up run failed: ${warmUp.error.message}`);
	workflow.nodes[0].parameters.limit = 0;
	const started = process.hrtime.bigint();
	const result = await run();
	const runMs = Number(process.hrtime.bigint() - started) / 1e6;
	if (result.error) throw new Error(`the workflow failed: ${result.error.message}`);
	const task = result.run.data.resultData.runData.Ack?.[0];
	const out = result.output('Ack');
	const acked = out.filter((item) => item.json.acked === true).length;
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
