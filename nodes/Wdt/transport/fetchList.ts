/**
 * The list fetcher shared by the WDT node and the WDT Trigger: every record of a paged openapi2
 * query over a time range, or an error that says which window could not be read.
 *
 * - The range is split into the endpoint's windows (60 min for trade_query, 30 days for most),
 *   consecutive [start, end) windows sent as Beijing-time text. A window the gateway refuses as too
 *   long (WdtApiError kind 'window-too-long') is split in halves and read again; later windows are
 *   cut to the shorter length learnt, so either reading of an unconfirmed limit works.
 * - Per window, one read ("pass") at a time (protocol/listCompleteness.ts): page 0 first
 *   (`page_no` counts from 0), `page_size` at the endpoint's maximum (or, when page 0 shows the
 *   gateway serves fewer rows than asked while total_count says more, the size it serves); the pages page 0's
 *   total_count asks for are requested one by one as request slots free up, never queued all at
 *   once, so memory grows only with what the gateway sends. A pass that contradicts itself, or
 *   whose records fall short of total_count, is read again (MAX_REREADS times).
 * - All requests share one pool of `concurrency` requests in flight; the pages of an earlier
 *   window go first; their starts are spread over the time a request takes (startPacer.ts).
 * - A page that cannot be read (not JSON, cut short) is retried by callWdt like a transient fault
 *   (reads are safe to repeat); still unreadable, its pass is inconsistent.
 * - Records are merged by identity (the endpoint's key, a composite key, or the whole content of
 *   a keyless row): a record seen again (border records of two windows, records changed while
 *   paging, re-reads) keeps the copy with the newest time field. With a range they come out in
 *   time order (WDT's order), otherwise in the order read. Ids come out as exact text.
 * - A window that cannot be read completely fails the fetch with IncompleteListError, which names
 *   it and carries what the complete windows gave: never a partial list passed off as the whole.
 * - With `limit`, no request is started once the records of the finished leading pages reach it,
 *   nor while the requests in flight could bring enough.
 * Every request goes through `callWdt` (signing, deadline, retries, rate-limit backoff, cancel).
 */
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { CallSettings } from '../callOptions';
import { clamp } from '../callOptions';
import type { WdtParamValue, WdtResponseBody } from '../protocol';
import { WdtApiError, WdtProtocolError } from '../protocol';
import type { RecordKeySpec, RecordVersionSpec } from '../protocol/listAnswer';
import { RecordMerger, idsAsText, readIdentities, readRecords, readTotalCount } from '../protocol/listAnswer';
import type { IncompleteWindow, WindowVerdict } from '../protocol/listCompleteness';
import { IncompleteListError, WindowPass, judgeWindow } from '../protocol/listCompleteness';
import type { TimeWindow } from '../protocol/timeWindows';
import { splitWindows, windowParams } from '../protocol/timeWindows';
import { callWdt } from './index';
import { settle } from './retry';
import { StartPacer } from './startPacer';

export { MAX_PAGES_PER_WINDOW, MAX_REREADS } from '../protocol/listCompleteness';

/** What the fetcher needs to know of an endpoint (a catalogue entry fits; Any Endpoint builds one). */
export interface ListSpec {
	/** Endpoint name, with or without `.php`. */
	endpoint: string;
	/** The documented list field; the only array of the answer is the fallback. */
	listField?: string;
	/** The field(s) identifying a record; a record without them (or no key at all) is known by its content. */
	key?: RecordKeySpec;
	/** The field the range selects on (`modified`): with a range, records come out in its order. */
	timeField?: string;
	/** What says a record changed, when not `timeField`: the newest copy of a repeated record wins. */
	version?: RecordVersionSpec;
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
	/** Keep every answer body (for the "raw answers" output). */
	keepAnswers?: boolean;
	call: CallSettings;
	/** The clock the gateway's is compared with (epoch ms; default Date.now). */
	clock?: () => number;
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
	/** Answer bodies in (window, read, page) order, when `keepAnswers`. */
	answers: FetchedAnswer[];
	/** The windows read, in time order (after any split). */
	windows: TimeWindow[];
	/** Requests answered (retries not counted). */
	requests: number;
	/** Retries made after transient failures (rate limits and unreadable answers included). */
	retries: number;
	/** Records that came back more than once (window borders, changes while paging, re-reads). */
	duplicates: number;
	/** Windows read again because a read contradicted itself or fell short of total_count. */
	rereads: number;
	/** Windows split because the gateway refused them as too long. */
	splits: number;
	/** The page size the gateway served when it served fewer rows than asked (a silent cap); undefined: none seen. */
	servedPageSize?: number;
	/** True when `limit` stopped the fetch (more records may exist). */
	limited: boolean;
	/**
	 * The smallest (gateway's Date header − `clock` when the answer was read) over the answers, in
	 * ms: a lower bound of how far the gateway's clock is ahead (undefined: no Date header).
	 */
	gatewayOffsetMs?: number;
}

