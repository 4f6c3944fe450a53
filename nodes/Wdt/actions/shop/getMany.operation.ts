import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, textFilter } from '../common/listFields';
import { codeLocator } from '../common/locators';
import { runList } from '../common/runList';

const spec = LIST_ENDPOINTS.shop;
const display = { resource: 'shop', operation: 'getMany' };

export const description: INodeProperties[] = [
	...returnAllFields(display),
	filtersField(display, [
		codeLocator('shop', { name: 'shop_no', description: '<code>shop_no</code>: only the shop with this code' }),
		textFilter('platform', 'Platform', 'only shops of this platform (a WDT platform ID, e.g. 127 = other platform)'),
	]),
	listOptions(display, spec, false),
];

/** 查询店铺 (shop.php): the shops (店铺) of the ERP, one item per shop. */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	return await runList(this, itemIndex, gateway, spec);
}
