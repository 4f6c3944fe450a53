/**
 * The list fetcher shared by the WDT node and the WDT Trigger: every record of a paged openapi2
 * query over a time range.
 *
 * - The range is split into the endpoint's windows (60 min for trade_query, 30 days for most),
 *   consecutive [start, end) windows sent as Beijing-time text.
 * - Per window: page 0 first (`page_no` counts from 0), `page_size` at the endpoint's maximum;
 *   `total_count` is read from page 0 only (WDT omits it later) and tells how many pages follow.
 *   A page shorter than page_size is the last; when the last expected page is full (records were
 *   added meanwhile), the next page is read too, until a short one.
 * - All requests (page 0 of every window, then the remaining pages) share one pool of
 *   `concurrency` requests in flight; the remaining pages of an earlier window go first; their
 *   starts are spread over the time a request takes (startPacer.ts).
 * - Records are merged by key: a key seen again (border records of two windows, records changed
 *   while paging) keeps the copy with the newest time field. With a range they come out in time
 *   order (WDT's order), otherwise in the order read. Ids come out as exact text.
 * - A window that brought fewer distinct keys than its total_count (a change while paging made
 *   a record slip past a page border) is read again, up to MAX_REREADS times.
 * - With `limit`, no request is started once the records of the finished leading pages reach it,
 *   nor while the requests in flight could bring enough.
 * Every request goes through `callWdt` (signing, deadline, retries, rate-limit backoff, cancel).
 */
import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { CallSettings } from '../callOptions';
import { clamp } from '../callOptions';
import type { WdtParamValue, WdtResponseBody } from '../protocol';
import { WdtProtocolError } from '../protocol';
import { RecordMerger, idsAsText, readRecords, readTotalCount, recordKey } from '../protocol/listAnswer';
import type { TimeWindow } from '../protocol/timeWindows';
import { splitWindows, windowParams } from '../protocol/timeWindows';
import { callWdt } from './index';
import { StartPacer } from './startPacer';

/** What the fetcher needs to know of an endpoint (a catalogue entry fits; Any Endpoint builds one). */
export interface ListSpec {
	/** Endpoint name, with or without `.php`. */
	endpoint: string;
	/** The documented list field; the only array of the answer is the fallback. */
	listField?: string;
	/** Record key for de-duplication; none = no de-duplication. */
	key?: string;
	/** The record's time field (`modified`): the newest copy of a repeated key wins. */
	timeField?: string;
	/** Longest start_time..end_time span; undefined = the range is one window. */
	maxWindowMs?: number;
	maxPageSize: number;
}

export interface FetchListOptions {
	spec: ListSpec;
	/** Business parameters (filters) sent with every page; the fetcher owns page_no, page_size, start_time, end_time. */
	params?: Record<string, WdtParamValue>;
	/** [from, to) in epoch ms (whole seconds); omitted = no time parameters, one window. */
	range?: { from: number; to: number };
	/** Records wanted at most; undefined = all (Return All). */
	limit?: number;
	/** page_size; default and upper bound: spec.maxPageSize. */
	pageSize?: number;
	/** Requests in flight at once (default 1). */
	concurrency?: number;
	/**
	 * Read a window again when its pages brought fewer distinct keys than page 0's total_count
	 * (default true; needs `spec.key`; never with `limit`).
	 */
	recheckCounts?: boolean;
	/** Keep every answer body (for the "raw answers" output). */
	keepAnswers?: boolean;
	call: CallSettings;
}

export interface FetchedAnswer {
	/** The window of the answer (undefined without a range). */
	window?: TimeWindow;
	pageNo: number;
	body: WdtResponseBody;
}

export interface FetchListResult {
	/** De-duplicated records (with a range: in time order, else as read), ids as exact text; at most `limit`. */
	records: IDataObject[];
	/** Answer bodies in (window, page) order, when `keepAnswers`. */
	answers: FetchedAnswer[];
	windows: TimeWindow[];
	/** Requests answered (retries not counted). */
	requests: number;
	/** Retries made after transient failures (rate limits included). */
	retries: number;
	/** Records that came back more than once (window borders, changes while paging). */
	duplicates: number;
	/** Windows read again because their records fell short of total_count (changes while paging). */
	rereads: number;
	/** True when `limit` stopped the fetch (more records may exist). */
	limited: boolean;
}

/** Re-reads of one window whose records fall short of its total_count. */
export const MAX_REREADS = 2;

/** A hard stop per window, whatever the gateway answers. */
export const MAX_PAGES_PER_WINDOW = 10000;

