// @ts-check
'use strict';

/**
 * `npm run bench`: ack throughput of WDT Ack Stock Sync through the real n8n engine against the
 * emulator with 20 ms injected latency, side by side with the network limit, a raw undici client
 * and the SDK way; its peak RSS against a pass-through node's (the floor) in the same run; time and
 * peak RSS against the request helper's floor (the same records sent through n8n's request helper
 * by a node that does nothing else: what any node that must send through it costs; answers read
 * as JSON, and as a stream as the WDT node reads them); 10 000
 * shipments through Logistics Sync · Acknowledge; pack+sign against raw md5. Prints a table and
 * writes bench/results.json.
 *
 * Then "orders of 30 days": the WDT node's Order · Get Many (trade_query, Return All) over 30 days
 * of the emulator's world — 720 one-hour windows, some with several pages — at Concurrency 1 and 4,
 * against the network limit requests ÷ C × 20 ms and a raw floor (page 0 of every window, signed
 * beforehand, sent by a bare undici Pool at the same C; per request, scaled to the node's requests).
 *
 * Options: --quick (N = 2 000 and 10 000 only), --batch B, --concurrency C,
 * --orders-only (only the orders rows; the ack rows of results.json are kept).
 */
const { fork, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { rawFloor, sdkWay, signedBatchBodies, signedOrderWindowBodies } = require('./raw-clients');
const { benchSigning } = require('./signing');

const LATENCY_MS = 20;
const SDK_SAMPLE = 200;
const args = process.argv.slice(2);
/** @param {string} name @param {number} fallback */
const flag = (name, fallback) => {
	const at = args.indexOf(name);
	return at >= 0 ? Number(args[at + 1]) : fallback;
};
const BATCH = flag('--batch', 100);
const CONCURRENCY = flag('--concurrency', 1);
const SIZES = args.includes('--quick') ? [2000, 10000] : [10000, 100000];
const ORDERS_ONLY = args.includes('--orders-only');
const ORDER_DAYS = 30;
const ORDER_CONCURRENCIES = [1, 4];

/** The emulator in its own process, with a tiny request/response protocol over IPC. */
async function startEmulatorProcess() {
	const child = fork(path.join(__dirname, 'emulator-process.js'), [String(LATENCY_MS)], { stdio: 'inherit' });
	/** @type {Map<number, (message: any) => void>} */
	const waiting = new Map();
	let nextId = 1;
	/** @type {any} */
	const ready = await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.on('message', (/** @type {any} */ message) => {
			if (message.ready) resolve(message);
			else waiting.get(message.id)?.(message);
		});
	});
	/** @param {Record<string, unknown>} command @returns {Promise<any>} */
	const ask = (command) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			waiting.set(id, (message) => {
				waiting.delete(id);
				if (message.ok) resolve(message);
				else reject(new Error(message.error));
			});
			child.send({ ...command, id });
		});
	return { url: /** @type {string} */ (ready.url), account: ready.account, ask, stop: () => child.disconnect() };
}

/**
 * The request helper's floor for n records (a fresh pool), checked to have acked every one.
 * @param {Awaited<ReturnType<typeof startEmulatorProcess>>} emu @param {number} n @param {string} file @param {string[]} account
 * @param {'helper' | 'helper-stream'} mode: answers read by n8n as JSON, or as a stream (as the WDT node reads them)
 */
async function helperFloor(emu, n, file, account, mode) {
	await emu.ask({ cmd: 'seed', n, file });
	const helper = runNodeProcess([mode, file, ...account]);
	const left = (await emu.ask({ cmd: 'pending' })).pending;
	if (helper.outputItems !== n || left !== 0) throw new Error(`helper floor run: ${helper.outputItems} of ${n} items, ${left} still pending`);
	return helper;
}

/** @param {string[]} argv: the mode (ack, logistics, floor, helper), then the records file and the rest */
function runNodeProcess(argv) {
	const output = execFileSync(process.execPath, ['--max-old-space-size=2048', path.join(__dirname, 'ack-through-node.js'), ...argv], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: 15 * 60 * 1000,
	});
	return JSON.parse(output.trim().split('\n').pop() ?? '{}');
}

/**
 * Order · Get Many over the world's last 30 days, in a fresh process per Concurrency; the requests
 * are the emulator's count of trade_query calls during the run (the warm-up uses his_trade_query).
 * @param {Awaited<ReturnType<typeof startEmulatorProcess>>} emu
 */
