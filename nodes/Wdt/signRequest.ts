import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { Clock, WdtCredentials, WdtParamValue } from './protocol';
import { buildSignedParams, decodeForm, encodeForm, systemClock } from './protocol';

/**
 * The request shapes n8n hands to a credential's `authenticate`: our nodes use `url` + `body`
 * (httpRequest); the HTTP Request node uses the legacy `uri` + `form`/`body`/`qs` (request).
 */
export type AuthenticatableRequest = IHttpRequestOptions &
	WdtCallFields & {
		uri?: string;
		form?: unknown;
	};

/**
 * Fields our transport adds to a request for the credential, which removes them before sending:
 * n8n's request helper replaces `abortSignal` with the execution's own before it authenticates,
 * so the call's deadline travels here and is merged back; a clock offset (s) learned from a
 * timestamp rejection shifts the signed timestamp.
 */
export interface WdtCallFields {
	wdtAbortSignal?: AbortSignal;
	wdtClockOffsetSec?: number;
}

/** The system clock shifted by `offsetSec`. */
export function offsetClock(offsetSec: number, clock: Clock = systemClock): Clock {
	return () => clock() + offsetSec;
}

/** Key/value pairs written as an object literal (not a Buffer, Date, array or class instance). */
function isPlainObject(value: object): value is Record<string, unknown> {
	return Object.getPrototypeOf(value) === Object.prototype;
}

function collectInto(target: Record<string, WdtParamValue>, source: unknown, where: string): void {
	if (source === undefined || source === null) return;
	if (typeof source === 'string') Object.assign(target, decodeForm(source));
	else if (source instanceof URLSearchParams) for (const [k, v] of source) target[k] = v;
	// Object.getPrototypeOf also takes primitives (a number's is Number.prototype): they fall through.
	else if (isPlainObject(source as object)) Object.assign(target, source as Record<string, WdtParamValue>);
	else {
		throw new Error(
			`WDT openapi2 takes form fields only; the request ${where} is neither key/value pairs nor form text (use "Form Urlencoded" in the HTTP Request node)`,
		);
	}
}

function moveQueryIntoParams(url: string | undefined, target: Record<string, WdtParamValue>): string | undefined {
	if (!url || !url.includes('?')) return url;
	const [base, query] = url.split('?', 2);
	Object.assign(target, decodeForm(query.split('#')[0]));
	return base;
}

/**
 * Turns any request into the one openapi2 accepts: a POST whose form body holds every
 * parameter plus sid, appkey, timestamp and sign, signed over exactly the strings sent.
 * Query-string parameters are moved into the form, since the gateway signs form fields.
 */
export function signRequestOptions<T extends AuthenticatableRequest>(
	credentials: Pick<WdtCredentials, 'sid' | 'appkey' | 'appsecret'>,
	options: T,
	clock: Clock = systemClock,
): T {
	const params: Record<string, WdtParamValue> = {};
	const request: T = { ...options, headers: { ...(options.headers ?? {}) } };
	const { wdtAbortSignal, wdtClockOffsetSec } = request;
	delete request.wdtAbortSignal;
	delete request.wdtClockOffsetSec;
	if (wdtAbortSignal) {
		const current = request.abortSignal as AbortSignal | undefined;
		request.abortSignal = current instanceof AbortSignal ? AbortSignal.any([current, wdtAbortSignal]) : wdtAbortSignal;
	}
	if (typeof wdtClockOffsetSec === 'number' && Number.isFinite(wdtClockOffsetSec)) {
		clock = offsetClock(Math.round(wdtClockOffsetSec), clock);
	}
	const legacy = request.uri !== undefined || request.form !== undefined;

	if (legacy) request.uri = moveQueryIntoParams(request.uri, params);
	else request.url = moveQueryIntoParams(request.url, params) ?? request.url;
	collectInto(params, request.qs as unknown, 'query');
	collectInto(params, request.form, 'form');
	collectInto(params, request.body, 'body');

	const signed = buildSignedParams(credentials, params, clock);

	const headers = request.headers as IDataObject;
	for (const name of Object.keys(headers)) {
		if (name.toLowerCase() === 'content-type') delete headers[name];
	}
	delete request.qs;
	request.method = 'POST';
	if (legacy) {
		// Key/value pairs: n8n 1.x's legacy adapter runs qs.stringify(form), which turns form text
		// into an empty body; both 1.x and 2.x encode an object and set the content type.
		request.form = signed;
		delete request.body;
	} else {
		headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=utf-8';
		request.body = encodeForm(signed);
		delete request.form;
	}
	return request;
}