/** A window and its reads so far. */
interface WindowRead {
	window?: TimeWindow;
	passes: WindowPass[];
	/** Record identities of each finished pass, in page order. */
	identities: string[][];
	/** Answers of each pass by page number (when keepAnswers). */
	answers: Array<Map<number, FetchedAnswer>>;
	state: 'waiting' | 'reading' | 'complete' | 'incomplete' | 'split';
	verdict?: WindowVerdict;
}

interface Task {
	read: WindowRead;
	pass: WindowPass;
	page: number;
}

type Context = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

const newRead = (window: TimeWindow | undefined): WindowRead => ({ window, passes: [], identities: [], answers: [], state: 'waiting' });

/** The records of an answer as objects with ids as text, or why they cannot be read (a record that is not an object…). */
function readPage(body: WdtResponseBody, spec: ListSpec, pageNo: number): IDataObject[] | string {
	let raw: unknown[];
	try {
		raw = readRecords(body, spec);
	} catch (error) {
		return (error as Error).message;
	}
	const bad = raw.findIndex((record) => record === null || typeof record !== 'object' || Array.isArray(record));
	if (bad >= 0) return `${spec.endpoint}: record ${bad} of page ${pageNo} is not an object`;
	return raw.map((record) => idsAsText(record) as IDataObject);
}

