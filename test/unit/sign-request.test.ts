import { createHash } from 'crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { WdtApi } from '../../credentials/WdtApi.credentials';
import { signRequestOptions } from '../../nodes/Wdt/signRequest';

const SECRET = 'sEcReT-不要泄露-42';
const CREDENTIALS = { sid: 'shop-sid', appkey: 'key-1', appsecret: SECRET, environment: 'custom', customUrl: 'http://127.0.0.1:1/openapi2/' };

/** Independent re-computation from the form text itself (code points via Array.from). */
function expectValidlySigned(formText: string) {
	const params = Object.fromEntries(new URLSearchParams(formText));
	const packed = Object.keys(params)
		.filter((k) => k !== 'sign')
		.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
		.map((k) => `${String(Array.from(k).length).padStart(2, '0')}-${k}:${String(Array.from(params[k]).length).padStart(4, '0')}-${params[k]}`)
		.join(';');
	expect(params.sign).toBe(createHash('md5').update(packed + SECRET).digest('hex'));
	expect(params.timestamp).toMatch(/^\d{10}$/);
	expect(formText).not.toContain(encodeURIComponent(SECRET));
	expect(formText).not.toContain(SECRET);
	return params;
}

describe('signRequestOptions', () => {
	it('signs the body our nodes send (url + body), numbers and JSON as their text', () => {
		const list = [{ rec_id: '2754327482516635662', sync_stock: 5, stock_change_count: 7 }];
		const out = signRequestOptions(CREDENTIALS, {
			method: 'POST',
			url: 'http://127.0.0.1:1/openapi2/api_goods_stock_change_ack.php',
			body: { stock_sync_list: JSON.stringify(list), page_no: 0, skipped: undefined, name: '中文😀' },
		} as IHttpRequestOptions, () => 1700000000);
		expect(typeof out.body).toBe('string');
		expect((out.headers as Record<string, string>)['Content-Type']).toMatch(/x-www-form-urlencoded/);
		const params = expectValidlySigned(out.body as string);
		expect(params).toMatchObject({ sid: 'shop-sid', appkey: 'key-1', timestamp: '1700000000', page_no: '0', name: '中文😀' });
		expect(params.stock_sync_list).toBe('[{"rec_id":"2754327482516635662","sync_stock":5,"stock_change_count":7}]');
		expect('skipped' in params).toBe(false);
	});

	it('signs the legacy shape of the HTTP Request node (uri + form + qs), moving the query into the form', () => {
		const out = signRequestOptions(CREDENTIALS, {
			method: 'GET',
			uri: 'http://127.0.0.1:1/openapi2/shop.php?page_no=2',
			qs: { page_size: 10 },
			form: { shop_no: '店铺01' },
			headers: { 'content-type': 'application/json', 'x-keep': '1' },
			json: true,
		} as unknown as IHttpRequestOptions & { uri: string; form: object });
		expect(out.method).toBe('POST');
		expect(out.uri).toBe('http://127.0.0.1:1/openapi2/shop.php');
		expect(out.qs).toBeUndefined();
		expect(out.body).toBeUndefined();
		expect(out.headers).toEqual({ 'x-keep': '1' });
		// Key/value pairs: n8n 1.x's legacy adapter qs-encodes `form` (form text would be sent empty).
		expect(typeof out.form).toBe('object');
		const params = expectValidlySigned(new URLSearchParams(out.form as Record<string, string>).toString());
		expect(params).toMatchObject({ page_no: '2', page_size: '10', shop_no: '店铺01' });
	});

	it('signs a legacy JSON body and a form-text body', () => {
		const fromJson = signRequestOptions(CREDENTIALS, { uri: 'http://x/openapi2/a.php', body: { a: 1 } } as never);
		expect(expectValidlySigned(new URLSearchParams((fromJson as unknown as { form: Record<string, string> }).form).toString()).a).toBe('1');
		const fromText = signRequestOptions(CREDENTIALS, { url: 'http://x/openapi2/a.php', body: 'a=%E4%B8%AD&b=2' } as IHttpRequestOptions);
		expect(expectValidlySigned(fromText.body as string)).toMatchObject({ a: '中', b: '2' });
	});

	it('re-signs an already signed request (n8n re-authenticates after a 401) with fresh system fields', () => {
		const first = signRequestOptions(CREDENTIALS, { url: 'http://x/a.php', body: { a: 'x' } } as IHttpRequestOptions, () => 1700000000);
		const again = signRequestOptions(CREDENTIALS, first, () => 1700000100);
		const params = expectValidlySigned(again.body as string);
		expect(params.timestamp).toBe('1700000100');
		expect(Object.keys(params).sort()).toEqual(['a', 'appkey', 'sid', 'sign', 'timestamp']);
	});

	it('refuses bodies that cannot be form fields', () => {
		expect(() => signRequestOptions(CREDENTIALS, { url: 'http://x/a.php', body: Buffer.from('x') } as IHttpRequestOptions)).toThrow(
			/form fields only/,
		);
	});
});

describe('WdtApi credential', () => {
	const credential = new WdtApi();

	it('authenticates through the signing adapter', async () => {
		if (typeof credential.authenticate !== 'function') throw new Error('authenticate must be a function');
		const out = await credential.authenticate(CREDENTIALS, { url: 'http://x/a.php', body: { q: '1' } } as IHttpRequestOptions);
		expectValidlySigned(out.body as string);
	});

	it('names a blank field instead of signing with it', async () => {
		if (typeof credential.authenticate !== 'function') throw new Error('authenticate must be a function');
		await expect(credential.authenticate({ ...CREDENTIALS, appkey: ' ' }, { url: 'http://x' } as IHttpRequestOptions)).rejects.toThrow(
			/App Key \(appkey\)/,
		);
	});

	it('keeps the secret in a password field', () => {
		const secret = credential.properties.find((p) => p.name === 'appsecret');
		expect(secret?.typeOptions?.password).toBe(true);
	});
});

describe('the fields our transport hands to the credential', () => {
	const request = (extra: object): IHttpRequestOptions =>
		({ method: 'POST', url: 'http://127.0.0.1:1/openapi2/x.php', body: { a: '1' }, ...extra }) as IHttpRequestOptions;

	it('merges the call deadline back into abortSignal (n8n replaced it with the execution signal) and removes the field', () => {
		const execution = new AbortController();
		const deadline = new AbortController();
		const out = signRequestOptions(CREDENTIALS, request({ abortSignal: execution.signal, wdtAbortSignal: deadline.signal }));
		expect(out).not.toHaveProperty('wdtAbortSignal');
		const signal = out.abortSignal as AbortSignal;
		expect(signal.aborted).toBe(false);
		deadline.abort();
		expect(signal.aborted).toBe(true);
		const other = signRequestOptions(CREDENTIALS, request({ abortSignal: execution.signal, wdtAbortSignal: new AbortController().signal }));
		execution.abort();
		expect((other.abortSignal as AbortSignal).aborted).toBe(true);
	});

	it('signs with the clock offset and removes the field', () => {
		const out = signRequestOptions(CREDENTIALS, request({ wdtClockOffsetSec: 900 }), () => 1_700_000_000);
		expect(out).not.toHaveProperty('wdtClockOffsetSec');
		expect(expectValidlySigned(String(out.body)).timestamp).toBe('1700000900');
	});
});
