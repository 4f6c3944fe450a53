/**
 * What one attempt of a call says about the records it carried:
 * - notSent: it never reached the gateway (refused connection, unknown host);
 * - refused: the gateway answered and did not take it (a WDT code ≠ 0, HTTP 3xx/4xx);
 * - unknown: it was (or may have been) sent and no answer could be read: a reset or timeout
 *   after sending, HTTP 5xx, an unreadable answer. WDT may have processed it;
 * - answered: WDT answered with code 0 (what it says of each record is read afterwards).
 */
import { describeFailure } from '../nodeError';
import { WdtApiError } from '../protocol';
import { WdtTransportError } from '../transport/network';

export type AttemptResult = 'notSent' | 'refused' | 'unknown' | 'answered';

export interface Attempt {
	result: AttemptResult;
	/** WDT's code, the HTTP status or the network class (describeFailure's code); none when answered. */
	code?: number | string;
}

export function failedAttempt(error: unknown): Attempt {
	const { code } = describeFailure(error);
	if (error instanceof WdtApiError) return { result: 'refused', code };
	if (error instanceof WdtTransportError) {
		if (!error.delivered) return { result: 'notSent', code };
		if (error.reason === 'redirect') return { result: 'refused', code };
		if (error.reason === 'http' && error.httpStatus !== undefined && error.httpStatus < 500) return { result: 'refused', code };
	}
	return { result: 'unknown', code };
}

export const ANSWERED: Attempt = { result: 'answered' };

/** Whether an attempt before the last one may have been processed: a later refusal then proves nothing. */
export function mayHaveWritten(attempts: readonly Attempt[]): boolean {
	for (let i = 0; i < attempts.length - 1; i++) if (attempts[i].result === 'unknown') return true;
	return false;
}

/**
 * Over the attempts of a call that failed: any lost answer makes it unknown; else any answer
 * (a refusal) beats "not sent"; only a call that never reached the gateway is not sent.
 */
export function failedCallResult(attempts: readonly Attempt[]): Exclude<AttemptResult, 'answered'> {
	if (attempts.some((attempt) => attempt.result === 'unknown')) return 'unknown';
	if (attempts.some((attempt) => attempt.result === 'refused')) return 'refused';
	return 'notSent';
}

/** The history an output item shows when a call took more than one attempt: "unknown (HTTP 502)", "answered". */
export function attemptHistory(attempts: readonly Attempt[]): string[] {
	return attempts.map((attempt) => {
		if (attempt.code === undefined) return attempt.result;
		return `${attempt.result} (${typeof attempt.code === 'number' ? `WDT ${attempt.code}` : attempt.code})`;
	});
}
