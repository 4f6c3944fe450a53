import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as anyEndpoint from './actions/anyEndpoint/AnyEndpoint.resource';
import * as goods from './actions/goods/Goods.resource';
import * as logisticsSync from './actions/logisticsSync/LogisticsSync.resource';
import * as order from './actions/order/Order.resource';
import * as purchaseOrder from './actions/purchaseOrder/PurchaseOrder.resource';
import * as refund from './actions/refund/Refund.resource';
import { router } from './actions/router';
import * as salesStockout from './actions/salesStockout/SalesStockout.resource';
import * as shop from './actions/shop/Shop.resource';
import * as stock from './actions/stock/Stock.resource';
import * as stockSync from './actions/stockSync/StockSync.resource';
import * as warehouse from './actions/warehouse/Warehouse.resource';
import { testWdtApiCredential } from './credentialTest';
import { searchShops, searchWarehouses } from './methods/listSearch';
import { WDT_DESCRIPTION, resourceOperationSubtitle } from './panelEntry';

/**
 * "Goods" is WDT's word (货品 in docs/glossary.md) and has no singular in this sense; n8n's
 * plural-resource lint rule (the pluralize library) reads it as the plural of "good".
 */
const GOODS = 'Goods';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Any Endpoint', value: 'anyEndpoint' },
			{ name: GOODS, value: 'goods' },
			{ name: 'Logistics Sync', value: 'logisticsSync' },
			{ name: 'Order', value: 'order' },
			{ name: 'Purchase Order', value: 'purchaseOrder' },
			{ name: 'Refund', value: 'refund' },
			{ name: 'Sales Stockout', value: 'salesStockout' },
			{ name: 'Shop', value: 'shop' },
			{ name: 'Stock', value: 'stock' },
			{ name: 'Stock Sync', value: 'stockSync' },
			{ name: 'Warehouse', value: 'warehouse' },
		],
		default: 'order',
	},
	...anyEndpoint.description,
	...goods.description,
	...logisticsSync.description,
	...order.description,
	...purchaseOrder.description,
	...refund.description,
	...salesStockout.description,
	...shop.description,
	...stock.description,
	...stockSync.description,
	...warehouse.description,
];

/**
 * WDT: the reads of the openapi2 gateway in n8n's resource → operation shape. Each
 * operation lives in actions/<resource>/<operation>.operation.ts (its fields and its execute);
 * pages, time windows and de-duplication are the shared fetcher's (transport/fetchList.ts).
 */
export class Wdt implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WDT',
		name: 'wdt',
		icon: { light: 'file:wdt.svg', dark: 'file:wdt.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: resourceOperationSubtitle(properties),
		description: WDT_DESCRIPTION,
		defaults: { name: 'WDT' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// A literal: n8n's linter reads it to see that every use of the credential is tested.
		credentials: [{ name: 'wdtApi', required: true, testedBy: 'wdtApiTest' }],
		properties,
	};

	methods = {
		credentialTest: { wdtApiTest: testWdtApiCredential },
		listSearch: { searchShops, searchWarehouses },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
