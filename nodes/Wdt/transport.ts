import type { IExecuteFunctions, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';

import type { WdtParamValue, WdtResponseBody } from './protocol';
import { WdtApiError, credentialsGateway, endpointUrl, readCredentials, readWdtResponse } from './protocol';
import type { RetryPolicy } from './retry';
import { ExecutionCancelledError, backoffDelay, settle, waitUnlessCancelled } from './retry';

export const CREDENTIAL_TYPE = 'wdtApi';

type WdtContext = IExecuteFunctions | IPollFunctions;

/** Network-level failure (no usable answer): connection, timeout or HTTP status. */
export class WdtTransportError extends Error {
	constructor(
		message: string,
		readonly transient: boolean,
		readonly httpStatus?: number,
	) {
		super(message);
		this.name = 'WdtTransportError';
	}
}

export interface WdtCallOptions {
	endpoint: string;
	params: Record<string, WdtParamValue>;
	timeoutMs: number;
	retry: RetryPolicy;
}

export interface WdtCallResult {
	body: WdtResponseBody;
	attempts: number;
}

/** The gateway URL of the node's WDT credential (read once per execution). */
export async function resolveGateway(context: WdtContext): Promise<string> {
	const data = await context.getCredentials(CREDENTIAL_TYPE);
	return credentialsGateway(readCredentials(data));
}

const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_SOCKET',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

function errorChain(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 5) {
		chain.push(current as Record<string, unknown>);
		current = (current as { cause?: unknown }).cause;
	}
	return chain;
}

/** A request that got no answer: transient when the network (not the request) is to blame. */
function describeNetworkFailure(error: unknown, timeoutMs: number): WdtTransportError {
	const chain = errorChain(error);
	const code = chain.map((e) => e.code).find((c): c is string => typeof c === 'string');
	const text = chain.map((e) => String(e.message ?? '')).join(' ');
	if (/timeout/i.test(text) || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
		return new WdtTransportError(`No answer from the WDT gateway within ${timeoutMs} ms`, true);
	}
	if (code && TRANSIENT_NETWORK_CODES.has(code)) {
		return new WdtTransportError(`Connection to the WDT gateway failed (${code})`, true);
	}
	if (/socket hang up|network|ECONN/i.test(text)) {
		return new WdtTransportError(`Connection to the WDT gateway failed: ${chain[0]?.message ?? 'unknown error'}`, true);
	}
	return new WdtTransportError(`The request to the WDT gateway failed: ${chain[0]?.message ?? String(error)}`, false);
}

function isTransient(error: unknown): boolean {
	if (error instanceof WdtApiError || error instanceof WdtTransportError) return error.transient;
	return false;
}

async function sendOnce(
	context: WdtContext,
	url: string,
	options: WdtCallOptions,
	signal: AbortSignal | undefined,
): Promise<WdtResponseBody> {
	const request: IHttpRequestOptions = {
		method: 'POST',
		url,
		body: options.params as IHttpRequestOptions['body'],
		timeout: options.timeoutMs,
		// The raw bytes are read here so that 19-digit ids are parsed losslessly.
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const sent = await settle<{ statusCode: number; body: Buffer | ArrayBuffer | string }>(
		context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request),
	);
	if (!sent.ok) {
		if (signal?.aborted) throw new ExecutionCancelledError();
		throw describeNetworkFailure(sent.error, options.timeoutMs);
	}
	const response = sent.value;
	const status = response.statusCode;
	const text =
		typeof response.body === 'string' ? response.body : Buffer.from(response.body as ArrayBuffer).toString('utf8');
	if (status === 429 || status >= 500) {
		throw new WdtTransportError(`The WDT gateway answered HTTP ${status}`, true, status);
	}
	if (status >= 300) {
		throw new WdtTransportError(`The WDT gateway answered HTTP ${status}: ${text.slice(0, 200)}`, false, status);
	}
	return readWdtResponse(text);
}

/**
 * One signed call with retries: transient failures (network, timeouts, HTTP 5xx/429, "too
 * frequent") are retried with backoff; WDT's other errors are final at once. Stopping the
 * execution aborts the request in flight (n8n's signal) and any wait between attempts.
 */
export async function callWdt(context: WdtContext, gateway: string, options: WdtCallOptions): Promise<WdtCallResult> {
	const url = endpointUrl(gateway, options.endpoint);
	const signal = 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	for (let attempt = 1; ; attempt++) {
		if (signal?.aborted) throw new ExecutionCancelledError();
		const result = await settle(sendOnce(context, url, options, signal));
		if (result.ok) return { body: result.value, attempts: attempt };
		if (!isTransient(result.error) || attempt > options.retry.maxRetries) throw result.error;
		await waitUnlessCancelled(backoffDelay(options.retry, attempt), signal);
	}
}

