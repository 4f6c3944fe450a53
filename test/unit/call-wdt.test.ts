import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { callWdt, WdtTransportError } from '../../nodes/Wdt/transport';
import type { WdtCallOptions } from '../../nodes/Wdt/transport';
import { ExecutionCancelledError } from '../../nodes/Wdt/transport/retry';
import { WdtApiError, WdtProtocolError } from '../../nodes/Wdt/protocol';
import { letCallbacksRun } from '../helpers/callbacks';

/**
 * callWdt against a stand-in for n8n's request helper: each request gets the next scripted
 * answer (a raw answer as n8n returns it with returnFullResponse, or a function of the request).
 */
interface RawAnswer {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}
type Script = RawAnswer | ((request: IHttpRequestOptions & Record<string, unknown>) => Promise<RawAnswer>);

function fakeContext(script: Script[], cancel?: AbortSignal) {
	const requests: Array<IHttpRequestOptions & Record<string, unknown>> = [];
	const httpRequestWithAuthentication = jest.fn((_type: string, request: IHttpRequestOptions & Record<string, unknown>) => {
		requests.push(request);
		const next = script[requests.length - 1];
		if (next === undefined) return Promise.reject(new Error('no more answers scripted'));
		return typeof next === 'function' ? next(request) : Promise.resolve(next);
	});
	const context = {
		getExecutionCancelSignal: () => cancel,
		helpers: { httpRequestWithAuthentication },
	} as unknown as IExecuteFunctions;
	return { context, requests };
}

const GATEWAY = 'http://gateway.test/openapi2/';
const ok = (body = '{"code":0,"message":"","total_count":1}', headers: Record<string, unknown> = {}): RawAnswer => ({ statusCode: 200, headers, body });
const options = (overrides: Partial<WdtCallOptions> = {}): WdtCallOptions => ({
	endpoint: 'warehouse_query',
	params: { page_size: 1 },
	timeoutMs: 5000,
	retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 },
	...overrides,
});

describe('callWdt: the request handed to n8n', () => {
	it('a POST of the params to the endpoint, read raw, with no redirect followed and no HTTP error thrown by n8n', async () => {
		const { context, requests } = fakeContext([ok()]);
		const result = await callWdt(context, GATEWAY, options());
		expect(result).toEqual({ body: { code: 0, message: '', total_count: 1 }, attempts: 1 });
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: 'http://gateway.test/openapi2/warehouse_query.php',
			body: { page_size: 1 },
			timeout: 5000,
			encoding: 'stream',
			// not parsed (nor asked for) as JSON by n8n: the raw bytes are parsed losslessly
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		});
		expect(requests[0].abortSignal).toBe(requests[0].wdtAbortSignal);
		expect(requests[0].wdtClockOffsetSec).toBeUndefined();
	});
});

