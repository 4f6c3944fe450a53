// @ts-check
'use strict';

/**
 * A per-appkey call rate limit (calls per second), as WDT meters its API accounts.
 * Sliding window: a call is refused when `perSecond` calls of the same appkey were let through in
 * the last 1000 ms. Refused calls do not count. `perSecond` 0 (or less) means no limit; it can be
 * changed while the emulator runs (`emu.rateLimit.perSecond = 5`).
 * The answer (HTTP 200, code 1010, a message with 超 and 频率) is fixed by the WDT-node contract.
 */

const RATE_LIMITED = Object.freeze({ code: 1010, message: '超过每秒最大调用频率限制,请稍后再试' });

class RateLimit {
	/**
	 * @param {{ perSecond?: number, nowMs?: () => number }} [options]
	 *   nowMs: a millisecond clock (default performance.now(); the emulator clock is in seconds)
	 */
	constructor(options = {}) {
		this.perSecond = options.perSecond ?? 0;
		this.nowMs = options.nowMs ?? (() => performance.now());
		/** @type {Map<string, number[]>} appkey → times of the calls let through, oldest first */
		this.calls = new Map();
		/** calls refused since the start (or reset) */
		this.refused = 0;
	}

	/**
	 * Let a call of this appkey through (and count it), or not.
	 * @param {string} appkey
	 */
	allow(appkey) {
		if (!(this.perSecond > 0)) return true;
		const now = this.nowMs();
		let times = this.calls.get(appkey);
		if (!times) {
			times = [];
			this.calls.set(appkey, times);
		}
		let expired = 0;
		while (expired < times.length && times[expired] <= now - 1000) expired++;
		if (expired > 0) times.splice(0, expired);
		if (times.length >= this.perSecond) {
			this.refused++;
			return false;
		}
		times.push(now);
		return true;
	}

	/** Forget the calls seen (the limit stays). */
	reset() {
		this.calls.clear();
		this.refused = 0;
	}
}

module.exports = { RateLimit, RATE_LIMITED };
