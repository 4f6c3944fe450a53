import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { execute } from '../Wdt/actions/stockSync/getPending.operation';
import { callOptionsCollection } from '../Wdt/callOptions';
import { testWdtApiCredential } from '../Wdt/credentialTest';
import { QUERY_TOOL_DESCRIPTION, queryProperties } from '../Wdt/stockChangeFields';

/**
 * 查询库存同步 (api_goods_stock_change_query.php): the pending stock changes of one or more shops,
 * one output item per record, rec_id always an exact string. Hidden from the nodes panel: the WDT
 * node's Stock Sync · Get Pending is the same operation, which this node runs
 * (actions/stockSync/getPending.operation.ts). It keeps its type, parameters and defaults so
 * workflows saved with it (and its AI-agent tool) run unchanged.
 */
export class WdtGetStockChanges implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WDT Get Stock Changes',
		name: 'wdtGetStockChanges',
		icon: { light: 'file:../Wdt/wdt.svg', dark: 'file:../Wdt/wdt.dark.svg' },
		group: ['input'],
		version: 1,
		hidden: true,
		subtitle: '=Pending Stock Changes · {{ $parameter["shopNos"] }}',
		// Also what an agent reads about the tool at run time (n8n applies the replacements in the editor only).
		description:
			'Get the pending stock changes of WDT shops (api_goods_stock_change_query.php). Needs the shop codes (shop_no); returns one item per record: rec_id (an exact digit string), shop_no, spec_no, goods_name, sync_stock, stock_change_count',
		defaults: { name: 'WDT Get Stock Changes' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: { replacements: { description: QUERY_TOOL_DESCRIPTION } },
		// A literal: n8n's linter reads it to see that every use of the credential is tested.
		credentials: [{ name: 'wdtApi', required: true, testedBy: 'wdtApiTest' }],
		properties: [
			{
				displayName:
					'Kept so that workflows made with it run unchanged. In new workflows use the WDT node: resource Stock Sync, operation Get Pending (the same fields).',
				name: 'replacedNotice',
				type: 'notice',
				default: '',
			},
			...queryProperties({ fetchAll: false }),
			callOptionsCollection('query'),
		],
	};

	methods = { credentialTest: { wdtApiTest: testWdtApiCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
