/**
 * The openapi2 endpoints this package knows: every name public material lists (for Any Endpoint),
 * for the paged list queries what the fetcher needs — list field, record key, time field, longest
 * time window, page size — and for the writes their batch limits and answer shapes. This is the
 * contract in code: every fact here is stated, with its public source, in docs/wdt-contract.md
 * (each entry points at its section); a fact marked *assumed* there is marked so here.
 */
import type { RecordKeySpec, RecordVersionSpec } from './listAnswer';
import { DAY_MS, HOUR_MS } from './timeWindows';

export interface ListEndpointSpec {
	/** Endpoint name without `.php`. */
	endpoint: string;
	/** WDT's name for it. */
	chinese: string;
	/** The array field of the answer holding the records. */
	listField: string;
	/**
	 * The field(s) identifying a record (de-duplication): one field, or several that identify it
	 * together where rows may carry no id. A row without them is known by its whole content.
	 */
	key: RecordKeySpec;
	/** The record field start_time/end_time select on (newest wins when a key repeats). */
	timeField?: string;
	/**
	 * When the call filters by a status below `below`, the range selects `timeField` of this
	 * entry instead (stockouts: ship time without status or from 95 on, modified below 95).
	 */
	windowByStatus?: { below: number; timeField: string };
	/**
	 * A parameter that moves the range to another time: its value → the field the range then
	 * selects on (null: a time the records do not name). refund_query's time_type 1: settlement time.
	 */
	windowByParam?: { param: string; fields: Readonly<Record<string, string | null>> };
	/**
	 * What says a record changed, when it is not `timeField` (stockouts: `modified`, whatever the
	 * range selects on; goods: the newest of goods_modified and its specs' spec_modified).
	 */
	version?: RecordVersionSpec;
	/** The his_* endpoint that holds this endpoint's archived records. */
	history?: string;
	/** Longest accepted start_time..end_time span; undefined = no time parameters. */
	maxWindowMs?: number;
	maxPageSize: number;
	defaultPageSize: number;
}

const list = (
	spec: Omit<ListEndpointSpec, 'maxPageSize' | 'defaultPageSize'> & Partial<ListEndpointSpec>,
) => ({ maxPageSize: 100, defaultPageSize: 40, ...spec }) satisfies ListEndpointSpec;

const THIRTY_DAYS = 30 * DAY_MS;

/** stockout_order_query_trade: from this status on a range selects the ship time, below it `modified`. */
const STOCKOUT_SHIPPED_FROM = 95;

/** refund_query's time_type: 0 (default) the last modification, 1 the settlement time (docs/wdt-contract.md#refund_query). */
const REFUND_TIME_TYPE = { param: 'time_type', fields: { '0': 'modified', '1': null } } as const;

