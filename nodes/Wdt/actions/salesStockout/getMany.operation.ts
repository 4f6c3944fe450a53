import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, textFilter, timeRangeFields } from '../common/listFields';
import { codeLocator } from '../common/locators';
import { runList } from '../common/runList';

const spec = LIST_ENDPOINTS.stockout_order_query_trade;
const display = { resource: 'salesStockout', operation: 'getMany' };

export const description: INodeProperties[] = [
	...returnAllFields(display),
	...timeRangeFields(display, spec, 'stockouts'),
	filtersField(display, [
		textFilter('status', 'Status', 'only stockouts in this status (a WDT status number, e.g. 95 = shipped)'),
		textFilter('src_tid', 'Platform Order Number', 'only stockouts of this platform order'),
		textFilter('stockout_no', 'Stockout Number', 'only this stockout'),
		codeLocator('shop', { name: 'shop_no', description: '<code>shop_no</code>: only stockouts of this shop' }),
		codeLocator('warehouse', { name: 'warehouse_no', description: '<code>warehouse_no</code>: only stockouts from this warehouse' }),
	]),
	listOptions(display, spec, true),
];

/** 查询销售出库单 (stockout_order_query_trade.php): sales stockouts with their lines (details_list). */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	return await runList(this, itemIndex, gateway, spec);
}
