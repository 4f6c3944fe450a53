/**
 * The error catalogue. WDT publishes no official list, so an error is recognised by the codes
 * seen in public material and, for every other code, by the Chinese keywords of its message.
 * Each kind carries a hint that names the fix in the words of the WDT console.
 */
export type WdtErrorKind =
	| 'appkey-disabled'
	| 'signature'
	| 'timestamp'
	| 'permission'
	| 'too-frequent'
	| 'account'
	| 'missing-parameter'
	| 'shop'
	| 'window-too-long'
	| 'unknown';

export interface WdtErrorInfo {
	kind: WdtErrorKind;
	/** What the user should do (English; WDT's terms are in docs/glossary.md). */
	hint: string;
	/** Worth retrying after a pause (the same request may succeed later). */
	transient: boolean;
}

const HINTS: Record<WdtErrorKind, string> = {
	'appkey-disabled':
		'The App Key (appkey) is disabled on the WDT side. Ask your WDT account manager to re-enable it; retrying will not help.',
	signature:
		'WDT rejected the signature. Check the App Secret (appsecret) in the credential: it must be the secret of this App Key, with no extra spaces.',
	timestamp:
		"WDT rejected the timestamp: the n8n server's clock is more than 5 minutes off. When the answer gives the gateway's time the node retries once with that offset; otherwise, or if that fails too, synchronise the server clock (NTP) and run again.",
	permission:
		'The app has no permission for this endpoint, although the credential is right. Enable the endpoint for the app in the WDT open platform (Self-Service Integration → Application Management).',
	'too-frequent':
		'WDT says the calls are too frequent. The node retries with a pause; if it keeps happening, lower Concurrency (a write sends fewer calls with a larger Batch Size).',
	account:
		'WDT does not know this Seller Account (sid) or App Key (appkey). Check both, and that Environment matches them (sandbox keys do not work on production).',
	'missing-parameter':
		'A required parameter is missing. Check the fields the message names.',
	shop: 'The Shop Code (shop_no) is missing, unknown or disabled in the ERP. Pick the shop from the list, or check its code with Shop · Get Many.',
	'window-too-long':
		'WDT refused the time range as too long. List reads split such a window in halves and read them; this one could not be split further. Narrow From / To.',
	unknown: 'See the WDT message above; the code is not in the list this package knows.',
};

/**
 * WDT answers 1007 for two things (docs/wdt-contract.md#error-codes): a disabled App Key
 * (接口appkey已停用) and an unknown shop id (店铺ID不存在). The message tells which; the hint
 * names both, as a message can be cut or reworded.
 */
const CODE_1007 = '1007';
const CODE_1007_NOTE =
	'WDT uses code 1007 for two things: a disabled App Key and a shop id that does not exist; the message above says which.';

// 1007 is decided by its message in describeWdtError.
const KNOWN_CODES: Record<string, WdtErrorKind> = {
	'2090': 'appkey-disabled',
	'2310': 'shop',
	'21000003': 'missing-parameter',
};

// Keyword rules, in order: the first match wins.
const MESSAGE_RULES: Array<[RegExp, WdtErrorKind]> = [
	[/停用|disabled/i, 'appkey-disabled'],
	[/签名|\bsign\b|signature/i, 'signature'],
	[/时间戳|timestamp/i, 'timestamp'],
	// A time range longer than the endpoint takes (the list fetcher splits the window). WDT's own
	// wording is not in public material (assumed, see docs/lists.md): a span word, then "too long".
	[
		/(时间跨度|时间范围|时间间隔|时间段|跨度).{0,20}(不能超过|不能大于|不得超过|不可超过|超过|过长|过大|太长|大于)|(time|date)\s*(range|span|interval|window).{0,30}(too long|too large|exceed|longer than|more than)/i,
		'window-too-long',
	],
	[/权限|无权|未授权|permission|not authori[sz]ed/i, 'permission'],
	[/频繁|频率|超限|限流|too (many|frequent)|rate limit/i, 'too-frequent'],
	[/卖家账号|接口账号|\bsid\b|appkey/i, 'account'],
	[/缺少|必填|required|missing/i, 'missing-parameter'],
	[/店铺|shop/i, 'shop'],
];

export function describeWdtError(code: number | string, message: string): WdtErrorInfo {
	if (String(code) === CODE_1007) {
		const kind: WdtErrorKind = /店铺/.test(message) ? 'shop' : 'appkey-disabled';
		return { kind, hint: `${HINTS[kind]} ${CODE_1007_NOTE}`, transient: false };
	}
	let kind: WdtErrorKind = KNOWN_CODES[String(code)] ?? 'unknown';
	if (kind === 'unknown') {
		for (const [pattern, candidate] of MESSAGE_RULES) {
			if (pattern.test(message)) {
				kind = candidate;
				break;
			}
		}
	}
	return { kind, hint: HINTS[kind], transient: kind === 'too-frequent' };
}

/**
 * The gateway's clock as a timestamp rejection states it, in Unix seconds: a 10-digit number after
 * 服务器时间 / server time, or a "YYYY-MM-DD HH:MM:SS" Beijing time (UTC+8). Undefined when absent.
 */
export function gatewayTimeInMessage(message: string): number | undefined {
	const unix = /(?:服务器时间|server\s*time|now)\D{0,5}(\d{10})(?!\d)/i.exec(message);
	if (unix) return Number(unix[1]);
	const beijing = /(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(message);
	if (!beijing) return undefined;
	const [, y, mo, d, h, mi, sec] = beijing.map(Number);
	const utc = Date.UTC(y, mo - 1, d, h - 8, mi, sec);
	return Number.isFinite(utc) ? Math.floor(utc / 1000) : undefined;
}

/** An answer of the gateway with `code` ≠ 0. */
export class WdtApiError extends Error {
	readonly code: number | string;
	readonly wdtMessage: string;
	readonly kind: WdtErrorKind;
	readonly hint: string;
	readonly transient: boolean;
	/** The gateway's clock (Unix seconds) when the answer said it (its Date header, or the message). */
	gatewayTime?: number;
	/** Set when the call was already retried with the gateway's clock (offset in s) and still rejected. */
	clockOffsetTried?: number;

	constructor(code: number | string, wdtMessage: string) {
		const info = describeWdtError(code, wdtMessage);
		super(`WDT error ${code}: ${wdtMessage}`);
		this.name = 'WdtApiError';
		this.code = code;
		this.wdtMessage = wdtMessage;
		this.kind = info.kind;
		this.hint = info.hint;
		this.transient = info.transient;
	}
}
