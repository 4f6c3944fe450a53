/**
 * What a failed call shows the user (nodes/Wdt/nodeError.ts): the code an error item carries, the
 * message n8n shows and the hint that says what to fix, for each kind of failure.
 */
import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { describeFailure, failureMessage, signed, wdtNodeError } from '../../nodes/Wdt/nodeError';
import { WdtApiError, WdtProtocolError } from '../../nodes/Wdt/protocol';
import { IncompleteListError } from '../../nodes/Wdt/protocol/listCompleteness';
import { WdtTransportError } from '../../nodes/Wdt/transport';
import { ExecutionCancelledError } from '../../nodes/Wdt/transport/retry';

const TRANSIENT = 'No answer could be read after all retries. Run again later, or raise Max Retries / Timeout.';
const node: INode = { id: '1', name: 'WDT', type: 'n8n-nodes-wdt.wdt', typeVersion: 1, position: [0, 0], parameters: {} };

describe('describeFailure: the code and the hint of each transport failure', () => {
	it('a redirect: the HTTP status as code, and where to set the final address', () => {
		const failure = describeFailure(new WdtTransportError('moved', false, 301, true, 'redirect', 'https://x/'));
		expect(failure).toEqual({
			code: 'HTTP 301',
			message: 'moved',
			hint: expect.stringMatching(/^Set the Gateway URL of the credential to the final address .*\/openapi2\/\.$/),
		});
	});

	it('HTTP 404: the Gateway URL probably lacks /openapi2/', () => {
		const failure = describeFailure(new WdtTransportError('not found', false, 404, true, 'http'));
		expect(failure.code).toBe('HTTP 404');
		expect(failure.hint).toMatch(/^A server answered at the Gateway URL but has no such endpoint/);
	});

	it('other HTTP statuses: run again when transient, check the URL when not', () => {
		expect(describeFailure(new WdtTransportError('busy', true, 503, true, 'http'))).toEqual({ code: 'HTTP 503', message: 'busy', hint: TRANSIENT });
		const forbidden = describeFailure(new WdtTransportError('no', false, 403, true, 'http'));
		expect(forbidden.code).toBe('HTTP 403');
		expect(forbidden.hint).toMatch(/^The gateway \(or a proxy in front of it\) refused the request/);
	});

	it('a timeout says a slow answer counts as one', () => {
		expect(describeFailure(new WdtTransportError('late', true, undefined, true, 'timeout'))).toEqual({
			code: 'TIMEOUT',
			message: 'late',
			hint: `${TRANSIENT} A slow or stalled answer counts as a timeout.`,
		});
	});

	it('an answer too large is a protocol problem: the credential may not point at openapi2', () => {
		const failure = describeFailure(new WdtTransportError('too big', false, undefined, true, 'too-large'));
		expect(failure.code).toBe('PROTOCOL');
		expect(failure.hint).toMatch(/^The answer is not what openapi2 sends/);
	});

	it('a network failure: run again when it may have been delivered, check the URL when it never left', () => {
		expect(describeFailure(new WdtTransportError('reset', true, undefined, true, 'network')).hint).toBe(TRANSIENT);
		const refused = describeFailure(new WdtTransportError('refused', true, undefined, false, 'network'));
		expect(refused.code).toBe('NETWORK');
		expect(refused.hint).toMatch(/^Check the Gateway URL of the credential \(Environment\)/);
	});
});

describe('describeFailure: the other errors', () => {
	it("WDT's refusal: its code, its message as WDT wrote it, the catalogue's hint", () => {
		const error = new WdtApiError(2310, '店铺编号不存在或已停用');
		expect(describeFailure(error)).toEqual({ code: 2310, message: '店铺编号不存在或已停用', hint: error.hint });
	});

	it('a timestamp refused again after the retry with the gateway clock names the offset tried and NTP', () => {
		const error = new WdtApiError(1005, '时间戳过期');
		expect(describeFailure(error).hint).toBe(error.hint);
		error.clockOffsetTried = -120;
		expect(describeFailure(error).hint).toMatch(/^WDT rejected the timestamp again after the node retried with the gateway's clock \(-120 s\).*NTP/);
	});

	it('an unreadable answer, a stopped execution, anything else', () => {
		expect(describeFailure(new WdtProtocolError('not JSON'))).toMatchObject({ code: 'PROTOCOL', message: 'not JSON' });
		expect(describeFailure(new ExecutionCancelledError())).toEqual({ code: 'CANCELLED', message: 'The execution was stopped', hint: 'The execution was stopped.' });
		expect(describeFailure(new Error('odd'))).toEqual({ code: 'ERROR', message: 'odd', hint: '' });
		expect(describeFailure('text')).toEqual({ code: 'ERROR', message: 'text', hint: '' });
	});

	it('an incomplete list names each window in Beijing time, with what was read', () => {
		const start = Date.UTC(2026, 10, 28, 0, 0, 0);
		const error = new IncompleteListError(
			[
				{ endpoint: 'trade_query', window: { start, end: start + 3_600_000 }, read: 40, total: 45, reads: 3, reason: 'short' },
				{ endpoint: 'shop', read: 2, reads: 1, reason: 'no total' },
			],
			[],
		);
		const failure = describeFailure(error);
		expect(failure.code).toBe('INCOMPLETE');
		expect(failure.windows).toEqual([
			{ endpoint: 'trade_query', from: '2026-11-28 08:00:00', to: '2026-11-28 09:00:00', read: 40, total: 45, reads: 3, reason: 'short' },
			{ endpoint: 'shop', from: null, to: null, read: 2, total: null, reads: 1, reason: 'no total' },
		]);
	});
});

describe('the message and the error n8n shows', () => {
	it('signed seconds carry their sign', () => {
		expect([signed(0), signed(5), signed(-5)]).toEqual(['+0', '+5', '-5']);
	});

	it("WDT's own codes (numbers) are named; where it happened comes first", () => {
		expect(failureMessage({ code: 2310, message: 'm', hint: '' }, 'Shop a')).toBe('Shop a: WDT error 2310: m');
		expect(failureMessage({ code: 'TIMEOUT', message: 'm', hint: '' })).toBe('m');
	});

	it('wdtNodeError: the hint and the detail as description, the item, the HTTP status', () => {
		const error = wdtNodeError(node, new WdtTransportError('busy', true, 503, true, 'http'), { itemIndex: 2, where: 'Shop a', detail: 'More.' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Shop a: busy');
		expect(error.description).toBe(`${TRANSIENT} More.`);
		expect(error.context.itemIndex).toBe(2);
		expect(error.httpCode).toBe('503');
		const refusal = new WdtApiError(2310, '店铺编号不存在或已停用');
		expect(wdtNodeError(node, refusal).description).toBe(refusal.hint);
		const bare = wdtNodeError(node, new Error('odd'));
		expect(bare.message).toBe('odd');
		// No HTTP status to give: n8n falls back to the failure's own code.
		expect(bare.httpCode).toBe('ERROR');
	});
});
