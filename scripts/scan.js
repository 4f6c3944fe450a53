#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * npm run scan [-- --skip-build] [--tarball x.tgz] [--keep]
 *
 * Runs the lint of n8n's package scanner, @n8n/scan-community-package (what n8n runs before it
 * lists a community package as verified), the way the verification does, on this package:
 *
 *   tarball   the `npm pack` tarball, extracted as the scanner extracts the npm one, linted with
 *             the verification's file set (every .js and package.json) and again with the
 *             scanner's full default set (every .js, .ts, .json: declarations too);
 *   source    what the provenance would point at — the files git would commit (tracked and
 *             untracked-not-ignored, so no node_modules or dist) copied out, the package root
 *             found by the scanner's own findPackageRoot, linted with the scanner's source
 *             patterns (package.json, nodes/ and credentials/ sources).
 *
 * Each leg is also run on a copy with one known violation, which must fail: a scan that lints
 * nothing (a file set that matches nothing, a parser that cannot load) would otherwise pass.
 * The scanner's network steps (npm provenance, the GitHub source download) are not run: they
 * need a published version; the release workflow (.github/workflows/release.yml) provides it.
 *
 * The scanner is installed outside the project, in a cache folder (scripts/scan/install-scanner.js).
 * --skip-build uses the existing dist/; --tarball lints a given tarball instead of packing;
 * --keep leaves the temp folder. Exit 0 when every leg passed and every canary failed.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const { run, tail } = require('./e2e/proc');
const { ensureScanner } = require('./scan/install-scanner');

const ROOT = path.resolve(__dirname, '..');
/** The file set the verification (scanner 0.32.0, analyzePackageByName) lints the tarball with. */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

const args = process.argv.slice(2);
const flags = {
	skipBuild: args.includes('--skip-build'),
	keep: args.includes('--keep'),
	tarball: args.includes('--tarball') ? path.resolve(args[args.indexOf('--tarball') + 1] ?? '') : undefined,
};