async function benchOrders(emu) {
	const world = await emu.ask({ cmd: 'orders', days: ORDER_DAYS });
	const rows = [];
	for (const concurrency of ORDER_CONCURRENCIES) {
		const before = (await emu.ask({ cmd: 'stats' })).stats.byEndpoint['trade_query.php'] ?? 0;
		const output = execFileSync(
			process.execPath,
			[
				path.join(__dirname, 'orders-through-node.js'),
				emu.url,
				emu.account.sid,
				emu.account.appkey,
				emu.account.appsecret,
				new Date(world.from * 1000).toISOString(),
				new Date(world.to * 1000).toISOString(),
				String(concurrency),
			],
			{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 15 * 60 * 1000 },
		);
		const node = JSON.parse(output.trim().split('\n').pop() ?? '{}');
		const requests = ((await emu.ask({ cmd: 'stats' })).stats.byEndpoint['trade_query.php'] ?? 0) - before;
		if (node.orders !== world.orders) throw new Error(`orders run (C = ${concurrency}): ${node.orders} of ${world.orders} orders`);
		const limitMs = (requests / concurrency) * LATENCY_MS;
		// The raw floor: page 0 of every window, signed beforehand, from a bare undici Pool.
		const floorBodies = signedOrderWindowBodies(world.from, world.to, emu.account);
		const floorMs = await rawFloor(emu.url, floorBodies, concurrency, 'trade_query.php');
		const floorPerRequest = floorMs / floorBodies.length;
		rows.push({
			days: ORDER_DAYS,
			windows: ORDER_DAYS * 24,
			multiPageWindows: world.multiPageWindows,
			orders: world.orders,
			concurrency,
			requests,
			nodeMs: node.nodeMs,
			networkLimitMs: limitMs,
			limitOverNode: limitMs / node.nodeMs,
			nodeCpuMsPerRequest: node.cpuMs / requests,
			rawFloorMs: floorPerRequest * requests,
			nodeOverFloor: node.nodeMs / (floorPerRequest * requests),
		});
	}
	return rows;
}

const SHIPMENTS = 10000;

/**
 * Logistics Sync · Acknowledge of 10 000 shipments (Batch Size 50, WDT's limit for
 * logistics_sync_ack), against the network limit, with its own pass-through floor.
 * @param {Awaited<ReturnType<typeof startEmulatorProcess>>} emu
 * @param {string} tmp
 */
async function benchLogistics(emu, tmp) {
	const file = path.join(tmp, 'shipments.json');
	const batch = 50;
	await emu.ask({ cmd: 'shipments', n: SHIPMENTS, file });
	const account = [emu.url, emu.account.sid, emu.account.appkey, emu.account.appsecret, String(batch), String(CONCURRENCY)];
	const node = runNodeProcess(['logistics', file, ...account]);
	const left = (await emu.ask({ cmd: 'pending' })).pending;
	if (node.acked !== SHIPMENTS || left !== 0) throw new Error(`logistics run: ${node.acked} of ${SHIPMENTS} acked, ${left} still pending`);
	const floor = runNodeProcess(['floor', file, ...account]);
	const requests = Math.ceil(SHIPMENTS / batch);
	const limitMs = (requests / CONCURRENCY) * LATENCY_MS;
	return {
		shipments: SHIPMENTS,
		batchSize: batch,
		concurrency: CONCURRENCY,
		requests,
		nodeMs: node.nodeMs,
		networkLimitMs: limitMs,
		limitOverNode: limitMs / node.nodeMs,
		peakRssMB: node.peakRssMB,
		floorPeakRssMB: floor.peakRssMB,
		rssOverFloor: node.peakRssMB / floor.peakRssMB,
	};
}

