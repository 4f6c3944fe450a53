/**
 * The endpoint catalogue (protocol/catalogue.ts) checked against what it must agree with, never
 * against a copy of itself: the emulator's own, independently written endpoint definitions
 * (emulator/world-endpoints.js, endpoints.js: list field, page size, time window), the behaviour
 * that depends on an entry (splitWindows with the entry's limit, as the emulator's gateway accepts
 * it), and the facts of the spec (openapi2-endpoints.md), named where they are used.
 */
import { KNOWN_ENDPOINTS, LIST_ENDPOINTS } from '../../nodes/Wdt/protocol/catalogue';
import type { ListEndpointSpec } from '../../nodes/Wdt/protocol/catalogue';
import { recordKey } from '../../nodes/Wdt/protocol/listAnswer';
import { splitWindows, windowParams } from '../../nodes/Wdt/protocol/timeWindows';
import { ENDPOINTS } from '../../emulator/endpoints';
import { LISTS, WORLD_ENDPOINTS } from '../../emulator/world-endpoints';
import { World } from '../../emulator/world';

const ANCHOR = '2026-11-28 12:00:00'; // Beijing time
const ANCHOR_MS = Date.UTC(2026, 10, 28, 4, 0, 0);
const world = new World({ anchor: ANCHOR });
const ctx = { world, recIdAsNumber: false, numbersAsStrings: false } as never;

const lists = Object.values(LIST_ENDPOINTS) as ListEndpointSpec[];

/** One answer of the emulator's list endpoint for this entry. */
function ask(spec: ListEndpointSpec, params: Record<string, string>): Record<string, unknown> {
	const handler = WORLD_ENDPOINTS[`${spec.endpoint}.php`];
	if (!handler) throw new Error(`the emulator does not serve ${spec.endpoint}.php`);
	return handler(params, ctx) as Record<string, unknown>;
}

/** A time range of the entry's own limit ending at the anchor, or no time parameters. */
function range(spec: ListEndpointSpec): Record<string, string> {
	if (spec.maxWindowMs === undefined) return {};
	return windowParams({ start: ANCHOR_MS - spec.maxWindowMs, end: ANCHOR_MS });
}

