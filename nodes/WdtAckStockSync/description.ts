import type { INodeProperties } from 'n8n-workflow';

import { callOptionProperties } from '../Wdt/callOptions';
import { fieldLabel } from '../Wdt/fieldLabel';

export const MAX_BATCH_SIZE = 2000;
export const DEFAULT_BATCH_SIZE = 100;
export const MAX_CONCURRENCY = 8;

/** Collection options are listed by display name (n8n's convention). */
const byDisplayName = (options: INodeProperties[]) =>
	[...options].sort((a, b) => a.displayName.localeCompare(b.displayName));

/**
 * The three values of one stock_sync_list entry, as form fields (Define Below): the parameter
 * name, its wire name (`key`), the field's words, and the type and hint the tool variant gives
 * the model through `$fromAI`.
 */
const recordFields: Array<{ name: string; key: string; displayName: string; description: string; aiType: 'string' | 'number'; aiHint: string }> = [
	{
		name: 'recId',
		key: 'rec_id',
		displayName: fieldLabel('Record ID', '平台货品主键', 'rec_id'),
		description:
			'<code>rec_id</code>: the ERP platform-goods ID (ERP内平台货品表主键) from the stock-change query. Keep it a string: 19-digit IDs do not fit a JavaScript number.',
		aiType: 'string',
		aiHint: 'rec_id of the stock change, exactly as WDT Get Stock Changes returned it (a digit string, up to 19 digits; never round it)',
	},
	{
		name: 'syncStock',
		key: 'sync_stock',
		displayName: fieldLabel('Synced Stock', '货品库存', 'sync_stock'),
		description: '<code>sync_stock</code>: the stock you pushed to the shop (货品库存), exactly as the query returned it',
		aiType: 'number',
		aiHint: 'sync_stock: the stock that was pushed to the shop, as the query returned it (a whole number)',
	},
	{
		name: 'stockChangeCount',
		key: 'stock_change_count',
		displayName: fieldLabel('Stock Change Count', '变化计数', 'stock_change_count'),
		description:
			'<code>stock_change_count</code>: the change counter from the query (库存变化时自增). A newer change has a higher count, so an ack with this one never clears it.',
		aiType: 'number',
		aiHint: 'stock_change_count of the record, as the query returned it (a whole number)',
	},
];

/**
 * Each field twice: in the workflow it defaults to the input item's field; in the tool variant
 * (WDT Ack Stock Sync Tool, `@tool`) to `$fromAI(…)`, so n8n builds the tool's input schema from
 * it and the model supplies the three values.
 */
const recordProperties: INodeProperties[] = recordFields.flatMap((field) => [
	{
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		default: `={{ $json.${field.key} }}`,
		required: true,
		displayOptions: { show: { mappingMode: ['manual'] }, hide: { '@tool': [true] } },
		description: field.description,
	},
	{
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		default: `={{ $fromAI('${field.key}', '${field.aiHint}', '${field.aiType}') }}`,
		required: true,
		displayOptions: { show: { mappingMode: ['manual'], '@tool': [true] } },
		description: field.description,
	},
]);

/**
 * Mapping, in the workflow and in the tool variant. An agent's call carries no input item to
 * map, so the tool defaults to Define Below and takes the values from the model.
 */
function mappingModeProperty(asTool: boolean): INodeProperties {
	const defaultMode = asTool ? 'manual' : 'auto';
	return {
		displayName: 'Mapping (映射方式)',
		name: 'mappingMode',
		type: 'options',
		noDataExpression: true,
		default: defaultMode,
		options: [
			{
				name: 'Map Automatically (自动映射)',
				value: 'auto',
				description:
					'Read rec_id, sync_stock and stock_change_count from each item (as WDT Get Stock Changes outputs them)',
			},
			{
				name: 'Define Below (手动填写)',
				value: 'manual',
				description: 'Set the three values per item, with expressions (or, as a tool, from the model)',
			},
		],
		hint: asTool
			? 'As a tool, Define Below takes the three values from the model ($fromAI).'
			: 'Map Automatically reads the fields <code>rec_id</code>, <code>sync_stock</code> and <code>stock_change_count</code> of each item (numbers or numeric strings). Define Below lets you point at other fields or nodes.',
		displayOptions: asTool ? { show: { '@tool': [true] } } : { hide: { '@tool': [true] } },
	};
}

export const ackProperties: INodeProperties[] = [
	mappingModeProperty(false),
	mappingModeProperty(true),
	...recordProperties,
	{
		displayName: 'Options (选项)',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: byDisplayName([
			{
				displayName: 'Batch Size (每批条数)',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
				default: DEFAULT_BATCH_SIZE,
				description: `Records per request (stock_sync_list entries), 1–${MAX_BATCH_SIZE}. WDT documents no limit; ${MAX_BATCH_SIZE} matches the largest query page.`,
			},
			{
				displayName: 'Concurrency (并发请求数)',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				default: 1,
				description: 'Requests in flight at once. Raise it only if WDT does not answer "too frequent" (调用太频繁).',
			},
			{
				displayName: 'Fail When Nothing Acked (全部未回写时报错)',
				name: 'failWhenNoneAcked',
				type: 'boolean',
				default: true,
				description:
					'Whether the node fails when items were given and not one was acked (all refused, unknown, not sent or invalid), even with On Error → Continue (using regular output). n8n then marks the node as failed and passes its input items on unchanged. With the error output, every item goes to the error output instead.',
			},
			{
				displayName: 'Include Input Fields (保留输入字段)',
				name: 'includeInputFields',
				type: 'boolean',
				default: true,
				description:
					'Whether each output item keeps every field of its input item (shop_no, spec_no, goods_name…), so a failed record can be traced to its SKU. Off: only rec_id, sync_stock, stock_change_count, acked and error.',
			},
			{
				displayName: 'Output (输出)',
				name: 'outputMode',
				type: 'options',
				default: 'perItem',
				options: [
					{
						name: 'One Item per Input Item (每个输入一项)',
						value: 'perItem',
						description: 'The input item with the values sent, acked true/false and the error of each record',
					},
					{
						name: 'One Item per Request (每个请求一项)',
						value: 'perRequest',
						description: "WDT's raw response and the rec_ids it covered",
					},
				],
			},
			...callOptionProperties('batch'),
		]),
	},
];

/**
 * What an AI agent reads about WDT Ack Stock Sync Tool (n8n puts it in the tool's Description
 * field): what the call does, what it needs, what it returns.
 */
export const ACK_TOOL_DESCRIPTION =
	'Ack (回写) one WDT stock change after its stock was pushed to the shop, so WDT stops listing it (api_goods_stock_change_ack.php). ' +
	'Needs rec_id (the exact digit string from WDT Get Stock Changes; never round or convert it), sync_stock (the stock that was pushed) and stock_change_count (as the query returned it). ' +
	'Returns the record with acked: true, or acked: false and error.message with WDT\'s reason (库存已变化 = the stock changed since the query: query again, push the new stock, ack that). ' +
	'Call it only after the stock really reached the shop. Acking the same record twice is harmless.';
