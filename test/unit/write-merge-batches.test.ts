/**
 * The write engine's merge by key (nodes/Wdt/writes/merge.ts) and batches (batches.ts): the same
 * record twice is sent once, the same key with different contents is refused naming every item,
 * the stock ack's other stock_change_count is another record, a batch never holds a key twice
 * and never mixes groups (shops).
 */
import { STOCK_ACK } from '../../nodes/Wdt/actions/stockSync/acknowledge.operation';
import type { AckRecord, RawAckValues } from '../../nodes/Wdt/actions/stockSync/ackRecord';
import { buildBatches } from '../../nodes/Wdt/writes/batches';
import type { WriteEndpoint } from '../../nodes/Wdt/writes/endpoint';
import { WriteEntries, WriteInput, itemLabels } from '../../nodes/Wdt/writes/merge';

type Row = { id: string; v: number };
const ROWS: WriteEndpoint<Row> = {
	endpoint: 'x.php',
	noun: 'row',
	keyName: 'spec_id',
	maxBatch: 10,
	defaultBatch: 10,
	answer: 'push',
	errorKeys: ['spec_id'],
	wire: (row) => JSON.stringify(row),
	params: (list) => ({ list }),
	shown: (row) => ({ spec_id: row.id, v: row.v }),
	rerun: 'Safe',
};

/** Each entry as [key, items, group, variant, record]. */
function listed<R>(entries: WriteEntries<R>) {
	return Array.from({ length: entries.length }, (_, e) => ({
		key: entries.keys[e],
		items: entries.itemsOf(e),
		group: entries.group(e),
		variant: entries.variant(e),
		record: entries.records[e],
	}));
}

