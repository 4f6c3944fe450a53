import { sleep } from 'n8n-workflow';

/** How retries are paced: exponential backoff with full jitter, bounded in count and size. */
export interface RetryPolicy {
	/** Retries after the first attempt (0 = try once). */
	maxRetries: number;
	/** The first wait, doubled each retry. */
	baseDelayMs: number;
	/** No single wait is longer than this. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 30000 };

/** Wait before retry `retry` (1-based): half fixed, half random, so parallel batches spread out. */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Thrown when the execution is stopped while we wait. */
export class ExecutionCancelledError extends Error {
	constructor() {
		super('The execution was stopped');
		this.name = 'ExecutionCancelledError';
	}
}

const SLICE_MS = 100;

/**
 * Waits `ms`, returning early (with ExecutionCancelledError) once the execution is stopped.
 * n8n-workflow's `sleep` cannot be aborted, so the wait is taken in short slices.
 */
export async function waitUnlessCancelled(ms: number, signal?: AbortSignal): Promise<void> {
	const end = Date.now() + ms;
	for (;;) {
		if (signal?.aborted) throw new ExecutionCancelledError();
		const left = end - Date.now();
		if (left <= 0) return;
		await sleep(Math.min(left, SLICE_MS));
	}
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise's outcome as a value, so failures are classified (and wrapped) outside `catch`. */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	try {
		return { ok: true, value: await promise };
	} catch (error) {
		return { ok: false, error };
	}
}
