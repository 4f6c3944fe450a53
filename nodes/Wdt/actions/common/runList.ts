/**
 * How a list operation reads its form for one input item and turns the fetched records into
 * items: the part every "Get Many" shares. The paging itself is the fetcher's (transport/).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { CallOptions, CallSettings } from '../../callOptions';
import { clamp, readCallOptions } from '../../callOptions';
import type { WdtParamValue } from '../../protocol';
import { BEIJING_ZONE, formatBeijing, timeProblem, toEpochMs } from '../../protocol/beijingTime';
import type { ArchiveSource } from '../../protocol/archive';
import { archiveParts } from '../../protocol/archive';
import type { ListEndpointSpec } from '../../protocol/catalogue';
import { forParams, historyOf } from '../../protocol/catalogue';
import { IncompleteListError } from '../../protocol/listCompleteness';
import { toWholeSecond } from '../../protocol/timeWindows';
import type { FetchListOptions, FetchListResult } from '../../transport/fetchList';
import { fetchList } from '../../transport/fetchList';
import { fetchParts } from '../../transport/fetchParts';
import { settle } from '../../transport/retry';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './listFields';
import { isLocatorValue, locatorValue } from './locators';

/** A value in the form that cannot be used (shown as a NodeOperationError on its item). */
export class ParameterError extends Error {
	constructor(
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'ParameterError';
	}
}

interface ListOptions extends CallOptions {
	concurrency?: number;
	pageSize?: number;
	rawAnswers?: boolean;
	timeZone?: 'beijing' | 'workflow' | 'utc';
	extraParameters?: { parameter?: Array<{ name?: string; value?: unknown }> };
}

export interface ListSettings {
	limit?: number;
	pageSize?: number;
	concurrency: number;
	rawAnswers: boolean;
	zone: string;
	params: Record<string, WdtParamValue>;
	call: CallSettings;
}

/** Parameters the fetcher owns: a user's value for them would break paging or windows. */
const FETCHER_PARAMS = new Set(['page_no', 'page_size', 'start_time', 'end_time']);

function addParams(target: Record<string, WdtParamValue>, source: IDataObject | undefined): void {
	for (const [name, given] of Object.entries(source ?? {})) {
		// A Shop Code / Warehouse Code pick list holds { mode, value }; older workflows a plain string.
		const value = isLocatorValue(given) ? locatorValue(given) : given;
		const key = name.trim();
		if (!key || value === '' || value === undefined || value === null) continue;
		if (FETCHER_PARAMS.has(key)) {
			throw new ParameterError(
				`${key} is set by the node`,
				'Remove it from Other Parameters: use Return All / Limit for pages, From / To for times.',
			);
		}
		target[key] = value as WdtParamValue;
	}
}

/**
 * A list with windows that could not be read completely (`incomplete` says which), with the items
 * of the complete windows: the router outputs them, and an error item, under Continue On Fail.
 */
export class IncompleteItemsError extends Error {
	constructor(
		readonly incomplete: IncompleteListError,
		readonly items: INodeExecutionData[],
	) {
		super(incomplete.message);
		this.name = 'IncompleteItemsError';
	}
}

/** Limit: a whole number of at least 1. Anything else is refused, never read as 1. */
export function readLimit(value: unknown): number {
	const limit = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new ParameterError(
			`Limit must be a whole number of 1 or more, not ${JSON.stringify(value)}`,
			'Set Limit to how many records to return, or turn on Return All.',
		);
	}
	return limit;
}

/** Filters, Other Parameters, Return All / Limit and the Options of one item. */
export function readListSettings(context: IExecuteFunctions, itemIndex: number): ListSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as ListOptions;
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const params: Record<string, WdtParamValue> = {};
	addParams(params, context.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	const extra: IDataObject = {};
	for (const entry of options.extraParameters?.parameter ?? []) {
		if (entry.name) extra[entry.name] = entry.value as IDataObject[string];
	}
	addParams(params, extra);
	const zone =
		options.timeZone === 'workflow' ? context.getTimezone() : options.timeZone === 'utc' ? 'UTC' : BEIJING_ZONE;
	return {
		limit: returnAll ? undefined : readLimit(context.getNodeParameter('limit', itemIndex, 50)),
		pageSize: options.pageSize,
		concurrency: clamp(options.concurrency, 1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY),
		rawAnswers: options.rawAnswers === true,
		zone,
		params,
		call: readCallOptions(options),
	};
}

/**
 * From / To of one item as [from, to) epoch ms, whole seconds; undefined when both are empty.
 * To empty with From set means now.
 */
