/**
 * What happened to each record of one call, from its attempts and its answer, claiming only what
 * is certain:
 * - written only when the answer says so beyond doubt: an ack's code 0 acks every record its
 *   `errors` does not name; a push's code 0 writes them only when new_count + chg_count equals
 *   the records it did not refuse (then new / changed / pushed), else they are unknown;
 * - an unreadable `errors` makes the whole call unknown;
 * - after an attempt that may have been processed (sent, answer lost), a refusal proves nothing:
 *   the records are unknown, and a code-0 push answer says only "pushed" (its counts may
 *   describe the retry alone);
 * - a call that never reached the gateway, or was never started, is not sent.
 */
import { describeFailure } from '../nodeError';
import { failedCallResult, mayHaveWritten } from './attempts';
import type { Attempt } from './attempts';
import { readCount, recordErrors } from './answer';
import type { WriteEndpoint } from './endpoint';
import type { RecordOutcome, WriteFailure, WrittenOutcome } from './outcomes';
import type { BatchRun } from './send';

const NOT_STARTED: WriteFailure = {
	scope: 'request',
	outcome: 'notSent',
	code: 'NOT_SENT',
	message: 'Not sent: an earlier batch failed',
};

/** The words of one endpoint's hints. */
function words(spec: Pick<WriteEndpoint<unknown>, 'answer' | 'noun' | 'rerun'>) {
	const verb = spec.answer === 'ack' ? 'acked' : 'wrote';
	return {
		unknown: `The call was sent, but whether WDT ${verb} these ${spec.noun}s cannot be told from what came back. ${spec.rerun}: run again to settle.`,
		retried: `An earlier attempt was sent and its answer lost, so WDT may have taken these ${spec.noun}s before it refused the retry. ${spec.rerun}: run again to settle.`,
	};
}

/** The failure every record of a failed call shares, worded by what its attempts say. */
export function requestFailure(spec: Pick<WriteEndpoint<unknown>, 'answer' | 'noun' | 'rerun'>, attempts: readonly Attempt[], error: unknown): WriteFailure {
	const failure = describeFailure(error);
	switch (failedCallResult(attempts)) {
		case 'unknown': {
			// An unknown call always had an attempt: the last one was lost too, or refused after a lost one.
			const last = attempts[attempts.length - 1];
			const hint = last.result === 'unknown' ? words(spec).unknown : words(spec).retried;
			return { scope: 'request', outcome: 'unknown', ...failure, message: `Outcome unknown: ${failure.message}`, hint: `${hint} ${failure.hint}`.trim() };
		}
		case 'notSent':
			return { scope: 'request', outcome: 'notSent', ...failure, message: `Not sent: ${failure.message}` };
		default:
			return { scope: 'request', outcome: 'refused', ...failure };
	}
}

/** What a push answer's counts make certain of the `accepted` records (those `errors` does not name). */
function pushed(spec: Pick<WriteEndpoint<unknown>, 'answer' | 'noun' | 'rerun'>, run: BatchRun, accepted: number, retried: boolean): RecordOutcome {
	const body = run.body as Record<string, unknown>;
	const newCount = readCount(body.new_count);
	const changedCount = readCount(body.chg_count);
	if (newCount === undefined || changedCount === undefined || newCount + changedCount !== accepted) {
		return {
			scope: 'request',
			outcome: 'unknown',
			code: 'COUNTS',
			message: `Outcome unknown: WDT answered new_count ${JSON.stringify(body.new_count) ?? 'missing'} and chg_count ${JSON.stringify(body.chg_count) ?? 'missing'} for the ${accepted} ${spec.noun}(s) it did not refuse, so which were written cannot be told`,
			hint: words(spec).unknown,
		};
	}
	if (retried) return 'pushed';
	if (newCount === accepted) return 'new';
	if (changedCount === accepted) return 'changed';
	return 'pushed';
}

/** The outcome of each record of one call, in the call's order (`keys`: the records' keys). */
export function batchOutcomes<R>(spec: WriteEndpoint<R>, keys: readonly string[], run: BatchRun): RecordOutcome[] {
	if (run.body === undefined) {
		const failure = run.error === undefined ? NOT_STARTED : requestFailure(spec, run.attempts, run.error);
		return keys.map(() => failure);
	}
	const read = recordErrors(run.body, new Set(keys), spec.errorKeys);
	if (!read.ok) {
		// Claiming any record written could be false: the whole call is unknown.
		const failure: WriteFailure = {
			scope: 'request',
			outcome: 'unknown',
			code: 'PROTOCOL',
			message: `Outcome unknown: the answer could not be read (${read.unreadable})`,
			hint: words(spec).unknown,
		};
		return keys.map(() => failure);
	}
	const retried = mayHaveWritten(run.attempts);
	const named = read.errors;
	const written: RecordOutcome = spec.answer === 'ack' ? ('acked' satisfies WrittenOutcome) : pushed(spec, run, keys.length - named.size, retried);
	const code = run.body.code;
	return keys.map((key): RecordOutcome => {
		const message = named.get(key);
		if (message === undefined) return written;
		if (retried) {
			return { scope: 'record', outcome: 'unknown', code, message: `Outcome unknown: WDT refused it on a retry (${message}), but an earlier attempt may have written it`, hint: words(spec).retried };
		}
		return { scope: 'record', outcome: 'refused', code, message, ...(spec.refusedHint ? { hint: spec.refusedHint } : {}) };
	});
}
