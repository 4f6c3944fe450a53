// @ts-check
'use strict';

/**
 * The gateway checks of one openapi2 request, in the real gateway's order, then the endpoint.
 *
 *  1. method POST                                   else 1010
 *  2. Content-Type form-urlencoded (charset utf-8)  else 1011
 *  3. body: UTF-8 form, no repeated field           else 1012
 *  4. sid, appkey, timestamp, sign present          else 21000003 (names the first missing one)
 *  5. sid known                                     else 1001
 *  6. appkey known for that sid                     else 1002
 *  7. appkey not disabled                           else 1007
 *  8. timestamp: 10 digits, within ±window s of the emulator clock   else 1005
 *  9. sign = md5(pack(all params but sign) + appsecret)               else 1004
 * 10. endpoint exists                               else 1003
 * 11. endpoint not in the account's deniedEndpoints else 1008
 * 12. calls per second of the appkey under the rate limit (when set)   else 1010
 * 13. endpoint parameters                           else 2001 / 2310 / 21000003
 * Every answer is HTTP 200 JSON {code, message, ...}.
 */

const { answer } = require('./codes');
const { decodeFormBody, isFormUtf8ContentType, FormBodyError } = require('./form-body');
const { verifySign } = require('./signature');
const { ENDPOINTS } = require('./endpoints');
const { RATE_LIMITED } = require('./rate-limit');

/** @typedef {import('./endpoints').EndpointAnswer} EndpointAnswer */
/** @typedef {import('./endpoints').EndpointContext} EndpointContext */

/**
 * @typedef {object} Account
 * @property {string} sid
 * @property {string} appkey
 * @property {string} appsecret
 * @property {boolean} [disabled]           answers 1007
 * @property {string[]} [deniedEndpoints]   e.g. ['api_goods_stock_change_ack.php'] answers 1008
 */

/**
 * @typedef {object} GatewayContext
 * @property {Account[]} accounts
 * @property {() => number} clock            emulator clock, Unix seconds (offset included)
 * @property {number} timestampWindowSec
 * @property {EndpointContext} endpointContext
 * @property {import('./rate-limit').RateLimit} [rateLimit] calls per second per appkey
 */

/**
 * @typedef {object} GatewayResult
 * @property {EndpointAnswer} response the JSON answer
 * @property {boolean} accepted   all checks passed and the endpoint answered code 0
 * @property {string | null} reason why not accepted (English, for test output)
 * @property {Record<string, string> | null} params decoded params (null when the body did not decode)
 * @property {string} [packed] the emulator's packed string, when the sign was checked
 */

const REQUIRED = ['sid', 'appkey', 'timestamp', 'sign'];

/**
 * @param {EndpointAnswer} response
 * @param {string} reason
 * @param {Record<string, string> | null} params
 * @returns {GatewayResult}
 */
function refuse(response, reason, params) {
	return { response, accepted: false, reason, params };
}

/**
 * @param {{ method: string, contentType: string | undefined, body: Buffer, endpoint: string }} request
 * @param {GatewayContext} ctx
 * @returns {GatewayResult}
 */
function handleGatewayRequest(request, ctx) {
	if (request.method !== 'POST') {
		return refuse(answer('METHOD_NOT_ALLOWED', request.method), `method ${request.method}`, null);
	}
	if (!isFormUtf8ContentType(request.contentType)) {
		return refuse(
			answer('BAD_CONTENT_TYPE', String(request.contentType ?? '(none)')),
			`content-type ${request.contentType}`,
			null,
		);
	}
	/** @type {Record<string, string>} */
	let params;
	try {
		params = decodeFormBody(request.body);
	} catch (error) {
		if (!(error instanceof FormBodyError)) throw error;
		return refuse(answer('BAD_FORM_BODY', error.message), `form body: ${error.message}`, null);
	}

	for (const name of REQUIRED) {
		if (!params[name]) return refuse(answer('MISSING_PARAMETER', name), `missing ${name}`, params);
	}
	const { sid, appkey, timestamp } = params;

	const sameSid = ctx.accounts.filter((account) => account.sid === sid);
	if (sameSid.length === 0) return refuse(answer('SELLER_NOT_FOUND'), `unknown sid ${sid}`, params);
	const account = sameSid.find((candidate) => candidate.appkey === appkey);
	if (!account)
		return refuse(answer('APPKEY_NOT_FOUND'), `unknown appkey ${appkey} for sid ${sid}`, params);
	if (account.disabled)
		return refuse(answer('APPKEY_DISABLED'), `appkey ${appkey} disabled`, params);

	const now = ctx.clock();
	if (
		!/^[0-9]{10}$/.test(timestamp) ||
		Math.abs(Number(timestamp) - now) > ctx.timestampWindowSec
	) {
		return refuse(
			answer(
				'TIMESTAMP_INVALID',
				`timestamp=${timestamp.slice(0, 20)},服务器时间=${now},允许误差±${ctx.timestampWindowSec}秒`,
			),
			`timestamp ${timestamp} vs emulator clock ${now} (window ±${ctx.timestampWindowSec} s)`,
			params,
		);
	}

	const check = verifySign(params, account.appsecret);
	if (!check.ok) {
		return {
			...refuse(
				answer('SIGN_MISMATCH'),
				`sign mismatch: expected ${check.expected} over packed ${JSON.stringify(check.packed)}`,
				params,
			),
			packed: check.packed,
		};
	}

	const handler = Object.prototype.hasOwnProperty.call(ENDPOINTS, request.endpoint)
		? ENDPOINTS[request.endpoint]
		: undefined;
	if (!handler) {
		return {
			...refuse(
				answer('ENDPOINT_NOT_FOUND', request.endpoint),
				`unknown endpoint ${request.endpoint}`,
				params,
			),
			packed: check.packed,
		};
	}
	if (account.deniedEndpoints && account.deniedEndpoints.includes(request.endpoint)) {
		return {
			...refuse(
				answer('NO_PERMISSION', request.endpoint),
				`endpoint ${request.endpoint} denied for appkey ${appkey}`,
				params,
			),
			packed: check.packed,
		};
	}

	if (ctx.rateLimit && !ctx.rateLimit.allow(appkey)) {
		return {
			...refuse({ ...RATE_LIMITED }, `rate limit: appkey ${appkey}`, params),
			packed: check.packed,
		};
	}

	ctx.endpointContext.erpOrders.shipDue(); // the ERP ships what is due before anyone looks
	const response = handler(params, ctx.endpointContext);
	const accepted = response.code === 0;
	return {
		response,
		accepted,
		reason: accepted ? null : `endpoint: ${response.message}`,
		params,
		packed: check.packed,
	};
}

module.exports = { handleGatewayRequest };