describe('WriteInput: merge by key', () => {
	it('the same record twice is one entry standing for both items; other keys stay apart, in the order of their first item', () => {
		const input = new WriteInput(ROWS, 4);
		input.add(0, 'a', { id: 'a', v: 1 });
		input.add(1, 'b', { id: 'b', v: 1 });
		input.add(2, 'a', { id: 'a', v: 1 });
		input.add(3, 'a', { id: 'a', v: 1 });
		const { entries, problems } = input.finish();
		expect(problems).toEqual([]);
		expect(listed(entries).map(({ key, items }) => [key, items])).toEqual([
			['a', [0, 2, 3]],
			['b', [1]],
		]);
		// One-item entries hold no list; without a group every entry is in the one group ''; the lists end at the entries.
		expect([...entries.moreItems.keys()]).toEqual([0]);
		expect(listed(entries).map(({ group, variant }) => [group, variant])).toEqual([
			['', undefined],
			['', undefined],
		]);
		expect([entries.length, entries.keys.length, entries.records.length, entries.firstItems.length]).toEqual([2, 2, 2, 2]);
		expect(entries.keysRepeat).toBe(false);
	});

	it('the same key with different contents: none sent, every item refused, each message naming all of them', () => {
		const input = new WriteInput(ROWS, 6);
		input.add(0, 'a', { id: 'a', v: 1 });
		input.add(1, 'b', { id: 'b', v: 1 });
		input.add(2, 'a', { id: 'a', v: 2 });
		input.add(3, 'a', { id: 'a', v: 1 }); // the same as item 0
		input.add(4, 'a', { id: 'a', v: 3 });
		input.add(5, 'a', { id: 'a', v: 2 }); // the same as item 2
		const { entries, problems } = input.finish();
		expect(listed(entries).map(({ key, items }) => [key, items])).toEqual([['b', [1]]]);
		const message =
			'spec_id a is given with different contents by item 1 (index 0), item 3 (index 2), item 4 (index 3), item 5 (index 4), item 6 (index 5): which one is right cannot be known, so none of them is sent';
		expect(problems).toEqual([
			{ items: [0, 3], field: 'spec_id', message, values: { spec_id: 'a', v: 1 } },
			{ items: [2, 5], field: 'spec_id', message, values: { spec_id: 'a', v: 2 } },
			{ items: [4], field: 'spec_id', message, values: { spec_id: 'a', v: 3 } },
		]);
	});

	it('keys given in any order: each key merged with its first entry, entries in the order of their first item', () => {
		// 300 entries, keys in a scrambled order, every key given one to three times (same contents).
		const keyOf = (item: number) => `k${(item * 37) % 101}`;
		const input = new WriteInput(ROWS, 300);
		for (let item = 0; item < 300; item++) input.add(item, keyOf(item), { id: keyOf(item), v: 1 });
		const { entries, problems } = input.finish();
		expect(problems).toEqual([]);
		const expected = new Map<string, number[]>();
		for (let item = 0; item < 300; item++) expected.set(keyOf(item), [...(expected.get(keyOf(item)) ?? []), item]);
		expect(listed(entries).map(({ key, items }) => [key, items])).toEqual([...expected]);
	});

	it('conflicts are reported in the order they arose (by the entry that first contradicted), not by key', () => {
		const input = new WriteInput(ROWS, 4);
		input.add(0, 'b', { id: 'b', v: 1 });
		input.add(1, 'a', { id: 'a', v: 1 });
		input.add(2, 'a', { id: 'a', v: 2 }); // a's conflict arises here
		input.add(3, 'b', { id: 'b', v: 2 }); // b's here
		const later = new WriteInput(ROWS, 4);
		later.add(0, 'a', { id: 'a', v: 1 });
		later.add(1, 'b', { id: 'b', v: 1 });
		later.add(2, 'b', { id: 'b', v: 2 }); // b's conflict arises first
		later.add(3, 'a', { id: 'a', v: 2 });
		expect(input.finish().problems.map((problem) => problem.items)).toEqual([[1], [2], [0], [3]]);
		expect(later.finish().problems.map((problem) => problem.items)).toEqual([[1], [2], [0], [3]]);
	});

	it('an entry of several items (an order of several lines) is added as one', () => {
		const input = new WriteInput(ROWS, 3);
		input.add([0, 2], 'a', { id: 'a', v: 1 });
		input.add(1, 'a', { id: 'a', v: 1 });
		expect(listed(input.finish().entries).map(({ items }) => items)).toEqual([[0, 2, 1]]);
	});

	it('the same key in another group (shop) or with another variant is another record', () => {
		const input = new WriteInput(ROWS, 4);
		input.add(0, 'a', { id: 'a', v: 1 }, { group: 'shop-a' });
		input.add(1, 'a', { id: 'a', v: 2 }, { group: 'shop-b' });
		input.add(2, 'a', { id: 'a', v: 3 }, { group: 'shop-a', variant: 2 });
		input.add(3, 'a', { id: 'a', v: 4 }, { group: 'shop-b' }); // conflicts with item 1 only
		const { entries, problems } = input.finish();
		expect(listed(entries).map(({ group, variant, items }) => [group, variant, items])).toEqual([
			['shop-a', undefined, [0]],
			['shop-a', 2, [2]],
		]);
		expect(entries.keysRepeat).toBe(true);
		expect(problems.map((problem) => problem.items)).toEqual([[1], [3]]);
		expect(problems[0].message).toMatch(/by item 2 \(index 1\), item 4 \(index 3\):/);
	});

	it('refuse: an item that failed the checks, kept as given', () => {
		const input = new WriteInput(ROWS, 5);
		input.refuse(4, 'price', 'price must not be negative', { spec_id: 'x' });
		input.refuse([1, 2], 'tid', 'bad', {});
		expect(input.finish().problems).toEqual([
			{ items: [4], field: 'price', message: 'price must not be negative', values: { spec_id: 'x' } },
			{ items: [1, 2], field: 'tid', message: 'bad', values: {} },
		]);
	});

	it('itemLabels names items as n8n\'s panels count them and as expressions do', () => {
		expect(itemLabels([0, 12])).toBe('item 1 (index 0), item 13 (index 12)');
	});
});

