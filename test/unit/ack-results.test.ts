import { WdtApiError } from '../../nodes/Wdt/protocol';
import { WdtTransportError } from '../../nodes/Wdt/transport/network';
import type { AckBatch } from '../../nodes/WdtAckStockSync/batches';
import type { EntryOutcome, OutcomeCounts } from '../../nodes/WdtAckStockSync/results';
import { batchOutcomes, countOutcome, emptyCounts, recordErrors, requestFailure, summarise } from '../../nodes/WdtAckStockSync/results';

const batch: AckBatch = {
	entries: ['101', '102', '103'].map((rec_id, index) => ({ record: { rec_id, sync_stock: 5, stock_change_count: 1 }, itemIndexes: [index] })),
};
const recIds = new Set(['101', '102', '103']);
const answer = (extra: Record<string, unknown>) => ({ code: 0, message: 'ok', ...extra });
const ok = (extra: Record<string, unknown>) => ({ sent: true as const, ok: true as const, response: answer(extra), attempts: 1 });

describe('recordErrors: the errors[] of a code-0 answer, read only when certain', () => {
	it('no errors field: nothing refused', () => {
		expect(recordErrors(answer({}), recIds)).toEqual({ ok: true, errors: new Map() });
	});

	it('reads each entry by rec_id, a string or a safe whole number, with its error, else its message, else a stand-in', () => {
		const read = recordErrors(
			answer({
				errors: [
					{ rec_id: '101', error: '库存已变化' },
					{ rec_id: 102, message: 'stock changed' },
					{ rec_id: '103' },
				],
			}),
			recIds,
		);
		expect(read).toEqual({
			ok: true,
			errors: new Map([
				['101', '库存已变化'],
				['102', 'stock changed'],
				['103', 'refused by WDT (no reason given)'],
			]),
		});
	});

	it('a reason that is not text is kept as its JSON', () => {
		expect(recordErrors(answer({ errors: [{ rec_id: '101', error: { code: 7 } }] }), recIds)).toEqual({
			ok: true,
			errors: new Map([['101', '{"code":7}']]),
		});
	});

	it.each<[string, unknown, string]>([
		['an object', { rec_id: '101' }, '"errors" is {"rec_id":"101"}, not a list'],
		['text', 'failed', '"errors" is "failed", not a list'],
		['null', null, '"errors" is null, not a list'],
		['undefined (no JSON at all)', undefined, '"errors" is undefined, not a list'],
	])('errors as %s is unreadable', (_what, errors, unreadable) => {
		expect(recordErrors(answer({ errors }), recIds)).toEqual({ ok: false, unreadable });
	});

	it('shows at most 200 characters of an unreadable value', () => {
		const read = recordErrors(answer({ errors: 'x'.repeat(300) }), recIds);
		expect(read).toEqual({ ok: false, unreadable: `"errors" is "${'x'.repeat(199)}, not a list` });
	});

	it.each<[string, unknown, string]>([
		['null', null, 'null'],
		['text', 'rec 101', '"rec 101"'],
		['no rec_id', { error: 'bad' }, '{"error":"bad"}'],
		['a rec_id beyond 2^53 (not exact)', { rec_id: 2 ** 53, error: 'bad' }, '{"rec_id":9007199254740992,"error":"bad"}'],
		['a decimal rec_id', { rec_id: 101.5, error: 'bad' }, '{"rec_id":101.5,"error":"bad"}'],
		['a boolean rec_id', { rec_id: true, error: 'bad' }, '{"rec_id":true,"error":"bad"}'],
	])('an entry that is %s names no rec_id: unreadable', (_what, entry, shown) => {
		expect(recordErrors(answer({ errors: [{ rec_id: '101', error: 'x' }, entry] }), recIds)).toEqual({
			ok: false,
			unreadable: `an "errors" entry names no rec_id: ${shown}`,
		});
	});

	it('an entry naming a rec_id the batch does not hold is unreadable', () => {
		expect(recordErrors(answer({ errors: [{ rec_id: 999, error: 'x' }] }), recIds)).toEqual({
			ok: false,
			unreadable: 'an "errors" entry names rec_id 999, which is not in this batch',
		});
	});
});

