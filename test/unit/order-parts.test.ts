import { orderParts } from '../../nodes/Wdt/actions/order/getMany.operation';

const at = (text: string) => Date.parse(text);

describe('Order · Get Many: which endpoint reads which part of the range', () => {
	const now = at('2026-11-28T04:00:00Z'); // 12:00 Beijing; 3 months before: 2026-08-28 12:00 Beijing

	it('automatic: the part before now − 3 months from his_trade_query, the rest from trade_query, sharing the border', () => {
		const range = { start: at('2026-08-28T00:00:00Z'), end: at('2026-08-28T06:00:00Z') };
		const parts = orderParts('auto', range, now);
		expect(parts.map((p) => [p.spec.endpoint, p.range])).toEqual([
			['his_trade_query', { start: range.start, end: at('2026-08-28T04:00:00Z') }],
			['trade_query', { start: at('2026-08-28T04:00:00Z'), end: range.end }],
		]);
	});

	it('automatic: a recent range is trade_query alone, an old one his_trade_query alone, no range trade_query', () => {
		expect(orderParts('auto', { start: at('2026-11-27T00:00:00Z'), end: now }, now).map((p) => p.spec.endpoint)).toEqual(['trade_query']);
		expect(orderParts('auto', { start: at('2026-01-01T00:00:00Z'), end: at('2026-02-01T00:00:00Z') }, now).map((p) => p.spec.endpoint)).toEqual([
			'his_trade_query',
		]);
		expect(orderParts('auto', undefined, now)).toEqual([{ spec: expect.objectContaining({ endpoint: 'trade_query' }), range: undefined }]);
	});

	it('explicit choices use one endpoint for the whole range', () => {
		const range = { start: at('2026-08-28T00:00:00Z'), end: at('2026-08-28T06:00:00Z') };
		expect(orderParts('history', range, now).map((p) => [p.spec.endpoint, p.range])).toEqual([['his_trade_query', range]]);
		expect(orderParts('recent', range, now).map((p) => [p.spec.endpoint, p.range])).toEqual([['trade_query', range]]);
	});
});
