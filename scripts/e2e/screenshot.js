#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * node scripts/e2e/screenshot.js [--skip-build] [--keep] [--out-dir docs/images] [--tarball x.tgz]
 *
 * Takes the screenshots in docs/use-in-n8n.md from the real n8n editor:
 *   - the cached n8n app (scripts/e2e/install-n8n.js) with a temp N8N_USER_FOLDER, the packed
 *     package installed in its nodes folder, a wdtApi credential and the example loop imported;
 *   - `n8n start` on a free loopback port; the owner account set up through the REST API
 *     (POST /rest/owner/setup);
 *   - Debian's headless Chromium (`apt-get install -y chromium`) driven by playwright-core
 *     (scripts/e2e/browser.js, installed into the e2e cache folder, never into the project);
 *   - docs/images/stock-sync-not-acked.png: the canvas after a run in which WDT refused three
 *     records (their ERP stock changes right after the query answered, so the ack's
 *     stock_change_count is stale): the "Not acked — check" branch holds them;
 *     docs/images/ack-node.png: the WDT Ack Stock Sync node's parameter panel and output, opened
 *     by double-clicking the node.
 *   Chinese goods names need a CJK font: apt-get install -y fonts-noto-cjk.
 */

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { run, tail } = require('./proc');
const { ensureN8n } = require('./install-n8n');
const { CHROMIUM, playwright } = require('./browser');
const { installCommunityPackage, n8nCli } = require('./n8n-app');
const workflows = require('./workflows');
const { startN8nServer, freePort } = require('./n8n-server');
const { startEmulator } = require('../../emulator');

const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const outDirIndex = args.indexOf('--out-dir');
const OUT_DIR = path.resolve(outDirIndex >= 0 ? args[outDirIndex + 1] : path.join(ROOT, 'docs', 'images'));
/** @param {string} line */
const log = (line) => process.stderr.write(`[screenshot] ${line}\n`);

/** 8650 (the emulator CLI's port, which the docs name) when free, else any free port. */
function freePort8650() {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.on('error', () => freePort().then(resolve));
		server.listen(8650, '127.0.0.1', () => server.close(() => resolve(8650)));
	});
}

