/**
 * Spreads the starts of parallel requests evenly over the time one request takes.
 *
 * Why: n8n runs every request's own work (signing, n8n's request path, parsing the answer) on one
 * thread. Requests started together come back together, their work is interleaved, so they finish
 * together and start the next round together again: with Concurrency 4 each round costs the
 * gateway's answer time plus four requests' work. Started apart, each request's work falls while
 * the others wait for the gateway, and a round costs about one answer time.
 *
 * The gap aims at an even spread (PACE × average request time ÷ concurrency: below the time a
 * slot takes to free, so pacing never holds back more starts than the slots allow) but is never
 * more than MAX_GAP_MS: a few milliseconds apart are enough to keep the work of two requests from
 * overlapping, and a slow first request (connection set-up) cannot slow the next ones down for long.
 */

/** Fraction of the even spacing kept: below 1 so that the pool stays ahead of the slots. */
export const PACE = 0.75;
/** The longest a start is held after the previous one. */
export const MAX_GAP_MS = 10;
/** Weight of the newest request time in the running average. */
export const AVERAGE_WEIGHT = 0.2;

export class StartPacer {
	private lastStart = Number.NEGATIVE_INFINITY;

	private averageMs: number | undefined;

	constructor(
		private readonly concurrency: number,
		private readonly now: () => number = () => performance.now(),
	) {}

	/** How long the next start should wait (0: start now). No pacing with one slot or before a request finished. */
	delayMs(): number {
		if (this.concurrency < 2 || this.averageMs === undefined) return 0;
		const gap = Math.min(MAX_GAP_MS, (PACE * this.averageMs) / this.concurrency);
		return Math.max(0, this.lastStart + gap - this.now());
	}

	/** Marks a start; call the function returned when that request has finished. */
	start(): () => void {
		const startedAt = this.now();
		this.lastStart = startedAt;
		return () => {
			const took = this.now() - startedAt;
			this.averageMs = this.averageMs === undefined ? took : this.averageMs + AVERAGE_WEIGHT * (took - this.averageMs);
		};
	}
}
