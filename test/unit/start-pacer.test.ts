/** The pacer's arithmetic, on a clock the test moves (fetch-list.test.ts sees it spread real starts). */
import { AVERAGE_WEIGHT, MAX_GAP_MS, PACE, StartPacer } from '../../nodes/Wdt/transport/startPacer';

function clocked(concurrency: number) {
	let now = 1000;
	const pacer = new StartPacer(concurrency, () => now);
	return { pacer, advance: (ms: number) => (now += ms) };
}

describe('StartPacer', () => {
	it('holds no start before a request has finished (nothing to measure yet)', () => {
		const { pacer, advance } = clocked(4);
		expect(pacer.delayMs()).toBe(0);
		pacer.start();
		pacer.start();
		advance(1);
		expect(pacer.delayMs()).toBe(0);
	});

	it('spaces starts PACE × average request time ÷ concurrency apart, counted from the last start', () => {
		const { pacer, advance } = clocked(4);
		const done = pacer.start();
		advance(40);
		done(); // one request of 40 ms: the gap is 0.75 × 40 / 4 = 7.5 ms
		expect(PACE).toBe(0.75);
		pacer.start();
		expect(pacer.delayMs()).toBe(7.5);
		advance(3);
		expect(pacer.delayMs()).toBe(4.5);
		advance(10);
		expect(pacer.delayMs()).toBe(0);
	});

	it('keeps a running average of the request times (newest weighted AVERAGE_WEIGHT)', () => {
		const { pacer, advance } = clocked(4);
		const first = pacer.start();
		advance(40);
		first();
		const second = pacer.start();
		advance(20);
		second(); // 40 + 0.2 × (20 − 40) = 36
		expect(AVERAGE_WEIGHT).toBe(0.2);
		pacer.start();
		expect(pacer.delayMs()).toBeCloseTo((PACE * 36) / 4, 10);
	});

	it('times each request from its own start, however starts and ends interleave', () => {
		const { pacer, advance } = clocked(4);
		const a = pacer.start();
		advance(10);
		const b = pacer.start();
		advance(30);
		b(); // b took 30 ms (a started 40 ms ago)
		pacer.start();
		expect(pacer.delayMs()).toBe((PACE * 30) / 4);
		a(); // a took 40 ms: 30 + 0.2 × (40 − 30) = 32
		expect(pacer.delayMs()).toBeCloseTo((PACE * 32) / 4, 10);
	});

	it('never holds a start more than MAX_GAP_MS after the previous one, however slow the requests', () => {
		const { pacer, advance } = clocked(2);
		const done = pacer.start();
		advance(1000);
		done(); // 0.75 × 1000 / 2 = 375 ms spread evenly, but 10 ms apart are enough
		expect(MAX_GAP_MS).toBe(10);
		pacer.start();
		expect(pacer.delayMs()).toBe(10);
		advance(4);
		expect(pacer.delayMs()).toBe(6);
	});

	it('never paces a single slot', () => {
		const { pacer, advance } = clocked(1);
		const done = pacer.start();
		advance(50);
		done();
		pacer.start();
		expect(pacer.delayMs()).toBe(0);
	});
});
