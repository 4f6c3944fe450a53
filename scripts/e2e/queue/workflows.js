// @ts-check
'use strict';

/**
 * The workflows of the queue-mode e2e. Each has a "Which Instance" Set node whose output is the
 * n8n instance that ran it ($env.WDT_E2E_INSTANCE: main, worker-1, worker-2), so an execution's
 * own data says where it ran.
 *
 * - one example loop per shop (examples/stock-sync-loop.workflow.json: query → push → ack);
 * - the stock-change trigger, active, polling every 10 s: Trigger → Which Instance (the records);
 * - "ack slowly": Manual Trigger → Get Stock Changes → Ack Stock Sync in batches of 10, for the
 *   worker that is killed mid-ack.
 *
 * Workflow ids have at most 16 characters: n8n (1.123 `isWorkflowIdValid`) never saves the static
 * data of a workflow with a longer id, so the trigger would forget its window.
 */

const { CREDENTIAL_ID, CREDENTIAL_NAME, exampleLoop } = require('../workflows');

const WHICH = 'Which Instance';
/**
 * Every 10 s, as six poll times (second 0, 10, … of every minute): n8n refuses a poll cron whose
 * seconds field is not one number ("The polling interval is too short"; 1.123 checks for '*',
 * 2.41 for digits only), but it takes several poll times.
 */
const EVERY_10_S = [0, 10, 20, 30, 40, 50].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` }));
const credentials = { wdtApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };

/** @param {boolean} keepItems  true: add the field to the incoming items; false: one item */
function whichInstanceNode(keepItems) {
	return {
		parameters: {
			assignments: {
				assignments: [{ id: 'e2e-instance', name: 'instance', value: '={{ $env.WDT_E2E_INSTANCE }}', type: 'string' }],
			},
			includeOtherFields: keepItems,
			options: {},
		},
		id: 'e2e00000-0000-4000-8000-0000000000a1',
		name: WHICH,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [220, 200],
	};
}

/** @param {any} workflow @param {string} from  adds Which Instance as a branch of node `from` */
function withWhichInstance(workflow, from) {
	workflow.nodes.push(whichInstanceNode(false));
	const outputs = (workflow.connections[from] ??= { main: [[]] });
	outputs.main[0].push({ node: WHICH, type: 'main', index: 0 });
	return workflow;
}

/** @param {any} workflow */
function manualTriggerName(workflow) {
	const node = workflow.nodes.find((/** @type {any} */ n) => n.type === 'n8n-nodes-base.manualTrigger');
	if (!node) throw new Error(`${workflow.name}: no Manual Trigger`);
	return String(node.name);
}

/**
 * The example loop for one shop.
 * @param {string} baseUrl  the emulator's base
 * @param {string} shopNo
 * @param {number} index
 */
function shopLoop(baseUrl, shopNo, index) {
	const workflow = exampleLoop(baseUrl);
	workflow.id = `WdtE2eQueueLoop${index}`;
	workflow.name = `e2e queue: stock sync loop ${shopNo}`;
	for (const node of workflow.nodes) if (typeof node.parameters?.shopNos === 'string') node.parameters.shopNos = shopNo;
	return withWhichInstance(workflow, manualTriggerName(workflow));
}

/**
 * Manual Trigger → WDT Get Stock Changes (all pending) → WDT Ack Stock Sync (batches of 10).
 * @param {string} shopNo
 */
function ackSlowly(shopNo) {
	const workflow = {
		id: 'WdtE2eQueueKill1',
		name: `e2e queue: ack ${shopNo} in small batches`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ parameters: {}, id: 'e2e00000-0000-4000-8000-0000000000b1', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
			{
				parameters: { shopNos: shopNo, pageSize: 1000, fetchAll: true, maxRecords: 10000, options: {} },
				id: 'e2e00000-0000-4000-8000-0000000000b2',
				name: 'WDT Get Stock Changes',
				type: 'n8n-nodes-wdt.wdtGetStockChanges',
				typeVersion: 1,
				position: [220, 0],
				credentials,
			},
			{
				parameters: { mappingMode: 'auto', options: { batchSize: 10 } },
				id: 'e2e00000-0000-4000-8000-0000000000b3',
				name: 'WDT Ack Stock Sync',
				type: 'n8n-nodes-wdt.wdtAckStockSync',
				typeVersion: 1,
				position: [440, 0],
				credentials,
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'WDT Get Stock Changes', type: 'main', index: 0 }]] },
			'WDT Get Stock Changes': { main: [[{ node: 'WDT Ack Stock Sync', type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
	return withWhichInstance(workflow, 'Manual Trigger');
}

/**
 * WDT Stock Change Trigger (every 10 s, Re-Emit After 30 min) → Which Instance (the records).
 * @param {string} shopNo
 */
function stockChangeTrigger(shopNo) {
	return {
		id: 'WdtE2eQueueTrig1',
		name: `e2e queue: stock change trigger ${shopNo}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				parameters: {
					pollTimes: { item: EVERY_10_S },
					shopNos: shopNo,
					pageSize: 1000,
					fetchAll: true,
					maxRecords: 10000,
					reEmitAfterMinutes: 30,
					options: {},
				},
				id: 'e2e00000-0000-4000-8000-0000000000c1',
				name: 'WDT Stock Change Trigger',
				type: 'n8n-nodes-wdt.wdtStockChangeTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials,
			},
			{ ...whichInstanceNode(true), position: [220, 0] },
		],
		connections: {
			'WDT Stock Change Trigger': { main: [[{ node: WHICH, type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
}

module.exports = { WHICH, shopLoop, ackSlowly, stockChangeTrigger, manualTriggerName };