/** @param {number} n */
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wdt-bench-'));
	const emu = await startEmulatorProcess();
	/** @type {any[]} */
	let rows = [];
	/** @type {any[]} */
	let orderRows = [];
	/** @type {any} */
	let logisticsRow;
	try {
		for (const n of ORDERS_ONLY ? [] : SIZES) {
			const file = path.join(tmp, `records-${n}.json`);

			await emu.ask({ cmd: 'seed', n, file });
			const account = [emu.url, emu.account.sid, emu.account.appkey, emu.account.appsecret, String(BATCH), String(CONCURRENCY)];
			const node = runNodeProcess(['ack', file, ...account]);
			const left = (await emu.ask({ cmd: 'pending' })).pending;
			if (node.acked !== n || left !== 0) throw new Error(`node run: ${node.acked} of ${n} acked, ${left} still pending`);
			// The floor: a pass-through node given the same items, run the same way (nothing is sent).
			const floor = runNodeProcess(['floor', file, ...account]);
			if (floor.outputItems !== n) throw new Error(`floor run: ${floor.outputItems} of ${n} items`);
			// The transport's floor: the same records sent through n8n's request helper, nothing else
			// (one call at a time: only comparable at C = 1).
			const helpers = [];
			if (CONCURRENCY === 1) {
				helpers.push({ read: 'JSON', run: await helperFloor(emu, n, file, account, 'helper') });
				helpers.push({ read: 'stream', run: await helperFloor(emu, n, file, account, 'helper-stream') });
			}

			await emu.ask({ cmd: 'seed', n, file });
			const records = JSON.parse(fs.readFileSync(file, 'utf8'));
			const bodies = signedBatchBodies(records, BATCH, emu.account);
			const floorMs = await rawFloor(emu.url, bodies, CONCURRENCY);
			if ((await emu.ask({ cmd: 'pending' })).pending !== 0) throw new Error('raw floor run left records pending');

			await emu.ask({ cmd: 'seed', n: SDK_SAMPLE, file });
			const sample = JSON.parse(fs.readFileSync(file, 'utf8'));
			const sdkSampleMs = await sdkWay(emu.url, sample, emu.account);
			const sdkMs = (sdkSampleMs / SDK_SAMPLE) * n;

			const requests = Math.ceil(n / BATCH);
			const limitMs = (requests / CONCURRENCY) * LATENCY_MS;
			rows.push({
				records: n,
				batchSize: BATCH,
				concurrency: CONCURRENCY,
				requests,
				nodeMs: node.nodeMs,
				runMs: node.runMs,
				recordsPerSecond: (n / node.nodeMs) * 1000,
				peakRssMB: node.peakRssMB,
				floorPeakRssMB: floor.peakRssMB,
				rssOverFloor: node.peakRssMB / floor.peakRssMB,
				networkLimitMs: limitMs,
				limitOverNode: limitMs / node.nodeMs,
				rawFloorMs: floorMs,
				nodeOverFloor: node.nodeMs / floorMs,
				sdkWayMs: sdkMs,
				sdkSampleRecords: SDK_SAMPLE,
				sdkOverNode: sdkMs / node.nodeMs,
				helperFloors: helpers.map(({ read, run }) => ({
					read,
					ms: run.nodeMs,
					limitOver: limitMs / run.nodeMs,
					nodeOver: node.nodeMs / run.nodeMs,
					peakRssMB: run.peakRssMB,
					rssOverFloor: run.peakRssMB / floor.peakRssMB,
					nodeRssOver: node.peakRssMB / run.peakRssMB,
				})),
			});
		}
		if (!ORDERS_ONLY) logisticsRow = await benchLogistics(emu, tmp);
		orderRows = await benchOrders(emu);
	} finally {
		emu.stop();
	}
	const resultsFile = path.join(__dirname, 'results.json');
	const previous = ORDERS_ONLY ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : undefined;
	if (previous) rows = previous.rows;
	const signing = previous ? previous.signing : benchSigning();

	if (previous && !logisticsRow) logisticsRow = previous.logistics;
	const big = rows[rows.length - 1];
	const goals = {
		'network limit ÷ node ≥ 0.9 (largest N)': big.limitOverNode >= 0.9,
		'node ÷ raw floor ≤ 1.1 (largest N)': big.nodeOverFloor <= 1.1,
		'SDK way ÷ node ≥ 50 (B = 100)': BATCH !== 100 || rows.every((r) => r.sdkOverNode >= 50),
		'sign ÷ raw md5 ≥ 0.5': signing.ratio >= 0.5,
		'peak RSS ≤ 1.2 × the pass-through floor (largest N)': big.rssOverFloor <= 1.2,
		'orders of 30 days: network limit ÷ node ≥ 0.8 at C = 4': orderRows.some((r) => r.concurrency === 4 && r.limitOverNode >= 0.8),
	};

	const lines = [
		`WDT Ack Stock Sync through n8n-core ${require('n8n-core/package.json').version}, emulator latency ${LATENCY_MS} ms, B = ${BATCH}, C = ${CONCURRENCY}, Node ${process.version}, ${os.cpus().length} cores`,
		'',
		'| records | requests | node time | records/s | network limit | limit ÷ node | raw floor | node ÷ floor | SDK way (extrapolated) | SDK ÷ node | peak RSS | pass-through floor RSS | RSS ÷ floor |',
		'| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		...rows.map(
			(r) =>
				`| ${fmt(r.records)} | ${fmt(r.requests)} | ${fmt(r.nodeMs / 1000, 2)} s | ${fmt(r.recordsPerSecond)} | ${fmt(r.networkLimitMs / 1000, 2)} s | ${fmt(r.limitOverNode, 2)} | ${fmt(r.rawFloorMs / 1000, 2)} s | ${fmt(r.nodeOverFloor, 2)} | ${fmt(r.sdkWayMs / 1000, 0)} s | ${fmt(r.sdkOverNode, 0)}× | ${fmt(r.peakRssMB)} MB | ${fmt(r.floorPeakRssMB)} MB | ${fmt(r.rssOverFloor, 2)} |`,
		),
		'',
		"The request helper's floor (the same records through n8n's httpRequestWithAuthentication, redirects not followed, one call at a time, nothing else), its answers read as JSON and as a stream:",
		'',
		'| records | answers read | helper floor time | limit ÷ helper floor | node ÷ helper floor | helper floor peak RSS | helper floor ÷ pass-through | node RSS ÷ helper floor |',
		'| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
		...rows.flatMap((r) =>
			(r.helperFloors ?? []).map(
				(/** @type {any} */ h) =>
					`| ${fmt(r.records)} | ${h.read} | ${fmt(h.ms / 1000, 2)} s | ${fmt(h.limitOver, 2)} | ${fmt(h.nodeOver, 2)} | ${fmt(h.peakRssMB)} MB | ${fmt(h.rssOverFloor, 2)} | ${fmt(h.nodeRssOver, 2)} |`,
			),
		),
		'',
		...(logisticsRow
			? [
					`Logistics Sync · Acknowledge, ${fmt(logisticsRow.shipments)} shipments, B = ${logisticsRow.batchSize}: ${fmt(logisticsRow.requests)} requests in ${fmt(logisticsRow.nodeMs / 1000, 2)} s (network limit ${fmt(logisticsRow.networkLimitMs / 1000, 2)} s, limit ÷ node ${fmt(logisticsRow.limitOverNode, 2)}), peak RSS ${fmt(logisticsRow.peakRssMB)} MB against a floor of ${fmt(logisticsRow.floorPeakRssMB)} MB (${fmt(logisticsRow.rssOverFloor, 2)})`,
					'',
				]
			: []),
		`Signing a 2 000-entry stock_sync_list (${fmt(signing.bytes)} bytes): pack+sign ${fmt(signing.signMBps)} MB/s, raw md5 ${fmt(signing.md5MBps)} MB/s, ratio ${fmt(signing.ratio, 2)}`,
		`SDK way: ${SDK_SAMPLE} records measured (one request each, new connection, sequential), extrapolated to N.`,
		'',
		`Orders of ${ORDER_DAYS} days: WDT Order · Get Many (trade_query, Return All), ${ORDER_DAYS * 24} one-hour windows (${orderRows[0]?.multiPageWindows} with several pages), ${orderRows[0]?.orders} orders; load average ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')} on ${os.cpus().length} cores`,
		'',
		'| concurrency | requests | node time | network limit | limit ÷ node | raw floor | node ÷ floor | node CPU / request |',
		'| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		...orderRows.map(
			(r) =>
				`| ${r.concurrency} | ${fmt(r.requests)} | ${fmt(r.nodeMs / 1000, 2)} s | ${fmt(r.networkLimitMs / 1000, 2)} s | ${fmt(r.limitOverNode, 2)} | ${fmt(r.rawFloorMs / 1000, 2)} s | ${fmt(r.nodeOverFloor, 2)} | ${fmt(r.nodeCpuMsPerRequest, 1)} ms |`,
		),
		'',
		...Object.entries(goals).map(([goal, met]) => `${met ? 'met    ' : 'MISSED '} ${goal}`),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	// The machine's load during the run: the figures depend on it (this benchmark measures waiting).
	const loadAverage = os.loadavg().map((n) => Number(n.toFixed(2)));
	const results = {
		date: new Date().toISOString(),
		node: process.version,
		cpus: os.cpus().length,
		latencyMs: LATENCY_MS,
		rows,
		logistics: logisticsRow,
		signing,
		orders: { date: new Date().toISOString(), loadAverage, rows: orderRows },
		goals,
	};
	if (previous) Object.assign(results, { date: previous.date, node: previous.node, cpus: previous.cpus });
	fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
	fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
