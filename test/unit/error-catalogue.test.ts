import { WdtApiError, WdtProtocolError, describeWdtError, readWdtResponse } from '../../nodes/Wdt/protocol';

describe('describeWdtError: codes', () => {
	// A neutral message, so that only the code can decide the kind.
	it.each([
		[1007, 'appkey-disabled'],
		[2090, 'appkey-disabled'],
		['2090', 'appkey-disabled'],
		[2310, 'shop'],
		[21000003, 'missing-parameter'],
		[99, 'unknown'],
	])('code %s with a neutral message → %s', (code, kind) => {
		expect(describeWdtError(code, 'x').kind).toBe(kind);
	});

	it('1007 is two things (docs/wdt-contract.md#error-codes): 店铺ID不存在 is a wrong shop id, anything else a disabled App Key; the hint names both', () => {
		const shop = describeWdtError(1007, '店铺ID不存在');
		expect(shop.kind).toBe('shop');
		const disabled = describeWdtError('1007', '接口appkey已停用【解决办法:联系商务人员,重新开启接口appkey】');
		expect(disabled.kind).toBe('appkey-disabled');
		for (const info of [shop, disabled, describeWdtError(1007, '')]) {
			expect(info.hint).toContain('WDT uses code 1007 for two things: a disabled App Key and a shop id that does not exist');
			expect(info.transient).toBe(false);
		}
		expect(shop.hint).toMatch(/^The Shop Code/);
		expect(disabled.hint).toMatch(/^The App Key \(appkey\) is disabled/);
	});

	it('lets a known code win over the keywords of its message', () => {
		expect(describeWdtError(2310, '签名错误').kind).toBe('shop');
		expect(describeWdtError(1007, '调用太频繁').transient).toBe(false);
	});
});

describe('describeWdtError: message keywords (unknown codes)', () => {
	it.each([
		['接口已停用', 'appkey-disabled'],
		['App DISABLED', 'appkey-disabled'],
		['签名错误', 'signature'],
		['bad sign', 'signature'],
		['Signature mismatch', 'signature'],
		['时间戳超时', 'timestamp'],
		['Timestamp expired', 'timestamp'],
		['权限不足', 'permission'],
		['无权访问', 'permission'],
		['应用未授权', 'permission'],
		['no PERMISSION', 'permission'],
		['not authorized', 'permission'],
		['not authorised', 'permission'],
		['调用太频繁', 'too-frequent'],
		['超过频率', 'too-frequent'],
		['已限流', 'too-frequent'],
		['too many requests', 'too-frequent'],
		['too frequent', 'too-frequent'],
		['rate limit hit', 'too-frequent'],
		['卖家账号不存在', 'account'],
		['接口账号错误', 'account'],
		['bad sid', 'account'],
		['unknown AppKey', 'account'],
		['缺少参数', 'missing-parameter'],
		['必填项', 'missing-parameter'],
		['shop_no is Required', 'missing-parameter'],
		['missing field', 'missing-parameter'],
		['店铺不存在', 'shop'],
		['no such Shop', 'shop'],
		['sidebar', 'unknown'],
		['designs', 'unknown'],
		['时间跨度不能超过60分钟', 'window-too-long'],
		['开始时间和结束时间跨度不能大于30天', 'window-too-long'],
		['查询时间范围过长', 'window-too-long'],
		['时间间隔超过1小时', 'window-too-long'],
		['time range too long', 'window-too-long'],
		['The date span exceeds 30 days', 'window-too-long'],
		['time window longer than 60 minutes', 'window-too-long'],
		['DateRange exceeds 30 days', 'window-too-long'],
		['time range of this query is too long', 'window-too-long'],
		// A timestamp off by more than the tolerance is a timestamp error, not a window.
		['时间戳与服务器时间间隔超过300秒', 'timestamp'],
		// A span word without "too long", and "too long" without a span word, are not.
		['时间跨度', 'unknown'],
		['超过每秒最大调用频率限制', 'too-frequent'],
		['name too long', 'unknown'],
	])('%s → %s', (message, kind) => {
		expect(describeWdtError(99, message).kind).toBe(kind);
	});

	it('takes the first rule that matches, in catalogue order', () => {
		expect(describeWdtError(99, '签名 停用').kind).toBe('appkey-disabled');
		expect(describeWdtError(99, 'shop is missing').kind).toBe('missing-parameter');
		expect(describeWdtError(99, 'appkey 签名').kind).toBe('signature');
	});

	it('gives each kind its own hint, in the words of the WDT console', () => {
		expect(describeWdtError(2090, '').hint).toMatch(/^The App Key \(appkey\) is disabled on the WDT side/);
		expect(describeWdtError(99, '签名').hint).toMatch(/^WDT rejected the signature\. Check the App Secret/);
		expect(describeWdtError(99, '时间戳').hint).toMatch(/clock is more than 5 minutes off/);
		expect(describeWdtError(99, '权限').hint).toMatch(/open platform \(Self-Service Integration → Application Management\)/);
		expect(describeWdtError(99, '频繁').hint).toMatch(/lower Concurrency \(a write sends fewer calls with a larger Batch Size\)/);
		expect(describeWdtError(99, 'sid').hint).toMatch(/sandbox keys do not work on production/);
		expect(describeWdtError(21000003, '').hint).toMatch(/^A required parameter is missing/);
		expect(describeWdtError(2310, '').hint).toMatch(/^The Shop Code \(shop_no\) is missing, unknown or disabled/);
		// The shop hint serves every operation: it speaks of no loop in particular.
		expect(describeWdtError(2310, '').hint).not.toMatch(/stock|logistics|order/i);
		expect(describeWdtError(99, '').hint).toBe('See the WDT message above; the code is not in the list this package knows.');
	});
});

