// @ts-check
'use strict';

/**
 * The workflows and the credential the e2e run imports into n8n.
 *
 * - the example loop, examples/stock-sync-loop.workflow.json, as a user imports it, with only
 *   the emulator's address and the credential id swapped in;
 * - "ack only": Manual Trigger → Code (items = records seeded in the emulator) → WDT Ack Stock Sync
 *   (Map Automatically) — the ack node on its own, whatever the query node does;
 * - "HTTP Request + wdtApi": n8n's own HTTP Request node, Predefined Credential Type → wdtApi,
 *   POST form-urlencoded to warehouse_query.php — the credential's `authenticate` in n8n's legacy
 *   request path.
 */

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE_LOOP = path.join(ROOT, 'examples', 'stock-sync-loop.workflow.json');

const CREDENTIAL_ID = 'WdtE2eCredential';
const CREDENTIAL_NAME = 'WDT account';
/** Where the example workflows point (the emulator CLI's default address). */
const EXAMPLE_BASE_URL = 'http://127.0.0.1:8650/';

const IDS = {
	loop: 'WdtE2eExampleLoop',
	ack: 'WdtE2eAckOnly001',
	http: 'WdtE2eHttpCred01',
};

/**
 * The credential for `n8n import:credentials` (plaintext data: n8n encrypts it on import).
 * @param {{ sid: string, appkey: string, appsecret: string }} account
 * @param {string} gatewayUrl   e.g. http://127.0.0.1:PORT/openapi2/
 */
function credentialFile(account, gatewayUrl) {
	return [
		{
			id: CREDENTIAL_ID,
			name: CREDENTIAL_NAME,
			type: 'wdtApi',
			data: {
				sid: account.sid,
				appkey: account.appkey,
				appsecret: account.appsecret,
				environment: 'custom',
				customUrl: gatewayUrl,
			},
		},
	];
}

/** @param {any} workflow */
function useOurCredential(workflow) {
	for (const node of workflow.nodes ?? []) {
		if (node.credentials?.wdtApi) node.credentials.wdtApi = { id: CREDENTIAL_ID, name: CREDENTIAL_NAME };
	}
	return workflow;
}

/** Node types a workflow uses. @param {any} workflow @returns {string[]} */
function nodeTypes(workflow) {
	return [...new Set((workflow.nodes ?? []).map((/** @type {any} */ node) => String(node.type)))];
}

function exampleExists() {
	return fs.existsSync(EXAMPLE_LOOP);
}

/**
 * The example loop, pointed at the emulator.
 * @param {string} baseUrl  the emulator's base, 'http://127.0.0.1:PORT/'
 */
function exampleLoop(baseUrl) {
	const text = fs.readFileSync(EXAMPLE_LOOP, 'utf8');
	const workflow = JSON.parse(text.split(EXAMPLE_BASE_URL).join(baseUrl));
	workflow.id = IDS.loop;
	workflow.active = false;
	return useOurCredential(workflow);
}

/**
 * The shops the example's query node reads (its "shopNos" parameter).
 * @param {any} workflow
 * @returns {string[]}
 */
function queriedShops(workflow) {
	const shops = [];
	for (const node of workflow.nodes ?? []) {
		if (typeof node.parameters?.shopNos === 'string') {
			shops.push(...node.parameters.shopNos.split(/[\s,，]+/).filter(Boolean));
		}
	}
	return [...new Set(shops)];
}

const manualTrigger = (/** @type {number} */ x) => ({
	parameters: {},
	id: 'e2e00000-0000-4000-8000-000000000001',
	name: 'Manual Trigger',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [x, 0],
});

/**
 * Manual Trigger → Code → WDT Ack Stock Sync. The Code node emits the records as the query
 * returns them (rec_id as a 19-digit string).
 * @param {Array<{ rec_id: string, sync_stock: number, stock_change_count: number, shop_no: string, spec_no: string }>} records
 */
function ackOnly(records) {
	const json = JSON.stringify(
		records.map((r) => ({
			rec_id: r.rec_id,
			shop_no: r.shop_no,
			spec_no: r.spec_no,
			sync_stock: String(r.sync_stock),
			stock_change_count: String(r.stock_change_count),
		})),
	);
	return {
		id: IDS.ack,
		name: 'e2e: WDT Ack Stock Sync on seeded records',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			manualTrigger(0),
			{
				parameters: { jsCode: `return ${json}.map((json) => ({ json }));` },
				id: 'e2e00000-0000-4000-8000-000000000002',
				name: 'Seeded Records',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
			},
			{
				parameters: { mappingMode: 'auto', options: { batchSize: 7 } },
				id: 'e2e00000-0000-4000-8000-000000000003',
				name: 'WDT Ack Stock Sync',
				type: 'n8n-nodes-wdt.wdtAckStockSync',
				typeVersion: 1,
				position: [440, 0],
				credentials: { wdtApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Seeded Records', type: 'main', index: 0 }]] },
			'Seeded Records': { main: [[{ node: 'WDT Ack Stock Sync', type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
}

/**
 * Manual Trigger → HTTP Request (Predefined Credential Type: wdtApi), POST form-urlencoded.
 * @param {string} gatewayUrl
 */
function httpRequestWithCredential(gatewayUrl) {
	return {
		id: IDS.http,
		name: 'e2e: HTTP Request node with the WDT credential',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			manualTrigger(0),
			{
				parameters: {
					method: 'POST',
					url: `${gatewayUrl}warehouse_query.php`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'wdtApi',
					sendBody: true,
					contentType: 'form-urlencoded',
					bodyParameters: {
						parameters: [
							{ name: 'page_size', value: '1' },
							{ name: 'page_no', value: '0' },
						],
					},
					options: {},
				},
				id: 'e2e00000-0000-4000-8000-000000000004',
				name: 'Warehouse Query',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				credentials: { wdtApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Warehouse Query', type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
}

module.exports = {
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	IDS,
	EXAMPLE_LOOP,
	credentialFile,
	exampleExists,
	exampleLoop,
	queriedShops,
	nodeTypes,
	ackOnly,
	httpRequestWithCredential,
};
