/**
 * Refund · Push (sales_refund_push.php): the shop's refunds and returns into the ERP as platform
 * refunds, at most 10 a call, one result per refund. WDT makes its after-sale order from each one;
 * the order (tid) must already be in the ERP. Pushing a refund again is safe: WDT keys it by its
 * refund_no and updates the one it has (chg_count), so a run can be repeated after any failure.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parseJsonLossless } from '../../protocol/lossless-json';
import { WRITE_ENDPOINTS } from '../../protocol/catalogue';
import { FieldProblem, checkWith } from '../../shop/fields';
import type { RefundInputMode, RefundWire } from '../../shop/refunds';
import { REFUND_FIELDS, collectRefunds, readOrderOids, refundJson } from '../../shop/refunds';
import type { WriteEndpoint } from '../../writes/endpoint';
import { WriteInput } from '../../writes/merge';
import type { WriteOptionValues } from '../../writes/options';
import { readWriteOptions, writeOptionProperties } from '../../writes/options';
import { runWrite } from '../../writes/run';
import { showFor } from '../common/listFields';
import { codeLocator } from '../common/locators';
import { addShopChecked, itemsByShop } from '../common/shopWrites';

export const ENDPOINT = 'sales_refund_push.php';
/** WDT advises at most 10 refunds a call (docs/wdt-contract.md#sales_refund_push). */
export const MAX_REFUNDS_PER_CALL = WRITE_ENDPOINTS.sales_refund_push.maxBatch;
const display = { resource: 'refund', operation: 'push' };

/** A checked refund of one shop, as api_refund_list takes it. */
export interface RefundRecord {
	shopNo: string;
	refundNo: string;
	wire: RefundWire;
}

export const SALES_REFUND_PUSH: WriteEndpoint<RefundRecord> = {
	endpoint: ENDPOINT,
	noun: 'refund',
	keyName: 'refund_no',
	maxBatch: MAX_REFUNDS_PER_CALL,
	defaultBatch: MAX_REFUNDS_PER_CALL,
	answer: 'push',
	errorKeys: ['refund_no'],
	wire: (refund) => refundJson(refund.wire),
	params: (list) => ({ api_refund_list: list }),
	shown: (refund) => ({
		shop_no: refund.shopNo,
		refund_no: refund.refundNo,
		tid: refund.wire.tid,
		type: refund.wire.type,
		status: refund.wire.status,
		lines: refund.wire.order_list.length,
	}),
	rerun: 'Pushing a refund again is safe (WDT updates it by its refund_no)',
	refusedHint: 'WDT refused this refund while taking the others: its message says why. Fix the refund and push it again.',
};

/** The refund-level fields a form value may set per item (the item's own field of that name is then not used). */
const FIELD_VALUES: Array<{ name: (typeof REFUND_FIELDS)[number]; label: string; description: string }> = [
	{ name: 'tid', label: 'Order ID', description: "The shop's order number, as pushed with Order · Push. The order must already be in the ERP." },
	{ name: 'refund_no', label: 'Refund ID', description: "The shop's refund or return number, unique: WDT keys the refund by it (at most 40 characters)" },
	{ name: 'type', label: 'Type', description: '1 refund before shipping, 2 return and refund (goods come back), 4 refund without return. See docs/refunds.md about 3.' },
	{ name: 'status', label: 'Status', description: 'The refund\'s state in the shop: 1 cancelled, 2 requested, 3 waiting for the buyer to return the goods, 4 waiting for the seller to receive them, 5 refunded, 7 return refused, 8 exchange goods sent' },
	{ name: 'refund_fee', label: 'Refund Amount', description: 'The amount refunded, an exact decimal (e.g. 19.90); left out when empty' },
	{ name: 'refund_time', label: 'Refund Time', description: 'When the refund was made, "YYYY-MM-DD HH:mm:ss" in Beijing time' },
	{ name: 'buyer_nick', label: 'Buyer Nickname', description: "The buyer's nickname; WDT takes the order's buyer when left out" },
	{ name: 'reason', label: 'Reason', description: 'Why the buyer asked for the refund (at most 255 characters)' },
	{ name: 'desc', label: 'Note', description: 'A note shown on the refund in the ERP (at most 255 characters)' },
	{ name: 'logistics_no', label: 'Return Tracking Number', description: "The return parcel's tracking number (with its carrier's name)" },
	{ name: 'logistics_name', label: 'Return Carrier', description: "The return parcel's carrier name (with its tracking number)" },
];

