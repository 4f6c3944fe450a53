// @ts-check
'use strict';

/**
 * What a real n8n needs from the published package (see scripts/check-package.js), checked on the
 * built package — the test command runs `npm run build` first — and on deliberately broken copies,
 * which the check must refuse.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { checkPackage, classNameFor } = require('../../scripts/check-package');

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'check-package.js');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** @type {ReturnType<typeof checkPackage>} */
let result;
/** @type {string[]} */
const tempDirs = [];

beforeAll(() => {
	if (!fs.existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` before the tests');
	result = checkPackage(ROOT);
});

afterAll(() => {
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** @param {import('../../scripts/check-package').Category} category */
const errorsIn = (category) => result.errors.filter((problem) => problem.category === category).map((p) => p.message);

/**
 * A copy of the built package in a temp folder (dist copied, node_modules linked so the built
 * files still find n8n-workflow), with package.json passed through `edit`.
 * @param {(pkg: any) => void} edit
 * @param {(dir: string) => void} [editFiles]
 */
function brokenCopy(edit, editFiles) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-wdt-pkgcheck-'));
	tempDirs.push(dir);
	const copy = JSON.parse(JSON.stringify(pkg));
	edit(copy);
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(copy, null, 2));
	fs.cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
	for (const file of ['index.js', 'index.d.ts', 'README.md', 'LICENSE']) {
		if (fs.existsSync(path.join(ROOT, file))) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
	}
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	editFiles?.(dir);
	return dir;
}

/** Runs the CLI the way the test command does. @param {string} dir */
function runCheck(dir) {
	const out = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8', timeout: 120_000 });
	return { status: out.status, output: `${out.stdout}${out.stderr}` };
}

describe('the built package, as n8n loads it', () => {
	test('the check finds no problem', () => {
		expect(result.errors).toEqual([]);
	});

	test('npm pack holds only what n8n needs', () => {
		expect(errorsIn('pack')).toEqual([]);
		const files = /** @type {string[]} */ (result.packedFiles);
		expect(files).toContain('package.json');
		expect(files).toContain(pkg.main ?? 'index.js');
		expect(files).toContain(pkg.types);
		for (const file of files) {
			expect(file).toMatch(/^(dist\/.+|index\.js|index\.d\.ts|package\.json|README\.md|LICENSE)$/);
			expect(file).not.toMatch(/\.map$|\.tsbuildinfo$|(^|\/)test\/|^emulator\/|^scripts\/|\.test\.[jt]s$/);
			// declarations only for the programmatic API: n8n's package scanner fails a .d.ts under
			// dist/credentials/ (cred-filename-against-convention), and lints dist/nodes/ alike
			if (file.endsWith('.ts')) expect(file).toMatch(/^(index\.d\.ts|dist\/types\/.+\.d\.ts)$/);
		}
		expect(files).toContain('dist/types/protocol/index.d.ts');
		for (const file of [...pkg.n8n.nodes, ...(pkg.n8n.credentials ?? [])]) expect(files).toContain(file);
	});

	test('no runtime dependencies; the only peer dependency is n8n-workflow "*"', () => {
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		// optional: the README's `npm install n8n-nodes-wdt` must not install n8n's own packages
		expect(pkg.peerDependenciesMeta).toEqual({ 'n8n-workflow': { optional: true } });
		expect(errorsIn('manifest')).toEqual([]);
	});

	test('every path in the n8n field exists in dist/', () => {
		for (const file of [...pkg.n8n.nodes, ...(pkg.n8n.credentials ?? [])]) {
			expect(file).toMatch(/^dist\//);
			expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
		}
		expect(errorsIn('paths')).toEqual([]);
	});

	test('each node file exports a class named like its file-name prefix', () => {
		for (const file of pkg.n8n.nodes) {
			const expected = classNameFor(file);
			const mod = require(path.join(ROOT, file));
			expect(Object.keys(mod)).toContain(expected);
			const node = new mod[expected]();
			expect(typeof node.description.name).toBe('string');
		}
		expect(errorsIn('classes')).toEqual([]);
		expect(result.loaded.nodes).toContain('n8n-nodes-wdt.wdtAckStockSync');
	});

	test('the credentials in the n8n field load, and provide wdtApi', () => {
		for (const file of pkg.n8n.credentials ?? []) {
			const expected = classNameFor(file);
			const mod = require(path.join(ROOT, file));
			const credential = new mod[expected]();
			expect(typeof credential.name).toBe('string');
			expect(Array.isArray(credential.properties)).toBe(true);
		}
		expect(result.loaded.credentials).toContain('wdtApi');
	});

	test('every icon file exists in dist/', () => {
		expect(errorsIn('icons')).toEqual([]);
	});

	test('codex files name <package>.<node>', () => {
		expect(errorsIn('codex')).toEqual([]);
	});
});

describe('the check refuses a broken package', () => {
	test('a wrong path in the n8n field fails the check (CLI exit 1, names the path)', () => {
		const broken = 'dist/nodes/WdtAckStockSync/WdtAckStockSyncTypo.node.js';
		const dir = brokenCopy((copy) => {
			copy.n8n.nodes = [...copy.n8n.nodes.filter((/** @type {string} */ p) => !p.includes('WdtAckStockSync')), broken];
		});
		const { status, output } = runCheck(dir);
		expect(status).toBe(1);
		expect(output).toContain(`n8n node path "${broken}" does not exist`);
		expect(output).toContain('package check FAILED');
	});

	test('the same copy with the right path passes (so the failure above is the path alone)', () => {
		const dir = brokenCopy(() => {});
		const { status, output } = runCheck(dir);
		expect(output).toContain('package check ok');
		expect(status).toBe(0);
	});

	test('a broken credential path fails too', () => {
		const dir = brokenCopy((copy) => {
			copy.n8n.credentials = ['dist/credentials/WdtApi.credential.js'];
		});
		const result = checkPackage(dir, { pack: false });
		expect(result.errors.map((e) => e.message).join('\n')).toContain(
			'n8n credential path "dist/credentials/WdtApi.credential.js" does not exist',
		);
		// and the nodes that use wdtApi now name a credential the package does not provide
		expect(result.errors.map((e) => e.message).join('\n')).toMatch(/uses credential "wdtApi", which no file in n8n.credentials provides/);
	});

	test('a class name that differs from the file name fails', () => {
		const dir = brokenCopy(
			(copy) => {
				copy.n8n.nodes = ['dist/nodes/WdtAckStockSync/AckStockSync.node.js'];
			},
			(copyDir) => {
				const from = path.join(copyDir, 'dist/nodes/WdtAckStockSync/WdtAckStockSync.node.js');
				fs.copyFileSync(from, path.join(copyDir, 'dist/nodes/WdtAckStockSync/AckStockSync.node.js'));
			},
		);
		const result = checkPackage(dir, { pack: false });
		expect(result.errors.map((e) => e.message).join('\n')).toMatch(/does not export a class "AckStockSync"/);
	});

	test('a runtime dependency fails', () => {
		const dir = brokenCopy((copy) => {
			copy.dependencies = { lodash: '^4.17.21' };
		});
		const result = checkPackage(dir, { pack: false });
		expect(result.errors.map((e) => e.message).join('\n')).toMatch(/has "dependencies" \(lodash\)/);
	});

	test('a peer n8n-workflow not marked optional fails (npm would install it into ~/.n8n/nodes)', () => {
		const dir = brokenCopy((copy) => {
			delete copy.peerDependenciesMeta;
		});
		const result = checkPackage(dir, { pack: false });
		expect(result.errors.map((e) => e.message).join('\n')).toMatch(/peerDependenciesMeta\["n8n-workflow"\]\.optional is not true/);
	});

	test('a declaration under dist/credentials/ fails (the file n8n\'s scanner refused)', () => {
		const dir = brokenCopy(
			() => {},
			(copyDir) => {
				fs.writeFileSync(path.join(copyDir, 'dist/credentials/WdtApi.credentials.d.ts'), 'export {};\n');
			},
		);
		const result = checkPackage(dir);
		expect(result.errors.map((e) => `[${e.category}] ${e.message}`).join('\n')).toContain(
			'[pack] the tarball would hold dist/credentials/WdtApi.credentials.d.ts: declaration under dist/credentials or dist/nodes',
		);
	});

	test('a "types" file left out of "files" fails', () => {
		const dir = brokenCopy((copy) => {
			copy.files = copy.files.filter((/** @type {string} */ file) => file !== 'index.d.ts');
		});
		const result = checkPackage(dir);
		expect(result.errors.map((e) => e.message)).toContain('the tarball would not hold types (index.d.ts): check "files"');
	});

	test('a missing icon and a source map in the tarball fail', () => {
		const dir = brokenCopy(
			() => {},
			(copyDir) => {
				fs.rmSync(path.join(copyDir, 'dist/nodes/Wdt/wdt.dark.svg'));
				fs.writeFileSync(path.join(copyDir, 'dist/nodes/WdtAckStockSync/WdtAckStockSync.node.js.map'), '{}');
			},
		);
		const result = checkPackage(dir);
		const messages = result.errors.map((e) => `[${e.category}] ${e.message}`).join('\n');
		expect(messages).toMatch(/\[icons\] .*wdt\.dark\.svg/);
		expect(messages).toMatch(/\[pack\] the tarball would hold dist\/nodes\/WdtAckStockSync\/WdtAckStockSync\.node\.js\.map: source map/);
	});
});
