import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, textFilter, timeRangeFields } from '../common/listFields';
import { codeLocator } from '../common/locators';
import { runList } from '../common/runList';

const spec = LIST_ENDPOINTS.refund_query;
const display = { resource: 'refund', operation: 'getMany' };

export const description: INodeProperties[] = [
	...returnAllFields(display),
	...timeRangeFields(display, spec, 'refunds'),
	filtersField(display, [
		textFilter('refund_no', 'Refund Number', 'only this refund'),
		textFilter('src_refund_no', 'Platform Refund Number', 'only refunds of this platform refund'),
		textFilter('tid', 'Platform Order Number', 'only refunds of this platform order'),
		textFilter('process_status', 'Process Status', 'only refunds in this processing status (a WDT status number)'),
		textFilter('time_type', 'Time Type', 'which time From / To apply to (WDT default: modified time)'),
		codeLocator('shop', { name: 'shop_no', description: '<code>shop_no</code>: only refunds of this shop' }),
	]),
	listOptions(display, spec, true),
];

/** 查询退换管理 (refund_query.php): refunds and exchanges with their lines (goods_list). */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	return await runList(this, itemIndex, gateway, spec);
}
