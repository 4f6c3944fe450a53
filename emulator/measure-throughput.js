#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * How many ack requests (100 records each) per second the emulator serves with no latency.
 *
 *   node emulator/measure-throughput.js [--seconds 5] [--connections 16] [--in-flight 64]
 *                                       [--per-shop 50000] [--in-process]
 *
 * By default the emulator runs in a child process (like a real server) and this process is the
 * load generator: an undici Pool firing pre-signed acks that all match (so every record is
 * acked successfully; acks are idempotent, so the same bodies can be sent again and again).
 * With --in-process both share one process (one core for both).
 */

const { fork } = require('node:child_process');
const { startEmulator, DEMO_ACCOUNT } = require('./index');
const { StockPool } = require('./pool');
const { pack, signPacked } = require('./signature');

const RECORDS_PER_ACK = 100;
const DISTINCT_BODIES = 300;

/**
 * @param {string} name
 * @param {number} fallback
 */
function numberFlag(name, fallback) {
	const i = process.argv.indexOf(name);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** @typedef {{ port: number, records: Array<[string, number, number]> }} Ready */

/** Start an emulator with a big pool; returns its port and some records to ack. */
async function serve() {
	const pool = new StockPool({ seed: 7 }).seed({
		shops: ['shop-a', 'shop-b'],
		perShop: numberFlag('--per-shop', 50000),
		seed: 7,
	});
	const emu = await startEmulator({ pool, logRequests: false, seed: 7 });
	/** @type {Array<[string, number, number]>} */
	const records = pool
		.pending('shop-a')
		.slice(0, RECORDS_PER_ACK * DISTINCT_BODIES)
		.map((row) => [row.rec_id, row.sync_stock, row.stock_change_count]);
	return { emu, ready: /** @type {Ready} */ ({ port: emu.port, records }) };
}

/**
 * Pre-signed form bodies, each acking 100 records.
 * @param {Array<[string, number, number]>} records
 */
function buildBodies(records) {
	const timestamp = String(Math.floor(Date.now() / 1000));
	/** @type {string[]} */
	const bodies = [];
	for (let i = 0; i + RECORDS_PER_ACK <= records.length; i += RECORDS_PER_ACK) {
		const list = records
			.slice(i, i + RECORDS_PER_ACK)
			.map(([rec_id, sync_stock, stock_change_count]) => ({
				rec_id,
				sync_stock,
				stock_change_count,
			}));
		/** @type {Record<string, string>} */
		const params = {
			sid: DEMO_ACCOUNT.sid,
			appkey: DEMO_ACCOUNT.appkey,
			timestamp,
			stock_sync_list: JSON.stringify(list),
		};
		params.sign = signPacked(pack(params), DEMO_ACCOUNT.appsecret);
		bodies.push(new URLSearchParams(params).toString());
	}
	return bodies;
}

/**
 * Fire acks for `seconds`; returns the counts.
 * @param {number} port
 * @param {string[]} bodies
 * @param {{ seconds: number, connections: number, inFlight: number }} load
 * @param {() => Promise<number>} serverCpu the emulator's CPU time so far, in seconds
 */
async function fire(port, bodies, load, serverCpu) {
	const { Pool } = require('undici');
	const client = new Pool(`http://127.0.0.1:${port}`, {
		connections: load.connections,
		pipelining: 1,
	});
	let ok = 0;
	let failed = 0;
	let next = 0;
	let measuring = false;
	let measuredOk = 0;
	let running = true;
	const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

	async function worker() {
		while (running) {
			const body = bodies[next++ % bodies.length];
			const res = await client.request({
				path: '/openapi2/api_goods_stock_change_ack.php',
				method: 'POST',
				headers,
				body,
			});
			const text = await res.body.text();
			if (res.statusCode === 200 && text === '{"code":0,"message":"OK"}') {
				ok++;
				if (measuring) measuredOk++;
			} else {
				failed++;
				if (failed <= 3)
					console.error(`unexpected answer: ${res.statusCode} ${text.slice(0, 200)}`);
			}
		}
	}

	const workers = Array.from({ length: load.inFlight }, () => worker());
	await new Promise((resolve) => setTimeout(resolve, 1000)); // warm-up
	const cpuBefore = await serverCpu();
	measuring = true;
	const started = process.hrtime.bigint();
	await new Promise((resolve) => setTimeout(resolve, load.seconds * 1000));
	measuring = false;
	const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
	const counted = measuredOk;
	const cpuSeconds = (await serverCpu()) - cpuBefore;
	running = false;
	await Promise.all(workers);
	await client.close();
	return {
		perSecond: counted / elapsed,
		ok,
		failed,
		serverCpuShare: cpuSeconds / elapsed,
		perServerCpuSecond: counted / cpuSeconds,
	};
}

async function main() {
	if (process.argv.includes('--child')) {
		const { ready, emu } = await serve();
		process.on('message', (message) => {
			if (message === 'cpu' && process.send) process.send({ cpu: process.cpuUsage() });
			if (message === 'stop') emu.stop().then(() => process.exit(0));
		});
		if (process.send) process.send(ready);
		return; // stays up until the parent kills it
	}
	const load = {
		seconds: numberFlag('--seconds', 5),
		connections: numberFlag('--connections', 16),
		inFlight: numberFlag('--in-flight', 64),
	};
	let ready;
	/** @type {(() => Promise<void>) | null} */
	let shutdown = null;
	/** @type {() => Promise<number>} */
	let serverCpu = async () => {
		const usage = process.cpuUsage();
		return (usage.user + usage.system) / 1e6;
	};
	if (process.argv.includes('--in-process')) {
		const started = await serve();
		ready = started.ready;
		shutdown = () => started.emu.stop();
	} else {
		const child = fork(__filename, ['--child', ...process.argv.slice(2)], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			execArgv: process.env.EMULATOR_PROFILE ? ['--cpu-prof'] : [],
		});
		ready = await new Promise((resolve, reject) => {
			child.once('message', resolve);
			child.once('exit', (code) => reject(new Error(`emulator child exited with ${code}`)));
		});
		serverCpu = () =>
			new Promise((resolve) => {
				child.once('message', (/** @type {{ cpu: NodeJS.CpuUsage }} */ message) =>
					resolve((message.cpu.user + message.cpu.system) / 1e6),
				);
				child.send('cpu');
			});
		shutdown = () =>
			new Promise((resolve) => {
				child.removeAllListeners('exit');
				child.once('exit', () => resolve());
				child.send('stop');
			});
	}
	const r = /** @type {Ready} */ (ready);
	const bodies = buildBodies(r.records);
	const result = await fire(r.port, bodies, load, serverCpu);
	await shutdown();
	const mode = process.argv.includes('--in-process')
		? 'same process'
		: 'emulator in a child process';
	console.log(
		`ack requests/s (${RECORDS_PER_ACK} records each, ${mode}, ${load.connections} connections, ${load.inFlight} in flight, ${load.seconds} s): ` +
			`${Math.round(result.perSecond)}  (records/s: ${Math.round(result.perSecond * RECORDS_PER_ACK)}; ok ${result.ok}, failed ${result.failed})`,
	);
	if (!process.argv.includes('--in-process')) {
		console.log(
			`emulator process CPU: ${(result.serverCpuShare * 100).toFixed(0)}% of one core; ` +
				`ack requests per emulator CPU-second: ${Math.round(result.perServerCpuSecond)}`,
		);
	}
	if (result.failed > 0) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
