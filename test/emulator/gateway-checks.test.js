// @ts-check
'use strict';

// The gateway checks other than the sign itself: method, content type, body encoding, required
// params, accounts, the timestamp window, endpoints and permissions. All answered HTTP 200 JSON.

const { startEmulator, DEMO_ACCOUNT } = require('../../emulator');
const { CODES } = require('../../emulator/codes');
const { post, signedParams, call } = require('./support');

const T = 1700000000;
const OTHER = {
	sid: 'wdt-demo',
	appkey: 'wdt-readonly',
	appsecret: 'readonly-secret',
	deniedEndpoints: ['api_goods_stock_change_ack.php'],
};
const DISABLED = {
	sid: 'wdt-demo',
	appkey: 'wdt-old-appkey',
	appsecret: 'old-secret',
	disabled: true,
};

/** @type {import('../../emulator').Emulator} */
let emu;

beforeAll(async () => {
	emu = await startEmulator({
		now: () => T + 0.75,
		accounts: [DEMO_ACCOUNT, OTHER, DISABLED],
		pool: { perShop: 3 },
	});
});

afterAll(async () => {
	await emu.stop();
});

afterEach(() => emu.reset());

const shopUrl = () => `${emu.url}shop.php`;

describe('request form', () => {
	test('GET is refused with 1010, as HTTP 200 JSON', async () => {
		const res = await post(shopUrl(), '', { method: 'GET' });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			code: CODES.METHOD_NOT_ALLOWED.code,
			message: expect.stringContaining('POST'),
		});
	});

	test('a JSON body is refused with 1011 (the gateway takes forms only)', async () => {
		const params = signedParams(DEMO_ACCOUNT, {}, { timestamp: T });
		const res = await post(shopUrl(), JSON.stringify(params), { contentType: 'application/json' });
		expect(res.json.code).toBe(CODES.BAD_CONTENT_TYPE.code);
	});

	test('a charset other than UTF-8 is refused with 1011; no charset is fine', async () => {
		const params = signedParams(DEMO_ACCOUNT, {}, { timestamp: T });
		const gbk = await post(shopUrl(), params, {
			contentType: 'application/x-www-form-urlencoded; charset=GBK',
		});
		expect(gbk.json.code).toBe(CODES.BAD_CONTENT_TYPE.code);
		const plain = await post(shopUrl(), params, {
			contentType: 'application/x-www-form-urlencoded',
		});
		expect(plain.json.code).toBe(0);
	});

	test('bytes that are not UTF-8 are refused with 1012', async () => {
		const params = signedParams(DEMO_ACCOUNT, {}, { timestamp: T });
		const body = Buffer.concat([
			Buffer.from(`${new URLSearchParams(params)}&name=`),
			Buffer.from([0xd6, 0xd0]),
		]); // 中 in GBK
		const raw = await post(shopUrl(), body);
		expect(raw.json.code).toBe(CODES.BAD_FORM_BODY.code);
		const escaped = await post(shopUrl(), `${new URLSearchParams(params)}&name=%D6%D0`);
		expect(escaped.json.code).toBe(CODES.BAD_FORM_BODY.code);
	});

	test('a parameter sent twice is refused with 1012', async () => {
		const params = signedParams(DEMO_ACCOUNT, {}, { timestamp: T });
		const res = await post(shopUrl(), `${new URLSearchParams(params)}&sid=${DEMO_ACCOUNT.sid}`);
		expect(res.json.code).toBe(CODES.BAD_FORM_BODY.code);
	});
});

describe('required parameters', () => {
	test.each(['sid', 'appkey', 'timestamp', 'sign'])(
		'missing %s: 21000003 naming it',
		async (name) => {
			const params = signedParams(DEMO_ACCOUNT, {}, { timestamp: T });
			delete params[name];
			const res = await post(shopUrl(), params);
			expect(res.json.code).toBe(21000003);
			expect(res.json.message).toContain(name);
			expect(emu.lastRequest()?.reason).toBe(`missing ${name}`);
		},
	);

	test('an empty value counts as missing', async () => {
		const params = signedParams(DEMO_ACCOUNT, {}, { timestamp: T });
		const res = await post(shopUrl(), { ...params, appkey: '' });
		expect(res.json).toEqual({ code: 21000003, message: expect.stringContaining('appkey') });
	});
});

