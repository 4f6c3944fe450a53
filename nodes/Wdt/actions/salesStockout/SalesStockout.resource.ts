import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['salesStockout'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List sales stockouts (shipments) modified in a time range, with their lines (stockout_order_query_trade.php)',
				action: 'Get many sales stockouts',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
