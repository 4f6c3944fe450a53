// @ts-check
'use strict';

/**
 * Stryker's mutant runs stop at the first failing test file (test/helpers/mutation-test-runner.js).
 * Stopping too early would let a mutant survive; not stopping costs a minute per static mutant.
 * Real jest runs a small project of three test files with the runner, in band as Stryker runs it.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const jestBin = path.join(path.dirname(require.resolve('jest/package.json')), 'bin', 'jest.js');

/** @param {Record<string, string>} files test file name → its body @param {string | undefined} mutant */
function runFiles(files, mutant) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wdt-runner-'));
	for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
	// Alphabetical, so the order is known.
	fs.writeFileSync(
		path.join(dir, 'sequencer.js'),
		"module.exports = class { sort(t) { return [...t].sort((a, b) => (a.path > b.path ? 1 : -1)); } cacheResults() {} shard(t) { return t; } };",
	);
	const config = {
		rootDir: dir,
		testMatch: ['<rootDir>/*.test.js'],
		testSequencer: path.join(dir, 'sequencer.js'),
		runner: path.join(root, 'test', 'helpers', 'mutation-test-runner.js'),
	};
	const env = { ...process.env };
	delete env.__STRYKER_ACTIVE_MUTANT__;
	if (mutant !== undefined) env.__STRYKER_ACTIVE_MUTANT__ = mutant;
	const run = spawnSync(process.execPath, [jestBin, '--config', JSON.stringify(config), '--runInBand', '--json', '--ci'], {
		cwd: dir,
		env,
		encoding: 'utf8',
	});
	fs.rmSync(dir, { recursive: true, force: true });
	const report = JSON.parse(run.stdout);
	return /** @type {{ testResults: { name: string, status: string }[] }} */ (report).testResults
		.map((r) => `${path.basename(r.name)} ${r.status}`)
		.sort();
}

const pass = "test('passes', () => expect(1).toBe(1));";
const fail = "test('fails', () => expect(1).toBe(2));";

describe('the mutation test runner', () => {
	test('in a mutant run stops after the first failing file: later files are not run', () => {
		expect(runFiles({ 'a.test.js': pass, 'b.test.js': fail, 'c.test.js': pass }, '7')).toEqual(['a.test.js passed', 'b.test.js failed']);
	});

	test('a file that cannot load stops it too', () => {
		expect(runFiles({ 'a.test.js': "require('./missing');", 'b.test.js': pass }, '7')).toEqual(['a.test.js failed']);
	});

	test('in a mutant run where nothing fails, every file runs', () => {
		expect(runFiles({ 'a.test.js': pass, 'b.test.js': pass, 'c.test.js': pass }, '7')).toEqual([
			'a.test.js passed',
			'b.test.js passed',
			'c.test.js passed',
		]);
	});

	test('the dry run (no active mutant) runs every file, failing or not', () => {
		expect(runFiles({ 'a.test.js': pass, 'b.test.js': fail, 'c.test.js': pass }, undefined)).toEqual([
			'a.test.js passed',
			'b.test.js failed',
			'c.test.js passed',
		]);
	});
});
