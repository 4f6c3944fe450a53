import type { IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import {
	MAX_ANSWER_BYTES,
	WdtTransportError,
	deadlineError,
	describeNetworkFailure,
	discardBody,
	headerValue,
	httpStatusError,
	readAnswer,
	redirectError,
	untilAborted,
} from './network';
import type { WdtParamValue, WdtResponseBody } from '../protocol';
import {
	WdtApiError,
	WdtProtocolError,
	credentialsGateway,
	endpointUrl,
	gatewayTimeInMessage,
	readCredentials,
	readWdtResponse,
} from '../protocol';
import type { RetryPolicy } from './retry';
import { ExecutionCancelledError, backoffDelay, settle, waitUnlessCancelled } from './retry';
import type { WdtCallFields } from '../signRequest';

export { WdtTransportError } from './network';

export const CREDENTIAL_TYPE = 'wdtApi';

type WdtContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface WdtCallOptions {
	endpoint: string;
	params: Record<string, WdtParamValue>;
	/** The total time one attempt may take, from connecting to the last byte of the answer. */
	timeoutMs: number;
	retry: RetryPolicy;
	/** Answers longer than this are not read (default MAX_ANSWER_BYTES). */
	maxAnswerBytes?: number;
	/** Called with every failed attempt (the last one included) before the next step. */
	onAttemptFailed?: (error: unknown, attempt: number) => void;
	/**
	 * Retry an answer that cannot be read (not JSON, cut short, no integer `code`) like a transient
	 * failure. Only for calls that are safe to repeat (reads): for a write, an unreadable answer
	 * means the outcome is unknown, and the caller decides.
	 */
	retryUnreadable?: boolean;
}

export interface WdtCallResult {
	body: WdtResponseBody;
	attempts: number;
	/** Set when WDT rejected our timestamp and the call succeeded with the gateway's clock. */
	clockOffsetSec?: number;
	/** The gateway's clock when it answered (epoch ms, whole seconds): its Date header, when it sent one. */
	gatewayDate?: number;
}

/** The gateway URL of the node's WDT credential (read once per execution). */
export async function resolveGateway(context: WdtContext): Promise<string> {
	const data = await context.getCredentials(CREDENTIAL_TYPE);
	return credentialsGateway(readCredentials(data));
}

/**
 * A timestamp rejection that tells the gateway's time: the offset (s) to sign with, else undefined.
 * (sendOnce sets gatewayTime on timestamp rejections only.)
 */
function clockOffsetFrom(error: unknown): number | undefined {
	if (!(error instanceof WdtApiError) || error.gatewayTime === undefined) return undefined;
	return error.gatewayTime - Math.floor(Date.now() / 1000);
}

interface RawAnswer {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

async function sendOnce(
	context: WdtContext,
	url: string,
	options: WdtCallOptions,
	cancel: AbortSignal | undefined,
	clockOffsetSec: number,
): Promise<{ body: WdtResponseBody; gatewayDate?: number }> {
	// One signal ends the attempt: its total deadline, or the execution being stopped.
	const deadline = AbortSignal.timeout(options.timeoutMs);
	const signal = cancel ? AbortSignal.any([deadline, cancel]) : deadline;
	const onAbort = () => (cancel?.aborted ? new ExecutionCancelledError() : deadlineError(options.timeoutMs));
	const call: WdtCallFields = { wdtAbortSignal: signal, wdtClockOffsetSec: clockOffsetSec || undefined };
	const request: IHttpRequestOptions = {
		method: 'POST',
		url,
		body: options.params as IHttpRequestOptions['body'],
		timeout: options.timeoutMs,
		// Read as a stream: the deadline and the size cap hold while the body arrives, and the raw
		// bytes are parsed losslessly (19-digit ids stay exact).
		encoding: 'stream',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		// n8n replaces `abortSignal` with the execution's own; the credential restores ours (see signRequest.ts).
		abortSignal: signal,
		...call,
	};
	const sent = await settle(
		untilAborted(
			context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request) as Promise<RawAnswer>,
			signal,
			onAbort,
			// Stryker disable next-line OptionalChaining: with returnFullResponse n8n resolves with a response object, never with nothing
			(late) => discardBody(late?.body),
		),
	);
	if (!sent.ok) {
		// Stopped or out of time: untilAborted's error, or n8n's own if its request gave up first.
		if (signal.aborted) throw onAbort();
		throw describeNetworkFailure(sent.error);
	}
	const { statusCode: status, headers, body } = sent.value;
	if (status >= 300 && status < 400) {
		discardBody(body);
		throw redirectError(status, headerValue(headers, 'location'));
	}
	const read = await settle(readAnswer(body, signal, options.maxAnswerBytes ?? MAX_ANSWER_BYTES));
	if (!read.ok) {
		if (signal.aborted) throw onAbort();
		if (read.error instanceof WdtTransportError) throw read.error;
		throw describeNetworkFailure(read.error);
	}
	if (status < 200 || status >= 300) throw httpStatusError(status, read.value);
	const answer = await settle(Promise.resolve(read.value).then(readWdtResponse));
	// The gateway's clock: its Date header (whole seconds).
	// Stryker disable next-line StringLiteral: Date.parse reads any text that is not a date as NaN, as it reads ''
	const date = Date.parse(headerValue(headers, 'date') ?? '');
	const gatewayDate = Number.isFinite(date) ? date : undefined;
	if (answer.ok) return { body: answer.value, gatewayDate };
	const refusal = answer.error;
	if (refusal instanceof WdtApiError && refusal.kind === 'timestamp') {
		// The gateway's clock: its Date header, else a time its message states.
		refusal.gatewayTime = gatewayDate !== undefined ? Math.floor(gatewayDate / 1000) : gatewayTimeInMessage(refusal.wdtMessage);
	}
	throw answer.error;
}

function isTransient(error: unknown, retryUnreadable: boolean | undefined): boolean {
	if (error instanceof WdtApiError || error instanceof WdtTransportError) return error.transient;
	return retryUnreadable === true && error instanceof WdtProtocolError;
}

/**
 * One signed call with retries: transient failures (network, the deadline, HTTP 5xx/429, "too
 * frequent", and with `retryUnreadable` an answer that cannot be read) are retried with backoff;
 * WDT's other errors are final at once. A timestamp
 * rejection that states the gateway's time is retried once at once, signed with that clock.
 * Stopping the execution aborts the request in flight (n8n's signal) and any wait between attempts.
 */
export async function callWdt(context: WdtContext, gateway: string, options: WdtCallOptions): Promise<WdtCallResult> {
	const url = endpointUrl(gateway, options.endpoint);
	const cancel = 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	let clockOffsetSec = 0;
	let skewRetried = false;
	for (let attempt = 1, retries = 0; ; attempt++) {
		if (cancel?.aborted) throw new ExecutionCancelledError();
		const result = await settle(sendOnce(context, url, options, cancel, clockOffsetSec));
		if (result.ok) {
			const { body, gatewayDate } = result.value;
			return {
				body,
				attempts: attempt,
				...(clockOffsetSec ? { clockOffsetSec } : {}),
				...(gatewayDate === undefined ? {} : { gatewayDate }),
			};
		}
		options.onAttemptFailed?.(result.error, attempt);
		const offset = skewRetried ? undefined : clockOffsetFrom(result.error);
		if (offset !== undefined) {
			skewRetried = true;
			clockOffsetSec = offset;
			continue;
		}
		// Rejected again after the retry with the gateway's clock (nodeError.ts reads it on timestamp rejections).
		if (skewRetried && result.error instanceof WdtApiError) result.error.clockOffsetTried = clockOffsetSec;
		if (!isTransient(result.error, options.retryUnreadable) || retries >= options.retry.maxRetries) throw result.error;
		retries++;
		await waitUnlessCancelled(backoffDelay(options.retry, retries), cancel);
	}
}
