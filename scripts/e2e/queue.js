// @ts-check
'use strict';

/**
 * `npm run e2e -- --queue [--n8n2]`: the packed package in n8n's queue mode (scaling out), on the
 * line(s) the e2e runs. Redis and PostgreSQL (installed with apt when missing) run as this
 * script's own processes on free loopback ports; one main and two workers, each with the package in
 * its own user folder (scripts/e2e/queue/cluster.js). Checks:
 *
 *  A. three example loops, one per shop, started together through the main's REST API: each ran on
 *     a worker (its "Which Instance" node says which), both workers took jobs, every pending
 *     record reached the fake shop and was acked exactly once (the emulator's request log and
 *     pool), the pool of those shops is empty;
 *  B. the stock-change trigger, activated: its poll runs on the main (no queries while the main is
 *     down, the workers up), its executions on the workers; after a restart of the main nothing is
 *     re-emitted (the window lives in the workflow's static data in PostgreSQL) and changed records
 *     are emitted at the next poll;
 *  C. a worker SIGKILLed while it acks: nothing is lost. n8n 1.x re-runs the job on the other worker
 *     once Bull sees it stalled (the same execution ends "success"); n8n 2.x marks the execution
 *     failed and does not retry, the unacked records stay pending, and a new run drains them.
 * Everything started here is stopped by its process group id, on failure too.
 */

const fs = require('node:fs');
const path = require('node:path');

const { startEmulator } = require('../../emulator');
const { installCommunityPackage } = require('./n8n-app');
const { run } = require('./proc');
const { credentialFile } = require('./workflows');
const { ensureQueuePackages, startRedis, startPostgres } = require('./queue/services');
const { queueCluster, flattedOf } = require('./queue/cluster');
const qw = require('./queue/workflows');
const rest = require('./queue/rest');

const LOOP_SHOPS = ['shop-a', 'shop-b', 'shop-c'];
const PER_LOOP_SHOP = 60;
const TRIGGER_SHOP = 'shop-t';
const TRIGGER_RECORDS = 12;
const KILL_SHOP = 'shop-k';
const KILL_RECORDS = 400;
const ACK = 'api_goods_stock_change_ack.php';
const QUERY = 'api_goods_stock_change_query.php';
const WORKERS = ['worker-1', 'worker-2'];

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {() => boolean | Promise<boolean>} condition
 * @param {number} timeoutMs
 * @param {string} what
 */
async function waitFor(condition, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleep(250);
	}
}

/**
 * The rec_ids of every ack entry the emulator received (accepted calls), with how often each came.
 * @param {any[]} requests
 */
function ackedEntries(requests) {
	/** @type {Map<string, number>} */
	const times = new Map();
	for (const r of requests) {
		if (r.endpoint !== ACK || !r.accepted) continue;
		// rec_ids are 19-digit: read them as text, never through a JS number
		for (const match of String(r.params?.stock_sync_list ?? '').matchAll(/"rec_id"\s*:\s*"?(\d+)"?/g)) {
			times.set(match[1], (times.get(match[1]) ?? 0) + 1);
		}
	}
	return times;
}

/**
 * @param {import('./install-n8n').N8nInstall} install
 * @param {string} tarball
 * @param {{
 *   check: (name: string, ok: boolean, detail?: string) => boolean,
 *   log: (line: string) => void,
 *   tempDir: (prefix: string) => string,
 *   verbose: boolean,
 * }} ctx
 */
