// @ts-check
'use strict';

/**
 * One benchmark run of the WDT node's Order · Get Many (trade_query, Return All) over a range,
 * through the real n8n engine, in a fresh process. A warm-up comes first (a long-running n8n has
 * its code compiled): the same operation over the same range from his_trade_query (30-day
 * windows), so that every trade_query request the emulator counts belongs to the measured run.
 * Prints one JSON line: the node's time (from n8n's task data), the number of orders output and
 * the CPU time of this process during the run (what the load of the machine does not change).
 *
 *   node bench/orders-through-node.js <gatewayUrl> <sid> <appkey> <appsecret> <fromIso> <toIso> <concurrency>
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'wdt-bench-'));
// A throwaway instance key (n8n would generate one and say so); nothing is encrypted with it.
process.env.N8N_ENCRYPTION_KEY ??= require('node:crypto').randomBytes(24).toString('base64');

const { NodeConnectionTypes } = require('n8n-workflow');
const { loadPackageTypes, runWorkflow } = require('../scripts/run-workflow');

/** One empty item: the WDT node runs once per input item. */
class OneItem {
	constructor() {
		/** @type {import('n8n-workflow').INodeTypeDescription} */
		this.description = {
			displayName: 'One Item',
			name: 'oneItem',
			group: ['input'],
			version: 1,
			description: 'Benchmark input',
			defaults: { name: 'Start' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		};
	}

	async execute() {
		return [[{ json: {} }]];
	}
}

async function main() {
	const [url, sid, appkey, appsecret, from, to, concurrency] = process.argv.slice(2);
	const { nodeTypes, credentialTypes } = loadPackageTypes();
	/** @param {string} source */
	const workflow = (source) => ({
		name: 'bench orders',
		nodes: [
			{ id: 's', name: 'Start', type: 'bench.oneItem', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'o',
				name: 'Orders',
				type: 'n8n-nodes-wdt.wdt',
				typeVersion: 1,
				position: [200, 0],
				parameters: {
					resource: 'order',
					operation: 'getMany',
					source,
					returnAll: true,
					from,
					to,
					options: { concurrency: Number(concurrency) },
				},
				credentials: { wdtApi: { id: 'bench', name: 'WDT bench' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Orders', type: 'main', index: 0 }]] } },
	});
	/** @param {string} source */
	const run = (source) =>
		runWorkflow({
			workflow: /** @type {any} */ (workflow(source)),
			nodeTypes: { ...nodeTypes, 'bench.oneItem': /** @type {any} */ (new OneItem()) },
			credentialTypes,
			credentials: { bench: { sid, appkey, appsecret, environment: 'custom', customUrl: url } },
			startNode: 'Start',
		});
	const warmUp = await run('history');
	if (warmUp.error) throw new Error(`the warm-up run failed: ${warmUp.error.message}`);
	const cpuBefore = process.cpuUsage();
	const result = await run('recent');
	const cpu = process.cpuUsage(cpuBefore);
	if (result.error) throw new Error(`the workflow failed: ${result.error.message}`);
	const task = result.run.data.resultData.runData.Orders?.[0];
	process.stdout.write(
		`${JSON.stringify({ nodeMs: task?.executionTime ?? null, orders: result.output('Orders').length, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
