/**
 * Order · Push (创建原始订单 trade_push.php): the shop's orders into the ERP as 原始订单, in
 * batches, one result per order. Re-pushing an order is safe: WDT keys 原始订单 by shop + tid and
 * updates the one it has (never a second order), so a run can be repeated after any failure.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { InputMode } from '../../shop/tradeOrders';
import { collectOrders } from '../../shop/tradeOrders';
import type { WriteEndpoint } from '../../writes/endpoint';
import { WriteInput } from '../../writes/merge';
import type { WriteOptionValues } from '../../writes/options';
import { readWriteOptions, writeOptionProperties } from '../../writes/options';
import { runWrite } from '../../writes/run';
import { showFor } from '../common/listFields';
import { codeLocator } from '../common/locators';
import { addShopChecked, itemsByShop } from '../common/shopWrites';

export const ENDPOINT = 'trade_push.php';
/** WDT takes at most 50 orders a call. */
export const MAX_ORDERS_PER_CALL = 50;
const display = { resource: 'order', operation: 'push' };

/** A checked order of one shop, in trade_list's shape. */
export interface OrderRecord {
	shopNo: string;
	tid: string;
	wire: Record<string, unknown>;
}

/** trade_push for one run: `strict` is the form's switch. */
export function tradePush(strict: boolean): WriteEndpoint<OrderRecord> {
	return {
		endpoint: ENDPOINT,
		noun: 'order',
		keyName: 'tid',
		maxBatch: MAX_ORDERS_PER_CALL,
		defaultBatch: MAX_ORDERS_PER_CALL,
		answer: 'push',
		errorKeys: ['tid'],
		wire: (order) => JSON.stringify(order.wire),
		// Entries are grouped by shop: a call carries one shop's orders.
		params: (list, shopNo) => ({ shop_no: shopNo, switch: strict ? 1 : 0, trade_list: list }),
		shown: (order) => ({ shop_no: order.shopNo, tid: order.tid, lines: (order.wire.order_list as unknown[]).length }),
		rerun: 'Pushing an order again is safe (WDT updates it by shop and tid)',
		refusedHint: 'WDT refused this order while taking the others: its message says why. Fix the order and push it again.',
	};
}
const SPEC = tradePush(false);

export const description: INodeProperties[] = [
	codeLocator('shop', {
		name: 'shopNo',
		required: true,
		displayOptions: showFor(display),
		description: 'The ERP shop the orders belong to (a shop of the type own platform or other platform). May differ per item (an expression reading the item\'s shop_no): each shop\'s orders go in calls of their own.',
	}),
	{
		displayName: 'Each Input Item Is',
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
		displayName: 'Refuse All on One Bad Order',
		name: 'strict',
		type: 'boolean',
		default: false,
		displayOptions: showFor(display),
		description:
			'Whether WDT should refuse the whole call when one order is bad (switch = 1). Off (switch = 0): WDT takes the good orders.',
	},
	{
		displayName: 'Options',
		name: 'pushOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor(display),
		options: writeOptionProperties(SPEC, {
			listName: 'trade_list',
			batchNote: "WDT's limit",
			own: [
				{
					displayName: 'Check Totals',
					name: 'checkTotals',
					type: 'boolean',
					default: true,
					description:
						'Whether to refuse an order whose lines do not add up: Σ(price × num + adjust_amount − discount − share_discount) + post_amount + other_amount must equal paid (+ cod_amount for cash on delivery)',
				},
			],
		}),
	},
];

interface PushOptions extends WriteOptionValues {
	checkTotals?: boolean;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const mode = this.getNodeParameter('inputMode', 0, 'order') as InputMode;
	const strict = this.getNodeParameter('strict', 0, false) === true;
	const options = this.getNodeParameter('pushOptions', 0, {}) as PushOptions;
	const spec = tradePush(strict);
	const input = new WriteInput(spec, items.length);
	// Shop Code may differ per item (an expression): each shop's orders are checked and sent apart.
	for (const [shopNo, indexes] of itemsByShop(this, items.length)) {
		const collected = collectOrders(
			indexes.map((itemIndex) => items[itemIndex].json),
			mode,
			{ checkTotals: options.checkTotals !== false },
		);
		const records = collected.orders.map(({ itemIndexes, tid, wire }) => ({ itemIndexes, key: tid, record: { shopNo, tid, wire } }));
		addShopChecked(input, shopNo, indexes, { problems: collected.problems, records }, {
			prefix: (problem) => (problem.tid === undefined ? '' : `order ${problem.tid}: `),
			values: (problem) => ({ shop_no: shopNo, tid: problem.tid ?? null }),
		});
	}
	return await runWrite(this, spec, { checked: input.finish(), settings: readWriteOptions(spec, options) });
}
