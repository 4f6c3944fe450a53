/**
 * The openapi2 endpoints this package knows: every name public material lists (for Any Endpoint),
 * and for the paged list queries what the fetcher needs — list field, record key, time field,
 * longest time window, page size. Facts from the spec (`openapi2-endpoints.md`); where the spec
 * says "not confirmed" (purchase_order_query's list field) the reader falls back to the only
 * array field of the answer.
 */
import type { RecordKeySpec } from './listAnswer';
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
	/** Longest accepted start_time..end_time span; undefined = no time parameters. */
	maxWindowMs?: number;
	maxPageSize: number;
	defaultPageSize: number;
}

const list = (spec: Omit<ListEndpointSpec, 'maxPageSize' | 'defaultPageSize'> & Partial<ListEndpointSpec>) =>
	({ maxPageSize: 100, defaultPageSize: 40, ...spec }) satisfies ListEndpointSpec;

const THIRTY_DAYS = 30 * DAY_MS;

export const LIST_ENDPOINTS = {
	shop: list({ endpoint: 'shop', chinese: '查询店铺', listField: 'shoplist', key: 'shop_id' }),
	warehouse_query: list({
		endpoint: 'warehouse_query',
		chinese: '查询仓库',
		listField: 'warehouses',
		// Rows may carry no warehouse_id (#28); the warehouse code identifies a warehouse.
		key: 'warehouse_no',
	}),
	goods_query: list({
		endpoint: 'goods_query',
		chinese: '查询货品档案',
		listField: 'goods_list',
		key: 'goods_id',
		timeField: 'modified',
		maxWindowMs: THIRTY_DAYS,
		defaultPageSize: 30,
	}),
	stock_query: list({
		endpoint: 'stock_query',
		chinese: '增量查询库存',
		listField: 'stocks',
		// Rows may carry no rec_id (#28): one row per spec × warehouse.
		key: ['spec_no', 'warehouse_no'],
		timeField: 'modified',
		maxWindowMs: THIRTY_DAYS,
	}),
	stock_query_detail: list({
		endpoint: 'stock_query_detail',
		chinese: '查询库存明细',
		listField: 'stocks',
		key: 'rec_id',
	}),
	trade_query: list({
		endpoint: 'trade_query',
		chinese: '查询订单管理',
		listField: 'trades',
		key: 'trade_id',
		timeField: 'modified',
		maxWindowMs: HOUR_MS,
	}),
	his_trade_query: list({
		endpoint: 'his_trade_query',
		chinese: '查询历史订单',
		listField: 'trades',
		key: 'trade_id',
		timeField: 'modified',
		maxWindowMs: THIRTY_DAYS,
	}),
	stockout_order_query_trade: list({
		endpoint: 'stockout_order_query_trade',
		chinese: '查询销售出库单',
		listField: 'stockout_list',
		key: 'stockout_id',
		timeField: 'modified',
		maxWindowMs: THIRTY_DAYS,
	}),
	refund_query: list({
		endpoint: 'refund_query',
		chinese: '查询退换管理',
		listField: 'refunds',
		key: 'refund_id',
		timeField: 'modified',
		maxWindowMs: THIRTY_DAYS,
	}),
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

/**
 * Every openapi2 endpoint named in public material (WDT's pages and the public SDKs), with its
 * Chinese name, for Any Endpoint · Call. Names outside the spec's table are WDT's titles as the
 * SDKs give them; an endpoint missing here can still be typed.
 */
export const KNOWN_ENDPOINTS: ReadonlyArray<{ name: string; chinese: string }> = [
	{ name: 'api_goods_stock_change_ack', chinese: '库存同步回写' },
	{ name: 'api_goods_stock_change_query', chinese: '查询库存同步' },
	{ name: 'api_goodsspec_push', chinese: '平台货品推送' },
	{ name: 'api_refund_query', chinese: '查询原始退款单' },
	{ name: 'goods_class_query', chinese: '查询货品分类' },
	{ name: 'goods_push', chinese: '货品推送' },
	{ name: 'goods_query', chinese: '查询货品档案' },
	{ name: 'his_trade_query', chinese: '查询历史订单' },
	{ name: 'logistics', chinese: '查询物流公司' },
	{ name: 'logistics_sync_ack', chinese: '物流同步回写' },
	{ name: 'logistics_sync_query', chinese: '查询物流同步' },
	{ name: 'purchase_apply_query', chinese: '查询采购申请单' },
	{ name: 'purchase_order_push', chinese: '创建采购单' },
	{ name: 'purchase_order_query', chinese: '查询采购单' },
	{ name: 'purchase_provider_create', chinese: '创建供应商' },
	{ name: 'purchase_provider_query', chinese: '查询供应商' },
	{ name: 'purchase_return_order_push', chinese: '创建采购退货出库单' },
	{ name: 'purchase_return_push', chinese: '创建采购退货单' },
	{ name: 'purchase_return_query', chinese: '查询采购退货单' },
	{ name: 'refund_query', chinese: '查询退换管理' },
	{ name: 'sales_refund_push', chinese: '创建原始退款单' },
	{ name: 'shop', chinese: '查询店铺' },
	{ name: 'stock_pd_order_query', chinese: '查询盘点单' },
	{ name: 'stock_query', chinese: '增量查询库存' },
	{ name: 'stock_query_detail', chinese: '查询库存明细' },
	{ name: 'stock_sync_by_pd', chinese: '盘点同步库存' },
	{ name: 'stock_transfer_push', chinese: '创建调拨单' },
	{ name: 'stock_transfer_query', chinese: '查询调拨单' },
	{ name: 'stockin_order_push', chinese: '创建其他入库单' },
	{ name: 'stockin_order_query', chinese: '查询入库单' },
	{ name: 'stockin_order_query_purchase', chinese: '查询采购入库单' },
	{ name: 'stockin_order_query_refund', chinese: '查询退货入库单' },
	{ name: 'stockin_purchase_push', chinese: '创建采购入库单' },
	{ name: 'stockin_refund_push', chinese: '创建退货入库单' },
	{ name: 'stockin_transfer_push', chinese: '创建调拨入库单' },
	{ name: 'stockout_order_push', chinese: '创建其他出库单' },
	{ name: 'stockout_order_query', chinese: '查询出库单' },
	{ name: 'stockout_order_query_return', chinese: '查询采购退货出库单' },
	{ name: 'stockout_order_query_trade', chinese: '查询销售出库单' },
	{ name: 'stockout_transfer_push', chinese: '创建调拨出库单' },
	{ name: 'suites_query', chinese: '查询组合装' },
	{ name: 'trade_push', chinese: '创建原始订单' },
	{ name: 'trade_query', chinese: '查询订单管理' },
	{ name: 'vip_api_goods_query', chinese: '查询平台货品' },
	{ name: 'vip_api_trade_query', chinese: '查询原始订单' },
	{ name: 'vip_invoice_info_query', chinese: '查询发票信息' },
	{ name: 'vip_invoice_info_update', chinese: '更新发票信息' },
	{ name: 'vip_jit_return_stockin_order_query', chinese: '查询JIT退货入库单' },
	{ name: 'vip_jit_stockout_order_query', chinese: '查询JIT出库单' },
	{ name: 'vip_stat_refund_by_spec_shop_warehouse_query', chinese: '退货统计(按货品/店铺/仓库)' },
	{ name: 'vip_stat_sales_by_spec_shop_warehouse_query', chinese: '销售统计(按货品/店铺/仓库)' },
	{ name: 'vip_stock_outside_wms_query', chinese: '查询外仓库存' },
	{ name: 'vip_stock_query_all', chinese: '查询全量库存' },
	{ name: 'vip_stockout_sales_weight_push', chinese: '销售出库单称重' },
	{ name: 'vip_trade_modify', chinese: '修改订单' },
	{ name: 'vip_wms_stockinout_order_push', chinese: '外仓出入库单推送' },
	{ name: 'warehouse_query', chinese: '查询仓库' },
];
