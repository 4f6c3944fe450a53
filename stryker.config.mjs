// @ts-check
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Where the reports and the incremental file go (scripts/mutation.js gives each part its own).
const reports = process.env.MUTATION_REPORT_DIR ?? 'reports/mutation';

/**
 * Mutation testing (issue #15). `npm run mutation` runs Stryker with this, then
 * scripts/mutation-score.js checks the per-folder thresholds (Stryker has one `thresholds.break`
 * for the whole run, so it is off here). The sandboxes live in the system temp folder: inside the
 * project, `n8n-node lint` (whose config may not be changed) would lint Stryker's copies.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
	packageManager: 'npm',
	mutate: ['nodes/**/*.ts', 'credentials/**/*.ts'],
	testRunner: 'jest',
	jest: { configFile: 'jest.mutation.config.js' },
	coverageAnalysis: 'perTest',
	checkers: ['typescript'],
	tsconfigFile: 'tsconfig.json',
	typescriptChecker: { prioritizePerformanceOverAccuracy: true },
	// The words of n8n's forms are not behaviour (see the plugin); nothing else is left out.
	plugins: ['@stryker-mutator/*', './scripts/stryker-ui-text.js'],
	ignorers: ['n8n-ui-text'],
	incremental: true,
	incrementalFile: `${reports}/stryker-incremental.json`,
	reporters: ['html', 'json', 'clear-text', 'progress'],
	htmlReporter: { fileName: `${reports}/mutation.html` },
	jsonReporter: { fileName: `${reports}/mutation.json` },
	clearTextReporter: { allowEmojis: false, logTests: false, reportScoreTable: true },
	thresholds: { high: 90, low: 80, break: null },
	// 2 cores shared: one test runner. On a free machine `-- --concurrency 2` halves the time.
	concurrency: 1,
	// On top of 1.5 × the covering tests' own time: a mutant that hangs costs this, not more.
	timeoutMS: 5000,
	tempDirName: join(tmpdir(), 'n8n-nodes-wdt-stryker'),
	ignorePatterns: ['dist', 'reports', 'coverage', '.cache', '*.tgz'],
	cleanTempDir: true,
};