describe('accounts', () => {
	test('unknown sid: 1001', async () => {
		const res = await call(
			emu,
			'shop.php',
			{},
			{ timestamp: T, account: { ...DEMO_ACCOUNT, sid: 'nobody' } },
		);
		expect(res.json.code).toBe(CODES.SELLER_NOT_FOUND.code);
	});

	test('unknown appkey: 1002', async () => {
		const res = await call(
			emu,
			'shop.php',
			{},
			{ timestamp: T, account: { ...DEMO_ACCOUNT, appkey: 'nokey' } },
		);
		expect(res.json.code).toBe(CODES.APPKEY_NOT_FOUND.code);
	});

	test('disabled appkey: 1007 with the real message, even with a wrong sign', async () => {
		const res = await call(
			emu,
			'shop.php',
			{},
			{ timestamp: T, account: { ...DISABLED, appsecret: 'whatever' } },
		);
		expect(res.json).toEqual({
			code: 1007,
			message: '接口appkey已停用【解决办法:联系商务人员,重新开启接口appkey】',
		});
	});

	test('an account can be disabled while running', async () => {
		emu.accounts[0].disabled = true;
		try {
			const res = await call(emu, 'shop.php', {}, { timestamp: T });
			expect(res.json.code).toBe(1007);
			expect(res.json.message).toContain('停用');
		} finally {
			emu.accounts[0].disabled = false;
		}
	});

	test('denied endpoint: 1008 (其他 endpoints still answer)', async () => {
		const ack = await call(
			emu,
			'api_goods_stock_change_ack.php',
			{ stock_sync_list: '[]' },
			{ timestamp: T, account: OTHER },
		);
		expect(ack.json.code).toBe(CODES.NO_PERMISSION.code);
		expect(ack.json.message).toContain('权限');
		const query = await call(
			emu,
			'api_goods_stock_change_query.php',
			{ shop_no: 'shop-a' },
			{ timestamp: T, account: OTHER },
		);
		expect(query.json.code).toBe(0);
	});

	test('a denied endpoint still needs a valid sign first (wrong sign: 1004)', async () => {
		const res = await call(
			emu,
			'api_goods_stock_change_ack.php',
			{ stock_sync_list: '[]' },
			{ timestamp: T, account: { ...OTHER, appsecret: 'x' } },
		);
		expect(res.json.code).toBe(CODES.SIGN_MISMATCH.code);
	});
});

describe('endpoints', () => {
	test('unknown endpoint (correctly signed): 1003', async () => {
		const res = await call(emu, 'vip_api_trade_query.php', {}, { timestamp: T });
		expect(res.status).toBe(200);
		expect(res.json.code).toBe(CODES.ENDPOINT_NOT_FOUND.code);
		expect(res.json.message).toContain('vip_api_trade_query.php');
	});

	test('unknown endpoint with a wrong sign: the sign is checked first (1004)', async () => {
		const res = await call(
			emu,
			'trade_query.php',
			{},
			{ timestamp: T, account: { ...DEMO_ACCOUNT, appsecret: 'x' } },
		);
		expect(res.json.code).toBe(CODES.SIGN_MISMATCH.code);
	});

	test('paths outside /openapi2/ are HTTP 404', async () => {
		const res = await post(
			`${emu.baseUrl}other/shop.php`,
			signedParams(DEMO_ACCOUNT, {}, { timestamp: T }),
		);
		expect(res.status).toBe(404);
	});

	test('shop.php lists the shops; warehouse_query.php the warehouses; bad page_size is 2001', async () => {
		const shops = await call(emu, 'shop.php', {}, { timestamp: T });
		// shop.php's page lists no total_count (docs/wdt-contract.md#shop)
		expect(shops.json.code).toBe(0);
		expect(shops.json).not.toHaveProperty('total_count');
		expect(shops.json.shoplist.map((/** @type {any} */ s) => s.shop_no)).toEqual([
			'shop-a',
			'shop-b',
			'tmall-01', // the world's platform shop (emulator/world.js)
		]);
		const warehouses = await call(
			emu,
			'warehouse_query.php',
			{ page_size: '2', page_no: '1' },
			{ timestamp: T },
		);
		expect(warehouses.json).toMatchObject({ code: 0 }); // total_count: page 0 only
		expect(warehouses.json.warehouses).toHaveLength(2);
		for (const pageSize of ['0', '101', 'abc', '-1']) {
			const bad = await call(emu, 'warehouse_query.php', { page_size: pageSize }, { timestamp: T });
			expect(bad.json.code).toBe(CODES.BAD_PARAMETER.code);
			expect(bad.json.message).toContain('page_size');
		}
	});
});

