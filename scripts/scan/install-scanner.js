// @ts-check
'use strict';

/**
 * Installs n8n's package scanner, @n8n/scan-community-package, into a cache folder outside the
 * project — ${WDT_SCAN_CACHE:-${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-wdt-scan} — reused while
 * its marker matches the manifest below. Not a devDependency: its pins (ESLint 9.29,
 * typescript-eslint 8, TypeScript 7) clash with the project's own tool chain.
 *
 * Two fixes it needs to run at all, both in the manifest:
 * - TypeScript forced to 5.9 (`overrides`): the scanner pins TypeScript 7, which has no JS
 *   compiler API, and @typescript-eslint/parser fails on it.
 * - n8n-workflow beside it: @n8n/eslint-plugin-community-nodes loads it as a peer dependency.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { run } = require('../e2e/proc');
const { installAtomically, readMarker, writeMarker, NPM_FLAGS } = require('../e2e/install-n8n');

/** The scanner version n8n's verification was run with for this package. */
const SCANNER_VERSION = '0.32.0';
const TYPESCRIPT_VERSION = '5.9.3';

const ROOT = path.resolve(__dirname, '..', '..');

function defaultScanCacheRoot() {
	if (process.env.WDT_SCAN_CACHE) return path.resolve(process.env.WDT_SCAN_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-wdt-scan');
}

/**
 * package.json of the cache folder. n8n-workflow is the project's own dev version, so the rules
 * see the same n8n-workflow the nodes are built against.
 */
function scannerManifest() {
	const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return {
		name: 'n8n-nodes-wdt-scanner',
		private: true,
		description: "n8n's package scanner for npm run scan (written by scripts/scan/install-scanner.js)",
		dependencies: {
			'@n8n/scan-community-package': SCANNER_VERSION,
			'n8n-workflow': project.devDependencies['n8n-workflow'],
			typescript: TYPESCRIPT_VERSION,
		},
		overrides: { typescript: TYPESCRIPT_VERSION },
	};
}

/** npm for the cache folder only: none of `npm run`'s npm_* variables (they name the project). */
function cleanEnv() {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
	return env;
}

/**
 * The TypeScript that @typescript-eslint/parser loads inside `dir`: the check that the override
 * took (a TypeScript 7 there makes every .ts file fail to parse).
 * @param {string} dir
 */
function parserTypescriptVersion(dir) {
	const scanner = path.dirname(require.resolve('@n8n/scan-community-package/package.json', { paths: [dir] }));
	const parser = path.dirname(require.resolve('@typescript-eslint/parser/package.json', { paths: [scanner] }));
	const ts = require.resolve('typescript/package.json', { paths: [parser] });
	return JSON.parse(fs.readFileSync(ts, 'utf8')).version;
}

/**
 * @typedef {object} ScannerInstall
 * @property {string} dir       the cache folder (has node_modules/@n8n/scan-community-package)
 * @property {string} scanner   the scanner's module, scanner/scanner.mjs
 * @property {string} version
 * @property {boolean} reused
 * @property {number} ms
 */

/**
 * @param {{ cacheRoot?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<ScannerInstall>}
 */
async function ensureScanner(options = {}) {
	const started = Date.now();
	const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
	const dir = path.join(options.cacheRoot ?? defaultScanCacheRoot(), `scan-community-package-${SCANNER_VERSION}`);
	const scanner = path.join(dir, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
	const manifest = scannerManifest();

	const marker = readMarker(dir);
	if (marker && JSON.stringify(marker.manifest) === JSON.stringify(manifest) && fs.existsSync(scanner)) {
		return { dir, scanner, version: SCANNER_VERSION, reused: true, ms: Date.now() - started };
	}

	log(`installing @n8n/scan-community-package@${SCANNER_VERSION} into ${dir}`);
	await installAtomically(dir, async (staging) => {
		fs.writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
		fs.writeFileSync(path.join(staging, '.npmrc'), 'ignore-scripts=true\naudit=false\nfund=false\n');
		await run('npm', ['install', ...NPM_FLAGS], { cwd: staging, env: cleanEnv(), timeoutMs: 10 * 60_000, label: 'npm install scanner' });
		const ts = parserTypescriptVersion(staging);
		if (ts !== TYPESCRIPT_VERSION) throw new Error(`the scanner's parser loads TypeScript ${ts}, expected ${TYPESCRIPT_VERSION} (overrides did not take)`);
		require.resolve('n8n-workflow', { paths: [path.join(staging, 'node_modules', '@n8n', 'eslint-plugin-community-nodes')] });
		writeMarker(staging, { manifest, parserTypescript: ts });
	});
	return { dir, scanner, version: SCANNER_VERSION, reused: false, ms: Date.now() - started };
}

module.exports = { ensureScanner, defaultScanCacheRoot, scannerManifest, parserTypescriptVersion, SCANNER_VERSION, TYPESCRIPT_VERSION };
