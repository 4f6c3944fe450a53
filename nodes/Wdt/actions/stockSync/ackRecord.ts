/**
 * One input item → one stock_sync_list entry (库存同步回写记录), with the checks that keep stock
 * data exact: rec_id stays the digit string it was queried as; the two counters are int(11).
 */
export interface AckRecord {
	/** ERP platform-goods id (bigint), as its exact decimal digits. */
	rec_id: string;
	sync_stock: number;
	stock_change_count: number;
}

export type AckField = keyof AckRecord;

/** The values as read (an input item's json in Map Automatically: a missing field is undefined). */
export interface RawAckValues {
	rec_id?: unknown;
	sync_stock?: unknown;
	stock_change_count?: unknown;
}

/** A value that fails the checks: which field, what it was, why. */
export interface ValueProblem {
	field: AckField;
	value: unknown;
	message: string;
}

export type RecordCheck = { ok: true; record: AckRecord } | { ok: false; problem: ValueProblem };

const INT11_MIN = -2147483648;
const INT11_MAX = 2147483647;
const BIGINT_MAX = '9223372036854775807';
const RANGE_TEXT = `${INT11_MIN} to ${INT11_MAX}`;

function show(value: unknown): string {
	if (value === undefined) return 'missing';
	if (typeof value === 'string') return JSON.stringify(value);
	// NaN and Infinity as themselves (JSON would say null), a bigint as its digits (JSON has none).
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	// null, booleans, lists and objects: their JSON, cut short.
	const text = JSON.stringify(value);
	return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function problem(field: AckField, value: unknown, reason: string): RecordCheck {
	return { ok: false, problem: { field, value, message: `"${field}" is ${show(value)}: ${reason}` } };
}

// The patterns are made once: a regular expression written inside a function is a new object on
// every call, and these run for every item (100 000 are common).
const ONLY_BLANKS = /^\s*$/;
// JavaScript's \s is exactly what String.prototype.trim removes: no trimmed copy needs to be made.
const BLANK_AROUND = /^\s|\s$/;
const LEADING_ZERO = /^[+-]?0\d/;
const DIGITS = /^\d+$/;
const STARTS_WITH_ZERO = /^0/;

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && ONLY_BLANKS.test(value));
}

/**
 * One rule for numbers and numeric strings: a string counts as the number it spells in JSON's
 * own grammar (so "3.0" is 3.0 and "1e3" is 1e3, exactly as the numbers 3.0 and 1e3), and then
 * the same checks apply. Nothing is trimmed or guessed: a string with surrounding blanks, a
 * leading zero ("0012"), a plus sign or "-0" is refused, because a number can never look so and
 * such text is more likely a code or a typo than a count.
 */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The number a value spells, or (a string) why it spells none. Nothing is allocated for a number. */
function readNumeric(value: unknown): number | string {
	if (typeof value === 'number') {
		if (Number.isNaN(value)) return 'expected a whole number, got NaN';
		return value;
	}
	if (typeof value !== 'string') return 'expected a whole number';
	if (BLANK_AROUND.test(value)) return 'it has blanks around it; values are never trimmed, fix the source';
	if (LEADING_ZERO.test(value)) return 'it has a leading zero; values are never guessed, fix the source';
	if (!JSON_NUMBER.test(value)) return 'expected a whole number (no units, text or separators)';
	return Number(value);
}

