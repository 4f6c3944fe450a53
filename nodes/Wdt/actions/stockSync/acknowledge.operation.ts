/**
 * Stock Sync · Acknowledge (库存同步回写 api_goods_stock_change_ack.php): tell WDT which stock
 * changes reached the shop, so it stops listing them. Also the whole of WDT Ack Stock Sync (the
 * node users know), which shows these fields without the resource and operation.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { WriteEndpoint } from '../../writes/endpoint';
import { WriteInput } from '../../writes/merge';
import type { WriteOptionValues } from '../../writes/options';
import { readWriteOptions, writeOptionProperties } from '../../writes/options';
import { runWrite } from '../../writes/run';
import type { RawAckValues, ValueProblem } from './ackRecord';
import { checkAckRecord, recordJson, recordListJson, recordOf } from './ackRecord';

/** WDT documents no limit; 2 000 matches the largest query page. */
export const MAX_BATCH_SIZE = 2000;
export const DEFAULT_BATCH_SIZE = 100;

/** The records are the values as given, once checked (recordOf converts them when they are sent and shown). */
export const STOCK_ACK: WriteEndpoint<RawAckValues> = {
	endpoint: 'api_goods_stock_change_ack.php',
	noun: 'record',
	keyName: 'rec_id',
	maxBatch: MAX_BATCH_SIZE,
	defaultBatch: DEFAULT_BATCH_SIZE,
	answer: 'ack',
	errorKeys: ['rec_id'],
	wire: recordJson,
	listJson: recordListJson,
	params: (list) => ({ stock_sync_list: list }),
	shown: (values) => recordOf(values) as unknown as IDataObject,
	rerun: 'Acks are safe to repeat',
	refusedHint:
		'WDT refused this record while acking the others. If the stock changed since the query, the record stays pending and comes back on the next query: push and ack it again then.',
	ackedField: true,
	// Same rec_id and count, another sync_stock: which stock reached the shop cannot be known.
	conflict: (recId, versions) => {
		const records = versions.map(({ items, record }) => ({ items, record: recordOf(record) }));
		const named = records
			.flatMap(({ items, record }) => items.map((item) => ({ item, stock: record.sync_stock })))
			.sort((a, b) => a.item - b.item)
			.map(({ item, stock }) => `item ${item + 1} (index ${item}, sync_stock ${stock})`)
			.join(', ');
		return {
			field: 'sync_stock',
			message: `rec_id ${recId} with stock_change_count ${records[0].record.stock_change_count} has different sync_stock values: ${named}. Which one reached the shop cannot be known, so none of them is sent; query again and ack what was pushed`,
		};
	},
};

/**
 * The three values of one stock_sync_list entry, as form fields (Define Below): the parameter
 * name, its wire name (`key`), the field's words, and the type and hint the tool variant gives
 * the model through `$fromAI`.
 */
const recordFields: Array<{ name: string; key: string; displayName: string; description: string; aiType: 'string' | 'number'; aiHint: string }> = [
	{
		name: 'recId',
		key: 'rec_id',
		displayName: 'Record ID',
		description:
			'<code>rec_id</code>: the ERP platform-goods ID from the stock-change query. Keep it a string: 19-digit IDs do not fit a JavaScript number.',
		aiType: 'string',
		aiHint: 'rec_id of the stock change, exactly as WDT Get Stock Changes returned it (a digit string, up to 19 digits; never round it)',
	},
	{
		name: 'syncStock',
		key: 'sync_stock',
		displayName: 'Synced Stock',
		description: '<code>sync_stock</code>: the stock you pushed to the shop, exactly as the query returned it',
		aiType: 'number',
		aiHint: 'sync_stock: the stock that was pushed to the shop, as the query returned it (a whole number)',
	},
	{
		name: 'stockChangeCount',
		key: 'stock_change_count',
		displayName: 'Stock Change Count',
		description:
			'<code>stock_change_count</code>: the change counter from the query. A newer change has a higher count, so an ack with this one never clears it.',
		aiType: 'number',
		aiHint: 'stock_change_count of the record, as the query returned it (a whole number)',
	},
];

