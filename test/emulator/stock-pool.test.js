// @ts-check
'use strict';

// The stock pool through the two stock-sync endpoints, and the pool API itself.

const { startEmulator } = require('../../emulator');
const { StockPool, seedPool } = require('../../emulator/pool');
const { CODES } = require('../../emulator/codes');
const { call } = require('./support');

/** @type {import('../../emulator').Emulator} */
let emu;

beforeAll(async () => {
	emu = await startEmulator({ pool: new StockPool() });
});

afterAll(async () => {
	await emu.stop();
});

beforeEach(() => {
	emu.reset();
	emu.pool.clear();
	emu.pool.seed({ shops: ['shop-a', 'shop-b'], perShop: 6, seed: 42 });
});

/** @param {Record<string, string>} params */
const query = (params) => call(emu, 'api_goods_stock_change_query.php', params);
/** @param {unknown} list a value to JSON-encode, or the exact text */
const ack = (list) =>
	call(emu, 'api_goods_stock_change_ack.php', {
		stock_sync_list: typeof list === 'string' ? list : JSON.stringify(list),
	});
/** @param {{ rec_id: string, sync_stock: number, stock_change_count: number }} row */
const entryOf = (row) => ({
	rec_id: row.rec_id,
	sync_stock: row.sync_stock,
	stock_change_count: row.stock_change_count,
});

describe('api_goods_stock_change_query.php', () => {
	test('returns the pending records of the shop, oldest first, with numbers as strings', async () => {
		const res = await query({ shop_no: 'shop-a', limit: '4' });
		expect(res.json.code).toBe(0);
		expect(res.json.current_count).toBe(4);
		const list = res.json.stock_change_list;
		expect(list.map((/** @type {any} */ r) => r.rec_id)).toEqual(
			emu.pool
				.pending('shop-a')
				.slice(0, 4)
				.map((r) => r.rec_id),
		);
		const first = list[0];
		expect(first).toMatchObject({
			shop_no: 'shop-a',
			shop_id: expect.any(String),
			goods_id: expect.any(String),
			spec_id: expect.any(String),
		});
		expect(first.rec_id).toMatch(/^[0-9]{19}$/);
		expect(first.sync_stock).toMatch(/^[0-9]+$/);
		expect(first.stock_change_count).toMatch(/^[0-9]+$/);
		expect(first.goods_name).toMatch(/[\u4e00-\u9fff]/);
		expect(typeof first.spec_no).toBe('string');
	});

	test('limit defaults to 100 and must be an integer 1..2000 (else 2001)', async () => {
		expect((await query({ shop_no: 'shop-b' })).json.current_count).toBe(6);
		for (const limit of ['0', '2001', 'ten', '1.5', '-3']) {
			const res = await query({ shop_no: 'shop-a', limit });
			expect(res.json.code).toBe(CODES.BAD_PARAMETER.code);
			expect(res.json.message).toContain('limit');
		}
		expect((await query({ shop_no: 'shop-a', limit: '2000' })).json.code).toBe(0);
	});

	test('unknown or disabled shop: 2310; missing shop_no: 21000003', async () => {
		expect((await query({ shop_no: 'shop-x' })).json.code).toBe(2310);
		emu.pool.addShop({ shop_no: 'shop-off', disabled: true });
		expect((await query({ shop_no: 'shop-off' })).json.code).toBe(2310);
		const missing = await query({});
		expect(missing.json).toEqual({ code: 21000003, message: expect.stringContaining('shop_no') });
	});

	test('numbersAsStrings: false sends numbers; recIdAsNumber writes the bare 19-digit number', async () => {
		const pool = seedPool({ perShop: 3, seed: 5 });
		const numeric = await startEmulator({ pool, numbersAsStrings: false, recIdAsNumber: true });
		try {
			const res = await call(numeric, 'api_goods_stock_change_query.php', { shop_no: 'shop-a' });
			const recId = pool.pending('shop-a')[0].rec_id;
			expect(res.text).toContain(`"rec_id":${recId},`);
			expect(BigInt(Number(recId))).not.toBe(BigInt(recId)); // JSON.parse would lose it
			expect(typeof res.json.stock_change_list[0].sync_stock).toBe('number');
			expect(typeof res.json.stock_change_list[0].rec_id).toBe('number');
		} finally {
			await numeric.stop();
		}
	});
});

