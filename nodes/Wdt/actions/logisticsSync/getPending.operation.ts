/**
 * Logistics Sync · Get Pending (查询物流同步 logistics_sync_query.php): the shipped orders whose
 * tracking numbers the shop does not have yet, one item per record, rec_id an exact string. The
 * queue has no page number and a record stays pending until acked, so "fetch all" is the stock
 * query's loop (stockChanges.ts queryShop): it ends at a short page, a page with nothing new, or
 * Max Records.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { CallOptions } from '../../callOptions';
import { callOptionProperties, clamp, readCallOptions } from '../../callOptions';
import { MAX_QUERY_LIMIT, shipmentSource } from '../../shop/logistics';
import { DEFAULT_MAX_RECORDS, parseShopCodes, queryShop } from '../../stockChanges';
import { ParameterError } from '../common/runList';
import { showFor } from '../common/listFields';

const display = { resource: 'logisticsSync', operation: 'getPending' };

export const description: INodeProperties[] = [
	{
		displayName: 'Shop Codes',
		name: 'shopNos',
		type: 'string',
		default: '',
		required: true,
		displayOptions: showFor(display),
		placeholder: 'e.g. my-mall',
		description: 'The ERP shop code(s), separated by commas, or an expression returning a list. One query per shop.',
	},
	{
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_QUERY_LIMIT },
		default: 100,
		displayOptions: showFor(display),
		description: `Records per query (the limit parameter), 1–${MAX_QUERY_LIMIT}`,
	},
	{
		displayName: 'Fetch All Pending',
		name: 'fetchAll',
		type: 'boolean',
		default: true,
		displayOptions: showFor(display),
		description:
			'Whether to repeat the query until no new rec_id comes back (or Max Records is reached). Records stay pending until acked: a gateway that repeats the same page shows the rest only after the ack.',
	},
	{
		displayName: 'Max Records per Shop',
		name: 'maxRecords',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10000,
		displayOptions: { show: { ...showFor(display).show, fetchAll: [true] } },
		description: 'Stop fetching a shop once this many records were collected',
	},
	{
		displayName: 'Options',
		name: 'logisticsOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor(display),
		options: [
			...callOptionProperties('query'),
			{
				displayName: 'Partial Shipments',
				name: 'partSync',
				type: 'options',
				default: 'default',
				options: [
					{ name: 'WDT Default', value: 'default', description: 'Do not send is_part_sync_able' },
					{ name: 'Include (1)', value: 'yes', description: 'Also records of partly shipped orders (with their oids)' },
					{ name: 'Exclude (0)', value: 'no' },
				],
				description: 'Whether the shop can take the tracking number of part of an order',
			},
		],
	},
];

interface LogisticsOptions extends CallOptions {
	partSync?: 'default' | 'yes' | 'no';
}

export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	const shopNos = parseShopCodes(this.getNodeParameter('shopNos', itemIndex, ''));
	if (shopNos.length === 0) throw new ParameterError('Shop Codes is empty: give at least one shop code (shop_no)');
	const fetchAll = this.getNodeParameter('fetchAll', itemIndex, true) === true;
	const options = this.getNodeParameter('logisticsOptions', itemIndex, {}) as LogisticsOptions;
	const limit = clamp(this.getNodeParameter('pageSize', itemIndex, MAX_QUERY_LIMIT), 1, MAX_QUERY_LIMIT, MAX_QUERY_LIMIT);
	const source = shipmentSource(options.partSync === 'yes' ? true : options.partSync === 'no' ? false : undefined);
	const out: INodeExecutionData[] = [];
	for (const shopNo of shopNos) {
		const result = await queryShop(this, gateway, {
			shopNo,
			source,
			limit,
			fetchAll,
			maxRecords: fetchAll
				? clamp(this.getNodeParameter('maxRecords', itemIndex, DEFAULT_MAX_RECORDS), 1, Number.MAX_SAFE_INTEGER, DEFAULT_MAX_RECORDS)
				: limit,
			...readCallOptions(options),
		});
		for (const record of result.records) out.push({ json: record, pairedItem: { item: itemIndex } });
	}
	return out;
}
