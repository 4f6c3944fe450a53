import type { INodeProperties } from 'n8n-workflow';

import { callOptionProperties } from '../Wdt/callOptions';

export const MAX_BATCH_SIZE = 2000;
export const DEFAULT_BATCH_SIZE = 100;
export const MAX_CONCURRENCY = 8;

/** Collection options are listed by display name (n8n's convention). */
const byDisplayName = (options: INodeProperties[]) =>
	[...options].sort((a, b) => a.displayName.localeCompare(b.displayName));

export const ackProperties: INodeProperties[] = [
	{
		displayName: 'Mapping',
		name: 'mappingMode',
		type: 'options',
		noDataExpression: true,
		default: 'auto',
		options: [
			{
				name: 'Map Automatically',
				value: 'auto',
				description:
					'Read rec_id, sync_stock and stock_change_count from each item (as WDT Get Stock Changes outputs them)',
			},
			{
				name: 'Define Below',
				value: 'manual',
				description: 'Set the three values per item, with expressions',
			},
		],
		hint: 'Map Automatically reads the fields <code>rec_id</code>, <code>sync_stock</code> and <code>stock_change_count</code> of each item (numbers or numeric strings). Define Below lets you point at other fields or nodes.',
	},
	{
		displayName: 'Record ID',
		name: 'recId',
		type: 'string',
		default: '={{ $json.rec_id }}',
		required: true,
		displayOptions: { show: { mappingMode: ['manual'] } },
		description:
			'<code>rec_id</code>: the ERP platform-goods ID (ERP内平台货品表主键) from the stock-change query. Keep it a string: 19-digit IDs do not fit a JavaScript number.',
	},
	{
		displayName: 'Synced Stock',
		name: 'syncStock',
		type: 'string',
		default: '={{ $json.sync_stock }}',
		required: true,
		displayOptions: { show: { mappingMode: ['manual'] } },
		description: '<code>sync_stock</code>: the stock you pushed to the shop (货品库存), exactly as the query returned it',
	},
	{
		displayName: 'Stock Change Count',
		name: 'stockChangeCount',
		type: 'string',
		default: '={{ $json.stock_change_count }}',
		required: true,
		displayOptions: { show: { mappingMode: ['manual'] } },
		description:
			'<code>stock_change_count</code>: the change counter from the query (库存变化时自增). A newer change has a higher count, so an ack with this one never clears it.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: byDisplayName([
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
				default: DEFAULT_BATCH_SIZE,
				description: `Records per request (stock_sync_list entries), 1–${MAX_BATCH_SIZE}. WDT documents no limit; ${MAX_BATCH_SIZE} matches the largest query page.`,
			},
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				default: 1,
				description: 'Requests in flight at once. Raise it only if WDT does not answer "too frequent" (调用太频繁).',
			},
			{
				displayName: 'Output',
				name: 'outputMode',
				type: 'options',
				default: 'perItem',
				options: [
					{
						name: 'One Item per Input Item',
						value: 'perItem',
						description: 'The values sent, acked true/false and the error of each record',
					},
					{
						name: 'One Item per Request',
						value: 'perRequest',
						description: "WDT's raw response and the rec_ids it covered",
					},
				],
			},
			...callOptionProperties('batch'),
		]),
	},
];
