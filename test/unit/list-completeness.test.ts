/**
 * When a window of a paged list has been read completely (protocol/listCompleteness.ts): which
 * page a read asks for next, what contradicts a read, how the reads of a window add up, and what
 * the error says.
 */
import {
	INCOMPLETE_HINT,
	IncompleteListError,
	MAX_PAGES_PER_WINDOW,
	MAX_REREADS,
	WindowPass,
	describeIncompleteWindow,
	describeWindow,
	judgeWindow,
} from '../../nodes/Wdt/protocol/listCompleteness';
import { readIdentities } from '../../nodes/Wdt/protocol/listAnswer';

const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: String(from + i) }));

/** Requests every page the pass offers now; returns their numbers. */
function drain(pass: WindowPass): number[] {
	const pages: number[] = [];
	for (let page = pass.nextPage(); page !== undefined; page = pass.nextPage()) {
		pass.requested(page);
		pages.push(page);
	}
	return pages;
}

describe('WindowPass: which page next', () => {
	it('page 0 first and alone; then the pages total_count asks for, one by one as asked; nothing queued past them', () => {
		const pass = new WindowPass(100);
		expect(drain(pass)).toEqual([0]);
		expect(pass.done).toBe(false);
		pass.accept(0, rows(0, 100), 250);
		expect(pass.nextPage()).toBe(1);
		pass.requested(1);
		expect(pass.nextPage()).toBe(2);
		pass.requested(2);
		expect(pass.nextPage()).toBeUndefined(); // page 2 is the last total_count asks for
		pass.accept(2, rows(200, 50), undefined);
		pass.accept(1, rows(100, 100), undefined);
		expect(pass.done).toBe(true);
		expect(pass.problem).toBeUndefined();
		expect(pass.records().map((r) => r.id)).toEqual(rows(0, 250).map((r) => r.id));
	});

	it('a huge total_count is refused at page 0 (nothing more to ask), one at the limit is not', () => {
		const huge = new WindowPass(100);
		drain(huge);
		huge.accept(0, rows(0, 100), 1e9);
		expect(huge.problem).toBe(`total_count announces 1000000000 records: more than ${MAX_PAGES_PER_WINDOW} pages of 100`);
		expect(huge.nextPage()).toBeUndefined();
		expect(huge.done).toBe(true);
		const atLimit = new WindowPass(100);
		drain(atLimit);
		atLimit.accept(0, rows(0, 100), MAX_PAGES_PER_WINDOW * 100);
		expect(atLimit.problem).toBeUndefined();
		expect(atLimit.nextPage()).toBe(1);
	});

	it('page 0 shorter than page_size while total_count says more: a silent cap; the pass reads on at the size served', () => {
		const pass = new WindowPass(100);
		drain(pass);
		pass.accept(0, rows(0, 40), 130);
		expect([pass.pageSize, pass.cappedFrom, pass.problem]).toEqual([40, 100, undefined]);
		expect(drain(pass)).toEqual([1, 2, 3]); // ⌈130 / 40⌉ pages
		pass.accept(1, rows(40, 40), undefined);
		pass.accept(2, rows(80, 40), undefined);
		pass.accept(3, rows(120, 10), undefined);
		expect(pass.done).toBe(true);
		expect(pass.problem).toBeUndefined();
		expect(pass.records()).toEqual(rows(0, 130));
	});

	it('no cap where page 0 holds every record counted, is empty, or fills page_size; a later page short is a contradiction as before', () => {
		for (const [records, total] of [
			[rows(0, 40), 40],
			[[], 0],
			[rows(0, 100), 130],
		] as const) {
			const pass = new WindowPass(100);
			drain(pass);
			pass.accept(0, [...records], total);
			expect([total, pass.pageSize, pass.cappedFrom]).toEqual([total, 100, undefined]);
		}
		const capped = new WindowPass(100);
		drain(capped);
		capped.accept(0, rows(0, 40), 130);
		drain(capped);
		capped.accept(1, rows(40, 39), undefined);
		expect(capped.problem).toBe('page 1 came back with 39 of 40 records, though total_count 130 asks for 4 pages');
	});

	it('a cap that makes total_count need more than the page limit is refused at page 0', () => {
		const pass = new WindowPass(100, 3);
		drain(pass);
		pass.accept(0, rows(0, 40), 200);
		expect(pass.problem).toBe('total_count announces 200 records: more than 3 pages of 40 (the page size the gateway serves)');
		expect(pass.done).toBe(true);
	});

	it('a page that repeats the one before contradicts the read (a gateway answering every page_no alike)', () => {
		const counted = new WindowPass(100);
		drain(counted);
		counted.accept(0, rows(0, 100), 100);
		expect(drain(counted)).toEqual([1]); // the last counted page full: one more
		counted.accept(1, rows(0, 100), undefined);
		expect(counted.problem).toBe('page 1 repeats page 0');
		expect(counted.done).toBe(true);
		const uncounted = new WindowPass(10);
		drain(uncounted);
		uncounted.accept(0, rows(0, 10), undefined);
		drain(uncounted);
		uncounted.accept(1, rows(10, 10), undefined);
		drain(uncounted);
		uncounted.accept(2, rows(10, 10), undefined);
		expect(uncounted.problem).toBe('page 2 repeats page 1');
	});

	it('the last counted page full (records added meanwhile): reads on, one page at a time, until a short one', () => {
		const pass = new WindowPass(100);
		drain(pass);
		pass.accept(0, rows(0, 100), 200);
		expect(drain(pass)).toEqual([1]);
		pass.accept(1, rows(100, 100), undefined);
		expect(drain(pass)).toEqual([2]);
		pass.accept(2, rows(200, 100), undefined);
		expect(drain(pass)).toEqual([3]);
		pass.accept(3, rows(300, 7), undefined);
		expect(pass.done).toBe(true);
		expect(pass.problem).toBeUndefined();
	});

	it('total_count 0 and an empty page 0: done at once; a multiple of the page size: one page more to see it end', () => {
		const empty = new WindowPass(100);
		drain(empty);
		empty.accept(0, [], 0);
		expect(empty.done).toBe(true);
		const exact = new WindowPass(100);
		drain(exact);
		exact.accept(0, rows(0, 100), 100);
		expect(drain(exact)).toEqual([1]);
		exact.accept(1, [], undefined);
		expect(exact.done).toBe(true);
		expect(exact.problem).toBeUndefined();
	});

	it('a short page before the last counted one contradicts total_count: nothing more is asked', () => {
		const pass = new WindowPass(100);
		drain(pass);
		pass.accept(0, rows(0, 100), 350);
		expect(drain(pass)).toEqual([1, 2, 3]);
		pass.accept(1, rows(100, 60), undefined);
		expect(pass.problem).toBe('page 1 came back with 60 of 100 records, though total_count 350 asks for 4 pages');
		expect(pass.nextPage()).toBeUndefined();
		expect(pass.done).toBe(false); // pages 2 and 3 are still in flight
		pass.accept(2, rows(200, 100), undefined);
		pass.accept(3, rows(300, 50), undefined);
		expect(pass.done).toBe(true);
		expect(pass.problem).toMatch(/^page 1 came back/); // the first problem stays
	});

	it('the last counted page short is the end; a later page answered short does not move the end', () => {
		const pass = new WindowPass(10);
		drain(pass);
		pass.accept(0, rows(0, 10), 25);
		drain(pass);
		pass.accept(2, rows(20, 5), undefined);
		pass.accept(1, rows(10, 10), undefined);
		expect(pass.done).toBe(true);
		expect(pass.problem).toBeUndefined();
	});

	it('a later page stating another total_count contradicts page 0; the same one does not', () => {
		const same = new WindowPass(10);
		drain(same);
		same.accept(0, rows(0, 10), 15);
		drain(same);
		same.accept(1, rows(10, 5), 15);
		expect(same.problem).toBeUndefined();
		const other = new WindowPass(10);
		drain(other);
		other.accept(0, rows(0, 10), 15);
		drain(other);
		other.accept(1, rows(10, 5), 16);
		expect(other.problem).toBe('page 1 states total_count 16, page 0 stated 15');
	});

	it('the first contradiction is kept: a page stating another total_count that is also short reports the count', () => {
		const pass = new WindowPass(10);
		drain(pass);
		pass.accept(0, rows(0, 10), 35);
		drain(pass);
		pass.accept(1, rows(10, 3), 99);
		expect(pass.problem).toBe('page 1 states total_count 99, page 0 stated 35');
	});

	it('page 0 without total_count: a later page stating one is not compared with anything', () => {
		const pass = new WindowPass(10);
		drain(pass);
		pass.accept(0, rows(0, 10), undefined);
		drain(pass);
		pass.accept(1, rows(10, 3), 13);
		expect(pass.problem).toBeUndefined();
		expect(drain(pass)).toEqual([2]); // no count from page 0: read on to an empty page
	});

	it('an unreadable page is a problem; the first one is kept', () => {
		const pass = new WindowPass(10);
		drain(pass);
		pass.accept(0, rows(0, 10), 30);
		drain(pass);
		pass.unreadable(2, 'not JSON');
		pass.unreadable(1, 'also not JSON');
		expect(pass.problem).toBe('page 2 could not be read: not JSON');
		expect(pass.done).toBe(true);
	});

	describe('without total_count', () => {
		it('reads page after page while they are full, and one more after a short page: it must be empty', () => {
			const pass = new WindowPass(10);
			drain(pass);
			pass.accept(0, rows(0, 10), undefined);
			expect(drain(pass)).toEqual([1]);
			pass.accept(1, rows(10, 4), undefined);
			expect(pass.done).toBe(false);
			expect(drain(pass)).toEqual([2]);
			pass.accept(2, [], undefined);
			expect(pass.done).toBe(true);
			expect(pass.problem).toBeUndefined();
		});

		it('records after a short page contradict it', () => {
			const pass = new WindowPass(10);
			drain(pass);
			pass.accept(0, rows(0, 4), undefined);
			drain(pass);
			pass.accept(1, rows(4, 10), undefined);
			expect(pass.problem).toBe('page 1 has 10 records after the short page 0');
			expect(pass.done).toBe(true);
		});

		it('an empty page 0 ends the read at once', () => {
			const pass = new WindowPass(10);
			drain(pass);
			pass.accept(0, [], undefined);
			expect(pass.done).toBe(true);
		});

		it(`stops with a problem at ${MAX_PAGES_PER_WINDOW} pages (here a guard of 3)`, () => {
			const pass = new WindowPass(1, 3);
			for (let page = 0; page < 3; page++) {
				expect(drain(pass)).toEqual([page]);
				pass.accept(page, rows(page, 1), undefined);
			}
			expect(pass.nextPage()).toBeUndefined();
			expect(pass.problem).toBe('more than 3 pages of 1');
			expect(pass.done).toBe(true);
		});
	});
});

