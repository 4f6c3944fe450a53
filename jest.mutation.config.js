// @ts-check
/**
 * The tests Stryker runs against each mutant: the unit and engine tests, which load the
 * TypeScript sources. The emulator tests never touch product code and the package tests read
 * the built `dist/`, so neither can kill a mutant; leaving them out keeps each run short.
 * The product folders are roots too, so that jest's --findRelatedTests (Stryker's default)
 * sees every import from a test to the mutated file.
 *
 * MUTATION_TESTS narrows the tests (a score with fewer tests can only be lower, never higher):
 *   unit  the unit tests only: no n8n-core, no emulator; for the pure code (protocol, signing, retry)
 *   core  the unit tests and the engine tests of the transport and the writes (the parts
 *         transport and writes of scripts/mutation.js): the other engine tests drive the same transport
 *         for other nodes and would only make every surviving mutant slower
 *   (unset) all unit and engine tests: the real score of any folder
 */
const base = require('./jest.config.js');

const CORE_ENGINE_TESTS = [
	'ack-as-tool',
	'ack-faults',
	'ack-outcomes-visible',
	'ack-stock-sync',
	'paired-items',
	'retry-count',
	'credential-test',
	'wdt-basics',
	'wdt-lists',
	'stock-sync-resource',
	'writes-hostile',
	'wdt-lists-hostile',
];

/** @type {Record<string, string[]>} */
const SELECTIONS = {
	unit: ['<rootDir>/test/unit/**/*.test.ts'],
	core: ['<rootDir>/test/unit/**/*.test.ts', ...CORE_ENGINE_TESTS.map((name) => `<rootDir>/test/engine/${name}.test.ts`)],
	all: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/engine/**/*.test.ts'],
};
const selection = process.env.MUTATION_TESTS ?? 'all';
if (!(selection in SELECTIONS)) throw new Error(`MUTATION_TESTS must be one of ${Object.keys(SELECTIONS).join(', ')}`);

/** @type {import('jest').Config} */
module.exports = {
	...base,
	roots: ['<rootDir>/test', '<rootDir>/nodes', '<rootDir>/credentials'],
	testMatch: SELECTIONS[selection],
	// A mutant run loads only the test files that hold a test covering the mutant; the index of
	// which file holds which test is written during Stryker's dry run (test/helpers/mutation-test-files.js).
	testSequencer: '<rootDir>/test/helpers/mutation-test-sequencer.js',
	// …and stops at the first test file that fails: one failing test kills the mutant (mutation-test-runner.js).
	runner: '<rootDir>/test/helpers/mutation-test-runner.js',
	setupFilesAfterEnv: [...(base.setupFilesAfterEnv ?? []), '<rootDir>/test/helpers/mutation-test-recorder.js'],
};