describe('the stock ack\'s rule: rec_id + stock_change_count is the record, sync_stock its contents', () => {
	const record = (sync_stock: number, stock_change_count = 3): AckRecord => ({ rec_id: '42', sync_stock, stock_change_count });
	const add = (input: WriteInput<RawAckValues>, item: number, r: AckRecord) => input.add(item, r.rec_id, r, { variant: r.stock_change_count });

	it('same rec_id and count, another sync_stock: a conflict naming every item with its sync_stock; another count is kept', () => {
		const input = new WriteInput(STOCK_ACK, 5);
		add(input, 0, record(5));
		add(input, 1, { rec_id: '43', sync_stock: 1, stock_change_count: 1 });
		add(input, 2, record(5)); // identical to item 0: merged
		add(input, 3, record(6)); // conflicts with items 0 and 2
		add(input, 4, record(6, 4)); // another count: kept
		const { entries, problems } = input.finish();
		expect(listed(entries).map(({ items }) => items)).toEqual([[1], [4]]);
		expect(problems.map((problem) => [problem.items, problem.field])).toEqual([
			[[0, 2], 'sync_stock'],
			[[3], 'sync_stock'],
		]);
		expect(problems[1].message).toBe(
			'rec_id 42 with stock_change_count 3 has different sync_stock values: item 1 (index 0, sync_stock 5), item 3 (index 2, sync_stock 5), item 4 (index 3, sync_stock 6). Which one reached the shop cannot be known, so none of them is sent; query again and ack what was pushed',
		);
		expect(problems[1].values).toEqual(record(6));
	});

	it('the stock_sync_list of a call: the entries in order, as one JSON list, written in one go as the wires joined would be', () => {
		// As given: an item's own values (numeric strings, a number rec_id) and a checked record.
		const records = [
			{ rec_id: 42, sync_stock: '5', stock_change_count: '2', shop_no: 'S1' },
			{ rec_id: '9223372036854775807', sync_stock: 0, stock_change_count: 2147483647 },
		];
		const list = '[{"rec_id":"42","sync_stock":5,"stock_change_count":2},{"rec_id":"9223372036854775807","sync_stock":0,"stock_change_count":2147483647}]';
		expect(STOCK_ACK.listJson?.(records)).toBe(list);
		expect(`[${records.map(STOCK_ACK.wire).join(',')}]`).toBe(list);
		expect(STOCK_ACK.params(list, '')).toEqual({ stock_sync_list: list });
	});
});

