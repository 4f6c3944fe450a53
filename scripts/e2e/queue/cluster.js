// @ts-check
'use strict';

/**
 * n8n in queue mode: one main (`n8n start`) and workers (`n8n worker`), every instance with its own
 * user folder holding the packed package (n8n loads community nodes from its own folder: each
 * instance needs the package), all sharing Redis, PostgreSQL and one encryption key.
 *
 * Settings that matter (the same on 1.123 and 2.41; docs/scaling-out.md documents them):
 *   EXECUTIONS_MODE=queue, QUEUE_BULL_REDIS_HOST/PORT, DB_TYPE=postgresdb + DB_POSTGRESDB_*,
 *   N8N_ENCRYPTION_KEY; OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true (manual runs go to the workers);
 *   per instance its own QUEUE_HEALTH_CHECK_PORT and N8N_RUNNERS_BROKER_PORT (2.x starts a task
 *   runner broker in every process).
 * Test-only: each instance's name in WDT_E2E_INSTANCE, readable in expressions
 * (N8N_BLOCK_ENV_ACCESS_IN_NODE=false), so an execution says where it ran; shorter Bull lock and
 * stalled-check times, so a job whose worker died is noticed in seconds instead of a minute.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { startBackground, tail } = require('../proc');
const { n8nEnv, n8nCli } = require('../n8n-app');
const { startN8nServer, freePort, waitForHttp } = require('../n8n-server');

/** Bull settings for the run: a dead worker's job is seen as stalled after ~LOCK + STALLED ms. */
const BULL_TIMING = {
	QUEUE_WORKER_LOCK_DURATION: '10000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

/**
 * @typedef {object} Instance
 * @property {string} name          main | worker-1 | worker-2
 * @property {string} userFolder
 * @property {NodeJS.ProcessEnv} env
 * @property {number} pid
 * @property {() => string} output
 * @property {() => boolean} exited
 * @property {(signal: NodeJS.Signals) => void} kill
 * @property {() => Promise<void>} stop
 */

/**
 * @param {{
 *   install: import('../install-n8n').N8nInstall,
 *   redis: { host: string, port: number },
 *   postgres: { host: string, port: number, database: string, user: string, password: string },
 *   userFolders: { main: string, workers: string[] },
 *   echo?: boolean,
 * }} options
 */
function queueCluster(options) {
	const { install, redis, postgres } = options;
	const encryptionKey = crypto.randomBytes(24).toString('hex');

	/** @param {string} name @param {string} userFolder */
	function envFor(name, userFolder) {
		return {
			...n8nEnv(userFolder, { node: install.node }),
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			N8N_ENCRYPTION_KEY: encryptionKey,
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			WDT_E2E_INSTANCE: name,
			// "Worker started execution N" is logged at info: it tells which worker took a job
			N8N_LOG_LEVEL: 'info',
			...BULL_TIMING,
		};
	}

	const mainEnv = envFor('main', options.userFolders.main);
	/** The main's CLI (import:*) against the shared database. */
	const cli = n8nCli(install, options.userFolders.main, { echo: options.echo });
	const cliEnv = mainEnv;

	/** @type {Array<{ stop: () => Promise<void> }>} */
	const running = [];

	/** @param {{ ownerExists?: boolean, port?: number }} [startOptions] */
	async function startMain(startOptions = {}) {
		const env = { ...mainEnv, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		const server = await startN8nServer(install, options.userFolders.main, env, {
			echo: options.echo,
			maxMs: 40 * 60_000,
			label: 'main',
			port: startOptions.port,
			ownerExists: startOptions.ownerExists,
		});
		running.push(server);
		return server;
	}

	/**
	 * @param {number} index  1-based
	 * @param {{ concurrency?: number }} [workerOptions]
	 * @returns {Promise<Instance>}
	 */
	async function startWorker(index, workerOptions = {}) {
		const name = `worker-${index}`;
		const userFolder = options.userFolders.workers[index - 1];
		const healthPort = await freePort();
		const env = {
			...envFor(name, userFolder),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		};
		const worker = startBackground(install.node, [install.bin, 'worker', `--concurrency=${workerOptions.concurrency ?? 1}`], {
			cwd: userFolder,
			env,
			maxMs: 40 * 60_000,
			label: name,
			echo: options.echo,
		});
		running.push(worker);
		try {
			// ready = connected to Redis and the database
			await waitForHttp(`http://127.0.0.1:${healthPort}/healthz/readiness`, 180_000, worker.exited);
		} catch (error) {
			throw new Error(`${name}: ${/** @type {Error} */ (error).message}\n${tail(worker.output(), 30)}`);
		}
		return { name, userFolder, env, pid: worker.pid, output: worker.output, exited: worker.exited, kill: worker.kill, stop: worker.stop };
	}

	/** Stops everything this cluster started (each by its own process group), newest first. */
	async function stopAll() {
		for (const proc of running.splice(0).reverse()) await proc.stop().catch(() => {});
	}

	return { cli, cliEnv, startMain, startWorker, stopAll, encryptionKey };
}

/**
 * `flatted` (n8n stores execution data with it), from the n8n install itself.
 * @param {import('../install-n8n').N8nInstall} install
 * @returns {{ parse: (text: string) => any }}
 */
function flattedOf(install) {
	const dir = path.join(install.dir, 'node_modules', 'flatted');
	if (!fs.existsSync(dir)) throw new Error(`flatted not found in ${install.dir}/node_modules`);
	return require(dir);
}

module.exports = { queueCluster, flattedOf, BULL_TIMING };
