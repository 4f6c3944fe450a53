/**
 * JSON.parse that keeps integers beyond 2^53 exact. WDT ids such as rec_id have 19 digits
 * (2754327482516635662); when a gateway sends them as bare JSON numbers, JSON.parse would
 * silently round them. Such literals are turned into strings holding their exact digits
 * before the native parser sees them; every other value parses as usual.
 */
export function parseJsonLossless(text: string): unknown {
	return JSON.parse(quoteUnsafeIntegers(text));
}

const MAX_SAFE_DIGITS = 15; // every integer of up to 15 digits is below 2^53

export function quoteUnsafeIntegers(text: string): string {
	let out = '';
	let copiedUpTo = 0;
	let i = 0;
	const n = text.length;
	// Stryker disable next-line EqualityOperator: at i = n, charCodeAt is NaN, which matches nothing and ends the loop
	while (i < n) {
		const c = text.charCodeAt(i);
		if (c === 0x22 /* " */) {
			// Skip a whole string literal, honouring escapes.
			i++;
			// Stryker disable next-line EqualityOperator: only an unterminated string reaches n; the outer loop ends it either way
			while (i < n) {
				const s = text.charCodeAt(i);
				if (s === 0x5c /* \ */) i += 2;
				else if (s === 0x22) break;
				else i++;
			}
			i++;
			continue;
		}
		if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
			const start = i;
			i++;
			// Stryker disable next-line EqualityOperator: at i = n, charCodeAt is NaN, which is no digit: the loop breaks
			while (i < n) {
				const d = text.charCodeAt(i);
				if ((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) i++;
				else break;
			}
			const literal = text.slice(start, i);
			// Stryker disable next-line ConditionalExpression,EqualityOperator: a pre-filter for speed (15 characters are always safe); Number.isSafeInteger decides
			if (literal.length <= MAX_SAFE_DIGITS) continue;
			if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
				out += text.slice(copiedUpTo, start) + '"' + literal + '"';
				copiedUpTo = i;
			}
			continue;
		}
		i++;
	}
	// Stryker disable next-line ConditionalExpression: with nothing quoted, out + text.slice(0) is text too (a shortcut)
	return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}
