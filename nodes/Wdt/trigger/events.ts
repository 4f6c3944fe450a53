/**
 * What the WDT Trigger can watch: one paged openapi2 query per event, read by the time its range
 * selects on (docs/wdt-contract.md), and the filters each one takes. Most events are one read per
 * poll by `modified`; sales stockouts are three (see STOCKOUT_READS).
 */
import type { WdtParamValue } from '../protocol';
import type { ListEndpointSpec } from '../protocol/catalogue';
import { LIST_ENDPOINTS, STOCKOUT_UNSHIPPED_STATUSES, forParams } from '../protocol/catalogue';

export type TriggerFilter = 'shopNo' | 'warehouseNo' | 'status' | 'specNo';

export type TimedSpec = ListEndpointSpec & { timeField: string };

/** One read of a poll: the endpoint as these filters read it, and the filters. */
export interface EventRead {
	spec: TimedSpec;
	params: Record<string, WdtParamValue>;
}

export interface TriggerEvent {
	value: string;
	name: string;
	description: string;
	spec: TimedSpec;
	/** The filters the endpoint takes, with their wire names. */
	filters: Partial<Record<TriggerFilter, string>>;
	/** The reads of one poll for the filters set (default: one read of `spec` with them). */
	reads?: (params: Record<string, WdtParamValue>) => EventRead[];
}

const timed = (spec: ListEndpointSpec): TimedSpec => {
	if (spec.timeField === undefined) throw new Error(`${spec.endpoint} has no time field`);
	return { ...spec, timeField: spec.timeField };
};

/**
 * Sales stockouts (docs/wdt-contract.md#stockout_order_query_trade): a range without status
 * selects the ship time and returns only shipped and completed stockouts; with a status below 95
 * it selects the last modification. So a poll reads the shipments by ship time, and each
 * documented status before shipping (5 cancelled, 55 checked) by modified: three reads. An edit of
 * a stockout already shipped moves neither its ship time nor a status read's range: WDT cannot
 * report it. With the Status filter set, one read of that status, by the time it selects on.
 */
function stockoutReads(params: Record<string, WdtParamValue>): EventRead[] {
	const spec = LIST_ENDPOINTS.stockout_order_query_trade;
	if (params.status !== undefined) return [{ spec: timed(forParams(spec, params)), params }];
	return [
		{ spec: timed(spec), params },
		...STOCKOUT_UNSHIPPED_STATUSES.map((status) => {
			const withStatus = { ...params, status };
			return { spec: timed(forParams(spec, withStatus)), params: withStatus };
		}),
	];
}

/** The reads of one poll of `event` with the filters set. */
export function eventReads(event: TriggerEvent, params: Record<string, WdtParamValue>): EventRead[] {
	return event.reads ? event.reads(params) : [{ spec: event.spec, params }];
}

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
			'A sales stockout was shipped, or created or changed before shipping (stockout_order_query_trade.php). WDT does not report edits after shipping.',
		spec: timed(LIST_ENDPOINTS.stockout_order_query_trade),
		filters: { shopNo: 'shop_no', warehouseNo: 'warehouse_no', status: 'status' },
		reads: stockoutReads,
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
			'A goods record or one of its specs was created or changed, by goods_modified / spec_modified (goods_query.php)',
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
