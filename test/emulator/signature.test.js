// @ts-check
'use strict';

// The emulator's own packing, checked against the spec's literal examples (expected values are
// copied from /work/shared/spec/openapi2-protocol.md, not computed).

const {
	pack,
	expectedSign,
	verifySign,
	codePointLength,
	sortKeysByBytes,
} = require('../../emulator/signature');

const OFFICIAL_PARAMS = {
	appkey: 'test2-xx',
	sid: 'test2',
	timestamp: '1470042310',
	page_no: '0',
	page_size: '40',
	start_time: '2016-08-01 12:00:00',
	end_time: '2016-08-01 13:00:00',
};
const OFFICIAL_PACKED =
	'06-appkey:0008-test2-xx;08-end_time:0019-2016-08-01 13:00:00;07-page_no:0001-0;09-page_size:0002-40;03-sid:0005-test2;10-start_time:0019-2016-08-01 12:00:00;09-timestamp:0010-1470042310';
const OFFICIAL_SIGN = 'ad4e6fe037ea6e3ba4768317be9d1309';

describe('emulator signature', () => {
	test('reproduces the official vector: packed string and sign', () => {
		expect(pack(OFFICIAL_PARAMS)).toBe(OFFICIAL_PACKED);
		expect(expectedSign(OFFICIAL_PARAMS, '12345')).toBe(OFFICIAL_SIGN);
	});

	test('leaves sign out of the packing and checks it exactly (no uppercase)', () => {
		expect(verifySign({ ...OFFICIAL_PARAMS, sign: OFFICIAL_SIGN }, '12345')).toEqual({
			ok: true,
			packed: OFFICIAL_PACKED,
			expected: OFFICIAL_SIGN,
		});
		expect(verifySign({ ...OFFICIAL_PARAMS, sign: OFFICIAL_SIGN.toUpperCase() }, '12345').ok).toBe(
			false,
		);
	});

	test('counts code points: the spec example 中文😀 packs as 0003', () => {
		expect(pack({ name: '中文😀' })).toBe('04-name:0003-中文😀');
		expect(codePointLength('e\u0301')).toBe(2); // a combining mark is its own code point
		expect(codePointLength('')).toBe(0);
	});

	test('widths are minimums, never truncation', () => {
		const long = 'x'.repeat(12345);
		expect(pack({ v: long })).toBe(`01-v:12345-${long}`);
		const longKey = 'k'.repeat(123);
		expect(pack({ [longKey]: '' })).toBe(`123-${longKey}:0000-`);
	});

	test('sorts keys by byte order', () => {
		expect(sortKeysByBytes(['b', 'B', 'a_b', 'a', 'A1'])).toEqual(['A1', 'B', 'a', 'a_b', 'b']);
		// U+FF21 (3 UTF-8 bytes, EF BC A1) sorts before U+1F600 (F0 9F 98 80) by bytes,
		// though its UTF-16 unit 0xFF21 is above the surrogate 0xD83D
		expect(sortKeysByBytes(['😀', 'Ａ'])).toEqual(['Ａ', '😀']);
	});
});