type Context = IExecuteFunctions | IPollFunctions;

interface WindowState {
	window?: TimeWindow;
	/** Records per page number, filled as pages answer. */
	pages: IDataObject[][];
	answers: FetchedAnswer[];
	/** The highest page number scheduled so far. */
	lastScheduled: number;
	/** total_count of page 0. */
	total?: number;
}

interface Task {
	state: WindowState;
	pageNo: number;
}

const newState = (window: TimeWindow | undefined): WindowState => ({ window, pages: [], answers: [], lastScheduled: 0 });

/** Keys of the records a window's reads brought, all reads together. */
function keysRead(reads: WindowState[], key: string): Set<string> {
	const keys = new Set<string>();
	for (const read of reads)
		for (const page of read.pages) for (const record of page) keys.add(recordKey(record, key) ?? '');
	return keys;
}

export async function fetchList(context: Context, gateway: string, options: FetchListOptions): Promise<FetchListResult> {
	const { spec } = options;
	const limit = options.limit === undefined ? undefined : Math.max(0, Math.floor(options.limit));
	let pageSize = clamp(options.pageSize, 1, spec.maxPageSize, spec.maxPageSize);
	// A Limit caps the page size (Limit 0 sends no request at all).
	if (limit) pageSize = Math.min(pageSize, limit);
	const concurrency = clamp(options.concurrency, 1, 64, 1);
	const windows: Array<TimeWindow | undefined> = options.range
		? splitWindows(options.range.from, options.range.to, spec.maxWindowMs)
		: [undefined];
	const states: WindowState[] = windows.map(newState);
	let requests = 0;
	let retries = 0;

	const fetchPage = async ({ state, pageNo }: Task): Promise<Task[]> => {
		const { body, attempts } = await callWdt(context, gateway, {
			endpoint: spec.endpoint,
			params: {
				...options.params,
				...(state.window ? windowParams(state.window) : {}),
				page_no: pageNo,
				page_size: pageSize,
			},
			timeoutMs: options.call.timeoutMs,
			retry: options.call.retry,
		});
		requests++;
		retries += attempts - 1;
		const records = readRecords(body, spec).map((raw, index) => {
			if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
				throw new WdtProtocolError(`${spec.endpoint}: record ${index} of page ${pageNo} is not an object`);
			}
			return idsAsText(raw) as IDataObject;
		});
		state.pages[pageNo] = records;
		if (options.keepAnswers) state.answers[pageNo] = { window: state.window, pageNo, body };
		if (pageNo === 0) state.total = readTotalCount(body);
		if (records.length < pageSize) return [];
		const next: Task[] = [];
		if (pageNo === 0) {
			const total = state.total;
			const lastByCount = total === undefined ? 1 : Math.ceil(total / pageSize) - 1;
			// Full page 0 with total ≤ page_size: read page 1 anyway, a full page is never the last one we trust.
			for (let p = 1; p <= Math.max(1, lastByCount); p++) next.push({ state, pageNo: p });
		} else if (pageNo === state.lastScheduled) {
			next.push({ state, pageNo: pageNo + 1 });
		}
		if (next.length > 0) {
			state.lastScheduled = next[next.length - 1].pageNo;
			if (state.lastScheduled >= MAX_PAGES_PER_WINDOW) {
				throw new WdtProtocolError(`${spec.endpoint}: more than ${MAX_PAGES_PER_WINDOW} pages in one window; narrow the range or the filters`);
			}
		}
		return next;
	};

	/**
	 * Records of the windows and pages finished from the start on (for Limit). A window whose
	 * pages up to the last scheduled one have all answered is finished: the answer of that page
	 * schedules its follow-ups before anything else runs.
	 */
	const leadingRecordCount = (): number => {
		const keys = new Set<string>();
		let count = 0;
		for (const state of states) {
			for (let p = 0; p <= state.lastScheduled; p++) {
				const page = state.pages[p];
				if (page === undefined) return count;
				for (const record of page) {
					const key = spec.key === undefined ? undefined : recordKey(record, spec.key);
					if (key === undefined) count++;
					else if (!keys.has(key)) {
						keys.add(key);
						count++;
					}
				}
			}
		}
		return count;
	};
	// With Limit, start a request only while the finished pages plus full answers to those in
	// flight could still fall short: no speculative pages beyond what Limit can use; once the
	// finished pages reach Limit nothing starts (Limit 0: nothing at all).
	const mayStart = (inFlight: number) =>
		limit === undefined || leadingRecordCount() + inFlight * pageSize < limit;

	const pool: PoolSettings = { concurrency, pacer: new StartPacer(concurrency) };
	const stopped = await runPool(
		states.map((state) => ({ state, pageNo: 0 })),
		pool,
		fetchPage,
		mayStart,
	);

	// A window whose pages brought fewer distinct keys than page 0's total_count lost a record to
	// a change made while it was paged (offset paging: a record leaving the range moves the rest
	// up, and one slips past a page border already read). Such windows are read again, and the
	// reads merged, until they add up (at most MAX_REREADS times each).
	const reads: WindowState[][] = states.map((state) => [state]);
	let rereads = 0;
	const { key } = spec;
	if (limit === undefined && key !== undefined && options.recheckCounts !== false) {
		const isShort = (group: WindowState[]) => {
			const total = group[group.length - 1].total;
			return total !== undefined && keysRead(group, key).size < total;
		};
		let short = reads.filter(isShort);
		// A round with no short window left reads nothing.
		for (let round = 0; round < MAX_REREADS; round++) {
			const again = short.map((group) => {
				const state = newState(group[0].window);
				group.push(state);
				return state;
			});
			rereads += again.length;
			await runPool(
				again.map((state) => ({ state, pageNo: 0 })),
				pool,
				fetchPage,
				() => true,
			);
			short = short.filter(isShort);
		}
	}

	const merger = new RecordMerger<IDataObject>(key ?? '\u0000no key', spec.timeField);
	const answers: FetchedAnswer[] = [];
	for (const state of reads.flat()) {
		for (const page of state.pages) for (const record of page) merger.add(record);
		for (const answer of state.answers) answers.push(answer);
	}
	let records = merger.values();
	const { timeField } = spec;
	if (timeField !== undefined && options.range !== undefined) {
		// Time order (WDT's own within a window): a record changed while reading, or brought only
		// by a re-read, takes the place of its newest time. sort() is stable; WDT's time text
		// sorts as time.
		const timeOf = (record: IDataObject) => String(record[timeField] ?? '');
		records = records.sort((a, b) => {
			const [x, y] = [timeOf(a), timeOf(b)];
			if (x < y) return -1;
			// Stryker disable next-line ConditionalExpression,EqualityOperator: V8's sort only asks whether the result is below 0 (equal and later give the same order); 1 keeps the comparator consistent, as the spec asks
			return x > y ? 1 : 0;
		});
	}
	return {
		records: records.slice(0, limit),
		answers,
		windows: windows.filter((w): w is TimeWindow => w !== undefined),
		requests,
		retries,
		duplicates: merger.duplicates,
		rereads,
		// Pages left unread, or more records than Limit in those read.
		limited: stopped || (limit !== undefined && records.length > limit),
	};
}

