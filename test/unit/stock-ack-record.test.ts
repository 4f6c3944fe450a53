import { checkAckRecord, recordJson, recordListJson, recordOf } from '../../nodes/Wdt/actions/stockSync/ackRecord';

const base = { rec_id: '2754327482516635662', sync_stock: 5, stock_change_count: 3 };
const verdict = (patch: Partial<Record<keyof typeof base, unknown>>) => {
	const check = checkAckRecord({ ...base, ...patch });
	return check.ok ? check.record : check.problem.message;
};

describe('one rule for numbers and numeric strings', () => {
	it.each([
		['3.0', 3.0, 3],
		['1e3', 1e3, 1000],
		['0', 0, 0],
		['2147483647', 2147483647, 2147483647],
	])('"%s" and the number %s give the same record (%s)', (text, number, expected) => {
		expect(verdict({ sync_stock: text })).toEqual({ ...base, sync_stock: expected });
		expect(verdict({ sync_stock: number })).toEqual({ ...base, sync_stock: expected });
		expect(verdict({ stock_change_count: text })).toEqual({ ...base, stock_change_count: expected });
	});

	it.each([
		['1.5', 1.5, /decimals are not rounded/],
		['1e10', 1e10, /int\(11\)/],
		['-1', -1, /int\(11\)/],
	])('"%s" and the number %s are refused alike', (text, number, reason) => {
		expect(verdict({ stock_change_count: text })).toMatch(reason);
		expect(verdict({ stock_change_count: number })).toMatch(reason);
	});

	it.each([
		[' 12 ', /blanks around it/],
		['12 ', /blanks around it/],
		['0012', /leading zero/],
		['-012', /leading zero/],
		['+12', /whole number/],
		['-0', /negative zero/],
		['0x10', /leading zero|whole number/],
		['12件', /whole number/],
		['1,000', /whole number/],
		['Infinity', /whole number/],
	])('refuses "%s": nothing is trimmed or guessed', (text, reason) => {
		expect(verdict({ sync_stock: text })).toMatch(reason);
	});

	it('refuses the number -0 like "-0"', () => {
		expect(verdict({ sync_stock: -0 })).toMatch(/negative zero/);
	});

	it('rec_id: digits stay exact as text; a number or number text must be a safe positive integer', () => {
		expect(verdict({ rec_id: '9223372036854775807' })).toMatchObject({ rec_id: '9223372036854775807' });
		expect(verdict({ rec_id: 1e3 })).toMatchObject({ rec_id: '1000' });
		expect(verdict({ rec_id: '1e3' })).toMatchObject({ rec_id: '1000' });
		expect(verdict({ rec_id: ' 12' })).toMatch(/blanks around it/);
		expect(verdict({ rec_id: '0012' })).toMatch(/never starts with 0/);
		expect(verdict({ rec_id: '-0' })).toMatch(/positive/);
		expect(verdict({ rec_id: '2754327482516635662.0' })).toMatch(/beyond 2\^53/);
	});
});

