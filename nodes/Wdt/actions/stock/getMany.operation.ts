import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, textFilter, timeRangeFields } from '../common/listFields';
import { codeLocator } from '../common/locators';
import { runList } from '../common/runList';

const spec = LIST_ENDPOINTS.stock_query;
const display = { resource: 'stock', operation: 'getMany' };

export const description: INodeProperties[] = [
	...returnAllFields(display),
	...timeRangeFields(display, spec, 'stock rows'),
	filtersField(display, [
		codeLocator('warehouse', { name: 'warehouse_no', description: '<code>warehouse_no</code>: only stock in this warehouse' }),
		textFilter('spec_no', 'SKU Code', 'only stock of this SKU. WDT limits a full load by SKU to a few times a day.'),
	]),
	listOptions(display, spec, true),
];

/** 增量查询库存 (stock_query.php): stock rows (one per SKU × warehouse) changed in the range. */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	return await runList(this, itemIndex, gateway, spec);
}
