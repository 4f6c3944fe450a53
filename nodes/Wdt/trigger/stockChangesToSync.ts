/**
 * The WDT Trigger's "Stock Changes to Sync" event: the stock-change queue
 * (api_goods_stock_change_query), whose records stay pending until acked, emitted by the
 * pending-queue rule (pendingQueue.ts, emitWindow.ts) with stock_change_count as the version. The
 * hidden WDT Stock Change Trigger polls the same queue the same way (STOCK_QUEUE).
 */
import type { INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { QuerySettings } from '../stockChangeFields';
import { queryPropertiesShownFor, readQuerySettings } from '../stockChangeFields';
import type { StockChangeRecord } from '../stockChanges';
import type { PendingQueue } from './pendingQueue';
import { pollPendingQueue, readReEmitWindow } from './pendingQueue';

export const STOCK_CHANGES_EVENT = {
	value: 'stockChangesToSync',
	name: 'Stock Changes to Sync',
	description:
		'The stock of a SKU changed in the ERP and is still to be pushed to the shop (api_goods_stock_change_query.php); ack it with WDT Ack Stock Sync',
};

/** Shop Codes, Limit, Fetch All Pending (on) and Max Records, as the stock queries ask them. */
export const stockChangeProperties: INodeProperties[] = queryPropertiesShownFor(
	{ event: [STOCK_CHANGES_EVENT.value] },
	{ fetchAll: true, tool: false },
);

/** A stock change is new when its stock_change_count is: WDT counts every change of a rec_id. */
export function stockChangeVersion(record: StockChangeRecord): string {
	return String(record.stock_change_count ?? '');
}

/** The stock-change queue as the triggers read it. */
export const STOCK_QUEUE: PendingQueue = {
	versionOf: stockChangeVersion,
	where: (shopNo) => `api_goods_stock_change_query, shop ${shopNo}`,
};

/** The query fields of a trigger, or the form's fault as a NodeOperationError. */
export function readTriggerQuerySettings(context: IPollFunctions): QuerySettings {
	try {
		return readQuerySettings((name, fallback) => context.getNodeParameter(name, fallback));
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message);
	}
}

export async function pollStockChanges(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const { shopNos, query } = readTriggerQuerySettings(this);
	return await pollPendingQueue(this, STOCK_QUEUE, { shopNos, query, windowMs: readReEmitWindow(this) });
}
