// @ts-check
'use strict';
// testSequencer of jest.mutation.config.js: in a mutant run, load only the test files holding a
// test that covers the mutant, the unit tests first (seconds, where an engine test file costs
// several: the runner stops at the first failing file, mutation-test-runner.js); in the dry run,
// start the index afresh (mutation-test-files.js).
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const { inMutantRun, reset, read, filesMatching } = require('./mutation-test-files');

const UNIT = `${path.sep}test${path.sep}unit${path.sep}`;

/** @template {{ path: string }} T @param {T[]} tests jest's order, kept within each kind */
function unitTestsFirst(tests) {
	return [...tests.filter((test) => test.path.includes(UNIT)), ...tests.filter((test) => !test.path.includes(UNIT))];
}

class MutationTestSequencer extends Sequencer {
	/** @param {{ contexts: any, globalConfig: import('@jest/types').Config.GlobalConfig }} options */
	constructor(options) {
		super(options);
		this.pattern = options.globalConfig.testNamePattern;
	}

	/** @param {import('@jest/test-result').Test[]} tests */
	sort(tests) {
		if (!inMutantRun()) {
			reset();
			return super.sort(tests);
		}
		const byFile = this.pattern ? read() : undefined;
		const sorted = super.sort(byFile && this.pattern ? filesMatching(tests, this.pattern, byFile) : tests);
		return Array.isArray(sorted) ? unitTestsFirst(sorted) : sorted.then(unitTestsFirst);
	}
}

module.exports = MutationTestSequencer;
