import type { IHttpRequestOptions } from 'n8n-workflow';

import { buildSignedParams, decodeForm, encodeForm, signParams, toWireParams, toWireValue } from '../../nodes/Wdt/protocol';
import { signRequestOptions } from '../../nodes/Wdt/signRequest';

const CREDENTIALS = { sid: 'sid-1', appkey: 'key-1', appsecret: 'secret-1' };
const CLOCK = () => 1700000000;
const FORM_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

/** The form fields a signed request carries, whichever shape n8n handed over. */
function formOf(request: { body?: unknown; form?: unknown }): Record<string, string> {
	return typeof request.body === 'string' ? decodeForm(request.body) : (request.form as Record<string, string>);
}

describe('toWireValue / toWireParams', () => {
	it('neither sends nor signs null and undefined (never the text "null")', () => {
		expect(toWireParams({ a: null, b: undefined, c: '' })).toEqual({ c: '' });
		const signed = buildSignedParams(CREDENTIALS, { shop_no: null, page_no: 0 }, CLOCK);
		expect(Object.keys(signed).sort()).toEqual(['appkey', 'page_no', 'sid', 'sign', 'timestamp']);
	});

	it('writes booleans as 1/0, bigints and huge integers as plain digits, objects as JSON', () => {
		expect(toWireValue('a', true)).toBe('1');
		expect(toWireValue('a', false)).toBe('0');
		expect(toWireValue('a', 12345678901234567890n)).toBe('12345678901234567890');
		expect(toWireValue('a', 1e21)).toBe('1000000000000000000000');
		expect(toWireValue('a', -1e21)).toBe('-1000000000000000000000');
		expect(toWireValue('a', 1e20)).toBe('100000000000000000000');
		expect(toWireValue('a', 1.5)).toBe('1.5');
		expect(toWireValue('a', { x: [1, '2'] })).toBe('{"x":[1,"2"]}');
	});

	it('refuses numbers that have no decimal text, naming the parameter', () => {
		expect(() => toWireValue('page_no', Number.NaN)).toThrow('Parameter "page_no" is NaN; only finite numbers can be sent');
		expect(() => toWireValue('x', Number.POSITIVE_INFINITY)).toThrow(/"x" is Infinity/);
	});

	it('encodes and decodes UTF-8 form text in key order', () => {
		expect(encodeForm({ b: '中 1', a: '&=' })).toBe('b=%E4%B8%AD+1&a=%26%3D');
		expect(decodeForm('b=%E4%B8%AD+1&a=%26%3D')).toEqual({ b: '中 1', a: '&=' });
	});

	it("escapes what the form serializer escapes and encodeURIComponent would not (! ' ( ) ~), keeps * - . _, writes a space as +", () => {
		expect(encodeForm({ "k y!'()~": "!'()~*-._ +" })).toBe('k+y%21%27%28%29%7E=%21%27%28%29%7E*-._+%2B');
		expect(encodeForm({ list: '[{"rec_id":"1","n":2}]', e: '' })).toBe('list=%5B%7B%22rec_id%22%3A%221%22%2C%22n%22%3A2%7D%5D&e=');
		expect(encodeForm({ emoji: '😀', percent: '%20' })).toBe('emoji=%F0%9F%98%80&percent=%2520');
		expect(encodeForm({})).toBe('');
	});

	it('writes a lone surrogate as U+FFFD (%EF%BF%BD), as URLSearchParams does, in keys and values', () => {
		expect(encodeForm({ a: 'x\ud800y', '\udc00': 'z' })).toBe('a=x%EF%BF%BDy&%EF%BF%BD=z');
	});

	it('writes byte for byte what URLSearchParams writes, for any text (seeded random strings)', () => {
		let seed = 20261207;
		const next = () => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		const anyChar = () => String.fromCharCode(next() < 0.6 ? Math.floor(next() * 128) : Math.floor(next() * 0x10000));
		const text = () => Array.from({ length: Math.floor(next() * 10) }, anyChar).join('');
		const differing: string[] = [];
		for (let i = 0; i < 3000; i++) {
			const params = { [text()]: text(), fixed: text() };
			if (encodeForm(params) !== new URLSearchParams(params).toString()) differing.push(JSON.stringify(params));
		}
		expect(differing).toEqual([]);
	});
});

