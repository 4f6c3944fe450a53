#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * npm start [-- --keep] [--per-shop N] [--churn N] [--seed S] [--port N]
 *
 * The stock-sync loop on your machine, no WDT account needed: starts the openapi2 emulator with a
 * seeded pool (two shops, realistic Chinese goods names), then runs
 * examples/stock-sync-loop.workflow.json through the real n8n engine (n8n-core's WorkflowExecute)
 * with this package's nodes and credential from dist/: query the pending stock changes, push each
 * one to the emulator's fake shop, ack it. Then the ERP's stock changes for a few SKUs and the
 * loop runs again. Exit code 0 when nothing is left pending and the shop matches the ERP.
 *
 * n8n's Manual Trigger, HTTP Request, Merge, If and No Operation are played by the stand-ins of scripts/stand-ins.js;
 * `npm run e2e` runs the same file in the real n8n app.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'stock-sync-loop.workflow.json');
const EXAMPLE_PORT = 8650;
const EXAMPLE_SHOP_URL = `http://127.0.0.1:${EXAMPLE_PORT}/fake-shop/stock`;
const CREDENTIAL_ID = 'wdt-demo';
const NODES = {
	get: 'WDT Get Stock Changes',
	push: 'Push Stock to Shop',
	ack: 'WDT Ack Stock Sync',
};
const MAX_ROUNDS = 6;

