/**
 * One list read in parts, each through the fetcher (fetchList.ts), merged into one: a live
 * endpoint and its his_* endpoint over their parts of a range (protocol/archive.ts), or the
 * WDT Trigger's reads of one poll (stockouts: by ship time, and by status before shipping). The
 * parts are of one resource (one key); a record read by several parts comes out once, its newest
 * version. A part with windows that could not be read completely does not stop the others: what
 * is missing is reported together, never passed off as complete.
 */
import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import type { WdtParamValue } from '../protocol';
import type { RecordVersionSpec } from '../protocol/listAnswer';
import { RecordMerger, recordVersion } from '../protocol/listAnswer';
import type { IncompleteWindow } from '../protocol/listCompleteness';
import { IncompleteListError } from '../protocol/listCompleteness';
import type { FetchListOptions, FetchListResult, FetchedAnswer, ListSpec } from './fetchList';
import { fetchList } from './fetchList';
import { settle } from './retry';

export interface ListPart {
	spec: ListSpec;
	/** Filters of this part (the fetcher owns paging and times). */
	params?: Record<string, WdtParamValue>;
	/** [from, to) epoch ms; undefined: no time parameters. */
	range?: { from: number; to: number };
}

export interface PartRead {
	part: ListPart;
	/** What the part gave: all its records, or those of its complete windows. */
	result: FetchListResult;
	/** Its windows that could not be read completely (empty: none). */
	incomplete: IncompleteWindow[];
}

export interface FetchPartsResult {
	/** Every part's records merged by key (the newest version wins), at most `limit`. */
	records: IDataObject[];
	answers: FetchedAnswer[];
	reads: PartRead[];
	/** The windows of all parts that could not be read completely. */
	incomplete: IncompleteWindow[];
	/** The smallest gateway clock offset any part measured (see FetchListResult). */
	gatewayOffsetMs?: number;
}

type Context = IExecuteFunctions | IPollFunctions;

/** What the parts share: paging, concurrency, the call settings, Limit over the merged records. */
export type PartsOptions = Omit<FetchListOptions, 'spec' | 'params' | 'range'>;

/**
 * Records of several reads of one resource as one list, one per identity, the newest version
 * kept. Sorted by `sortField` when given (a stable sort: equal times keep the order read); else
 * in the order first read.
 */
export function mergeRecords(
	lists: IDataObject[][],
	spec: Pick<ListSpec, 'key'> & { version?: RecordVersionSpec | string },
	sortField?: RecordVersionSpec | string,
): IDataObject[] {
	const merger = new RecordMerger<IDataObject>(spec.key, spec.version);
	for (const records of lists) for (const record of records) merger.add(record);
	const records = merger.values();
	if (sortField === undefined) return records;
	const keyed = records.map((record) => [recordVersion(record, sortField), record] as const);
	// Stryker disable next-line ConditionalExpression,EqualityOperator: V8's sort only asks whether the result is below 0
	keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	return keyed.map(([, record]) => record);
}

/** The version a part's records are merged by: its `version`, else its time field. */
const versionOf = (spec: ListSpec): RecordVersionSpec | string | undefined => spec.version ?? spec.timeField;

/**
 * Reads the parts one after another (each with the shared options; Limit counts the distinct
 * records read so far) and merges them. With a range, records come out in the order of the parts'
 * common time field, or of their version when the parts select on different fields.
 */
export async function fetchParts(
	context: Context,
	gateway: string,
	parts: ListPart[],
	options: PartsOptions,
): Promise<FetchPartsResult> {
	const [first] = parts;
	const merge = { key: first.spec.key, version: versionOf(first.spec) };
	const reads: PartRead[] = [];
	const seen = new RecordMerger<IDataObject>(merge.key, merge.version);
	for (const part of parts) {
		const left = options.limit === undefined ? undefined : options.limit - seen.size;
		if (left !== undefined && left <= 0) break;
		const fetched = await settle(fetchList(context, gateway, { ...options, spec: part.spec, params: part.params, range: part.range, limit: left }));
		let read: PartRead;
		if (fetched.ok) read = { part, result: fetched.value, incomplete: [] };
		else if (fetched.error instanceof IncompleteListError) {
			read = { part, result: fetched.error.partial as FetchListResult, incomplete: fetched.error.windows };
		} else throw fetched.error;
		for (const record of read.result.records) seen.add(record);
		reads.push(read);
	}
	const ranged = parts.some((part) => part.range !== undefined);
	const fields = new Set(parts.map((part) => part.spec.timeField));
	const sortField = !ranged ? undefined : fields.size === 1 ? first.spec.timeField : merge.version;
	const records = mergeRecords(
		reads.map((read) => read.result.records),
		merge,
		sortField,
	);
	const offsets = reads.map((read) => read.result.gatewayOffsetMs).filter((ms): ms is number => ms !== undefined);
	return {
		records: options.limit === undefined ? records : records.slice(0, options.limit),
		answers: reads.flatMap((read) => read.result.answers),
		reads,
		incomplete: reads.flatMap((read) => read.incomplete),
		gatewayOffsetMs: offsets.length > 0 ? Math.min(...offsets) : undefined,
	};
}
