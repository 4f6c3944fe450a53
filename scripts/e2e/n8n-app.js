// @ts-check
'use strict';

/**
 * Driving an installed n8n application headless: its environment, installing our packed tarball
 * the way n8n installs a community package, the CLI commands (import:credentials,
 * import:workflow, execute) and reading `execute --rawOutput`.
 */

const fs = require('node:fs');
const path = require('node:path');
const { run } = require('./proc');

/**
 * Everything n8n needs here, set for the child processes of the e2e scripts only.
 * n8n 1.123 has no SSRF / loopback block: the emulator on 127.0.0.1 needs no setting.
 * @param {string} userFolder  N8N_USER_FOLDER (n8n keeps its data in <userFolder>/.n8n)
 * @param {{ node?: string }} [options]  the node binary (its folder goes first on PATH)
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnv(userFolder, options = {}) {
	const env = { ...process.env };
	// Keep the project's npm config (ignore-scripts etc.) and jest/CI variables from leaking in.
	for (const key of Object.keys(env)) {
		if (key.startsWith('npm_') || key.startsWith('N8N_') || key.startsWith('DB_')) delete env[key];
	}
	if (options.node) env.PATH = `${path.dirname(options.node)}:${env.PATH}`;
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		// the expression engine of the notes (quickjs also works on Node 20; vm does not)
		N8N_EXPRESSION_ENGINE: 'legacy',
		// Code node in-process: no task-runner child process to start and wait for
		N8N_RUNNERS_ENABLED: 'false',
		// no calls home from a test run (the machine has no route out anyway)
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// the temp user folder is created with the default umask
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// community packages are on by default; said explicitly because we rely on them
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: process.env.WDT_E2E_N8N_LOG_LEVEL || 'warn',
		// n8n 2.x has SSRF protection (off by default in 2.41; when on, it blocks 127.0.0.0/8,
		// where the emulator listens). Said explicitly so a changed default cannot break the run.
		// n8n 1.123 has no such setting and ignores it.
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		DB_TYPE: 'sqlite',
		NODE_ENV: 'production',
		GENERIC_TIMEZONE: 'Asia/Shanghai',
		TZ: 'Asia/Shanghai',
	};
}

/**
 * Installs a packed tarball exactly as n8n 1.123's CommunityPackagesService.downloadPackage does
 * with a package it fetched with `npm pack`: extract into <user>/.n8n/nodes/node_modules/<name>,
 * drop devDependencies/peerDependencies/optionalDependencies from its package.json, run
 * `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 * --ignore-scripts=true --package-lock=false` in it, and record it in nodes/package.json.
 * @param {string} tarball
 * @param {string} userFolder
 * @returns {Promise<{ name: string, version: string, dir: string }>}
 */
async function installCommunityPackage(tarball, userFolder) {
	const nodesFolder = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesFolder, { recursive: true });
	const nodesPackageJson = path.join(nodesFolder, 'package.json');
	if (!fs.existsSync(nodesPackageJson)) {
		fs.writeFileSync(nodesPackageJson, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	const staging = fs.mkdtempSync(path.join(nodesFolder, '.extract-'));
	await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1'], { timeoutMs: 60_000, label: 'tar' });
	const pkg = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8'));
	const dir = path.join(nodesFolder, 'node_modules', pkg.name);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	fs.renameSync(staging, dir);
	const { devDependencies, peerDependencies, optionalDependencies, ...kept } = pkg;
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(kept, null, 2));
	await run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: dir, timeoutMs: 5 * 60_000, label: 'npm install (community package)' },
	);
	const nodes = JSON.parse(fs.readFileSync(nodesPackageJson, 'utf8'));
	nodes.dependencies = { ...(nodes.dependencies ?? {}), [pkg.name]: pkg.version };
	fs.writeFileSync(nodesPackageJson, JSON.stringify(nodes, null, 2));
	return { name: pkg.name, version: pkg.version, dir };
}

/**
 * @typedef {object} N8nCli
 * @property {(args: string[], options?: { timeoutMs?: number, label?: string, allowFailure?: boolean, env?: NodeJS.ProcessEnv }) => Promise<import('./proc').RunResult>} run
 * @property {NodeJS.ProcessEnv} env
 */

/**
 * @param {import('./install-n8n').N8nInstall} install
 * @param {string} userFolder
 * @param {{ echo?: boolean }} [options]
 * @returns {N8nCli}
 */
function n8nCli(install, userFolder, options = {}) {
	const env = n8nEnv(userFolder, { node: install.node });
	return {
		env,
		run: (args, runOptions = {}) =>
			run(install.node, [install.bin, ...args], {
				cwd: userFolder,
				env: { ...env, ...runOptions.env },
				timeoutMs: runOptions.timeoutMs ?? 4 * 60_000,
				label: runOptions.label ?? `n8n ${args[0]}`,
				allowFailure: runOptions.allowFailure,
				echo: options.echo,
			}),
	};
}

/**
 * The JSON that `n8n execute --rawOutput` prints (the run: data.resultData.runData, ...), found
 * after any log lines n8n writes before it.
 * @param {string} stdout
 * @returns {any}
 */
function parseRawOutput(stdout) {
	const text = stdout.trim();
	try {
		return JSON.parse(text);
	} catch {
		/* log lines first */
	}
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].trimEnd() !== '{') continue;
		// the JSON ends at a line '}' (log lines may follow it)
		for (let j = lines.length - 1; j > i; j--) {
			if (lines[j].trimEnd() !== '}') continue;
			try {
				return JSON.parse(lines.slice(i, j + 1).join('\n'));
			} catch {
				/* not the end */
			}
		}
	}
	throw new Error(`no JSON in n8n execute output:\n${text.slice(0, 2000)}`);
}

/**
 * The items a node output in the run (first run of the node, main output 0).
 * @param {any} run  parsed --rawOutput
 * @param {string} nodeName
 * @returns {Array<{ json: any }>}
 */
function nodeItems(run, nodeName) {
	const runData = run?.data?.resultData?.runData ?? {};
	const runs = runData[nodeName];
	if (!Array.isArray(runs) || runs.length === 0) return [];
	return runs.flatMap((r) => r?.data?.main?.[0] ?? []);
}

/**
 * The error of a run, if any (top-level or the first node error), as text.
 * @param {any} run
 * @returns {string | null}
 */
function runError(run) {
	const error = run?.data?.resultData?.error;
	if (error) return `${error.message ?? JSON.stringify(error)}${error.node?.name ? ` (node ${error.node.name})` : ''}`;
	const runData = run?.data?.resultData?.runData ?? {};
	for (const [name, runs] of Object.entries(runData)) {
		for (const r of /** @type {any[]} */ (runs)) if (r?.error) return `${name}: ${r.error.message}`;
	}
	return null;
}

module.exports = { n8nEnv, installCommunityPackage, n8nCli, parseRawOutput, nodeItems, runError };
