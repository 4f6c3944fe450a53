// @ts-check
'use strict';
// testSequencer of jest.mutation.config.js: in a mutant run, load only the test files holding a
// test that covers the mutant; in the dry run, start the index afresh (mutation-test-files.js).
const Sequencer = require('@jest/test-sequencer').default;
const { inMutantRun, reset, read, filesMatching } = require('./mutation-test-files');

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
		return super.sort(byFile && this.pattern ? filesMatching(tests, this.pattern, byFile) : tests);
	}
}

module.exports = MutationTestSequencer;