export async function fetchList(context: Context, gateway: string, options: FetchListOptions): Promise<FetchListResult> {
	const { spec } = options;
	const clock = options.clock ?? Date.now;
	const limit = options.limit === undefined ? undefined : Math.max(0, Math.floor(options.limit));
	let pageSize = clamp(options.pageSize, 1, spec.maxPageSize, spec.maxPageSize);
	// A Limit caps the page size (Limit 0 sends no request at all).
	if (limit) pageSize = Math.min(pageSize, limit);
	const concurrency = clamp(options.concurrency, 1, 64, 1);
	/** Every window in time order; a split one is replaced by its pieces. */
	const reads: WindowRead[] = (
		options.range ? splitWindows(options.range.from, options.range.to, spec.maxWindowMs) : [undefined]
	).map(newRead);
	/** Windows not started yet, in time order. */
	const pending: WindowRead[] = [...reads];
	/** Windows being read, in the order they were started (their pages go first in that order). */
	const active: WindowRead[] = [];
	/** The longest window the gateway is known to accept (learnt from "too long" refusals). */
	let maxSpanMs = Number.POSITIVE_INFINITY;
	let requests = 0;
	let retries = 0;
	let rereads = 0;
	let splits = 0;
	let gatewayOffsetMs: number | undefined;

	const current = (read: WindowRead) => read.passes[read.passes.length - 1];
	const startPass = (read: WindowRead) => {
		read.passes.push(new WindowPass(pageSize));
		read.answers.push(new Map());
	};
	const remove = (list: WindowRead[], read: WindowRead) => list.splice(list.indexOf(read), 1);

	/** Replaces a window by pieces of at most maxSpanMs, to be read before the windows after it. */
	const replaceBySplit = (read: WindowRead) => {
		const window = read.window as TimeWindow;
		const pieces = splitWindows(window.start, window.end, maxSpanMs).map(newRead);
		reads.splice(reads.indexOf(read), 1, ...pieces);
		read.state = 'split';
		pending.unshift(...pieces);
	};

	/** The next page to request: pages of a window started earlier first, else the next window's page 0. */
	const next = (): Task | undefined => {
		for (const read of active) {
			const pass = current(read);
			const page = pass.nextPage();
			if (page !== undefined) {
				pass.requested(page);
				return { read, pass, page };
			}
		}
		for (;;) {
			const read = pending.shift();
			if (read === undefined) return undefined;
			if (read.window && read.window.end - read.window.start > maxSpanMs) {
				replaceBySplit(read);
				continue;
			}
			read.state = 'reading';
			active.push(read);
			startPass(read);
			const pass = current(read);
			pass.requested(0);
			return { read, pass, page: 0 };
		}
	};

	/** After a page: a finished pass decides the window (complete, read again, or incomplete). */
	const afterPage = (read: WindowRead, pass: WindowPass) => {
		if (!pass.done) return;
		read.identities.push(readIdentities(pass.records(), spec.key));
		const verdict = judgeWindow(read.passes, read.identities);
		if (verdict.readAgain) {
			rereads++;
			startPass(read);
			return;
		}
		read.state = verdict.complete ? 'complete' : 'incomplete';
		read.verdict = verdict;
		remove(active, read);
	};

	/** A refusal of the window as too long: split it in halves (whole seconds), unless it cannot be. */
	const splitRefused = (read: WindowRead, refusal: WdtApiError) => {
		const window = read.window;
		const half = window === undefined ? 0 : Math.ceil((window.end - window.start) / 2000) * 1000;
		if (window === undefined || half >= window.end - window.start) throw refusal;
		maxSpanMs = Math.min(maxSpanMs, half);
		splits++;
		remove(active, read);
		replaceBySplit(read);
	};

	const fetchPage = async ({ read, pass, page }: Task): Promise<void> => {
		const sent = await settle(
			callWdt(context, gateway, {
				endpoint: spec.endpoint,
				params: {
					...options.params,
					...(read.window ? windowParams(read.window) : {}),
					page_no: page,
					// The pass's own size: smaller than asked once page 0 showed a silent cap.
					page_size: pass.pageSize,
				},
				timeoutMs: options.call.timeoutMs,
				retry: options.call.retry,
				retryUnreadable: true,
			}),
		);
		// A window split meanwhile: its pieces read again what this page held.
		if (read.state === 'split') return;
		if (!sent.ok) {
			const error = sent.error;
			if (error instanceof WdtApiError && error.kind === 'window-too-long') return splitRefused(read, error);
			if (!(error instanceof WdtProtocolError)) throw error;
			pass.unreadable(page, error.message);
			return afterPage(read, pass);
		}
		const { body, attempts, gatewayDate } = sent.value;
		requests++;
		retries += attempts - 1;
		if (gatewayDate !== undefined) {
			const offset = gatewayDate - clock();
			gatewayOffsetMs = Math.min(gatewayOffsetMs ?? offset, offset);
		}
		const parsed = readPage(body, spec, page);
		if (typeof parsed === 'string') pass.unreadable(page, parsed);
		else pass.accept(page, parsed, readTotalCount(body));
		if (options.keepAnswers) read.answers[read.answers.length - 1].set(page, { window: read.window, pageNo: page, body });
		afterPage(read, pass);
	};

	/** Distinct records of the windows and pages finished from the start on (for Limit). */
	const leadingRecordCount = (): number => {
		const seen = new Set<string>();
		for (const read of reads) {
			if (read.state === 'complete') {
				for (const ids of read.identities) for (const id of ids) seen.add(id);
				continue;
			}
			if (read.state !== 'reading') break;
			const pass = current(read);
			const leading: Array<Record<string, unknown>> = [];
			for (let p = 0; pass.pages.has(p); p++) leading.push(...(pass.pages.get(p) ?? []));
			for (const id of readIdentities(leading, spec.key)) seen.add(id);
			break;
		}
		return seen.size;
	};
	// With Limit, start a request only while the finished pages plus full answers to those in
	// flight could still fall short: no speculative pages beyond what Limit can use; once the
	// finished pages reach Limit nothing starts (Limit 0: nothing at all).
	const mayStart = (inFlight: number) => limit === undefined || leadingRecordCount() + inFlight * pageSize < limit;

	await runPool({ concurrency, pacer: new StartPacer(concurrency) }, next, fetchPage, mayStart);

	// Complete windows (and, with Limit, the windows it cut short) give records; incomplete ones an error.
	const failures: IncompleteWindow[] = [];
	const merger = new RecordMerger<IDataObject>(spec.key, spec.version ?? spec.timeField);
	const answers: FetchedAnswer[] = [];
	let limited = false;
	for (const read of reads) {
		if (read.state === 'incomplete') {
			const verdict = read.verdict as WindowVerdict;
			failures.push({
				endpoint: spec.endpoint,
				window: read.window,
				read: verdict.read,
				total: verdict.total,
				reads: read.passes.length,
				reason: verdict.reason as string,
			});
			continue;
		}
		if (read.state !== 'complete') limited = true;
		read.passes.forEach((pass, p) => {
			const records = pass.records() as IDataObject[];
			const ids = read.identities[p] ?? readIdentities(records, spec.key);
			records.forEach((record, i) => merger.add(record, ids[i]));
			// Answers in page order, whatever order they came back in.
			const byPage = read.answers[p];
			for (const page of [...byPage.keys()].sort((a, b) => a - b)) answers.push(byPage.get(page) as FetchedAnswer);
		});
	}
	const capped = reads.flatMap((read) => read.passes.filter((pass) => pass.cappedFrom !== undefined).map((pass) => pass.pageSize));
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
	const result: FetchListResult = {
		records: records.slice(0, limit),
		answers,
		windows: reads.map((read) => read.window).filter((w): w is TimeWindow => w !== undefined),
		requests,
		retries,
		duplicates: merger.duplicates,
		rereads,
		splits,
		servedPageSize: capped.length > 0 ? Math.min(...capped) : undefined,
		// Pages left unread, or more records than Limit in those read.
		limited: limit !== undefined && (limited || records.length > limit),
		gatewayOffsetMs,
	};
	if (failures.length > 0) throw new IncompleteListError<FetchListResult>(failures, result);
	return result;
}

