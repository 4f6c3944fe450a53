#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run mutation [-- options]`: Stryker (stryker.config.mjs) over the whole product, in parts,
 * then the per-folder thresholds over all their reports (scripts/mutation-score.js).
 *
 * Why parts: each part runs only the tests that can kill its mutants (MUTATION_TESTS in
 * jest.mutation.config.js) and keeps its own report and incremental file under
 * reports/mutation/<part>/, so a part can be re-run alone and an interrupted run loses one part,
 * not hours.
 *
 * Why baselines: the whole product takes hours on 2 cores. After a full run, `--save-baseline`
 * stores each part's incremental file, gzipped, in mutation-baseline/ (committed). A part with no
 * incremental file of its own starts from its baseline, so on a clean clone Stryker re-tests only
 * the mutants whose code or covering tests changed since; `--force` re-tests everything.
 *
 *   npm run mutation                          every part
 *   npm run mutation:core                     the parts held to 90 % (protocol, transport, writes)
 *   npm run mutation -- --part shop           one part (repeatable)
 *   npm run mutation -- --concurrency 2       any other option goes to Stryker
 *   npm run mutation -- --save-baseline       then store the incremental files as baselines
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..');
const stryker = path.join(path.dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
const BASELINES = path.join(root, 'mutation-baseline');

/** The WDT node's resources that write (stockSync: its Acknowledge), one part apart from its reads (see PARTS). */
const PUSH_RESOURCES = ['order', 'goods', 'logisticsSync', 'stockSync'].map((resource) => `nodes/Wdt/actions/${resource}`);

/**
 * The parts together mutate every file of stryker.config.mjs's `mutate` (nodes/, credentials/);
 * test/package/mutation-parts.test.js checks that none is left out or mutated twice.
 * `tests`: the narrowest selection that still holds every test able to kill the part's mutants.
 */
const PARTS = [
	// Pure code: its unit tests. The engine tests would run for every mutant (every request signs
	// and reads an answer) and add seconds each; a score without them can only be lower.
	{ name: 'protocol', core: true, mutate: ['nodes/Wdt/protocol/**/*.ts'], tests: 'unit' },
	// The transport and the write engine share their tests but not their run: a part that takes
	// more than an hour is lost whole when it is cut off (Stryker saves nothing until the end).
	{ name: 'transport', core: true, mutate: ['nodes/Wdt/transport/**/*.ts', 'nodes/Wdt/callOptions.ts'], tests: 'core' },
	{ name: 'writes', core: true, mutate: ['nodes/Wdt/writes/**/*.ts'], tests: 'core' },
	// The other parts run every engine test and take about ten mutants a minute: the WDT node's
	// resources are two parts, the ones that write (orders, goods, logistics and stock sync, with
	// WDT Ack Stock Sync, the thin node over Stock Sync · Acknowledge) and the reads.
	{ name: 'wdt-actions-push', core: false, mutate: [...PUSH_RESOURCES.map((dir) => `${dir}/**/*.ts`), 'nodes/WdtAckStockSync/**/*.ts'], tests: 'all' },
	{ name: 'wdt-actions', core: false, mutate: ['nodes/Wdt/actions/**/*.ts', ...PUSH_RESOURCES.map((dir) => `!${dir}/**/*.ts`)], tests: 'all' },
	{ name: 'shop', core: false, mutate: ['nodes/Wdt/shop/**/*.ts'], tests: 'all' },
	{ name: 'wdt-node', core: false, mutate: ['nodes/Wdt/*.ts', 'nodes/Wdt/methods/**/*.ts', '!nodes/Wdt/callOptions.ts', '!nodes/Wdt/stockChange*.ts', 'credentials/**/*.ts'], tests: 'all' },
	{ name: 'wdt-trigger', core: false, mutate: ['nodes/Wdt/trigger/**/*.ts'], tests: 'all' },
	// The pending-queue reader (stockChange*.ts: stock and shipments, the WDT node, the WDT Trigger) and the two hidden stock nodes.
	{ name: 'stock-changes', core: false, mutate: ['nodes/Wdt/stockChange*.ts', 'nodes/WdtGetStockChanges/**/*.ts', 'nodes/WdtStockChangeTrigger/**/*.ts'], tests: 'all' },
];

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {string[]} */
	const parts = [];
	/** @type {string[]} */
	const strykerArgs = [];
	let saveBaseline = false;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--core') parts.push(...PARTS.filter((p) => p.core).map((p) => p.name));
		else if (argv[i] === '--part') parts.push(argv[++i] ?? '');
		else if (argv[i] === '--save-baseline') saveBaseline = true;
		else strykerArgs.push(argv[i]);
	}
	const unknown = parts.filter((name) => !PARTS.some((p) => p.name === name));
	if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(', ')}; the parts: ${PARTS.map((p) => p.name).join(', ')}`);
	if (strykerArgs.includes('--mutate') || strykerArgs.includes('-m')) {
		throw new Error('pick files with --part (see scripts/mutation.js); for a single file run Stryker itself (CONTRIBUTING.md)');
	}
	return { parts: parts.length > 0 ? PARTS.filter((p) => parts.includes(p.name)) : PARTS, strykerArgs, saveBaseline };
}

/** @param {string} part */
const baselineFile = (part) => path.join(BASELINES, `${part}.json.gz`);

/** A part without an incremental file of its own starts from the committed baseline. */
function seedFromBaseline(/** @type {string} */ part, /** @type {string} */ incremental) {
	if (fs.existsSync(incremental) || !fs.existsSync(baselineFile(part))) return false;
	fs.mkdirSync(path.dirname(incremental), { recursive: true });
	fs.writeFileSync(incremental, zlib.gunzipSync(fs.readFileSync(baselineFile(part))));
	return true;
}

function main() {
	const { parts, strykerArgs, saveBaseline } = parseArgs(process.argv.slice(2));
	const reports = [];
	for (const part of parts) {
		const dir = path.join('reports', 'mutation', part.name);
		const incremental = path.join(root, dir, 'stryker-incremental.json');
		const seeded = seedFromBaseline(part.name, incremental);
		const started = Date.now();
		console.log(`\n== mutation, part ${part.name}: ${part.mutate.join(' ')} (MUTATION_TESTS=${part.tests})${seeded ? ', from its baseline' : ''}`);
		const env = { ...process.env, MUTATION_REPORT_DIR: dir, MUTATION_TESTS: part.tests };
		const args = [stryker, 'run', '--mutate', part.mutate.join(','), ...strykerArgs];
		const run = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
		console.log(`== ${part.name}: ${((Date.now() - started) / 60000).toFixed(1)} min`);
		if (run.status !== 0) process.exit(run.status ?? 1);
		if (saveBaseline) {
			fs.mkdirSync(BASELINES, { recursive: true });
			fs.writeFileSync(baselineFile(part.name), zlib.gzipSync(fs.readFileSync(incremental), { level: 9 }));
		}
		reports.push(path.join(root, dir, 'mutation.json'));
	}
	const check = spawnSync(process.execPath, [path.join(__dirname, 'mutation-score.js'), ...reports], { cwd: root, stdio: 'inherit' });
	process.exit(check.status ?? 1);
}

if (require.main === module) main();

module.exports = { PARTS, parseArgs };
