import { WdtApiError, WdtProtocolError } from '../../nodes/Wdt/protocol';
import { WdtTransportError, deadlineError } from '../../nodes/Wdt/transport/network';
import type { Delivery } from '../../nodes/WdtAckStockSync/outcome';
import { deliveryOf, worstDelivery } from '../../nodes/WdtAckStockSync/outcome';

const http = (status: number) => new WdtTransportError(`HTTP ${status} from the gateway`, status >= 500, status, true, 'http');

describe('deliveryOf: what one failed attempt says about its batch', () => {
	it('a WDT error code: the gateway answered and refused', () => {
		expect(deliveryOf(new WdtApiError(1050, '签名错误'))).toBe('refused');
	});

	it('never reached the gateway: not sent', () => {
		expect(deliveryOf(new WdtTransportError('Could not reach the WDT gateway: ECONNREFUSED', true, undefined, false))).toBe('not sent');
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

describe('worstDelivery: over several attempts', () => {
	const all: Delivery[] = ['not sent', 'refused', 'unknown'];

	it.each([
		['not sent', 'refused', 'refused'],
		['refused', 'not sent', 'refused'],
		['refused', 'unknown', 'unknown'],
		['unknown', 'refused', 'unknown'],
		['unknown', 'not sent', 'unknown'],
		['not sent', 'unknown', 'unknown'],
	] as Array<[Delivery, Delivery, Delivery]>)('%s then %s: %s', (a, b, worst) => {
		expect(worstDelivery(a, b)).toBe(worst);
	});

	it.each(all)('%s twice stays %s', (delivery) => {
		expect(worstDelivery(delivery, delivery)).toBe(delivery);
	});
});