export function readTimeRange(
	context: IExecuteFunctions,
	itemIndex: number,
	zone: string,
	now: number = Date.now(),
): { from: number; to: number } | undefined {
	const read = (name: 'from' | 'to', label: string) => {
		const value = context.getNodeParameter(name, itemIndex, '');
		const problem = timeProblem(value, zone, label);
		if (problem !== undefined) {
			throw new ParameterError(problem, 'Use an ISO time (2026-11-28T10:00:00+08:00), WDT text (2026-11-28 10:00:00, Beijing time) or an expression returning a date.');
		}
		return toEpochMs(value, zone, label);
	};
	const from = read('from', 'From');
	const to = read('to', 'To');
	if (from === undefined && to === undefined) return undefined;
	if (from === undefined) throw new ParameterError('To is set but From is empty', 'Set From, or clear both for no time filter.');
	const range = { from: toWholeSecond(from), to: toWholeSecond(to ?? now) };
	if (range.to <= range.from) {
		const [to, from] = [formatBeijing(range.to), formatBeijing(range.from)];
		throw new ParameterError(
			range.to < range.from ? `To ${to} is before From ${from} (Beijing time)` : `To ${to} is the same time as From (Beijing time)`,
			'To must be at least one second after From (WDT times have whole seconds); an empty To means now.',
		);
	}
	return range;
}

/** One item per record, or per answer with Raw Answers; each paired with its input item. */
export function toItems(result: Pick<FetchListResult, 'records' | 'answers'>, rawAnswers: boolean, itemIndex: number): INodeExecutionData[] {
	const pairedItem = { item: itemIndex };
	if (rawAnswers) return result.answers.map((answer) => ({ json: answer.body as IDataObject, pairedItem }));
	return result.records.map((json) => ({ json, pairedItem }));
}

/**
 * Fetches one list for an item; a list with incomplete windows becomes IncompleteItemsError
 * carrying the items of its complete windows (made by `items`).
 */
export async function fetchItems(
	context: IExecuteFunctions,
	gateway: string,
	options: FetchListOptions,
	items: (result: FetchListResult) => INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const fetched = await settle(fetchList(context, gateway, options));
	if (fetched.ok) return items(fetched.value);
	const { error } = fetched;
	if (error instanceof IncompleteListError) throw new IncompleteItemsError(error, items(error.partial as FetchListResult));
	throw error;
}

/**
 * The whole of a plain list operation: read the form, fetch, make items. `read` may supply the
 * settings and the range when the operation decides them itself (goods_query by code: no range).
 */
export async function runList(
	context: IExecuteFunctions,
	itemIndex: number,
	gateway: string,
	spec: ListEndpointSpec,
	read?: { settings: ListSettings; range: { from: number; to: number } | undefined },
): Promise<INodeExecutionData[]> {
	const settings = read?.settings ?? readListSettings(context, itemIndex);
	const range = read ? read.range : spec.maxWindowMs === undefined ? undefined : readTimeRange(context, itemIndex, settings.zone);
	return await fetchItems(
		context,
		gateway,
		{
			spec,
			params: settings.params,
			range,
			limit: settings.limit,
			pageSize: settings.pageSize,
			concurrency: settings.concurrency,
			keepAnswers: settings.rawAnswers,
			call: settings.call,
		},
		(result) => toItems(result, settings.rawAnswers, itemIndex),
	);
}

/**
 * A list whose old records WDT moves to a his_* endpoint (orders, sales stockouts, refunds): the
 * form's Source decides which endpoint reads which part of the range (protocol/archive.ts), the
 * parts are read and merged into one list. A window of any part that could not be read completely
 * becomes IncompleteItemsError carrying the items of the rest.
 */
export async function runArchivedList(
	context: IExecuteFunctions,
	itemIndex: number,
	gateway: string,
	live: ListEndpointSpec,
	now: number = Date.now(),
): Promise<INodeExecutionData[]> {
	const settings = readListSettings(context, itemIndex);
	const range = readTimeRange(context, itemIndex, settings.zone);
	const source = context.getNodeParameter('source', itemIndex, 'auto') as ArchiveSource;
	const parts = archiveParts(
		forParams(live, settings.params),
		forParams(historyOf(live), settings.params),
		source,
		range && { start: range.from, end: range.to },
		now,
	);
	const result = await fetchParts(
		context,
		gateway,
		parts.map((part) => ({
			spec: part.spec,
			params: settings.params,
			range: part.range && { from: part.range.start, to: part.range.end },
		})),
		{
			limit: settings.limit,
			pageSize: settings.pageSize,
			concurrency: settings.concurrency,
			keepAnswers: settings.rawAnswers,
			call: settings.call,
		},
	);
	const items = toItems(result, settings.rawAnswers, itemIndex);
	if (result.incomplete.length > 0) throw new IncompleteItemsError(new IncompleteListError(result.incomplete, undefined), items);
	return items;
}
