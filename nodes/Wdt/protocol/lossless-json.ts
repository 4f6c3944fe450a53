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
	while (i < n) {
		const c = text.charCodeAt(i);
		if (c === 0x22 /* " */) {
			// Skip a whole string literal, honouring escapes.
			i++;
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
			while (i < n) {
				const d = text.charCodeAt(i);
				if ((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) i++;
				else break;
			}
			const literal = text.slice(start, i);
			const digits = literal.charCodeAt(0) === 0x2d ? literal.length - 1 : literal.length;
			if (digits > MAX_SAFE_DIGITS && /^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
				out += text.slice(copiedUpTo, start) + '"' + literal + '"';
				copiedUpTo = i;
			}
			continue;
		}
		i++;
	}
	return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}
