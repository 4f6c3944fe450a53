// @ts-check
'use strict';

/**
 * How `npm run scan` (scripts/scan.js) gets n8n's package scanner: the pins that make it run at
 * all, the cache folder it installs into, and that CI runs it. The scan itself needs the
 * scanner from the npm registry, so it runs as its own CI step, not inside jest.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const {
	scannerManifest,
	defaultScanCacheRoot,
	SCANNER_VERSION,
	TYPESCRIPT_VERSION,
} = require('../../scripts/scan/install-scanner');

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe("the scanner's install", () => {
	test('pins the scanner version the verification used, TypeScript 5.9 forced over its TypeScript 7', () => {
		const manifest = scannerManifest();
		expect(SCANNER_VERSION).toBe('0.32.0');
		expect(manifest.dependencies['@n8n/scan-community-package']).toBe('0.32.0');
		expect(TYPESCRIPT_VERSION).toMatch(/^5\.9\.\d+$/);
		expect(manifest.overrides).toEqual({ typescript: TYPESCRIPT_VERSION });
		expect(manifest.dependencies.typescript).toBe(TYPESCRIPT_VERSION);
	});

	test("puts beside it the n8n-workflow the nodes are built against (its rules' peer dependency)", () => {
		expect(scannerManifest().dependencies['n8n-workflow']).toBe(pkg.devDependencies['n8n-workflow']);
	});

	test('is not part of the project: neither the scanner nor its rules in package.json, no overrides', () => {
		const all = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies };
		expect(Object.keys(all)).not.toContain('@n8n/scan-community-package');
		expect(Object.keys(all)).not.toContain('@n8n/eslint-plugin-community-nodes');
		expect(pkg.overrides).toBeUndefined(); // n8n's rules refuse an "overrides" field in a package
	});

	test('goes to $WDT_SCAN_CACHE, else $XDG_CACHE_HOME/n8n-nodes-wdt-scan, else ~/.cache/n8n-nodes-wdt-scan', () => {
		const saved = { WDT_SCAN_CACHE: process.env.WDT_SCAN_CACHE, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
		try {
			process.env.WDT_SCAN_CACHE = '/tmp/wdt-scan-cache';
			process.env.XDG_CACHE_HOME = '/tmp/xdg';
			expect(defaultScanCacheRoot()).toBe('/tmp/wdt-scan-cache');
			delete process.env.WDT_SCAN_CACHE;
			expect(defaultScanCacheRoot()).toBe('/tmp/xdg/n8n-nodes-wdt-scan');
			delete process.env.XDG_CACHE_HOME;
			expect(defaultScanCacheRoot()).toBe(path.join(os.homedir(), '.cache', 'n8n-nodes-wdt-scan'));
		} finally {
			for (const [key, value] of Object.entries(saved)) {
				if (value === undefined) delete process.env[key];
				else process.env[key] = value;
			}
		}
	});
});

describe('CI', () => {
	test('`npm run scan` runs scripts/scan.js, and .ci/run runs it right after `npm test`', () => {
		expect(pkg.scripts.scan).toBe('node scripts/scan.js');
		const lines = fs
			.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')
			.split('\n')
			.map((line) => line.trim());
		const test = lines.indexOf('npm test');
		expect(test).toBeGreaterThan(-1);
		expect(lines[test + 1]).toMatch(/^npm run scan( -- --skip-build)?$/);
	});
});
