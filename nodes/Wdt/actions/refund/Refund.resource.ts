import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as push from './push.operation';

export { getMany, push };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refund'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List refunds and exchanges modified in a time range, with their lines (refund_query.php)',
				action: 'Get many refunds',
			},
			{
				name: 'Push',
				value: 'push',
				description:
					"Create or update the shop's refunds and returns in the ERP (sales_refund_push.php), up to 10 a call, one result per refund: new, changed, refused with WDT's reason, unknown or not sent. The order must already be in the ERP. Safe to repeat: WDT updates a refund by its refund_no.",
				action: 'Push refunds',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...push.description,
];
