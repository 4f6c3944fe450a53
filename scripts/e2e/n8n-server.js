// @ts-check
'use strict';

/**
 * `n8n start` on a free loopback port, with the owner account set up through the REST API
 * (POST /rest/owner/setup), for the e2e checks that need the running app (the credential's
 * "Test" button = POST /rest/credentials/test, the node types the editor gets) and for the
 * screenshots.
 */

const net = require('node:net');
const { startBackground, tail } = require('./proc');

const OWNER = { email: 'owner@example.com', firstName: 'Demo', lastName: 'Owner', password: 'E2e-Owner-Passw0rd' };

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(address.port));
		});
	});
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {string} url
 * @param {number} timeoutMs
 * @param {() => boolean} exited
 */
async function waitForHttp(url, timeoutMs, exited) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exited()) throw new Error('n8n exited before it answered');
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (response.ok) return;
		} catch {
			/* not up yet */
		}
		await sleep(1000);
	}
	throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * @typedef {object} N8nServer
 * @property {string} base       http://127.0.0.1:PORT
 * @property {string} cookie     the owner's auth cookie ("n8n-auth=…")
 * @property {(path: string, init?: { method?: string, body?: unknown }) => Promise<{ status: number, body: any }>} api
 * @property {() => string} output
 * @property {() => Promise<void>} stop
 */

/**
 * @param {import('./install-n8n').N8nInstall} install
 * @param {string} userFolder
 * @param {NodeJS.ProcessEnv} env   from n8nEnv()
 * @param {{ echo?: boolean, maxMs?: number }} [options]
 * @returns {Promise<N8nServer>}
 */
async function startN8nServer(install, userFolder, env, options = {}) {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = startBackground(install.node, [install.bin, 'start'], {
		cwd: userFolder,
		env: {
			...env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info',
		},
		maxMs: options.maxMs ?? 10 * 60_000,
		label: 'n8n start',
		echo: options.echo,
	});
	try {
		await waitForHttp(`${base}/healthz`, 180_000, server.exited);
		await waitForHttp(`${base}/rest/settings`, 120_000, server.exited);
		// While it starts, n8n 2.x answers every path with HTTP 200 "n8n is starting up. Please wait"
		// (text/html): ask again until the answer is the REST API's JSON.
		const setupDeadline = Date.now() + 120_000;
		let setup;
		for (;;) {
			setup = await fetch(`${base}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(OWNER),
				signal: AbortSignal.timeout(30_000),
			});
			if ((setup.headers.get('content-type') ?? '').includes('json') || Date.now() > setupDeadline) break;
			await sleep(1000);
		}
		if (!setup.ok) throw new Error(`owner setup: HTTP ${setup.status} ${await setup.text()}`);
		const cookie = setup.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.find((c) => c.startsWith('n8n-auth='));
		if (!cookie) throw new Error('owner setup answered without an n8n-auth cookie');
		return {
			base,
			cookie,
			output: server.output,
			stop: server.stop,
			async api(path, init = {}) {
				const response = await fetch(`${base}${path}`, {
					method: init.method ?? 'GET',
					headers: { cookie, 'content-type': 'application/json', 'browser-id': 'wdt-e2e' },
					body: init.body === undefined ? undefined : JSON.stringify(init.body),
					signal: AbortSignal.timeout(60_000),
				});
				const text = await response.text();
				/** @type {any} */
				let body = text;
				try {
					body = JSON.parse(text);
				} catch {
					/* not JSON */
				}
				return { status: response.status, body };
			},
		};
	} catch (error) {
		const message = `${/** @type {Error} */ (error).message}\n${tail(server.output(), 30)}`;
		await server.stop();
		throw new Error(message);
	}
}

module.exports = { startN8nServer, freePort, waitForHttp, OWNER };