describe('api_goods_stock_change_ack.php', () => {
	test('an ack with the queried count clears the record; acking it again succeeds again', async () => {
		const [row] = emu.pool.pending('shop-a');
		const res = await ack([entryOf(row)]);
		expect(res.json).toEqual({ code: 0, message: 'OK' });
		expect(emu.pool.get(row.rec_id)).toMatchObject({
			pending: false,
			acksApplied: 1,
			timesCleared: 1,
			lastAckedSyncStock: row.sync_stock,
		});
		const again = await query({ shop_no: 'shop-a' });
		expect(again.json.stock_change_list.map((/** @type {any} */ r) => r.rec_id)).not.toContain(
			row.rec_id,
		);

		const repeat = await ack([entryOf(row)]);
		expect(repeat.json).toEqual({ code: 0, message: 'OK' });
		expect(emu.pool.get(row.rec_id)).toMatchObject({
			pending: false,
			acksApplied: 2,
			timesCleared: 1,
		});
	});

	test('values may be numeric strings (as the query sends them)', async () => {
		const [row] = emu.pool.pending('shop-b');
		const res = await ack([
			{
				rec_id: row.rec_id,
				sync_stock: String(row.sync_stock),
				stock_change_count: String(row.stock_change_count),
			},
		]);
		expect(res.json).toEqual({ code: 0, message: 'OK' });
		expect(emu.pool.get(row.rec_id)?.pending).toBe(false);
	});

	test('an ack with the old count after a stock change leaves the record pending and comes back in errors[]', async () => {
		const [row] = emu.pool.pending('shop-a');
		const changed = emu.pool.changeStock(row.rec_id, row.sync_stock + 7);
		expect(changed.stock_change_count).toBe(row.stock_change_count + 1);

		const res = await ack([entryOf(row)]);
		expect(res.json.code).toBe(0);
		expect(res.json.errors).toEqual([
			{ rec_id: row.rec_id, error: expect.stringContaining('stock_change_count') },
		]);
		expect(emu.pool.get(row.rec_id)).toMatchObject({
			pending: true,
			acksApplied: 0,
			acksRefused: 1,
		});

		const fresh = (await query({ shop_no: 'shop-a', limit: '1' })).json.stock_change_list[0];
		expect(fresh.rec_id).toBe(row.rec_id); // kept its place: still the oldest pending
		expect(fresh.stock_change_count).toBe(String(changed.stock_change_count));
		const ok = await ack([
			{
				rec_id: fresh.rec_id,
				sync_stock: fresh.sync_stock,
				stock_change_count: fresh.stock_change_count,
			},
		]);
		expect(ok.json).toEqual({ code: 0, message: 'OK' });
		expect(emu.pool.get(row.rec_id)?.pending).toBe(false);
	});

	test('a stock change after the ack makes the record pending again (at the end of the queue)', async () => {
		const rows = emu.pool.pending('shop-a');
		await ack([entryOf(rows[0])]);
		emu.pool.changeStock(rows[0].rec_id, 1);
		const list = (await query({ shop_no: 'shop-a' })).json.stock_change_list;
		expect(list[list.length - 1].rec_id).toBe(rows[0].rec_id);
	});

	test('an unknown rec_id comes back in errors[] while the others of the batch apply', async () => {
		const [a, b] = emu.pool.pending('shop-a');
		const res = await ack([
			entryOf(a),
			{ rec_id: '1234567890123456789', sync_stock: 1, stock_change_count: 1 },
			entryOf(b),
		]);
		expect(res.json).toEqual({
			code: 0,
			message: 'OK',
			errors: [{ rec_id: '1234567890123456789', error: '记录不存在' }],
		});
		expect(emu.pool.get(a.rec_id)?.pending).toBe(false);
		expect(emu.pool.get(b.rec_id)?.pending).toBe(false);
	});

	test('a 19-digit rec_id as a bare JSON number is matched exactly; a rounded one is not found', async () => {
		const [row, other] = emu.pool.pending('shop-a');
		const exact = `[{"rec_id":${row.rec_id},"sync_stock":${row.sync_stock},"stock_change_count":${row.stock_change_count}}]`;
		expect((await ack(exact)).json).toEqual({ code: 0, message: 'OK' });
		expect(emu.pool.get(row.rec_id)?.pending).toBe(false);

		const rounded = String(Number(other.rec_id)); // what JSON.parse + JSON.stringify would send
		expect(rounded).not.toBe(other.rec_id);
		const res = await ack(
			`[{"rec_id":${rounded},"sync_stock":${other.sync_stock},"stock_change_count":${other.stock_change_count}}]`,
		);
		expect(res.json.errors).toEqual([{ rec_id: rounded, error: '记录不存在' }]);
		expect(emu.pool.get(other.rec_id)?.pending).toBe(true);
	});

	test.each([
		['not JSON', '[{rec_id:1}]', 'JSON'],
		['not an array', '{"rec_id":"1","sync_stock":1,"stock_change_count":1}', '数组'],
		['an empty array', '[]', '不能为空'],
		['an entry that is not an object', 'VALID,[1]', 'stock_sync_list[1]'],
		[
			'an entry missing stock_change_count',
			'VALID,{"rec_id":"1","sync_stock":1}',
			'stock_sync_list[1].stock_change_count',
		],
		[
			'an entry missing rec_id',
			'VALID,{"sync_stock":1,"stock_change_count":1}',
			'stock_sync_list[1].rec_id',
		],
		[
			'a fractional sync_stock',
			'VALID,{"rec_id":"1","sync_stock":1.5,"stock_change_count":1}',
			'stock_sync_list[1].sync_stock',
		],
		[
			'an empty stock_change_count',
			'VALID,{"rec_id":"1","sync_stock":1,"stock_change_count":""}',
			'stock_sync_list[1].stock_change_count',
		],
		[
			'a rec_id in exponent form',
			'VALID,{"rec_id":2.754327482516636e18,"sync_stock":1,"stock_change_count":1}',
			'stock_sync_list[1].rec_id',
		],
		[
			'a negative rec_id',
			'VALID,{"rec_id":-5,"sync_stock":1,"stock_change_count":1}',
			'stock_sync_list[1].rec_id',
		],
		['a trailing comma', 'VALID,', 'JSON'],
		[
			'a duplicate key',
			'VALID,{"rec_id":"1","rec_id":"2","sync_stock":1,"stock_change_count":1}',
			'JSON',
		],
	])('%s fails the whole call with 2001 and changes nothing', async (_label, shape, mustName) => {
		const [row] = emu.pool.pending('shop-a');
		const valid = JSON.stringify(entryOf(row));
		const text = shape.startsWith('VALID') ? `[${shape.replace('VALID', valid)}]` : shape;
		const before = emu.pool.all();
		const res = await ack(text);
		expect(res.json.code).toBe(CODES.BAD_PARAMETER.code);
		expect(res.json.message).toContain(mustName);
		expect(res.json.errors).toBeUndefined();
		expect(emu.pool.all()).toEqual(before);
	});

	test('missing stock_sync_list: 21000003', async () => {
		const res = await call(emu, 'api_goods_stock_change_ack.php', {});
		expect(res.json).toEqual({
			code: 21000003,
			message: expect.stringContaining('stock_sync_list'),
		});
	});

	test('with recIdAsNumber, errors[] carries the rec_id as a bare number too', async () => {
		const numeric = await startEmulator({ pool: seedPool({ perShop: 1 }), recIdAsNumber: true });
		try {
			const res = await call(numeric, 'api_goods_stock_change_ack.php', {
				stock_sync_list: '[{"rec_id":"9999999999999999999","sync_stock":1,"stock_change_count":1}]',
			});
			expect(res.text).toBe(
				'{"code":0,"message":"OK","errors":[{"rec_id":9999999999999999999,"error":"记录不存在"}]}',
			);
		} finally {
			await numeric.stop();
		}
	});
});

