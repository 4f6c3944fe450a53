import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, textFilter, timeRangeFields } from '../common/listFields';
import { runList } from '../common/runList';

const spec = LIST_ENDPOINTS.purchase_order_query;
const display = { resource: 'purchaseOrder', operation: 'getMany' };

export const description: INodeProperties[] = [
	...returnAllFields(display),
	...timeRangeFields(display, spec, 'purchase orders'),
	filtersField(display, [
		textFilter('purchase_no', 'Purchase Order Number', 'only this purchase order'),
		textFilter('outer_no', 'External Number', 'only the purchase order with this external number'),
		textFilter('status', 'Status', 'only purchase orders in this status (a WDT status number)'),
	]),
	listOptions(display, spec, true),
];

/**
 * 查询采购单 (purchase_order_query.php): purchase orders. The list field is not confirmed
 * (purchase_list is assumed); the only array of the answer is taken otherwise.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	return await runList(this, itemIndex, gateway, spec);
}