describe('buildBatches', () => {
	/** Entries [key, v, group]: v is the record's value and its variant. */
	const entriesOf = (list: Array<[string, number?, string?]>, keysRepeat = false) => {
		const entries = new WriteEntries<Row>(list.length);
		list.forEach(([key, v = 1, group = ''], item) => entries.push([item], key, { id: key, v }, group, v));
		entries.keysRepeat = keysRepeat;
		return entries;
	};
	const ids = (entries: WriteEntries<Row>, batches: ReturnType<typeof buildBatches>) =>
		batches.map((batch) => batch.entries.map((e) => `${entries.group(e)}${entries.keys[e]}/${entries.records[e].v}`));
	const built = (entries: WriteEntries<Row>, size: number) => ids(entries, buildBatches(entries, size));

	it('fills batches up to the size, in input order, and leaves no empty batch', () => {
		for (const keysRepeat of [false, true]) {
			expect(built(entriesOf([['1'], ['2'], ['3'], ['4'], ['5']], keysRepeat), 2)).toEqual([['1/1', '2/1'], ['3/1', '4/1'], ['5/1']]);
			expect(built(entriesOf([['1'], ['2'], ['3']], keysRepeat), 3)).toEqual([['1/1', '2/1', '3/1']]);
			expect(built(entriesOf([['1'], ['2']], keysRepeat), 1)).toEqual([['1/1'], ['2/1']]);
			expect(buildBatches(entriesOf([], keysRepeat), 100)).toEqual([]);
		}
	});

	it('never puts one key twice in a batch: the later records of a key go into later batches', () => {
		const entries = entriesOf([['1', 1], ['2', 1], ['1', 2], ['3', 1], ['1', 3]], true);
		expect(built(entries, 10)).toEqual([['1/1', '2/1', '3/1'], ['1/2'], ['1/3']]);
		// A full batch starts the next one afresh: there key 1 may come again, once.
		expect(built(entries, 2)).toEqual([['1/1', '2/1'], ['1/2', '3/1'], ['1/3']]);
	});

	it('groups never share a batch; groups in the order they first appear, each with its name', () => {
		for (const keysRepeat of [false, true]) {
			const entries = entriesOf([['1', 1, 'a:'], ['2', 1, 'b:'], ['3', 1, 'a:'], ['4', 1, 'b:'], ['5', 1, 'a:']], keysRepeat);
			const batches = buildBatches(entries, 2);
			expect(ids(entries, batches)).toEqual([['a:1/1', 'a:3/1'], ['a:5/1'], ['b:2/1', 'b:4/1']]);
			expect(batches.map((batch) => batch.group)).toEqual(['a:', 'a:', 'b:']);
		}
	});

	it('through WriteInput: a key kept twice (another variant) is never twice in a call', () => {
		const input = new WriteInput(ROWS, 3);
		input.add(0, 'a', { id: 'a', v: 1 }, { variant: 1 });
		input.add(1, 'b', { id: 'b', v: 1 }, { variant: 1 });
		input.add(2, 'a', { id: 'a', v: 2 }, { variant: 2 });
		const { entries } = input.finish();
		expect(built(entries, 10)).toEqual([['a/1', 'b/1'], ['a/2']]);
	});
});

describe('WriteEntries', () => {
	it('grows past its capacity when given more records than items', () => {
		const entries = new WriteEntries<Row>(1);
		entries.push([0], 'a', { id: 'a', v: 1 }, 'g', 7);
		entries.push([1, 2], 'b', { id: 'b', v: 2 }, '', undefined);
		expect(entries.length).toBe(2);
		expect([entries.keys[1], entries.records[1], entries.itemsOf(1), entries.group(1), entries.variant(1)]).toEqual(['b', { id: 'b', v: 2 }, [1, 2], '', undefined]);
		expect([entries.group(0), entries.variant(0)]).toEqual(['g', 7]);
	});

	it('an entry without a group or variant, after one with them, has neither', () => {
		const entries = new WriteEntries<Row>(3);
		entries.push([0], 'a', { id: 'a', v: 1 }, 'g', 7);
		entries.push([1], 'b', { id: 'b', v: 2 }, '', undefined);
		expect([entries.group(1), entries.variant(1)]).toEqual(['', undefined]);
	});

	it('compact keeps the entries not dropped, in order, with their other items', () => {
		const entries = new WriteEntries<Row>(4);
		entries.push([0], 'a', { id: 'a', v: 1 }, 'g1', 1);
		entries.push([1, 5], 'b', { id: 'b', v: 2 }, 'g2', 2);
		entries.push([2], 'c', { id: 'c', v: 3 }, '', undefined);
		entries.push([3, 4], 'd', { id: 'd', v: 4 }, 'g4', 4);
		entries.compact(Uint8Array.from([1, 0, 1, 0]));
		expect(listed(entries)).toEqual([
			{ key: 'b', items: [1, 5], group: 'g2', variant: 2, record: { id: 'b', v: 2 } },
			{ key: 'd', items: [3, 4], group: 'g4', variant: 4, record: { id: 'd', v: 4 } },
		]);
		expect([entries.keys.length, entries.records.length, entries.firstItems.length]).toEqual([2, 2, 2]);
	});
});