describe('StockPool', () => {
	test('seeding is deterministic and rec_ids are 19-digit strings no double can hold', () => {
		const a = seedPool({ perShop: 50, seed: 'x' }).all();
		const b = seedPool({ perShop: 50, seed: 'x' }).all();
		const strip = (/** @type {any[]} */ rows) => rows.map(({ modified, ...rest }) => rest);
		expect(strip(a)).toEqual(strip(b));
		expect(a).toHaveLength(100);
		expect(new Set(a.map((r) => r.rec_id)).size).toBe(100);
		for (const row of a) {
			expect(row.rec_id).toMatch(/^[0-9]{19}$/);
			expect(BigInt(Number(row.rec_id))).not.toBe(BigInt(row.rec_id));
		}
		expect(strip(seedPool({ perShop: 50, seed: 'y' }).all())).not.toEqual(strip(a));
	});

	test('addRecord fills in the rest; a given rec_id is kept as text', () => {
		const pool = new StockPool();
		const row = pool.addRecord({ shop_no: 'shop-z', rec_id: '2754327482516635662', sync_stock: 3 });
		expect(row).toMatchObject({
			rec_id: '2754327482516635662',
			shop_no: 'shop-z',
			sync_stock: 3,
			stock_change_count: 1,
			pending: true,
		});
		expect(pool.size()).toBe(1);
		expect(pool.shops.get('shop-z')).toBeDefined();
		expect(() => pool.addRecord({ rec_id: '2754327482516635662' })).toThrow(/exists/);
	});

	test('ack semantics without HTTP', () => {
		const pool = new StockPool();
		const row = pool.addRecord({ stock_change_count: 5 });
		expect(pool.ack(row.rec_id, 1, 4)).toMatch(/stock_change_count/);
		expect(pool.ack('42', 1, 5)).toBe('记录不存在');
		expect(pool.ack(row.rec_id, 1, 5)).toBeNull();
		expect(pool.ack(row.rec_id, 1, 5)).toBeNull();
		expect(pool.get(row.rec_id)).toMatchObject({
			pending: false,
			acksApplied: 2,
			acksRefused: 1,
			timesCleared: 1,
		});
		expect(pool.pendingCount()).toBe(0);
	});
});