export const LIST_ENDPOINTS = {
	// docs/wdt-contract.md#shop: page size 1–100, default 30; no time range.
	shop: list({ endpoint: 'shop', chinese: '查询店铺', listField: 'shoplist', key: 'shop_id', defaultPageSize: 30 }),
	// docs/wdt-contract.md#warehouse_query: key warehouse_no (documented unique); rows may lack
	// warehouse_id (assumed either way); no time range.
	warehouse_query: list({
		endpoint: 'warehouse_query',
		chinese: '查询仓库',
		listField: 'warehouses',
		key: 'warehouse_no',
	}),
	// docs/wdt-contract.md#goods_query: time fields goods_modified / spec_modified (no modified);
	// ≤ 30 days; default page 30. Whether a spec change moves goods_modified is assumed, so a
	// goods record's version is the newest of both.
	goods_query: list({
		endpoint: 'goods_query',
		chinese: '查询货品档案',
		listField: 'goods_list',
		key: 'goods_id',
		timeField: 'goods_modified',
		version: { field: 'goods_modified', list: { name: 'spec_list', field: 'spec_modified' } },
		maxWindowMs: THIRTY_DAYS,
		defaultPageSize: 30,
	}),
	// docs/wdt-contract.md#stock_query: rows may carry no rec_id (assumed either way); a row is
	// one spec × warehouse, so spec_no + warehouse_no identify it.
	stock_query: list({
		endpoint: 'stock_query',
		chinese: '增量查询库存',
		listField: 'stocks',
		key: ['spec_no', 'warehouse_no'],
		timeField: 'modified',
		maxWindowMs: THIRTY_DAYS,
	}),
	// docs/wdt-contract.md#stock_query_detail: as stock_query; read without a range.
	stock_query_detail: list({
		endpoint: 'stock_query_detail',
		chinese: '查询库存明细',
		listField: 'stocks',
		key: ['spec_no', 'warehouse_no'],
	}),
	// docs/wdt-contract.md#trade_query: modified, ≤ 60 minutes; status 0 = every order.
	trade_query: list({
		endpoint: 'trade_query',
		chinese: '查询订单管理',
		listField: 'trades',
		key: 'trade_id',
		timeField: 'modified',
		maxWindowMs: HOUR_MS,
		history: 'his_trade_query',
	}),
	// docs/wdt-contract.md#his_trade_query: the 30-day window is assumed (not published).
	his_trade_query: list({
		endpoint: 'his_trade_query',
		chinese: '查询历史订单',
		listField: 'trades',
		key: 'trade_id',
		timeField: 'modified',
		maxWindowMs: THIRTY_DAYS,
	}),
	// docs/wdt-contract.md#stockout_order_query_trade: without status (or status ≥ 95) the range is
	// the ship time and only shipped/completed stockouts come back; status < 95: modified.
	stockout_order_query_trade: list({
		endpoint: 'stockout_order_query_trade',
		chinese: '查询销售出库单',
		listField: 'stockout_list',
		key: 'stockout_id',
		timeField: 'consign_time',
		windowByStatus: { below: STOCKOUT_SHIPPED_FROM, timeField: 'modified' },
		version: { field: 'modified' },
		maxWindowMs: THIRTY_DAYS,
		history: 'his_stockout_order_query_trade',
	}),
	// docs/wdt-contract.md#his_stockout_order_query_trade: as the live endpoint; 30 days assumed.
	his_stockout_order_query_trade: list({
		endpoint: 'his_stockout_order_query_trade',
		chinese: '查询历史销售出库单',
		listField: 'stockout_list',
		key: 'stockout_id',
		timeField: 'consign_time',
		windowByStatus: { below: STOCKOUT_SHIPPED_FROM, timeField: 'modified' },
		version: { field: 'modified' },
		maxWindowMs: THIRTY_DAYS,
	}),
	// docs/wdt-contract.md#refund_query: modified, ≤ 30 days; lines in refund_order_list.
	refund_query: list({
		endpoint: 'refund_query',
		chinese: '查询退换管理',
		listField: 'refunds',
		key: 'refund_id',
		timeField: 'modified',
		windowByParam: REFUND_TIME_TYPE,
		version: { field: 'modified' },
		maxWindowMs: THIRTY_DAYS,
		history: 'his_refund_query',
	}),
	// docs/wdt-contract.md#his_refund_query: as the live endpoint; 30 days assumed.
	his_refund_query: list({
		endpoint: 'his_refund_query',
		chinese: '查询历史退换管理',
		listField: 'refunds',
		key: 'refund_id',
		timeField: 'modified',
		windowByParam: REFUND_TIME_TYPE,
		version: { field: 'modified' },
		maxWindowMs: THIRTY_DAYS,
	}),
	// docs/wdt-contract.md#purchase_order_query: modified, ≤ 30 days; the key is assumed.
	purchase_order_query: list({
		endpoint: 'purchase_order_query',
		chinese: '查询采购单',
		listField: 'purchase_list',
		key: 'purchase_id',
		timeField: 'modified',
		maxWindowMs: THIRTY_DAYS,
	}),
} as const;

export type ListEndpointName = keyof typeof LIST_ENDPOINTS;

/** The his_* endpoint holding a live endpoint's archived records (docs/wdt-contract.md). */
export function historyOf(spec: ListEndpointSpec): ListEndpointSpec {
	const history = spec.history === undefined ? undefined : (LIST_ENDPOINTS as Record<string, ListEndpointSpec>)[spec.history];
	if (history === undefined) throw new Error(`${spec.endpoint} has no history endpoint`);
	return history;
}

/** What says a record of this endpoint changed: its `version`, else its time field. */
export function versionSpec(spec: Pick<ListEndpointSpec, 'timeField' | 'version'>): RecordVersionSpec | undefined {
	return spec.version ?? (spec.timeField === undefined ? undefined : { field: spec.timeField });
}

