/**
 * Runs the chosen operation once per input item: the items it returns are paired with that item;
 * a failure stops the node, or (Continue On Fail) becomes an error item for the error output. A
 * list that could not be read completely is such a failure; under Continue On Fail the items of
 * its complete windows come out too, before its error item.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { describeFailure, gatewayOrNodeError, wdtNodeError } from '../nodeError';
import { TimeInputError } from '../protocol/beijingTime';
import { JsonParamsError } from '../protocol/jsonParams';
import { settle } from '../transport/retry';
import * as anyEndpoint from './anyEndpoint/AnyEndpoint.resource';
import { IncompleteItemsError, ParameterError } from './common/runList';
import * as goods from './goods/Goods.resource';
import * as logisticsSync from './logisticsSync/LogisticsSync.resource';
import * as order from './order/Order.resource';
import * as purchaseOrder from './purchaseOrder/PurchaseOrder.resource';
import * as refund from './refund/Refund.resource';
import * as salesStockout from './salesStockout/SalesStockout.resource';
import * as shop from './shop/Shop.resource';
import * as stock from './stock/Stock.resource';
import * as stockSync from './stockSync/StockSync.resource';
import * as warehouse from './warehouse/Warehouse.resource';

type Execute = (this: IExecuteFunctions, itemIndex: number, gateway: string) => Promise<INodeExecutionData[]>;

const OPERATIONS: Record<string, Record<string, Execute>> = {
	anyEndpoint: { call: anyEndpoint.call.execute },
	goods: { getMany: goods.getMany.execute },
	logisticsSync: { getPending: logisticsSync.getPending.execute },
	order: { getMany: order.getMany.execute },
	purchaseOrder: { getMany: purchaseOrder.getMany.execute },
	refund: { getMany: refund.getMany.execute },
	salesStockout: { getMany: salesStockout.getMany.execute },
	shop: { getMany: shop.getMany.execute },
	stock: { getMany: stock.getMany.execute, getDetails: stock.getDetails.execute },
	warehouse: { getMany: warehouse.getMany.execute },
};

/** Operations that take all input items at once (batched writes): they pair and fail per record themselves. */
type ExecuteAll = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
const ALL_ITEMS: Record<string, Record<string, ExecuteAll>> = {
	goods: { pushPlatformGoods: goods.pushPlatformGoods.execute },
	logisticsSync: { acknowledge: logisticsSync.acknowledge.execute },
	order: { push: order.push.execute },
	refund: { push: refund.push.execute },
	// A read, but per shop: a failed shop is its own error item and the notes are hints.
	stockSync: { acknowledge: stockSync.acknowledge.execute, getPending: stockSync.getPending.execute },
};

/** A failure as n8n shows it: the form's fault as NodeOperationError, WDT's as NodeApiError with the hint. */
function nodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof IncompleteItemsError) return wdtNodeError(context.getNode(), error.incomplete, { itemIndex });
	if (
		error instanceof ParameterError ||
		error instanceof TimeInputError ||
		error instanceof JsonParamsError ||
		error instanceof RangeError
	) {
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: error instanceof ParameterError ? error.hint : undefined,
		});
	}
	return wdtNodeError(context.getNode(), error, { itemIndex });
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const all = ALL_ITEMS[resource]?.[operation];
	if (all) return await all.call(this);
	const execute = OPERATIONS[resource]?.[operation];
	if (!execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const continueOnFail = this.continueOnFail();
	const gateway = await gatewayOrNodeError(this);
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const result = await settle(execute.call(this, itemIndex, gateway));
		if (result.ok) {
			out.push(...result.value);
			continue;
		}
		const error = nodeError(this, result.error, itemIndex);
		if (!continueOnFail) throw error;
		// A list with windows that could not be read: the items of its complete windows, then the error.
		const cause = result.error instanceof IncompleteItemsError ? result.error.incomplete : result.error;
		if (result.error instanceof IncompleteItemsError) out.push(...result.error.items);
		// Only error/details keys: n8n sends the item to the error output when that is on.
		out.push({
			json: { error: error.message, details: { ...describeFailure(cause), hint: error.description ?? '' } },
			pairedItem: { item: itemIndex },
		});
	}
	return [out];
}
