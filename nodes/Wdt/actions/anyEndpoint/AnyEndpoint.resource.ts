import type { INodeProperties } from 'n8n-workflow';

import * as call from './call.operation';

export { call };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['anyEndpoint'] } },
		options: [
			{
				name: 'Call',
				value: 'call',
				description: 'Call any openapi2 endpoint by name with your parameters, signed with the credential; returns the answer as it came (IDs exact)',
				action: 'Call an endpoint',
			},
		],
		default: 'call',
	},
	...call.description,
];
