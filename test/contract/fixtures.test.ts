/**
 * The public sample answers (test/contract/fixtures: the openapi2 sandbox answers public clients
 * recorded, and WDT's doc examples) read by the package's protocol code and turned into items the
 * way the nodes do — the nodes checked against the contract, independently of the emulator: the
 * answers are served as published by a server of the test's own.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEMO_ACCOUNT } from '../../emulator';
import { WdtApiError, WdtProtocolError, readWdtResponse } from '../../nodes/Wdt/protocol';
import { LIST_ENDPOINTS } from '../../nodes/Wdt/protocol/catalogue';
import { idsAsText, readRecords, readTotalCount, recordKey } from '../../nodes/Wdt/protocol/listAnswer';
import { normaliseShipment, readShipments } from '../../nodes/Wdt/shop/logistics';
import type { HostileServer } from '../helpers/hostile-server';
import { json, startHostileServer } from '../helpers/hostile-server';
import type { Emulator } from '../helpers/wdt-node';
import { runWdt } from '../helpers/wdt-node';
import { fixture } from './load-fixture';

const BEIJING_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

describe('the recorded openapi2 sandbox answer of goods_query, through the protocol code', () => {
	const { answer } = fixture('goods_query.sandbox-answer.json');
	const spec = LIST_ENDPOINTS.goods_query;

	it('reads as a success whose list is the catalogue\'s list field, total_count "1" as 1', () => {
		const body = readWdtResponse(JSON.stringify(answer));
		expect(body.code).toBe(0);
		expect(body.message).toBe('');
		expect(readTotalCount(body)).toBe(1);
		expect(readRecords(body, spec)).toEqual(answer.goods_list);
	});

	it('carries the catalogue\'s time field (goods_modified) and key; there is no modified', () => {
		const [goods] = readRecords(readWdtResponse(JSON.stringify(answer)), spec) as IDataObject[];
		expect(spec.timeField).toBe('goods_modified');
		expect(goods.goods_modified).toMatch(BEIJING_TIME);
		expect(goods).not.toHaveProperty('modified');
		expect(recordKey(goods, spec.key)).toMatch(/^\d+$/);
		for (const sku of goods.spec_list as IDataObject[]) {
			expect(sku.spec_modified).toMatch(BEIJING_TIME);
			expect(sku).not.toHaveProperty('modified');
		}
	});

	it('ids stay as sent: strings; numbers-as-strings are kept, not converted', () => {
		const [goods] = (readRecords(readWdtResponse(JSON.stringify(answer)), spec) as unknown[]).map(idsAsText) as IDataObject[];
		expect(goods.goods_id).toBe('209811');
		expect(goods.spec_count).toBe('1');
		expect((goods.spec_list as IDataObject[])[0].retail_price).toBe('0.0000');
	});
});

describe('the sister edition\'s doc examples, through the protocol code', () => {
	it('goods_query: 19-digit ids kept exact whether written as strings or as bare numbers', () => {
		const { answer } = fixture('goods_query.y-doc-answer.json');
		const bare = JSON.stringify(answer).replace('"goods_id":"2679745084445949979"', '"goods_id":2679745084445949979');
		expect(bare).not.toBe(JSON.stringify(answer));
		for (const text of [JSON.stringify(answer), bare]) {
			const [goods] = (readRecords(readWdtResponse(text), LIST_ENDPOINTS.goods_query) as unknown[]).map(idsAsText) as IDataObject[];
			expect(goods.goods_id).toBe('2679745084445949979');
			expect(goods.goods_type).toBe(2);
		}
	});

	it('logistics_sync_query: each record as the nodes output it — rec_id the exact text, codes text, ids numbers when exact', () => {
		const { success } = fixture('logistics_sync_query.y-doc-answers.json');
		const [record] = readShipments(readWdtResponse(JSON.stringify(success)), 'api_test');
		expect(record.rec_id).toBe('2778958909363191820');
		expect(record.trade_id).toBe('2778958322735251459');
		expect(record.shop_id).toBe(332);
		expect(record.tid).toBe('201111670112119');
		expect(record.logistics_no).toBe('1111111111221');
		expect(readTotalCount(success)).toBe(1);
	});

	it('the recorded sandbox logistics record (every value a string): the same output', () => {
		const { record } = fixture('logistics_sync_query.sandbox-record.json');
		expect(normaliseShipment(record, 'CHANGE-ME')).toMatchObject({
			rec_id: '3296',
			trade_id: 42097,
			tid: 'HP201805311733579305415',
			logistics_no: '48524753313',
			platform_id: '127',
			is_part_sync: 0,
		});
	});

	it('1007 is read by its message: 店铺ID不存在 a wrong shop id, 接口appkey已停用 a disabled app key', () => {
		const kindOf = (answer: unknown) => {
			try {
				readWdtResponse(JSON.stringify(answer));
			} catch (error) {
				expect(error).toBeInstanceOf(WdtApiError);
				return (error as WdtApiError).kind;
			}
			throw new Error('no error');
		};
		expect(kindOf(fixture('logistics_sync_query.y-doc-answers.json').error)).toBe('shop');
		expect(kindOf(fixture('logistics_sync_ack.y-doc-answers.json').error)).toBe('appkey-disabled');
		expect(kindOf(fixture('api_goods_stock_change_ack.doc-examples.json').error.answer)).toBe('appkey-disabled');
	});

	it('a success published as text that is not JSON is refused as such, never taken as success', () => {
		const { success } = fixture('api_goods_stock_change_ack.doc-examples.json');
		expect(() => readWdtResponse(success.published)).toThrow(WdtProtocolError);
		expect(() => readWdtResponse(fixture('trade_push.y-doc-answers.json').success.published)).toThrow(WdtProtocolError);
	});

	it('trade_push and sales_refund_push successes carry new_count / chg_count as numbers; 5040 is an API error', () => {
		expect(readWdtResponse(JSON.stringify(fixture('trade_push.y-doc-answers.json').success.answer))).toMatchObject({ new_count: 1, chg_count: 0 });
		const refund = fixture('sales_refund_push.y-doc-example.json');
		expect(readWdtResponse(JSON.stringify(refund.success))).toMatchObject({ new_count: 1, chg_count: 0 });
		expect(() => readWdtResponse(JSON.stringify(refund.error))).toThrow(expect.objectContaining({ code: 5040 }));
	});
});

describe('the nodes turn the published answers into items', () => {
	let server: HostileServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});
	const gateway = (s: HostileServer) => ({ url: s.url, account: DEMO_ACCOUNT, requests: [] }) as unknown as Emulator;

	it('Goods · Get Many by SKU (no range, as goods_query allows): the recorded sandbox answer is one item, as recorded, ids as text', async () => {
		const { answer } = fixture('goods_query.sandbox-answer.json');
		server = await startHostileServer(json(JSON.stringify(answer)));
		const run = await runWdt(gateway(server), {
			resource: 'goods',
			operation: 'getMany',
			returnAll: true,
			filters: { spec_no: 'CESHI20180606S' },
		});
		expect(run.error).toBeUndefined();
		expect(run.json()).toEqual(answer.goods_list);
		expect(server.requests).toBe(1);
	});

	it('Logistics Sync · Get Pending: the doc example answer is one item per record, rec_id exact', async () => {
		const { success } = fixture('logistics_sync_query.y-doc-answers.json');
		// total_count 1 and one record: a fetch-all stops after the page that brought nothing new
		server = await startHostileServer(json(JSON.stringify(success)));
		const run = await runWdt(gateway(server), { resource: 'logisticsSync', operation: 'getPending', shopNos: 'api_test' });
		expect(run.error).toBeUndefined();
		expect(run.json().map((r) => [r.rec_id, r.trade_id, r.tid])).toEqual([['2778958909363191820', '2778958322735251459', '201111670112119']]);
	});

	it('Logistics Sync · Acknowledge: the doc example answer (code 0, errors for rec_id "1") makes 1 refused with WDT\'s reason, 2 acked', async () => {
		const example = fixture('logistics_sync_ack.y-doc-answers.json');
		server = await startHostileServer(json(JSON.stringify(example.success)));
		const run = await runWdt(
			gateway(server),
			{ resource: 'logisticsSync', operation: 'acknowledge', syncedToShop: '={{ $json.status === 0 }}', errorMessage: '={{ $json.message }}' },
			{ input: example.request.logistics_list, extra: { onError: 'continueRegularOutput' } },
		);
		expect(run.json().map((r) => [r.rec_id, r.outcome])).toEqual([
			['1', 'refused'],
			['2', 'acked'],
		]);
		expect(run.json()[0].error).toMatchObject({ message: example.success.errors[0].error });
	});
});
