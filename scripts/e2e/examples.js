// @ts-check
'use strict';

/**
 * The e2e part for the example workflows' routing (issue #11), in the real n8n app:
 *   - every examples/*.workflow.json imports (`n8n import:workflow`), pointed at an emulator of
 *     its own and at a credential of its own;
 *   - the example loop runs with injected refusals: right after WDT answered a shop's query, the
 *     ERP stock of some of its records changes, so their acks carry a stale stock_change_count
 *     and WDT refuses them (库存已变化). The "Not acked — check" branch must receive exactly
 *     those records (with their SKU and WDT's reason), "Acked" every other one;
 *   - the ack-only example runs with both of its records refused: the ack node fails
 *     ("Nothing was acked") although its On Error is Continue, and both records reach
 *     "Not acked — check";
 *   - the refunds-in example runs with three refunds of orders the ERP holds (shop-a) and one of an
 *     old order it never got (shop-b): "In the ERP" receives the three as "new", "Refused — check"
 *     exactly the old order's refund, refused by WDT (5040).
 * Hooked into scripts/e2e.js; `check` records each result there.
 */

const fs = require('node:fs');
const path = require('node:path');

const { startEmulator } = require('../../emulator');
const { refillPools } = require('../../emulator/refill');
const { nodeItems } = require('./n8n-app');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
/** Where the example files point (the emulator CLI's default address). */
const EXAMPLE_BASE_URL = 'http://127.0.0.1:8650/';
const CREDENTIAL = { id: 'WdtE2eExamplesCrd', name: 'WDT examples account' };
const QUERY = 'api_goods_stock_change_query.php';
const ACK_NODE = 'WDT Ack Stock Sync';
const ACKED = 'Acked';
const NOT_ACKED = 'Not acked — check';

/**
 * @typedef {object} ExamplesContext
 * @property {string} tag
 * @property {import('./n8n-app').N8nCli} cli
 * @property {string} filesDir
 * @property {(name: string, ok: boolean, detail?: string) => boolean} check
 * @property {(cli: import('./n8n-app').N8nCli, dir: string, workflow: any) => Promise<void>} importWorkflow
 * @property {(cli: import('./n8n-app').N8nCli, id: string) => Promise<{ run: any, result: import('./proc').RunResult, parseProblem: string, seconds: string }>} execute
 */

/**
 * An example as a user imports it: our emulator's address, our credential, a fixed id.
 * @param {string} file
 * @param {string} baseUrl
 * @param {string} id
 */
function exampleFor(file, baseUrl, id) {
	const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
	const workflow = JSON.parse(text.split(EXAMPLE_BASE_URL).join(baseUrl));
	workflow.id = id;
	workflow.active = false;
	for (const node of workflow.nodes ?? []) if (node.credentials?.wdtApi) node.credentials.wdtApi = { ...CREDENTIAL };
	return workflow;
}

/** The first run of a node (its task data), if it ran. @param {any} run @param {string} name */
function task(run, name) {
	return run?.data?.resultData?.runData?.[name]?.[0];
}

/** @param {Array<{ json: any }>} items */
const recIds = (items) => items.map((item) => String(item.json.rec_id)).sort();

/** @param {string[]} a @param {string[]} b */
const sameList = (a, b) => a.length === b.length && a.every((value, i) => value === b[i]);