const started = Date.now();
/** @param {string} line */
const log = (line) => process.stderr.write(`[scan ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);

/**
 * @typedef {{ passed: boolean, message?: string, details?: string }} LintResult
 * @typedef {{
 *   analyzePackage: (dir: string, patterns?: string[]) => Promise<LintResult>,
 *   findPackageRoot: (dir: string, name: string) => string | null,
 *   SOURCE_FILE_PATTERNS: string[],
 * }} Scanner
 */

/** What the n8n build used to emit for the credential (the file the verification refused). */
const CREDENTIAL_DECLARATION = `import type { ICredentialType, INodeProperties } from 'n8n-workflow';
export declare class WdtApi implements ICredentialType {
    name: string;
    displayName: string;
    properties: INodeProperties[];
}
`;

/** @param {string} dir @param {string} prefix */
function tempIn(dir, prefix) {
	return fs.mkdtempSync(path.join(dir, prefix));
}

/** @param {string} work */
async function packTarball(work) {
	if (flags.tarball) return flags.tarball;
	if (!flags.skipBuild) {
		log('npm run build');
		await run('npm', ['run', 'build'], { cwd: ROOT, timeoutMs: 5 * 60_000, label: 'build' });
	}
	const packed = await run('npm', ['pack', '--pack-destination', work, '--ignore-scripts', '--json', '--loglevel=error'], {
		cwd: ROOT,
		timeoutMs: 2 * 60_000,
		label: 'npm pack',
	});
	const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
	return path.join(work, info.filename);
}

/** Extracted as the scanner extracts the npm tarball: `tar -xzf … --strip-components=1`. */
async function extractTarball(/** @type {string} */ tarball, /** @type {string} */ work) {
	const dir = tempIn(work, 'tarball-');
	await run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], { timeoutMs: 60_000, label: 'tar' });
	return dir;
}

/** The files a commit of the working tree would hold, copied into a fresh folder. */
async function exportSource(/** @type {string} */ work) {
	const dir = tempIn(work, 'source-');
	const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
		cwd: ROOT,
		timeoutMs: 60_000,
		label: 'git ls-files',
	});
	let count = 0;
	for (const file of listed.stdout.split('\0')) {
		const from = path.join(ROOT, file);
		if (!file || !fs.existsSync(from) || !fs.statSync(from).isFile()) continue; // deleted, not yet staged
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.copyFileSync(from, path.join(dir, file));
		count++;
	}
	return { dir, count };
}

/**
 * @param {Scanner} scanner
 * @param {string} name
 * @param {string} dir
 * @param {string[] | undefined} patterns  undefined: the scanner's default set
 */
async function lint(scanner, name, dir, patterns) {
	const t0 = Date.now();
	const result = await scanner.analyzePackage(dir, patterns);
	const ms = Date.now() - t0;
	// "No files found" is a pass in the scanner; here it means the leg looked at nothing.
	const lookedAtNothing = result.message === 'No files found to analyze';
	return { name, ms, passed: result.passed && !lookedAtNothing, message: result.message, details: result.details };
}

/**
 * A copy of `dir` with one violation the leg must report (by rule name).
 * @param {string} dir
 * @param {string} work
 * @param {string} file      relative path to write
 * @param {string} content
 */
function canaryCopy(dir, work, file, content) {
	const copy = tempIn(work, 'canary-');
	fs.cpSync(dir, copy, { recursive: true });
	fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
	fs.writeFileSync(path.join(copy, file), content);
	return copy;
}

async function main() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-wdt-scan-'));
	// The scanner makes its own temp folder when it is loaded: keep it inside ours.
	process.env.TMPDIR = work;
	/** @type {Array<{ name: string, ok: boolean, ms: number, detail?: string }>} */
	const results = [];
	/** @param {{ name: string, ok: boolean, ms: number, detail?: string }} result */
	const record = (result) => {
		results.push(result);
		log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.name} (${(result.ms / 1000).toFixed(1)} s)`);
		if (result.detail) process.stderr.write(`${tail(result.detail, 60)}\n`);
	};
	try {
		const install = await ensureScanner({ log });
		log(`scanner @n8n/scan-community-package@${install.version} ${install.reused ? 'from the cache' : 'installed'} (${install.dir}, ${(install.ms / 1000).toFixed(1)} s)`);
		/** @type {Scanner} */
		const scanner = await import(pathToFileURL(install.scanner).href);

		const tarball = await packTarball(work);
		const packageDir = await extractTarball(tarball, work);
		const source = await exportSource(work);
		const pkgName = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;
		const sourceRoot = scanner.findPackageRoot(source.dir, pkgName);
		if (!sourceRoot) throw new Error(`the scanner finds no package.json named ${pkgName} in the source (${source.count} files)`);
		log(`tarball ${path.basename(tarball)}: ${fs.readdirSync(packageDir).join(', ')}; source: ${source.count} files`);

		const legs = [
			{ name: `tarball (${TARBALL_PATTERNS.join(', ')})`, dir: packageDir, patterns: TARBALL_PATTERNS },
			{ name: "tarball, declarations too (the scanner's default set)", dir: packageDir, patterns: undefined },
			{ name: `source (${scanner.SOURCE_FILE_PATTERNS.join(', ')})`, dir: sourceRoot, patterns: scanner.SOURCE_FILE_PATTERNS },
		];
		for (const leg of legs) {
			const result = await lint(scanner, leg.name, leg.dir, leg.patterns);
			record({ name: leg.name, ok: result.passed, ms: result.ms, detail: result.passed ? undefined : `${result.message}\n${result.details ?? ''}` });
		}

		// Canaries: one violation per leg, each must be caught.
		const canaries = [
			{
				name: 'canary: a node .js in the tarball using setTimeout',
				dir: canaryCopy(packageDir, work, 'dist/nodes/Canary/Canary.node.js', 'setTimeout(() => {}, 1);\n'),
				patterns: TARBALL_PATTERNS,
				rule: 'no-restricted-globals',
			},
			{
				name: 'canary: a credential declaration in the tarball',
				dir: canaryCopy(packageDir, work, 'dist/credentials/WdtApi.credentials.d.ts', CREDENTIAL_DECLARATION),
				patterns: undefined,
				rule: 'cred-filename-against-convention',
			},
			{
				name: 'canary: a node source using setTimeout',
				dir: canaryCopy(sourceRoot, work, 'nodes/Canary/canary.ts', 'export const later = (): void => {\n\tsetTimeout(() => {}, 1);\n};\n'),
				patterns: scanner.SOURCE_FILE_PATTERNS,
				rule: 'no-restricted-globals',
			},
		];
		for (const canary of canaries) {
			const result = await lint(scanner, canary.name, canary.dir, canary.patterns);
			const caught = !result.passed && (result.details ?? '').includes(canary.rule);
			record({ name: `${canary.name} → ${canary.rule}`, ok: caught, ms: result.ms, detail: caught ? undefined : `not caught: ${result.message ?? 'passed'}\n${result.details ?? ''}` });
		}
	} finally {
		if (flags.keep) log(`kept ${work}`);
		else fs.rmSync(work, { recursive: true, force: true });
	}

	const failed = results.filter((result) => !result.ok).length;
	const total = ((Date.now() - started) / 1000).toFixed(1);
	console.log(`scan: ${results.length - failed} passed, ${failed} failed (${total} s)`);
	return failed === 0;
}

main().then(
	(ok) => {
		process.exitCode = ok ? 0 : 1;
	},
	(error) => {
		console.error(`scan failed: ${error.message}`);
		process.exitCode = 1;
	},
);
