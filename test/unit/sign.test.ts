import { createHash } from 'crypto';

import { codePointLength, packParams, signParams } from '../../nodes/Wdt/protocol';

// The official vector from WDT's public signing guide (../shared/spec/openapi2-protocol.md).
const VECTOR = {
	appkey: 'test2-xx',
	sid: 'test2',
	timestamp: '1470042310',
	page_no: '0',
	page_size: '40',
	start_time: '2016-08-01 12:00:00',
	end_time: '2016-08-01 13:00:00',
};
const VECTOR_PACKED =
	'06-appkey:0008-test2-xx;08-end_time:0019-2016-08-01 13:00:00;07-page_no:0001-0;09-page_size:0002-40;03-sid:0005-test2;10-start_time:0019-2016-08-01 12:00:00;09-timestamp:0010-1470042310';

/** A deliberately naive second implementation: Array.from counts code points. */
function referencePack(params: Record<string, string>): string {
	const pad = (n: number, w: number) => {
		let s = String(n);
		while (s.length < w) s = `0${s}`;
		return s;
	};
	const keys = Object.keys(params).filter((k) => k !== 'sign');
	keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
	return keys
		.map((k) => `${pad(Array.from(k).length, 2)}-${k}:${pad(Array.from(params[k]).length, 4)}-${params[k]}`)
		.join(';');
}
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

describe('packParams / signParams', () => {
	it('reproduces the official test vector', () => {
		expect(packParams(VECTOR)).toBe(VECTOR_PACKED);
		expect(signParams(VECTOR, '12345')).toBe('ad4e6fe037ea6e3ba4768317be9d1309');
	});

	it('changes the signature when any character changes', () => {
		expect(signParams({ ...VECTOR, page_size: '41' }, '12345')).not.toBe('ad4e6fe037ea6e3ba4768317be9d1309');
		expect(signParams(VECTOR, '12346')).not.toBe('ad4e6fe037ea6e3ba4768317be9d1309');
	});

	it('counts code points: CJK, emoji (one each), combining marks (each mark is one)', () => {
		expect(packParams({ name: '中文😀' })).toBe('04-name:0003-中文😀');
		expect(codePointLength('😀😀')).toBe(2);
		expect(codePointLength('e\u0301')).toBe(2); // e + COMBINING ACUTE ACCENT: two code points
		expect(packParams({ k: '👩‍👧' })).toBe('01-k:0003-👩‍👧'); // woman, ZWJ, girl
		expect(codePointLength('\ud800x')).toBe(2); // a lone surrogate still counts once
	});

	it('writes lengths with minimum widths and never truncates them', () => {
		const long = '货'.repeat(12345);
		expect(packParams({ v: long })).toBe(`01-v:12345-${long}`);
		const key = 'k'.repeat(123);
		expect(packParams({ [key]: 'x' })).toBe(`123-${key}:0001-x`);
		expect(packParams({ v: 'x'.repeat(9999) }).startsWith('01-v:9999-')).toBe(true);
		expect(packParams({ v: 'x'.repeat(10000) }).startsWith('01-v:10000-')).toBe(true);
	});

	it('sorts keys by byte order, not locale', () => {
		expect(packParams({ b: '1', B: '2', a: '3', _: '4', a1: '5' })).toBe(
			'01-B:0001-2;01-_:0001-4;01-a:0001-3;02-a1:0001-5;01-b:0001-1',
		);
	});

	it('leaves sign out and keeps empty strings', () => {
		expect(packParams({ sign: 'abc', a: '' })).toBe('01-a:0000-');
		expect(signParams({ a: '', sign: 'whatever' }, 's')).toBe(signParams({ a: '' }, 's'));
	});

	it('refuses non-string values instead of guessing their text', () => {
		expect(() => packParams({ a: 1 as unknown as string })).toThrow(/must be a string/);
	});

	it('agrees with an independent implementation on random Unicode parameters', () => {
		let seed = 42;
		const rand = () => {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			return seed / 0x7fffffff;
		};
		const alphabet = ['a', 'Z', '0', ' ', '中', '文', '😀', '\u0301', '{', '"', ';', ':', '-', '𠀀', 'é'];
		for (let round = 0; round < 200; round++) {
			const params: Record<string, string> = {};
			const count = 1 + Math.floor(rand() * 6);
			for (let i = 0; i < count; i++) {
				const key = `k${Math.floor(rand() * 1000)}`;
				let value = '';
				const length = Math.floor(rand() * 30);
				for (let j = 0; j < length; j++) value += alphabet[Math.floor(rand() * alphabet.length)];
				params[key] = value;
			}
			expect(packParams(params)).toBe(referencePack(params));
			expect(signParams(params, 'sec')).toBe(md5(referencePack(params) + 'sec'));
		}
	});
});
