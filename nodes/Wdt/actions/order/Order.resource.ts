import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

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
				description: 'List orders modified in a time range, with their lines; ranges are split into 60-minute windows (查询订单管理 trade_query.php, old orders: his_trade_query.php)',
				action: 'Get many orders',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
