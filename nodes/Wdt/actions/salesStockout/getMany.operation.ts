import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, textFilter, timeRangeFields } from '../common/listFields';
import { runList } from '../common/runList';

const spec = LIST_ENDPOINTS.stockout_order_query_trade;
const display = { resource: 'salesStockout', operation: 'getMany' };

export const description: INodeProperties[] = [
	...returnAllFields(display),
	...timeRangeFields(display, spec, 'stockouts'),
	filtersField(display, [
		textFilter('status', 'Status', '出库单状态', 'only stockouts in this status (a WDT status number, e.g. 95 = 已发货)'),
		textFilter('src_tid', 'Platform Order Number', '原始单号', 'only stockouts of this platform order'),
		textFilter('stockout_no', 'Stockout Number', '出库单号', 'only this stockout'),
		textFilter('shop_no', 'Shop Code', '店铺编号', 'only stockouts of this shop'),
		textFilter('warehouse_no', 'Warehouse Code', '仓库编号', 'only stockouts from this warehouse'),
	]),
	listOptions(display, spec, true),
];

/** 查询销售出库单 (stockout_order_query_trade.php): sales stockouts with their lines (details_list). */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	return await runList(this, itemIndex, gateway, spec);
}
