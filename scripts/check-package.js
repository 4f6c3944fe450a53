#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * node scripts/check-package.js [packageDir] [--no-pack] [--json]
 *
 * The checks a real n8n makes (or trips over) when it loads a community package, run against the
 * built package (run `npm run build` first). Exit 0 when clean, 1 with one line per problem.
 *
 *   pack          `npm pack --dry-run --json` holds only what n8n needs: dist/ (compiled .js,
 *                 the codex .json files, icons, the API declarations in dist/types/), the `main`
 *                 and `types` files, package.json, README, LICENSE — no tests, emulator, scripts,
 *                 .ts sources, source maps or build info, and no .d.ts under dist/credentials/ or
 *                 dist/nodes/ (n8n's package scanner lints those like sources and fails them);
 *                 every file the `n8n` field names is in it.
 *   manifest      no `dependencies`; `peerDependencies` exactly { "n8n-workflow": "*" }, marked
 *                 optional in `peerDependenciesMeta` (else `npm install n8n-nodes-wdt` in
 *                 ~/.n8n/nodes installs n8n-workflow and builds isolated-vm, which fails on Node 20);
 *                 the name is `n8n-nodes-*` / `@scope/n8n-nodes-*` (the only names n8n scans);
 *                 the keyword `n8n-community-node-package`; `n8n.n8nNodesApiVersion` is 1.
 *   paths         every path in `n8n.nodes` / `n8n.credentials` exists.
 *   classes       each node/credential file, required, exports a class named like its file-name
 *                 prefix (n8n: "Class could not be found" otherwise) that constructs, with a
 *                 description/name; node credentials name credentials of this package.
 *   icons         every `file:` icon of a node or credential exists next to the built file.
 *   codex         a node's `<file>.json` codex, when present, names `<package>.<node name>`.
 *
 * packageDir defaults to the repository root. The jest test test/package/package-checks.test.js
 * runs it against this package and against broken copies.
 */

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/**
 * @typedef {'pack' | 'manifest' | 'paths' | 'classes' | 'icons' | 'codex'} Category
 * @typedef {{ category: Category, message: string }} Problem
 * @typedef {object} CheckResult
 * @property {Problem[]} errors
 * @property {Problem[]} warnings
 * @property {string[] | null} packedFiles  null when the pack step did not run
 * @property {{ nodes: string[], credentials: string[] }} loaded  the type names that loaded
 */

/** Files n8n needs at the package root (besides dist/ and `main`). */
const ROOT_FILES = [/^package\.json$/, /^readme(\.md)?$/i, /^licen[cs]e(\.md|\.txt)?$/i];
/** Files allowed under dist/. */
const DIST_ALLOWED = [/\.js$/, /\.d\.ts$/, /\.json$/, /\.svg$/, /\.png$/];
/** Files never to ship, with the reason shown. */
const FORBIDDEN = [
	{ test: /\.map$/, why: 'source map' },
	{ test: /\.tsbuildinfo$/, why: 'TypeScript build info' },
	{ test: /(^|\/)(test|tests|__tests__)\//, why: 'test file' },
	{ test: /\.(test|spec)\.[cm]?[jt]s$/, why: 'test file' },
	{ test: /^emulator\//, why: 'the emulator (dev only)' },
	{ test: /^scripts\//, why: 'dev script' },
	{ test: /^(bench|examples|docs|\.ci)\//, why: 'dev-only folder' },
	{ test: /(?<!\.d)\.ts$/, why: 'TypeScript source' },
	{
		test: /^dist\/(credentials|nodes)\/.*\.d\.ts$/,
		why: "declaration under dist/credentials or dist/nodes (n8n's package scanner lints it as a source and fails its file name)",
	},
];

/**
 * @param {string} pkgDir
 * @returns {{ files: string[] } | { error: string }}
 */
function packedFiles(pkgDir) {
	const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], {
		cwd: pkgDir,
		encoding: 'utf8',
		timeout: 120_000,
		env: { ...process.env, npm_config_update_notifier: 'false' },
	});
	if (result.error) return { error: `npm pack --dry-run could not run: ${result.error.message}` };
	if (result.status !== 0) return { error: `npm pack --dry-run failed (exit ${result.status}): ${result.stderr.trim()}` };
	try {
		const start = result.stdout.indexOf('[');
		const parsed = JSON.parse(result.stdout.slice(start));
		return { files: parsed[0].files.map((/** @type {{path: string}} */ file) => file.path) };
	} catch (error) {
		return { error: `npm pack --dry-run --json printed no JSON: ${/** @type {Error} */ (error).message}` };
	}
}

/**
 * @param {string} file  path relative to the package
 * @param {string} main  normalized `main` (e.g. 'index.js')
 * @param {string} [types]  normalized `types` (e.g. 'index.d.ts'), when the package has one
 * @returns {string | null} why it must not ship, or null when fine
 */
function whyNotPacked(file, main, types) {
	for (const rule of FORBIDDEN) if (rule.test.test(file)) return rule.why;
	if (!file.includes('/')) {
		if (file === main || file === types) return null;
		if (ROOT_FILES.some((rule) => rule.test(file))) return null;
		return 'not needed by n8n (allowed at the root: package.json, README, LICENSE, main, types)';
	}
	if (file.startsWith('dist/')) {
		if (DIST_ALLOWED.some((rule) => rule.test(file))) return null;
		return 'unexpected file type in dist/';
	}
	return 'outside dist/';
}

/**
 * The icon file names a description or credential refers to ('file:x.svg' forms only).
 * @param {unknown} icon
 * @returns {string[]}
 */
function iconFiles(icon) {
	/** @type {string[]} */
	const out = [];
	if (typeof icon === 'string') {
		if (icon.startsWith('file:')) out.push(icon.slice('file:'.length));
	} else if (icon && typeof icon === 'object') {
		for (const value of Object.values(icon)) out.push(...iconFiles(value));
	}
	return out;
}

/**
 * Expected export name for a built file: its name up to the first dot
 * (WdtApi.credentials.js → WdtApi, WdtAckStockSync.node.js → WdtAckStockSync).
 * @param {string} file
 */
function classNameFor(file) {
	return path.basename(file).split('.')[0];
}

/**
 * @param {string} pkgDir
 * @param {{ pack?: boolean }} [options]
 * @returns {CheckResult}
 */
function checkPackage(pkgDir, options = {}) {
	const dir = path.resolve(pkgDir);
	/** @type {Problem[]} */
	const errors = [];
	/** @type {Problem[]} */
	const warnings = [];
	/** @param {Category} category @param {string} message */
	const fail = (category, message) => errors.push({ category, message });
	/** @param {Category} category @param {string} message */
	const warn = (category, message) => warnings.push({ category, message });
	const loaded = { nodes: /** @type {string[]} */ ([]), credentials: /** @type {string[]} */ ([]) };

	/** @type {any} */
	let pkg;
	try {
		pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	} catch (error) {
		fail('manifest', `cannot read ${path.join(dir, 'package.json')}: ${/** @type {Error} */ (error).message}`);
		return { errors, warnings, packedFiles: null, loaded };
	}

	// --- manifest -------------------------------------------------------------------------------
	const name = String(pkg.name ?? '');
	if (!/^(@[a-z0-9][\w.-]*\/)?n8n-nodes-[\w.-]+$/.test(name)) {
		fail('manifest', `name "${name}" is not n8n-nodes-* or @scope/n8n-nodes-* (n8n only scans those)`);
	}
	if (!Array.isArray(pkg.keywords) || !pkg.keywords.includes('n8n-community-node-package')) {
		fail('manifest', 'keywords lack "n8n-community-node-package" (n8n\'s community-node search uses it)');
	}
	const deps = Object.keys(pkg.dependencies ?? {});
	if (pkg.dependencies !== undefined) {
		fail(
			'manifest',
			`package.json has "dependencies"${deps.length ? ` (${deps.join(', ')})` : ''}: a community node must not have runtime dependencies`,
		);
	}
	const peers = pkg.peerDependencies ?? {};
	const peerNames = Object.keys(peers);
	if (peerNames.length !== 1 || peers['n8n-workflow'] !== '*') {
		fail(
			'manifest',
			`peerDependencies must be exactly { "n8n-workflow": "*" }, found ${JSON.stringify(peers)}`,
		);
	}
	if (pkg.peerDependenciesMeta?.['n8n-workflow']?.optional !== true) {
		fail(
			'manifest',
			'peerDependenciesMeta["n8n-workflow"].optional is not true: `npm install` of the package into ~/.n8n/nodes would install n8n-workflow too (npm 7+ installs peers), whose native dependency isolated-vm does not build on Node 20; n8n provides n8n-workflow itself',
		);
	}
	for (const field of ['optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
		if (pkg[field] !== undefined) fail('manifest', `package.json has "${field}": n8n installs no runtime dependencies`);
	}
	const n8n = pkg.n8n;
	if (!n8n || typeof n8n !== 'object') {
		fail('manifest', 'package.json has no "n8n" field');
		return { errors, warnings, packedFiles: null, loaded };
	}
	if (n8n.n8nNodesApiVersion !== 1) fail('manifest', `n8n.n8nNodesApiVersion is ${JSON.stringify(n8n.n8nNodesApiVersion)}, expected 1`);
	if (n8n.strict !== true) warn('manifest', 'n8n.strict is not true (n8n-node lint runs its strict rule set only then)');
	const nodePaths = Array.isArray(n8n.nodes) ? n8n.nodes : [];
	const credentialPaths = Array.isArray(n8n.credentials) ? n8n.credentials : [];
	if (!Array.isArray(n8n.nodes) || nodePaths.length === 0) fail('manifest', 'n8n.nodes must be a non-empty array of built node files');
	if (n8n.credentials !== undefined && !Array.isArray(n8n.credentials)) fail('manifest', 'n8n.credentials must be an array');

	// --- paths ----------------------------------------------------------------------------------
	/** @type {Array<{ kind: 'node' | 'credential', rel: string, abs: string }>} */
	const existing = [];
	for (const [kind, list] of /** @type {const} */ ([
		['node', nodePaths],
		['credential', credentialPaths],
	])) {
		for (const rel of list) {
			if (typeof rel !== 'string') {
				fail('paths', `n8n.${kind === 'node' ? 'nodes' : 'credentials'} holds a non-string: ${JSON.stringify(rel)}`);
				continue;
			}
			const norm = path.posix.normalize(rel.replace(/^\.\//, ''));
			if (!norm.startsWith('dist/')) fail('paths', `n8n ${kind} path "${rel}" is not under dist/`);
			if (!norm.endsWith('.js')) fail('paths', `n8n ${kind} path "${rel}" is not a .js file`);
			const abs = path.join(dir, norm);
			if (!fs.existsSync(abs)) {
				fail('paths', `n8n ${kind} path "${rel}" does not exist (${abs}) — wrong path, or run npm run build`);
				continue;
			}
			existing.push({ kind, rel: norm, abs });
		}
	}

	// --- classes, icons, codex ------------------------------------------------------------------
	const credentialNames = new Set();
	/** @type {Array<{ file: string, credentials: string[] }>} */
	const nodeCredentialRefs = [];
	for (const entry of existing) {
		const expected = classNameFor(entry.rel);
		/** @type {any} */
		let mod;
		try {
			mod = require(entry.abs);
		} catch (error) {
			fail('classes', `${entry.rel} cannot be required: ${/** @type {Error} */ (error).message.split('\n')[0]}`);
			continue;
		}
		const Class = mod?.[expected];
		if (typeof Class !== 'function') {
			const exported = Object.keys(mod ?? {}).join(', ') || 'nothing';
			fail('classes', `${entry.rel} does not export a class "${expected}" (exports: ${exported}); n8n would say "Class could not be found"`);
			continue;
		}
		/** @type {any} */
		let instance;
		try {
			instance = new Class();
		} catch (error) {
			fail('classes', `new ${expected}() from ${entry.rel} throws: ${/** @type {Error} */ (error).message}`);
			continue;
		}
		const fileDir = path.dirname(entry.abs);
		/** @param {unknown} icon @param {string} owner */
		const checkIcons = (icon, owner) => {
			for (const file of iconFiles(icon)) {
				const iconPath = path.resolve(fileDir, file);
				if (!fs.existsSync(iconPath)) fail('icons', `${owner}: icon "file:${file}" not found at ${path.relative(dir, iconPath)}`);
			}
		};

		if (entry.kind === 'credential') {
			if (typeof instance.name !== 'string' || !instance.name) {
				fail('classes', `${entry.rel}: credential has no name`);
				continue;
			}
			if (!Array.isArray(instance.properties)) fail('classes', `${entry.rel}: credential "${instance.name}" has no properties array`);
			if (!instance.displayName) fail('classes', `${entry.rel}: credential "${instance.name}" has no displayName`);
			credentialNames.add(instance.name);
			loaded.credentials.push(instance.name);
			if (instance.icon === undefined) warn('icons', `${entry.rel}: credential "${instance.name}" has no icon`);
			checkIcons(instance.icon, `credential ${instance.name}`);
			continue;
		}

		// node: plain or versioned (nodeVersions + description.defaultVersion)
		/** @type {any[]} */
		const descriptions = [];
		if (instance.nodeVersions && typeof instance.nodeVersions === 'object') {
			for (const version of Object.values(instance.nodeVersions)) descriptions.push(/** @type {any} */ (version).description);
			if (instance.description) descriptions.unshift(instance.description);
		} else if (instance.description) {
			descriptions.push(instance.description);
		}
		const main = descriptions[0];
		if (!main || typeof main.name !== 'string' || !main.name) {
			fail('classes', `${entry.rel}: node has no description.name`);
			continue;
		}
		loaded.nodes.push(`${name}.${main.name}`);
		if (descriptions.every((d) => d?.icon === undefined)) warn('icons', `${entry.rel}: node "${main.name}" has no icon`);
		for (const description of descriptions) {
			if (description) checkIcons(description.icon, `node ${main.name}`);
		}
		const refs = descriptions.flatMap((d) => (Array.isArray(d?.credentials) ? d.credentials : [])).map((c) => c.name);
		nodeCredentialRefs.push({ file: entry.rel, credentials: refs });

		const codexPath = `${entry.abs}on`; // X.node.js → X.node.json, as n8n looks it up
		if (fs.existsSync(codexPath)) {
			try {
				const codex = JSON.parse(fs.readFileSync(codexPath, 'utf8'));
				if (codex.node !== `${name}.${main.name}`) {
					fail('codex', `${path.relative(dir, codexPath)}: "node" is ${JSON.stringify(codex.node)}, expected "${name}.${main.name}"`);
				}
			} catch (error) {
				fail('codex', `${path.relative(dir, codexPath)} is not valid JSON: ${/** @type {Error} */ (error).message}`);
			}
		} else {
			warn('codex', `${entry.rel}: no codex file ${path.basename(codexPath)} (categories and docs links come from it)`);
		}
	}
	for (const ref of nodeCredentialRefs) {
		for (const credential of ref.credentials) {
			if (!credentialNames.has(credential)) {
				fail('classes', `${ref.file} uses credential "${credential}", which no file in n8n.credentials provides`);
			}
		}
	}

	// --- pack -----------------------------------------------------------------------------------
	/** @type {string[] | null} */
	let files = null;
	if (options.pack !== false) {
		const packed = packedFiles(dir);
		if ('error' in packed) {
			fail('pack', packed.error);
		} else {
			files = packed.files;
			const main = path.posix.normalize(String(pkg.main ?? 'index.js').replace(/^\.\//, ''));
			const types = pkg.types ? path.posix.normalize(String(pkg.types).replace(/^\.\//, '')) : undefined;
			for (const file of files) {
				const why = whyNotPacked(file, main, types);
				if (why) fail('pack', `the tarball would hold ${file}: ${why}`);
			}
			const set = new Set(files);
			for (const rel of [...nodePaths, ...credentialPaths]) {
				if (typeof rel !== 'string') continue;
				const norm = path.posix.normalize(rel.replace(/^\.\//, ''));
				if (!set.has(norm)) fail('pack', `the tarball would not hold ${norm} (named in the n8n field): check "files"`);
			}
			if (pkg.main && !set.has(main)) fail('pack', `the tarball would not hold main (${main})`);
			if (types && !set.has(types)) fail('pack', `the tarball would not hold types (${types}): check "files"`);
			if (!files.some((file) => /^readme(\.md)?$/i.test(file))) warn('pack', 'no README in the tarball (npm and n8n show it)');
			if (!files.some((file) => /^licen[cs]e/i.test(file))) warn('pack', 'no LICENSE in the tarball');
		}
	}

	return { errors, warnings, packedFiles: files, loaded };
}

module.exports = { checkPackage, whyNotPacked, classNameFor, iconFiles };

if (require.main === module) {
	const args = process.argv.slice(2);
	const dirArg = args.find((arg) => !arg.startsWith('--'));
	const dir = path.resolve(dirArg ?? path.join(__dirname, '..'));
	const result = checkPackage(dir, { pack: !args.includes('--no-pack') });
	if (args.includes('--json')) {
		process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
	} else {
		for (const warning of result.warnings) console.log(`warning [${warning.category}] ${warning.message}`);
		for (const error of result.errors) console.log(`FAIL [${error.category}] ${error.message}`);
		if (result.errors.length === 0) {
			const packed = result.packedFiles ? `, ${result.packedFiles.length} files in the tarball` : '';
			console.log(
				`package check ok: ${dir} — nodes ${result.loaded.nodes.join(', ')}; credentials ${result.loaded.credentials.join(', ')}${packed}`,
			);
		} else {
			console.log(`package check FAILED: ${result.errors.length} problem(s) in ${dir}`);
		}
	}
	process.exitCode = result.errors.length === 0 ? 0 : 1;
}
