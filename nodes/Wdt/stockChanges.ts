/**
 * The query side of the stock-sync loop (查询库存同步, api_goods_stock_change_query.php), shared
 * by WDT Get Stock Changes and WDT Stock Change Trigger: the call per shop, "fetch all" over
 * repeated queries, and the record normalisation (rec_id always an exact string).
 */
import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { WdtProtocolError } from './protocol';
import type { RetryPolicy } from './transport/retry';
import { callWdt } from './transport';

/** Said when WDT refuses a shop in the stock-sync loop (WDT's 库存同步 covers these shop types only). */
export const STOCK_SYNC_SHOP_TYPES = 'Stock sync works only for shops of the types own platform and other platform.';

export const QUERY_ENDPOINT = 'api_goods_stock_change_query.php';

/** WDT documents 100–2000 for one edition; the node allows 1–2000 (some editions refuse < 100). */
export const MIN_LIMIT = 1;
export const MAX_LIMIT = 2000;
export const DEFAULT_LIMIT = 100;
export const DEFAULT_MAX_RECORDS = 10000;
/** A hard stop for "fetch all", whatever the gateway does. */
export const MAX_PAGES = 1000;

/** One stock change as the nodes output it. */
export interface StockChangeRecord extends IDataObject {
	rec_id: string;
}

/**
 * Why "fetch all" stopped for a shop:
 * - single: fetch all is off, one query was made;
 * - empty / short-page: the gateway gave fewer records than Limit, so it had no more to give;
 * - no-new-records: a full page held only rec_ids already seen: the gateway repeats its pending
 *   records until they are acked (the rest come after the ack);
 * - max-records: the cap (Max Records) was reached;
 * - max-pages: the hard page bound was reached.
 */
export type FetchStop =
	| 'single'
	| 'empty'
	| 'short-page'
	| 'no-new-records'
	| 'max-records'
	| 'max-pages';

/**
 * Another pending queue read the same way (logistics_sync_query): its endpoint, extra
 * parameters and how an answer becomes records. Default: the stock-change query.
 */
export interface PendingSource {
	endpoint: string;
	params?: Record<string, string | number>;
	read: (body: Record<string, unknown>, shopNo: string) => StockChangeRecord[];
}

export interface ShopQueryOptions {
	shopNo: string;
	source?: PendingSource;
	limit: number;
	fetchAll: boolean;
	maxRecords: number;
	timeoutMs: number;
	retry: RetryPolicy;
}

export interface ShopQueryResult {
	shopNo: string;
	records: StockChangeRecord[];
	/** Queries made. */
	pages: number;
	/** Records in the last page (to tell a repeated full page from a short one). */
	lastPageSize: number;
	stop: FetchStop;
}

type QueryContext = IExecuteFunctions | IPollFunctions;

/**
 * Shop codes (店铺编号 shop_no) from a parameter: one code, several separated by commas (also
 * ，;；or line breaks), or a list (an expression returning an array). Blanks and repeats are dropped.
 */
export function parseShopCodes(value: unknown): string[] {
	const parts: string[] = [];
	const add = (entry: unknown) => {
		if (entry === undefined || entry === null) return;
		if (Array.isArray(entry)) {
			entry.forEach(add);
			return;
		}
		const text = typeof entry === 'string' ? entry : typeof entry === 'number' ? String(entry) : '';
		for (const part of text.split(/[,，;；\r\n]+/)) {
			const code = part.trim();
			if (code) parts.push(code);
		}
	};
	add(value);
	return [...new Set(parts)];
}

// ---------------------------------------------------------------- record normalisation

/** Counters and ids the query documents as numbers (they often arrive as strings). */
const NUMERIC_FIELDS = new Set([
	'shop_id',
	'goods_id',
	'spec_id',
	'sync_stock',
	'stock_change_count',
	'platform_id',
]);

/** Codes and names: always text, even when a gateway writes them as JSON numbers. */
const TEXT_FIELD = /(_no|_name|_code)$/;

/**
 * A number when the value is a safe integer or a plain decimal of at most 15 significant digits
 * (a double holds those exactly); otherwise the value as it came (an unsafe integer stays the
 * exact digit string the lossless parser produced).
 */
export function toNumberIfExact(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (/^-?\d+$/.test(text)) {
		const number = Number(text);
		return Number.isSafeInteger(number) ? number : value;
	}
	if (/^-?\d+\.\d+$/.test(text)) {
		const significant = text
			.replace(/^-?0*/, '')
			.replace('.', '')
			.replace(/^0+/, '')
			.replace(/0+$/, '');
		return significant.length <= 15 ? Number(text) : value;
	}
	return value;
}

/** rec_id as its exact decimal text, or undefined when it is not one. */
export function recIdText(value: unknown): string | undefined {
	if (typeof value === 'string') {
		const text = value.trim();
		return /^\d+$/.test(text) ? text : undefined;
	}
	// The lossless parser turns every integer beyond 2^53 into a string: a number here is exact.
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
	if (typeof value === 'bigint' && value >= BigInt(0)) return value.toString();
	return undefined;
}

/** How a pending queue types one field of its records (rec_id aside). */
export type PendingFieldTyping = (key: string, value: unknown) => IDataObject[string];

/**
 * One record of a pending queue (stock changes, shipments) → an output record: an object whose
 * rec_id is exact decimal text (without one the record could not be acked), every other field
 * typed by the queue's rule. `noun` names the record in errors ("a stock change").
 */
