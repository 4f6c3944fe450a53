import type { INodeProperties } from 'n8n-workflow';

import * as acknowledge from './acknowledge.operation';

export { acknowledge };

const display = { resource: ['stockSync'], operation: ['acknowledge'] };

/** The operation's fields, shown for this resource and operation (on top of their own conditions). */
const acknowledgeFields: INodeProperties[] = acknowledge.fields.map((field) => ({
	...field,
	displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, ...display } },
}));

export const description: INodeProperties[] = [
	{
		displayName: 'Operation (操作)',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stockSync'] } },
		options: [
			{
				name: 'Acknowledge',
				value: 'acknowledge',
				description:
					'Tell WDT which stock changes reached the shop (库存同步回写 api_goods_stock_change_ack.php), so it stops listing them. In batches, one result per item; safe to repeat.',
				action: 'Acknowledge stock changes',
			},
		],
		default: 'acknowledge',
	},
	...acknowledgeFields,
];
