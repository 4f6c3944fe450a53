import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, textFilter, timeRangeFields } from '../common/listFields';
import { ParameterError, readListSettings, readTimeRange, runList } from '../common/runList';

const spec = LIST_ENDPOINTS.goods_query;
const display = { resource: 'goods', operation: 'getMany' };

export const description: INodeProperties[] = [
	...returnAllFields(display),
	...timeRangeFields(
		display,
		spec,
		'goods',
		"the goods' modified time (goods_modified; a goods whose SKU changed comes back with it, see the docs). Required unless a SKU Code or Goods Code is set: then WDT ignores the range and the node does not send it",
	),
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

/**
 * 查询货品档案 (goods_query.php): goods (货品) with their SKUs (spec_list), one item per goods.
 * WDT requires a time range or spec_no / goods_no, and ignores the range when either code is
 * given (docs/wdt-contract.md#goods_query): the node asks for the range before sending, and sends
 * none with a code.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	const settings = readListSettings(this, itemIndex);
	const byCode = settings.params.spec_no !== undefined || settings.params.goods_no !== undefined;
	const range = byCode ? undefined : readTimeRange(this, itemIndex, settings.zone);
	if (!byCode && range === undefined) {
		throw new ParameterError(
			'Goods · Get Many needs From / To, a SKU Code or a Goods Code',
			"WDT's goods_query answers only a time range (on the goods' modified time; longer than 30 days is read in windows) or a SKU Code (spec_no) / Goods Code (goods_no). Set From, or add one of those filters.",
		);
	}
	return await runList(this, itemIndex, gateway, spec, { settings, range });
}