/**
 * The entry as a call with these parameters reads it: the time field its range selects on
 * (stockout_order_query_trade: the ship time without status or from status 95 on, `modified`
 * below, docs/wdt-contract.md#stockout_order_query_trade; refund_query's time_type).
 */
export function forParams<S extends ListEndpointSpec>(spec: S, params: Record<string, unknown>): S {
	const text = (name: string) => {
		const value = params[name];
		return value === undefined || value === null ? '' : String(value as string).trim();
	};
	const byParam = spec.windowByParam;
	const chosen = byParam === undefined ? undefined : byParam.fields[text(byParam.param)];
	if (chosen !== undefined) {
		// Records merge by their version whatever the range selects on.
		return { ...spec, timeField: chosen ?? undefined, version: versionSpec(spec) };
	}
	const rule = spec.windowByStatus;
	const status = text('status');
	if (rule === undefined || status === '') return spec;
	const number = Number(status);
	if (!Number.isFinite(number) || number >= rule.below) return spec;
	return { ...spec, timeField: rule.timeField };
}

/**
 * stockout_order_query_trade's statuses (docs/wdt-contract.md#stockout_order_query_trade); below
 * 95 a range selects on `modified`, from 95 on on the ship time.
 */
export const STOCKOUT_STATUS = {
	CANCELLED: 5, // 已取消
	CHECKED: 55, // 已审核
	SHIPPED: 95, // 已发货
	PARTLY_PAID: 105, // 部分打款
	DONE: 110, // 已完成
	SHIPPED_WITH_EXCEPTION: 113, // 异常发货
} as const;

/** The documented stockout statuses before shipping: a range with one of them selects on `modified`. */
export const STOCKOUT_UNSHIPPED_STATUSES: readonly number[] = Object.values(STOCKOUT_STATUS).filter(
	(status) => status < STOCKOUT_SHIPPED_FROM,
);

/**
 * When WDT moves a record from a live endpoint to its his_* endpoint: not published
 * (docs/wdt-contract.md, "Rules every endpoint shares"). Assumed: when its last modification
 * (`modified`) is 3 calendar months old. ARCHIVE_MARGIN_MS either side of that border is read from
 * both endpoints, so an archive that runs a few days earlier or later (90 days, a nightly job)
 * loses nothing.
 */
export const ARCHIVE_AFTER_MONTHS = 3;
export const ARCHIVE_MARGIN_MS = 3 * DAY_MS;
/** The record field the archive goes by (assumed, as above). */
export const ARCHIVE_FIELD = 'modified';

/**
 * refund_query's process_status (docs/wdt-contract.md#refund_query): 10 is cancelled, a new
 * refund waits for review (20).
 */
export const REFUND_PROCESS_STATUS = {
	SUPPLEMENT: 5, // 补款
	CANCELLED: 10, // 已取消
	WAITING_REVIEW: 20, // 待审核
	AGREED: 30, // 已同意
	REFUSED: 40, // 已拒绝
	WAITING_FINANCE: 50, // 待财审
	WAITING_GOODS: 60, // 待收货
	WAITING_PUSH: 63, // 待推送
	PUSH_FAILED: 64, // 推送失败
	OUTSOURCED_WAITING_GOODS: 65, // 委外待收货
	WAITING_GOODS_SETTLED: 69, // 待收货(已结算)
	PARTLY_ARRIVED: 70, // 部分到货
	PARTLY_ARRIVED_SETTLED: 71, // 部分到货(已结算)
	WAITING_SETTLEMENT: 80, // 待结算
	DONE: 90, // 已完成
} as const;

/** trade_query: `status` 0 asks for every order (docs/wdt-contract.md#trade_query). */
export const TRADE_QUERY_ALL_STATUSES = 0;

/** A write endpoint: how many entries one call may carry, and what its answer says. */
export interface WriteEndpointSpec {
	endpoint: string;
	chinese: string;
	/** The form field holding the JSON entries. */
	listParam: string;
	/** WDT's (advised) maximum entries a call. */
	maxBatch: number;
	/** The answer carries new_count / chg_count: 'confirmed', or 'assumed' (see the contract). */
	counts?: 'confirmed' | 'assumed';
	/** The answer lists the entries it refused: 'documented' (errors[{<key>, error}]) or 'assumed'. */
	perEntryErrors: 'documented' | 'assumed';
}

