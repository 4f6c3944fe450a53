import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { testWdtApiCredential } from '../Wdt/credentialTest';
import { ACK_TOOL_DESCRIPTION, execute, fields } from '../Wdt/actions/stockSync/acknowledge.operation';

/**
 * WDT Ack Stock Sync: the node users know, a thin node over the WDT node's Stock Sync ·
 * Acknowledge (the same fields, parameter names and defaults, the same run), so saved
 * workflows run unchanged.
 */
export class WdtAckStockSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WDT Ack Stock Sync',
		name: 'wdtAckStockSync',
		icon: { light: 'file:../Wdt/wdt.svg', dark: 'file:../Wdt/wdt.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '=Acknowledge · {{ $parameter["mappingMode"] === "manual" ? "define below" : "map automatically" }}',
		// Also what an agent reads about the tool at run time (n8n applies the replacements in the editor only).
		description:
			'Tell WDT which stock changes reached the shop (api_goods_stock_change_ack.php), in batches. Needs rec_id, sync_stock and stock_change_count of each record as the query returned them; returns each with acked true/false, outcome and, if not acked, WDT\'s error',
		defaults: { name: 'WDT Ack Stock Sync' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: { replacements: { description: ACK_TOOL_DESCRIPTION } },
		credentials: [{ name: 'wdtApi', required: true, testedBy: 'wdtApiTest' }],
		properties: fields,
	};

	methods = { credentialTest: { wdtApiTest: testWdtApiCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