describe('timestamp window (±300 s around the emulator clock)', () => {
	test.each([
		['299 s behind', T - 299],
		['299 s ahead', T + 299],
		['exactly 300 s behind', T - 300],
	])('%s: accepted', async (_label, timestamp) => {
		const res = await call(emu, 'shop.php', {}, { timestamp });
		expect(res.json.code).toBe(0);
	});

	test.each([
		['301 s behind', T - 301],
		['301 s ahead', T + 301],
		['in milliseconds', T * 1000],
		['9 digits', 999999999],
	])('%s: refused with 1005', async (_label, timestamp) => {
		const res = await call(emu, 'shop.php', {}, { timestamp });
		expect(res.json.code).toBe(CODES.TIMESTAMP_INVALID.code);
		expect(res.json.message).toContain('时间戳');
	});

	test('the clock offset moves the window', async () => {
		emu.faults.clockOffsetSec = 3600;
		expect(emu.clock()).toBe(T + 3600);
		expect((await call(emu, 'shop.php', {}, { timestamp: T })).json.code).toBe(
			CODES.TIMESTAMP_INVALID.code,
		);
		expect((await call(emu, 'shop.php', {}, { timestamp: T + 3600 - 299 })).json.code).toBe(0);
		emu.reset(); // restores the start offset (0)
		expect((await call(emu, 'shop.php', {}, { timestamp: T })).json.code).toBe(0);
	});

	test('a clockOffsetSec start option too', async () => {
		const behind = await startEmulator({
			now: () => T,
			clockOffsetSec: -400,
			pool: { perShop: 1 },
		});
		try {
			expect((await call(behind, 'shop.php', {}, { timestamp: T })).json.code).toBe(
				CODES.TIMESTAMP_INVALID.code,
			);
			expect((await call(behind, 'shop.php', {}, { timestamp: T - 400 })).json.code).toBe(0);
		} finally {
			await behind.stop();
		}
	});
});

describe('answer format', () => {
	test('code is a JSON number by default, a string with codeAsString', async () => {
		const res = await call(emu, 'shop.php', {}, { timestamp: T });
		expect(res.text.startsWith('{"code":0,')).toBe(true);
		const stringy = await startEmulator({ now: () => T, codeAsString: true, pool: { perShop: 1 } });
		try {
			const ok = await call(stringy, 'shop.php', {}, { timestamp: T });
			expect(ok.json.code).toBe('0');
			const refused = await call(stringy, 'nope.php', {}, { timestamp: T });
			expect(refused.json.code).toBe(String(CODES.ENDPOINT_NOT_FOUND.code));
		} finally {
			await stringy.stop();
		}
	});

	test('every code message carries its classification keyword', () => {
		expect(CODES.SIGN_MISMATCH.message).toContain('签名');
		expect(CODES.TIMESTAMP_INVALID.message).toContain('时间戳');
		expect(CODES.NO_PERMISSION.message).toContain('权限');
		expect(CODES.TOO_FREQUENT.message).toContain('频繁');
		expect(CODES.APPKEY_DISABLED.message).toContain('停用');
		const keywords = ['签名', '时间戳', '权限', '频繁'];
		for (const [name, entry] of Object.entries(CODES)) {
			const own = {
				SIGN_MISMATCH: '签名',
				TIMESTAMP_INVALID: '时间戳',
				NO_PERMISSION: '权限',
				TOO_FREQUENT: '频繁',
			}[name];
			for (const keyword of keywords) {
				if (keyword !== own) expect(`${name}: ${entry.message}`).not.toContain(keyword);
			}
		}
	});
});
