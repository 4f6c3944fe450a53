// @ts-check
'use strict';

/**
 * JSON whose numbers keep their source text, so a 19-digit rec_id is neither read nor written
 * through a double (JSON.parse would turn 2754327482516635662 into 2754327482516635648).
 *
 * `parse` is strict RFC 8259 JSON: no trailing commas, no comments, no NaN, no duplicate keys
 * in one object. Numbers come back as `JsonNumber` (the literal text); everything else as usual.
 * `stringify` writes a `JsonNumber` bare, as its text, and everything else like JSON.stringify.
 */

/** A JSON number literal, kept as its exact source text. */
class JsonNumber {
	/** @param {string} text a valid JSON number literal */
	constructor(text) {
		this.text = text;
	}

	/** true when the literal has no fraction and no exponent (`-12`, `2754327482516635662`) */
	isInteger() {
		return /^-?(0|[1-9][0-9]*)$/.test(this.text);
	}

	toString() {
		return this.text;
	}
}

/**
 * @typedef {null | boolean | string | JsonNumber | JsonArray | JsonObject} JsonValue
 * @typedef {Array<JsonValue>} JsonArray
 * @typedef {{ [key: string]: JsonValue }} JsonObject
 */

class JsonSyntaxError extends Error {
	/**
	 * @param {string} message
	 * @param {number} position
	 */
	constructor(message, position) {
		super(`${message} at position ${position}`);
		this.name = 'JsonSyntaxError';
		this.position = position;
	}
}

const NUMBER_PATTERN = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * Parse JSON text, keeping numbers as JsonNumber.
 * @param {string} text
 * @returns {JsonValue}
 * @throws {JsonSyntaxError}
 */
function parse(text) {
	let pos = 0;

	function skipWhitespace() {
		for (;;) {
			const c = text.charCodeAt(pos);
			if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
			else return;
		}
	}

	/** @returns {JsonValue} */
	function value() {
		skipWhitespace();
		const c = text.charCodeAt(pos);
		if (c === 0x7b /* { */) return object();
		if (c === 0x5b /* [ */) return array();
		if (c === 0x22 /* " */) return string();
		if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) return number();
		if (text.startsWith('true', pos)) {
			pos += 4;
			return true;
		}
		if (text.startsWith('false', pos)) {
			pos += 5;
			return false;
		}
		if (text.startsWith('null', pos)) {
			pos += 4;
			return null;
		}
		throw new JsonSyntaxError(
			pos >= text.length ? 'unexpected end of JSON' : 'unexpected character',
			pos,
		);
	}

	function number() {
		NUMBER_PATTERN.lastIndex = pos;
		const match = NUMBER_PATTERN.exec(text);
		if (!match) throw new JsonSyntaxError('invalid number', pos);
		pos += match[0].length;
		return new JsonNumber(match[0]);
	}

	function string() {
		pos++; // opening quote
		// fast path: no escape before the closing quote
		const close = text.indexOf('"', pos);
		if (close >= 0) {
			let plain = true;
			for (let i = pos; i < close; i++) {
				const c = text.charCodeAt(i);
				if (c === 0x5c || c < 0x20) {
					plain = false;
					break;
				}
			}
			if (plain) {
				const result = text.slice(pos, close);
				pos = close + 1;
				return result;
			}
		}
		let out = '';
		let chunkStart = pos;
		for (;;) {
			if (pos >= text.length) throw new JsonSyntaxError('unterminated string', pos);
			const c = text.charCodeAt(pos);
			if (c === 0x22) {
				out += text.slice(chunkStart, pos);
				pos++;
				return out;
			}
			if (c < 0x20) throw new JsonSyntaxError('control character in string', pos);
			if (c !== 0x5c /* \ */) {
				pos++;
				continue;
			}
			out += text.slice(chunkStart, pos);
			const escape = text[pos + 1];
			pos += 2;
			switch (escape) {
				case '"':
					out += '"';
					break;
				case '\\':
					out += '\\';
					break;
				case '/':
					out += '/';
					break;
				case 'b':
					out += '\b';
					break;
				case 'f':
					out += '\f';
					break;
				case 'n':
					out += '\n';
					break;
				case 'r':
					out += '\r';
					break;
				case 't':
					out += '\t';
					break;
				case 'u': {
					const hex = text.slice(pos, pos + 4);
					if (!/^[0-9a-fA-F]{4}$/.test(hex))
						throw new JsonSyntaxError('invalid \\u escape', pos - 2);
					out += String.fromCharCode(parseInt(hex, 16));
					pos += 4;
					break;
				}
				default:
					throw new JsonSyntaxError('invalid escape', pos - 2);
			}
			chunkStart = pos;
		}
	}

	function array() {
		pos++; // [
		/** @type {JsonValue[]} */
		const items = [];
		skipWhitespace();
		if (text.charCodeAt(pos) === 0x5d) {
			pos++;
			return items;
		}
		for (;;) {
			items.push(value());
			skipWhitespace();
			const c = text.charCodeAt(pos);
			if (c === 0x2c) {
				pos++;
				continue;
			}
			if (c === 0x5d) {
				pos++;
				return items;
			}
			throw new JsonSyntaxError("expected ',' or ']'", pos);
		}
	}

	function object() {
		pos++; // {
		/** @type {{ [key: string]: JsonValue }} */
		const result = {};
		skipWhitespace();
		if (text.charCodeAt(pos) === 0x7d) {
			pos++;
			return result;
		}
		for (;;) {
			skipWhitespace();
			if (text.charCodeAt(pos) !== 0x22) throw new JsonSyntaxError('expected a string key', pos);
			const keyPosition = pos;
			const key = string();
			if (Object.prototype.hasOwnProperty.call(result, key)) {
				throw new JsonSyntaxError(`duplicate key "${key}"`, keyPosition);
			}
			skipWhitespace();
			if (text.charCodeAt(pos) !== 0x3a) throw new JsonSyntaxError("expected ':'", pos);
			pos++;
			const member = value();
			if (key === '__proto__')
				Object.defineProperty(result, key, {
					value: member,
					enumerable: true,
					writable: true,
					configurable: true,
				});
			else result[key] = member;
			skipWhitespace();
			const c = text.charCodeAt(pos);
			if (c === 0x2c) {
				pos++;
				continue;
			}
			if (c === 0x7d) {
				pos++;
				return result;
			}
			throw new JsonSyntaxError("expected ',' or '}'", pos);
		}
	}

	const result = value();
	skipWhitespace();
	if (pos !== text.length) throw new JsonSyntaxError('unexpected text after JSON', pos);
	return result;
}

/**
 * Write a value as JSON text; JsonNumber is written bare as its text.
 * Objects' undefined members are left out, as JSON.stringify does.
 * @param {unknown} value
 * @returns {string}
 */
function stringify(value) {
	if (value instanceof JsonNumber) return value.text;
	if (value === null || typeof value !== 'object') {
		const text = JSON.stringify(value);
		return text === undefined ? 'null' : text;
	}
	if (Array.isArray(value)) {
		let out = '[';
		for (let i = 0; i < value.length; i++) {
			if (i > 0) out += ',';
			out += stringify(value[i]);
		}
		return out + ']';
	}
	let out = '{';
	let first = true;
	for (const [key, member] of Object.entries(value)) {
		if (member === undefined) continue;
		if (!first) out += ',';
		first = false;
		out += JSON.stringify(key) + ':' + stringify(member);
	}
	return out + '}';
}

module.exports = { JsonNumber, JsonSyntaxError, parse, stringify };
