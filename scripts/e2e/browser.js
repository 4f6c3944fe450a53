// @ts-check
'use strict';

/**
 * The browser the e2e drives the real n8n editor with: Debian's Chromium (`apt-get install -y
 * chromium`; .ci/run installs it when missing) through playwright-core, which is installed once
 * into the e2e cache folder, never into the project.
 */

const fs = require('node:fs');
const path = require('node:path');

const { run } = require('./proc');
const { defaultCacheRoot } = require('./install-n8n');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PLAYWRIGHT_VERSION = '1.65.1';

/** playwright-core in the cache folder (installed once). @param {(line: string) => void} log */
async function playwright(log) {
	const dir = path.join(defaultCacheRoot(), `playwright-core-${PLAYWRIGHT_VERSION}`);
	const entry = path.join(dir, 'node_modules', 'playwright-core');
	if (!fs.existsSync(path.join(entry, 'package.json'))) {
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'wdt-e2e-playwright', private: true }));
		log(`installing playwright-core@${PLAYWRIGHT_VERSION} into ${dir}`);
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `playwright-core@${PLAYWRIGHT_VERSION}`], {
			cwd: dir,
			timeoutMs: 5 * 60_000,
			label: 'npm playwright-core',
		});
	}
	return require(entry);
}

/**
 * A headless Chromium with a page logged in to the editor at `base` (the owner's cookie).
 * @param {{ base: string, cookie: string, log: (line: string) => void }} options
 */
async function openEditor({ base, cookie, log }) {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
	const { chromium } = await playwright(log);
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'en-US' });
	const [cookieName, ...cookieValue] = cookie.split('=');
	await context.addCookies([{ name: cookieName, value: cookieValue.join('='), url: base }]);
	// The REST login was made with browser-id "wdt-e2e" (n8n-server.js): the editor sends the same.
	await context.addInitScript("window.localStorage.setItem('n8n-browserId', 'wdt-e2e')");
	const page = await context.newPage();
	return { browser, page };
}

module.exports = { CHROMIUM, playwright, openEditor };