/**
 * Each field twice: in the workflow it defaults to the input item's field; in the tool variant
 * (`@tool`) to `$fromAI(…)`, so n8n builds the tool's input schema from it and the model
 * supplies the three values.
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
		displayName: 'Mapping',
		name: 'mappingMode',
		type: 'options',
		noDataExpression: true,
		default: defaultMode,
		options: [
			{
				name: 'Map Automatically',
				value: 'auto',
				description:
					'Read rec_id, sync_stock and stock_change_count from each item (as WDT Get Stock Changes outputs them)',
			},
			{
				name: 'Define Below',
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

/** The form, as WDT Ack Stock Sync shows it (the WDT node adds its resource and operation). */
export const fields: INodeProperties[] = [
	mappingModeProperty(false),
	mappingModeProperty(true),
	...recordProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: writeOptionProperties(STOCK_ACK, {
			listName: 'stock_sync_list',
			batchNote: `WDT documents no limit; ${MAX_BATCH_SIZE} matches the largest query page`,
			own: [
				{
					displayName: 'Fail When Nothing Acked',
					name: 'failWhenNoneAcked',
					type: 'boolean',
					default: true,
					description:
						'Whether the node fails when items were given and not one was acked (all refused, unknown, not sent or invalid), even with On Error → Continue (using regular output). n8n then marks the node as failed and passes its input items on unchanged. With the error output, every item goes to the error output instead.',
				},
			],
		}),
	},
];

/**
 * What an AI agent reads about the tool (n8n puts it in the tool's Description field): what the
 * call does, what it needs, what it returns.
 */
export const ACK_TOOL_DESCRIPTION =
	'Ack one WDT stock change after its stock was pushed to the shop, so WDT stops listing it (api_goods_stock_change_ack.php). ' +
	'Needs rec_id (the exact digit string from WDT Get Stock Changes; never round or convert it), sync_stock (the stock that was pushed) and stock_change_count (as the query returned it). ' +
	'Returns the record with acked: true, or acked: false and error.message with WDT\'s reason (usually that the stock changed since the query: query again, push the new stock, ack that). ' +
	'Call it only after the stock really reached the shop. Acking the same record twice is harmless.';

interface StockAckOptions extends WriteOptionValues {
	failWhenNoneAcked?: boolean;
}

/** The values an invalid item had (as far as they could be read). */
function valuesRead(json: IDataObject, mode: string, problem: ValueProblem): IDataObject {
	if (mode === 'manual') return { [problem.field]: problem.value as IDataObject[string] };
	return { rec_id: json.rec_id, sync_stock: json.sync_stock, stock_change_count: json.stock_change_count };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const mode = this.getNodeParameter('mappingMode', 0) as 'auto' | 'manual';
	const options = this.getNodeParameter('options', 0, {}) as StockAckOptions;
	const input = new WriteInput(STOCK_ACK, items.length);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const { json } = items[itemIndex];
		const source =
			mode === 'manual'
				? {
						rec_id: this.getNodeParameter('recId', itemIndex),
						sync_stock: this.getNodeParameter('syncStock', itemIndex),
						stock_change_count: this.getNodeParameter('stockChangeCount', itemIndex),
					}
				: json;
		const check = checkAckRecord(source);
		if (check.ok) {
			// The same rec_id with another count is another record (the gateway clears only the current one).
			// Kept as given (Map Automatically: the item's own json), converted when sent and shown (recordOf).
			// Stryker disable next-line ConditionalExpression: memory only: the checked record and the item's values send and show the same
			input.add(itemIndex, check.record.rec_id, mode === 'manual' ? check.record : json, { variant: check.record.stock_change_count });
		} else {
			input.refuse(itemIndex, check.problem.field, check.problem.message, valuesRead(json, mode, check.problem));
		}
	}
	return await runWrite(this, STOCK_ACK, {
		checked: input.finish(),
		settings: readWriteOptions(STOCK_ACK, options),
		fieldNote: mode === 'manual' ? 'Define Below' : 'Map Automatically',
		failWhenNothingWritten: options.failWhenNoneAcked !== false,
	});
}