describe('callWdt: answers that are not a WDT answer', () => {
	it.each([300, 302, 399])('HTTP %i is a redirect, refused and not retried; its body is dropped', async (status) => {
		const destroy = jest.fn();
		const { context, requests } = fakeContext([{ statusCode: status, headers: { Location: 'https://elsewhere/openapi2/' }, body: { destroy } }, ok()]);
		const error = await callWdt(context, GATEWAY, options()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(WdtTransportError);
		expect(error).toMatchObject({ reason: 'redirect', httpStatus: status, location: 'https://elsewhere/openapi2/' });
		expect(destroy).toHaveBeenCalled();
		expect(requests).toHaveLength(1);
	});

	it('HTTP 400 is an HTTP error, not a redirect', async () => {
		const { context } = fakeContext([{ statusCode: 400, body: 'Bad Request' }]);
		await expect(callWdt(context, GATEWAY, options())).rejects.toMatchObject({ reason: 'http', httpStatus: 400, message: 'HTTP 400 from the gateway: Bad Request' });
	});

	it('a 5xx is an HTTP error even when its body reads like a WDT success, and is retried', async () => {
		const { context, requests } = fakeContext([{ statusCode: 503, body: '{"code":0}' }, { statusCode: 503, body: '{"code":0}' }, ok()]);
		const failed = jest.fn();
		const result = await callWdt(context, GATEWAY, options({ onAttemptFailed: failed }));
		expect(result.attempts).toBe(3);
		expect(requests).toHaveLength(3);
		expect(failed.mock.calls.map(([error]) => (error as WdtTransportError).message)).toEqual(['HTTP 503 from the gateway: {"code":0}', 'HTTP 503 from the gateway: {"code":0}']);
	});

	it('a 1xx status is not a success either', async () => {
		const { context } = fakeContext([{ statusCode: 199, body: '{"code":0}' }]);
		await expect(callWdt(context, GATEWAY, options({ retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0 } }))).rejects.toMatchObject({ reason: 'http', httpStatus: 199 });
	});

	it('an answer longer than the cap is not read, and not retried', async () => {
		const { context, requests } = fakeContext([ok('{"code":0,"message":"12345678"}'), ok()]);
		await expect(callWdt(context, GATEWAY, options({ maxAnswerBytes: 20 }))).rejects.toMatchObject({ reason: 'too-large', transient: false });
		expect(requests).toHaveLength(1);
		const fits = fakeContext([ok('{"code":0}')]);
		expect((await callWdt(fits.context, GATEWAY, options({ maxAnswerBytes: 10 }))).body).toEqual({ code: 0, message: '' });
	});

	it('an answer that is not JSON is final by default (a write\'s outcome is then unknown: the caller decides)', async () => {
		const { context, requests } = fakeContext([ok('<html>maintenance</html>'), ok()]);
		await expect(callWdt(context, GATEWAY, options())).rejects.toBeInstanceOf(WdtProtocolError);
		expect(requests).toHaveLength(1);
	});

	it('with retryUnreadable (reads): an answer cut short, or without a code, is retried within Max Retries', async () => {
		const cut = ok('{"code":0,"message":"","trades":[{"trade_id":1},');
		const { context, requests } = fakeContext([cut, ok('{"message":"no code"}'), ok()]);
		const result = await callWdt(context, GATEWAY, options({ retryUnreadable: true }));
		expect(result).toMatchObject({ body: { code: 0 }, attempts: 3 });
		expect(requests).toHaveLength(3);
		const always = fakeContext([cut, cut, cut, ok()]);
		await expect(callWdt(always.context, GATEWAY, options({ retryUnreadable: true }))).rejects.toThrow(/did not answer with JSON/);
		expect(always.requests).toHaveLength(3); // 1 + Max Retries 2
	});

	it('with retryUnreadable, a WDT refusal is still final', async () => {
		const { context, requests } = fakeContext([ok('{"code":1008,"message":"无权限"}'), ok()]);
		await expect(callWdt(context, GATEWAY, options({ retryUnreadable: true }))).rejects.toBeInstanceOf(WdtApiError);
		expect(requests).toHaveLength(1);
	});

	it("hands over the gateway's clock from the Date header of the answer (whole seconds), none without one", async () => {
		const { context } = fakeContext([ok(undefined, { Date: 'Sun, 29 Nov 2026 09:10:00 GMT' })]);
		expect((await callWdt(context, GATEWAY, options())).gatewayDate).toBe(Date.UTC(2026, 10, 29, 9, 10, 0));
		const none = fakeContext([ok(undefined, { date: 'not a date' })]);
		expect(await callWdt(none.context, GATEWAY, options())).not.toHaveProperty('gatewayDate');
	});
});

