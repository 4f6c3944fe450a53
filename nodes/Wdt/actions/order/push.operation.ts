/**
 * Order · Push (创建原始订单 trade_push.php): the shop's orders into the ERP as 原始订单, in
 * batches, one result per order. Re-pushing an order is safe: WDT keys 原始订单 by shop + tid and
 * updates the one it has (never a second order), so a run can be repeated after any failure.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallOptions } from '../../callOptions';
import { callOptionProperties, clamp, readCallOptions } from '../../callOptions';
import type { WriteEntry, WriteProblem } from '../../shop/batchedWrite';
import { runBatchedWrite } from '../../shop/batchedWrite';
import { pushOutcomes } from '../../shop/pushOutcomes';
import type { InputMode, PushOrder } from '../../shop/tradeOrders';
import { collectOrders } from '../../shop/tradeOrders';
import { byDisplayName, showFor } from '../common/listFields';
import { fieldLabel } from '../../fieldLabel';

export const ENDPOINT = 'trade_push.php';
/** WDT takes at most 50 orders a call. */
export const MAX_ORDERS_PER_CALL = 50;
const display = { resource: 'order', operation: 'push' };

export const description: INodeProperties[] = [
	{
		displayName: fieldLabel('Shop Code', '店铺编号', 'shop_no'),
		name: 'shopNo',
		type: 'string',
		default: '',
		required: true,
		displayOptions: showFor(display),
		placeholder: 'e.g. my-mall',
		description: 'The ERP shop the orders belong to (a shop of type 自有/其他平台). May differ per item (an expression reading the item\'s shop_no): each shop\'s orders go in calls of their own.',
	},
	{
		displayName: 'Each Input Item Is (每个输入项是)',
		name: 'inputMode',
		type: 'options',
		default: 'order',
		displayOptions: showFor(display),
		options: [
			{
				name: 'One Order With Its Lines',
				value: 'order',
				description: 'The item holds tid, the buyer and amount fields, and order_list: the list of its lines',
			},
			{
				name: 'One Order Line, Grouped by Order ID',
				value: 'line',
				description:
					'The item holds one line (oid, num, price, spec_no …) and its order\'s fields (tid, receiver_…, paid …); items with the same tid become one order',
			},
		],
		description: 'How the input items map to trade_list. Field names are WDT\'s (see the README for the list).',
	},
	{
		displayName: fieldLabel('Refuse All on One Bad Order', '严格模式', 'switch'),
		name: 'strict',
		type: 'boolean',
		default: false,
		displayOptions: showFor(display),
		description:
			'Whether WDT should refuse the whole call when one order is bad (switch = 1). Off (switch = 0): WDT takes the good orders.',
	},
	{
		displayName: 'Options (选项)',
		name: 'pushOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor(display),
		options: byDisplayName([
			{
				displayName: 'Batch Size (每批条数)',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_ORDERS_PER_CALL },
				default: 50,
				description: `Orders per call (trade_list entries), 1–${MAX_ORDERS_PER_CALL} (WDT's limit)`,
			},
			{
				displayName: 'Check Totals (核对金额)',
				name: 'checkTotals',
				type: 'boolean',
				default: true,
				description:
					'Whether to refuse an order whose lines do not add up: Σ(price × num + adjust_amount − discount − share_discount) + post_amount + other_amount must equal paid (+ cod_amount for 货到付款)',
			},
			...callOptionProperties('batch'),
		]),
	},
];

interface PushOptions extends CallOptions {
	batchSize?: number;
	checkTotals?: boolean;
}

type OrderEntry = WriteEntry & { order: PushOrder; shopNo: string };

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const mode = this.getNodeParameter('inputMode', 0, 'order') as InputMode;
	const strict = this.getNodeParameter('strict', 0, false) === true;
	const options = this.getNodeParameter('pushOptions', 0, {}) as PushOptions;
	// Shop Code may differ per item (an expression): each shop's orders are checked and sent apart.
	const byShop = new Map<string, number[]>();
	items.forEach((_, itemIndex) => {
		const shopNo = String(this.getNodeParameter('shopNo', itemIndex, '') ?? '').trim();
		if (shopNo === '') {
			throw new NodeOperationError(this.getNode(), 'Shop Code (店铺编号 shop_no) is empty', { itemIndex });
		}
		const indexes = byShop.get(shopNo);
		if (indexes) indexes.push(itemIndex);
		else byShop.set(shopNo, [itemIndex]);
	});
	const entries: OrderEntry[] = [];
	const problems: WriteProblem[] = [];
	for (const [shopNo, indexes] of byShop) {
		const collected = collectOrders(
			indexes.map((itemIndex) => items[itemIndex].json),
			mode,
			{ checkTotals: options.checkTotals !== false },
		);
		const original = (local: number[]) => local.map((index) => indexes[index]);
		for (const problem of collected.problems) {
			problems.push({
				itemIndexes: original(problem.itemIndexes),
				field: problem.field,
				message: `${problem.tid === undefined ? '' : `order ${problem.tid}: `}${problem.message}`,
				values: { shop_no: shopNo, tid: problem.tid ?? null } as IDataObject,
			});
		}
		for (const order of collected.orders) {
			entries.push({
				key: order.tid,
				itemIndexes: original(order.itemIndexes),
				order,
				shopNo,
				values: { shop_no: shopNo, tid: order.tid, lines: (order.wire.order_list as unknown[]).length },
			});
		}
	}
	return await runBatchedWrite(this, {
		noun: 'order',
		endpoint: ENDPOINT,
		entries,
		problems,
		batchSize: clamp(options.batchSize, 1, MAX_ORDERS_PER_CALL, MAX_ORDERS_PER_CALL),
		groupOf: (entry) => entry.shopNo,
		params: (batch) => ({
			shop_no: batch[0].shopNo,
			switch: strict ? 1 : 0,
			trade_list: JSON.stringify(batch.map((entry) => entry.order.wire)),
		}),
		outcomes: (keys, result) => pushOutcomes(keys, result, ['tid']),
		call: readCallOptions(options),
		rerun: 'Pushing an order again is safe (WDT updates it by tid): fix the cause and run again.',
	});
}
