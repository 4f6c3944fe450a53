/**
 * What the network did to one request, independent of which n8n line sent it: a total deadline
 * (from connecting to the last byte), reading the answer under that deadline and a size cap, and
 * the classification of failures into "never left the machine" and "sent, answer lost".
 */

/** The largest answer read; anything longer is treated as unreadable (openapi2 pages are far smaller). */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/**
 * A request that got no readable answer.
 * `delivered`: false only when the request surely never reached the gateway (refused connection,
 * unknown host): only then may a caller say "not sent". Everything else may have been processed.
 */
export class WdtTransportError extends Error {
	constructor(
		message: string,
		readonly transient: boolean,
		readonly httpStatus?: number,
		readonly delivered: boolean = true,
		/** What kind of failure, for messages and hints. */
		readonly reason: 'timeout' | 'network' | 'http' | 'redirect' | 'too-large' = 'network',
		/** Where a 3xx answer pointed. */
		readonly location?: string,
	) {
		super(message);
		this.name = 'WdtTransportError';
	}
}

export function deadlineError(timeoutMs: number): WdtTransportError {
	return new WdtTransportError(
		`No complete answer from the WDT gateway within ${timeoutMs} ms (the whole exchange, from connecting to the last byte)`,
		true,
		undefined,
		true,
		'timeout',
	);
}

/** Errors that happen before a byte of the request is written: the gateway cannot have seen it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'ERR_INVALID_URL']);
/** n8n 1.x replaces a network error's message with one of these (n8n-workflow COMMON_ERRORS). */
const N8N1_MESSAGES: Array<[RegExp, string]> = [
	[/refused the connection/i, 'ECONNREFUSED'],
	[/incorrect host \(domain\)/i, 'ENOTFOUND'],
	[/DNS server returned an error/i, 'EAI_AGAIN'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
	[/address is not available/i, 'EADDRNOTAVAIL'],
	[/closed (the connection )?unexpectedly/i, 'ECONNRESET'],
	[/connection timed out/i, 'ETIMEDOUT'],
	[/connection was aborted/i, 'ECONNABORTED'],
];
/**
 * A connection that broke after the request may have been sent: worth a retry. (The codes of
 * NOT_SENT_CODES and the timeouts are classified before this set is read.)
 */
const BROKEN_CONNECTION_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'UND_ERR_SOCKET',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ERR_STREAM_PREMATURE_CLOSE',
]);

/** The error and its causes (n8n wraps the network error once or twice), as plain records. */
function errorChain(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 6) {
		chain.push(current as Record<string, unknown>);
		const next = current as { cause?: unknown; reason?: unknown };
		// a reason that is not an object (a text) ends the chain: the loop keeps objects only
		current = next.cause ?? next.reason;
	}
	return chain;
}

/** The network error code of a failure, on either n8n line (2.x keeps it, 1.x hides it in a message). */
export function networkCode(error: unknown): string | undefined {
	const chain = errorChain(error);
	const code = chain.map((e) => e.code).find((c): c is string => typeof c === 'string' && /^E[A-Z_]+$|^UND_|^ERR_/.test(c));
	if (code) return code;
	// Stryker disable next-line StringLiteral: any text without a code or an n8n phrase in place of a missing message finds nothing, as '' does
	const messages = chain.map((e) => String(e.message ?? ''));
	const text = messages.join(' ');
	const named = /\b(E[A-Z]{4,}|UND_ERR_[A-Z_]+)\b/.exec(text);
	if (named) return named[1];
	const n8n1 = N8N1_MESSAGES.find(([pattern]) => pattern.test(text))?.[1];
	if (n8n1) return n8n1;
	if (/socket hang up|\baborted\b/i.test(text)) return 'ECONNRESET';
	return undefined;
}

/**
 * Network codes in words. Messages never carry the raw code: n8n's NodeApiError replaces any
 * message that contains "ECONNRESET" & co. with its own generic text.
 */
const IN_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'DNS lookup failed',
	ENETUNREACH: 'network unreachable',
	EHOSTUNREACH: 'host unreachable',
	EADDRNOTAVAIL: 'address not available',
	ERR_INVALID_URL: 'invalid URL',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection broken',
	ECONNABORTED: 'connection aborted',
	ETIMEDOUT: 'connection timed out',
	ESOCKETTIMEDOUT: 'socket timed out',
};

