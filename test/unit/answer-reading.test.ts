import {
	AnswerTooLargeError,
	discardBody,
	headerValue,
	httpStatusError,
	readAnswer,
	redirectError,
	untilAborted,
} from '../../nodes/Wdt/transport/network';
import { until } from '../helpers/callbacks';

/** A promise with its resolve at hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

/**
 * An answer body as n8n hands it over with `encoding: 'stream'`: async-iterable chunks and a
 * `destroy()` (recorded). `chunks` are yielded one by one; `waitBetween` makes each next chunk
 * wait until `release()`; `honoursDestroy: false` keeps yielding after destroy (a stubborn stream).
 */
function streamBody(chunks: unknown[], options: { waitBetween?: boolean; honoursDestroy?: boolean } = {}) {
	let destroyed = 0;
	let yielded = 0;
	let gate = deferred<void>();
	const body = {
		get destroyed() {
			return destroyed;
		},
		get yielded() {
			return yielded;
		},
		release() {
			gate.resolve();
		},
		destroy() {
			destroyed++;
			gate.resolve();
		},
		async *[Symbol.asyncIterator]() {
			for (const chunk of chunks) {
				if (destroyed && options.honoursDestroy !== false) return;
				yielded++;
				yield chunk;
				if (options.waitBetween && !destroyed) {
					await gate.promise;
					gate = deferred<void>();
				}
			}
		},
	};
	return body;
}

const never = new AbortController().signal;

describe('readAnswer: the body as text, under the signal and the size cap', () => {
	it('joins the chunks of a stream, whatever their type', async () => {
		// a view is read at its own offset and length, not its whole buffer
		const body = streamBody([Buffer.from('{"co'), 'de":', new Uint8Array([48]).buffer, new Uint8Array([120, 125, 121]).subarray(1, 2), 5]);
		expect(await readAnswer(body, never, 100)).toBe('{"code":0}5');
		expect(body.destroyed).toBe(0);
	});

	it('takes a body that is not a stream as it is (text, bytes, nothing)', async () => {
		expect(await readAnswer('{"code":0}', never, 100)).toBe('{"code":0}');
		expect(await readAnswer(Buffer.from('abc'), never, 100)).toBe('abc');
		expect(await readAnswer(null, never, 100)).toBe('');
		expect(await readAnswer(undefined, never, 100)).toBe('');
		expect(await readAnswer(42, never, 100)).toBe('42');
	});

	it('reads an answer of exactly the cap and refuses one byte more, without retrying it', async () => {
		expect(await readAnswer('0123456789', never, 10)).toBe('0123456789');
		const tooLarge = readAnswer('0123456789A', never, 10);
		await expect(tooLarge).rejects.toThrow(new AnswerTooLargeError(10).message);
		await expect(tooLarge).rejects.toMatchObject({ reason: 'too-large', transient: false, delivered: true });
		expect(new AnswerTooLargeError(10).message).toBe('The answer of the WDT gateway is larger than 10 bytes; it was not read');
	});

	it('stops a stream that grows past the cap: destroyed, the rest not read', async () => {
		const body = streamBody(['12345', '67890', 'X', 'never read']);
		await expect(readAnswer(body, never, 10)).rejects.toBeInstanceOf(AnswerTooLargeError);
		expect(body.destroyed).toBe(1);
		expect(body.yielded).toBe(3);
		const exact = streamBody(['12345', '67890']);
		expect(await readAnswer(exact, never, 10)).toBe('1234567890');
	});

	it('with the signal already fired, destroys the stream and reads nothing', async () => {
		const controller = new AbortController();
		controller.abort();
		const body = streamBody(['{"code":0}']);
		await expect(readAnswer(body, controller.signal, 100)).rejects.toThrow('aborted');
		expect(body.destroyed).toBeGreaterThan(0);
	});

	it('when the signal fires mid-answer, destroys the stream and gives no partial text', async () => {
		const controller = new AbortController();
		const body = streamBody(['{"co', 'de":0}'], { waitBetween: true });
		const reading = readAnswer(body, controller.signal, 100);
		await until(() => body.yielded === 1);
		controller.abort();
		await expect(reading).rejects.toThrow('aborted');
		expect(body.destroyed).toBe(1);
		expect(body.yielded).toBe(1);
	});

	it('stops reading at the signal even when the stream keeps sending after destroy', async () => {
		const controller = new AbortController();
		const chunks = Array.from({ length: 50 }, () => 'x');
		const body = streamBody(chunks, { waitBetween: true, honoursDestroy: false });
		const reading = readAnswer(body, controller.signal, 20);
		await until(() => body.yielded === 1);
		controller.abort();
		// not "too large": nothing after the signal counts
		await expect(reading).rejects.toThrow(/^aborted$/);
		expect(body.yielded).toBeLessThanOrEqual(2);
	});

	it('leaves the stream alone once read, even if the signal fires later', async () => {
		const controller = new AbortController();
		const body = streamBody(['{"code":0}']);
		expect(await readAnswer(body, controller.signal, 100)).toBe('{"code":0}');
		controller.abort();
		expect(body.destroyed).toBe(0);
	});
});

