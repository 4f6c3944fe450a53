// @ts-check
'use strict';
/**
 * The jest `runner` of jest.mutation.config.js: in a mutant run, stop at the first test file that
 * fails.
 *
 * Why: one failing test is all Stryker needs to call a mutant killed, but its jest runner turns
 * jest's own `bail` off (jest ends the process on bail, and Stryker runs jest inside its worker).
 * For most mutants that costs little, since only the files holding a covering test are loaded
 * (mutation-test-sequencer.js). A static mutant (module-level code: the forms' field definitions)
 * has no covering tests on record, so every related test file ran for it, about a minute each,
 * even when the form's snapshot had failed in the first second.
 *
 * The files are run one by one through jest's own runner; once one has a failing test or could
 * not run, the rest are not started and not reported. A mutant that survives runs everything, as
 * before, so a score can only come out the same. The dry run (no active mutant) runs everything.
 */
const TestRunner = require('jest-runner').default;
const { inMutantRun } = require('./mutation-test-files');

/** @param {import('@jest/test-result').TestResult} result */
const failed = (result) => result.numFailingTests > 0 || result.testExecError !== undefined;

class BailingTestRunner extends TestRunner {
	/**
	 * @param {import('@jest/test-result').Test[]} tests
	 * @param {import('jest-watcher').TestWatcher} watcher
	 * @param {import('jest-runner').TestRunnerOptions} options
	 */
	async runTests(tests, watcher, options) {
		if (!inMutantRun() || !options.serial) return super.runTests(tests, watcher, options);
		let stop = false;
		const unsubscribe = [
			this.on('test-file-success', ([, result]) => {
				if (failed(result)) stop = true;
			}),
			this.on('test-file-failure', () => {
				stop = true;
			}),
		];
		try {
			for (const test of tests) {
				if (stop) break;
				await super.runTests([test], watcher, options);
			}
		} finally {
			for (const off of unsubscribe) off();
		}
	}
}

module.exports = BailingTestRunner;
