import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['shop'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the shops of the ERP (shop.php): code, name, platform',
				action: 'Get many shops',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
