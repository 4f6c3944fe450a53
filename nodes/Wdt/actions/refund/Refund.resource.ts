import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation (操作)',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refund'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List refunds and exchanges modified in a time range, with their lines (查询退换管理 refund_query.php)',
				action: 'Get many refunds',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
