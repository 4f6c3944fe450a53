#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Reads Stryker's JSON report (mutation-testing-report-schema), prints the mutation score per
 * folder and fails below the thresholds of issue #15. Stryker has one `thresholds.break` for the
 * whole run; the stricter bar for the core folders is checked here.
 *
 *   node scripts/mutation-score.js [report.json ...]   (default: every reports/mutation/<part>/mutation.json)
 * Several reports (the parts of scripts/mutation.js) are judged as one.
 */
const fs = require('node:fs');
const path = require('node:path');

/** Groups held to their own bar; a file counts in every group whose test matches it. */
const GROUPS = [
	{ name: 'nodes/Wdt/protocol/', min: 90, test: (/** @type {string} */ f) => f.startsWith('nodes/Wdt/protocol/') },
	{
		name: 'transport/retry (nodes/Wdt/transport/, callOptions.ts)',
		min: 90,
		test: (/** @type {string} */ f) => f.startsWith('nodes/Wdt/transport/') || f === 'nodes/Wdt/callOptions.ts',
	},
	{ name: 'nodes/Wdt/writes/', min: 90, test: (/** @type {string} */ f) => f.startsWith('nodes/Wdt/writes/') },
	// Over the files of the reports given: the whole product only when every part has run.
	{ name: 'overall (every file in the reports read)', min: 80, test: () => true },
];

// Stryker's definition: detected / (detected + undetected); ignored, static-only or invalid mutants do not count.
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** @typedef {{ detected: number, undetected: number }} Tally */

/** @returns {Tally} */
const emptyTally = () => ({ detected: 0, undetected: 0 });

/** @param {Tally} tally */
const score = (tally) => (tally.detected + tally.undetected === 0 ? undefined : (100 * tally.detected) / (tally.detected + tally.undetected));

/** @param {Tally} tally */
function describe(tally) {
	const value = score(tally);
	const total = tally.detected + tally.undetected;
	return value === undefined ? 'no mutants' : `${value.toFixed(2)} % (${tally.detected}/${total})`;
}

/**
 * @param {{ files: Record<string, { mutants: Array<{ status: string }> }> }} report
 * @param {string} root the project folder the report's file names are relative to (or absolute in)
 */
function tallyFiles(report, root) {
	/** @type {Map<string, Tally>} */
	const files = new Map();
	for (const [name, file] of Object.entries(report.files)) {
		const relative = path.relative(root, path.resolve(root, name)).split(path.sep).join('/');
		const tally = emptyTally();
		for (const mutant of file.mutants) {
			if (DETECTED.has(mutant.status)) tally.detected++;
			else if (UNDETECTED.has(mutant.status)) tally.undetected++;
		}
		files.set(relative, tally);
	}
	return files;
}

/** @param {Map<string, Tally>} files @param {(file: string) => boolean} test */
function sum(files, test) {
	const total = emptyTally();
	for (const [file, tally] of files) {
		if (!test(file)) continue;
		total.detected += tally.detected;
		total.undetected += tally.undetected;
	}
	return total;
}

/** @param {Map<string, Tally>} files @returns {string[]} the failures, printed as it goes */
function check(files, log = console.log) {
	/** @type {Map<string, Tally>} */
	const folders = new Map();
	for (const [file, tally] of files) {
		const folder = `${path.posix.dirname(file)}/`;
		const total = folders.get(folder) ?? emptyTally();
		total.detected += tally.detected;
		total.undetected += tally.undetected;
		folders.set(folder, total);
	}
	log('Mutation score per folder:');
	for (const folder of [...folders.keys()].sort()) log(`  ${folder.padEnd(28)} ${describe(/** @type {Tally} */ (folders.get(folder)))}`);

	/** @type {string[]} */
	const failures = [];
	log('Thresholds:');
	for (const group of GROUPS) {
		const tally = sum(files, group.test);
		const value = score(tally);
		// A group with no mutants in this report (a run over a subset) is not judged.
		const ok = value === undefined || value >= group.min;
		log(`  ${value === undefined ? 'n/a ' : ok ? 'ok  ' : 'FAIL'} ${group.name}: ${value === undefined ? 'not in these reports, not judged' : describe(tally)}, needs >= ${group.min} %`);
		if (!ok) failures.push(`${group.name} scores ${describe(tally)}, below ${group.min} %`);
	}
	return failures;
}

/** The reports of the parts run so far (scripts/mutation.js writes reports/mutation/<part>/). */
function partReports(/** @type {string} */ root) {
	const dir = path.join(root, 'reports', 'mutation');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.map((part) => path.join(dir, part, 'mutation.json'))
		.filter((file) => fs.existsSync(file));
}

function main() {
	const root = path.resolve(__dirname, '..');
	const given = process.argv.slice(2);
	const reportFiles = (given.length > 0 ? given : partReports(root)).map((f) => path.resolve(f));
	if (reportFiles.length === 0) {
		console.error('No mutation report under reports/mutation/; run `npm run mutation` first.');
		process.exit(2);
	}
	console.log(`Reports read: ${reportFiles.map((f) => path.relative(root, f)).join(', ')}`);
	/** @type {Map<string, Tally>} */
	const files = new Map();
	for (const reportFile of reportFiles) {
		if (!fs.existsSync(reportFile)) {
			console.error(`No mutation report at ${reportFile}; run \`npm run mutation\` first.`);
			process.exit(2);
		}
		for (const [file, tally] of tallyFiles(JSON.parse(fs.readFileSync(reportFile, 'utf8')), root)) files.set(file, tally);
	}
	const failures = check(files);
	if (failures.length > 0) {
		console.error(`Mutation thresholds not met:\n  ${failures.join('\n  ')}`);
		process.exit(1);
	}
}

if (require.main === module) main();

module.exports = { GROUPS, check, score, tallyFiles };
