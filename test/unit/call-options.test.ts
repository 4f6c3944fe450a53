import { DEFAULT_TIMEOUT_MS, callOptionProperties, readCallOptions } from '../../nodes/Wdt/callOptions';
import { DEFAULT_RETRY } from '../../nodes/Wdt/transport/retry';

describe('call options', () => {
	it('show the defaults the nodes use', () => {
		const defaults = Object.fromEntries(callOptionProperties('batch').map((p) => [p.name, p.default]));
		expect(defaults).toEqual({
			maxRetries: DEFAULT_RETRY.maxRetries,
			retryDelayMs: DEFAULT_RETRY.baseDelayMs,
			timeoutMs: DEFAULT_TIMEOUT_MS,
		});
	});

	it('clamp what a user or an expression gives', () => {
		expect(readCallOptions({})).toEqual({ timeoutMs: DEFAULT_TIMEOUT_MS, retry: DEFAULT_RETRY });
		const odd = readCallOptions({ maxRetries: 99, retryDelayMs: -5, timeoutMs: Number.NaN });
		expect(odd.retry.maxRetries).toBe(10);
		expect(odd.retry.baseDelayMs).toBe(0);
		expect(odd.timeoutMs).toBe(DEFAULT_TIMEOUT_MS);
	});
});