describe('judgeWindow: how the reads of a window add up', () => {
	const finished = (pages: Array<Array<{ id: string }>>, total?: number) => {
		const pass = new WindowPass(100);
		pages.forEach((records, page) => {
			pass.requested(page);
			pass.accept(page, records, page === 0 ? total : undefined);
		});
		return pass;
	};
	const judge = (passes: WindowPass[]) => judgeWindow(passes, passes.map((pass) => readIdentities(pass.records(), 'id')));

	it('complete: one consistent read holding total_count records', () => {
		expect(judge([finished([rows(0, 40)], 40)])).toEqual({ complete: true, readAgain: false, read: 40, total: 40 });
	});

	it('short of total_count: read again while re-reads are left, then incomplete with the counts', () => {
		const short = () => finished([rows(0, 39)], 40);
		expect(judge([short()])).toMatchObject({ complete: false, readAgain: true, read: 39, total: 40 });
		const passes = Array.from({ length: 1 + MAX_REREADS }, short);
		expect(judge(passes)).toEqual({
			complete: false,
			readAgain: false,
			read: 39,
			total: 40,
			reason: 'the reads together brought 39 of the 40 records total_count announces',
		});
	});

	it('the reads together count: a record only the first read brought makes up the second', () => {
		const first = finished([[...rows(0, 20), ...rows(21, 19)]], 40); // 20 missing
		const second = finished([rows(0, 39)], 40); // 39 missing
		expect(judge([first, second])).toMatchObject({ complete: true, read: 40 });
	});

	it('the last read decides on contradictions: a contradiction in an earlier read is healed by a consistent one', () => {
		const broken = new WindowPass(100);
		broken.requested(0);
		broken.unreadable(0, 'cut off');
		expect(judge([broken])).toMatchObject({ complete: false, readAgain: true, reason: 'page 0 could not be read: cut off' });
		expect(judge([broken, finished([rows(0, 3)], 3)])).toMatchObject({ complete: true });
		expect(judge([finished([rows(0, 3)], 3), broken, broken])).toMatchObject({ complete: false, readAgain: false, read: 3, total: undefined });
	});

	it('a record twice in one read (rows shifting) is read again; after the re-reads, all counted, it is complete', () => {
		const shifted = () => finished([[...rows(0, 10), { id: '9' }]], 10);
		expect(judge([shifted()])).toMatchObject({ complete: false, readAgain: true, read: 10 });
		expect(judge(Array.from({ length: 1 + MAX_REREADS }, shifted))).toEqual({ complete: true, readAgain: false, read: 10, total: 10 });
	});

	it('no total_count: complete when the read contradicts nothing', () => {
		expect(judge([finished([rows(0, 5)])])).toEqual({ complete: true, readAgain: false, read: 5, total: undefined });
	});
});

