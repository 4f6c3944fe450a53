import { EntryMerger } from '../../nodes/WdtAckStockSync/batches';
import { checkAckRecord } from '../../nodes/WdtAckStockSync/record';

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

describe('EntryMerger conflicts', () => {
	const record = (sync_stock: number, stock_change_count = 3) => ({ rec_id: '42', sync_stock, stock_change_count });

	it('takes out records with the same rec_id and count but another sync_stock, naming every item involved', () => {
		const merger = new EntryMerger();
		merger.add(0, record(5));
		merger.add(1, { rec_id: '43', sync_stock: 1, stock_change_count: 1 });
		merger.add(2, record(5)); // identical to item 0: merged
		merger.add(3, record(6)); // conflicts with items 0 and 2
		merger.add(4, record(6, 4)); // another count: kept
		const conflicts = merger.takeConflicts();
		expect([...conflicts.keys()].sort()).toEqual([0, 2, 3]);
		expect(conflicts.get(3)?.message).toMatch(/item 1 \(index 0, sync_stock 5\), item 3 \(index 2, sync_stock 5\), item 4 \(index 3, sync_stock 6\)/);
		expect(merger.entries.map((entry) => entry.itemIndexes)).toEqual([[1], [4]]);
	});
});
