// @ts-check
'use strict';

// api_goodsspec_push.php (平台货品推送): the shop's SKUs into the ERP, so stock sync knows them.

const { startEmulator } = require('../../emulator');
const { CODES } = require('../../emulator/codes');
const { call } = require('./support');

/** @type {import('../../emulator').Emulator} */
let emu;

beforeEach(async () => {
	emu = await startEmulator({
		pool: { shops: ['shop-a', 'shop-b'], perShop: 4, pendingRatio: 0 },
		world: { days: 2, ordersPerDay: 2, busyHours: 0, purchasesPerDay: 0 },
	});
});

afterEach(async () => {
	await emu.stop();
});

/** @param {unknown} info a value to JSON-encode, or the exact text */
const push = (info) =>
	call(emu, 'api_goodsspec_push.php', {
		api_goods_info: typeof info === 'string' ? info : JSON.stringify(info),
	});

/** A spec_no the ERP knows (shop-b's first SKU), pushed as one of shop-a's platform goods. */
function knownSpec() {
	return /** @type {import('../../emulator/pool').StockRow} */ (
		emu.pool.all().find((row) => row.shop_no === 'shop-b')
	);
}

test('a matched SKU becomes a pending stock-pool row of the shop with the ERP stock; re-push is a change', async () => {
	const spec = knownSpec();
	const goods = {
		goods_id: 'P-100',
		spec_id: 'P-100-1',
		spec_no: spec.spec_no,
		status: 1,
		goods_name: '自建商城款',
	};
	const res = await push({ platform_id: 127, shop_no: 'shop-a', goods_list: [goods] });
	expect(res.json).toEqual({ code: 0, message: 'OK', new_count: 1, chg_count: 0 });
	const rows = emu.pool.pending('shop-a');
	expect(rows).toHaveLength(1);
	expect(rows[0]).toMatchObject({
		goods_id: 'P-100',
		spec_id: 'P-100-1',
		spec_no: spec.spec_no,
		sync_stock: spec.sync_stock,
	});
	const query = await call(emu, 'api_goods_stock_change_query.php', { shop_no: 'shop-a' });
	expect(query.json.stock_change_list[0]).toMatchObject({
		rec_id: rows[0].rec_id,
		goods_id: 'P-100',
		spec_no: spec.spec_no,
	});

	const again = await push({
		platform_id: '127',
		shop_no: 'shop-a',
		goods_list: [{ ...goods, goods_name: '改名' }],
	});
	expect(again.json).toEqual({ code: 0, message: 'OK', new_count: 0, chg_count: 1 });
	expect(emu.pool.pending('shop-a')).toHaveLength(1);
	expect(emu.pool.get(rows[0].rec_id)?.goods_name).toBe('改名');
});

test('an unknown spec_no is stored but not stock-synced; status 0 takes a row out of stock sync', async () => {
	const spec = knownSpec();
	const res = await push({
		platform_id: 0,
		shop_no: 'shop-a',
		goods_list: [
			{ goods_id: 'P-1', spec_id: 'P-1-1', spec_no: 'NOT-IN-ERP', status: 1 },
			{ goods_id: 'P-2', spec_id: 'P-2-1', spec_no: spec.spec_no, status: 2 },
		],
	});
	expect(res.json).toMatchObject({ code: 0, new_count: 2, chg_count: 0 });
	expect(emu.pool.pending('shop-a').map((r) => r.spec_no)).toEqual([spec.spec_no]);
	const size = emu.pool.size();

	const deleted = await push({
		platform_id: 127,
		shop_no: 'shop-a',
		goods_list: [{ goods_id: 'P-2', spec_id: 'P-2-1', spec_no: spec.spec_no, status: 0 }],
	});
	expect(deleted.json).toMatchObject({ code: 0, new_count: 0, chg_count: 1 });
	expect(emu.pool.size()).toBe(size - 1);
	expect(emu.pool.pending('shop-a')).toEqual([]);
});

test('the whole list is checked first: any bad row refuses the call', async () => {
	const spec = knownSpec();
	const good = { goods_id: 'G', spec_id: 'G-1', spec_no: spec.spec_no, status: 1 };
	/** @type {Array<[unknown, number, string]>} */
	const cases = [
		['not json', CODES.BAD_PARAMETER.code, 'api_goods_info'],
		['[]', CODES.BAD_PARAMETER.code, 'JSON对象'],
		[{ shop_no: 'shop-a', goods_list: [good] }, CODES.MISSING_PARAMETER.code, 'platform_id'],
		[
			{ platform_id: 1, shop_no: 'shop-a', goods_list: [good] },
			CODES.BAD_PARAMETER.code,
			'自有平台',
		],
		[{ platform_id: 127, goods_list: [good] }, CODES.MISSING_PARAMETER.code, 'shop_no'],
		[{ platform_id: 127, shop_no: 'nope', goods_list: [good] }, CODES.SHOP_NOT_FOUND.code, 'nope'],
		[
			{ platform_id: 127, shop_no: 'shop-a', goods_list: [] },
			CODES.BAD_PARAMETER.code,
			'goods_list',
		],
		[
			{ platform_id: 127, shop_no: 'shop-a', goods_list: [good, { ...good, spec_id: '' }] },
			CODES.BAD_PARAMETER.code,
			'goods_list[1].spec_id',
		],
		[
			{ platform_id: 127, shop_no: 'shop-a', goods_list: [good, { ...good, status: 3 }] },
			CODES.BAD_PARAMETER.code,
			'status',
		],
		[
			{ platform_id: 127, shop_no: 'shop-a', goods_list: [good, { ...good, price: '1.23456' }] },
			CODES.BAD_PARAMETER.code,
			'price',
		],
		[
			{ platform_id: 127, shop_no: 'shop-a', goods_list: [good, good] },
			CODES.BAD_PARAMETER.code,
			'重复',
		],
		[
			{
				platform_id: 127,
				shop_no: 'shop-a',
				goods_list: Array.from({ length: 2001 }, (_, i) => ({ ...good, spec_id: `S${i}` })),
			},
			CODES.BAD_PARAMETER.code,
			'2000',
		],
	];
	for (const [info, code, text] of cases) {
		const res = await push(info);
		expect([res.json.code, res.json.message.includes(text)]).toEqual([code, true]);
	}
	expect(emu.pool.pending('shop-a')).toEqual([]);
	expect(emu.erpOrders.platformGoods.size).toBe(0);
});
