// @ts-check
'use strict';

/**
 * Stryker's mutant runs load only the test files that hold a covering test
 * (test/helpers/mutation-test-files.js). Dropping a file that holds one would let a mutant survive
 * a test that kills it; keeping every file would cost ~8 s per mutant. Both directions are checked.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { INDEX_FILE, record, reset, read, filesMatching } = require('../helpers/mutation-test-files');
const MutationTestSequencer = require('../helpers/mutation-test-sequencer');

const escape = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Stryker's testNamePattern: each covering test's full name, escaped, in a group, joined by |. */
const strykerPattern = (/** @type {string[]} */ names) => names.map((name) => `(${escape(name)})`).join('|');

const tests = ['/p/test/a.test.ts', '/p/test/b.test.ts', '/p/test/c.test.ts'].map((p) => ({ path: p }));

describe('the index of which file holds which test', () => {
	let file = '';
	beforeEach(() => {
		file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wdt-mtf-')), 'index.jsonl');
	});

	test('reads back every test of every file, names with tabs, newlines and quotes intact', () => {
		record('/p/a.test.ts', 'signs "x"\tand\nthen', file);
		record('/p/a.test.ts', 'second', file);
		record('/p/b.test.ts', 'third', file);
		expect(read(file)).toEqual(
			new Map([
				['/p/a.test.ts', ['signs "x"\tand\nthen', 'second']],
				['/p/b.test.ts', ['third']],
			]),
		);
	});

	test('no index (no dry run yet, or reset) reads as unknown', () => {
		expect(read(file)).toBeUndefined();
		record('/p/a.test.ts', 'x', file);
		reset(file);
		expect(read(file)).toBeUndefined();
	});
});

describe('the files a mutant run loads', () => {
	const byFile = new Map([
		['/p/test/a.test.ts', ['retry waits 2 s', 'retry stops at the maximum']],
		['/p/test/b.test.ts', ['ack marks rec_id 7 acked (x)']],
	]);

	test('only those with a covering test, and those the index does not know', () => {
		expect(filesMatching(tests, strykerPattern(['retry stops at the maximum']), byFile).map((t) => t.path)).toEqual([
			'/p/test/a.test.ts',
			'/p/test/c.test.ts',
		]);
	});

	test('a full name with regex characters matches itself, case-insensitively as jest reads it', () => {
		expect(filesMatching(tests, strykerPattern(['ACK marks rec_id 7 acked (x)']), byFile).map((t) => t.path)).toEqual([
			'/p/test/b.test.ts',
			'/p/test/c.test.ts',
		]);
	});

	test('several covering tests keep each file that holds one of them', () => {
		const pattern = strykerPattern(['retry waits 2 s', 'ack marks rec_id 7 acked (x)']);
		expect(filesMatching(tests, pattern, byFile)).toHaveLength(3);
	});
});

describe('the sequencer', () => {
	const previous = process.env.__STRYKER_ACTIVE_MUTANT__;
	afterEach(() => {
		if (previous === undefined) delete process.env.__STRYKER_ACTIVE_MUTANT__;
		else process.env.__STRYKER_ACTIVE_MUTANT__ = previous;
		reset();
	});
	const sequencer = (/** @type {string | undefined} */ testNamePattern) =>
		new MutationTestSequencer({ contexts: [], globalConfig: /** @type {any} */ ({ testNamePattern }) });
	const sortedPaths = async (/** @type {MutationTestSequencer} */ s) =>
		(await s.sort(/** @type {any} */ (tests.map((t) => ({ ...t, context: { config: { rootDir: '/p' }, hasteFS: { getSize: () => 1 } } }))))).map((t) => t.path).sort();

	test('in a mutant run drops the files without a covering test', async () => {
		record('/p/test/a.test.ts', 'one');
		record('/p/test/b.test.ts', 'two');
		process.env.__STRYKER_ACTIVE_MUTANT__ = '12';
		expect(await sortedPaths(sequencer(strykerPattern(['two'])))).toEqual(['/p/test/b.test.ts', '/p/test/c.test.ts']);
		expect(await sortedPaths(sequencer(undefined))).toHaveLength(3);
	});

	test('in a mutant run puts the unit tests first', async () => {
		process.env.__STRYKER_ACTIVE_MUTANT__ = '12';
		const files = ['/p/test/engine/a.test.ts', '/p/test/unit/b.test.ts', '/p/test/engine/c.test.ts', '/p/test/unit/d.test.ts'];
		const context = { config: { rootDir: '/p' }, hasteFS: { getSize: () => 1 } };
		const sorted = await sequencer(undefined).sort(/** @type {any} */ (files.map((p) => ({ path: p, context }))));
		expect(sorted.map((t) => t.path.split('/')[3])).toEqual(['unit', 'unit', 'engine', 'engine']);
	});

	test('in the dry run keeps every file and starts the index afresh', async () => {
		record('/p/test/a.test.ts', 'one');
		delete process.env.__STRYKER_ACTIVE_MUTANT__;
		expect(await sortedPaths(sequencer(strykerPattern(['two'])))).toHaveLength(3);
		expect(fs.existsSync(INDEX_FILE)).toBe(false);
	});
});
