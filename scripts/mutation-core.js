#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run mutation:core`: the mutation check on the code held to 90 % (issue #15), meant for CI:
 * the n8n-free protocol, the transport (retries, deadline, list fetcher) with callOptions.ts, and
 * the ack node. The whole product takes hours on 2 cores (`npm run mutation`); the protocol part
 * alone took 40 min (2026-11-29). Two Stryker runs, each with its own report folder under reports/mutation-core/:
 *   - protocol/: the unit tests only. The protocol is pure code and its unit tests kill its
 *     mutants; the engine tests would run for every one of them (every request signs and reads an
 *     answer) and add a few seconds each. A score without them can only be lower.
 *   - transport and ack: the unit tests and the engine tests of the transport and the ack node
 *     (MUTATION_TESTS=core in jest.mutation.config.js).
 * Then scripts/mutation-score.js judges both reports together. Extra arguments go to both runs
 * (e.g. `-- --concurrency 2` on a free machine).
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stryker = path.join(path.dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');

/** Each part: the files mutated and the tests run against them (MUTATION_TESTS, jest.mutation.config.js). */
const PARTS = [
	{ name: 'protocol', mutate: 'nodes/Wdt/protocol/**/*.ts', tests: 'unit' },
	{
		name: 'transport-ack',
		mutate: 'nodes/Wdt/transport/**/*.ts,nodes/Wdt/callOptions.ts,nodes/WdtAckStockSync/**/*.ts',
		tests: 'core',
	},
];

const reports = [];
for (const part of PARTS) {
	const dir = `reports/mutation-core/${part.name}`;
	const started = Date.now();
	console.log(`\n== mutation:core, ${part.name} (${part.mutate}; MUTATION_TESTS=${part.tests})`);
	const env = { ...process.env, MUTATION_REPORT_DIR: dir, MUTATION_TESTS: part.tests };
	const run = spawnSync(process.execPath, [stryker, 'run', '--mutate', part.mutate, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
	console.log(`== ${part.name}: ${((Date.now() - started) / 60000).toFixed(1)} min`);
	if (run.status !== 0) process.exit(run.status ?? 1);
	reports.push(path.join(root, dir, 'mutation.json'));
}
const check = spawnSync(process.execPath, [path.join(__dirname, 'mutation-score.js'), ...reports], { cwd: root, stdio: 'inherit' });
process.exit(check.status ?? 1);