async function main() {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-wdt-screenshot-'));
	const tarballIndex = args.indexOf('--tarball');
	let tarball;
	if (tarballIndex >= 0) {
		tarball = path.resolve(args[tarballIndex + 1] ?? '');
	} else {
		if (!args.includes('--skip-build')) await run('npm', ['run', 'build'], { cwd: ROOT, timeoutMs: 5 * 60_000, label: 'build' });
		const packed = await run('npm', ['pack', '--pack-destination', work, '--ignore-scripts', '--json', '--loglevel=error'], {
			cwd: ROOT,
			timeoutMs: 120_000,
			label: 'npm pack',
		});
		tarball = path.join(work, JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0].filename);
	}

	const install = await ensureN8n({ log });
	const userFolder = path.join(work, 'user');
	fs.mkdirSync(userFolder);
	await installCommunityPackage(tarball, userFolder);
	const cli = n8nCli(install, userFolder);

	// The emulator (on its usual port 8650 when free, so the picture shows the address the docs use),
	// a credential pointing at it and the example loop; the workflow is run in the editor.
	const emulatorPort = await freePort8650();
	// Three records are refused as in real life: their stock changes right after their shop's query.
	/** @type {Set<string>} */
	const refused = new Set();
	/** @type {import('../../emulator/pool').StockPool | undefined} */
	let pool;
	const emulator = await startEmulator({
		port: emulatorPort,
		pool: { shops: ['shop-a', 'shop-b'], perShop: 6 },
		onRequest: (entry) => {
			if (entry.endpoint !== 'api_goods_stock_change_query.php' || !entry.params || !pool) return;
			const pick = entry.params.shop_no === 'shop-a' ? [1, 4] : [2];
			for (const row of pool.pending(entry.params.shop_no).filter((_, i) => pick.includes(i))) {
				if (refused.has(row.rec_id)) continue;
				pool.changeStock(row.rec_id, row.sync_stock + 5);
				refused.add(row.rec_id);
			}
		},
	});
	pool = emulator.pool;
	fs.writeFileSync(path.join(work, 'credentials.json'), JSON.stringify(workflows.credentialFile(emulator.account, emulator.url)));
	await cli.run(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
	const loop = workflows.exampleLoop(emulator.baseUrl);
	fs.writeFileSync(path.join(work, 'loop.json'), JSON.stringify(loop));
	await cli.run(['import:workflow', `--input=${path.join(work, 'loop.json')}`]);

	log(`n8n ${install.version}: n8n start`);
	/** @type {import('./n8n-server').N8nServer | undefined} */
	let server;
	/** @type {any} */
	let browser;
	try {
		server = await startN8nServer(install, userFolder, cli.env);
		const base = server.base;
		log(`editor at ${base}, owner set up`);
		const { chromium } = await playwright(log);
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'en-US' });
		const [cookieName, ...cookieValue] = server.cookie.split('=');
		await context.addCookies([{ name: cookieName, value: cookieValue.join('='), url: base }]);
		const page = await context.newPage();

		await page.goto(`${base}/workflow/${loop.id}`, { waitUntil: 'domcontentloaded' });
		const ackNode = page.locator('[data-test-id="canvas-node"][data-node-name="WDT Ack Stock Sync"]').first();
		await ackNode.waitFor({ state: 'visible', timeout: 90_000 });
		await page.waitForTimeout(2500); // icons and fit-view settle
		// close anything that floats over the canvas (what's-new, tours)
		await page.keyboard.press('Escape');
		// run the loop against the emulator from the editor, as a user would
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		const deadline = Date.now() + 120_000;
		const ackRequests = () => emulator.requests.filter((r) => r.endpoint === 'api_goods_stock_change_ack.php').length;
		while (ackRequests() === 0 && Date.now() < deadline) await page.waitForTimeout(500);
		if (emulator.pool.pendingCount() !== refused.size) log(`warning: ${emulator.pool.pendingCount()} records pending after the run, ${refused.size} refused`);
		await page.waitForTimeout(3000);
		await page.mouse.move(700, 250); // no tooltip over the picture
		await page.waitForTimeout(800);
		fs.mkdirSync(OUT_DIR, { recursive: true });
		const canvasPng = path.join(OUT_DIR, 'stock-sync-not-acked.png');
		await page.screenshot({ path: canvasPng });
		log(`wrote ${path.relative(ROOT, canvasPng)}`);

		await ackNode.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]').first();
		await ndv.waitFor({ state: 'visible', timeout: 30_000 });
		await page.waitForTimeout(2000);
		const ackPng = path.join(OUT_DIR, 'ack-node.png');
		await page.screenshot({ path: ackPng });
		log(`wrote ${path.relative(ROOT, ackPng)}`);

		// the credential form (best effort: the picture is a bonus)
		try {
			await page.keyboard.press('Escape');
			await page.goto(`${base}/home/credentials`, { waitUntil: 'domcontentloaded' });
			await page.getByText(workflows.CREDENTIAL_NAME, { exact: true }).first().click({ timeout: 30_000 });
			await page.locator('[data-test-id="editCredential-modal"]').first().waitFor({ state: 'visible', timeout: 30_000 });
			await page.waitForTimeout(1500);
			const credentialPng = path.join(OUT_DIR, 'credential.png');
			await page.screenshot({ path: credentialPng });
			log(`wrote ${path.relative(ROOT, credentialPng)}`);
		} catch (error) {
			log(`no credential picture: ${/** @type {Error} */ (error).message.split('\n')[0]}`);
		}
	} catch (error) {
		if (server) log(`n8n output:\n${tail(server.output(), 40)}`);
		throw error;
	} finally {
		await browser?.close().catch(() => {});
		await server?.stop();
		await emulator.stop();
		if (!args.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
		else log(`kept ${work}`);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`[screenshot] FAILED: ${error.stack ?? error}\n`);
		process.exit(1);
	},
);
