// @ts-check
'use strict';

/**
 * The e2e checks of the WDT (旺店通) node and the WDT Trigger in the real n8n app, in an n8n user
 * folder of their own (the package installed there as a community package; its own database and
 * owner, so the app can be started here and again by the rest of the run), against an emulator of
 * their own (its world with 19-digit keys written as bare JSON numbers):
 *
 *   1. Manual Trigger → WDT "Order · Get Many" over the last 3 hours, Return All (`n8n execute`):
 *      the output is exactly the world's orders of that range, ids exact, each once, fetched
 *      in 60-minute windows;
 *   2. WDT Trigger (orders, Start From 2 hours ago, every minute), activated and run by
 *      `n8n start`: the activation poll emits the orders since Start From; an order added after it
 *      comes out in the next poll, alone (nothing emitted twice).
 */

const fs = require('node:fs');
const path = require('node:path');

const { startEmulator } = require('../../emulator');
const { startN8nServer } = require('./n8n-server');
const { installCommunityPackage, n8nCli, nodeItems } = require('./n8n-app');

const CREDENTIAL_ID = 'WdtE2eWorldCreds';
const CREDENTIAL_NAME = 'WDT world account';
const IDS = { orders: 'WdtE2eOrders0001', trigger: 'WdtE2eTrigger001' };
const HOUR = 3600;

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const credential = () => ({ wdtApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } });

/**
 * Manual Trigger → WDT Order · Get Many over [from, to], Return All.
 * @param {string} from ISO with Z
 * @param {string} to ISO with Z
 */
function ordersWorkflow(from, to) {
	return {
		id: IDS.orders,
		name: 'e2e: WDT Order · Get Many, 3 hours',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				parameters: {},
				id: 'e2e00000-0000-4000-8000-000000000101',
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			{
				parameters: {
					resource: 'order',
					operation: 'getMany',
					returnAll: true,
					from,
					to,
					options: { concurrency: 2 },
				},
				id: 'e2e00000-0000-4000-8000-000000000102',
				name: 'Orders',
				type: 'n8n-nodes-wdt.wdt',
				typeVersion: 1,
				position: [220, 0],
				credentials: credential(),
			},
		],
		connections: { 'Manual Trigger': { main: [[{ node: 'Orders', type: 'main', index: 0 }]] } },
		pinData: {},
	};
}

/**
 * WDT Trigger on orders, every minute, from `startFrom` on.
 * @param {string} startFrom ISO with Z
 */
function triggerWorkflow(startFrom) {
	return {
		id: IDS.trigger,
		name: 'e2e: WDT Trigger on orders',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		nodes: [
			{
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'orderUpdated',
					options: { startFrom },
				},
				id: 'e2e00000-0000-4000-8000-000000000103',
				name: 'WDT Trigger',
				type: 'n8n-nodes-wdt.wdtTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials: credential(),
			},
		],
		connections: {},
		pinData: {},
	};
}

/**
 * The saved executions of a workflow, oldest first, with their run data (n8n stores it as
 * `flatted` text; the library comes with the app).
 * @param {import('./n8n-server').N8nServer} server
 * @param {import('./install-n8n').N8nInstall} install
 */
async function executionsOf(server, install) {
	const flatted = require(path.join(install.dir, 'node_modules', 'flatted'));
	const filter = encodeURIComponent(JSON.stringify({ workflowId: IDS.trigger }));
	const list = await server.api(`/rest/executions?filter=${filter}`);
	const data = list.body?.data ?? {};
	/** @type {any[]} */
	const results = Array.isArray(data.results) ? data.results : Array.isArray(data) ? data : [];
	const runs = [];
	for (const summary of [...results].sort((a, b) => Number(a.id) - Number(b.id))) {
		if (summary.status && !['success', 'error', 'crashed'].includes(summary.status)) continue;
		const one = await server.api(`/rest/executions/${summary.id}`);
		const execution = one.body?.data ?? one.body;
		const runData = typeof execution?.data === 'string' ? flatted.parse(execution.data) : execution?.data;
		runs.push({ id: summary.id, status: summary.status, run: { data: runData } });
	}
	return runs;
}

/**
 * @param {object} ctx
 * @param {string} ctx.tag
 * @param {import('./install-n8n').N8nInstall} ctx.install
 * @param {string} ctx.tarball
 * @param {(prefix: string) => string} ctx.tempDir  a temp folder removed at the end of the run
 * @param {(name: string, ok: boolean, detail?: string) => boolean} ctx.check
 * @param {(cli: import('./n8n-app').N8nCli, dir: string, workflow: any) => Promise<void>} ctx.importWorkflow
 * @param {(cli: import('./n8n-app').N8nCli, id: string) => Promise<any>} ctx.execute
 * @param {(exec: any) => string | null} ctx.executionProblem
 * @param {(line: string) => void} ctx.log
 * @param {boolean} [ctx.echo]
 */