describe('LIST_ENDPOINTS agree with the emulator’s endpoint definitions', () => {
	it('lists the same paged endpoints as the emulator’s world', () => {
		expect(lists.map((spec) => `${spec.endpoint}.php`).sort()).toEqual(Object.keys(LISTS).sort());
	});

	it.each(lists.map((spec) => [spec.endpoint, spec] as const))('%s: records in its list field, identified by its key', (_name, spec) => {
		const answer = ask(spec, { page_size: String(spec.maxPageSize), ...range(spec) });
		expect(answer.code).toBe(0);
		const records = answer[spec.listField] as Array<Record<string, unknown>>;
		expect(Array.isArray(records)).toBe(true);
		expect(records.length).toBeGreaterThan(0);
		// Every record has the key (a composite key: every part of it), and no two share one.
		const keys = records.map((record) => recordKey(record, spec.key));
		for (const key of keys) expect(key).toEqual(expect.any(String));
		if (typeof spec.key === 'string' && spec.key.endsWith('_id')) for (const key of keys) expect(key).toMatch(/^\d+$/);
		expect(new Set(keys).size).toBe(keys.length);
		if (spec.timeField !== undefined) for (const record of records) expect(record[spec.timeField]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	});

	it.each(lists.map((spec) => [spec.endpoint, spec] as const))('%s: page sizes up to maxPageSize accepted, one more refused; same default', (_name, spec) => {
		expect(ask(spec, { page_size: String(spec.maxPageSize), ...range(spec) }).code).toBe(0);
		expect(ask(spec, { page_size: String(spec.maxPageSize + 1), ...range(spec) }).code).toBe(2001);
		expect(spec.defaultPageSize).toBe(LISTS[`${spec.endpoint}.php`].defaultPageSize ?? 40);
		expect(spec.defaultPageSize).toBeLessThanOrEqual(spec.maxPageSize);
	});

	it.each(lists.map((spec) => [spec.endpoint, spec] as const))('%s: the windows splitWindows makes with its limit are accepted, a longer one is refused', (_name, spec) => {
		const emulatorMaxSec = LISTS[`${spec.endpoint}.php`].maxWindowSec;
		// A time field to select on exactly when there is a window to select with.
		expect(spec.timeField === undefined).toBe(spec.maxWindowMs === undefined);
		if (spec.maxWindowMs === undefined) {
			// No time parameters on our side: the emulator takes a call without them (stock_query_detail's
			// range is optional, docs/wdt-contract.md#stock_query_detail; shops and warehouses take none).
			expect(ask(spec, {}).code).toBe(0);
			return;
		}
		expect(emulatorMaxSec).toBeDefined();
		const limit = spec.maxWindowMs;
		const windows = splitWindows(ANCHOR_MS - 2 * limit - 1000, ANCHOR_MS, limit);
		expect(windows).toHaveLength(3);
		for (const window of windows) expect(ask(spec, windowParams(window)).code).toBe(0);
		const tooLong = ask(spec, windowParams({ start: ANCHOR_MS - limit - 1000, end: ANCHOR_MS }));
		expect(tooLong.code).toBe(2001);
		expect(tooLong.message).toMatch(/时间跨度不能超过/);
	});
});

describe('LIST_ENDPOINTS: facts of the spec', () => {
	// openapi2-endpoints.md: "trade_query accepts a window of at most 60 minutes", most others 30 days.
	it('trade_query is split into 60-minute windows, goods_query into 30-day ones', () => {
		const from = Date.UTC(2026, 9, 1);
		expect(splitWindows(from, from + 24 * 3600_000, LIST_ENDPOINTS.trade_query.maxWindowMs)).toHaveLength(24);
		expect(splitWindows(from, from + 60 * 86400_000, LIST_ENDPOINTS.goods_query.maxWindowMs)).toHaveLength(2);
	});

	// openapi2-endpoints.md: page_size 1–100, default 40 on most endpoints, 30 on goods_query.
	it('goods_query pages 30 by default, the others 40; never more than 100', () => {
		expect(LIST_ENDPOINTS.goods_query.defaultPageSize).toBe(30);
		expect(LIST_ENDPOINTS.trade_query.defaultPageSize).toBe(40);
		for (const spec of lists) expect(spec.maxPageSize).toBe(100);
	});
});

describe('KNOWN_ENDPOINTS (the Any Endpoint · Call list)', () => {
	const names = KNOWN_ENDPOINTS.map((e) => e.name);
	const chineseOf = (name: string) => KNOWN_ENDPOINTS.find((e) => e.name === name)?.chinese;

	it('names each endpoint once, as its .php file name without the extension, in alphabetical order', () => {
		for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*[a-z]$/);
		expect(new Set(names).size).toBe(names.length);
		expect([...names].sort()).toEqual(names);
	});

	it('gives every endpoint a Chinese title for the dropdown', () => {
		for (const { name, chinese } of KNOWN_ENDPOINTS) expect(`${name}: ${chinese}`).toMatch(/^[a-z_]+: \S*[\u4e00-\u9fff]/);
	});

	it('offers every endpoint the emulator serves', () => {
		const served = Object.keys(ENDPOINTS).map((file) => file.replace(/\.php$/, ''));
		expect(served.length).toBeGreaterThan(10);
		expect(names).toEqual(expect.arrayContaining(served));
	});

	it('offers every list endpoint under the same Chinese name as its Get Many', () => {
		for (const spec of lists) expect([spec.endpoint, chineseOf(spec.endpoint)]).toEqual([spec.endpoint, spec.chinese]);
	});

	// openapi2-endpoints.md, "The endpoints ops teams use most": endpoint and 中文 columns.
	it.each([
		['trade_push', '创建原始订单'],
		['logistics_sync_query', '查询物流同步'],
		['logistics_sync_ack', '物流同步回写'],
		['api_goods_stock_change_query', '查询库存同步'],
		['api_goods_stock_change_ack', '库存同步回写'],
		['goods_push', '货品推送'],
		['api_goodsspec_push', '平台货品推送'],
	])('%s is 「%s」 as in the spec', (name, chinese) => {
		expect(chineseOf(name)).toBe(chinese);
	});

	// openapi2-endpoints.md: "Also listed by SDKs: …".
	it('offers the endpoints the spec says the SDKs list', () => {
		const alsoListed =
			'stock_query_detail, his_trade_query, vip_api_trade_query, stockin_order_query_purchase, stockin_order_query_refund, stockout_order_query, stock_transfer_query, purchase_apply_query, stock_sync_by_pd, stockin_order_push, stockout_order_push, purchase_order_push, sales_refund_push';
		expect(names).toEqual(expect.arrayContaining(alsoListed.split(', ')));
	});
});
