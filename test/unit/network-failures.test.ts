import { describeNetworkFailure, networkCode } from '../../nodes/Wdt/transport/network';
import { gatewayTimeInMessage } from '../../nodes/Wdt/protocol';

/** The error shapes of both n8n lines (1.x hides the code behind its own message). */
describe('network failures on n8n 1.x and 2.x', () => {
	const n8n1 = (message: string) => ({ name: 'NodeApiError', message, cause: { message } });

	// The title names the case and the expectation only: an error object in it would print its stack.
	it.each<[string, boolean, unknown]>([
		['2.x: code on the error', true, Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
		['2.x: code on the cause', true, { message: 'x', cause: { code: 'ECONNRESET' } }],
		['1.x: closed unexpectedly', true, n8n1('The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.')],
		['socket hang up', true, new Error('socket hang up')],
		['2.x: refused', false, Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
		['1.x: refused', false, n8n1('The service refused the connection - perhaps it is offline')],
		['1.x: unknown host', false, n8n1('The connection cannot be established, this usually occurs due to an incorrect host (domain) value')],
		['1.x: DNS', false, n8n1('The DNS server returned an error, perhaps the server is offline')],
	])('%s: transient; delivered = %s', (_name, delivered, error) => {
		const failure = describeNetworkFailure(error);
		expect(failure.transient).toBe(true);
		expect(failure.delivered).toBe(delivered);
		// never the raw code: n8n's NodeApiError would replace the whole message
		expect(failure.message).not.toMatch(/E[A-Z]{4,}/);
	});

	it('1.x timeouts are timeouts (transient, maybe delivered)', () => {
		const failure = describeNetworkFailure(n8n1("The connection timed out, consider setting the 'Retry on Fail' option in the node settings"));
		expect([failure.reason, failure.transient, failure.delivered]).toEqual(['timeout', true, true]);
		expect(networkCode(n8n1('The connection was aborted, perhaps the server is offline'))).toBe('ECONNABORTED');
	});

	it('an unknown failure is not retried and not called unreachable', () => {
		const failure = describeNetworkFailure(new Error('something odd'));
		expect([failure.transient, failure.delivered]).toEqual([false, true]);
	});
});

describe('gatewayTimeInMessage', () => {
	it('reads a Unix time after 服务器时间 and a Beijing date-time', () => {
		expect(gatewayTimeInMessage('timestamp=1,服务器时间=1764331200,允许误差±300秒')).toBe(1764331200);
		expect(gatewayTimeInMessage('时间戳超时, 服务器时间 2026-11-28 20:00:00')).toBe(Date.UTC(2026, 10, 28, 12, 0, 0) / 1000);
		expect(gatewayTimeInMessage('时间戳错误')).toBeUndefined();
	});

	it('takes "server time" with any spacing and up to five separators before the Unix time', () => {
		expect(gatewayTimeInMessage('timestamp expired, servertime=1764331200')).toBe(1764331200);
		expect(gatewayTimeInMessage('timestamp expired, Server  Time: 1764331200')).toBe(1764331200);
		expect(gatewayTimeInMessage('服务器时间1764331200')).toBe(1764331200);
		expect(gatewayTimeInMessage('服务器时间: 1764331200')).toBe(1764331200);
		expect(gatewayTimeInMessage('now = [1764331200')).toBe(1764331200);
		expect(gatewayTimeInMessage('服务器时间 was: 1764331200')).toBeUndefined();
	});

	it('keeps the seconds of a Beijing date-time', () => {
		expect(gatewayTimeInMessage('服务器时间 2026-11-28 20:00:35')).toBe(Date.UTC(2026, 10, 28, 12, 0, 35) / 1000);
		expect(gatewayTimeInMessage('server time 2026-01-01T07:59:59')).toBe(Date.UTC(2025, 11, 31, 23, 59, 59) / 1000);
	});
});
