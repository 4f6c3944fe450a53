import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, sourceField, textFilter, timeRangeFields } from '../common/listFields';
import { codeLocator } from '../common/locators';
import { runArchivedList } from '../common/runList';

const spec = LIST_ENDPOINTS.stockout_order_query_trade;
const display = { resource: 'salesStockout', operation: 'getMany' };

export const description: INodeProperties[] = [
	sourceField(display, spec, 'stockouts'),
	...returnAllFields(display),
	// docs/wdt-contract.md#stockout_order_query_trade: the range is the ship time unless a status below 95 is asked for.
	...timeRangeFields(
		display,
		spec,
		'stockouts',
		"the ship time (consign_time): without Status, or with a status of 95 or more, WDT returns only shipped and completed stockouts shipped in the range. With a Status below 95 (5 = cancelled, 55 = checked) the range is on the stockouts' modified time instead",
	),
	filtersField(display, [
		textFilter('status', 'Status', 'only stockouts in this status: 5 cancelled, 55 checked, 95 shipped, 105 partly paid, 110 completed, 113 shipped with an exception. Below 95, From / To apply to the modified time'),
		textFilter('src_tid', 'Platform Order Number', 'only stockouts of this platform order'),
		textFilter('stockout_no', 'Stockout Number', 'only this stockout'),
		codeLocator('shop', { name: 'shop_no', description: '<code>shop_no</code>: only stockouts of this shop' }),
		codeLocator('warehouse', { name: 'warehouse_no', description: '<code>warehouse_no</code>: only stockouts from this warehouse' }),
	]),
	listOptions(display, spec, true),
];

/**
 * 查询销售出库单 (stockout_order_query_trade.php) / 查询历史销售出库单 (his_*): sales stockouts with
 * their lines (details_list).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	return await runArchivedList(this, itemIndex, gateway, spec);
}