describe('callWdt: stopping the execution', () => {
	it('stopped before the call: nothing is sent', async () => {
		const controller = new AbortController();
		controller.abort();
		const { context, requests } = fakeContext([ok()], controller.signal);
		await expect(callWdt(context, GATEWAY, options())).rejects.toBeInstanceOf(ExecutionCancelledError);
		expect(requests).toHaveLength(0);
	});

	it('stopped while n8n sends: the stop is reported, not a network failure, even when n8n gives up first', async () => {
		const controller = new AbortController();
		// n8n's own request listens to the signal and rejects as soon as it fires
		const { context, requests } = fakeContext(
			[(request) => new Promise((_, reject) => (request.abortSignal as AbortSignal).addEventListener('abort', () => reject(new Error('This operation was aborted'))))],
			controller.signal,
		);
		const failed = jest.fn();
		const call = callWdt(context, GATEWAY, options({ onAttemptFailed: failed }));
		await letCallbacksRun();
		controller.abort();
		await expect(call).rejects.toBeInstanceOf(ExecutionCancelledError);
		expect(failed.mock.calls.map(([error]) => error)).toEqual([new ExecutionCancelledError()]);
		expect(requests).toHaveLength(1);
	});

	it('out of time while n8n sends: a timeout, not a broken connection, even when n8n gives up first', async () => {
		const { context } = fakeContext([
			(request) => new Promise((_, reject) => (request.abortSignal as AbortSignal).addEventListener('abort', () => reject(new Error('This operation was aborted')))),
		]);
		const error = await callWdt(context, GATEWAY, options({ timeoutMs: 50, retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0 } })).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(WdtTransportError);
		expect(error).toMatchObject({ reason: 'timeout', message: expect.stringMatching(/^No complete answer from the WDT gateway within 50 ms/) });
	});

	it('an answer that arrives after the stop is dropped (its stream destroyed)', async () => {
		const controller = new AbortController();
		let answer!: (value: RawAnswer) => void;
		const late = new Promise<RawAnswer>((resolve) => (answer = resolve));
		const destroy = jest.fn();
		const { context } = fakeContext([() => late], controller.signal);
		const call = callWdt(context, GATEWAY, options());
		await letCallbacksRun();
		controller.abort();
		await expect(call).rejects.toBeInstanceOf(ExecutionCancelledError);
		answer({ statusCode: 200, body: { destroy } });
		await late;
		await letCallbacksRun();
		expect(destroy).toHaveBeenCalledTimes(1);
	});
});

describe('callWdt: a rejected timestamp', () => {
	const NOW = Date.UTC(2026, 10, 29, 9, 0, 0);
	beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
	afterEach(() => jest.restoreAllMocks());
	const rejected = (headers: Record<string, unknown> = {}, message = '时间戳错误') => ok(JSON.stringify({ code: 100, message }), headers);

	it("is retried once at once, signed with the gateway's clock from its Date header", async () => {
		const { context, requests } = fakeContext([rejected({ Date: 'Sun, 29 Nov 2026 09:10:00 GMT' }), ok()]);
		const result = await callWdt(context, GATEWAY, options({ retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0 } }));
		expect(result).toMatchObject({ attempts: 2, clockOffsetSec: 600 });
		expect(requests[1].wdtClockOffsetSec).toBe(600);
	});

	it('without a Date header, takes the time the message states', async () => {
		const { context, requests } = fakeContext([rejected({}, '时间戳错误, 服务器时间=1764407400'), ok()]);
		await callWdt(context, GATEWAY, options());
		expect(requests[1].wdtClockOffsetSec).toBe(1764407400 - NOW / 1000);
	});

	it('another refusal is not retried with the clock of its Date header', async () => {
		const { context, requests } = fakeContext([ok('{"code":100,"message":"无权访问该接口"}', { date: 'Sun, 29 Nov 2026 09:10:00 GMT' }), ok()]);
		await expect(callWdt(context, GATEWAY, options())).rejects.toMatchObject({ kind: 'permission' });
		expect(requests).toHaveLength(1);
	});

	it('a rejection that tells no time is final, with no offset tried', async () => {
		const { context, requests } = fakeContext([rejected(), ok()]);
		const error = await callWdt(context, GATEWAY, options()).catch((e: unknown) => e);
		expect(error).toMatchObject({ kind: 'timestamp' });
		expect((error as WdtApiError).clockOffsetTried).toBeUndefined();
		expect(requests).toHaveLength(1);
	});

	it('rejected again with that clock: final, and the error tells the offset tried', async () => {
		const { context, requests } = fakeContext([rejected({ date: 'Sun, 29 Nov 2026 08:55:00 GMT' }), rejected({ date: 'Sun, 29 Nov 2026 08:55:00 GMT' }), ok()]);
		const error = await callWdt(context, GATEWAY, options()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(WdtApiError);
		expect(error).toMatchObject({ kind: 'timestamp', clockOffsetTried: -300 });
		expect(requests).toHaveLength(2);
	});
});

describe('callWdt: failures of the network', () => {
	it('a connection reset is retried; a refused connection too, and reported as not sent when it stays refused', async () => {
		const reset = () => Promise.reject(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
		const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
		const first = fakeContext([reset, ok()]);
		expect((await callWdt(first.context, GATEWAY, options())).attempts).toBe(2);
		const second = fakeContext([refused, refused, refused]);
		await expect(callWdt(second.context, GATEWAY, options())).rejects.toMatchObject({ delivered: false, transient: true });
		expect(second.requests).toHaveLength(3);
	});
});
