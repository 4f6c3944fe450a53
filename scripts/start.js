#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * npm start [-- --orders N] [--skus N] [--refuse N] [--refunds N] [--seed S] [--port N] [--keep [--refill N]]
 *
 * A shop day on your machine, no WDT account needed: starts the openapi2 emulator (the ERP) with
 * a self-built shop's fake API, lets the shop take the day's orders, then runs
 * examples/shop-day.workflow.json through the real n8n engine (n8n-core's WorkflowExecute) with
 * this package's nodes from dist/:
 *   orders in      the shop's orders → WDT Order · Push (trade_push): the ERP reserves stock and ships
 *   stock out      WDT Stock Sync · Get Pending → push to the shop → WDT Ack Stock Sync
 *   shipments back WDT Logistics Sync · Get Pending → tracking number to the shop → · Acknowledge
 *   refunds in     the shop's refunds and returns (its buyers ask right after delivery) → WDT
 *                  Refund · Push (sales_refund_push): a return's goods come back to stock
 * The workflow runs again while anything is pending (as its schedule would). Exit code 0 only when
 * both pools are empty and the shop agrees with the ERP on stock, tracking numbers and refunds.
 * With --keep the emulator then gets new work (emulator/refill.js: new paid orders, shipped, so
 * stock changes and shipments wait in both pools) and keeps running for the imported examples.
 *
 * n8n's Manual Trigger, HTTP Request, Merge, If, No Operation, Edit Fields and Split Out are played by
 * the stand-ins of scripts/stand-ins.js and scripts/shop-stand-ins.js; `npm run e2e` runs the same file in n8n.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'shop-day.workflow.json');
const EXAMPLE_PORT = 8650;
const EXAMPLE_BASE = `http://127.0.0.1:${EXAMPLE_PORT}/fake-shop/`;
const CREDENTIAL_ID = 'wdt-demo';
const NODES = {
	orderPush: 'WDT Order Push',
	stockGet: 'WDT Get Pending Stock Changes',
	stockAck: 'WDT Ack Stock Sync',
	shipGet: 'WDT Get Pending Shipments',
	shipAck: 'WDT Acknowledge Shipments',
	/** The example's branch for shipments the shop refused (acked with status 1). */
	shipRefused: 'Refused by shop — check',
	refundPush: 'WDT Refund Push',
	/** The example's branch for refunds WDT did not take (refused, unknown or not sent). */
	refundRefused: 'Refund refused — check',
};
const MAX_ROUNDS = 12;

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
const { refillPools } = require('../emulator/refill');
const { shopStandInNodeTypes } = require('./shop-stand-ins');
const { loadPackageTypes, runWorkflow } = require('./run-workflow');

const USAGE = `Usage: npm start [-- options]
  --orders N      the shop's orders of the day (default 60, over shops shop-a and shop-b; 1 in 10 unpaid)
  --skus N        SKUs per shop (default 150)
  --refuse N      shipments the shop refuses (acked with status 1 and its message; default 1)
  --refunds N     refunds the shop's buyers ask for right after delivery (returns and refunds without
                  return, in turn; default 3)
  --seed S        seed of the demo data (default 1)
  --port N        emulator port (default ${EXAMPLE_PORT}; a free one is used if it is taken)
  --keep          leave the emulator running afterwards (Ctrl-C stops it), with new work waiting in it,
                  and show how to use it from n8n
  --refill N      with --keep: the new paid orders left waiting (default 20; each leaves a shipment
                  and stock changes of its SKUs)
  --help          this text`;

/** @param {string[]} argv */
function parseArgs(argv) {
	const options = {
		orders: 60,
		skus: 150,
		refuse: 1,
		refunds: 3,
		seed: /** @type {number | string} */ (1),
		port: EXAMPLE_PORT,
		keep: false,
		refill: 20,
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
		if (!/^[0-9]+$/.test(text)) throw new Error(`${argv[i]} must be a non-negative integer, got ${text}`);
		return Number(text);
	};
	for (let i = 0; i < argv.length; i++) {
		switch (argv[i]) {
			case '--orders':
				options.orders = integer(i++);
				break;
			case '--skus':
			case '--per-shop':
				options.skus = integer(i++);
				break;
			case '--refuse':
				options.refuse = integer(i++);
				break;
			case '--refunds':
				options.refunds = integer(i++);
				break;
			case '--seed': {
				const text = value(i++);
				options.seed = /^[0-9]+$/.test(text) ? Number(text) : text;
				break;
			}
			case '--port':
				options.port = integer(i++);
				break;
			case '--keep':
				options.keep = true;
				break;
			case '--refill':
				options.refill = integer(i++);
				break;
			case '--help':
			case '-h':
				options.help = true;
				break;
			default:
				throw new Error(`unknown option ${argv[i]}`);
		}
	}
	if (options.orders > 1000) throw new Error('--orders: at most 1000 (the example reads 10 pages of 100)');
	if (options.skus < 1) throw new Error('--skus: at least 1');
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
		if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EADDRINUSE' || options?.port === 0) throw error;
		console.log(`  Port ${options?.port} is taken: the emulator uses a free port instead.`);
		return await startEmulator({ ...options, port: 0 });
	}
}

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** @param {string} label @param {string | number} value */
const line = (label, value) => `    ${label.padEnd(21)}${value}`;

