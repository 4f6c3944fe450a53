import type { INodeProperties } from 'n8n-workflow';

import * as acknowledge from './acknowledge.operation';
import * as getPending from './getPending.operation';

export { acknowledge, getPending };

const acknowledgeDisplay = { resource: ['stockSync'], operation: ['acknowledge'] };

/** The ack's fields, shown for this resource and operation (on top of their own conditions). */
const acknowledgeFields: INodeProperties[] = acknowledge.fields.map((field) => ({
	...field,
	displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, ...acknowledgeDisplay } },
}));

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stockSync'] } },
		options: [
			{
				name: 'Acknowledge',
				value: 'acknowledge',
				description:
					'Tell WDT which stock changes reached the shop (api_goods_stock_change_ack.php), so it stops listing them. In batches, one result per item; safe to repeat.',
				action: 'Acknowledge stock changes',
			},
			{
				name: 'Get Pending',
				value: 'getPending',
				description:
					'Get the stock changes still to be pushed to the shop (api_goods_stock_change_query.php), one item per record: rec_id, spec_no, sync_stock, stock_change_count',
				action: 'Get pending stock changes',
			},
		],
		default: 'getPending',
	},
	...getPending.description,
	...acknowledgeFields,
];