describe('the problem message names the field and shows the value as it was given', () => {
	it.each<[string, Partial<Record<keyof typeof base, unknown>>, string]>([
		['a string, quoted', { sync_stock: ' 12 ' }, '"sync_stock" is " 12 ": it has blanks around it; values are never trimmed, fix the source'],
		['a number', { stock_change_count: 1.5 }, '"stock_change_count" is 1.5: expected a whole number; decimals are not rounded'],
		['NaN as NaN', { sync_stock: NaN }, '"sync_stock" is NaN: expected a whole number, got NaN'],
		['Infinity as Infinity', { sync_stock: Infinity }, '"sync_stock" is Infinity: expected a whole number; decimals are not rounded'],
		['a boolean', { sync_stock: true }, '"sync_stock" is true: expected a whole number'],
		['a bigint', { sync_stock: BigInt(5) }, '"sync_stock" is 5: expected a whole number'],
		['null', { rec_id: null }, '"rec_id" is null: a rec_id (ERP platform-goods id) is required'],
		['a missing value', { sync_stock: undefined }, '"sync_stock" is missing: a sync_stock is required (copy it from the query result)'],
		['a blank string', { stock_change_count: '  ' }, '"stock_change_count" is "  ": a stock_change_count is required (copy it from the query result)'],
		['an object, as JSON', { rec_id: { id: 1 } }, '"rec_id" is {"id":1}: a rec_id must be a number or a string of digits'],
		['a boolean rec_id', { rec_id: false }, '"rec_id" is false: a rec_id must be a number or a string of digits'],
	])('%s', (_what, patch, message) => {
		expect(verdict(patch)).toBe(message);
	});

	it('shows a long string whole: it is the value to find in the source', () => {
		const text = `SKU ${'x'.repeat(70)}`;
		expect(verdict({ rec_id: text })).toBe(
			`"rec_id" is "${text}": a rec_id is a positive whole number written with digits: expected a whole number (no units, text or separators)`,
		);
	});

	it('cuts a long list or object to its first 60 characters, and only one longer than that', () => {
		const sixty = ['x'.repeat(56)]; // ["xxx…"]: 56 + 4 = 60 characters of JSON
		expect(JSON.stringify(sixty)).toHaveLength(60);
		expect(verdict({ rec_id: sixty })).toBe(`"rec_id" is ${JSON.stringify(sixty)}: a rec_id must be a number or a string of digits`);
		const longer = ['x'.repeat(57)];
		expect(verdict({ rec_id: longer })).toBe(`"rec_id" is ${JSON.stringify(longer).slice(0, 60)}…: a rec_id must be a number or a string of digits`);
	});
});

describe('int(11) ranges, in the words of the message', () => {
	it('sync_stock may be negative: int(11) from -2147483648 to 2147483647', () => {
		expect(verdict({ sync_stock: -2147483648 })).toMatchObject({ sync_stock: -2147483648 });
		expect(verdict({ sync_stock: '-2147483648' })).toMatchObject({ sync_stock: -2147483648 });
		expect(verdict({ sync_stock: -2147483649 })).toBe('"sync_stock" is -2147483649: out of range: WDT stores it as int(11), -2147483648 to 2147483647');
		expect(verdict({ sync_stock: '2147483648' })).toBe('"sync_stock" is "2147483648": out of range: WDT stores it as int(11), -2147483648 to 2147483647');
	});

	it('stock_change_count is a count: 0 to 2147483647', () => {
		expect(verdict({ stock_change_count: -1 })).toBe('"stock_change_count" is -1: out of range: WDT stores it as int(11), 0 to 2147483647');
		expect(verdict({ stock_change_count: 2147483648 })).toBe('"stock_change_count" is 2147483648: out of range: WDT stores it as int(11), 0 to 2147483647');
	});
});

describe('JSON number grammar for numeric strings', () => {
	it('"3.00", "1e+3" and "1E3" are whole numbers; "25e-1" is 2.5, a decimal', () => {
		expect(verdict({ sync_stock: '3.00' })).toEqual({ ...base, sync_stock: 3 });
		expect(verdict({ sync_stock: '1e+3' })).toEqual({ ...base, sync_stock: 1000 });
		expect(verdict({ sync_stock: '1E3' })).toEqual({ ...base, sync_stock: 1000 });
		expect(verdict({ sync_stock: '25e-1' })).toBe('"sync_stock" is "25e-1": expected a whole number; decimals are not rounded');
	});

	it.each(['1.', '.5', '1e', '1e+', '--1', '1.2.3'])('refuses "%s": not a number in any notation', (text) => {
		expect(verdict({ sync_stock: text })).toBe(`"sync_stock" is "${text}": expected a whole number (no units, text or separators)`);
	});
});

