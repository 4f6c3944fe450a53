import type { INodeProperties } from 'n8n-workflow';

import * as getPending from './getPending.operation';

export { getPending };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation (操作)',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stockSync'] } },
		options: [
			{
				name: 'Get Pending',
				value: 'getPending',
				description:
					'Get the stock changes still to be pushed to the shop (api_goods_stock_change_query.php), one item per record: rec_id, spec_no, sync_stock, stock_change_count',
				action: 'Get pending stock changes',
			},
		],
		default: 'getPending',
	},
	...getPending.description,
];
