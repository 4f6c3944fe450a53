// @ts-check
'use strict';

/**
 * Reading endpoint parameters and writing answer numbers, shared by the stock pair
 * (endpoints.js) and the world's list endpoints (world-endpoints.js).
 */

const { answer } = require('./codes');

/** @typedef {Record<string, unknown> & { code: number, message: string }} EndpointAnswer */

/**
 * An optional integer parameter in a range; answers the value or a 2001 answer.
 * @param {Record<string, string>} params
 * @param {string} name
 * @param {{ min: number, max: number, fallback: number }} range
 * @returns {number | EndpointAnswer}
 */
function integerParam(params, name, { min, max, fallback }) {
	const raw = params[name];
	if (raw === undefined || raw === '') return fallback;
	const value = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : NaN;
	if (!(value >= min && value <= max)) {
		return answer(
			'BAD_PARAMETER',
			`${name} 必须是${min}到${max === Infinity ? '∞' : max}之间的整数,收到 "${raw.slice(0, 40)}"`,
		);
	}
	return value;
}

/**
 * @param {{ numbersAsStrings: boolean }} ctx
 * @returns {(n: number) => number | string}
 */
function numberWriter(ctx) {
	return ctx.numbersAsStrings ? (n) => String(n) : (n) => n;
}

module.exports = { integerParam, numberWriter };