function checkRecId(value: unknown): string | RecordCheck {
	if (isBlank(value)) return problem('rec_id', value, 'a rec_id (ERP platform-goods id) is required');
	let digits: string;
	if (typeof value === 'bigint') {
		if (value < 1) return problem('rec_id', value, 'a rec_id is positive');
		digits = value.toString();
	} else if (typeof value === 'string' && DIGITS.test(value)) {
		// Digits are kept as written: a 19-digit rec_id is exact only as text.
		digits = value;
	} else if (typeof value === 'number' || typeof value === 'string') {
		const number = readNumeric(value);
		if (typeof number === 'string') return problem('rec_id', value, `a rec_id is a positive whole number written with digits: ${number}`);
		if (!Number.isInteger(number)) return problem('rec_id', value, 'a rec_id is a whole number');
		if (!Number.isSafeInteger(number)) {
			return problem(
				'rec_id',
				value,
				'this number is beyond 2^53, so its exact value was already lost before this node (19-digit rec_ids do not fit a JavaScript number). Keep rec_id a string from the query onwards: WDT Get Stock Changes outputs it as a string; do not convert it with Number() or parseInt() in a Code or Set node',
			);
		}
		// Stryker disable next-line EqualityOperator: with `< 0`, 0 and -0 become the digits "0", refused below with the same message
		if (number <= 0) return problem('rec_id', value, 'a rec_id is positive');
		digits = String(number);
	} else {
		return problem('rec_id', value, 'a rec_id must be a number or a string of digits');
	}
	if (STARTS_WITH_ZERO.test(digits)) {
		return problem('rec_id', value, digits === '0' ? 'a rec_id is positive' : 'a rec_id never starts with 0; check the value');
	}
	if (digits.length > BIGINT_MAX.length || (digits.length === BIGINT_MAX.length && digits > BIGINT_MAX)) {
		return problem('rec_id', value, 'it is larger than any rec_id (bigint) can be');
	}
	return digits;
}

function checkInt(field: 'sync_stock' | 'stock_change_count', value: unknown, min: number): number | RecordCheck {
	if (isBlank(value)) return problem(field, value, `a ${field} is required (copy it from the query result)`);
	const number = readNumeric(value);
	if (typeof number === 'string') return problem(field, value, number);
	if (!Number.isInteger(number)) return problem(field, value, 'expected a whole number; decimals are not rounded');
	if (Object.is(number, -0)) return problem(field, value, 'negative zero is not a count; write 0');
	if (number < min || number > INT11_MAX) {
		return problem(field, value, `out of range: WDT stores it as int(11), ${min === 0 ? `0 to ${INT11_MAX}` : RANGE_TEXT}`);
	}
	return number;
}

export function checkAckRecord(raw: RawAckValues): RecordCheck {
	const recId = checkRecId(raw.rec_id);
	if (typeof recId !== 'string') return recId;
	const syncStock = checkInt('sync_stock', raw.sync_stock, INT11_MIN);
	if (typeof syncStock !== 'number') return syncStock;
	const count = checkInt('stock_change_count', raw.stock_change_count, 0);
	if (typeof count !== 'number') return count;
	return { ok: true, record: recordOf(raw) };
}

/**
 * The record of values that passed checkAckRecord: its conversions alone, nothing checked again
 * (digits stay the text they were, a number or a numeric string becomes its number). The write
 * engine keeps the values as given and calls this when it sends and shows them, so that 100 000
 * items cost no record object each for the whole run.
 */
export function recordOf(values: RawAckValues): AckRecord {
	const recId = values.rec_id;
	return {
		rec_id: typeof recId === 'string' && DIGITS.test(recId) ? recId : String(typeof recId === 'string' ? Number(recId) : recId),
		sync_stock: Number(values.sync_stock),
		stock_change_count: Number(values.stock_change_count),
	};
}

/**
 * The JSON text of one entry, or of a call's whole list: JSON.stringify of recordOf's records, so
 * the two can never differ. rec_id is always a JSON string: the official PHP, C# and Python
 * examples send strings, PHP reads either, and a string is the only form that stays exact for
 * 19-digit ids in every client. The counters are int(11), exact as JSON numbers. A whole list is
 * written in one go (no text per entry to join: about half the memory churned per call).
 */
export function recordJson(values: RawAckValues): string {
	return JSON.stringify(recordOf(values));
}

export function recordListJson(list: RawAckValues[]): string {
	return JSON.stringify(list.map(recordOf));
}
