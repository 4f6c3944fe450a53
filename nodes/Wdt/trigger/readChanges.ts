/**
 * Every record changed in a time range, for the WDT Trigger. The fetcher reads the range in
 * windows and already reads a window again when its distinct keys fall short of page 0's
 * total_count (a change made while the pages were read let a record slip past a page border).
 * A window still short after those re-reads is reported here, so the trigger stops its cursor at
 * that window and reads it again at the next poll instead of moving past a record it never saw.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { CallSettings } from '../callOptions';
import type { WdtParamValue } from '../protocol';
import { readRecords, readTotalCount, recordKey } from '../protocol/listAnswer';
import type { TimeWindow } from '../protocol/timeWindows';
import type { FetchListResult, ListSpec } from '../transport/fetchList';
import { fetchList } from '../transport/fetchList';

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
	/** The start of the first window still short of its total_count (undefined: none). */
	incompleteFrom?: number;
}

/** Windows whose reads, together, brought fewer distinct keys than page 0's (last) total_count. */
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
	const result = await fetchList(context, gateway, {
		spec: options.spec,
		params: options.params,
		range: options.range,
		concurrency: options.concurrency,
		call: options.call,
		limit: options.limit,
		keepAnswers: true,
	});
	// With a limit (Fetch Test Event) the read stops early by design: nothing to hold back.
	const short = options.limit === undefined ? shortWindows(result, options.spec) : [];
	return {
		records: result.records,
		incompleteFrom: short.length > 0 ? Math.min(...short.map((w) => w.start)) : undefined,
	};
}
