import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

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
		],
		default: 'getMany',
	},
	...getMany.description,
];
