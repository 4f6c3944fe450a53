/**
 * A list read in parts (transport/fetchParts.ts) against in-process fake gateways: a live
 * endpoint and its his_* over their parts of a range, merged; Limit over the parts; an incomplete
 * window of one part reported with the records of all; merging by version and time order.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { readCallOptions } from '../../nodes/Wdt/callOptions';
import { LIST_ENDPOINTS } from '../../nodes/Wdt/protocol/catalogue';
import { HOUR_MS } from '../../nodes/Wdt/protocol/timeWindows';
import { fetchParts, mergeRecords } from '../../nodes/Wdt/transport/fetchParts';

type Params = Record<string, string | number>;

const call = readCallOptions({ maxRetries: 0, retryDelayMs: 0 });
const base = Date.parse('2026-11-28T02:00:00Z'); // 10:00 Beijing
const beijing = (ms: number) => new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 19).replace('T', ' ');
const ms = (text: string) => Date.parse(`${text.replace(' ', 'T')}+08:00`);
const refund = (id: string, modified: number, extra: IDataObject = {}) => ({ refund_id: id, modified: beijing(modified), ...extra });

/** Endpoint name → its rows; each answers WDT's way (inclusive range on modified, total_count on page 0). */
function gateway(rows: Record<string, IDataObject[]>) {
	const calls: Array<Params & { endpoint: string }> = [];
	const context = {
		helpers: {
			async httpRequestWithAuthentication(_type: string, request: IHttpRequestOptions) {
				const endpoint = String(request.url).replace(/^.*\/(\w+)\.php$/, '$1');
				const params = request.body as Params;
				calls.push({ endpoint, ...params });
				const selected = (rows[endpoint] ?? []).filter(
					(row) => params.start_time === undefined || (ms(String(row.modified)) >= ms(String(params.start_time)) && ms(String(row.modified)) <= ms(String(params.end_time))),
				);
				const pageNo = Number(params.page_no);
				const size = Number(params.page_size);
				const body = { code: 0, message: 'ok', ...(pageNo === 0 ? { total_count: selected.length } : {}), refunds: selected.slice(pageNo * size, (pageNo + 1) * size) };
				return { statusCode: 200, body: Buffer.from(JSON.stringify(body)) };
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, calls };
}

const live = LIST_ENDPOINTS.refund_query;
const his = LIST_ENDPOINTS.his_refund_query;

describe('fetchParts', () => {
	it('reads the parts in order and merges them: a record in both comes once, its newest copy, in time order', async () => {
		const { context, calls } = gateway({
			his_refund_query: [refund('1', base), refund('2', base + 2 * HOUR_MS, { process_status: 20 })],
			refund_query: [refund('2', base + 3 * HOUR_MS, { process_status: 90 }), refund('3', base + HOUR_MS)],
		});
		const result = await fetchParts(
			context,
			'http://gw/',
			[
				{ spec: his, range: { from: base, to: base + 4 * HOUR_MS } },
				{ spec: live, range: { from: base, to: base + 4 * HOUR_MS } },
			],
			{ call },
		);
		expect(result.records.map((r) => [r.refund_id, r.process_status])).toEqual([
			['1', undefined],
			['3', undefined],
			['2', 90],
		]);
		expect(calls.map((c) => c.endpoint)).toEqual(['his_refund_query', 'refund_query']);
		expect(result.incomplete).toEqual([]);
		expect(result.reads.map((read) => read.result.records.length)).toEqual([2, 2]);
	});

	it('Limit counts the distinct records of the parts read so far: a part not needed is not read', async () => {
		const { context, calls } = gateway({
			his_refund_query: [refund('1', base), refund('2', base + 1000)],
			refund_query: [refund('3', base + 2000)],
		});
		const parts = [
			{ spec: his, range: { from: base, to: base + HOUR_MS } },
			{ spec: live, range: { from: base, to: base + HOUR_MS } },
		];
		const two = await fetchParts(context, 'http://gw/', parts, { call, limit: 2 });
		expect(two.records.map((r) => r.refund_id)).toEqual(['1', '2']);
		expect(calls.map((c) => c.endpoint)).toEqual(['his_refund_query']);
		const three = await fetchParts(context, 'http://gw/', parts, { call, limit: 3 });
		expect(three.records.map((r) => r.refund_id)).toEqual(['1', '2', '3']);
		expect(calls.filter((c) => c.endpoint === 'refund_query').map((c) => c.page_size)).toEqual([1]);
	});

	it('a part whose window cannot be read completely: the other parts\' records still come, the window is reported', async () => {
		const { context } = gateway({ refund_query: [refund('3', base + 1000)] });
		const lying = {
			helpers: {
				async httpRequestWithAuthentication(type: string, request: IHttpRequestOptions) {
					const answer = await (context.helpers.httpRequestWithAuthentication as (t: string, r: IHttpRequestOptions) => Promise<{ statusCode: number; body: Buffer }>)(type, request);
					if (!String(request.url).includes('his_')) return answer;
					return { statusCode: 200, body: Buffer.from(JSON.stringify({ code: 0, total_count: 5, refunds: [] })) };
				},
			},
		} as unknown as IExecuteFunctions;
		const result = await fetchParts(
			lying,
			'http://gw/',
			[
				{ spec: his, range: { from: base, to: base + HOUR_MS } },
				{ spec: live, range: { from: base, to: base + HOUR_MS } },
			],
			{ call },
		);
		expect(result.records.map((r) => r.refund_id)).toEqual(['3']);
		expect(result.incomplete.map((w) => [w.endpoint, w.read, w.total])).toEqual([['his_refund_query', 0, 5]]);
		expect(result.reads[0].incomplete).toHaveLength(1);
	});

	it('without a range: no time order, the order first read; gateway offsets: the smallest of the parts', async () => {
		const { context } = gateway({ his_refund_query: [refund('9', base + 5000)], refund_query: [refund('1', base)] });
		const result = await fetchParts(context, 'http://gw/', [{ spec: live, params: { refund_no: 'x' } }, { spec: his, params: { refund_no: 'x' } }], { call });
		expect(result.records.map((r) => r.refund_id)).toEqual(['1', '9']);
		expect(result.gatewayOffsetMs).toBeUndefined();
	});
});

describe('mergeRecords', () => {
	const spec = { key: 'goods_id', version: { field: 'goods_modified', list: { name: 'spec_list', field: 'spec_modified' } } };
	const goods = (id: string, modified: string, specModified: string) => ({ goods_id: id, goods_modified: modified, spec_list: [{ spec_modified: specModified }] });

	it('one per key, the newest version (a spec change counts), sorted by the field given, stable for equal times', () => {
		const older = goods('1', '2026-11-28 10:00:00', '2026-11-28 10:00:00');
		const specChanged = goods('1', '2026-11-28 10:00:00', '2026-11-28 12:00:00');
		const other = goods('2', '2026-11-28 11:00:00', '2026-11-28 11:00:00');
		const same = goods('3', '2026-11-28 11:00:00', '2026-11-28 09:00:00');
		expect(mergeRecords([[older, other], [specChanged, same]], spec, spec.version)).toEqual([other, same, specChanged]);
		expect(mergeRecords([[older, other], [specChanged, same]], spec, 'goods_modified')).toEqual([specChanged, other, same]);
		expect(mergeRecords([[other, older], [specChanged]], spec)).toEqual([other, specChanged]);
	});
});
