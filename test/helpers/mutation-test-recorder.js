// @ts-check
'use strict';
// setupFilesAfterEnv of jest.mutation.config.js: during Stryker's dry run, note each test's file
// and full name (the id Stryker filters mutant runs by); see mutation-test-files.js.
const { inMutantRun, record } = require('./mutation-test-files');

if (!inMutantRun()) {
	beforeEach(() => {
		const { testPath, currentTestName } = expect.getState();
		if (testPath !== undefined && currentTestName !== undefined) record(testPath, currentTestName);
	});
}