/** @param {unknown} error */
function describeRunError(error) {
	const e = /** @type {{ message?: string, description?: string, node?: { name?: string } }} */ (error);
	return [`${e.node?.name ? `${e.node.name}: ` : ''}${e.message ?? String(error)}`, e.description].filter(Boolean).join('\n    ');
}

/** @param {Array<{ json: Record<string, unknown> }>} items @param {string} field */
function countBy(items, field) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const item of items) {
		const key = String(item.json[field] ?? (item.json.error ? 'error' : '?'));
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

/**
 * The run above emptied both pools: leave new work in them for the examples a person imports, and
 * say what waits where.
 * @param {Awaited<ReturnType<typeof startEmulator>>} emu
 * @param {number} orders
 */
function handOver(emu, orders) {
	const waiting = refillPools(emu, { orders });
	console.log(`\n  Waiting in the emulator (${orders} new paid orders, shipped by the ERP, after the summary)`);
	for (const [shopNo, { stockChanges, shipments }] of Object.entries(waiting)) {
		console.log(line(shopNo, `${stockChanges} stock changes, ${shipments} shipments pending`));
	}
	// Two of the new orders' buyers ask for a refund: a return and a refund without return, for Refund · Push.
	const newest = emu.fakeShop.list().slice(-Math.min(2, orders));
	const refunds = newest.map((order, i) => emu.fakeShop.issueRefund(order.tid, { kind: i === 0 ? 'return' : 'refundOnly' }));
	if (refunds.length > 0) console.log(line('fake shop', `${refunds.map((r) => r.refund_no).join(', ')} waiting at /fake-shop/refunds (not yet in the ERP)`));
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
	console.log('WDT (Wangdiantong) shop day — a self-built shop joined to the ERP, on the openapi2 emulator\n');
	const emu = await startOnFreePort({
		port: options.port,
		seed: options.seed,
		pool: { shops: ['shop-a', 'shop-b'], perShop: options.skus, seed: options.seed },
		logRequests: false,
		shipAfterMs: 0,
	});
	const base = emu.fakeShopUrl.replace(/stock$/, '');
	const made = options.orders > 0 ? emu.fakeShop.generateOrders(options.orders, { unpaidRatio: 0.1 }) : [];
	if (options.refuse > 0) emu.fakeShop.refuseShipments({ count: options.refuse });
	if (options.refunds > 0) emu.fakeShop.refundAfterDelivery({ count: options.refunds });
	console.log(`  Emulator        ${emu.url}  (${emu.pool.size()} SKUs in shops shop-a and shop-b, ${emu.pool.pendingCount()} stock changes pending)`);
	console.log(`  Fake shop       ${base}orders: ${made.length} new orders (${made.filter((o) => o.pay_status === 2).length} paid); refuses ${options.refuse} shipment(s); ${options.refunds} refund(s) after delivery (${base}refunds)`);

	const text = fs.readFileSync(EXAMPLE, 'utf8');
	const workflow = JSON.parse(base === EXAMPLE_BASE ? text : text.split(EXAMPLE_BASE).join(base));
	const { nodeTypes, credentialTypes } = loadPackageTypes(ROOT);
	const allNodeTypes = { ...shopStandInNodeTypes(), ...nodeTypes };
	const missing = workflow.nodes.map((/** @type {{type: string}} */ n) => n.type).filter((/** @type {string} */ t) => !(t in allNodeTypes));
	if (missing.length > 0) throw new Error(`No node type for ${missing.join(', ')} (is package.json's n8n.nodes complete?)`);
	console.log(`  Workflow        ${path.relative(ROOT, EXAMPLE)} (${workflow.nodes.length} nodes), n8n-core WorkflowExecute, nodes from dist/`);
	console.log('  Stand-ins       Manual Trigger, HTTP Request, Merge, If, No Operation, Edit Fields, Split Out (scripts/stand-ins.js, scripts/shop-stand-ins.js)\n');

	const credentials = {
		[CREDENTIAL_ID]: {
			sid: emu.account.sid,
			appkey: emu.account.appkey,
			appsecret: emu.account.appsecret,
			environment: 'custom',
			customUrl: emu.url,
		},
	};
	const totals = { new: 0, changed: 0, pushed: 0, notPushed: 0, stockAcked: 0, shipped: 0, shipRefused: 0, refundsNew: 0, refundsChanged: 0, refundsNotTaken: 0, runs: 0 };
	/** @type {string[]} */
	const refusedRefunds = [];
	/** @type {string[]} */
	const refusedShipments = [];
	let failure = '';
	let summary = emu.shopSummary();
	while (!failure && totals.runs < MAX_ROUNDS && (totals.runs === 0 || !summary.ok)) {
		const t0 = Date.now();
		const run = await runWorkflow({ workflow, nodeTypes: allNodeTypes, credentialTypes, credentials });
		totals.runs++;
		const orders = countBy(run.output(NODES.orderPush), 'outcome');
		const stockAcked = run.output(NODES.stockAck).filter((item) => item.json.acked === true).length;
		const shipAcks = run.output(NODES.shipAck).filter((item) => item.json.outcome === 'acked');
		const shipped = shipAcks.filter((item) => item.json.status === 0).length;
		// The shipments the shop refused, as the example's check branch holds them (tid, shop, tracking number kept).
		const refusedItems = run.output(NODES.shipRefused);
		const refused = refusedItems.length;
		refusedShipments.push(...refusedItems.map((item) => `${item.json.shop_no} ${item.json.tid} (${item.json.logistics_no}): ${item.json.message}`));
		totals.new += orders.new ?? 0;
		totals.changed += orders.changed ?? 0;
		totals.pushed += orders.pushed ?? 0;
		totals.notPushed += Object.entries(orders)
			.filter(([outcome]) => !['new', 'changed', 'pushed'].includes(outcome))
			.reduce((sum, [, n]) => sum + n, 0);
		const refunds = countBy(run.output(NODES.refundPush), 'outcome');
		totals.refundsNew += refunds.new ?? 0;
		totals.refundsChanged += (refunds.changed ?? 0) + (refunds.pushed ?? 0);
		const refundsRefused = run.output(NODES.refundRefused);
		totals.refundsNotTaken += refundsRefused.length;
		refusedRefunds.push(...refundsRefused.map((item) => `${item.json.shop_no} ${item.json.refund_no} (order ${item.json.tid}): ${item.json.outcome}, ${/** @type {{ message?: string }} */ (item.json.error)?.message ?? ''}`));
		totals.stockAcked += stockAcked;
		totals.shipped += shipped;
		totals.shipRefused += refused;
		summary = emu.shopSummary();
		console.log(
			`  Run ${totals.runs}  orders ${JSON.stringify(orders)} · stock acked ${stockAcked} · shipments synced ${shipped}, refused by shop ${refused} · refunds ${JSON.stringify(refunds)} · pending stock ${summary.stock.pending}, shipments ${summary.logistics.pending}   ${seconds(Date.now() - t0)}`,
		);
		if (run.error) {
			failure = describeRunError(run.error);
			console.log(`    The run failed: ${failure}`);
		}
	}

	const ok = !failure && summary.ok;
	const { stock, tracking, orders, refunds } = summary;
	console.log('\n  Summary');
	console.log(line('orders pushed', `${totals.new} new, ${totals.changed} changed (re-pushed in later runs: safe, WDT updates by tid)${totals.pushed ? `, ${totals.pushed} new or changed` : ''}${totals.notPushed ? `, ${totals.notPushed} not taken` : ''}`));
	console.log(line('ERP orders', `${orders.paidInShop} paid in the shop, ${orders.paidNotShipped} paid but not shipped`));
	console.log(line('stock acked', `${totals.stockAcked} stock changes acknowledged`));
	console.log(line('shipments synced', `${totals.shipped} tracking numbers to the shop (status 0), ${totals.shipRefused} refused by the shop (status 1 with its message)`));
	for (const shipment of refusedShipments) console.log(line('refused — check', shipment));
	console.log(line('refunds pushed', `${totals.refundsNew} new, ${totals.refundsChanged} changed (re-pushed in later runs: safe, WDT updates by refund_no)${totals.refundsNotTaken ? `, ${totals.refundsNotTaken} not taken` : ''}; ${refunds.returnsReceived} return(s) received back into stock`));
	for (const refund of refusedRefunds) console.log(line('refused — check', refund));
	console.log(line('pending', `stock pool ${stock.pending}, logistics pool ${summary.logistics.pending}`));
	console.log(line('shop = ERP stock', `${stock.equal}/${stock.rows} SKUs (${stock.different.length} different, ${stock.missing.length} never pushed)`));
	console.log(line('shop = ERP tracking', `${tracking.equal} equal, ${tracking.different.length} different, ${tracking.refusedByShop} refused by the shop (shown in the ERP)`));
	console.log(line('shop = ERP refunds', `${refunds.equal}/${refunds.inShop} refunds (${refunds.missing.length} not in the ERP, ${refunds.different.length} different)`));
	console.log(line('time', `${seconds(Date.now() - started)} (${totals.runs} run${totals.runs === 1 ? '' : 's'})`));
	console.log(`\n  ${ok ? 'OK: all four loops are closed.' : `NOT OK: ${failure || 'see the summary above'}`}`);

	if (!options.keep) {
		await emu.stop();
		return ok ? 0 : 1;
	}
	handOver(emu, options.refill);
	console.log(`
  The emulator keeps running (--keep). To use it from n8n, create a "WDT API" credential:
    Environment      Custom Gateway URL
    Gateway URL      ${emu.url}
    Seller Account   ${emu.account.sid}
    App Key          ${emu.account.appkey}
    App Secret       ${emu.account.appsecret}   (the emulator's own demo secret)
  and import examples/shop-day.workflow.json (or the single loops: shop-orders-in, shop-shipments-back,
  shop-refunds-in, stock-sync-loop, stock-change-trigger).
  The fake shop: ${base}orders, ${base}shipments, ${base}refunds, ${base}stock.

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