describe('what an incomplete window says', () => {
	const window = { start: Date.UTC(2026, 10, 28, 2), end: Date.UTC(2026, 10, 28, 3) };

	it('the window in Beijing time, the counts, the reads and why', () => {
		expect(describeWindow(window)).toBe('the window 2026-11-28 10:00:00 – 2026-11-28 11:00:00 (Beijing time)');
		expect(describeWindow(undefined)).toBe('the list');
		expect(describeIncompleteWindow({ endpoint: 'trade_query', window, read: 640, total: 690, reads: 3, reason: 'why' })).toBe(
			'the window 2026-11-28 10:00:00 – 2026-11-28 11:00:00 (Beijing time) could not be read completely: read 640 of 690 (read 3 times); why',
		);
		expect(describeIncompleteWindow({ endpoint: 'shop', read: 7, reads: 1, reason: 'why' })).toBe(
			'the list could not be read completely: read 7 records (read once); why',
		);
	});

	it('IncompleteListError names the first window and how many more; carries them all and the partial result', () => {
		const failure = { endpoint: 'trade_query', window, read: 1, total: 2, reads: 3, reason: 'r' };
		const one = new IncompleteListError([failure], 'partial');
		expect(one.message).toBe(`trade_query: ${describeIncompleteWindow(failure)}`);
		expect(one.name).toBe('IncompleteListError');
		expect(one.partial).toBe('partial');
		expect(new IncompleteListError([failure, failure], null).message).toMatch(/; r \(and 1 more window\)$/);
		expect(new IncompleteListError([failure, failure, failure], null).message).toMatch(/; r \(and 2 more windows\)$/);
		expect(INCOMPLETE_HINT).toMatch(/safe to repeat/);
	});
});
