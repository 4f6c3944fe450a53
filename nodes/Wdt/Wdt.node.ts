import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
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

/**
 * WDT (旺店通): the reads of the openapi2 gateway in n8n's resource → operation shape. Each
 * operation lives in actions/<resource>/<operation>.operation.ts (its fields and its execute);
 * pages, time windows and de-duplication are the shared fetcher's (transport/fetchList.ts).
 */
export class Wdt implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WDT (旺店通)',
		name: 'wdt',
		icon: { light: 'file:wdt.svg', dark: 'file:wdt.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Read orders, stockouts, refunds, goods, stock, shops, warehouses and purchase orders from the 旺店通 (WDT) ERP openapi2 gateway; push a shop\'s orders and platform goods; acknowledge stock syncs; sync shipments back; or call any openapi2 endpoint',
		defaults: { name: 'WDT' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// A literal: n8n's linter reads it to see that every use of the credential is tested.
		credentials: [{ name: 'wdtApi', required: true, testedBy: 'wdtApiTest' }],
		properties: [
			{
				displayName: 'Resource (资源)',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Any Endpoint (任意接口)', value: 'anyEndpoint' },
					{ name: 'Goods (货品档案)', value: 'goods' },
					{ name: 'Logistics Sync (物流同步)', value: 'logisticsSync' },
					{ name: 'Order (订单)', value: 'order' },
					{ name: 'Purchase Order (采购单)', value: 'purchaseOrder' },
					{ name: 'Refund (退换单)', value: 'refund' },
					{ name: 'Sales Stockout (销售出库单)', value: 'salesStockout' },
					{ name: 'Shop (店铺)', value: 'shop' },
					{ name: 'Stock (库存)', value: 'stock' },
					{ name: 'Stock Sync', value: 'stockSync' },
					{ name: 'Warehouse (仓库)', value: 'warehouse' },
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
		],
	};

	methods = { credentialTest: { wdtApiTest: testWdtApiCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
