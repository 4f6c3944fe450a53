import type { INodeProperties } from 'n8n-workflow';

import * as getDetails from './getDetails.operation';
import * as getMany from './getMany.operation';

export { getDetails, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stock'] } },
		options: [
			{
				name: 'Get Details',
				value: 'getDetails',
				description: 'Current stock per SKU and warehouse, filtered by SKU code or warehouse (stock_query_detail.php)',
				action: 'Get stock details',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Stock rows (one per SKU × warehouse) changed in a time range (stock_query.php)',
				action: 'Get many stock rows',
			},
		],
		default: 'getMany',
	},
	...getDetails.description,
	...getMany.description,
];
