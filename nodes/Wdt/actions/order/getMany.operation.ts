import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, sourceField, textFilter, timeRangeFields } from '../common/listFields';
import { codeLocator } from '../common/locators';
import { runArchivedList } from '../common/runList';

const recent = LIST_ENDPOINTS.trade_query;
const display = { resource: 'order', operation: 'getMany' };

export const description: INodeProperties[] = [
	sourceField(display, recent, 'orders'),
	...returnAllFields(display),
	...timeRangeFields(display, recent, 'orders'),
	filtersField(display, [
		textFilter('status', 'Order Status', 'only orders in this status (a WDT status number, e.g. 30 = awaiting review)'),
		codeLocator('shop', { name: 'shop_no', description: '<code>shop_no</code>: only orders of this shop' }),
		codeLocator('warehouse', { name: 'warehouse_no', description: '<code>warehouse_no</code>: only orders shipped from this warehouse' }),
		textFilter('src_tid', 'Platform Order Number', 'only the order(s) of this platform order'),
		textFilter('trade_no', 'Order Number', 'only this ERP order'),
	]),
	listOptions(display, recent, true),
];

/** 查询订单管理 (trade_query.php) / 查询历史订单 (his_trade_query.php): orders with their lines (goods_list). */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	return await runArchivedList(this, itemIndex, gateway, recent);
}
