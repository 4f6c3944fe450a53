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
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List orders modified in a time range, with their lines; ranges are split into 60-minute windows (trade_query.php, old orders: his_trade_query.php)',
				action: 'Get many orders',
			},
			{
				name: 'Push',
				value: 'push',
				description:
					'Create or update the shop\'s orders in the ERP (trade_push.php), up to 50 a call, one result per order: new, changed, refused with WDT\'s reason, unknown or not sent. Safe to repeat: WDT updates an order by its tid.',
				action: 'Push orders',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...push.description,
];