describe('buildSignedParams', () => {
	it('replaces a caller\'s sid, appkey, timestamp and sign by the credential\'s, and signs what is sent', () => {
		const signed = buildSignedParams(CREDENTIALS, { sid: 'other', appkey: 'other', timestamp: 1, sign: 'forged', q: 'x' }, CLOCK);
		expect(signed).toMatchObject({ sid: 'sid-1', appkey: 'key-1', timestamp: '1700000000', q: 'x' });
		const { sign, ...rest } = signed;
		expect(sign).toBe(signParams(rest, 'secret-1'));
	});

	it('takes the time from the system clock by default, in Unix seconds', () => {
		const before = Math.floor(Date.now() / 1000);
		const stamp = Number(buildSignedParams(CREDENTIALS, {}).timestamp);
		expect(stamp).toBeGreaterThanOrEqual(before);
		expect(stamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
	});
});

describe('signRequestOptions: request shapes', () => {
	it('drops a Content-Type written in any case and sets the form type once (url + body)', () => {
		const out = signRequestOptions(
			CREDENTIALS,
			{ url: 'http://h/o/a.php', body: { a: '1' }, headers: { 'Content-Type': 'application/json', 'CONTENT-TYPE': 'text/plain', Accept: 'x' } } as IHttpRequestOptions,
			CLOCK,
		);
		expect(out.headers).toEqual({ Accept: 'x', 'Content-Type': FORM_TYPE });
	});

	it('drops a capitalised Content-Type next to the legacy form (n8n sets the form type itself)', () => {
		const out = signRequestOptions(
			CREDENTIALS,
			{ uri: 'http://h/o/a.php', form: { a: '1' }, headers: { 'Content-Type': 'application/json' } } as never,
			CLOCK,
		) as { headers: object; form: Record<string, string> };
		expect(out.headers).toEqual({});
		expect(out.form.a).toBe('1');
	});

	it('does not change the caller\'s headers object', () => {
		const headers = { 'Content-Type': 'application/json' };
		signRequestOptions(CREDENTIALS, { url: 'http://h/o/a.php', body: {}, headers } as IHttpRequestOptions, CLOCK);
		expect(headers).toEqual({ 'Content-Type': 'application/json' });
	});

	it('leaves null body fields unsigned and unsent', () => {
		const out = signRequestOptions(CREDENTIALS, { url: 'http://h/o/a.php', body: { shop_no: null, a: 'x' } } as unknown as IHttpRequestOptions, CLOCK);
		expect(out.body).not.toMatch(/null|shop_no/);
		expect(formOf(out)).toMatchObject({ a: 'x' });
	});

	it('moves the URL query (without its fragment) into the form, for both shapes', () => {
		const modern = signRequestOptions(CREDENTIALS, { url: 'http://h/o/a.php?p=1&q=%E4%B8%AD#frag', body: { b: '2' } } as IHttpRequestOptions, CLOCK);
		expect(modern.url).toBe('http://h/o/a.php');
		expect(formOf(modern)).toMatchObject({ p: '1', q: '中', b: '2' });
		const legacy = signRequestOptions(CREDENTIALS, { uri: 'http://h/o/a.php?p=1' } as never, CLOCK) as { uri: string; form: Record<string, string> };
		expect(legacy.uri).toBe('http://h/o/a.php');
		expect(legacy.form.p).toBe('1');
	});

	it('keeps a URL without a query as it is and sends POST', () => {
		const out = signRequestOptions(CREDENTIALS, { method: 'GET', url: 'http://h/o/a.php' } as IHttpRequestOptions, CLOCK);
		expect(out.url).toBe('http://h/o/a.php');
		expect(out.method).toBe('POST');
		expect(Object.keys(formOf(out)).sort()).toEqual(['appkey', 'sid', 'sign', 'timestamp']);
	});

	it('reads query parameters given as text or URLSearchParams, and ignores an empty body', () => {
		const fromText = signRequestOptions(CREDENTIALS, { url: 'http://h/a.php', qs: 'a=1&b=2', body: '' } as unknown as IHttpRequestOptions, CLOCK);
		expect(formOf(fromText)).toMatchObject({ a: '1', b: '2' });
		expect(fromText.qs).toBeUndefined();
		const fromParams = signRequestOptions(CREDENTIALS, { url: 'http://h/a.php', body: new URLSearchParams({ c: '3' }) } as never, CLOCK);
		expect(formOf(fromParams).c).toBe('3');
	});

	it('refuses a body that is not key/value pairs, naming where it came from', () => {
		expect(() => signRequestOptions(CREDENTIALS, { url: 'http://h/a.php', qs: [1, 2] } as never)).toThrow(
			'WDT openapi2 takes form fields only; the request query is neither key/value pairs nor form text (use "Form Urlencoded" in the HTTP Request node)',
		);
		expect(() => signRequestOptions(CREDENTIALS, { uri: 'http://h/a.php', form: new Date() } as never)).toThrow(/request form is neither/);
	});

	it('takes a null body as no body, and a form without uri as the legacy shape', () => {
		const empty = signRequestOptions(CREDENTIALS, { url: 'http://h/a.php', body: null } as unknown as IHttpRequestOptions, CLOCK);
		expect(Object.keys(formOf(empty)).sort()).toEqual(['appkey', 'sid', 'sign', 'timestamp']);
		const formOnly = signRequestOptions(CREDENTIALS, { url: 'http://h/a.php', form: { a: '1' } } as never, CLOCK) as { body?: unknown; form: Record<string, string> };
		expect(formOnly.body).toBeUndefined();
		expect(formOnly.form).toMatchObject({ a: '1', sid: 'sid-1' });
	});

	it('names the body when it is not key/value pairs', () => {
		expect(() => signRequestOptions(CREDENTIALS, { url: 'http://h/a.php', body: 5 } as never)).toThrow(/the request body is neither/);
	});

	it('drops a stale form from the modern shape and a stale body from the legacy one', () => {
		const legacy = signRequestOptions(CREDENTIALS, { uri: 'http://h/a.php', body: { a: '1' } } as never, CLOCK) as { body?: unknown; form: object };
		expect(legacy.body).toBeUndefined();
		expect(legacy.form).toMatchObject({ a: '1' });
	});
});
