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
		name: 'Order Created or Updated',
		description:
			'An order was created or changed: status, address, lines… (trade_query.php)',
		spec: timed(LIST_ENDPOINTS.trade_query),
		filters: { shopNo: 'shop_no', warehouseNo: 'warehouse_no', status: 'status' },
	},
	{
		value: 'salesStockoutUpdated',
		name: 'Sales Stockout Created or Updated',
		description:
			'A sales stockout was created or changed, e.g. shipped with its tracking number (stockout_order_query_trade.php)',
		spec: timed(LIST_ENDPOINTS.stockout_order_query_trade),
		filters: { shopNo: 'shop_no', warehouseNo: 'warehouse_no', status: 'status' },
	},
	{
		value: 'refundUpdated',
		name: 'Refund Created or Updated',
		description:
			'A refund or return was created or changed (refund_query.php)',
		spec: timed(LIST_ENDPOINTS.refund_query),
		filters: { shopNo: 'shop_no', status: 'process_status' },
	},
	{
		value: 'stockChanged',
		name: 'Stock Changed in a Warehouse',
		description:
			'The stock of a spec in a warehouse changed, one item per spec × warehouse (stock_query.php)',
		spec: timed(LIST_ENDPOINTS.stock_query),
		filters: { warehouseNo: 'warehouse_no', specNo: 'spec_no' },
	},
	{
		value: 'goodsUpdated',
		name: 'Goods Created or Updated',
		description:
			'A goods record or one of its specs was created or changed (goods_query.php)',
		spec: timed(LIST_ENDPOINTS.goods_query),
		filters: { specNo: 'spec_no' },
	},
	{
		value: 'purchaseOrderUpdated',
		name: 'Purchase Order Created or Updated',
		description:
			'A purchase order was created or changed (purchase_order_query.php)',
		spec: timed(LIST_ENDPOINTS.purchase_order_query),
		filters: { warehouseNo: 'warehouse_no', status: 'status' },
	},
];

/** The events that take a filter (for the field's displayOptions). */
export const eventsWith = (filter: TriggerFilter): string[] =>
	TRIGGER_EVENTS.filter((event) => event.filters[filter] !== undefined).map((event) => event.value);
