import { WdtApiError, WdtProtocolError, describeWdtError, readWdtResponse } from '../../nodes/Wdt/protocol';

describe('readWdtResponse', () => {
	it('accepts code 0 as a number or a string', () => {
		expect(readWdtResponse('{"code":0,"message":"OK"}').code).toBe(0);
		expect(readWdtResponse('{"code":"0","message":"OK","x":1}')).toMatchObject({ code: 0, x: 1 });
	});

	it('throws WdtApiError with code, message and hint for code ≠ 0', () => {
		expect.assertions(4);
		try {
			readWdtResponse('{"code":"1007","message":"接口appkey已停用【解决办法:联系商务人员,重新开启接口appkey】"}');
		} catch (error) {
			expect(error).toBeInstanceOf(WdtApiError);
			expect((error as WdtApiError).code).toBe(1007);
			expect((error as WdtApiError).kind).toBe('appkey-disabled');
			expect((error as WdtApiError).hint).toMatch(/App Key \(appkey\) is disabled/);
		}
	});

	it('says so when the answer is not openapi2 JSON', () => {
		expect(() => readWdtResponse('<html>502 Bad Gateway</html>')).toThrow(WdtProtocolError);
		expect(() => readWdtResponse('[1,2]')).toThrow(/not an object/);
		expect(() => readWdtResponse('{"message":"x"}')).toThrow(/no "code"/);
	});
});

describe('describeWdtError', () => {
	it.each([
		[1007, 'x', 'appkey-disabled'],
		[2090, 'appkey已停用', 'appkey-disabled'],
		[2310, '', 'shop'],
		[21000003, '', 'missing-parameter'],
		[99, '签名错误', 'signature'],
		[99, 'invalid sign', 'signature'],
		[99, '时间戳已过期', 'timestamp'],
		[99, '无权限调用该接口', 'permission'],
		[99, '接口调用太频繁', 'too-frequent'],
		[99, '卖家账号不存在', 'account'],
		[99, 'something else', 'unknown'],
	])('code %s / %s → %s', (code, message, kind) => {
		expect(describeWdtError(code, message).kind).toBe(kind);
	});

	it('marks only too-frequent as transient', () => {
		expect(describeWdtError(99, '调用太频繁').transient).toBe(true);
		expect(describeWdtError(99, '签名错误').transient).toBe(false);
	});
});

describe('readWdtResponse: a code string is the whole integer or unreadable', () => {
	// Number() forgives spaces around digits: " 0" or "0\n" must not become a success, and
	// "12abc" or "abc12" must not become WDT error 12 (issue #10).
	it.each(['0 ', ' 0', '0\n', '\t0', '12abc', 'abc12', '0x10', '1e3'])('refuses the code string %j', (code) => {
		expect(() => readWdtResponse(JSON.stringify({ code, message: 'm' }))).toThrow(WdtProtocolError);
	});

	it('shows the unreadable code in the error, as JSON, cut after 40 characters', () => {
		expect(() => readWdtResponse('{"code":null,"message":"m"}')).toThrow(
			new WdtProtocolError('The gateway answer\'s "code" is null, not an integer: the answer could not be read'),
		);
		expect(() => readWdtResponse('{"code":"OK"}')).toThrow('"code" is "OK", not an integer');
		expect(() => readWdtResponse('{"code":{"a":1}}')).toThrow('"code" is {"a":1}, not an integer');
		// 38 letters + the two quotes = 40 characters: shown whole; one more is cut to 40 and "…".
		const forty = 'x'.repeat(38);
		expect(() => readWdtResponse(JSON.stringify({ code: forty }))).toThrow(`"code" is "${forty}", not an integer`);
		expect(() => readWdtResponse(JSON.stringify({ code: `${forty}yz` }))).toThrow(`"code" is "${forty}y…, not an integer`);
	});
});