interface PoolSettings {
	concurrency: number;
	pacer: StartPacer;
}

/**
 * Runs tasks with at most `concurrency` in flight (and no more while `mayStart` says no), taking
 * each from `next` only when a slot is free: nothing is queued ahead. Starts are spread by the
 * pacer (a few milliseconds: a stop is seen by the next request). The first failure stops new
 * starts; it is thrown once the tasks in flight have settled (none is left running).
 */
async function runPool<T>(
	{ concurrency, pacer }: PoolSettings,
	next: () => T | undefined,
	run: (task: T) => Promise<void>,
	mayStart: (inFlight: number) => boolean,
): Promise<void> {
	const running = new Set<Promise<void>>();
	let held: T | undefined;
	let failed = false;
	let failure: unknown;
	for (;;) {
		while (!failed && running.size < concurrency && mayStart(running.size)) {
			held ??= next();
			if (held === undefined) break;
			const wait = running.size > 0 ? pacer.delayMs() : 0;
			if (wait >= 1) {
				// Tasks may finish meanwhile: the conditions above are checked again after the wait.
				await sleep(wait);
				continue;
			}
			const task = held;
			held = undefined;
			const finished = pacer.start();
			const promise: Promise<void> = run(task).then(finished, (error: unknown) => {
				if (!failed) {
					failed = true;
					failure = error;
				}
			});
			const tracked = promise.then(() => {
				running.delete(tracked);
			});
			running.add(tracked);
		}
		if (running.size === 0) break;
		await Promise.race(running);
	}
	if (failed) throw failure;
}