export const WRITE_ENDPOINTS = {
	// docs/wdt-contract.md#trade_push: ≤ 50 orders advised; counts confirmed; per-order errors assumed.
	trade_push: {
		endpoint: 'trade_push',
		chinese: '创建原始订单',
		listParam: 'trade_list',
		maxBatch: 50,
		counts: 'confirmed',
		perEntryErrors: 'assumed',
	},
	// docs/wdt-contract.md#api_goodsspec_push: ≤ 2000 rows; the answer's counts are assumed.
	api_goodsspec_push: {
		endpoint: 'api_goodsspec_push',
		chinese: '创建平台货品',
		listParam: 'api_goods_info',
		maxBatch: 2000,
		counts: 'assumed',
		perEntryErrors: 'assumed',
	},
	// docs/wdt-contract.md#logistics_sync_ack: ≤ 50 records (数据不要超过50条); errors[{rec_id, error}].
	logistics_sync_ack: {
		endpoint: 'logistics_sync_ack',
		chinese: '物流同步回写',
		listParam: 'logistics_list',
		maxBatch: 50,
		perEntryErrors: 'documented',
	},
	// docs/wdt-contract.md#sales_refund_push: ≤ 10 refunds advised; counts confirmed (sister edition).
	sales_refund_push: {
		endpoint: 'sales_refund_push',
		chinese: '创建原始退款单',
		listParam: 'api_refund_list',
		maxBatch: 10,
		counts: 'confirmed',
		perEntryErrors: 'assumed',
	},
} as const satisfies Record<string, WriteEndpointSpec>;

/**
 * Every openapi2 endpoint named in public material (WDT's pages and the public SDKs), with its
 * English name (shown in Any Endpoint · Call) and WDT's Chinese name (docs/glossary.md). Names outside the spec's table are WDT's titles as the
 * SDKs give them; an endpoint missing here can still be typed.
 */
