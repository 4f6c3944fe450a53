import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, textFilter } from '../common/listFields';
import { codeLocator } from '../common/locators';
import { runList } from '../common/runList';

const spec = LIST_ENDPOINTS.warehouse_query;
const display = { resource: 'warehouse', operation: 'getMany' };

export const description: INodeProperties[] = [
	...returnAllFields(display),
	filtersField(display, [
		codeLocator('warehouse', { name: 'warehouse_no', description: '<code>warehouse_no</code>: only the warehouse with this code' }),
		textFilter('type', 'Warehouse Type', 'only warehouses of this type (a WDT type number)'),
	]),
	listOptions(display, spec, false),
];

/** 查询仓库 (warehouse_query.php): the warehouses (仓库) of the ERP, one item per warehouse. */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	return await runList(this, itemIndex, gateway, spec);
}