/** @param {ExamplesContext} context */
async function examplesScenario(context) {
	const { tag, cli, filesDir, check, importWorkflow, execute } = context;
	/** rec_ids whose stock is changed right after their shop's query answered */
	const refused = new Set();
	/** @type {((pending: any[]) => any[]) | null} */
	let refuse = null;
	const emulator = await startEmulator({
		port: 0,
		seed: 4,
		pool: { shops: ['shop-a', 'shop-b'], perShop: 10 },
		onRequest: (entry) => {
			if (!refuse || entry.endpoint !== QUERY || !entry.accepted || !entry.params) return;
			for (const row of refuse(emulator.pool.pending(entry.params.shop_no))) {
				if (refused.has(row.rec_id)) continue;
				emulator.pool.changeStock(row.rec_id, row.sync_stock + 3);
				refused.add(row.rec_id);
			}
		},
	});
	try {
		const credentialFile = path.join(filesDir, 'examples-credential.json');
		const { sid, appkey, appsecret } = emulator.account;
		fs.writeFileSync(
			credentialFile,
			JSON.stringify([{ ...CREDENTIAL, type: 'wdtApi', data: { sid, appkey, appsecret, environment: 'custom', customUrl: emulator.url } }]),
		);
		await cli.run(['import:credentials', `--input=${credentialFile}`], { label: 'import:credentials (examples)' });

		// --- every example imports ---------------------------------------------------------------
		const files = fs.readdirSync(EXAMPLES).filter((file) => file.endsWith('.workflow.json')).sort();
		/** @type {Record<string, string>} */
		const ids = {};
		const imported = [];
		const failed = [];
		for (const [i, file] of files.entries()) {
			ids[file] = `WdtE2eExample0${i + 1}`;
			try {
				await importWorkflow(cli, filesDir, exampleFor(file, emulator.baseUrl, ids[file]));
				imported.push(file);
			} catch (error) {
				failed.push(`${file}: ${/** @type {Error} */ (error).message.split('\n')[0]}`);
			}
		}
		check(`[${tag}] examples: every examples/*.workflow.json imports`, files.length >= 3 && failed.length === 0, failed.join('; ') || imported.join(', '));

		// --- the loop with refusals ----------------------------------------------------------------
		const loopFile = 'stock-sync-loop.workflow.json';
		if (ids[loopFile]) {
			const total = emulator.pool.pendingCount();
			refuse = (pending) => pending.filter((_, i) => i % 4 === 1);
			const loop = await execute(cli, ids[loopFile]);
			refuse = null;
			check(
				`[${tag}] examples: loop with injected refusals ran`,
				loop.result.code === 0 && Boolean(loop.run) && !task(loop.run, ACK_NODE)?.error,
				loop.run ? `${loop.seconds} s, ${refused.size} of ${total} records refused by WDT (库存已变化)` : loop.parseProblem || loop.result.stderr.slice(-500),
			);
			const notAcked = nodeItems(loop.run, NOT_ACKED);
			const acked = nodeItems(loop.run, ACKED);
			const expected = [...refused].sort();
			check(
				`[${tag}] examples: "${NOT_ACKED}" received exactly the refused records`,
				refused.size > 0 && sameList(recIds(notAcked), expected),
				`${notAcked.length} items, expected ${expected.length}: ${recIds(notAcked).slice(0, 3).join(', ')}…`,
			);
			const traced = notAcked.filter(
				(item) => item.json.acked === false && typeof item.json.spec_no === 'string' && typeof item.json.goods_name === 'string' && /库存已变化/.test(String(item.json.error?.message)),
			);
			check(
				`[${tag}] examples: not-acked items carry their SKU (shop_no, spec_no, goods_name) and WDT's reason`,
				notAcked.length > 0 && traced.length === notAcked.length,
				JSON.stringify(notAcked[0]?.json ?? null).slice(0, 300),
			);
			check(
				`[${tag}] examples: "${ACKED}" received every other record; the pool agrees`,
				acked.length === total - refused.size &&
					acked.every((item) => item.json.acked === true && !refused.has(item.json.rec_id)) &&
					emulator.pool.pendingCount() === refused.size,
				`${acked.length} acked items; ${emulator.pool.pendingCount()} pending in the pool`,
			);
		}

		// --- the ack-only example, both records refused ------------------------------------------
		const ackFile = 'ack-stock-sync.workflow.json';
		if (ids[ackFile]) {
			const example = exampleFor(ackFile, emulator.baseUrl, ids[ackFile]);
			const code = String(example.nodes.find((/** @type {any} */ n) => n.type === 'n8n-nodes-base.code')?.parameters?.jsCode ?? '');
			const itsRecIds = [...code.matchAll(/rec_id: '(\d+)'/g)].map((m) => m[1]).sort();
			// A record that exists gets a newer stock change, so its ack (with count 3 or 12) is refused.
			for (const recId of itsRecIds) {
				const row = emulator.pool.get(recId);
				if (row) emulator.pool.changeStock(recId, row.sync_stock + 1);
			}
			const run = await execute(cli, ids[ackFile]);
			const ackTask = task(run.run, ACK_NODE);
			check(
				`[${tag}] examples: all refused → the ack node fails although On Error is Continue`,
				itsRecIds.length === 2 && /^Nothing was acked/.test(String(ackTask?.error?.message)),
				String(ackTask?.error?.message ?? `no error; ${run.parseProblem || run.result.stderr.slice(-300)}`),
			);
			check(
				`[${tag}] examples: all refused → both records reach "${NOT_ACKED}", none "${ACKED}"`,
				sameList(recIds(nodeItems(run.run, NOT_ACKED)), itsRecIds) && nodeItems(run.run, ACKED).length === 0,
				`${recIds(nodeItems(run.run, NOT_ACKED)).join(', ')}`,
			);
		}

		// --- the refunds-in example: three refunds taken, one of an order the ERP never got refused -----
		const refundsFile = 'shop-refunds-in.workflow.json';
		if (ids[refundsFile]) {
			refillPools(emulator, { orders: 3, shops: ['shop-a'] });
			const held = emulator.fakeShop.list().filter((order) => order.shop_no === 'shop-a');
			const taken = held.map((order, i) => emulator.fakeShop.issueRefund(order.tid, { kind: /** @type {const} */ (['return', 'refundOnly', 'returnOne'])[i % 3] }));
			const old = emulator.fakeShop.refunds.issue({ ...held[0], shop_no: 'shop-b', tid: 'OLD-ORDER-1' }, { kind: 'refundOnly' });
			const run = await execute(cli, ids[refundsFile]);
			const inErp = nodeItems(run.run, 'In the ERP');
			const check_ = nodeItems(run.run, 'Refused — check');
			check(
				`[${tag}] examples: refunds in — "In the ERP" received the three refunds of orders the ERP holds, as "new"`,
				run.result.code === 0 && sameList(inErp.map((item) => String(item.json.refund_no)).sort(), taken.map((r) => r.refund_no).sort()) && inErp.every((item) => item.json.outcome === 'new'),
				inErp.map((item) => `${item.json.refund_no}:${item.json.outcome}`).join(', ') || run.parseProblem || run.result.stderr.slice(-300),
			);
			check(
				`[${tag}] examples: refunds in — "Refused — check" received exactly the old order's refund, refused by WDT (5040)`,
				check_.length === 1 && check_[0].json.refund_no === old.refund_no && check_[0].json.outcome === 'refused' && Number(check_[0].json.error?.code) === 5040,
				JSON.stringify(check_.map((item) => item.json)).slice(0, 300),
			);
			check(
				`[${tag}] examples: refunds in — the ERP holds the three refunds, linked to their orders`,
				taken.every((refund) => emulator.erpOrders.refunds.get(`shop-a\u0000${refund.refund_no}`)?.refund.tid === refund.tid) && emulator.erpOrders.refunds.size === taken.length,
				`${emulator.erpOrders.refunds.size} refunds in the ERP`,
			);
		}
	} finally {
		await emulator.stop();
	}
}

