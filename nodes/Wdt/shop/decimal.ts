/**
 * Money and quantities as exact decimals: WDT takes amounts as decimal(19,4). A value is read
 * from a decimal string ("19.90") or a JS number whose shortest text is such a decimal (19.9),
 * kept as a scaled bigint (units of 0.0001) for sums, and sent as text. Nothing is rounded:
 * a value with more than 4 places (0.1 + 0.2 = 0.30000000000000004) is refused, not fixed.
 */
export const DECIMAL_PLACES = 4;
const SCALE = BigInt(10 ** DECIMAL_PLACES);
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
/** decimal(19,4): at most 15 digits before the point. */
const MAX_INTEGER_DIGITS = 15;

export interface Decimal {
	/** The value in units of 0.0001. */
	units: bigint;
	/** The text sent to WDT: the value as given, without a leading "+" or surrounding spaces. */
	text: string;
}

export type DecimalRead = { ok: true; value: Decimal } | { ok: false; problem: string };

/** Reads one amount; `problem` says in words why it is not an exact decimal(19,4). */
export function readDecimal(value: unknown): DecimalRead {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return { ok: false, problem: `${value} is not a number` };
		text = String(value);
		if (/e/i.test(text)) return { ok: false, problem: `${text} is too large or too small for an amount` };
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		return { ok: false, problem: `${JSON.stringify(value) ?? 'undefined'} is not a decimal number` };
	}
	const match = DECIMAL.exec(text);
	if (!match) return { ok: false, problem: `"${text}" is not a decimal number (use digits and a point, e.g. 19.90)` };
	const [, sign, whole, fraction = ''] = match;
	if (fraction.length > DECIMAL_PLACES) {
		return { ok: false, problem: `${text} has more than ${DECIMAL_PLACES} decimal places; WDT keeps ${DECIMAL_PLACES} and it would be rounded` };
	}
	if (whole.replace(/^0+(?=\d)/, '').length > MAX_INTEGER_DIGITS) {
		return { ok: false, problem: `${text} is too large for an amount (decimal(19,4))` };
	}
	// Stryker disable next-line ArithmeticOperator: a bigint divided by 1 or -1 equals it multiplied by 1 or -1
	const units = BigInt(whole + fraction.padEnd(DECIMAL_PLACES, '0')) * (sign ? BigInt(-1) : BigInt(1));
	return { ok: true, value: { units, text } };
}

/** units → "12.3400"-free text: "12.34", "-0.5", "3". */
export function formatUnits(units: bigint): string {
	const negative = units < BigInt(0);
	const digits = (negative ? -units : units).toString().padStart(DECIMAL_PLACES + 1, '0');
	const whole = digits.slice(0, -DECIMAL_PLACES);
	const fraction = digits.slice(-DECIMAL_PLACES).replace(/0+$/, '');
	return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** a × b of two decimals, exact while it has at most 4 places (else undefined). */
export function multiply(a: Decimal, b: Decimal): bigint | undefined {
	const product = a.units * b.units;
	return product % SCALE === BigInt(0) ? product / SCALE : undefined;
}