export const KNOWN_ENDPOINTS: ReadonlyArray<{ name: string; english: string; chinese: string }> = [
	{ name: 'api_goods_stock_change_ack', english: 'Acknowledge stock sync', chinese: '库存同步回写' },
	{ name: 'api_goods_stock_change_query', english: 'Query pending stock sync', chinese: '查询库存同步' },
	{ name: 'api_goodsspec_push', english: 'Push platform goods', chinese: '平台货品推送' },
	{ name: 'api_refund_query', english: 'Query platform refunds', chinese: '查询原始退款单' },
	{ name: 'goods_class_query', english: 'Query goods categories', chinese: '查询货品分类' },
	{ name: 'goods_push', english: 'Push goods', chinese: '货品推送' },
	{ name: 'goods_query', english: 'Query goods', chinese: '查询货品档案' },
	{ name: 'his_refund_query', english: 'Query history refunds', chinese: '查询历史退换管理' },
	{ name: 'his_stockout_order_query_trade', english: 'Query history sales stockouts', chinese: '查询历史销售出库单' },
	{ name: 'his_trade_query', english: 'Query history orders', chinese: '查询历史订单' },
	{ name: 'logistics', english: 'Query carriers', chinese: '查询物流公司' },
	{ name: 'logistics_sync_ack', english: 'Acknowledge logistics sync', chinese: '物流同步回写' },
	{ name: 'logistics_sync_query', english: 'Query pending logistics sync', chinese: '查询物流同步' },
	{ name: 'purchase_apply_query', english: 'Query purchase requests', chinese: '查询采购申请单' },
	{ name: 'purchase_order_push', english: 'Create purchase order', chinese: '创建采购单' },
	{ name: 'purchase_order_query', english: 'Query purchase orders', chinese: '查询采购单' },
	{ name: 'purchase_provider_create', english: 'Create supplier', chinese: '创建供应商' },
	{ name: 'purchase_provider_query', english: 'Query suppliers', chinese: '查询供应商' },
	{ name: 'purchase_return_order_push', english: 'Create purchase return stockout', chinese: '创建采购退货出库单' },
	{ name: 'purchase_return_push', english: 'Create purchase return', chinese: '创建采购退货单' },
	{ name: 'purchase_return_query', english: 'Query purchase returns', chinese: '查询采购退货单' },
	{ name: 'refund_query', english: 'Query refunds', chinese: '查询退换管理' },
	{ name: 'sales_refund_push', english: 'Create platform refund', chinese: '创建原始退款单' },
	{ name: 'shop', english: 'Query shops', chinese: '查询店铺' },
	{ name: 'stock_pd_order_query', english: 'Query stocktakes', chinese: '查询盘点单' },
	{ name: 'stock_query', english: 'Query stock changes', chinese: '增量查询库存' },
	{ name: 'stock_query_detail', english: 'Query stock details', chinese: '查询库存明细' },
	{ name: 'stock_sync_by_pd', english: 'Sync stock by stocktake', chinese: '盘点同步库存' },
	{ name: 'stock_transfer_push', english: 'Create stock transfer', chinese: '创建调拨单' },
	{ name: 'stock_transfer_query', english: 'Query stock transfers', chinese: '查询调拨单' },
	{ name: 'stockin_order_push', english: 'Create other stockin', chinese: '创建其他入库单' },
	{ name: 'stockin_order_query', english: 'Query stockins', chinese: '查询入库单' },
	{ name: 'stockin_order_query_purchase', english: 'Query purchase stockins', chinese: '查询采购入库单' },
	{ name: 'stockin_order_query_refund', english: 'Query return stockins', chinese: '查询退货入库单' },
	{ name: 'stockin_purchase_push', english: 'Create purchase stockin', chinese: '创建采购入库单' },
	{ name: 'stockin_refund_push', english: 'Create return stockin', chinese: '创建退货入库单' },
	{ name: 'stockin_transfer_push', english: 'Create transfer stockin', chinese: '创建调拨入库单' },
	{ name: 'stockout_order_push', english: 'Create other stockout', chinese: '创建其他出库单' },
	{ name: 'stockout_order_query', english: 'Query stockouts', chinese: '查询出库单' },
	{ name: 'stockout_order_query_return', english: 'Query purchase return stockouts', chinese: '查询采购退货出库单' },
	{ name: 'stockout_order_query_trade', english: 'Query sales stockouts', chinese: '查询销售出库单' },
	{ name: 'stockout_transfer_push', english: 'Create transfer stockout', chinese: '创建调拨出库单' },
	{ name: 'suites_query', english: 'Query bundles', chinese: '查询组合装' },
	{ name: 'trade_push', english: 'Create platform orders', chinese: '创建原始订单' },
	{ name: 'trade_query', english: 'Query orders', chinese: '查询订单管理' },
	{ name: 'vip_api_goods_query', english: 'Query platform goods', chinese: '查询平台货品' },
	{ name: 'vip_api_trade_query', english: 'Query platform orders', chinese: '查询原始订单' },
	{ name: 'vip_invoice_info_query', english: 'Query invoice information', chinese: '查询发票信息' },
	{ name: 'vip_invoice_info_update', english: 'Update invoice information', chinese: '更新发票信息' },
	{ name: 'vip_jit_return_stockin_order_query', english: 'Query JIT return stockins', chinese: '查询JIT退货入库单' },
	{ name: 'vip_jit_stockout_order_query', english: 'Query JIT stockouts', chinese: '查询JIT出库单' },
	{ name: 'vip_stat_refund_by_spec_shop_warehouse_query', english: 'Return statistics by SKU, shop and warehouse', chinese: '退货统计(按货品/店铺/仓库)' },
	{ name: 'vip_stat_sales_by_spec_shop_warehouse_query', english: 'Sales statistics by SKU, shop and warehouse', chinese: '销售统计(按货品/店铺/仓库)' },
	{ name: 'vip_stock_outside_wms_query', english: 'Query external warehouse stock', chinese: '查询外仓库存' },
	{ name: 'vip_stock_query_all', english: 'Query all stock', chinese: '查询全量库存' },
	{ name: 'vip_stockout_sales_weight_push', english: 'Weigh sales stockout', chinese: '销售出库单称重' },
	{ name: 'vip_trade_modify', english: 'Modify order', chinese: '修改订单' },
	{ name: 'vip_wms_stockinout_order_push', english: 'Push external warehouse stockin/stockout', chinese: '外仓出入库单推送' },
	{ name: 'warehouse_query', english: 'Query warehouses', chinese: '查询仓库' },
];