describe('WdtApiError', () => {
	it('carries code, WDT message, kind, hint and whether a retry may help', () => {
		const error = new WdtApiError(1009, '接口调用太频繁');
		expect(error).toBeInstanceOf(Error);
		expect(error).toMatchObject({ name: 'WdtApiError', message: 'WDT error 1009: 接口调用太频繁', code: 1009, wdtMessage: '接口调用太频繁', kind: 'too-frequent', transient: true });
		expect(error.hint).toMatch(/retries with a pause/);
		expect(new WdtApiError(2090, 'x').transient).toBe(false);
	});
});

describe('readWdtResponse: code and message', () => {
	function errorOf(text: string): WdtApiError {
		try {
			readWdtResponse(text);
		} catch (error) {
			return error as WdtApiError;
		}
		throw new Error(`readWdtResponse accepted ${text}`);
	}

	it('reads "0" as success and keeps the other fields', () => {
		expect(readWdtResponse('{"code":"0","message":"ok","total_count":"3"}')).toEqual({ code: 0, message: 'ok', total_count: '3' });
	});

	it('turns integer code strings into numbers (beyond 2^53 kept as text)', () => {
		expect(errorOf('{"code":"2090","message":"m"}').code).toBe(2090);
		expect(errorOf('{"code":"-1","message":"m"}').code).toBe(-1);
		expect(errorOf('{"code":"123456789012345678901","message":"m"}').code).toBe('123456789012345678901');
	});

	// Only an integer or an integer string says something certain about the call (issue #10):
	// anything else is an answer that could not be read, never a WDT error nor a success.
	it.each([' 0 ', ' 2090 ', 'E42 ', ' 12abc ', '', 'OK'])('refuses the code string %j as unreadable', (code) => {
		expect(() => readWdtResponse(JSON.stringify({ code, message: 'm' }))).toThrow(WdtProtocolError);
	});
	it.each(['null', 'true', 'false', '0.5'])('refuses the code %s as unreadable', (code) => {
		expect(() => readWdtResponse(`{"code":${code},"message":"m"}`)).toThrow(WdtProtocolError);
	});

	it('gives the message as text whatever its JSON type', () => {
		expect(errorOf('{"code":1,"message":42}').wdtMessage).toBe('42');
		expect(errorOf('{"code":1}').wdtMessage).toBe('');
		expect(errorOf('{"code":1,"message":null}').message).toBe('WDT error 1: ');
		expect(readWdtResponse('{"code":0}').message).toBe('');
	});

	it('quotes at most 200 characters of an answer that is not JSON', () => {
		const page = `<html>${'x'.repeat(300)}</html>`;
		expect(() => readWdtResponse(page)).toThrow(`The gateway did not answer with JSON: ${page.slice(0, 200)}…`);
		expect(() => readWdtResponse('x'.repeat(200))).toThrow(new WdtProtocolError(`The gateway did not answer with JSON: ${'x'.repeat(200)}`));
	});

	it('refuses JSON that is not an object, null included', () => {
		for (const text of ['null', '"0"', '0', '[{"code":0}]']) {
			expect(() => readWdtResponse(text)).toThrow('The gateway answered JSON that is not an object');
		}
		expect(() => readWdtResponse('{}')).toThrow(WdtProtocolError);
		expect(new WdtProtocolError('m').name).toBe('WdtProtocolError');
		expect(() => readWdtResponse('{}')).toThrow(/is the gateway URL an openapi2 gateway\?/);
	});
});