describe('batchOutcomes', () => {
	it('a batch never sent: every entry "not sent" because an earlier batch failed', () => {
		const outcomes = batchOutcomes(batch, { sent: false });
		expect(outcomes).toHaveLength(3);
		for (const outcome of outcomes) {
			expect(outcome).toEqual({
				acked: false,
				failure: { scope: 'request', outcome: 'not sent', code: 'NOT_SENT', message: 'Not sent: an earlier batch failed' },
			});
		}
	});

	it('code 0 with errors[]: the named records refused with WDT\'s words and code, the others acked', () => {
		const outcomes = batchOutcomes(batch, ok({ errors: [{ rec_id: '102', error: '库存已变化' }] }));
		expect(outcomes[0]).toEqual({ acked: true });
		expect(outcomes[2]).toEqual({ acked: true });
		expect(outcomes[1]).toMatchObject({ acked: false, failure: { scope: 'record', outcome: 'refused', code: 0, message: '库存已变化' } });
		const failure = (outcomes[1] as Extract<EntryOutcome, { acked: false }>).failure;
		expect(failure.hint).toMatch(/库存已变化/);
		expect(failure.hint).toMatch(/comes back on the next query/);
	});

	it('an unreadable errors[]: the whole batch unknown (PROTOCOL), none claimed acked', () => {
		const outcomes = batchOutcomes(batch, ok({ errors: { rec_id: '102' } }));
		for (const outcome of outcomes) {
			expect(outcome).toMatchObject({
				acked: false,
				failure: {
					scope: 'request',
					outcome: 'unknown',
					code: 'PROTOCOL',
					message: 'Outcome unknown: the answer could not be read ("errors" is {"rec_id":"102"}, not a list)',
				},
			});
			expect((outcome as Extract<EntryOutcome, { acked: false }>).failure.hint).toMatch(/Acks are safe to repeat: run again to settle\.$/);
		}
	});

	it('a failed call: every entry shares the failure of the call', () => {
		const outcomes = batchOutcomes(batch, { sent: true, ok: false, error: new WdtApiError(1050, '签名错误'), delivery: 'refused' });
		expect(outcomes).toHaveLength(3);
		expect(outcomes[0]).toMatchObject({ acked: false, failure: { scope: 'request', outcome: 'refused', code: 1050, message: '签名错误' } });
		expect(outcomes[2]).toEqual(outcomes[0]);
	});
});

describe('requestFailure: worded by what the attempts say about delivery', () => {
	it('unknown: "Outcome unknown: …", the hint to run again before the cause\'s own hint', () => {
		const failure = requestFailure({ sent: true, ok: false, error: new WdtTransportError('HTTP 503 from the gateway', true, 503, true, 'http'), delivery: 'unknown' });
		expect(failure).toMatchObject({ scope: 'request', outcome: 'unknown', code: 'HTTP 503', message: 'Outcome unknown: HTTP 503 from the gateway' });
		expect(failure.hint).toMatch(/^The batch was sent, but no answer could be read.*run again to settle\. No answer could be read after all retries/);
	});

	it('unknown with a cause that has no hint of its own: no dangling blank', () => {
		const failure = requestFailure({ sent: true, ok: false, error: new Error('boom'), delivery: 'unknown' });
		expect(failure).toMatchObject({ outcome: 'unknown', code: 'ERROR', message: 'Outcome unknown: boom' });
		expect(failure.hint).toMatch(/run again to settle\.$/);
	});

	it('not sent: "Not sent: …"', () => {
		const failure = requestFailure({
			sent: true,
			ok: false,
			error: new WdtTransportError('connect ECONNREFUSED', true, undefined, false),
			delivery: 'not sent',
		});
		expect(failure).toMatchObject({ scope: 'request', outcome: 'not sent', code: 'NETWORK', message: 'Not sent: connect ECONNREFUSED' });
	});

	it('refused: the cause as it is', () => {
		const failure = requestFailure({ sent: true, ok: false, error: new WdtApiError(1050, '签名错误'), delivery: 'refused' });
		expect(failure).toMatchObject({ scope: 'request', outcome: 'refused', code: 1050, message: '签名错误' });
	});
});

describe('the summary', () => {
	const counts = (patch: Partial<OutcomeCounts>): OutcomeCounts => ({ ...emptyCounts(), ...patch });

	it('counts each outcome under its name', () => {
		const tally = emptyCounts();
		countOutcome(tally, { acked: true });
		countOutcome(tally, { acked: true });
		countOutcome(tally, { acked: false, failure: { scope: 'request', outcome: 'unknown', message: 'x' } });
		countOutcome(tally, { acked: false, failure: { scope: 'validation', outcome: 'not sent', message: 'x' } });
		expect(tally).toEqual({ acked: 2, refused: 0, unknown: 1, 'not sent': 1 });
	});

	it('leaves zero counts out but always shows acked', () => {
		expect(summarise(counts({}))).toBe('0 acked');
		expect(summarise(counts({ acked: 3, refused: 1, unknown: 2, 'not sent': 4 }))).toBe(
			'3 acked, 1 refused by WDT, 2 outcome unknown — run again to settle, 4 not sent',
		);
	});

	it.each([
		[999, '999'],
		[1000, '1 000'],
		[12345, '12 345'],
		[1234567, '1 234 567'],
		[1000000, '1 000 000'],
	])('groups thousands: %s → "%s"', (n, text) => {
		expect(summarise(counts({ acked: n, 'not sent': n }))).toBe(`${text} acked, ${text} not sent`);
	});
});
