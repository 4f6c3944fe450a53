/**
 * The form fields of the query side (WDT Get Stock Changes and WDT Stock Change Trigger) and how
 * their values are read, so both nodes ask the same questions in the same words.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { CallOptions } from './callOptions';
import { clamp, readCallOptions } from './callOptions';
import type { ShopQueryOptions } from './stockChanges';
import {
	DEFAULT_LIMIT,
	DEFAULT_MAX_RECORDS,
	MAX_LIMIT,
	MIN_LIMIT,
	parseShopCodes,
} from './stockChanges';


const queryFields: INodeProperties[] = [
	{
		displayName: 'Shop Codes (店铺编号)',
		name: 'shopNos',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. shop-a, shop-b',
		description:
			'The shop code(s) in the ERP (店铺编号 shop_no), separated by commas, or an expression returning a list. One query per shop. Stock sync works only for shops of type 自有/其他平台.',
	},
	{
		displayName: 'Limit (Page Size)',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: MIN_LIMIT, maxValue: MAX_LIMIT },
		default: 100,
		description: `Records per query (the limit parameter), ${MIN_LIMIT}–${MAX_LIMIT}`,
		hint: 'Some WDT editions accept only 100–2000: keep it at 100 or more on the real gateway',
	},
	{
		displayName: 'Fetch All Pending',
		name: 'fetchAll',
		type: 'boolean',
		default: false,
		description:
			'Whether to repeat the query until no new rec_id comes back (or Max Records is reached). The query has no page number and records stay pending until acked: a gateway that repeats the same page shows the rest only after the ack.',
	},
	{
		displayName: 'Max Records per Shop',
		name: 'maxRecords',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10000,
		displayOptions: { show: { fetchAll: [true] } },
		description: 'Stop fetching a shop once this many records were collected',
	},
];

/** Shop Codes, Limit, Fetch All Pending (default off; the trigger turns it on) and Max Records. */
export function queryProperties(defaults: { fetchAll: boolean }): INodeProperties[] {
	return queryFields.map((field) =>
		field.name === 'fetchAll' ? { ...field, default: defaults.fetchAll } : field,
	);
}

export interface QuerySettings {
	shopNos: string[];
	query: Omit<ShopQueryOptions, 'shopNo'>;
}

export type ParameterReader = (name: string, fallback: unknown) => unknown;

/** Reads the query fields (of one item, or of the trigger). Throws on an empty shop list. */
export function readQuerySettings(get: ParameterReader): QuerySettings {
	const shopNos = parseShopCodes(get('shopNos', ''));
	if (shopNos.length === 0) {
		throw new Error(
			'Shop Codes is empty: give at least one shop code (店铺编号 shop_no) from the ERP',
		);
	}
	const fetchAll = get('fetchAll', false) === true;
	const options = (get('options', {}) ?? {}) as CallOptions;
	return {
		shopNos,
		query: {
			limit: clamp(get('pageSize', DEFAULT_LIMIT), MIN_LIMIT, MAX_LIMIT, DEFAULT_LIMIT),
			fetchAll,
			maxRecords: fetchAll
				? clamp(
						get('maxRecords', DEFAULT_MAX_RECORDS),
						1,
						Number.MAX_SAFE_INTEGER,
						DEFAULT_MAX_RECORDS,
					)
				: MAX_LIMIT,
			...readCallOptions(options),
		},
	};
}
