import type { INodeProperties } from 'n8n-workflow';

import * as acknowledge from './acknowledge.operation';
import * as getPending from './getPending.operation';

export { acknowledge, getPending };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['logisticsSync'] } },
		options: [
			{
				name: 'Acknowledge',
				value: 'acknowledge',
				description:
					'Tell WDT which shipments reached the shop (logistics_sync_ack.php): status 0 clears the record, status 1 records the shop\'s error message. In batches, one result per record; safe to repeat.',
				action: 'Acknowledge shipments',
			},
			{
				name: 'Get Pending',
				value: 'getPending',
				description:
					'Get the shipped orders whose tracking numbers (logistics_no) are still to be sent to the shop (logistics_sync_query.php), one item per record',
				action: 'Get pending shipments',
			},
		],
		default: 'getPending',
	},
	...getPending.description,
	...acknowledge.description,
];
