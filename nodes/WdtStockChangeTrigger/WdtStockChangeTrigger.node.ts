import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { testWdtApiCredential } from '../Wdt/credentialTest';
import { gatewayOrNodeError, wdtNodeError } from '../Wdt/nodeError';
import { settle } from '../Wdt/transport/retry';
import type { QuerySettings } from '../Wdt/stockChangeFields';
import { callOptionsCollection } from '../Wdt/callOptions';
import { queryProperties, readQuerySettings } from '../Wdt/stockChangeFields';
import type { StockChangeRecord } from '../Wdt/stockChanges';
import { queryShop } from '../Wdt/stockChanges';
import { selectAndRemember, triggerClock } from './emitWindow';

export const DEFAULT_REEMIT_MINUTES = 30;

/**
 * Polls 查询库存同步 (api_goods_stock_change_query.php) and emits the pending stock changes, one
 * item per record. Pending records come back on every query until acked: see emitWindow.ts for
 * when a record is emitted again. "Fetch test event" (manual mode) shows every pending record
 * and leaves the trigger's memory untouched.
 */
export class WdtStockChangeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WDT Stock Change Trigger',
		name: 'wdtStockChangeTrigger',
		icon: { light: 'file:../Wdt/wdt.svg', dark: 'file:../Wdt/wdt.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '=查询库存同步 · {{ $parameter["shopNos"] }}',
		description:
			'Starts the workflow when WDT has pending stock changes (查询库存同步, api_goods_stock_change_query.php), one item per record',
		defaults: { name: 'WDT Stock Change Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// A literal: n8n's linter reads it to see that every use of the credential is tested.
		credentials: [{ name: 'wdtApi', required: true, testedBy: 'wdtApiTest' }],
		properties: [
			{
				displayName:
					'WDT advises querying every 3–5 minutes (建议每3-5分钟查询一次). A record stays pending (待同步) until WDT Ack Stock Sync acks it; until then it is emitted again after "Re-Emit After".',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...queryProperties({ fetchAll: true }),
			{
				displayName: 'Re-Emit After in Minutes (重新发出间隔 分钟)',
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
		const read = readSettings(this);
		if (!read.ok) throw new NodeOperationError(this.getNode(), read.message);
		const { shopNos, query } = read.settings;
		const gateway = await gatewayOrNodeError(this);

		const byRecId = new Map<string, StockChangeRecord>();
		for (const shopNo of shopNos) {
			// A failed shop fails the poll: nothing is emitted or remembered, the next poll tries again.
			const result = await settle(queryShop(this, gateway, { ...query, shopNo }));
			if (!result.ok) throw wdtNodeError(this.getNode(), result.error, { where: `Shop ${shopNo}` });
			for (const record of result.value.records) byRecId.set(record.rec_id, record);
		}
		const records = [...byRecId.values()];

		let emit = records;
		if (this.getMode() !== 'manual') {
			const windowMs = reEmitWindowMs(
				this.getNodeParameter('reEmitAfterMinutes', DEFAULT_REEMIT_MINUTES),
			);
			emit = selectAndRemember(
				this.getWorkflowStaticData('node'),
				records,
				windowMs,
				triggerClock.now(),
			).emit;
		}
		if (emit.length === 0) return null;
		return [emit.map((json) => ({ json }))];
	}
}

const MAX_REEMIT_MINUTES = 7 * 24 * 60;

/** Re-Emit After (minutes, decimals allowed) in ms; 0 = no window. */
export function reEmitWindowMs(value: unknown): number {
	const minutes =
		typeof value === 'number' && Number.isFinite(value) ? value : DEFAULT_REEMIT_MINUTES;
	return Math.round(Math.min(Math.max(minutes, 0), MAX_REEMIT_MINUTES) * 60000);
}

function readSettings(
	context: IPollFunctions,
): { ok: true; settings: QuerySettings } | { ok: false; message: string } {
	try {
		return {
			ok: true,
			settings: readQuerySettings((name, fallback) => context.getNodeParameter(name, fallback)),
		};
	} catch (error) {
		return { ok: false, message: (error as Error).message };
	}
}
