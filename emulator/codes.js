// @ts-check
'use strict';

/**
 * Every answer code the emulator gives, in one table.
 *
 * Fixed by WDT's pages (docs/wdt-contract.md#error-codes): 1007 (two meanings: a disabled appkey,
 * and 店铺ID不存在 for an unknown shop id), 2310, 21000003, 5040 (a refund whose order is unknown).
 * All others are the emulator's own choice: the real gateway has no public list. Their messages
 * carry the Chinese keywords a client uses to classify codes it does not know:
 * 签名 (sign), 时间戳 (timestamp), 权限 (permission), 频繁 (too frequent), 停用 (disabled).
 *
 * @typedef {{ code: number, message: string }} CodeEntry
 */

const CODES = Object.freeze({
	/** success; the query endpoints answer 'ok', the ack endpoint 'OK' (both spellings are seen) */
	OK: { code: 0, message: 'OK' },
	/** unknown sid */
	SELLER_NOT_FOUND: { code: 1001, message: '卖家账号不存在' },
	/** unknown appkey (or an appkey that belongs to another sid) */
	APPKEY_NOT_FOUND: { code: 1002, message: '接口账号不存在' },
	/** /openapi2/<name>.php that the emulator does not serve */
	ENDPOINT_NOT_FOUND: { code: 1003, message: '接口不存在' },
	/** the re-computed sign differs */
	SIGN_MISMATCH: { code: 1004, message: '签名错误' },
	/** timestamp not 10 digits, or more than 300 s away from the emulator clock */
	TIMESTAMP_INVALID: { code: 1005, message: '时间戳已过期或超出允许误差' },
	/** fixed by the spec (the ack page's example) */
	APPKEY_DISABLED: {
		code: 1007,
		message: '接口appkey已停用【解决办法:联系商务人员,重新开启接口appkey】',
	},
	/** the same code for an unknown shop_id (the sister edition's logistics_sync_query page) */
	SHOP_ID_NOT_FOUND: { code: 1007, message: '店铺ID不存在' },
	/** the account may not call this endpoint */
	NO_PERMISSION: { code: 1008, message: '无权限调用该接口' },
	/** only given by fault injection (kind apiError, its default code) */
	TOO_FREQUENT: { code: 1009, message: '接口调用太频繁,请稍后再试' },
	/** not POST */
	METHOD_NOT_ALLOWED: { code: 1010, message: '请求方法错误,只支持POST' },
	/** not application/x-www-form-urlencoded (or a charset other than utf-8) */
	BAD_CONTENT_TYPE: {
		code: 1011,
		message: 'Content-Type错误,只支持application/x-www-form-urlencoded; charset=utf-8',
	},
	/** body not valid UTF-8, bad %-escapes, or a parameter given twice */
	BAD_FORM_BODY: { code: 1012, message: '请求体不是合法的UTF-8表单编码' },
	/** endpoint parameter malformed or out of range */
	BAD_PARAMETER: { code: 2001, message: '参数错误' },
	/** fixed by the spec */
	SHOP_NOT_FOUND: { code: 2310, message: '店铺编号不存在或已停用' },
	/** fixed by the spec */
	MISSING_PARAMETER: { code: 21000003, message: '缺少必要参数' },
	/** sales_refund_push of an order the ERP does not hold (the sister edition's page example) */
	REFUND_TRADE_NOT_FOUND: {
		code: 5040,
		message:
			'推送订单信息错误,错误内容:售后单关联的原始单不存在,要推送售后单,也就是 给到的tid 必须在旺店通系统中存在',
	},
});

/** @typedef {keyof typeof CODES} CodeName */

/**
 * An answer `{code, message}` for a table entry, the message optionally followed by a detail.
 * @param {CodeName} name
 * @param {string} [detail]
 * @returns {CodeEntry}
 */
function answer(name, detail) {
	const entry = CODES[name];
	return { code: entry.code, message: detail ? `${entry.message}: ${detail}` : entry.message };
}

module.exports = { CODES, answer };
