// @ts-check
'use strict';

/**
 * The fake sales platform of the demo: where a workflow pushes the stock it read from the ERP
 * before it acks. Not openapi2: no signature.
 *
 *   POST /fake-shop/stock   JSON {shop_no, spec_no, rec_id?, stock} (or the same as a form)
 *                           → 200 {success: true}; bad input → 400 {success: false, error}
 *   GET  /fake-shop/stock   → 200 {success: true, stock: [{shop_no, spec_no, rec_id, stock, updated_at}]}
 *
 * rec_id is kept as the exact text sent (a bare JSON number is read losslessly).
 */

const { decodeFormBody, FormBodyError } = require('./form-body');
const { JsonNumber, parse } = require('./lossless-json');

/**
 * @typedef {object} ShopPush
 * @property {number} seq
 * @property {string} shop_no
 * @property {string} spec_no
 * @property {string | null} rec_id
 * @property {number} stock
 * @property {number} at  Date.now() when received
 */

/**
 * @typedef {object} FakeShopResult
 * @property {number} status HTTP status
 * @property {Record<string, unknown>} response JSON body
 * @property {ShopPush} [push] the accepted push
 */

/**
 * @param {{ method: string, contentType: string | undefined, body: Buffer }} request
 * @param {number} seq
 * @returns {Omit<FakeShopResult, 'push'> & { push?: ShopPush }}
 */
function readPush(request, seq) {
	const type = (request.contentType ?? '').split(';')[0].trim().toLowerCase();
	/** @type {Record<string, unknown>} */
	let fields;
	try {
		if (type === 'application/json') {
			const value = parse(request.body.toString('utf8'));
			if (
				value === null ||
				typeof value !== 'object' ||
				Array.isArray(value) ||
				value instanceof JsonNumber
			) {
				return bad('body must be a JSON object');
			}
			fields = value;
		} else if (type === 'application/x-www-form-urlencoded') {
			fields = decodeFormBody(request.body);
		} else {
			return {
				status: 415,
				response: {
					success: false,
					error: 'Content-Type must be application/json or application/x-www-form-urlencoded',
				},
			};
		}
	} catch (error) {
		if (
			error instanceof FormBodyError ||
			(error instanceof Error && error.name === 'JsonSyntaxError')
		) {
			return bad(`unreadable body: ${error.message}`);
		}
		throw error;
	}
	const text = (/** @type {unknown} */ value) =>
		value instanceof JsonNumber ? value.text : typeof value === 'string' ? value : undefined;
	const shopNo = text(fields.shop_no);
	const specNo = text(fields.spec_no);
	const stockText = text(fields.stock);
	const recId = fields.rec_id === undefined || fields.rec_id === null ? null : text(fields.rec_id);
	if (!shopNo) return bad('shop_no is required');
	if (!specNo) return bad('spec_no is required');
	if (
		stockText === undefined ||
		!/^-?[0-9]+$/.test(stockText) ||
		!Number.isSafeInteger(Number(stockText))
	) {
		return bad('stock must be an integer');
	}
	if (recId === undefined) return bad('rec_id must be a string or a number');
	return {
		status: 200,
		response: { success: true },
		push: {
			seq,
			shop_no: shopNo,
			spec_no: specNo,
			rec_id: recId,
			stock: Number(stockText),
			at: Date.now(),
		},
	};
}

/** @param {string} error */
function bad(error) {
	return { status: 400, response: { success: false, error } };
}

/**
 * The platform's current stock, one entry per shop_no + spec_no (latest push wins).
 */
class FakeShopStock {
	constructor() {
		/** @type {Map<string, { shop_no: string, spec_no: string, rec_id: string | null, stock: number, updated_at: number }>} */
		this.entries = new Map();
	}

	/** @param {ShopPush} push */
	record(push) {
		this.entries.set(`${push.shop_no}\u0000${push.spec_no}`, {
			shop_no: push.shop_no,
			spec_no: push.spec_no,
			rec_id: push.rec_id,
			stock: push.stock,
			updated_at: push.at,
		});
	}

	/**
	 * @param {string} shopNo
	 * @param {string} specNo
	 * @returns {number | undefined}
	 */
	stock(shopNo, specNo) {
		return this.entries.get(`${shopNo}\u0000${specNo}`)?.stock;
	}

	list() {
		return [...this.entries.values()].map((entry) => ({ ...entry }));
	}

	clear() {
		this.entries.clear();
	}
}

module.exports = { readPush, FakeShopStock };
