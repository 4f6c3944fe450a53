/**
 * Which endpoint reads which part of a range for orders, sales stockouts and refunds
 * (protocol/archive.ts): the one rule the three Get Many operations share.
 */
import { archiveBorder, archiveParts } from '../../nodes/Wdt/protocol/archive';
import { ARCHIVE_MARGIN_MS, LIST_ENDPOINTS, forParams, historyOf } from '../../nodes/Wdt/protocol/catalogue';
import { DAY_MS } from '../../nodes/Wdt/protocol/timeWindows';

const at = (text: string) => Date.parse(text);
const now = at('2026-11-28T04:00:00Z'); // 12:00 Beijing; 3 months before: 2026-08-28 12:00 Beijing
const border = at('2026-08-28T04:00:00Z');
const orders = [LIST_ENDPOINTS.trade_query, LIST_ENDPOINTS.his_trade_query] as const;
const refunds = [LIST_ENDPOINTS.refund_query, LIST_ENDPOINTS.his_refund_query] as const;
const stockouts = [LIST_ENDPOINTS.stockout_order_query_trade, LIST_ENDPOINTS.his_stockout_order_query_trade] as const;
const partsOf = (pair: readonly [{ endpoint: string; timeField?: string }, { endpoint: string; timeField?: string }], range?: { start: number; end: number }, source: 'auto' | 'recent' | 'history' = 'auto') =>
	archiveParts(pair[0], pair[1], source, range, now).map((part) => [part.spec.endpoint, part.range]);

describe('archiveParts: recent and history parts of a range', () => {
	it('the border is 3 calendar months before now (Beijing calendar)', () => {
		expect(archiveBorder(now)).toBe(border);
		expect(ARCHIVE_MARGIN_MS).toBe(3 * DAY_MS);
	});

	it.each([orders, refunds])('a range across the border: his_* up to border + margin, the live one from border − margin (%#)', (live, his) => {
		const range = { start: border - 10 * DAY_MS, end: border + 10 * DAY_MS };
		expect(partsOf([live, his], range)).toEqual([
			[his.endpoint, { start: range.start, end: border + ARCHIVE_MARGIN_MS }],
			[live.endpoint, { start: border - ARCHIVE_MARGIN_MS, end: range.end }],
		]);
	});

	it('a recent range is the live endpoint alone; an old one the history alone; near the border both', () => {
		expect(partsOf(orders, { start: border + 4 * DAY_MS, end: now })).toEqual([['trade_query', { start: border + 4 * DAY_MS, end: now }]]);
		const old = { start: at('2026-01-01T00:00:00Z'), end: at('2026-02-01T00:00:00Z') };
		expect(partsOf(orders, old)).toEqual([['his_trade_query', old]]);
		const near = { start: border + DAY_MS, end: border + 2 * DAY_MS };
		expect(partsOf(orders, near)).toEqual([
			['his_trade_query', near],
			['trade_query', near],
		]);
	});

	it('stockouts by ship time: an old shipment edited lately is still live, so the live endpoint reads the whole range', () => {
		const range = { start: at('2026-01-01T00:00:00Z'), end: border + 10 * DAY_MS };
		expect(partsOf(stockouts, range)).toEqual([
			['his_stockout_order_query_trade', { start: range.start, end: border + ARCHIVE_MARGIN_MS }],
			['stockout_order_query_trade', range],
		]);
		// With a status below 95 the range is on modified, as the archive: split like orders.
		const byModified = stockouts.map((spec) => forParams(spec, { status: '55' })) as unknown as typeof stockouts;
		expect(partsOf(byModified, range)).toEqual([
			['his_stockout_order_query_trade', { start: range.start, end: border + ARCHIVE_MARGIN_MS }],
			['stockout_order_query_trade', { start: border - ARCHIVE_MARGIN_MS, end: range.end }],
		]);
	});

	it('without a range (asked by number): both endpoints, the record is in one of them', () => {
		expect(partsOf(refunds)).toEqual([
			['refund_query', undefined],
			['his_refund_query', undefined],
		]);
	});

	it('explicit choices use one endpoint for the whole range, or none', () => {
		const range = { start: border - DAY_MS, end: border + DAY_MS };
		expect(partsOf(orders, range, 'history')).toEqual([['his_trade_query', range]]);
		expect(partsOf(orders, range, 'recent')).toEqual([['trade_query', range]]);
		expect(partsOf(orders, undefined, 'recent')).toEqual([['trade_query', undefined]]);
	});
});

describe('forParams: the time a call\'s range selects on', () => {
	const stockout = LIST_ENDPOINTS.stockout_order_query_trade;
	it.each([
		[{}, 'consign_time'],
		[{ status: '' }, 'consign_time'],
		[{ status: '95' }, 'consign_time'],
		[{ status: '110' }, 'consign_time'],
		[{ status: '55' }, 'modified'],
		[{ status: 5 }, 'modified'],
		[{ status: ' 94 ' }, 'modified'],
		[{ status: 'x' }, 'consign_time'],
	])('stockouts with %j: %s', (params, field) => {
		expect(forParams(stockout, params).timeField).toBe(field);
		expect(forParams(stockout, params).version).toEqual({ field: 'modified' });
	});

	it('refunds: time_type 1 (settlement time) is a time the records do not name; 0 or none is modified', () => {
		const refund = LIST_ENDPOINTS.refund_query;
		expect(forParams(refund, { time_type: '1' })).toMatchObject({ timeField: undefined, version: { field: 'modified' } });
		expect(forParams(refund, { time_type: '0' }).timeField).toBe('modified');
		expect(forParams(refund, {}).timeField).toBe('modified');
		expect(forParams(LIST_ENDPOINTS.trade_query, { status: '5' })).toBe(LIST_ENDPOINTS.trade_query);
	});
});

describe('historyOf: the his_* endpoint of a live one', () => {
	it.each(['trade_query', 'stockout_order_query_trade', 'refund_query'] as const)('%s: his_%s, with the same list field, key and times', (name) => {
		const live = LIST_ENDPOINTS[name];
		const history = historyOf(live);
		expect(history.endpoint).toBe(`his_${name}`);
		const same = ({ listField, key, timeField, windowByStatus, windowByParam, version }: typeof history) => ({ listField, key, timeField, windowByStatus, windowByParam, version });
		expect(same(history)).toEqual(same(live));
	});

	it('an endpoint without archive has none', () => {
		expect(() => historyOf(LIST_ENDPOINTS.goods_query)).toThrow('goods_query has no history endpoint');
	});
});
