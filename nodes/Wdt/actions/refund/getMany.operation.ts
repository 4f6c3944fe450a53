import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { filtersField, listOptions, returnAllFields, sourceField, textFilter, timeRangeFields } from '../common/listFields';
import { codeLocator } from '../common/locators';
import { runArchivedList } from '../common/runList';

const spec = LIST_ENDPOINTS.refund_query;
const display = { resource: 'refund', operation: 'getMany' };

export const description: INodeProperties[] = [
	sourceField(display, spec, 'refunds'),
	...returnAllFields(display),
	...timeRangeFields(display, spec, 'refunds'),
	filtersField(display, [
		textFilter('refund_no', 'Refund Number', 'only this refund'),
		textFilter('src_refund_no', 'Platform Refund Number', 'only refunds of this platform refund'),
		textFilter('tid', 'Platform Order Number', 'only refunds of this platform order'),
		textFilter(
			'process_status',
			'Process Status',
			'only refunds in this processing status: 5 supplement, 10 cancelled, 20 waiting for review (a new refund), 30 agreed, 40 refused, 50 waiting for finance, 60 waiting for the goods, 63 waiting to push, 64 push failed, 65 outsourced waiting for goods, 69 waiting for goods (settled), 70 partly arrived, 71 partly arrived (settled), 80 waiting for settlement, 90 completed',
		),
		textFilter('time_type', 'Time Type', 'which time From / To apply to: 0 the modified time (WDT\'s default), 1 the settlement time'),
		codeLocator('shop', { name: 'shop_no', description: '<code>shop_no</code>: only refunds of this shop' }),
	]),
	listOptions(display, spec, true),
];

/**
 * 查询退换管理 (refund_query.php) / 查询历史退换管理 (his_refund_query.php): refunds and exchanges
 * with their returned lines (refund_order_list) and the goods sent out in an exchange
 * (refund_out_goods_list).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	return await runArchivedList(this, itemIndex, gateway, spec);
}