// Running a workflow writes n8n's instance config under $N8N_USER_FOLDER/.n8n: keep it out of $HOME.
let tempUserFolder = '';
if (!process.env.N8N_USER_FOLDER) {
	tempUserFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-wdt-start-'));
	process.env.N8N_USER_FOLDER = tempUserFolder;
	// A throwaway instance key (n8n would generate one and say so); nothing is encrypted with it.
	process.env.N8N_ENCRYPTION_KEY ??= require('node:crypto').randomBytes(24).toString('base64');
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

const { startEmulator } = require('../emulator');
const { standInNodeTypes } = require('./stand-ins');
const { loadPackageTypes, runWorkflow } = require('./run-workflow');

const USAGE = `Usage: npm start [-- options]
  --keep          leave the emulator running afterwards (Ctrl-C stops it) and show how to use it from n8n
  --per-shop N    SKUs per demo shop (default 150; shops shop-a and shop-b)
  --churn N       stock changes made in the ERP between the first and the second run (default 24)
  --seed S        seed of the demo pool (default 1)
  --port N        emulator port (default ${EXAMPLE_PORT}; a free one is used if it is taken)
  --help          this text`;

/** @param {string[]} argv */
function parseArgs(argv) {
	const options = {
		keep: false,
		perShop: 150,
		churn: 24,
		seed: /** @type {number | string} */ (1),
		port: EXAMPLE_PORT,
		help: false,
	};
	/** @param {number} i */
	const value = (i) => {
		const text = argv[i + 1];
		if (text === undefined || text.startsWith('--')) throw new Error(`${argv[i]} needs a value`);
		return text;
	};
	/** @param {number} i */
	const integer = (i) => {
		const text = value(i);
		if (!/^[0-9]+$/.test(text))
			throw new Error(`${argv[i]} must be a non-negative integer, got ${text}`);
		return Number(text);
	};
	for (let i = 0; i < argv.length; i++) {
		switch (argv[i]) {
			case '--keep':
				options.keep = true;
				break;
			case '--per-shop':
				options.perShop = integer(i++);
				break;
			case '--churn':
				options.churn = integer(i++);
				break;
			case '--seed': {
				const text = value(i++);
				options.seed = /^[0-9]+$/.test(text) ? Number(text) : text;
				break;
			}
			case '--port':
				options.port = integer(i++);
				break;
			case '--help':
			case '-h':
				options.help = true;
				break;
			default:
				throw new Error(`unknown option ${argv[i]}`);
		}
	}
	return options;
}

/**
 * @param {Parameters<typeof startEmulator>[0]} options
 * @returns {Promise<Awaited<ReturnType<typeof startEmulator>>>}
 */
async function startOnFreePort(options) {
	try {
		return await startEmulator(options);
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EADDRINUSE' || options?.port === 0)
			throw error;
		console.log(`  Port ${options?.port} is taken: the emulator uses a free port instead.`);
		return await startEmulator({ ...options, port: 0 });
	}
}

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** @param {string} label @param {string | number} value */
const line = (label, value) => `    ${label.padEnd(15)}${value}`;

/** @param {unknown} error */
function describeRunError(error) {
	const e = /** @type {{ message?: string, description?: string, node?: { name?: string } }} */ (
		error
	);
	return [`${e.node?.name ? `${e.node.name}: ` : ''}${e.message ?? String(error)}`, e.description]
		.filter(Boolean)
		.join('\n    ');
}

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${/** @type {Error} */ (error).message}\n\n${USAGE}`);
		return 2;
	}
	if (options.help) {
		console.log(USAGE);
		return 0;
	}
	const started = Date.now();

	console.log('旺店通 (WDT) stock-sync loop — local demo on the openapi2 emulator\n');
	const emu = await startOnFreePort({
		port: options.port,
		seed: options.seed,
		pool: { shops: ['shop-a', 'shop-b'], perShop: options.perShop, seed: options.seed },
		logRequests: false,
	});
	const skus = emu.pool.size();
	console.log(
		`  Emulator      ${emu.url}  (${skus} SKUs in shops shop-a and shop-b, ${emu.pool.pendingCount()} pending)`,
	);

	// The example as shipped; if the emulator is not on the example's port, point the push there.
	const text = fs.readFileSync(EXAMPLE, 'utf8');
	const workflow = JSON.parse(
		emu.fakeShopUrl === EXAMPLE_SHOP_URL
			? text
			: text.split(EXAMPLE_SHOP_URL).join(emu.fakeShopUrl),
	);
	console.log(
		`  Workflow      ${path.relative(ROOT, EXAMPLE)}: ${workflow.nodes.map((/** @type {{name: string}} */ n) => n.name).join(' → ')}`,
	);
	if (emu.fakeShopUrl !== EXAMPLE_SHOP_URL)
		console.log(`                (push URL rewritten for this run: ${emu.fakeShopUrl})`);

	const { nodeTypes, credentialTypes } = loadPackageTypes(ROOT);
	const allNodeTypes = { ...standInNodeTypes(), ...nodeTypes };
	const missing = workflow.nodes
		.map((/** @type {{type: string}} */ n) => n.type)
		.filter((/** @type {string} */ t) => !(t in allNodeTypes));
	if (missing.length > 0)
		throw new Error(
			`No node type for ${missing.join(', ')} (is package.json's n8n.nodes complete?)`,
		);
	console.log(
		`  Engine        n8n-core WorkflowExecute; nodes ${Object.keys(nodeTypes).join(', ')} from dist/`,
	);
	console.log(
		"  Stand-ins     n8n's Manual Trigger, HTTP Request, Merge, If and No Operation are not dependencies of this package: scripts/stand-ins.js\n" +
			'                plays them, doing exactly what the example configures (the push is a real HTTP POST).\n' +
			'                `npm run e2e` runs the same file in the real n8n app.\n',
	);

	const credentials = {
		[CREDENTIAL_ID]: {
			sid: emu.account.sid,
			appkey: emu.account.appkey,
			appsecret: emu.account.appsecret,
			environment: 'custom',
			customUrl: emu.url,
		},
	};
	const totals = { queried: 0, pushed: 0, acked: 0, runs: 0 };
	let failure = '';

	/** @param {string} label */
	const runRound = async (label) => {
		const t0 = Date.now();
		const run = await runWorkflow({
			workflow,
			nodeTypes: allNodeTypes,
			credentialTypes,
			credentials,
		});
		const queried = run.output(NODES.get).length;
		const pushed = run.output(NODES.push).length;
		const acked = run.output(NODES.ack).filter((item) => item.json.acked === true).length;
		totals.queried += queried;
		totals.pushed += pushed;
		totals.acked += acked;
		totals.runs++;
		console.log(
			`  ${label.padEnd(34)}queried ${String(queried).padStart(4)} · pushed ${String(pushed).padStart(4)} · acked ${String(acked).padStart(4)} · pending after ${String(emu.pool.pendingCount()).padStart(4)}   ${seconds(Date.now() - t0)}`,
		);
		if (run.error) {
			failure = describeRunError(run.error);
			console.log(`    The run failed: ${failure}`);
		}
		return queried;
	};

	await runRound('Run 1: every pending change');
	if (!failure && options.churn > 0) {
		const changed = new Set(emu.pool.changeRandom(options.churn).map((row) => row.rec_id)).size;
		console.log(`  ERP: stock changed for ${changed} SKUs (orders, returns, stock-taking)`);
		await runRound('Run 2: the new changes');
	}
	// A gateway that shows more pending records only after the ack needs more runs (like the next polls).
	while (!failure && emu.pool.pendingCount() > 0 && totals.runs < MAX_ROUNDS) {
		await runRound(`Run ${totals.runs + 1}: still pending`);
	}

	const pending = emu.pool.pendingCount();
	const rows = emu.pool.all();
	const inStep = rows.filter(
		(row) => emu.shopStock.stock(row.shop_no, row.spec_no) === row.sync_stock,
	).length;
	const ok = !failure && pending === 0 && inStep === rows.length;

	console.log('\n  Summary');
	console.log(
		line(
			'queried',
			`${totals.queried} stock changes (shop-a, shop-b; ${totals.runs} run${totals.runs === 1 ? '' : 's'})`,
		),
	);
	console.log(
		line(
			'pushed',
			`${totals.pushed} to the fake shop (${emu.stats.byEndpoint['fake-shop'] ?? 0} POSTs received)`,
		),
	);
	console.log(line('acked', `${totals.acked} (库存同步回写)`));
	console.log(line('still pending', pending));
	console.log(line('shop = ERP', `${inStep}/${rows.length} SKUs have the ERP's stock in the shop`));
	console.log(line('time', seconds(Date.now() - started)));
	console.log(
		`\n  ${ok ? 'OK: the loop is closed.' : `NOT OK: ${failure || `${pending} still pending, ${rows.length - inStep} SKUs out of step`}`}`,
	);

	if (!options.keep) {
		await emu.stop();
		return ok ? 0 : 1;
	}

	console.log(`
  The emulator keeps running (--keep). To use it from n8n, create a "WDT (旺店通) API" credential:
    Environment      Custom Gateway URL
    Gateway URL      ${emu.url}
    Seller Account   ${emu.account.sid}
    App Key          ${emu.account.appkey}
    App Secret       ${emu.account.appsecret}   (the emulator's own demo secret)
  import examples/stock-sync-loop.workflow.json (or stock-change-trigger.workflow.json) and pick it.
  The fake shop: ${emu.fakeShopUrl} (GET lists what was pushed).${
		emu.fakeShopUrl !== EXAMPLE_SHOP_URL
			? `\n  Note: the examples push to ${EXAMPLE_SHOP_URL}; change the URL of "Push Stock to Shop" to the one above.`
			: ''
	}
  Make more stock changes with: npm run emulator -- --churn 20 (a separate emulator), or restart this.

  Ctrl-C to stop.`);
	return await new Promise((resolve) => {
		const stop = () => {
			emu.stop().then(() => resolve(ok ? 0 : 1));
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
}

main()
	.then((code) => {
		if (tempUserFolder) fs.rmSync(tempUserFolder, { recursive: true, force: true });
		process.exit(code);
	})
	.catch((error) => {
		console.error(error);
		if (tempUserFolder) fs.rmSync(tempUserFolder, { recursive: true, force: true });
		process.exit(1);
	});
