/**
 * When a window of a paged list has been read completely, and what to say when it has not. Pure
 * logic, free of n8n and of HTTP: the fetcher (transport/fetchList.ts) asks a WindowPass which page
 * to request next and hands it each page; a window's passes together decide whether it is complete.
 *
 * One pass reads a window from page 0 (`page_no` counts from 0):
 * - With `total_count` on page 0 (T records at page size P), pages 1 … ⌈T/P⌉−1 follow, asked for
 *   one at a time as request slots free up (never all at once: a huge T costs nothing until read).
 *   Every page before the last must be full; the last is short, or, when it is full (records
 *   added meanwhile), the pass reads on page by page until a short one.
 * - Without `total_count` a short page cannot tell the end on its own: the pass reads on to an
 *   empty page, and a page with records after a short one contradicts it.
 * - A page 0 shorter than `page_size` while its `total_count` says there is more is a gateway that
 *   serves fewer rows a page than asked, silently (a page size cap): the pass reads on at the size
 *   served. Page k is then rows k·n … k·n+n−1 however the gateway counts its offsets (by the size
 *   asked or the size served), since both are n now; the counts below check the rest as usual.
 * - A pass is inconsistent (the window is read again) when a page in the middle comes back short
 *   or empty, a page cannot be read, a later page states another `total_count`, a page repeats the
 *   one before it, T is impossible (beyond MAX_PAGES pages), or the pass needs more than MAX_PAGES pages.
 * A window is complete when its last pass is consistent, its records (all passes together) reach
 * that pass's T, and no record came twice within one pass (rows shifting between pages). After
 * MAX_REREADS re-reads, a window that only had rows shifting but holds all T records is complete;
 * any other is incomplete: the caller is told, never handed a partial list as the whole.
 */
import { formatBeijing } from './beijingTime';
import type { TimeWindow } from './timeWindows';

/** Re-reads of one window after an inconsistent pass (so at most 1 + MAX_REREADS passes). */
export const MAX_REREADS = 2;

/** A hard stop per pass of a window, whatever the gateway answers or announces. */
export const MAX_PAGES_PER_WINDOW = 10000;

/** One read of a window, page by page. */
export class WindowPass {
	/** Records per page number, as the pages answered. */
	readonly pages = new Map<number, Array<Record<string, unknown>>>();
	/** page 0's total_count (undefined: not stated, or page 0 not answered yet). */
	total?: number;
	/** Why this pass contradicts itself (undefined: nothing so far). */
	problem?: string;
	private next = 0;
	private inFlight = 0;
	/** A page ended the pass (short with total_count; empty without). */
	private ended = false;
	/** Without total_count: the first short page that had records. */
	private shortPage?: number;

	/** The page size this pass asks for: as given, or the size the gateway serves once page 0 showed a cap. */
	pageSize: number;
	/** The page size asked for at first, when page 0 showed the gateway serves fewer (undefined: no cap seen). */
	cappedFrom?: number;

	constructor(
		pageSize: number,
		private readonly maxPages: number = MAX_PAGES_PER_WINDOW,
	) {
		this.pageSize = pageSize;
	}

	/** The page to request now, or undefined (none needed now, or the pass is over). */
	nextPage(): number | undefined {
		if (this.problem !== undefined || this.ended) return undefined;
		if (this.next === 0) return 0;
		// The pages page 0's total_count asks for (none before page 0 answered: no count yet).
		if (this.next <= this.lastCounted()) return this.next;
		// Past the counted pages (or without a count): one page at a time, after the one before.
		if (this.inFlight > 0) return undefined;
		if (this.next >= this.maxPages) {
			this.problem = `more than ${this.maxPages} pages of ${this.pageSize}`;
			return undefined;
		}
		return this.next;
	}

	/** Marks `page` (the one nextPage gave) as requested. */
	requested(page: number): void {
		this.next = page + 1;
		this.inFlight++;
	}

	/** A page's records (each an object) and the total_count it stated (undefined: none). */
	accept(page: number, records: Array<Record<string, unknown>>, statedTotal: number | undefined): void {
		this.inFlight--;
		this.pages.set(page, records);
		if (page === 0) {
			this.total = statedTotal;
			const served = records.length;
			if (statedTotal !== undefined && statedTotal > this.maxPages * this.pageSize) {
				this.problem = `total_count announces ${statedTotal} records: more than ${this.maxPages} pages of ${this.pageSize}`;
			} else if (statedTotal !== undefined && served > 0 && served < this.pageSize && statedTotal > served) {
				this.cappedFrom = this.pageSize;
				this.pageSize = served;
				if (statedTotal > this.maxPages * served) {
					this.problem = `total_count announces ${statedTotal} records: more than ${this.maxPages} pages of ${served} (the page size the gateway serves)`;
				}
			}
		} else if (statedTotal !== undefined && this.total !== undefined && statedTotal !== this.total) {
			this.problem = `page ${page} states total_count ${statedTotal}, page 0 stated ${this.total}`;
		}
		if (this.problem === undefined && page > 0 && records.length > 0 && samePage(this.pages.get(page - 1), records)) {
			// A gateway that answers every page_no with the same page would be read on forever.
			this.problem = `page ${page} repeats page ${page - 1}`;
		}
		if (this.problem !== undefined) return;
		if (this.total !== undefined) this.acceptCounted(page, records.length);
		else this.acceptUncounted(page, records.length);
	}

