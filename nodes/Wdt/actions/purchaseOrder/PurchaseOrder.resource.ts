import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['purchaseOrder'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List purchase orders modified in a time range (purchase_order_query.php)',
				action: 'Get many purchase orders',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
