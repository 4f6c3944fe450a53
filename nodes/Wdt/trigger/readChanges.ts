/**
 * Every record changed in a time range, for the WDT Trigger, and the gateway's clock. The fetcher
 * reads the range in windows and re-reads a window whose reads contradict each other; a window it
 * still cannot read completely fails the read (IncompleteListError). The trigger can use what came
 * before such a window: the records of the complete windows up to its start are returned with it,
 * so the cursor stops at that window and the next poll reads it again, instead of moving past a
 * record it never saw. An event may need several reads per poll (sales stockouts: by ship time and
 * by status); they are read one after the other and merged, the first incomplete window of any of
 * them stops the cursor.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { CallSettings } from '../callOptions';
import { formatBeijing, parseBeijing } from '../protocol/beijingTime';
import { recordVersion } from '../protocol/listAnswer';
import { versionSpec } from '../protocol/catalogue';
import { IncompleteListError } from '../protocol/listCompleteness';
import type { FetchListResult } from '../transport/fetchList';
import { fetchList } from '../transport/fetchList';
import { fetchParts, mergeRecords } from '../transport/fetchParts';
import { settle } from '../transport/retry';
import type { EventRead } from './events';

export interface ReadChangesOptions {
	/** The reads of one poll (one for most events), of one resource. */
	reads: EventRead[];
	range: { from: number; to: number };
	concurrency: number;
	call: CallSettings;
	/** n8n's clock (epoch ms), to measure the gateway's against. */
	clock: () => number;
	limit?: number;
}

export interface ChangesRead {
	/**
	 * De-duplicated by identity (the newest version wins), in time order: every record of the
	 * range, or with `incomplete` those whose time (the one its read selects on) is at or before its
	 * start (the complete windows before it read them all).
	 */
	records: IDataObject[];
	/** The first window that could not be read completely: its start, and the fetcher's error. */
	incomplete?: { from: number; error: IncompleteListError };
	/** The gateway's clock minus `clock`, in ms, as this read measured it (a lower bound). */
	gatewayOffsetMs?: number;
}

export async function readChanges(
	context: IPollFunctions,
	gateway: string,
	options: ReadChangesOptions,
): Promise<ChangesRead> {
	const result = await fetchParts(
		context,
		gateway,
		options.reads.map((read) => ({ spec: read.spec, params: read.params, range: options.range })),
		{ concurrency: options.concurrency, call: options.call, limit: options.limit, clock: options.clock },
	);
	const { incomplete, gatewayOffsetMs } = result;
	// With a range every window has its start.
	const from = incomplete.length === 0 ? undefined : Math.min(...incomplete.map((failure) => failure.window?.start ?? options.range.from));
	// With an incomplete window: each read's records up to its start, by the time that read's range
	// selects on; a record without a readable time came from a complete window too: it cannot be
	// placed, so it is kept.
	const kept = result.reads.map((read) => {
		if (from === undefined) return read.result.records;
		const timeField = read.part.spec.timeField as string;
		return read.result.records.filter((record) => (parseBeijing(String(record[timeField] ?? '')) ?? from) <= from);
	});
	// In the order of their versions: the order the changes happened in. A record whose version is
	// before the range changed before it: WDT returned it whatever the range (goods_query with a SKU
	// Code ignores the range, docs/wdt-contract.md#goods_query), so it is no change of this range.
	const version = versionSpec(options.reads[0].spec);
	const since = formatBeijing(options.range.from);
	const changed = (record: IDataObject) => {
		const text = version === undefined ? '' : recordVersion(record, version);
		return text === '' || parseBeijing(text) === undefined || text >= since;
	};
	const records = mergeRecords(kept, { key: options.reads[0].spec.key, version }, version)
		.filter(changed)
		.slice(0, options.limit);
	if (from === undefined) return { records, gatewayOffsetMs };
	return { records, incomplete: { from, error: new IncompleteListError(incomplete, undefined) }, gatewayOffsetMs };
}

/**
 * The gateway's clock minus `clock` (ms) from one cheap read (page 0 of one record of the last
 * second, of the event's first read), or undefined when the gateway sends no Date header.
 */
export async function measureGatewayOffset(
	context: IPollFunctions,
	gateway: string,
	options: Omit<ReadChangesOptions, 'range' | 'concurrency' | 'limit'> & { at: number },
): Promise<number | undefined> {
	const [read] = options.reads;
	const fetched = await settle(
		fetchList(context, gateway, {
			spec: read.spec,
			params: read.params,
			range: { from: options.at - 1000, to: options.at },
			limit: 1,
			call: options.call,
			clock: options.clock,
		}),
	);
	if (fetched.ok) return fetched.value.gatewayOffsetMs;
	// A window that could not be read still told the time.
	if (fetched.error instanceof IncompleteListError) return (fetched.error.partial as FetchListResult).gatewayOffsetMs;
	throw fetched.error;
}
