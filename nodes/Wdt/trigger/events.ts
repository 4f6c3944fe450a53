/**
 * What the WDT Trigger can watch: one paged openapi2 query per event, read by its `modified` time,
 * and the filters each one takes.
 */
import type { ListEndpointSpec } from '../protocol/catalogue';
import { LIST_ENDPOINTS } from '../protocol/catalogue';

export type TriggerFilter = 'shopNo' | 'warehouseNo' | 'status' | 'specNo';

export interface TriggerEvent {
	value: string;
	name: string;
	description: string;
	spec: ListEndpointSpec & { timeField: string };
	/** The filters the endpoint takes, with their wire names. */
	filters: Partial<Record<TriggerFilter, string>>;
}

const timed = (spec: ListEndpointSpec) => {
	if (spec.timeField === undefined) throw new Error(`${spec.endpoint} has no time field`);
	return { ...spec, timeField: spec.timeField };
};

export const TRIGGER_EVENTS: TriggerEvent[] = [
	{
		value: 'orderUpdated',
		name: 'Order Created or Updated (订单)',
		description:
			'An order (系统订单) was created or changed: status, address, lines… (查询订单管理 trade_query.php)',
		spec: timed(LIST_ENDPOINTS.trade_query),
		filters: { shopNo: 'shop_no', warehouseNo: 'warehouse_no', status: 'status' },
	},
	{
		value: 'salesStockoutUpdated',
		name: 'Sales Stockout Created or Updated (销售出库单)',
		description:
			'A sales stockout (销售出库单) was created or changed, e.g. shipped with its tracking number (查询销售出库单 stockout_order_query_trade.php)',
		spec: timed(LIST_ENDPOINTS.stockout_order_query_trade),
		filters: { shopNo: 'shop_no', warehouseNo: 'warehouse_no', status: 'status' },
	},
	{
		value: 'refundUpdated',
		name: 'Refund Created or Updated (退换单)',
		description:
			'A refund or return (退换单) was created or changed (查询退换管理 refund_query.php)',
		spec: timed(LIST_ENDPOINTS.refund_query),
		filters: { shopNo: 'shop_no', status: 'process_status' },
	},
	{
		value: 'stockChanged',
		name: 'Stock Changed in a Warehouse (库存)',
		description:
			'The stock of a spec in a warehouse changed, one item per spec × warehouse (增量查询库存 stock_query.php)',
		spec: timed(LIST_ENDPOINTS.stock_query),
		filters: { warehouseNo: 'warehouse_no', specNo: 'spec_no' },
	},
	{
		value: 'goodsUpdated',
		name: 'Goods Created or Updated (货品档案)',
		description:
			'A goods record (货品档案) or one of its specs was created or changed (查询货品档案 goods_query.php)',
		spec: timed(LIST_ENDPOINTS.goods_query),
		filters: { specNo: 'spec_no' },
	},
	{
		value: 'purchaseOrderUpdated',
		name: 'Purchase Order Created or Updated (采购单)',
		description:
			'A purchase order (采购单) was created or changed (查询采购单 purchase_order_query.php)',
		spec: timed(LIST_ENDPOINTS.purchase_order_query),
		filters: { warehouseNo: 'warehouse_no', status: 'status' },
	},
];

/** The events that take a filter (for the field's displayOptions). */
export const eventsWith = (filter: TriggerFilter): string[] =>
	TRIGGER_EVENTS.filter((event) => event.filters[filter] !== undefined).map((event) => event.value);
