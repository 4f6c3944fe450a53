/**
 * Every record changed in a time range, for the WDT Trigger, and the gateway's clock. The fetcher
 * reads the range in windows and re-reads a window whose reads contradict each other; a window it
 * still cannot read completely fails the read (IncompleteListError). The trigger can use what came
 * before such a window: the records of the complete windows up to its start are returned with it,
 * so the cursor stops at that window and the next poll reads it again, instead of moving past a
 * record it never saw.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { CallSettings } from '../callOptions';
import type { WdtParamValue } from '../protocol';
import { parseBeijing } from '../protocol/beijingTime';
import type { RecordKeySpec } from '../protocol/listAnswer';
import { IncompleteListError } from '../protocol/listCompleteness';
import type { FetchListResult, ListSpec } from '../transport/fetchList';
import { fetchList } from '../transport/fetchList';
import { settle } from '../transport/retry';

export interface ReadChangesOptions {
	spec: ListSpec & { key: RecordKeySpec; timeField: string };
	params: Record<string, WdtParamValue>;
	range: { from: number; to: number };
	concurrency: number;
	call: CallSettings;
	/** n8n's clock (epoch ms), to measure the gateway's against. */
	clock: () => number;
	limit?: number;
}

export interface ChangesRead {
	/**
	 * De-duplicated by identity (the newest modified wins), in time order: every record of the
	 * range, or with `incomplete` those whose modified is at or before its start (the complete
	 * windows before it read them all).
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
	const fetched = await settle(
		fetchList(context, gateway, {
			spec: options.spec,
			params: options.params,
			range: options.range,
			concurrency: options.concurrency,
			call: options.call,
			limit: options.limit,
			clock: options.clock,
		}),
	);
	if (fetched.ok) return { records: fetched.value.records, gatewayOffsetMs: fetched.value.gatewayOffsetMs };
	const { error } = fetched;
	if (!(error instanceof IncompleteListError)) throw error;
	const partial = error.partial as FetchListResult;
	// With a range every window has its start.
	const from = Math.min(...error.windows.map((failure) => failure.window?.start ?? options.range.from));
	const { timeField } = options.spec;
	// A record without a readable time came from a complete window too: it cannot be placed, so it is kept.
	const before = (record: IDataObject) => (parseBeijing(String(record[timeField] ?? '')) ?? from) <= from;
	return {
		records: partial.records.filter(before),
		incomplete: { from, error },
		gatewayOffsetMs: partial.gatewayOffsetMs,
	};
}

/**
 * The gateway's clock minus `clock` (ms) from one cheap read (page 0 of one record of the last
 * second), or undefined when the gateway sends no Date header.
 */
export async function measureGatewayOffset(
	context: IPollFunctions,
	gateway: string,
	options: Omit<ReadChangesOptions, 'range' | 'concurrency' | 'limit'> & { at: number },
): Promise<number | undefined> {
	const fetched = await settle(
		fetchList(context, gateway, {
			spec: options.spec,
			params: options.params,
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