describe('untilAborted: a request abandoned when the signal fires', () => {
	const abortError = () => new Error('gave up');

	it('passes the value through while the signal is quiet, and forgets the signal afterwards', async () => {
		const controller = new AbortController();
		const onAbort = jest.fn(abortError);
		const late = jest.fn();
		await expect(untilAborted(Promise.resolve('answer'), controller.signal, onAbort, late)).resolves.toBe('answer');
		controller.abort();
		expect(onAbort).not.toHaveBeenCalled();
		expect(late).not.toHaveBeenCalled();
	});

	it('with the signal already fired, rejects at once and hands the value that comes later to `late`', async () => {
		const controller = new AbortController();
		controller.abort();
		const answer = deferred<string>();
		const late = jest.fn();
		const waiting = untilAborted(answer.promise, controller.signal, abortError, late);
		answer.resolve('late answer');
		await expect(waiting).rejects.toThrow('gave up');
		expect(late).toHaveBeenCalledWith('late answer');
	});

	it('when the signal fires first, rejects with onAbort() and hands the late value to `late`', async () => {
		const controller = new AbortController();
		const answer = deferred<string>();
		const late = jest.fn();
		const waiting = untilAborted(answer.promise, controller.signal, abortError, late);
		controller.abort();
		answer.resolve('late answer');
		await expect(waiting).rejects.toThrow('gave up');
		await answer.promise;
		expect(late).toHaveBeenCalledTimes(1);
		expect(late).toHaveBeenCalledWith('late answer');
	});
});

describe('discardBody', () => {
	it('destroys a stream and ignores anything that cannot be destroyed', () => {
		const destroy = jest.fn();
		discardBody({ destroy });
		expect(destroy).toHaveBeenCalledTimes(1);
		for (const body of [undefined, null, 'text', 42, {}, { destroy: 'no' }]) expect(() => discardBody(body)).not.toThrow();
	});
});

describe('headerValue', () => {
	it('finds a header in any case; a repeated one is joined with ", "', () => {
		const headers = { Date: 'Sun, 29 Nov 2026 08:00:00 GMT', 'set-cookie': ['a=1', 'b=2'], LOCATION: 'https://x/' };
		expect(headerValue(headers, 'date')).toBe('Sun, 29 Nov 2026 08:00:00 GMT');
		expect(headerValue(headers, 'set-cookie')).toBe('a=1, b=2');
		expect(headerValue(headers, 'location')).toBe('https://x/');
		expect(headerValue(headers, 'etag')).toBeUndefined();
	});

	it('an empty value is no value; no headers at all is no header', () => {
		expect(headerValue({ date: undefined }, 'date')).toBeUndefined();
		expect(headerValue({ date: null }, 'date')).toBeUndefined();
		expect(headerValue({ 'content-length': 0 }, 'content-length')).toBe('0');
		expect(headerValue(undefined, 'date')).toBeUndefined();
		expect(headerValue(null, 'date')).toBeUndefined();
	});
});

describe('answers that are not 2xx', () => {
	it('a redirect says where it points, or that it points nowhere', () => {
		const to = redirectError(301, 'https://api.example/openapi2/');
		expect(to.message).toContain('HTTP 301 and redirects to https://api.example/openapi2/;');
		expect([to.reason, to.httpStatus, to.location, to.transient]).toEqual(['redirect', 301, 'https://api.example/openapi2/', false]);
		expect(redirectError(302, undefined).message).toContain('HTTP 302 and redirects elsewhere (no Location header);');
	});

	it.each<[number, boolean]>([
		[429, true],
		[500, true],
		[503, true],
		[499, false],
		[404, false],
		[400, false],
	])('HTTP %i: retried = %s', (status, transient) => {
		const error = httpStatusError(status, 'x');
		expect([error.transient, error.httpStatus, error.reason]).toEqual([transient, status, 'http']);
	});

	it('quotes the start of the answer on one line, at most 160 characters', () => {
		expect(httpStatusError(502, '  <html>\n  <h1>Bad   Gateway</h1>\n</html>\n').message).toBe('HTTP 502 from the gateway: <html> <h1>Bad Gateway</h1> </html>');
		const long = `${'a'.repeat(150)} ${'b'.repeat(50)}`;
		expect(httpStatusError(500, long).message).toBe(`HTTP 500 from the gateway: ${long.slice(0, 160)}`);
		expect(httpStatusError(500, ' \n ').message).toBe('HTTP 500 from the gateway');
	});
});
