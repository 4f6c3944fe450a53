import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { testWdtApiCredential } from '../Wdt/credentialTest';
import { callOptionsCollection } from '../Wdt/callOptions';
import { queryProperties } from '../Wdt/stockChangeFields';
import { reEmitWindowMs } from '../Wdt/trigger/emitWindow';
import { pollPendingQueue } from '../Wdt/trigger/pendingQueue';
import { STOCK_QUEUE, readTriggerQuerySettings } from '../Wdt/trigger/stockChangesToSync';

/** Its own default, kept: n8n saves no default values, so saved workflows rely on it. */
export const DEFAULT_REEMIT_MINUTES = 30;

/**
 * Polls 查询库存同步 (api_goods_stock_change_query.php) and emits the pending stock changes, one
 * item per record. Hidden from the nodes panel: the WDT Trigger's "Stock Changes to Sync" event
 * does the same (the same queue read, memory and re-emit rule: nodes/Wdt/trigger/). This node
 * keeps its type, parameters and defaults so workflows saved with it run unchanged.
 */
export class WdtStockChangeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WDT Stock Change Trigger',
		name: 'wdtStockChangeTrigger',
		icon: { light: 'file:../Wdt/wdt.svg', dark: 'file:../Wdt/wdt.dark.svg' },
		group: ['trigger'],
		version: 1,
		hidden: true,
		subtitle: '=Pending Stock Changes · {{ $parameter["shopNos"] }}',
		description:
			'Starts the workflow when WDT has pending stock changes (api_goods_stock_change_query.php), one item per record',
		defaults: { name: 'WDT Stock Change Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// A literal: n8n's linter reads it to see that every use of the credential is tested.
		credentials: [{ name: 'wdtApi', required: true, testedBy: 'wdtApiTest' }],
		properties: [
			{
				displayName:
					'Kept so that workflows made with it run unchanged. In new workflows use the WDT Trigger, event Stock Changes to Sync (the same fields; its Re-Emit After defaults to 10 minutes).',
				name: 'replacedNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName:
					'WDT advises querying every 3–5 minutes. A record stays pending until WDT Ack Stock Sync acks it; until then it is emitted again after "Re-Emit After".',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...queryProperties({ fetchAll: true }),
			{
				displayName: 'Re-Emit After in Minutes',
				name: 'reEmitAfterMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_REEMIT_MINUTES,
				description:
					'A record already emitted with the same stock_change_count is not emitted again before this many minutes, so a slow run is not doubled; after that, a record still pending (not acked) is emitted again. A new stock_change_count is emitted at once. 0 = emit every pending record on every poll.',
			},
			callOptionsCollection('query'),
		],
	};

	methods = { credentialTest: { wdtApiTest: testWdtApiCredential } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const { shopNos, query } = readTriggerQuerySettings(this);
		return await pollPendingQueue(
			this,
			{ ...STOCK_QUEUE, where: (shopNo) => `Shop ${shopNo}` },
			{
				shopNos,
				query,
				windowMs: reEmitWindowMs(
					this.getNodeParameter('reEmitAfterMinutes', DEFAULT_REEMIT_MINUTES),
					DEFAULT_REEMIT_MINUTES,
				),
			},
		);
	}
}
