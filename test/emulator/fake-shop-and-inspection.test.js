// @ts-check
'use strict';

// The demo's fake shop, and what tests can inspect: the request log, stats, reset, logRequests.

const { request } = require('undici');
const { startEmulator } = require('../../emulator');
const { call, post, signedParams } = require('./support');

/** @type {import('../../emulator').Emulator} */
let emu;

beforeAll(async () => {
	emu = await startEmulator({ pool: { perShop: 5 } });
});

afterAll(async () => {
	await emu.stop();
});

afterEach(() => emu.reset());

describe('fake shop', () => {
	test('takes JSON pushes, keeps the rec_id text exact, and lists the stock', async () => {
		const res = await post(
			emu.fakeShopUrl,
			'{"shop_no":"shop-a","spec_no":"GD010001-01","rec_id":2754327482516635662,"stock":12}',
			{
				contentType: 'application/json',
			},
		);
		expect(res).toMatchObject({ status: 200, json: { success: true } });
		expect(emu.shopPushes).toEqual([
			expect.objectContaining({
				shop_no: 'shop-a',
				spec_no: 'GD010001-01',
				rec_id: '2754327482516635662',
				stock: 12,
			}),
		]);
		expect(emu.shopStock.stock('shop-a', 'GD010001-01')).toBe(12);

		const listed = await request(emu.fakeShopUrl);
		expect(await listed.body.json()).toEqual({
			success: true,
			stock: [expect.objectContaining({ shop_no: 'shop-a', spec_no: 'GD010001-01', stock: 12 })],
		});
	});

	test('takes form pushes too', async () => {
		const res = await post(emu.fakeShopUrl, {
			shop_no: 'shop-b',
			spec_no: 'X-1',
			rec_id: '7',
			stock: '0',
		});
		expect(res.json).toEqual({ success: true });
		expect(emu.shopStock.stock('shop-b', 'X-1')).toBe(0);
	});

	test.each([
		['missing spec_no', '{"shop_no":"a","stock":1}', 'spec_no'],
		['a non-integer stock', '{"shop_no":"a","spec_no":"b","stock":"many"}', 'stock'],
		['not JSON', '{shop_no:a}', 'unreadable'],
	])('refuses %s with HTTP 400', async (_label, body, mustName) => {
		const res = await post(emu.fakeShopUrl, body, { contentType: 'application/json' });
		expect(res.status).toBe(400);
		expect(res.json.success).toBe(false);
		expect(res.json.error).toContain(mustName);
		expect(emu.shopPushes).toHaveLength(0);
	});
});

describe('inspection', () => {
	test('requests keep endpoint, decoded params (sign included), raw body, outcome and reason', async () => {
		await call(emu, 'api_goods_stock_change_query.php', { shop_no: 'shop-a', limit: '2' });
		await call(emu, 'shop.php', {}, { account: { ...emu.account, appsecret: 'wrong' } });
		expect(emu.requests).toHaveLength(2);
		const [ok, refused] = emu.requests;
		expect(ok).toMatchObject({
			seq: 1,
			endpoint: 'api_goods_stock_change_query.php',
			method: 'POST',
			accepted: true,
			code: 0,
			reason: null,
			fault: null,
			responseLost: false,
			httpStatus: 200,
			params: {
				shop_no: 'shop-a',
				limit: '2',
				sid: emu.account.sid,
				appkey: emu.account.appkey,
				sign: expect.stringMatching(/^[0-9a-f]{32}$/),
			},
		});
		expect(ok.rawBody).toContain('shop_no=shop-a');
		expect(ok.packed).toContain('07-shop_no:0006-shop-a');
		expect(refused).toMatchObject({
			endpoint: 'shop.php',
			accepted: false,
			code: 1004,
			reason: expect.stringContaining('sign mismatch'),
		});
		expect(emu.lastRequest('api_goods_stock_change_query.php')).toBe(ok);
		expect(emu.stats).toMatchObject({
			total: 2,
			accepted: 1,
			rejected: 1,
			byCode: { 0: 1, 1004: 1 },
		});
	});

	test('reset clears requests, pushes, stats and fault rules; the pool stays', async () => {
		emu.faults.add({ kind: 'http', status: 500 });
		await call(emu, 'shop.php', {});
		const pending = emu.pool.pendingCount();
		emu.reset();
		expect(emu.requests).toHaveLength(0);
		expect(emu.stats.total).toBe(0);
		expect(emu.faults.rules).toHaveLength(0);
		expect((await call(emu, 'shop.php', {})).json.code).toBe(0);
		expect(emu.pool.pendingCount()).toBe(pending);
	});

	test('logRequests: false keeps only counters; onRequest still sees each request', async () => {
		/** @type {string[]} */
		const seen = [];
		const quiet = await startEmulator({
			pool: { perShop: 1 },
			logRequests: false,
			onRequest: (entry) => seen.push(entry.endpoint),
		});
		try {
			await call(quiet, 'shop.php', {});
			await post(quiet.fakeShopUrl, { shop_no: 'a', spec_no: 'b', stock: '1' });
			expect(quiet.requests).toHaveLength(0);
			expect(quiet.shopPushes).toHaveLength(0);
			expect(quiet.shopStock.stock('a', 'b')).toBe(1);
			expect(quiet.stats).toMatchObject({ total: 2, accepted: 2 });
			expect(seen).toEqual(['shop.php', 'fake-shop']);
		} finally {
			await quiet.stop();
		}
	});

	test('a fault that pre-empts the request still logs its params', async () => {
		emu.faults.add({ kind: 'apiError', count: 1 });
		const params = signedParams(emu.account, { shop_no: 'shop-a' });
		await post(`${emu.url}api_goods_stock_change_query.php`, params);
		expect(emu.lastRequest()).toMatchObject({
			fault: 'apiError',
			params,
			accepted: false,
			code: 1009,
		});
	});

	test('GET / describes the emulator', async () => {
		const res = await request(emu.baseUrl);
		expect(await res.body.json()).toMatchObject({
			name: 'wdt-openapi2-emulator',
			gateway: emu.url,
		});
	});
});
