/**
 * The form fields of the stock-change query and how their values are read, so every place that
 * reads the queue asks the same questions in the same words: the WDT node's Stock Sync · Get
 * Pending, the WDT Trigger's Stock Changes to Sync event, and the hidden WDT Get Stock Changes and
 * WDT Stock Change Trigger.
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

const SHOP_CODES_LABEL = 'Shop Codes';
const SHOP_CODES_HELP =
	'The shop code(s) in the ERP (shop_no), separated by commas, or an expression returning a list. One query per shop. Stock sync works only for shops of the types own platform and other platform.';

const queryFields: INodeProperties[] = [
	{
		displayName: SHOP_CODES_LABEL,
		name: 'shopNos',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. shop-a, shop-b',
		description: SHOP_CODES_HELP,
		displayOptions: { hide: { '@tool': [true] } },
	},
	{
		// As an agent's tool (WDT Get Stock Changes Tool) the model names the shops.
		displayName: SHOP_CODES_LABEL,
		name: 'shopNos',
		type: 'string',
		default:
			"={{ $fromAI('shop_nos', 'Shop code(s) (shop_no) in the ERP, separated by commas, e.g. shop-a, shop-b', 'string') }}",
		required: true,
		description: SHOP_CODES_HELP,
		displayOptions: { show: { '@tool': [true] } },
	},
	{
		displayName: 'Limit',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: MIN_LIMIT, maxValue: MAX_LIMIT },
		default: 100,
		description: `Records per query (the page size, parameter limit), ${MIN_LIMIT}–${MAX_LIMIT}`,
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

/** Shop Codes, Limit, Fetch All Pending (default off; the triggers turn it on) and Max Records. */
export function queryProperties(defaults: { fetchAll: boolean }): INodeProperties[] {
	return queryFields.map((field) =>
		field.name === 'fetchAll' ? { ...field, default: defaults.fetchAll } : field,
	);
}

/**
 * The same fields shown only where `show` says (a resource and operation, an event), merged into
 * each field's own displayOptions. `tool: false` leaves out the variant an AI agent fills in.
 */
export function queryPropertiesShownFor(
	show: Record<string, string[]>,
	defaults: { fetchAll: boolean; tool: boolean },
): INodeProperties[] {
	return queryProperties(defaults)
		.filter((field) => defaults.tool || field.displayOptions?.show?.['@tool'] === undefined)
		.map((field) => ({
			...field,
			displayOptions: {
				...field.displayOptions,
				show: { ...field.displayOptions?.show, ...show },
			},
		}));
}

export interface QuerySettings {
	shopNos: string[];
	query: Omit<ShopQueryOptions, 'shopNo'>;
}

export type ParameterReader = (name: string, fallback: unknown) => unknown;

/** Limit (records per query): a whole number in MIN_LIMIT–MAX_LIMIT; anything else is refused, never moved into range. */
function readPageLimit(value: unknown): number {
	const limit = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < MIN_LIMIT || limit > MAX_LIMIT) {
		throw new Error(`Limit must be a whole number from ${MIN_LIMIT} to ${MAX_LIMIT}, not ${JSON.stringify(value)}`);
	}
	return limit;
}

/** Reads the query fields (of one item, or of the trigger). Throws on an empty shop list or a Limit out of range. */
export function readQuerySettings(get: ParameterReader): QuerySettings {
	const shopNos = parseShopCodes(get('shopNos', ''));
	if (shopNos.length === 0) {
		throw new Error(
			'Shop Codes is empty: give at least one shop code (shop_no) from the ERP',
		);
	}
	const fetchAll = get('fetchAll', false) === true;
	const options = (get('options', {}) ?? {}) as CallOptions;
	return {
		shopNos,
		query: {
			limit: readPageLimit(get('pageSize', DEFAULT_LIMIT)),
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

/**
 * What an AI agent reads about WDT Get Stock Changes Tool (n8n puts it in the tool's Description
 * field): what the call does, what it needs, what it returns.
 */
export const QUERY_TOOL_DESCRIPTION =
	'List the pending stock changes of WDT shops: products whose stock must be pushed to the shop and then acked. Read-only: it changes nothing in WDT. ' +
	'Needs shop_nos: the shop code(s) (shop_no) in the ERP, separated by commas. ' +
	'Returns one item per record: rec_id (a digit string: pass it on exactly, never as a number), shop_no, spec_no (the SKU code), goods_name, spec_name, sync_stock (the stock to push) and stock_change_count. ' +
	'After pushing sync_stock to the shop, ack each record with WDT Ack Stock Sync, giving rec_id, sync_stock and stock_change_count as returned here.';
