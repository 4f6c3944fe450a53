import { WdtTransportError } from '../Wdt/transport/network';
import { WdtApiError } from '../Wdt/protocol';

/**
 * What one failed attempt says about the batch it carried:
 * - 'not sent': it never reached the gateway (refused connection, unknown host);
 * - 'refused': the gateway answered and did not take it (a WDT code ≠ 0, HTTP 3xx/4xx);
 * - 'unknown': it was (or may have been) sent and no answer could be read: a reset or timeout
 *   after sending, HTTP 5xx, an unreadable answer. WDT may have processed it.
 */
export type Delivery = 'not sent' | 'refused' | 'unknown';

export function deliveryOf(error: unknown): Delivery {
	if (error instanceof WdtApiError) return 'refused';
	if (error instanceof WdtTransportError) {
		if (!error.delivered) return 'not sent';
		if (error.reason === 'redirect') return 'refused';
		if (error.reason === 'http' && error.httpStatus !== undefined && error.httpStatus < 500) return 'refused';
	}
	return 'unknown';
}

const RANK: Record<Delivery, number> = { 'not sent': 0, refused: 1, unknown: 2 };

/** Over several attempts: any lost answer makes the batch unknown; any answer beats "not sent". */
export function worstDelivery(a: Delivery, b: Delivery): Delivery {
	// Stryker disable next-line EqualityOperator: with `>`, equal ranks give b, which is then the same delivery as a
	return RANK[a] >= RANK[b] ? a : b;
}