describe('rec_id checks', () => {
	it('keeps any digit string up to the bigint maximum, short ones included', () => {
		expect(verdict({ rec_id: '99' })).toMatchObject({ rec_id: '99' });
		expect(verdict({ rec_id: '1' })).toMatchObject({ rec_id: '1' });
		expect(verdict({ rec_id: '9223372036854775807' })).toMatchObject({ rec_id: '9223372036854775807' });
	});

	it.each(['9223372036854775808', '9999999999999999999', '10000000000000000000'])('refuses %s: larger than a bigint', (recId) => {
		expect(verdict({ rec_id: recId })).toBe(`"rec_id" is "${recId}": it is larger than any rec_id (bigint) can be`);
	});

	it('refuses zero and negatives in every form', () => {
		expect(verdict({ rec_id: 0 })).toBe('"rec_id" is 0: a rec_id is positive');
		expect(verdict({ rec_id: '0' })).toBe('"rec_id" is "0": a rec_id is positive');
		expect(verdict({ rec_id: -7 })).toBe('"rec_id" is -7: a rec_id is positive');
		expect(verdict({ rec_id: '-7' })).toBe('"rec_id" is "-7": a rec_id is positive');
		expect(verdict({ rec_id: BigInt(0) })).toBe('"rec_id" is 0: a rec_id is positive');
		expect(verdict({ rec_id: BigInt(-7) })).toBe('"rec_id" is -7: a rec_id is positive');
	});

	it('takes a bigint as its digits', () => {
		expect(verdict({ rec_id: BigInt('2754327482516635662') })).toMatchObject({ rec_id: '2754327482516635662' });
		expect(verdict({ rec_id: BigInt(1) })).toMatchObject({ rec_id: '1' });
	});

	it('refuses a decimal, an unsafe number and text that is no number, each with its reason', () => {
		expect(verdict({ rec_id: 12.5 })).toBe('"rec_id" is 12.5: a rec_id is a whole number');
		expect(verdict({ rec_id: 2 ** 53 })).toMatch(/^"rec_id" is 9007199254740992: this number is beyond 2\^53/);
		expect(verdict({ rec_id: 'A123' })).toBe('"rec_id" is "A123": a rec_id is a positive whole number written with digits: expected a whole number (no units, text or separators)');
		expect(verdict({ rec_id: NaN })).toBe('"rec_id" is NaN: a rec_id is a positive whole number written with digits: expected a whole number, got NaN');
	});
});

describe('the stock_sync_list sent', () => {
	it('one entry: rec_id as a JSON string with its exact digits, the counters as JSON numbers', () => {
		const text = recordJson({ rec_id: '2754327482516635662', sync_stock: -3, stock_change_count: 0 });
		expect(text).toBe('{"rec_id":"2754327482516635662","sync_stock":-3,"stock_change_count":0}');
	});

	it('values as an item gives them (once checked) are converted: digits kept as text, numbers and numeric strings as numbers', () => {
		const raw = { rec_id: 2754327, sync_stock: '-3', stock_change_count: '1e1', shop_no: 'S1' };
		expect(checkAckRecord(raw)).toEqual({ ok: true, record: { rec_id: '2754327', sync_stock: -3, stock_change_count: 10 } });
		expect(recordJson(raw)).toBe('{"rec_id":"2754327","sync_stock":-3,"stock_change_count":10}');
		expect(recordListJson([raw, { rec_id: '2754327482516635662', sync_stock: 1, stock_change_count: 0 }])).toBe(
			'[{"rec_id":"2754327","sync_stock":-3,"stock_change_count":10},{"rec_id":"2754327482516635662","sync_stock":1,"stock_change_count":0}]',
		);
		expect(recordOf({ rec_id: 1234567890123456789n, sync_stock: 2, stock_change_count: 3 }).rec_id).toBe('1234567890123456789');
		expect(recordOf({ rec_id: '1e3', sync_stock: 2, stock_change_count: 3 }).rec_id).toBe('1000');
	});
});
