// @ts-check
'use strict';

/**
 * Redis and PostgreSQL for the queue-mode e2e, as this run's own processes on free loopback
 * ports with their data in a temp folder (no system service is used or needed):
 *
 * - `ensureQueuePackages()` installs Debian's `redis-server` and `postgresql` with apt when they are
 *   missing (CI runs as root on a clean machine). A policy-rc.d that denies starting services is in
 *   place during the install only, so apt does not start system-wide copies on 6379/5432.
 * - `startRedis()`: `redis-server` without persistence.
 * - `startPostgres()`: `initdb` (superuser `n8n`, trust auth on loopback) + `postgres`, then
 *   `createdb n8n`. PostgreSQL refuses to run as root: as root the cluster belongs to the
 *   `postgres` user the Debian package creates, and its commands run through `runuser`.
 */

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { run, startBackground, tail } = require('../proc');
const { freePort } = require('../n8n-server');

const APT_PACKAGES = ['redis-server', 'postgresql'];
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {string} command */
function onPath(command) {
	return (process.env.PATH ?? '')
		.split(':')
		.some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

/** Debian keeps the server binaries in /usr/lib/postgresql/<major>/bin (not on PATH): the newest. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	return majors.length ? path.join(root, majors[0], 'bin') : undefined;
}

/**
 * @param {(line: string) => void} log
 * @returns {Promise<{ installed: string[], pgBin: string }>}
 */
async function ensureQueuePackages(log) {
	const missing = [];
	if (!onPath('redis-server') && !fs.existsSync('/usr/bin/redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length) {
		if (process.getuid?.() !== 0) throw new Error(`${missing.join(', ')} missing; install ${APT_PACKAGES.join(' ')} (apt, as root)`);
		log(`apt: installing ${missing.join(' ')}`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const ownPolicy = !fs.existsSync(POLICY_RC_D);
		if (ownPolicy) fs.writeFileSync(POLICY_RC_D, '#!/bin/sh\n# written by n8n-nodes-wdt e2e: no service starts during its apt install\nexit 101\n', { mode: 0o755 });
		try {
			await run('apt-get', ['update'], { env, timeoutMs: 5 * 60_000, label: 'apt-get update' });
			await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, timeoutMs: 10 * 60_000, label: 'apt-get install' });
		} finally {
			if (ownPolicy) fs.rmSync(POLICY_RC_D, { force: true });
		}
	}
	const pgBin = postgresBinDir();
	if (!pgBin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin');
	return { installed: missing, pgBin };
}

/**
 * Sends one inline command and resolves with the first answer line (Redis' RESP).
 * @param {number} port @param {string} command
 * @returns {Promise<string>}
 */
function redisCommand(port, command) {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		socket.setTimeout(2000, () => socket.destroy(new Error('redis: no answer')));
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) {
				socket.end();
				resolve(answer.split('\r\n')[0]);
			}
		});
		socket.on('error', reject);
	});
}

/**
 * @typedef {object} Service
 * @property {string} host
 * @property {number} port
 * @property {number} pid
 * @property {() => string} output
 * @property {() => Promise<void>} stop
 */

/**
 * @param {string} dir  its working folder
 * @param {{ echo?: boolean }} [options]
 * @returns {Promise<Service>}
 */
async function startRedis(dir, options = {}) {
	const port = await freePort();
	const redis = startBackground(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
		{ maxMs: 60 * 60_000, label: 'redis', echo: options.echo },
	);
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (redis.exited()) throw new Error(`redis-server exited:\n${tail(redis.output())}`);
		const answer = await redisCommand(port, 'PING').catch(() => '');
		if (answer === '+PONG') break;
		if (Date.now() > deadline) {
			await redis.stop();
			throw new Error(`redis-server did not answer PING on ${port} within 30 s:\n${tail(redis.output())}`);
		}
		await sleep(200);
	}
	return { host: '127.0.0.1', port, pid: redis.pid, output: redis.output, stop: redis.stop };
}

/**
 * @param {string} pgBin   from ensureQueuePackages()
 * @param {string} dir     an empty temp folder for the cluster
 * @param {{ echo?: boolean }} [options]
 * @returns {Promise<Service & { database: string, user: string, password: string }>}
 */
async function startPostgres(pgBin, dir, options = {}) {
	const asRoot = process.getuid?.() === 0;
	/** runs `bin` as the cluster's owner */
	const as = (/** @type {string} */ bin, /** @type {string[]} */ args) =>
		asRoot ? { command: 'runuser', args: ['-u', 'postgres', '--', path.join(pgBin, bin), ...args] } : { command: path.join(pgBin, bin), args };
	if (asRoot) {
		const ids = (await run('id', ['-u', 'postgres'], { timeoutMs: 10_000 })).stdout.trim();
		const gid = (await run('id', ['-g', 'postgres'], { timeoutMs: 10_000 })).stdout.trim();
		fs.chmodSync(dir, 0o700);
		fs.chownSync(dir, Number(ids), Number(gid));
	}
	const data = path.join(dir, 'data');
	const init = as('initdb', ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
	await run(init.command, init.args, { cwd: dir, timeoutMs: 2 * 60_000, label: 'initdb', echo: options.echo });

	const port = await freePort();
	const server = as('postgres', ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', dir, '-c', 'fsync=off']);
	const pg = startBackground(server.command, server.args, { cwd: dir, maxMs: 60 * 60_000, label: 'postgres', echo: options.echo });
	const createdb = as('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n']);
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (pg.exited()) throw new Error(`postgres exited:\n${tail(pg.output())}`);
		const made = await run(createdb.command, createdb.args, { cwd: dir, timeoutMs: 20_000, label: 'createdb', allowFailure: true });
		if (made.code === 0) break;
		if (Date.now() > deadline) {
			await pg.stop();
			throw new Error(`createdb failed for 60 s: ${tail(made.stderr)}\n${tail(pg.output())}`);
		}
		await sleep(500);
	}
	return { host: '127.0.0.1', port, pid: pg.pid, output: pg.output, stop: pg.stop, database: 'n8n', user: 'n8n', password: 'n8n' };
}

module.exports = { ensureQueuePackages, startRedis, startPostgres, redisCommand };
