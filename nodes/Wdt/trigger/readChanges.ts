/**
 * Every record changed in a time range, read so that a change made while the pages are read
 * cannot hide a record. WDT pages an ordered list by offset (page_no × page_size): when a record
 * of an earlier page changes meanwhile, it leaves the range, the rest moves up by one and the
 * record at the next page's border is never seen. So per window the distinct keys read are
 * compared with page 0's total_count; a window with fewer is read again (its records are added
 * to the first ones), up to MAX_REREADS times. A window still short after that is reported, so the
 * trigger reads it again at the next poll instead of moving its cursor past it.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { CallSettings } from '../callOptions';
import type { WdtParamValue } from '../protocol';
import { RecordMerger, readRecords, readTotalCount, recordKey } from '../protocol/listAnswer';
import type { TimeWindow } from '../protocol/timeWindows';
import type { FetchListResult, ListSpec } from '../transport/fetchList';
import { fetchList } from '../transport/fetchList';

export const MAX_REREADS = 3;

export interface ReadChangesOptions {
	spec: ListSpec & { key: string; timeField: string };
	params: Record<string, WdtParamValue>;
	range: { from: number; to: number };
	concurrency: number;
	call: CallSettings;
	limit?: number;
}

export interface ChangesRead {
	/** De-duplicated by key (the newest modified wins), in time order. */
	records: IDataObject[];
	/** The start of the first window that stayed short after the re-reads (undefined: none). */
	incompleteFrom?: number;
	requests: number;
	rereads: number;
}

/** Windows whose pages held fewer distinct keys than page 0's total_count. */
export function shortWindows(
	result: FetchListResult,
	spec: ReadChangesOptions['spec'],
): TimeWindow[] {
	const byWindow = new Map<number, { window: TimeWindow; total?: number; keys: Set<string> }>();
	for (const answer of result.answers) {
		if (!answer.window) continue;
		let entry = byWindow.get(answer.window.start);
		if (!entry) {
			entry = { window: answer.window, keys: new Set() };
			byWindow.set(answer.window.start, entry);
		}
		if (answer.pageNo === 0) entry.total = readTotalCount(answer.body);
		for (const raw of readRecords(answer.body, spec)) {
			const key =
				raw && typeof raw === 'object'
					? recordKey(raw as Record<string, unknown>, spec.key)
					: undefined;
			if (key !== undefined) entry.keys.add(key);
		}
	}
	return [...byWindow.values()]
		.filter((entry) => entry.total !== undefined && entry.keys.size < entry.total)
		.map((entry) => entry.window);
}

export async function readChanges(
	context: IPollFunctions,
	gateway: string,
	options: ReadChangesOptions,
): Promise<ChangesRead> {
	const { spec } = options;
	const read = (range: { from: number; to: number }) =>
		fetchList(context, gateway, {
			spec,
			params: options.params,
			range,
			concurrency: options.concurrency,
			call: options.call,
			limit: options.limit,
			keepAnswers: true,
		});
	const merger = new RecordMerger<IDataObject>(spec.key, spec.timeField);
	const first = await read(options.range);
	for (const record of first.records) merger.add(record);
	let requests = first.requests;
	let rereads = 0;
	// With a limit (Fetch Test Event) a short read is expected: no re-reads.
	let short = options.limit === undefined ? shortWindows(first, spec) : [];
	for (let round = 0; round < MAX_REREADS && short.length > 0; round++) {
		const stillShort: TimeWindow[] = [];
		for (const window of short) {
			const again = await read({ from: window.start, to: window.end });
			rereads++;
			requests += again.requests;
			for (const record of again.records) merger.add(record);
			if (shortWindows(again, spec).length > 0) stillShort.push(window);
		}
		short = stillShort;
	}
	const timeOf = (record: IDataObject) => String(record[spec.timeField] ?? '');
	// WDT's time text sorts as time; sort() is stable, so equal times keep the order read.
	const records = merger
		.values()
		.sort((a, b) => (timeOf(a) < timeOf(b) ? -1 : timeOf(a) > timeOf(b) ? 1 : 0));
	return {
		records,
		incompleteFrom: short.length > 0 ? Math.min(...short.map((w) => w.start)) : undefined,
		requests,
		rereads,
	};
}