/** A request that failed without an answer (the deadline and cancelling are judged by the caller). */
export function describeNetworkFailure(error: unknown): WdtTransportError {
	const code = networkCode(error);
	const words = (code && IN_WORDS[code]) ?? 'connection closed';
	const said = String(errorChain(error)[0]?.message ?? error);
	if (code && NOT_SENT_CODES.has(code)) {
		return new WdtTransportError(`Could not reach the WDT gateway: ${words}`, true, undefined, false);
	}
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ESOCKETTIMEDOUT' || (!code && /timeout/i.test(said))) {
		return new WdtTransportError(`The WDT gateway did not answer in time (${words})`, true, undefined, true, 'timeout');
	}
	if (code && BROKEN_CONNECTION_CODES.has(code)) {
		return new WdtTransportError(`The connection to the WDT gateway broke after the request was sent (${words}); no answer was read`, true);
	}
	return new WdtTransportError(`The request to the WDT gateway failed, no answer was read: ${said}`, false);
}

/** Rejects with `onAbort()` once `signal` fires; a value that arrives later is handed to `late`. */
export async function untilAborted<T>(
	promise: Promise<T>,
	signal: AbortSignal,
	onAbort: () => unknown,
	late: (value: T) => void,
): Promise<T> {
	if (signal.aborted) {
		promise.then(late, () => undefined);
		throw onAbort();
	}
	let abandoned = false;
	let listener: (() => void) | undefined;
	const aborted = new Promise<never>((_, reject) => {
		listener = () => {
			abandoned = true;
			reject(onAbort());
		};
		// Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal fires 'abort' once, and the listener is removed when the race ends
		signal.addEventListener('abort', listener, { once: true });
	});
	promise.then(
		(value) => {
			if (abandoned) late(value);
		},
		() => undefined,
	);
	try {
		return await Promise.race([promise, aborted]);
	} finally {
		if (listener) signal.removeEventListener('abort', listener);
	}
}

interface Destroyable {
	destroy?: (error?: Error) => void;
}

/** Stops an answer body we no longer read (a stream keeps the socket open otherwise). */
export function discardBody(body: unknown): void {
	const stream = body as Destroyable | null | undefined;
	if (typeof stream?.destroy === 'function') stream.destroy();
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
	return !!value && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

function toBuffer(chunk: unknown): Buffer {
	if (Buffer.isBuffer(chunk)) return chunk;
	if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
	if (chunk instanceof ArrayBuffer) return Buffer.from(chunk);
	if (ArrayBuffer.isView(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
	return Buffer.from(String(chunk ?? ''), 'utf8');
}

export class AnswerTooLargeError extends WdtTransportError {
	constructor(maxBytes: number) {
		super(`The answer of the WDT gateway is larger than ${maxBytes} bytes; it was not read`, false, undefined, true, 'too-large');
	}
}

/**
 * The answer body as text, read while `signal` allows (the stream is destroyed when it fires)
 * and at most `maxBytes` long. Throws the stream's error; the caller judges the signal.
 */
export async function readAnswer(body: unknown, signal: AbortSignal, maxBytes: number): Promise<string> {
	if (!isAsyncIterable(body)) {
		const bytes = toBuffer(body);
		if (bytes.length > maxBytes) throw new AnswerTooLargeError(maxBytes);
		return bytes.toString('utf8');
	}
	const stop = () => discardBody(body);
	if (signal.aborted) stop();
	// Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal fires 'abort' once, and the listener is removed when reading ends
	signal.addEventListener('abort', stop, { once: true });
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			if (signal.aborted) throw new Error('aborted');
			const bytes = toBuffer(chunk);
			size += bytes.length;
			if (size > maxBytes) {
				stop();
				throw new AnswerTooLargeError(maxBytes);
			}
			chunks.push(bytes);
		}
	} finally {
		signal.removeEventListener('abort', stop);
	}
	if (signal.aborted) throw new Error('aborted');
	return Buffer.concat(chunks, size).toString('utf8');
}

/** A header's value from n8n's response headers (either line, any case). */
export function headerValue(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (key.toLowerCase() !== name) continue;
		if (Array.isArray(value)) return value.map(String).join(', ');
		return value === undefined || value === null ? undefined : String(value);
	}
	return undefined;
}

/** A 3xx answer: never followed (the signed form must not go to another address). */
export function redirectError(status: number, location: string | undefined): WdtTransportError {
	const where = location ? `to ${location}` : 'elsewhere (no Location header)';
	return new WdtTransportError(
		`The gateway answered HTTP ${status} and redirects ${where}; redirects are not followed, so the signed request is never sent to another address. Set the Gateway URL to the final address.`,
		false,
		status,
		true,
		'redirect',
		location,
	);
}

/** An HTTP status other than 2xx/3xx: 5xx and 429 are worth retrying. */
export function httpStatusError(status: number, text: string): WdtTransportError {
	const transient = status === 429 || status >= 500;
	const preview = text.replace(/\s+/g, ' ').trim().slice(0, 160);
	return new WdtTransportError(`HTTP ${status} from the gateway${preview ? `: ${preview}` : ''}`, transient, status, true, 'http');
}
