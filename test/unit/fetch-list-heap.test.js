// @ts-check
'use strict';

/**
 * Bounded memory for any answer: the fetcher in a child process with a 64 MB heap, against a
 * gateway that announces total_count 1e9 (and one that announces 999 900 and sends an empty page
 * 1). Before pages were asked for one by one, 1e9 queued ten million page tasks and the process
 * died out of memory; now it fails cleanly with the window and the counts.
 * (JavaScript, not TypeScript: n8n's lint forbids Node built-ins in .ts files, tests included.)
 */
const { execFileSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, relative } = require('node:path');
const ts = require('typescript');

const ROOT = join(__dirname, '..', '..');

/**
 * Every .ts file under `dir`, transpiled to CommonJS into `out` (same layout).
 * @param {string} dir
 * @param {string} out
 */
function transpileTree(dir, out) {
	for (const name of readdirSync(dir)) {
		const file = join(dir, name);
		if (statSync(file).isDirectory()) transpileTree(file, out);
		else if (name.endsWith('.ts')) {
			const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
			mkdirSync(dirname(target), { recursive: true });
			const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
				compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019, esModuleInterop: true },
			});
			writeFileSync(target, outputText);
		}
	}
}

describe('fetchList under a 64 MB heap', () => {
	/** @type {string} */
	let out;
	beforeAll(() => {
		out = mkdtempSync(join(tmpdir(), 'wdt-heap-'));
		transpileTree(join(ROOT, 'nodes'), out);
	});
	afterAll(() => rmSync(out, { recursive: true, force: true }));

	it('total_count 1e9 fails cleanly (no out-of-memory); an empty page in the middle stops the reading', () => {
		const stdout = execFileSync(process.execPath, ['--max-old-space-size=64', '--expose-gc', join(ROOT, 'test/helpers/heap-child.js'), out], {
			env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
			encoding: 'utf8',
		});
		const [huge, emptyMiddle] = stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(huge).toMatchObject({
			name: 'IncompleteListError',
			message:
				'trade_query: the window 2026-11-28 10:00:00 – 2026-11-28 11:00:00 (Beijing time) could not be read completely: read 100 of 1000000000 (read 3 times); total_count announces 1000000000 records: more than 10000 pages of 100',
			calls: [0, 0, 0],
		});
		expect(emptyMiddle.name).toBe('IncompleteListError');
		expect(emptyMiddle.message).toMatch(/read \d+ of 999900 \(read 3 times\); page 1 came back with 0 of 100 records/);
		// Each read: page 0, then at most the 4 pages in flight when page 1 came back empty.
		expect(emptyMiddle.calls.length).toBeLessThanOrEqual(3 * 5);
		for (const line of [huge, emptyMiddle]) expect(line.heapUsed).toBeLessThan(64 * 1024 * 1024);
	});
});
