import { DEFAULT_RETRY, ExecutionCancelledError, backoffDelay, settle, waitUnlessCancelled } from '../../nodes/Wdt/transport/retry';

describe('backoffDelay', () => {
	const policy = { maxRetries: 5, baseDelayMs: 1000, maxDelayMs: 5000 };

	it('waits between half and all of a ceiling that doubles per retry', () => {
		expect([1, 2, 3].map((retry) => backoffDelay(policy, retry, () => 0))).toEqual([500, 1000, 2000]);
		expect([1, 2, 3].map((retry) => backoffDelay(policy, retry, () => 1))).toEqual([1000, 2000, 4000]);
		expect(backoffDelay(policy, 2, () => 0.5)).toBe(1500);
	});

	it('never waits longer than maxDelayMs', () => {
		expect(backoffDelay(policy, 4, () => 1)).toBe(5000);
		expect(backoffDelay(policy, 30, () => 1)).toBe(5000);
		expect(backoffDelay(policy, 4, () => 0)).toBe(2500);
	});

	it('rounds to whole milliseconds and uses Math.random by default', () => {
		expect(backoffDelay({ ...policy, baseDelayMs: 3 }, 1, () => 0.5)).toBe(2); // 1.5 + 0.75 → 2
		const delay = backoffDelay(policy, 1);
		expect(Number.isInteger(delay) && delay >= 500 && delay <= 1000).toBe(true);
	});

	it('defaults to 3 retries, 1 s first wait, 30 s cap', () => {
		expect(DEFAULT_RETRY).toEqual({ maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 30000 });
	});
});

describe('waitUnlessCancelled', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	it('waits the whole time when nobody cancels', async () => {
		let done = false;
		const wait = waitUnlessCancelled(1000, new AbortController().signal).then(() => (done = true));
		await jest.advanceTimersByTimeAsync(999);
		expect(done).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		await wait;
		expect(done).toBe(true);
	});

	it('ends a long wait soon after the execution is stopped, with ExecutionCancelledError', async () => {
		const controller = new AbortController();
		const wait = settle(waitUnlessCancelled(120000, controller.signal));
		let outcome: Awaited<typeof wait> | undefined;
		void wait.then((result) => (outcome = result));
		await jest.advanceTimersByTimeAsync(5000);
		expect(outcome).toBeUndefined();
		controller.abort();
		await jest.advanceTimersByTimeAsync(100); // one slice
		expect(outcome).toEqual({ ok: false, error: new ExecutionCancelledError() });
		expect((outcome as { error: Error }).error).toBeInstanceOf(ExecutionCancelledError);
		expect((outcome as { error: Error }).error.name).toBe('ExecutionCancelledError');
	});

	it('does not start waiting when the execution is already stopped', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(waitUnlessCancelled(0, controller.signal)).rejects.toThrow('The execution was stopped');
	});

	it('returns at once for no wait, with or without a signal', async () => {
		await expect(waitUnlessCancelled(0)).resolves.toBeUndefined();
		await expect(waitUnlessCancelled(-5, new AbortController().signal)).resolves.toBeUndefined();
	});
});

describe('settle', () => {
	it('turns a promise into its outcome', async () => {
		await expect(settle(Promise.resolve(7))).resolves.toEqual({ ok: true, value: 7 });
		const error = new Error('no');
		await expect(settle(Promise.reject(error))).resolves.toEqual({ ok: false, error });
	});
});
