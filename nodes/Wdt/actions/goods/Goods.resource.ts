import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['goods'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List goods with their SKUs, optionally those modified in a time range (查询货品档案 goods_query.php)',
				action: 'Get many goods',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
