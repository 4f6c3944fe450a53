import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, textFilter } from '../common/listFields';
import { runList } from '../common/runList';

const spec = LIST_ENDPOINTS.stock_query_detail;
const display = { resource: 'stock', operation: 'getDetails' };

export const description: INodeProperties[] = [
	...returnAllFields(display),
	filtersField(display, [
		textFilter('warehouse_no', 'Warehouse Code', '仓库编号', 'only stock in this warehouse'),
		textFilter('spec_no', 'SKU Code', '商家编码', 'only stock of this SKU'),
	]),
	listOptions(display, spec, false),
];

/** 查询库存明细 (stock_query_detail.php): current stock rows by SKU / warehouse, no time range. */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	return await runList(this, itemIndex, gateway, spec);
}
