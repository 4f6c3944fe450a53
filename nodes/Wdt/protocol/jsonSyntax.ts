/**
 * Where a JSON text goes wrong, as a person can find it: line, column and the text around the
 * spot. (V8's own message carries no position on Node 20: "Unexpected token '}', … is not valid
 * JSON".) Only called once JSON.parse has refused the text.
 */

export interface JsonSyntaxProblem {
	/** Offset into the text (0-based). */
	offset: number;
	line: number;
	column: number;
	reason: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';

class Stop {
	constructor(
		readonly offset: number,
		readonly reason: string,
	) {}
}

function scan(text: string): void {
	let i = 0;
	const space = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
	};
	const fail = (reason: string): never => {
		throw new Stop(i, i >= text.length ? `the text ends too early (${reason})` : reason);
	};
	const string = () => {
		i++; // the opening quote
		for (;;) {
			if (i >= text.length) fail('a string is not closed');
			const c = text[i];
			if (c === '"') return void i++;
			if (c < ' ') fail('a line break or control character inside a string (write it as \\n)');
			if (c === '\\') {
				const e = text[i + 1];
				if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
				else if (e !== undefined && ESCAPES.includes(e)) i += 2;
				else {
					i++;
					fail('an unknown escape after \\');
				}
			} else i++;
		}
	};
	const value = (): void => {
		space();
		const c = text[i];
		if (c === '{') {
			i++;
			space();
			if (text[i] === '}') return void i++;
			for (;;) {
				space();
				if (text[i] !== '"') fail('expected a property name in double quotes');
				string();
				space();
				if (text[i] !== ':') fail("expected ':' after the property name");
				i++;
				value();
				space();
				if (text[i] === ',') {
					i++;
					continue;
				}
				if (text[i] === '}') return void i++;
				fail("expected ',' or '}' after a property value");
			}
		}
		if (c === '[') {
			i++;
			space();
			if (text[i] === ']') return void i++;
			for (;;) {
				value();
				space();
				if (text[i] === ',') {
					i++;
					continue;
				}
				if (text[i] === ']') return void i++;
				fail("expected ',' or ']' after a list value");
			}
		}
		if (c === '"') return string();
		for (const word of ['true', 'false', 'null']) {
			if (text.startsWith(word, i)) return void (i += word.length);
		}
		NUMBER.lastIndex = i;
		if (NUMBER.test(text)) return void (i = NUMBER.lastIndex);
		fail(c === "'" ? 'single quotes: JSON takes double quotes only' : 'expected a value (text in double quotes, a number, true, false, null, an object or a list)');
	};
	value();
	space();
	if (i < text.length) fail('more text after the JSON value');
}

/** The first problem of a text JSON.parse refused; undefined if none is found. */
export function findJsonProblem(text: string): JsonSyntaxProblem | undefined {
	try {
		scan(text);
		return undefined;
	} catch (thrown) {
		// Only Stop is thrown in scan (string and regex reads do not throw).
		const error = thrown as Stop;
		const before = text.slice(0, error.offset).split(/\r\n|\r|\n/);
		return {
			offset: error.offset,
			line: before.length,
			column: before[before.length - 1].length + 1,
			reason: error.reason,
		};
	}
}

/** The text around an offset on its line, the spot marked with ▸ (at most `width` characters each side). */
export function textAround(text: string, offset: number, width = 24): string {
	const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
	const next = text.indexOf('\n', offset);
	const lineEnd = next === -1 ? text.length : next;
	const from = Math.max(lineStart, offset - width);
	const to = Math.min(lineEnd, offset + width);
	return `${from > lineStart ? '…' : ''}${text.slice(from, offset)}▸${text.slice(offset, to)}${to < lineEnd ? '…' : ''}`.replace(/\r/g, '');
}
