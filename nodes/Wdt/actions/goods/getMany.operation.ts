import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, textFilter, timeRangeFields } from '../common/listFields';
import { runList } from '../common/runList';

const spec = LIST_ENDPOINTS.goods_query;
const display = { resource: 'goods', operation: 'getMany' };

export const description: INodeProperties[] = [
	...returnAllFields(display),
	...timeRangeFields(display, spec, 'goods'),
	filtersField(display, [
		textFilter('spec_no', 'SKU Code', 'only the goods holding this SKU'),
		textFilter('goods_no', 'Goods Code', 'only the goods with this code'),
		textFilter('brand_no', 'Brand Code', 'only goods of this brand'),
		textFilter('class_name', 'Category Name', 'only goods of this category'),
		textFilter('barcode', 'Barcode', 'only the goods with this barcode'),
		{
			displayName: 'Include Deleted',
			name: 'deleted',
			type: 'boolean',
			default: false,
			description: 'Whether to return deleted goods too (<code>deleted</code> = 1)',
		},
	]),
	listOptions(display, spec, true),
];

/** 查询货品档案 (goods_query.php): goods (货品) with their SKUs (spec_list), one item per goods. */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	return await runList(this, itemIndex, gateway, spec);
}
