// @ts-check
'use strict';
/**
 * Which test file holds which test, for Stryker's mutant runs (jest.mutation.config.js).
 *
 * Why: Stryker runs, for each mutant, jest with `--findRelatedTests <mutated file>` and a
 * `testNamePattern` naming the tests that cover it. Jest still loads every related test file to
 * learn its test names, and loading a file that imports n8n-core costs about a second; for a
 * transport mutant that is 18 files, ~8 s, while the covering tests themselves take well under one.
 * The index, written during Stryker's initial (dry) run where every test runs, lets the sequencer
 * (mutation-test-sequencer.js) skip the files in which no test matches the pattern: jest would run
 * none of their tests anyway. A file the index does not know is kept, so a stale or missing index
 * only costs time; it can never let a mutant escape a test that would have killed it.
 */
const fs = require('node:fs');
const path = require('node:path');

/** Inside Stryker's sandbox (this file is copied with the project); git-ignored in the project. */
const INDEX_FILE = path.join(__dirname, '..', '..', '.mutation-test-files.jsonl');

/** Stryker sets it for a mutant run only (@stryker-mutator/api INSTRUMENTER_CONSTANTS). */
const inMutantRun = () => process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined;

/** @param {string} testPath @param {string} testName */
function record(testPath, testName, file = INDEX_FILE) {
	fs.appendFileSync(file, `${JSON.stringify([testPath, testName])}\n`);
}

function reset(file = INDEX_FILE) {
	fs.rmSync(file, { force: true });
}

/** @returns {Map<string, string[]> | undefined} test file → the full names of its tests */
function read(file = INDEX_FILE) {
	let text;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
	/** @type {Map<string, string[]>} */
	const byFile = new Map();
	for (const line of text.split('\n')) {
		if (line === '') continue;
		const [testPath, testName] = JSON.parse(line);
		const names = byFile.get(testPath) ?? [];
		names.push(testName);
		byFile.set(testPath, names);
	}
	return byFile;
}

/**
 * The test files worth loading for a name pattern: those with a test that matches it (jest's own
 * reading of the pattern: a case-insensitive RegExp) and those the index does not know.
 * @template {{ path: string }} T
 * @param {T[]} tests @param {string} pattern @param {Map<string, string[]>} byFile
 */
function filesMatching(tests, pattern, byFile) {
	const regex = new RegExp(pattern, 'i');
	return tests.filter((test) => {
		const names = byFile.get(test.path);
		return names === undefined || names.some((name) => regex.test(name));
	});
}

module.exports = { INDEX_FILE, inMutantRun, record, reset, read, filesMatching };
