import type { INodeProperties } from 'n8n-workflow';

import type { RetryPolicy } from './transport/retry';
import { DEFAULT_RETRY } from './transport/retry';

/** How every WDT node paces one call: retries, their first wait, and the request timeout. */
export const DEFAULT_TIMEOUT_MS = 30000;
const MAX_TIMEOUT_MS = 10 * 60 * 1000;

export interface CallOptions {
	maxRetries?: number;
	retryDelayMs?: number;
	timeoutMs?: number;
}

export interface CallSettings {
	timeoutMs: number;
	retry: RetryPolicy;
}

/** A whole number within [min, max]; anything else (blank, text, NaN) takes the fallback. */
export const clamp = (value: unknown, min: number, max: number, fallback: number): number => {
	const number = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
	return Math.min(max, Math.max(min, Math.floor(number)));
};

/** The Max Retries / Retry Wait / Timeout options; `what` names the retried unit in the hints. */
export function callOptionProperties(what: 'query' | 'batch'): INodeProperties[] {
	return [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3, // DEFAULT_RETRY.maxRetries (a literal, for n8n's linter)
			description:
				what === 'batch'
					? 'Retries of a batch after a network error, timeout, HTTP 5xx/429 or "too frequent". Other WDT errors are never retried. Acks are safe to repeat.'
					: 'Retries of a query after a network error, timeout, HTTP 5xx/429 or "too frequent". Other WDT errors are never retried.',
		},
		{
			displayName: 'Retry Wait in Ms',
			name: 'retryDelayMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1000, // DEFAULT_RETRY.baseDelayMs
			description: 'The first wait before a retry; it doubles each time (with random spread), up to 30 s',
		},
		{
			displayName: 'Timeout in Ms',
			name: 'timeoutMs',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30000, // DEFAULT_TIMEOUT_MS
			description: 'The total time one request may take, from connecting to the last byte of the answer; past it the request is aborted, counts as failed and is retried',
		},
	];
}

export function readCallOptions(options: CallOptions): CallSettings {
	return {
		timeoutMs: clamp(options.timeoutMs, 1, MAX_TIMEOUT_MS, DEFAULT_TIMEOUT_MS),
		retry: {
			...DEFAULT_RETRY,
			maxRetries: clamp(options.maxRetries, 0, 10, DEFAULT_RETRY.maxRetries),
			baseDelayMs: clamp(options.retryDelayMs, 0, DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs),
		},
	};
}

/** The "Options" collection of a node whose only options are these. */
export function callOptionsCollection(what: 'query' | 'batch'): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: callOptionProperties(what),
	};
}