async function wdtNodeScenario(ctx) {
	const { tag, install, check } = ctx;
	const userFolder = ctx.tempDir(`n8n-nodes-wdt-e2e-wdt-node-${install.version}-`);
	const filesDir = path.join(userFolder, 'import');
	fs.mkdirSync(filesDir);
	await installCommunityPackage(ctx.tarball, userFolder);
	const cli = n8nCli(install, userFolder, { echo: ctx.echo });
	const emulator = await startEmulator({ port: 0, logRequests: true, recIdAsNumber: true, seed: 'e2e-world' });
	ctx.log(`WDT node emulator at ${emulator.url} (keys as bare JSON numbers)`);
	try {
		const credentialFile = path.join(filesDir, 'wdt-world-credentials.json');
		fs.writeFileSync(
			credentialFile,
			JSON.stringify([
				{
					id: CREDENTIAL_ID,
					name: CREDENTIAL_NAME,
					type: 'wdtApi',
					data: { ...emulator.account, environment: 'custom', customUrl: emulator.url },
				},
			]),
		);
		await cli.run(['import:credentials', `--input=${credentialFile}`], { label: 'import:credentials (world)' });

		// --- 1. Order · Get Many over 3 hours --------------------------------------------------
		const now = emulator.world.now();
		const from = now - 3 * HOUR;
		// 14 more orders in the range: with one key in seven of 19 digits, some are beyond 2^53.
		for (let i = 0; i < 14; i++) emulator.world.addTrade({}, from + 600 + i * 700);
		const expected = emulator.world.records('trade', { start: from, end: now });
		await ctx.importWorkflow(cli, filesDir, ordersWorkflow(new Date(from * 1000).toISOString(), new Date(now * 1000).toISOString()));
		const exec = await ctx.execute(cli, IDS.orders);
		const problem = ctx.executionProblem(exec);
		check(`[${tag}] WDT Order · Get Many (3 hours, Return All): n8n execute`, !problem, problem ?? `${exec.seconds} s`);
		if (exec.run) {
			const items = nodeItems(exec.run, 'Orders').map((item) => item.json);
			const got = items.map((t) => t.trade_id);
			const want = expected.map((t) => t.trade_id);
			const big = want.filter((id) => id.length === 19);
			check(
				`[${tag}] WDT Order · Get Many: the world's ${want.length} orders of the range, each once, 19-digit ids exact`,
				JSON.stringify([...got].sort()) === JSON.stringify([...want].sort()) && new Set(got).size === got.length && big.length > 0,
				`${got.length} items for ${want.length} orders (${big.length} with 19-digit trade_id, e.g. ${big[0]}); first ${JSON.stringify(items[0] ?? null).slice(0, 160)}`,
			);
		}
		const windows = emulator.requests.filter((r) => r.endpoint === 'trade_query.php' && r.params?.page_no === '0');
		check(
			`[${tag}] WDT Order · Get Many: 3 windows of 60 minutes, every request accepted`,
			windows.length === 3 && emulator.requests.every((r) => r.accepted),
			windows.map((r) => `${r.params?.start_time}–${r.params?.end_time}`).join(', '),
		);

		// --- 2. WDT Trigger, run by the app --------------------------------------------------------
		const startFrom = emulator.world.now() - 2 * HOUR;
		const activationExpected = emulator.world.records('trade', { start: startFrom, end: emulator.world.now() });
		await ctx.importWorkflow(cli, filesDir, triggerWorkflow(new Date(startFrom * 1000).toISOString()));
		const major = Number(install.version.split('.')[0]);
		await cli.run(major >= 2 ? ['publish:workflow', `--id=${IDS.trigger}`] : ['update:workflow', `--id=${IDS.trigger}`, '--active=true'], {
			label: 'activate the trigger workflow',
		});
		const server = await startN8nServer(install, userFolder, cli.env, { echo: ctx.echo });
		try {
			/** @param {number} count @param {number} timeoutMs */
			const waitForRuns = async (count, timeoutMs) => {
				const deadline = Date.now() + timeoutMs;
				let runs = await executionsOf(server, install);
				while (runs.length < count && Date.now() < deadline) {
					await sleep(3000);
					runs = await executionsOf(server, install);
				}
				return runs;
			};
			const first = await waitForRuns(1, 90_000);
			const firstItems = first[0] ? nodeItems(first[0].run, 'WDT Trigger').map((item) => item.json) : [];
			const firstIds = firstItems.map((t) => t.trade_id);
			const missing = activationExpected.filter((t) => !firstIds.includes(t.trade_id));
			check(
				`[${tag}] WDT Trigger: the activation poll emits the orders since Start From`,
				first.length >= 1 && missing.length === 0 && new Set(firstIds).size === firstIds.length && activationExpected.length > 0,
				`${first.length} execution(s); ${firstIds.length} items, ${activationExpected.length} expected${missing.length ? `; missing ${missing.map((t) => t.trade_id).join(', ')}` : ''}`,
			);

			const added = emulator.world.addTrade({}, emulator.world.now());
			const second = await waitForRuns(first.length + 1, 100_000);
			const laterItems = second.slice(first.length).flatMap((r) => nodeItems(r.run, 'WDT Trigger').map((item) => item.json));
			check(
				`[${tag}] WDT Trigger: the next poll emits the new order alone (nothing twice)`,
				laterItems.length === 1 && laterItems[0]?.trade_id === added.trade_id,
				`${second.length - first.length} later execution(s): ${laterItems.map((t) => `${t.trade_id}@${t.modified}`).join(', ') || 'no items'}; added ${added.trade_id}`,
			);
		} finally {
			await server.stop();
		}
		const refused = emulator.requests.filter((r) => !r.accepted);
		check(`[${tag}] WDT node emulator refused no request`, refused.length === 0, refused.slice(0, 3).map((r) => `${r.endpoint}: ${r.reason}`).join('; ') || `${emulator.requests.length} requests`);
	} finally {
		await emulator.stop();
	}
}

module.exports = { wdtNodeScenario, ordersWorkflow, triggerWorkflow };