/**
 * The AI Agent's tool variants in the editor's node types (n8n builds them from `usableAsTool`):
 * both action nodes have one, with our tool description, and the ack tool's Mapping defaults
 * to Define Below with the three fields from the model ($fromAI).
 * @param {any[]} types  the body of GET /types/nodes.json
 * @returns {{ ok: boolean, detail: string }}
 */
function toolVariantsProblem(types) {
	const byName = new Map((Array.isArray(types) ? types : []).map((t) => [t.name, t]));
	const ack = byName.get('n8n-nodes-wdt.wdtAckStockSyncTool');
	const query = byName.get('n8n-nodes-wdt.wdtGetStockChangesTool');
	if (!ack || !query) return { ok: false, detail: `missing: ${[ack ? '' : 'wdtAckStockSyncTool', query ? '' : 'wdtGetStockChangesTool'].filter(Boolean).join(', ')}` };
	const forTool = (/** @type {any} */ p) => JSON.stringify(p.displayOptions?.show?.['@tool'] ?? null) === '[true]';
	const mapping = (ack.properties ?? []).find((/** @type {any} */ p) => p.name === 'mappingMode' && forTool(p));
	const fromAi = (ack.properties ?? []).filter((/** @type {any} */ p) => forTool(p) && /\$fromAI\('(rec_id|sync_stock|stock_change_count)'/.test(String(p.default))).length;
	const ok = /^Ack one WDT stock change/.test(ack.description) && /^List the pending stock changes/.test(query.description) && mapping?.default === 'manual' && fromAi === 3;
	return { ok, detail: `ack tool: "${String(ack.description).slice(0, 60)}…", Mapping default ${mapping?.default}, ${fromAi} $fromAI fields; query tool: "${String(query.description).slice(0, 40)}…"` };
}

module.exports = { examplesScenario, toolVariantsProblem };