interface PoolSettings {
	concurrency: number;
	pacer: StartPacer;
}

/**
 * Runs tasks with at most `concurrency` in flight (and no more while `mayStart` says no), their
 * starts spread by the pacer (a few milliseconds: a stop is seen by the next request); a task's
 * follow-up tasks go to the front of the queue. Returns true when tasks were left unstarted
 * (`mayStart` said no with none in flight). The first failure stops new starts; it is thrown once
 * the tasks in flight have settled (none is left running).
 */
async function runPool<T>(
	initial: T[],
	{ concurrency, pacer }: PoolSettings,
	run: (task: T) => Promise<T[]>,
	mayStart: (inFlight: number) => boolean,
): Promise<boolean> {
	const queue = [...initial];
	const running = new Set<Promise<void>>();
	let failed = false;
	let failure: unknown;
	for (;;) {
		while (!failed && queue.length > 0 && running.size < concurrency) {
			if (!mayStart(running.size)) break;
			const wait = running.size > 0 ? pacer.delayMs() : 0;
			if (wait >= 1) {
				// Tasks may finish meanwhile: the conditions above are checked again after the wait.
				await sleep(wait);
				continue;
			}
			const task = queue.shift() as T;
			const finished = pacer.start();
			const promise: Promise<void> = run(task).then(
				(next) => {
					finished();
					queue.unshift(...next);
				},
				(error: unknown) => {
					if (!failed) {
						failed = true;
						failure = error;
					}
				},
			);
			const tracked = promise.then(() => {
				running.delete(tracked);
			});
			running.add(tracked);
		}
		if (running.size === 0) break;
		await Promise.race(running);
	}
	if (failed) throw failure;
	return queue.length > 0;
}
