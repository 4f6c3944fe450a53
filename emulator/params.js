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

/** WDT's decimal(19,4) as text: optional minus, no leading zeros, at most 4 decimal places. */
const DECIMAL_TEXT = /^-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,4})?$/;

/**
 * A decimal(19,4) amount given as a JSON number or a string, in exact ten-thousandths
 * (a safe integer), or null when it is not one. Exponents, '+', '.5' and 5+ places are refused
 * rather than rounded.
 * @param {unknown} value a string or a lossless-json JsonNumber (anything with a `text`)
 * @returns {number | null}
 */
function decimalUnits(value) {
	const text =
		typeof value === 'string'
			? value
			: value !== null && typeof value === 'object' && 'text' in value
				? String(value.text)
				: null;
	if (text === null || !DECIMAL_TEXT.test(text)) return null;
	const negative = text.startsWith('-');
	const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
	const units = Number(whole) * 10000 + Number(fraction.padEnd(4, '0'));
	if (!Number.isSafeInteger(units)) return null;
	return negative ? -units : units;
}

/**
 * Ten-thousandths → decimal text with 4 places, as WDT writes money ('12.5000').
 * @param {number} units
 */
function unitsText(units) {
	const sign = units < 0 ? '-' : '';
	const abs = Math.abs(units);
	return `${sign}${Math.floor(abs / 10000)}.${String(abs % 10000).padStart(4, '0')}`;
}

module.exports = { integerParam, numberWriter, decimalUnits, unitsText };
