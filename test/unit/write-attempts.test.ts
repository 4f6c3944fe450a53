import { WdtApiError, WdtProtocolError } from '../../nodes/Wdt/protocol';
import { WdtTransportError, deadlineError } from '../../nodes/Wdt/transport/network';
import type { Attempt, AttemptResult } from '../../nodes/Wdt/writes/attempts';
import { attemptHistory, failedAttempt, failedCallResult, mayHaveWritten } from '../../nodes/Wdt/writes/attempts';

const deliveryOf = (error: unknown) => failedAttempt(error).result;

const http = (status: number) => new WdtTransportError(`HTTP ${status} from the gateway`, status >= 500, status, true, 'http');

describe('failedAttempt: what one failed attempt says about its call', () => {
	it('a WDT error code: the gateway answered and refused', () => {
		expect(deliveryOf(new WdtApiError(1050, '签名错误'))).toBe('refused');
	});

	it('never reached the gateway: not sent', () => {
		expect(deliveryOf(new WdtTransportError('Could not reach the WDT gateway: ECONNREFUSED', true, undefined, false))).toBe('notSent');
	});

	it('a redirect: refused (the request was answered, not processed)', () => {
		expect(deliveryOf(new WdtTransportError('redirects', false, 301, true, 'redirect'))).toBe('refused');
	});

	it.each([400, 404, 499])('HTTP %s: refused', (status) => {
		expect(deliveryOf(http(status))).toBe('refused');
	});

	it.each([500, 502, 503])('HTTP %s: unknown (the server may have processed it)', (status) => {
		expect(deliveryOf(http(status))).toBe('unknown');
	});

	it('a timeout, a reset after sending, an unreadable answer, anything else: unknown', () => {
		expect(deliveryOf(deadlineError(3000))).toBe('unknown');
		expect(deliveryOf(new WdtTransportError('The connection broke after the request was sent', true))).toBe('unknown');
		expect(deliveryOf(new WdtProtocolError('not JSON'))).toBe('unknown');
		expect(deliveryOf(new Error('boom'))).toBe('unknown');
	});

	it('only an HTTP answer\'s status can make it refused: a timeout is unknown whatever status it carries', () => {
		expect(deliveryOf(new WdtTransportError('late', true, 408, true, 'timeout'))).toBe('unknown');
	});
});

describe('failedAttempt: the code it keeps for the history', () => {
	it('WDT\'s code, the HTTP status or the network class', () => {
		expect(failedAttempt(new WdtApiError(1050, '签名错误'))).toEqual({ result: 'refused', code: 1050 });
		expect(failedAttempt(http(502))).toEqual({ result: 'unknown', code: 'HTTP 502' });
		expect(failedAttempt(deadlineError(3000))).toEqual({ result: 'unknown', code: 'TIMEOUT' });
		expect(failedAttempt(new WdtTransportError('refused', true, undefined, false))).toEqual({ result: 'notSent', code: 'NETWORK' });
	});
});

const attempts = (...results: AttemptResult[]): Attempt[] => results.map((result) => ({ result }));

describe('failedCallResult: over the attempts of a call that failed', () => {
	it.each([
		[['notSent', 'refused'], 'refused'],
		[['refused', 'notSent'], 'refused'],
		[['refused', 'unknown'], 'unknown'],
		[['unknown', 'refused'], 'unknown'],
		[['unknown', 'notSent'], 'unknown'],
		[['notSent', 'unknown'], 'unknown'],
		[['notSent', 'notSent'], 'notSent'],
		[['refused'], 'refused'],
		[[], 'notSent'],
	] as Array<[AttemptResult[], AttemptResult]>)('%j: %s', (results, result) => {
		expect(failedCallResult(attempts(...results))).toBe(result);
	});
});

describe('mayHaveWritten: an attempt before the last one was sent and its answer lost', () => {
	it.each([
		[['unknown', 'refused'], true],
		[['unknown', 'answered'], true],
		[['refused', 'unknown', 'answered'], true],
		[['unknown'], false],
		[['refused', 'answered'], false],
		[['notSent', 'answered'], false],
		[['answered'], false],
		[[], false],
	] as Array<[AttemptResult[], boolean]>)('%j: %s', (results, may) => {
		expect(mayHaveWritten(attempts(...results))).toBe(may);
	});
});

describe('attemptHistory: the short list an output item shows', () => {
	it('each attempt\'s result with its code; WDT codes marked as WDT\'s', () => {
		expect(attemptHistory([{ result: 'unknown', code: 'HTTP 502' }, { result: 'refused', code: 1020 }, { result: 'answered' }])).toEqual([
			'unknown (HTTP 502)',
			'refused (WDT 1020)',
			'answered',
		]);
	});
});