	/** A page that could not be read (not JSON after the retries, a record that is not an object…). */
	unreadable(page: number, reason: string): void {
		this.inFlight--;
		this.problem ??= `page ${page} could not be read: ${reason}`;
	}

	/** No page in flight and none to request: the pass is over. */
	get done(): boolean {
		return this.inFlight === 0 && this.nextPage() === undefined;
	}

	/** The records of the pass in page order. */
	records(): Array<Record<string, unknown>> {
		return [...this.pages.keys()].sort((a, b) => a - b).flatMap((page) => this.pages.get(page) ?? []);
	}

	/** The highest page total_count asks for (0 without one). */
	private lastCounted(): number {
		return Math.max(Math.ceil((this.total ?? 0) / this.pageSize) - 1, 0);
	}

	private acceptCounted(page: number, count: number): void {
		if (count >= this.pageSize) return;
		if (page < this.lastCounted()) {
			this.problem = `page ${page} came back with ${count} of ${this.pageSize} records, though total_count ${String(this.total)} asks for ${this.lastCounted() + 1} pages`;
			return;
		}
		this.ended = true;
	}

	/** Without total_count pages come one at a time: a page here follows every page before it. */
	private acceptUncounted(page: number, count: number): void {
		if (this.shortPage !== undefined && count > 0) {
			this.problem = `page ${page} has ${count} records after the short page ${this.shortPage}`;
			return;
		}
		if (count === 0) this.ended = true;
		else if (count < this.pageSize) this.shortPage = page;
	}
}

/** Two pages with the same records, in the same order. */
function samePage(before: Array<Record<string, unknown>> | undefined, page: Array<Record<string, unknown>>): boolean {
	if (before === undefined || before.length !== page.length) return false;
	return JSON.stringify(before) === JSON.stringify(page);
}

/** How a window's reads add up (identities: readIdentities of each pass's records). */
export interface WindowVerdict {
	complete: boolean;
	/** A re-read may help (false: complete, or nothing left to try). */
	readAgain: boolean;
	/** Distinct records of all passes together. */
	read: number;
	/** total_count of the last pass. */
	total?: number;
	/** Why it is not complete (the last pass's contradiction, or the count). */
	reason?: string;
}

/**
 * The verdict on a window after a pass: `passes` in order (the last just finished), `identities`
 * the identities of each pass's records in page order.
 */
export function judgeWindow(passes: WindowPass[], identities: string[][], maxRereads: number = MAX_REREADS): WindowVerdict {
	const last = passes[passes.length - 1];
	const all = new Set(identities.flat());
	const lastIds = identities[identities.length - 1];
	const shifted = new Set(lastIds).size < lastIds.length;
	const total = last.total;
	const short = total !== undefined && all.size < total;
	const verdict = { read: all.size, total };
	let reason: string | undefined = last.problem;
	if (reason === undefined && short) reason = `the reads together brought ${all.size} of the ${String(total)} records total_count announces`;
	if (reason === undefined && !shifted) return { complete: true, readAgain: false, ...verdict };
	const rereadsLeft = passes.length <= maxRereads;
	// Rows moved between pages on every read, yet nothing is missing by count: as complete as WDT can say.
	if (reason === undefined) return { complete: !rereadsLeft, readAgain: rereadsLeft, ...verdict };
	return { complete: false, readAgain: rereadsLeft, reason, ...verdict };
}

/** A window that could not be read completely. */
export interface IncompleteWindow {
	endpoint: string;
	/** The window (undefined: the endpoint takes no time range). */
	window?: TimeWindow;
	/** Distinct records its reads brought. */
	read: number;
	/** total_count of its last read (undefined: the gateway stated none). */
	total?: number;
	/** How many times it was read. */
	reads: number;
	reason: string;
}

/** A window as WDT's Beijing-time text, or "the list" without one. */
export function describeWindow(window: TimeWindow | undefined): string {
	return window === undefined
		? 'the list'
		: `the window ${formatBeijing(window.start)} – ${formatBeijing(window.end)} (Beijing time)`;
}

/** One window's failure in a sentence: the window, the counts ("read N of M") and why. */
export function describeIncompleteWindow(failure: IncompleteWindow): string {
	const counts = failure.total === undefined ? `read ${failure.read} records` : `read ${failure.read} of ${failure.total}`;
	const times = failure.reads === 1 ? 'once' : `${failure.reads} times`;
	return `${describeWindow(failure.window)} could not be read completely: ${counts} (read ${times}); ${failure.reason}`;
}

/** What to do about an incomplete window: reads are safe to repeat. */
export const INCOMPLETE_HINT =
	'Nothing was changed in WDT (reads are safe to repeat). Run it again for the same range: records that WDT changed while they were read make pages shift, and a new read usually adds up. If it fails again, read only that window (set From / To to it) and check its records in WDT: the gateway contradicts itself for it.';

/**
 * A list with one or more windows that could not be read completely. `partial` holds what the
 * complete windows gave (the caller decides whether to use it, and says so).
 */
export class IncompleteListError<P = unknown> extends Error {
	constructor(
		readonly windows: IncompleteWindow[],
		readonly partial: P,
	) {
		const [first] = windows;
		const more = windows.length > 1 ? ` (and ${windows.length - 1} more window${windows.length > 2 ? 's' : ''})` : '';
		super(`${first.endpoint}: ${describeIncompleteWindow(first)}${more}`);
		this.name = 'IncompleteListError';
	}
}
