import { describeNetworkFailure, networkCode, WdtTransportError } from '../../nodes/Wdt/transport/network';
import { gatewayTimeInMessage } from '../../nodes/Wdt/protocol';

/** How n8n 1.x hands over a network failure: its own message, the code hidden. */
const n8n1 = (message: string) => ({ name: 'NodeApiError', message, cause: { message } });

/** The error shapes of both n8n lines (1.x hides the code behind its own message). */
describe('network failures on n8n 1.x and 2.x', () => {

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

/**
 * Every network code the transport knows: whether the request can have reached WDT (an ack that
 * may have landed is "unknown", never "not sent"), whether a retry may help, and the words the
 * message uses instead of the raw code (n8n's NodeApiError would replace a message naming it).
 */
describe('each network code: delivered, transient, reason and words', () => {
	const notSent = (words: string) => ({ message: `Could not reach the WDT gateway: ${words}`, delivered: false, transient: true, reason: 'network' });
	const timeout = (words: string) => ({ message: `The WDT gateway did not answer in time (${words})`, delivered: true, transient: true, reason: 'timeout' });
	const broke = (words: string) => ({
		message: `The connection to the WDT gateway broke after the request was sent (${words}); no answer was read`,
		delivered: true,
		transient: true,
		reason: 'network',
	});
	it.each<[string, object]>([
		['ECONNREFUSED', notSent('connection refused')],
		['ENOTFOUND', notSent('host name not found')],
		['EAI_AGAIN', notSent('DNS lookup failed')],
		['ENETUNREACH', notSent('network unreachable')],
		['EHOSTUNREACH', notSent('host unreachable')],
		['EADDRNOTAVAIL', notSent('address not available')],
		['ERR_INVALID_URL', notSent('invalid URL')],
		['ETIMEDOUT', timeout('connection timed out')],
		['ECONNABORTED', timeout('connection aborted')],
		['ESOCKETTIMEDOUT', timeout('socket timed out')],
		['ECONNRESET', broke('connection reset')],
		['EPIPE', broke('connection broken')],
		['UND_ERR_SOCKET', broke('connection closed')],
		['ERR_SOCKET_CONNECTION_TIMEOUT', broke('connection closed')],
		['ERR_STREAM_PREMATURE_CLOSE', broke('connection closed')],
	])('%s', (code, expected) => {
		const failure = describeNetworkFailure(Object.assign(new Error('x'), { code }));
		expect(failure).toBeInstanceOf(WdtTransportError);
		expect(failure.name).toBe('WdtTransportError');
		expect({ message: failure.message, delivered: failure.delivered, transient: failure.transient, reason: failure.reason }).toEqual(expected);
	});

	it('an unknown code is not retried, may have been delivered, and quotes what was said', () => {
		const failure = describeNetworkFailure(Object.assign(new Error('odd failure'), { code: 'EWHATEVER' }));
		expect([failure.message, failure.transient, failure.delivered]).toEqual(['The request to the WDT gateway failed, no answer was read: odd failure', false, true]);
	});

	it('a failure that is not an object is quoted as it is', () => {
		expect(describeNetworkFailure('plain text').message).toBe('The request to the WDT gateway failed, no answer was read: plain text');
		expect(describeNetworkFailure(null).message).toBe('The request to the WDT gateway failed, no answer was read: null');
		expect(describeNetworkFailure({ message: 'odd', cause: null, reason: null }).message).toBe('The request to the WDT gateway failed, no answer was read: odd');
		expect(describeNetworkFailure({ code: 7 }).message).toBe('The request to the WDT gateway failed, no answer was read: [object Object]');
	});

	it('without a code, a message that speaks of a timeout is a timeout; with an unknown code it is not', () => {
		expect(describeNetworkFailure(new Error('Request timeout')).reason).toBe('timeout');
		expect(describeNetworkFailure(new Error('Request timeout')).message).toBe('The WDT gateway did not answer in time (connection closed)');
		expect(describeNetworkFailure(Object.assign(new Error('timeout'), { code: 'EWHATEVER' })).reason).toBe('network');
	});
});

describe('networkCode', () => {
	it.each<[string, string]>([
		['The service refused the connection - perhaps it is offline', 'ECONNREFUSED'],
		['The connection cannot be established, this usually occurs due to an incorrect host (domain) value', 'ENOTFOUND'],
		['The DNS server returned an error, perhaps the server is offline', 'EAI_AGAIN'],
		['The host is unreachable, perhaps the server is offline', 'EHOSTUNREACH'],
		['The address is not available, perhaps the server is offline', 'EADDRNOTAVAIL'],
		['The connection to the server was closed unexpectedly, perhaps it is offline', 'ECONNRESET'],
		['The connection to the server closed unexpectedly', 'ECONNRESET'],
		["The connection timed out, consider setting the 'Retry on Fail' option in the node settings", 'ETIMEDOUT'],
		['The connection was aborted, perhaps the server is offline', 'ECONNABORTED'],
		['socket hang up', 'ECONNRESET'],
		['The operation was aborted', 'ECONNRESET'],
	])('n8n 1.x message %j → %s', (message, code) => {
		expect(networkCode(n8n1(message))).toBe(code);
	});

	it('reads a code on the error, its cause or its reason, up to six levels deep', () => {
		expect(networkCode({ code: 'EPIPE' })).toBe('EPIPE');
		expect(networkCode({ cause: { code: 'UND_ERR_SOCKET' } })).toBe('UND_ERR_SOCKET');
		expect(networkCode({ reason: { code: 'ERR_STREAM_PREMATURE_CLOSE' } })).toBe('ERR_STREAM_PREMATURE_CLOSE');
		expect(networkCode({ reason: 'ECONNRESET as text is not a cause' })).toBeUndefined();
		const nested = (depth: number): object => (depth === 0 ? { code: 'ETIMEDOUT' } : { cause: nested(depth - 1) });
		expect(networkCode(nested(5))).toBe('ETIMEDOUT');
		expect(networkCode(nested(6))).toBeUndefined();
	});

	it('takes only codes shaped like network codes, whole', () => {
		expect(networkCode({ code: 'XECONNRESET' })).toBeUndefined();
		expect(networkCode({ code: 'ECONNRESET1' })).toBeUndefined();
		expect(networkCode({ code: 'E' })).toBeUndefined();
		expect(networkCode({ code: 'XUND_ERR' })).toBeUndefined();
		expect(networkCode({ code: 'XERR_X' })).toBeUndefined();
		expect(networkCode({ code: 'ERR_X', cause: { code: 'EPIPE' } })).toBe('ERR_X');
	});

	it('finds a code named in a message: E and four capitals or more, or UND_ERR_…', () => {
		expect(networkCode(new Error('read ECONNRESET'))).toBe('ECONNRESET');
		expect(networkCode(new Error('failed: UND_ERR_CLOSED here'))).toBe('UND_ERR_CLOSED');
		expect(networkCode(new Error('EABC is too short'))).toBeUndefined();
		expect(networkCode(new Error('E1234 digits'))).toBeUndefined();
		expect(networkCode(new Error('UND_ERR_ alone'))).toBeUndefined();
		expect(networkCode({ message: undefined, cause: new Error('connect ENETUNREACH') })).toBe('ENETUNREACH');
		// the messages of the chain are read as separate words
		expect(networkCode({ message: 'Request failed', cause: new Error('ECONNREFUSED') })).toBe('ECONNREFUSED');
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