export function normalisePending(raw: unknown, shopNo: string, noun: string, typed: PendingFieldTyping): StockChangeRecord {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		throw new WdtProtocolError(`WDT answered ${noun} that is not an object (shop ${shopNo})`);
	}
	const entry = raw as Record<string, unknown>;
	const recId = recIdText(entry.rec_id);
	if (recId === undefined) {
		throw new WdtProtocolError(
			`WDT answered ${noun} whose rec_id is ${JSON.stringify(entry.rec_id) ?? 'missing'} (shop ${shopNo}); it cannot be acked`,
		);
	}
	const record: StockChangeRecord = { rec_id: recId };
	for (const [key, value] of Object.entries(entry)) {
		if (key !== 'rec_id') record[key] = typed(key, value);
	}
	return record;
}

/** A stock change's field: ids and counters numbers when exact (strings otherwise), codes and names strings, anything else as sent. */
function stockChangeField(key: string, value: unknown): IDataObject[string] {
	if (NUMERIC_FIELDS.has(key) || key.endsWith('_id')) return toNumberIfExact(value) as IDataObject[string];
	if (TEXT_FIELD.test(key) && (typeof value === 'number' || typeof value === 'bigint')) return String(value);
	return value as IDataObject[string];
}

/** One entry of `stock_change_list` → an output record. */
export function normaliseRecord(raw: unknown, shopNo: string): StockChangeRecord {
	return normalisePending(raw, shopNo, 'a stock change', stockChangeField);
}

/** The records of one answer, normalised. */
export function readStockChangeList(
	body: Record<string, unknown>,
	shopNo: string,
): StockChangeRecord[] {
	const list = body.stock_change_list;
	if (list === undefined || list === null || list === '') return [];
	if (!Array.isArray(list)) {
		throw new WdtProtocolError(
			`WDT answered a stock_change_list that is not a list (shop ${shopNo})`,
		);
	}
	return list.map((entry) => normaliseRecord(entry, shopNo));
}

// ---------------------------------------------------------------- the query

async function queryPage(context: QueryContext, gateway: string, options: ShopQueryOptions) {
	const { source } = options;
	const { body } = await callWdt(context, gateway, {
		endpoint: source?.endpoint ?? QUERY_ENDPOINT,
		params: { ...source?.params, shop_no: options.shopNo, limit: options.limit },
		timeoutMs: options.timeoutMs,
		retry: options.retry,
	});
	return (source?.read ?? readStockChangeList)(body, options.shopNo);
}

/**
 * The pending stock changes of one shop.
 *
 * The query has no page number and records stay pending until they are acked, so "fetch all"
 * repeats the same query and keeps what is new. Gateways differ in what a repeated query
 * answers: one repeats the same oldest-pending page until it is acked, another hands out the
 * next records. Both end: the loop stops at the first page that is shorter than Limit (nothing
 * more to give), or that brings no rec_id not seen before (the gateway is repeating itself),
 * or when Max Records is reached. A rec_id seen again with other values (the stock changed
 * meanwhile) keeps its place and takes the newer values.
 */
export async function queryShop(
	context: QueryContext,
	gateway: string,
	options: ShopQueryOptions,
): Promise<ShopQueryResult> {
	const byRecId = new Map<string, StockChangeRecord>();
	let pages = 0;
	let lastPageSize = 0;
	let stop: FetchStop = 'single';
	for (;;) {
		const page = await queryPage(context, gateway, options);
		pages++;
		lastPageSize = page.length;
		let fresh = 0;
		let capped = false;
		for (const record of page) {
			if (byRecId.has(record.rec_id)) {
				byRecId.set(record.rec_id, record); // newer values, same place
				continue;
			}
			if (options.fetchAll && byRecId.size >= options.maxRecords) {
				capped = true;
				break;
			}
			byRecId.set(record.rec_id, record);
			fresh++;
		}
		if (!options.fetchAll) break;
		if (capped || byRecId.size >= options.maxRecords) {
			stop = 'max-records';
			break;
		}
		if (page.length === 0) {
			stop = 'empty';
			break;
		}
		if (page.length < options.limit) {
			stop = 'short-page';
			break;
		}
		if (fresh === 0) {
			stop = 'no-new-records';
			break;
		}
		if (pages >= MAX_PAGES) {
			stop = 'max-pages';
			break;
		}
	}
	return { shopNo: options.shopNo, records: [...byRecId.values()], pages, lastPageSize, stop };
}

/**
 * A note for the user when "fetch all" may have left pending records behind, else undefined.
 */
export function fetchNote(result: ShopQueryResult, limit: number): string | undefined {
	switch (result.stop) {
		case 'no-new-records':
			return `Shop ${result.shopNo}: WDT answered the same ${result.lastPageSize} pending records again, so it shows the next ones only after these are acked. Ack them and run again (the loop catches up run by run), or raise Limit (up to ${MAX_LIMIT}).`;
		case 'max-records':
			return `Shop ${result.shopNo}: stopped at Max Records (${result.records.length}); more stock changes may be pending.`;
		case 'max-pages':
			return `Shop ${result.shopNo}: stopped after ${result.pages} queries; more stock changes may be pending.`;
		case 'single':
			return result.records.length >= limit
				? `Shop ${result.shopNo}: a full page of ${limit} records; more stock changes may be pending (turn on Fetch All Pending or raise Limit).`
				: undefined;
		default:
			return undefined;
	}
}
