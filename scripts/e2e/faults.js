// @ts-check
'use strict';

/**
 * Fault scenarios of `npm run e2e`, in the real n8n app: the ack node against a gateway that
 * resets, answers 503, trickles or redirects, each checked for the outcome the node reports
 * and for what the emulator's pool says really happened.
 *
 * They run against an emulator of their own (its requests are faulted on purpose, which the main
 * scenario's "emulator refused no request" check must not see) with a credential of their own.
 * Every scenario: Manual Trigger → Code (3 seeded records) → WDT Ack Stock Sync with Timeout
 * 3 000 ms, Max Retries 1 and On Error → Continue, so each item shows its outcome.
 */

const fs = require('node:fs');
const path = require('node:path');

const { startEmulator } = require('../../emulator');
const workflows = require('./workflows');
const { nodeItems } = require('./n8n-app');

const ACK = 'api_goods_stock_change_ack.php';
const CREDENTIAL_ID = 'WdtE2eFaultCred1';
const CREDENTIAL_NAME = 'WDT fault gateway';

/**
 * @typedef {object} Expectation
 * @property {'acked' | 'unknown' | 'refused'} outcome  every item's
 * @property {boolean} cleared  the pool cleared the records
 * @property {number} requests  ack requests the emulator received
 * @property {RegExp} [message] the items' error message
 */

/** @type {Array<{ name: string, id: string, rules: any[], expect: Expectation }>} */
const SCENARIOS = [
	{
		name: 'reset before processing, then a retry',
		id: 'WdtE2eFault00001',
		rules: [{ endpoint: ACK, kind: 'reset', count: 1 }],
		expect: { outcome: 'acked', cleared: true, requests: 2 },
	},
	{
		name: 'reset after processing, twice',
		id: 'WdtE2eFault00002',
		rules: [{ endpoint: ACK, kind: 'reset', after: true, count: 2 }],
		expect: { outcome: 'unknown', cleared: true, requests: 2, message: /^Outcome unknown: .*after the request was sent/ },
	},
	{
		name: 'HTTP 503, then a retry',
		id: 'WdtE2eFault00003',
		rules: [{ endpoint: ACK, kind: 'http', status: 503, count: 1 }],
		expect: { outcome: 'acked', cleared: true, requests: 2 },
	},
	{
		name: 'a trickling answer (Timeout 3 000 ms, 1 retry)',
		id: 'WdtE2eFault00004',
		rules: [{ endpoint: ACK, kind: 'trickle', ms: 500 }],
		expect: { outcome: 'unknown', cleared: false, requests: 2, message: /within 3000 ms/ },
	},
	{
		name: 'HTTP 302 elsewhere',
		id: 'WdtE2eFault00005',
		rules: [{ endpoint: ACK, kind: 'redirect', status: 302 }],
		expect: { outcome: 'refused', cleared: false, requests: 1, message: /HTTP 302 .*127\.0\.0\.1:9\/openapi2\/.*final address/ },
	},
];

/** @param {any} item */
function outcomeOf(item) {
	if (item.json.acked === true) return 'acked';
	return String(item.json.error?.outcome ?? 'no outcome');
}

/**
 * @param {{
 *   tag: string,
 *   cli: import('./n8n-app').N8nCli,
 *   filesDir: string,
 *   importWorkflow: (cli: any, dir: string, workflow: any) => Promise<void>,
 *   execute: (cli: any, id: string) => Promise<{ result: any, run: any, parseProblem: string, seconds: string }>,
 *   executionProblem: (exec: any) => string | null,
 *   check: (name: string, ok: boolean, detail?: string) => boolean,
 * }} app
 */
async function faultScenarios({ tag, cli, filesDir, importWorkflow, execute, executionProblem, check }) {
	const emulator = await startEmulator({ port: 0, logRequests: true, pool: { shops: ['shop-f'], perShop: 0 } });
	try {
		const credentialFile = path.join(filesDir, 'fault-credentials.json');
		const [credential] = workflows.credentialFile(emulator.account, emulator.url);
		fs.writeFileSync(credentialFile, JSON.stringify([{ ...credential, id: CREDENTIAL_ID, name: CREDENTIAL_NAME }], null, 2));
		await cli.run(['import:credentials', `--input=${credentialFile}`], { label: 'import:credentials (faults)' });

		for (const scenario of SCENARIOS) {
			emulator.faults.clear();
			const records = [0, 1, 2].map((i) => emulator.pool.addRecord({ shop_no: 'shop-f', sync_stock: 10 + i, stock_change_count: 1 + i }));
			/** @type {any} */
			const workflow = workflows.ackOnly(records);
			workflow.id = scenario.id;
			workflow.name = `e2e fault: ${scenario.name}`;
			const ackNode = workflow.nodes.find((/** @type {any} */ node) => node.type === 'n8n-nodes-wdt.wdtAckStockSync');
			// Each scenario reads every item's outcome, also when none was acked: Fail When Nothing
			// Acked (its own check is in scripts/e2e/examples.js) is off here.
			ackNode.parameters.options = { timeoutMs: 3000, maxRetries: 1, retryDelayMs: 200, failWhenNoneAcked: false };
			ackNode.onError = 'continueRegularOutput';
			ackNode.credentials = { wdtApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
			for (const rule of scenario.rules) emulator.faults.add(rule);
			const before = emulator.requests.length;

			await importWorkflow(cli, filesDir, workflow);
			const exec = await execute(cli, scenario.id);
			const problem = executionProblem(exec);
			const label = `[${tag}] fault: ${scenario.name}`;
			if (!check(`${label}: n8n execute`, !problem, problem ?? `${exec.seconds} s`)) continue;

			const items = nodeItems(exec.run, 'WDT Ack Stock Sync');
			const outcomes = items.map(outcomeOf);
			const messages = items.map((item) => String(item.json.error?.message ?? ''));
			const { expect } = scenario;
			check(
				`${label}: every item ${expect.outcome}`,
				items.length === records.length &&
					outcomes.every((o) => o === expect.outcome) &&
					(!expect.message || messages.every((m) => expect.message?.test(m))),
				`${outcomes.join(', ')}; ${messages[0] || 'no error'}`,
			);
			const cleared = records.map((r) => emulator.pool.get(r.rec_id)?.pending === false);
			const requests = emulator.requests.slice(before).filter((r) => r.endpoint === ACK);
			check(
				`${label}: the pool ${expect.cleared ? 'cleared' : 'kept'} the records, after ${expect.requests} request(s)`,
				cleared.every((c) => c === expect.cleared) && requests.length === expect.requests,
				`cleared ${cleared.join(',')}; ${requests.length} requests (${requests.map((r) => r.fault ?? 'ok').join(', ')})`,
			);
		}
	} finally {
		await emulator.stop();
	}
}

module.exports = { faultScenarios, SCENARIOS };
