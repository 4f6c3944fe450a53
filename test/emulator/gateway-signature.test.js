// @ts-check
'use strict';

// The sign check over real HTTP: the official vector is accepted as sent; any one-character
// change is refused with the sign code; non-ASCII values must be packed with code-point lengths.

const { startEmulator } = require('../../emulator');
const { CODES } = require('../../emulator/codes');
const { post, signedParams, lengthIn, testPack, md5 } = require('./support');

const OFFICIAL = {
	appkey: 'test2-xx',
	sid: 'test2',
	timestamp: '1470042310',
	page_no: '0',
	page_size: '40',
	start_time: '2016-08-01 12:00:00',
	end_time: '2016-08-01 13:00:00',
	sign: 'ad4e6fe037ea6e3ba4768317be9d1309',
};

/** @type {import('../../emulator').Emulator} */
let emu;

beforeAll(async () => {
	emu = await startEmulator({
		now: () => 1470042310,
		accounts: [
			{ sid: 'test2', appkey: 'test2-xx', appsecret: '12345' },
			// so that a one-character change of sid or appkey still names a known account
			// and reaches the sign check
			{ sid: 'test2', appkey: 'test2-xy', appsecret: '12345' },
			{ sid: 'test3', appkey: 'test2-xx', appsecret: '12345' },
		],
		pool: { perShop: 2 },
	});
});

afterAll(async () => {
	await emu.stop();
});

const warehouseUrl = () => `${emu.url}warehouse_query.php`;

describe('official vector over HTTP', () => {
	test('is accepted as sent (unknown params start_time/end_time are signed and ignored)', async () => {
		const res = await post(warehouseUrl(), OFFICIAL);
		expect(res.status).toBe(200);
		expect(res.json.code).toBe(0);
		expect(Array.isArray(res.json.warehouses)).toBe(true);
		const logged = emu.lastRequest();
		expect(logged?.accepted).toBe(true);
		expect(logged?.params).toEqual(OFFICIAL);
	});

	/** @type {Array<[string, string]>} */
	const oneCharChanges = [
		['sid', 'test3'],
		['appkey', 'test2-xy'],
		['timestamp', '1470042311'],
		['page_no', '1'],
		['page_size', '41'],
		['start_time', '2016-08-01 12:00:01'],
		['end_time', '2016-08-01 13:00:0O'],
		['sign', 'ad4e6fe037ea6e3ba4768317be9d1308'],
	];
	test.each(oneCharChanges)(
		'a one-character change of %s is refused with the sign code',
		async (key, value) => {
			const res = await post(warehouseUrl(), { ...OFFICIAL, [key]: value });
			expect(res.status).toBe(200);
			expect(res.json).toEqual({
				code: CODES.SIGN_MISMATCH.code,
				message: expect.stringContaining('签名'),
			});
			expect(emu.lastRequest()?.accepted).toBe(false);
		},
	);

	test('an uppercase sign is refused', async () => {
		const res = await post(warehouseUrl(), { ...OFFICIAL, sign: OFFICIAL.sign.toUpperCase() });
		expect(res.json.code).toBe(CODES.SIGN_MISMATCH.code);
	});

	test('an extra unsigned parameter is refused (every received param is signed)', async () => {
		const res = await post(warehouseUrl(), { ...OFFICIAL, warehouse_no: 'WH-HZ01' });
		expect(res.json.code).toBe(CODES.SIGN_MISMATCH.code);
	});
});

describe('non-ASCII values', () => {
	const account = { sid: 'test2', appkey: 'test2-xx', appsecret: '12345' };
	// 中文😀: 3 code points, 4 UTF-16 units, 10 bytes.
	// "Cafe\u0301 ñ": 7 code points (the combining accent counts), 7 UTF-16 units, 9 bytes.
	const business = { page_size: '10', name: '中文😀', note: 'Cafe\u0301 ñ' };

	test('the test side computes the three length units differently', () => {
		expect(testPack({ name: '中文😀' }, lengthIn.codePoints)).toBe('04-name:0003-中文😀');
		expect(testPack({ name: '中文😀' }, lengthIn.utf16Units)).toBe('04-name:0004-中文😀');
		expect(testPack({ name: '中文😀' }, lengthIn.utf8Bytes)).toBe('04-name:0010-中文😀');
		expect(lengthIn.codePoints('Cafe\u0301 ñ')).toBe(7);
		expect(lengthIn.utf8Bytes('Cafe\u0301 ñ')).toBe(9);
	});

	test('signed with code-point lengths: accepted', async () => {
		const res = await post(
			warehouseUrl(),
			signedParams(account, business, { timestamp: 1470042310, lengthOf: lengthIn.codePoints }),
		);
		expect(res.json.code).toBe(0);
		expect(emu.lastRequest()?.params?.name).toBe('中文😀');
	});

	test('signed with UTF-16 lengths: refused', async () => {
		const res = await post(
			warehouseUrl(),
			signedParams(account, business, { timestamp: 1470042310, lengthOf: lengthIn.utf16Units }),
		);
		expect(res.json.code).toBe(CODES.SIGN_MISMATCH.code);
	});

	test('signed with UTF-8 byte lengths: refused', async () => {
		const res = await post(
			warehouseUrl(),
			signedParams(account, business, { timestamp: 1470042310, lengthOf: lengthIn.utf8Bytes }),
		);
		expect(res.json.code).toBe(CODES.SIGN_MISMATCH.code);
	});

	test('raw (not %-escaped) UTF-8 bytes in the body decode the same', async () => {
		const params = signedParams(
			account,
			{ page_size: '10', name: '中文😀' },
			{ timestamp: 1470042310 },
		);
		const raw = Object.entries(params)
			.map(([k, v]) => `${k}=${k === 'name' ? v : encodeURIComponent(v)}`)
			.join('&');
		const res = await post(warehouseUrl(), Buffer.from(raw, 'utf8'));
		expect(res.json.code).toBe(0);
	});

	test('a sign over values escaped as \\uXXXX inside JSON also agrees (every unit counts the same)', async () => {
		const list = JSON.stringify([{ note: '中文😀' }]).replace(
			/[\u0080-\uffff]/g,
			(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
		);
		const params = {
			sid: 'test2',
			appkey: 'test2-xx',
			timestamp: '1470042310',
			page_size: '10',
			extra: list,
		};
		const bytesSign = md5(testPack(params, lengthIn.utf8Bytes) + '12345');
		expect(bytesSign).toBe(md5(testPack(params, lengthIn.codePoints) + '12345'));
		const res = await post(warehouseUrl(), { ...params, sign: bytesSign });
		expect(res.json.code).toBe(0);
	});
});
