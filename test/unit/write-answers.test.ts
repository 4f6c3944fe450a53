/**
 * The write engine's reading of answers and attempts into outcomes (nodes/Wdt/writes/answer.ts,
 * recordOutcomes.ts, outcomes.ts): pure, no n8n.
 */
import { WdtApiError } from '../../nodes/Wdt/protocol';
import { WdtTransportError } from '../../nodes/Wdt/transport/network';
import { readCount, recordErrors } from '../../nodes/Wdt/writes/answer';
import type { Attempt } from '../../nodes/Wdt/writes/attempts';
import type { WriteEndpoint } from '../../nodes/Wdt/writes/endpoint';
import type { OutcomeCounts, RecordOutcome, WriteFailure } from '../../nodes/Wdt/writes/outcomes';
import { emptyCounts, isWritten, outcomeWord, summarise, writtenCount } from '../../nodes/Wdt/writes/outcomes';
import { batchOutcomes, requestFailure } from '../../nodes/Wdt/writes/recordOutcomes';
import type { BatchRun } from '../../nodes/Wdt/writes/send';

type Rec = { id: string };
const spec = (answer: 'ack' | 'push', extra: Partial<WriteEndpoint<Rec>> = {}): WriteEndpoint<Rec> => ({
	endpoint: 'x.php',
	noun: 'record',
	keyName: 'rec_id',
	maxBatch: 50,
	defaultBatch: 50,
	answer,
	errorKeys: ['rec_id'],
	wire: (r) => JSON.stringify(r),
	params: (list) => ({ list }),
	shown: (r) => r,
	rerun: 'Acks are safe to repeat',
	refusedHint: 'the stock changed (库存已变化): it comes back on the next query',
	...extra,
});
const ACK = spec('ack');
const PUSH = spec('push', { noun: 'order', keyName: 'tid', errorKeys: ['tid'], rerun: 'Pushing again is safe' });
/** The keys of one call's records. */
const batch = ['101', '102', '103'];
const keys = new Set(['101', '102', '103']);
const answer = (extra: Record<string, unknown>) => ({ code: 0, message: 'ok', ...extra });
const ANSWERED: Attempt = { result: 'answered' };
const LOST: Attempt = { result: 'unknown', code: 'HTTP 502' };
const answered = (extra: Record<string, unknown>, before: Attempt[] = []): BatchRun => ({ attempts: [...before, ANSWERED], body: answer(extra) });
const failure = (outcome: RecordOutcome) => outcome as WriteFailure;