async function queueScenario(install, tarball, ctx) {
	const { check, log } = ctx;
	const tag = `n8n ${install.version} queue`;
	const line2 = !install.version.startsWith('1.');
	const t0 = Date.now();
	const since = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;

	const packages = await ensureQueuePackages(log);
	check(`[${tag}] redis-server and PostgreSQL available`, true, packages.installed.length ? `installed with apt: ${packages.installed.join(', ')}` : `already installed (${packages.pgBin})`);

	/** @type {Array<() => Promise<void>>} */
	const stops = [];
	const stopEverything = async () => {
		for (const stop of stops.splice(0).reverse()) await stop().catch((error) => log(`stop: ${error.message}`));
	};
	// Ctrl-C / a CI timeout: stop Redis, PostgreSQL and the n8n processes before exiting
	const onSignal = (/** @type {NodeJS.Signals} */ signal) => {
		log(`${signal}: stopping everything the queue scenario started`);
		void stopEverything().finally(() => process.exit(1));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		const redis = await startRedis(ctx.tempDir('n8n-nodes-wdt-e2e-redis-'), { echo: ctx.verbose });
		stops.push(redis.stop);
		const postgres = await startPostgres(packages.pgBin, ctx.tempDir('n8n-nodes-wdt-e2e-pg-'), { echo: ctx.verbose });
		stops.push(postgres.stop);
		log(`redis on ${redis.port} (pid ${redis.pid}), postgres on ${postgres.port} (pid ${postgres.pid}) — ${since()}`);

		const userFolders = { main: ctx.tempDir('n8n-nodes-wdt-e2e-main-'), workers: WORKERS.map((w) => ctx.tempDir(`n8n-nodes-wdt-e2e-${w}-`)) };
		for (const folder of [userFolders.main, ...userFolders.workers]) await installCommunityPackage(tarball, folder);
		check(`[${tag}] package installed in the main's and each worker's user folder`, true, `${1 + WORKERS.length} folders`);

		const emulator = await startEmulator({ port: 0, logRequests: true, pool: { shops: [...LOOP_SHOPS, TRIGGER_SHOP, KILL_SHOP], perShop: 0 } });
		stops.push(() => emulator.stop());
		for (const shop of LOOP_SHOPS) for (let i = 0; i < PER_LOOP_SHOP; i++) emulator.pool.addRecord({ shop_no: shop, sync_stock: 10 + i });
		for (let i = 0; i < TRIGGER_RECORDS; i++) emulator.pool.addRecord({ shop_no: TRIGGER_SHOP, sync_stock: 5 });
		for (let i = 0; i < KILL_RECORDS; i++) emulator.pool.addRecord({ shop_no: KILL_SHOP, sync_stock: 7 });

		const cluster = queueCluster({ install, redis, postgres, userFolders, echo: ctx.verbose });
		stops.push(cluster.stopAll);

		// the credential and the workflows, into PostgreSQL through the main's CLI
		const files = ctx.tempDir('n8n-nodes-wdt-e2e-queue-import-');
		const importFile = (/** @type {string} */ name, /** @type {unknown} */ data) => {
			const file = path.join(files, name);
			fs.writeFileSync(file, JSON.stringify(data, null, 2));
			return file;
		};
		await cluster.cli.run(['import:credentials', `--input=${importFile('credentials.json', credentialFile(emulator.account, emulator.url))}`], { env: cluster.cliEnv, label: 'import:credentials' });
		const loops = LOOP_SHOPS.map((shop, i) => qw.shopLoop(emulator.baseUrl, shop, i + 1));
		const trigger = qw.stockChangeTrigger(TRIGGER_SHOP);
		const killer = qw.ackSlowly(KILL_SHOP);
		// one file, one CLI start (each n8n command takes a while to boot)
		const all = [...loops, trigger, killer];
		await cluster.cli.run(['import:workflow', `--input=${importFile('workflows.json', all)}`], { env: cluster.cliEnv, label: 'import:workflow' });
		check(`[${tag}] credential and ${all.length} workflows imported into PostgreSQL`, true, since());

		let main = await cluster.startMain();
		const workers = await Promise.all(WORKERS.map((_, i) => cluster.startWorker(i + 1)));
		log(`main ${main.base} (pid ${main.pid}), ${workers.map((w) => `${w.name} pid ${w.pid}`).join(', ')} — ${since()}`);
		const flatted = flattedOf(install);

		// --- A. one execution per shop, started together ------------------------------------------
		const pendingBefore = LOOP_SHOPS.flatMap((shop) => emulator.pool.pending(shop));
		const requestsBefore = emulator.requests.length;
		const pushesBefore = emulator.shopPushes.length;
		const ids = await Promise.all(loops.map((w) => rest.runWorkflow(main, w.id, qw.manualTriggerName(w))));
		const runs = await Promise.all(ids.map((id) => rest.waitForExecution(main, flatted, id, { timeoutMs: 5 * 60_000 })));
		const problems = runs.map((r, i) => (r.status === 'success' ? null : `${LOOP_SHOPS[i]}: ${r.status} ${rest.runError(r.run) ?? ''}`)).filter(Boolean);
		check(`[${tag}] A: ${loops.length} loops started together through the REST API all succeeded`, problems.length === 0, problems.join('; ') || `executions ${ids.join(', ')} in ${since()}`);
		const where = runs.map((r) => rest.instanceOf(r.run, qw.WHICH));
		check(
			`[${tag}] A: every execution ran on a worker, and both workers took one`,
			where.every((w) => WORKERS.includes(String(w))) && WORKERS.every((w) => where.includes(w)),
			where.map((w, i) => `${LOOP_SHOPS[i]} → ${w}`).join(', '),
		);
		const left = LOOP_SHOPS.map((shop) => emulator.pool.pendingCount(shop));
		check(`[${tag}] A: the pool of ${LOOP_SHOPS.join(', ')} is empty`, left.every((n) => n === 0), `${pendingBefore.length} pending before, ${left.join('/')} after`);
		const acked = ackedEntries(emulator.requests.slice(requestsBefore));
		const notAcked = pendingBefore.filter((r) => !acked.has(r.rec_id));
		const twice = [...acked].filter(([, n]) => n > 1);
		const pushed = new Set(emulator.shopPushes.slice(pushesBefore).map((/** @type {any} */ p) => p.rec_id));
		const notPushed = pendingBefore.filter((r) => !pushed.has(r.rec_id));
		check(
			`[${tag}] A: nothing lost, no record acked twice (request log), every record pushed to the shop`,
			notAcked.length === 0 && twice.length === 0 && notPushed.length === 0 && acked.size === pendingBefore.length,
			`${acked.size} rec_ids acked for ${pendingBefore.length} records; not acked ${notAcked.length}, acked twice ${twice.length}, not pushed ${notPushed.length}`,
		);
		const rows = pendingBefore.map((r) => emulator.pool.get(r.rec_id));
		check(`[${tag}] A: the pool applied exactly one ack per record`, rows.every((row) => row?.acksApplied === 1), `acksApplied: ${[...new Set(rows.map((row) => row?.acksApplied))].join(', ')}`);

		// --- B. the stock-change trigger --------------------------------------------------------
		const triggerRecords = emulator.pool.pending(TRIGGER_SHOP);
		const queries = () => emulator.requests.filter((r) => r.endpoint === QUERY && r.params?.shop_no === TRIGGER_SHOP).length;
		await rest.activate(main, trigger.id);
		/** @param {number} n */
		const triggerExecutions = async (n) => {
			let list = await rest.listExecutions(main, trigger.id);
			await waitFor(async () => {
				list = await rest.listExecutions(main, trigger.id);
				return list.length >= n && list.slice(0, n).every((e) => !['new', 'running', 'waiting'].includes(e.status));
			}, 90_000, `${n} finished execution(s) of the trigger workflow`);
			return list;
		};
		const first = await triggerExecutions(1);
		const firstRun = await rest.getExecution(main, flatted, first[0].id);
		const firstItems = rest.nodeItems(firstRun.run, qw.WHICH).map((item) => item.json);
		check(
			`[${tag}] B: activated trigger emitted the ${triggerRecords.length} pending records, run on a worker`,
			firstRun.status === 'success' && firstItems.length === triggerRecords.length && firstItems.every((j) => WORKERS.includes(j.instance)) &&
				triggerRecords.every((r) => firstItems.some((j) => j.rec_id === r.rec_id)),
			`execution ${first[0].id} (${firstRun.mode}, ${firstRun.status}): ${firstItems.length} items on ${[...new Set(firstItems.map((j) => j.instance))].join(', ')}`,
		);

		/** The trigger's window as n8n stored it (the workflow's static data in PostgreSQL). */
		const storedWindow = async () => JSON.stringify((await main.api(`/rest/workflows/${trigger.id}`)).body?.data?.staticData ?? null);
		const windowBefore = await storedWindow();
		log(`trigger static data in the database: ${windowBefore.length} bytes for ${triggerRecords.length} records: ${windowBefore.slice(0, 300)}`);
		/** @param {Array<{ id: string, status: string, mode: string }>} list */
		const describe = async (list) =>
			(
				await Promise.all(
					list.map(async (e) => {
						const full = await rest.getExecution(main, flatted, e.id);
						const items = rest.nodeItems(full.run, qw.WHICH).map((item) => `${item.json.rec_id}#${item.json.stock_change_count}`);
						return `#${e.id} ${e.mode} ${e.status} ${items.length} items ${rest.runError(full.run) ?? ''}`;
					}),
				)
			).join('; ');

		// the main goes down (the workers stay): nobody polls
		const mainPort = Number(new URL(main.base).port);
		await main.stop();
		const queriesWhileDown = queries();
		await sleep(22_000);
		check(`[${tag}] B: the trigger polls on the main: no query while the main is down and the workers up`, queries() === queriesWhileDown, `${queries() - queriesWhileDown} queries in 22 s`);
		main = await cluster.startMain({ ownerExists: true, port: mainPort });
		const queriesAtRestart = queries();
		// the start's own poll + at least one scheduled poll, with nothing pending but known records
		await waitFor(() => queries() >= queriesAtRestart + 2, 60_000, 'two polls after the restart');
		await sleep(3000);
		const afterRestart = await rest.listExecutions(main, trigger.id);
		const windowAfter = await storedWindow();
		check(
			`[${tag}] B: after a restart of the main the window held: nothing re-emitted`,
			afterRestart.length === 1 && windowAfter === windowBefore,
			`${queries() - queriesAtRestart} polls after the restart, executions: ${await describe(afterRestart)}${windowAfter === windowBefore ? '' : `; static data changed: ${windowAfter.slice(0, 300)}`}`,
		);
		const changed = triggerRecords.slice(0, 2).map((r) => emulator.pool.changeStock(r.rec_id, 77));
		const second = await triggerExecutions(2);
		const secondRun = await rest.getExecution(main, flatted, second[1].id);
		const secondItems = rest.nodeItems(secondRun.run, qw.WHICH).map((item) => item.json);
		const expected = changed.map((r) => `${r.rec_id}#${r.stock_change_count}`).sort();
		const got = secondItems.map((j) => `${j.rec_id}#${j.stock_change_count}`).sort();
		check(
			`[${tag}] B: changed records emitted at the next poll (only them), run on a worker`,
			secondRun.status === 'success' && JSON.stringify(got) === JSON.stringify(expected) && secondItems.every((j) => WORKERS.includes(j.instance)),
			`execution ${second[1].id}: ${got.join(', ')} on ${[...new Set(secondItems.map((j) => j.instance))].join(', ')}; expected ${expected.join(', ')}`,
		);

		// --- C. SIGKILL of a worker mid-ack -----------------------------------------------------
		const killRecords = emulator.pool.pending(KILL_SHOP);
		const slow = emulator.faults.add({ endpoint: ACK, kind: 'latency', ms: 250 });
		const killStart = emulator.requests.length;
		const killId = await rest.runWorkflow(main, killer.id, 'Manual Trigger');
		const ackCalls = () => emulator.requests.slice(killStart).filter((r) => r.endpoint === ACK).length;
		await waitFor(() => ackCalls() >= 5, 120_000, 'the slow run to send 5 ack calls');
		const pattern = `Worker started execution ${killId} `;
		const victim = workers.find((w) => w.output().includes(pattern));
		if (!victim) throw new Error(`no worker logged "${pattern}"`);
		victim.kill('SIGKILL');
		const killedAt = Date.now();
		await waitFor(() => victim.exited(), 15_000, `${victim.name} to die`);
		// an ack already in the emulator's latency wait still lands: count after it has
		await sleep(1500);
		emulator.faults.remove(slow);
		const pendingAfterKill = emulator.pool.pendingCount(KILL_SHOP);
		const survivor = workers.find((w) => w !== victim);
		check(
			`[${tag}] C: ${victim.name} (pid ${victim.pid}) SIGKILLed mid-ack`,
			pendingAfterKill > 0 && pendingAfterKill < killRecords.length,
			`${killRecords.length - pendingAfterKill} of ${killRecords.length} acked, ${pendingAfterKill} pending`,
		);
		const ended = await rest.waitForExecution(main, flatted, killId, { timeoutMs: 4 * 60_000 });
		const recoverSeconds = ((Date.now() - killedAt) / 1000).toFixed(0);
		if (!line2) {
			check(
				`[${tag}] C: n8n 1.x re-ran the same execution on ${survivor?.name} once Bull saw the job stalled`,
				ended.status === 'success' && rest.instanceOf(ended.run, qw.WHICH) === survivor?.name,
				`execution ${killId}: ${ended.status} on ${rest.instanceOf(ended.run, qw.WHICH)} ${recoverSeconds} s after the kill`,
			);
		} else {
			check(
				`[${tag}] C: n8n 2.x marked the execution failed and did not retry it; unacked records still pending`,
				ended.status === 'error' && /will no longer retry/.test(rest.runError(ended.run) ?? '') && emulator.pool.pendingCount(KILL_SHOP) === pendingAfterKill,
				`execution ${killId}: ${ended.status} ${recoverSeconds} s after the kill (${rest.runError(ended.run) ?? 'no error text'}); ${emulator.pool.pendingCount(KILL_SHOP)} pending`,
			);
			const again = await rest.runWorkflow(main, killer.id, 'Manual Trigger');
			const rerun = await rest.waitForExecution(main, flatted, again, { timeoutMs: 4 * 60_000 });
			check(
				`[${tag}] C: a new run drained the rest on ${survivor?.name}`,
				rerun.status === 'success' && rest.instanceOf(rerun.run, qw.WHICH) === survivor?.name,
				`execution ${again}: ${rerun.status} on ${rest.instanceOf(rerun.run, qw.WHICH)}`,
			);
		}
		const killRows = killRecords.map((r) => emulator.pool.get(r.rec_id));
		const lost = killRows.filter((row) => !row || row.pending || row.acksApplied < 1);
		check(
			`[${tag}] C: nothing lost: the pool of ${KILL_SHOP} is empty, every record acked with its count`,
			emulator.pool.pendingCount(KILL_SHOP) === 0 && lost.length === 0,
			`${emulator.pool.pendingCount(KILL_SHOP)} pending, ${lost.length} not acked; acked more than once (harmless, acks are idempotent): ${killRows.filter((row) => (row?.acksApplied ?? 0) > 1).length}`,
		);
		const refused = emulator.requests.filter((r) => !r.accepted);
		check(`[${tag}] emulator refused no request`, refused.length === 0, refused.slice(0, 3).map((r) => `${r.endpoint}: ${r.reason}`).join('; ') || `${emulator.requests.length} requests`);
		log(`queue scenario done in ${since()}`);
	} finally {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
		await stopEverything();
	}
	return { version: install.version, node: (await run(install.node, ['--version'], { timeoutMs: 30_000 })).stdout.trim() };
}

module.exports = { queueScenario, ackedEntries };
