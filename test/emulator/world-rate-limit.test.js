// @ts-check
'use strict';

// The per-appkey rate limit (calls per second), on a clock the test moves by hand.

const { startEmulator, DEMO_ACCOUNT } = require('../../emulator');
const { RateLimit } = require('../../emulator/rate-limit');
const { call } = require('./support');

const OTHER = { sid: DEMO_ACCOUNT.sid, appkey: 'other-appkey', appsecret: 'other-secret' };

/** @type {import('../../emulator').Emulator} */
let emu;
let nowMs = 0;

beforeAll(async () => {
	emu = await startEmulator({ accounts: [DEMO_ACCOUNT, OTHER], rateLimitPerSecond: 3 });
	emu.rateLimit.nowMs = () => nowMs;
});

afterAll(async () => {
	await emu.stop();
});

beforeEach(() => {
	emu.reset();
	emu.rateLimit.perSecond = 3;
	nowMs = 1_000_000;
});

test('over the limit: HTTP 200 {code 1010, message with 超 and 频率}; refused calls are logged', async () => {
	for (let i = 0; i < 3; i++) expect((await call(emu, 'shop.php', {})).json.code).toBe(0);
	const refused = await call(emu, 'shop.php', {});
	expect(refused.status).toBe(200);
	expect(refused.json).toEqual({ code: 1010, message: expect.stringMatching(/超.*频率|频率.*超/) });
	expect(emu.lastRequest()).toMatchObject({ accepted: false, code: 1010 });
	expect(emu.rateLimit.refused).toBe(1);
});

test('per appkey: another appkey has its own budget', async () => {
	for (let i = 0; i < 3; i++) await call(emu, 'warehouse_query.php', {});
	expect((await call(emu, 'warehouse_query.php', {})).json.code).toBe(1010);
	expect((await call(emu, 'warehouse_query.php', {}, { account: OTHER })).json.code).toBe(0);
});

test('a sliding second: calls are let through again once the oldest is 1000 ms old', async () => {
	for (let i = 0; i < 3; i++) {
		await call(emu, 'shop.php', {});
		nowMs += 100; // calls at 0, 100, 200 ms
	}
	nowMs = 1_000_000 + 999;
	expect((await call(emu, 'shop.php', {})).json.code).toBe(1010);
	nowMs = 1_000_000 + 1000;
	expect((await call(emu, 'shop.php', {})).json.code).toBe(0);
	expect((await call(emu, 'shop.php', {})).json.code).toBe(1010); // 100, 200, 1000 in the window
});

test('refused calls do not count; perSecond can change while running; 0 is off', async () => {
	for (let i = 0; i < 10; i++) await call(emu, 'shop.php', {});
	expect(emu.rateLimit.refused).toBe(7);
	nowMs += 1000;
	expect((await call(emu, 'shop.php', {})).json.code).toBe(0);
	emu.rateLimit.perSecond = 0;
	for (let i = 0; i < 10; i++) expect((await call(emu, 'shop.php', {})).json.code).toBe(0);
});

test('requests refused by the gateway before the limit (bad sign) do not use the budget', async () => {
	for (let i = 0; i < 5; i++) {
		const res = await call(
			emu,
			'shop.php',
			{},
			{ account: { ...DEMO_ACCOUNT, appsecret: 'wrong' } },
		);
		expect(res.json.code).toBe(1004);
	}
	expect((await call(emu, 'shop.php', {})).json.code).toBe(0);
});

test('off by default', () => {
	const limit = new RateLimit();
	for (let i = 0; i < 1000; i++) expect(limit.allow('k')).toBe(true);
});