describe('recordErrors: the errors[] of a code-0 answer, read only when certain', () => {
	it('no errors field: nothing refused', () => {
		expect(recordErrors(answer({}), keys, ['rec_id'])).toEqual({ ok: true, errors: new Map() });
	});

	it('reads each entry by its key, a string or a safe whole number, with its error, else its message, else a stand-in', () => {
		const read = recordErrors(
			answer({ errors: [{ rec_id: '101', error: '库存已变化' }, { rec_id: 102, message: 'stock changed' }, { rec_id: '103' }] }),
			keys,
			['rec_id'],
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

	it('the first key field present counts (spec_id or goods_no …)', () => {
		expect(recordErrors(answer({ errors: [{ spec_id: '', goods_no: '101', error: 'x' }] }), keys, ['spec_id', 'goods_no'])).toEqual({
			ok: true,
			errors: new Map([['101', 'x']]),
		});
	});

	it('a reason that is not text is kept as its JSON', () => {
		expect(recordErrors(answer({ errors: [{ rec_id: '101', error: { code: 7 } }] }), keys, ['rec_id'])).toEqual({
			ok: true,
			errors: new Map([['101', '{"code":7}']]),
		});
	});

	it.each<[string, unknown, string]>([
		['an object keyed by rec_id', { 101: 'bad' }, '"errors" is {"101":"bad"}, not a list'],
		['an object naming a rec_id', { rec_id: '101' }, '"errors" is {"rec_id":"101"}, not a list'],
		['text', 'failed', '"errors" is "failed", not a list'],
		['a number', 3, '"errors" is 3, not a list'],
		['null', null, '"errors" is null, not a list'],
		['undefined (no JSON at all)', undefined, '"errors" is undefined, not a list'],
	])('errors as %s is unreadable', (_what, errors, unreadable) => {
		expect(recordErrors(answer({ errors }), keys, ['rec_id'])).toEqual({ ok: false, unreadable });
	});

	it('shows at most 200 characters of an unreadable value', () => {
		expect(recordErrors(answer({ errors: 'x'.repeat(300) }), keys, ['rec_id'])).toEqual({ ok: false, unreadable: `"errors" is "${'x'.repeat(199)}, not a list` });
	});

	it.each<[string, unknown, string]>([
		['null', null, 'null'],
		['text', 'rec 101', '"rec 101"'],
		['a number', 101, '101'],
		['a list', ['101'], '["101"]'],
		['no rec_id', { error: 'bad' }, '{"error":"bad"}'],
		['an empty rec_id', { rec_id: '', error: 'bad' }, '{"rec_id":"","error":"bad"}'],
		['a rec_id beyond 2^53 (not exact)', { rec_id: 2 ** 53, error: 'bad' }, '{"rec_id":9007199254740992,"error":"bad"}'],
		['a decimal rec_id', { rec_id: 101.5, error: 'bad' }, '{"rec_id":101.5,"error":"bad"}'],
		['a boolean rec_id', { rec_id: true, error: 'bad' }, '{"rec_id":true,"error":"bad"}'],
		['keyed by tid instead', { tid: '101', error: 'bad' }, '{"tid":"101","error":"bad"}'],
	])('an entry that is %s names no rec_id: unreadable', (_what, entry, shown) => {
		expect(recordErrors(answer({ errors: [{ rec_id: '101', error: 'x' }, entry] }), keys, ['rec_id'])).toEqual({
			ok: false,
			unreadable: `an "errors" entry names no rec_id: ${shown}`,
		});
	});

	it('names every key field it looked for', () => {
		expect(recordErrors(answer({ errors: [{}] }), keys, ['spec_id', 'goods_no'])).toEqual({ ok: false, unreadable: 'an "errors" entry names no spec_id or goods_no: {}' });
	});

	it('an entry naming a key the call does not hold is unreadable', () => {
		expect(recordErrors(answer({ errors: [{ rec_id: 999, error: 'x' }] }), keys, ['rec_id'])).toEqual({
			ok: false,
			unreadable: 'an "errors" entry names 999, which is not in this call',
		});
	});
});

describe('readCount: new_count / chg_count', () => {
	it.each<[unknown, number | undefined]>([
		[3, 3],
		[0, 0],
		['12', 12],
		['0', 0],
		[-1, undefined],
		[1.5, undefined],
		['1.5', undefined],
		[' 3', undefined],
		['', undefined],
		[null, undefined],
		[undefined, undefined],
		[true, undefined],
		[2 ** 53, undefined],
		['9007199254740993', undefined],
	])('%j → %j', (value, count) => {
		expect(readCount(value)).toBe(count);
	});
});

describe('batchOutcomes of an ack', () => {
	it('a batch never started: every record notSent because an earlier batch failed', () => {
		const outcomes = batchOutcomes(ACK, batch, { attempts: [] });
		expect(outcomes).toEqual([0, 1, 2].map(() => ({ scope: 'request', outcome: 'notSent', code: 'NOT_SENT', message: 'Not sent: an earlier batch failed' })));
	});

	it('code 0 with errors[]: the named records refused with WDT\'s words, code and the endpoint\'s hint; the others acked', () => {
		const outcomes = batchOutcomes(ACK, batch, answered({ errors: [{ rec_id: '102', error: '库存已变化' }] }));
		expect(outcomes[0]).toBe('acked');
		expect(outcomes[2]).toBe('acked');
		expect(outcomes[1]).toEqual({ scope: 'record', outcome: 'refused', code: 0, message: '库存已变化', hint: ACK.refusedHint });
	});

	it('a refused record without an endpoint hint carries no hint field', () => {
		const outcomes = batchOutcomes(spec('ack', { refusedHint: undefined }), batch, answered({ errors: [{ rec_id: '102', error: 'x' }] }));
		expect(Object.keys(outcomes[1] as object)).toEqual(['scope', 'outcome', 'code', 'message']);
	});

	it('an unreadable errors[]: the whole call unknown (PROTOCOL), none claimed acked', () => {
		const outcomes = batchOutcomes(ACK, batch, answered({ errors: { 102: 'x' } }));
		for (const outcome of outcomes) {
			expect(outcome).toEqual({
				scope: 'request',
				outcome: 'unknown',
				code: 'PROTOCOL',
				message: 'Outcome unknown: the answer could not be read ("errors" is {"102":"x"}, not a list)',
				hint: 'The call was sent, but whether WDT acked these records cannot be told from what came back. Acks are safe to repeat: run again to settle.',
			});
		}
	});

	it('a failed call: every record shares the failure of the call', () => {
		const outcomes = batchOutcomes(ACK, batch, { attempts: [{ result: 'refused', code: 1050 }], error: new WdtApiError(1050, '签名错误') });
		expect(outcomes[0]).toMatchObject({ scope: 'request', outcome: 'refused', code: 1050, message: '签名错误' });
		expect(outcomes[2]).toBe(outcomes[0]);
	});

	it('a record refused on a retry after a lost answer is unknown, not refused; the others acked', () => {
		const outcomes = batchOutcomes(ACK, batch, answered({ errors: [{ rec_id: '102', error: '库存已变化' }] }, [LOST]));
		expect(outcomes[0]).toBe('acked');
		expect(outcomes[1]).toEqual({
			scope: 'record',
			outcome: 'unknown',
			code: 0,
			message: 'Outcome unknown: WDT refused it on a retry (库存已变化), but an earlier attempt may have written it',
			hint: 'An earlier attempt was sent and its answer lost, so WDT may have taken these records before it refused the retry. Acks are safe to repeat: run again to settle.',
		});
	});

	it('a refusal after an attempt that was refused (not processed) stays refused', () => {
		const outcomes = batchOutcomes(ACK, batch, answered({ errors: [{ rec_id: '102', error: 'x' }] }, [{ result: 'refused', code: 1009 }]));
		expect(failure(outcomes[1]).outcome).toBe('refused');
	});
});

describe('batchOutcomes of a push: counts must add up to the records not refused', () => {
	const push = (extra: Record<string, unknown>, before: Attempt[] = []) => batchOutcomes(PUSH, batch, answered(extra, before)).map(outcomeWord);

	it.each<[string, Record<string, unknown>, string[]]>([
		['all new', { new_count: 3, chg_count: 0 }, ['new', 'new', 'new']],
		['all changed', { new_count: 0, chg_count: 3 }, ['changed', 'changed', 'changed']],
		['counts as digit strings', { new_count: '3', chg_count: '0' }, ['new', 'new', 'new']],
		['some of each: written, which is which not knowable', { new_count: 1, chg_count: 2 }, ['pushed', 'pushed', 'pushed']],
		['one refused, the other two new', { new_count: 2, chg_count: 0, errors: [{ tid: '102', error: 'bad' }] }, ['new', 'refused', 'new']],
		['one refused, the other two changed', { new_count: 0, chg_count: 2, errors: [{ tid: '101', error: 'bad' }] }, ['refused', 'changed', 'changed']],
		['all refused, no counts needed', { new_count: 0, chg_count: 0, errors: ['101', '102', '103'].map((tid) => ({ tid, error: 'x' })) }, ['refused', 'refused', 'refused']],
	])('%s', (_what, body, outcomes) => {
		expect(push(body)).toEqual(outcomes);
	});

	it.each<[string, Record<string, unknown>]>([
		['new 1, chg 0 for 3', { new_count: 1, chg_count: 0 }],
		['0 / 0 for 3', { new_count: 0, chg_count: 0 }],
		['more than sent', { new_count: 3, chg_count: 1 }],
		['new_count missing', { chg_count: 3 }],
		['chg_count missing', { new_count: 3 }],
		['both missing', {}],
		['a count that is not a whole number', { new_count: 2.5, chg_count: 0.5 }],
		['a count as text with blanks', { new_count: ' 3', chg_count: 0 }],
		['a negative count', { new_count: 4, chg_count: -1 }],
	])('counts that do not say it beyond doubt (%s): unknown, never pushed', (_what, body) => {
		const outcomes = batchOutcomes(PUSH, batch, answered(body));
		expect(outcomes.map(outcomeWord)).toEqual(['unknown', 'unknown', 'unknown']);
		expect(failure(outcomes[0])).toMatchObject({ scope: 'request', code: 'COUNTS', hint: expect.stringMatching(/whether WDT wrote these orders.*Pushing again is safe: run again to settle\.$/) });
		expect(failure(outcomes[0]).message).toBe(
			`Outcome unknown: WDT answered new_count ${JSON.stringify(body.new_count) ?? 'missing'} and chg_count ${JSON.stringify(body.chg_count) ?? 'missing'} for the 3 order(s) it did not refuse, so which were written cannot be told`,
		);
	});

	it('counts that do not add up leave the records errors[] names refused', () => {
		expect(push({ new_count: 2, chg_count: 0, errors: [{ tid: '102', error: 'bad' }], extra: 1 }).slice(0, 2)).toEqual(['new', 'refused']);
		expect(push({ new_count: 1, chg_count: 0, errors: [{ tid: '102', error: 'bad' }] })).toEqual(['unknown', 'refused', 'unknown']);
	});

	it('after a lost answer a code-0 answer says "pushed", never new or changed (its counts may describe the retry alone)', () => {
		expect(push({ new_count: 3, chg_count: 0 }, [LOST])).toEqual(['pushed', 'pushed', 'pushed']);
		expect(push({ new_count: 0, chg_count: 3 }, [LOST])).toEqual(['pushed', 'pushed', 'pushed']);
		expect(push({ new_count: 0, chg_count: 2, errors: [{ tid: '103', error: '参数错误' }] }, [LOST])).toEqual(['pushed', 'pushed', 'unknown']);
		expect(push({ new_count: 0, chg_count: 1 }, [LOST])).toEqual(['unknown', 'unknown', 'unknown']);
	});
});

describe('requestFailure: worded by what the attempts say', () => {
	const http503 = new WdtTransportError('HTTP 503 from the gateway', true, 503, true, 'http');

	it('unknown: "Outcome unknown: …", the hint to run again before the cause\'s own hint', () => {
		const f = requestFailure(ACK, [{ result: 'unknown', code: 'HTTP 503' }], http503);
		expect(f).toMatchObject({ scope: 'request', outcome: 'unknown', code: 'HTTP 503', message: 'Outcome unknown: HTTP 503 from the gateway' });
		expect(f.hint).toMatch(/^The call was sent, but whether WDT acked these records cannot be told.*run again to settle\. No answer could be read after all retries/);
	});

	it('a lost answer, then a refusal (rate limit, 参数错误): unknown, the hint says the earlier attempt may have been processed', () => {
		const f = requestFailure(ACK, [{ result: 'unknown', code: 'HTTP 502' }, { result: 'refused', code: 100 }], new WdtApiError(100, '参数错误'));
		expect(f).toMatchObject({ outcome: 'unknown', code: 100, message: 'Outcome unknown: 参数错误' });
		expect(f.hint).toMatch(/^An earlier attempt was sent and its answer lost, so WDT may have taken these records before it refused the retry\./);
	});

	it('unknown with a cause that has no hint of its own: no dangling blank', () => {
		const f = requestFailure(ACK, [{ result: 'unknown' }], new Error('boom'));
		expect(f).toMatchObject({ outcome: 'unknown', code: 'ERROR', message: 'Outcome unknown: boom' });
		expect(f.hint).toMatch(/run again to settle\.$/);
	});

	it('not sent: "Not sent: …"', () => {
		const f = requestFailure(ACK, [{ result: 'notSent' }], new WdtTransportError('connect ECONNREFUSED', true, undefined, false));
		expect(f).toMatchObject({ scope: 'request', outcome: 'notSent', code: 'NETWORK', message: 'Not sent: connect ECONNREFUSED' });
	});

	it('refused: the cause as it is', () => {
		expect(requestFailure(ACK, [{ result: 'refused' }], new WdtApiError(1050, '签名错误'))).toMatchObject({ scope: 'request', outcome: 'refused', code: 1050, message: '签名错误' });
	});
});

describe('the vocabulary and the summary', () => {
	const counts = (patch: Partial<OutcomeCounts>): OutcomeCounts => ({ ...emptyCounts(), ...patch });

	it('written outcomes are words, the others failures', () => {
		expect(isWritten('acked')).toBe(true);
		expect(isWritten({ scope: 'request', outcome: 'unknown', message: 'x' })).toBe(false);
		expect(outcomeWord({ scope: 'validation', outcome: 'notSent', message: 'x' })).toBe('notSent');
		expect(writtenCount(counts({ acked: 1, new: 2, changed: 3, pushed: 4, refused: 5, unknown: 6, notSent: 7 }))).toBe(10);
	});

	it('an ack: leaves zero counts out but always shows acked', () => {
		expect(summarise(counts({}), 'ack')).toBe('0 acked');
		expect(summarise(counts({ acked: 3, refused: 1, unknown: 2, notSent: 4 }), 'ack')).toBe('3 acked, 1 refused by WDT, 2 outcome unknown — run again to settle, 4 not sent');
	});

	it('a push: written, with new / changed / pushed when any', () => {
		expect(summarise(counts({}), 'push')).toBe('0 written');
		expect(summarise(counts({ new: 2, pushed: 1, unknown: 1 }), 'push')).toBe('3 written (2 new, 1 pushed), 1 outcome unknown — run again to settle');
		expect(summarise(counts({ changed: 5 }), 'push')).toBe('5 written (5 changed)');
	});

	it.each([
		[999, '999'],
		[1000, '1 000'],
		[12345, '12 345'],
		[1234567, '1 234 567'],
	])('groups thousands: %s → "%s"', (n, text) => {
		expect(summarise(counts({ acked: n, notSent: n }), 'ack')).toBe(`${text} acked, ${text} not sent`);
	});
});

describe('readCount: text with anything after the digits is unreadable', () => {
	it.each(['3 ', '3abc', '3.0'])('%j', (value) => {
		expect(readCount(value)).toBeUndefined();
	});
});