export const description: INodeProperties[] = [
	codeLocator('shop', {
		name: 'shopNo',
		required: true,
		displayOptions: showFor(display),
		description:
			"The ERP shop the refunds belong to (a self-built or other-platform shop). May differ per item (an expression reading the item's shop_no): each shop's refunds go in calls of their own.",
	}),
	{
		displayName: 'Each Input Item Is',
		name: 'refundInputMode',
		type: 'options',
		default: 'refund',
		displayOptions: showFor(display),
		options: [
			{
				name: 'One Refund With Its Lines',
				value: 'refund',
				description: 'The item holds refund_no, tid, type, status, refund_time … and order_list: the order lines refunded, each {oid, num}',
			},
			{
				name: 'One Refund Line, Grouped by Refund ID',
				value: 'line',
				description: "The item holds one line (oid, num) and its refund's fields (refund_no, tid, type …); items with the same refund_no become one refund",
			},
		],
		description: "How the input items map to WDT's refunds. Field names are WDT's (docs/refunds.md lists them); Field Values below can take any of them from elsewhere.",
	},
	{
		displayName: 'Field Values',
		name: 'refundFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		displayOptions: showFor(display),
		description: "A value per item (an expression) for a refund field whose input field has another name or needs converting, e.g. Type as 2 for the shop's returns and 4 for its refunds without return. A field set here is used instead of the item's field of WDT's name.",
		options: [
			...FIELD_VALUES.map(
				(field): INodeProperties => ({
					displayName: field.label,
					name: field.name,
					type: 'string',
					default: '',
					description: `<code>${field.name}</code>: ${field.description}`,
				}),
			),
			{
				displayName: 'Order Lines',
				name: 'order_list',
				type: 'json',
				default: '[]',
				description:
					'<code>order_list</code>: the order lines refunded: an expression giving a list of {oid, num}, e.g. the shop\'s refund items mapped to their order line IDs and quantities. Only with One Refund With Its Lines.',
			} satisfies INodeProperties,
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	{
		displayName: 'Options',
		name: 'refundOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor(display),
		options: writeOptionProperties(SALES_REFUND_PUSH, {
			listName: 'api_refund_list',
			batchNote: "WDT's limit",
			own: [
				{
					displayName: 'Order Line IDs to Check',
					name: 'orderOids',
					type: 'string',
					default: '',
					description:
						"The original order's line IDs (oid), as a list or comma-separated text (an expression reading them from the item): a refund whose line names any other oid is not sent. Empty: not checked here (WDT refuses the call instead).",
				},
			],
		}),
	},
];

/** A JSON text of Order Lines, read losslessly (a 19-digit oid given as a bare number keeps its digits as text). */
function readOrderList(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const checked = checkWith(() => parseJsonLossless(value));
	if (!checked.ok) throw new FieldProblem('order_list', `Order Lines is not a JSON list: ${checked.problem.message}`);
	return checked.value;
}

/** The item's json with the Field Values of this item in place of its own fields. */
function withFieldValues(json: IDataObject, values: IDataObject, mode: RefundInputMode): Record<string, unknown> {
	const raw: Record<string, unknown> = { ...json };
	for (const [field, value] of Object.entries(values)) {
		if (field === 'order_list') {
			if (mode === 'line') throw new FieldProblem('order_list', 'Field Values → Order Lines is for One Refund With Its Lines; with one line per item, each item is its line (oid, num)');
			raw.order_list = readOrderList(value);
		} else raw[field] = value;
	}
	return raw;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const mode = this.getNodeParameter('refundInputMode', 0, 'refund') as RefundInputMode;
	const options = this.getNodeParameter('refundOptions', 0, {}) as WriteOptionValues;
	const input = new WriteInput(SALES_REFUND_PUSH, items.length);
	// Shop Code and the Field Values may differ per item (expressions): every item's Shop Code, then its Field Values, are read; then each shop's refunds are checked and sent apart.
	const byShop = itemsByShop(this, items.length);
	const raws = new Array<Record<string, unknown>>(items.length);
	const oids = new Array<Set<string> | undefined>(items.length);
	const formProblems = new Array<FieldProblem | undefined>(items.length);
	items.forEach((item, itemIndex) => {
		const values = this.getNodeParameter('refundFields', itemIndex, {}) as IDataObject;
		raws[itemIndex] = item.json;
		const read = checkWith(() => {
			raws[itemIndex] = withFieldValues(item.json, values, mode);
			oids[itemIndex] = readOrderOids(this.getNodeParameter('refundOptions.orderOids', itemIndex, ''));
		});
		// Kept with its refund, so that a refund of several line items is refused whole, never sent short of a line.
		if (!read.ok) formProblems[itemIndex] = read.problem;
	});
	for (const [shopNo, indexes] of byShop) {
		const collected = collectRefunds(
			indexes.map((itemIndex) => raws[itemIndex]),
			mode,
			shopNo,
			{ orderOidsOf: (local) => oids[indexes[local]], problemOf: (local) => formProblems[indexes[local]] },
		);
		const records = collected.refunds.map(({ itemIndexes, refundNo, wire }) => ({ itemIndexes, key: refundNo, record: { shopNo, refundNo, wire } }));
		addShopChecked(input, shopNo, indexes, { problems: collected.problems, records }, {
			prefix: (problem) => (problem.refundNo === undefined ? '' : `refund ${problem.refundNo}: `),
			values: (problem) => ({ shop_no: shopNo, refund_no: problem.refundNo ?? null, tid: problem.tid ?? null }),
		});
	}
	return await runWrite(this, SALES_REFUND_PUSH, { checked: input.finish(), settings: readWriteOptions(SALES_REFUND_PUSH, options) });
}
