// @ts-check
'use strict';

/**
 * scripts/mutation-score.js decides whether `npm run mutation` passes: the per-folder bars of
 * issue #15 (90 % on the protocol, the transport/retry code and the write engine, 80 % overall),
 * which Stryker's single `thresholds.break` cannot express.
 */
const { check, tallyFiles } = require('../../scripts/mutation-score');

/** @param {Record<string, [number, number]>} scores file → [detected, undetected] */
const files = (scores) => new Map(Object.entries(scores).map(([file, [detected, undetected]]) => [file, { detected, undetected }]));
const quiet = () => {};

describe('mutation-score', () => {
	test('counts Killed and Timeout as detected, Survived and NoCoverage as not, the rest not at all', () => {
		const report = {
			files: {
				'/repo/nodes/Wdt/protocol/sign.ts': {
					mutants: ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'Ignored', 'CompileError', 'RuntimeError'].map((status) => ({ status })),
				},
			},
		};
		expect(tallyFiles(report, '/repo')).toEqual(new Map([['nodes/Wdt/protocol/sign.ts', { detected: 2, undetected: 2 }]]));
	});

	test('passes at exactly 90 % in a core folder and 80 % overall', () => {
		expect(check(files({ 'nodes/Wdt/protocol/a.ts': [9, 1], 'nodes/Wdt/actions/b.ts': [7, 3] }), quiet)).toEqual([]);
	});

	test.each([
		['nodes/Wdt/protocol/a.ts', 'nodes/Wdt/protocol/'],
		['nodes/Wdt/transport/fetchList.ts', 'transport/retry'],
		['nodes/Wdt/callOptions.ts', 'transport/retry'],
		['nodes/Wdt/writes/send.ts', 'nodes/Wdt/writes/'],
	])('%s below 90 %% fails its group (%s), even with the overall above 80 %%', (file, group) => {
		const failures = check(files({ [file]: [89, 11], 'nodes/Wdt/shop/c.ts': [1000, 0] }), quiet);
		expect(failures).toHaveLength(1);
		expect(failures[0]).toContain(group);
	});

	test('the overall bar is 80 % over every file read', () => {
		const failures = check(files({ 'nodes/Wdt/protocol/a.ts': [90, 10], 'nodes/Wdt/shop/c.ts': [69, 31] }), quiet);
		expect(failures).toEqual([expect.stringMatching(/^overall .* 79\.50 % \(159\/200\), below 80 %$/)]);
	});

	test('a group without mutants in the reports (a part not run) is not judged, and says so', () => {
		/** @type {string[]} */
		const lines = [];
		expect(check(files({ 'nodes/Wdt/protocol/a.ts': [10, 0] }), (line) => lines.push(line))).toEqual([]);
		expect(lines).toContainEqual(expect.stringMatching(/^ {2}n\/a {2}nodes\/Wdt\/writes\/: not in these reports, not judged/));
	});
});
