import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ListEndpointSpec } from '../../protocol/catalogue';
import { LIST_ENDPOINTS } from '../../protocol/catalogue';
import { RecordMerger } from '../../protocol/listAnswer';
import type { TimeWindow } from '../../protocol/timeWindows';
import { monthsBefore, splitRangeAt } from '../../protocol/timeWindows';
import type { IncompleteWindow } from '../../protocol/listCompleteness';
import { IncompleteListError } from '../../protocol/listCompleteness';
import type { FetchListResult, FetchedAnswer } from '../../transport/fetchList';
import { fetchList } from '../../transport/fetchList';
import { settle } from '../../transport/retry';
import { filtersField, listOptions, returnAllFields, showFor, textFilter, timeRangeFields } from '../common/listFields';
import { codeLocator } from '../common/locators';
import { IncompleteItemsError, readListSettings, readTimeRange, toItems } from '../common/runList';

const recent = LIST_ENDPOINTS.trade_query;
const history = LIST_ENDPOINTS.his_trade_query;
const display = { resource: 'order', operation: 'getMany' };

/** Orders older than this many months are in WDT's history (his_trade_query). */
export const HISTORY_AFTER_MONTHS = 3;

export const description: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		displayOptions: showFor(display),
		default: 'auto',
		options: [
			{
				name: 'By Range (Automatic)',
				value: 'auto',
				description: `The part of From–To older than ${HISTORY_AFTER_MONTHS} months from his_trade_query, the rest from trade_query`,
			},
			{
				name: 'History Orders',
				value: 'history',
				description: `Only his_trade_query: orders older than ${HISTORY_AFTER_MONTHS} months, windows of up to 30 days`,
			},
			{
				name: 'Recent Orders',
				value: 'recent',
				description: 'Only trade_query: windows of up to 60 minutes',
			},
		],
		description: 'Which WDT endpoint to read: trade_query (at most 60 minutes a call, split automatically) or his_trade_query for old orders',
	},
	...returnAllFields(display),
	...timeRangeFields(display, recent, 'orders'),
	filtersField(display, [
		textFilter('status', 'Order Status', 'only orders in this status (a WDT status number, e.g. 30 = awaiting review)'),
		codeLocator('shop', { name: 'shop_no', description: '<code>shop_no</code>: only orders of this shop' }),
		codeLocator('warehouse', { name: 'warehouse_no', description: '<code>warehouse_no</code>: only orders shipped from this warehouse' }),
		textFilter('src_tid', 'Platform Order Number', 'only the order(s) of this platform order'),
		textFilter('trade_no', 'Order Number', 'only this ERP order'),
	]),
	listOptions(display, recent, true),
];

interface Part {
	spec: ListEndpointSpec;
	range?: TimeWindow;
}

/**
 * Which endpoint reads which part of the range. Automatic: the part before now − 3 calendar
 * months (Beijing calendar) from his_trade_query, the rest from trade_query; without a range,
 * trade_query alone (WDT then applies its own default).
 */
export function orderParts(source: string, range: TimeWindow | undefined, now: number): Part[] {
	if (source === 'history') return [{ spec: history, range }];
	if (source === 'recent' || range === undefined) return [{ spec: recent, range }];
	const { before, after } = splitRangeAt(range.start, range.end, monthsBefore(now, HISTORY_AFTER_MONTHS));
	const parts: Part[] = [];
	if (before) parts.push({ spec: history, range: before });
	if (after) parts.push({ spec: recent, range: after });
	return parts;
}

/** 查询订单管理 (trade_query.php) / 查询历史订单 (his_trade_query.php): orders with their lines (goods_list). */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	const settings = readListSettings(this, itemIndex);
	const range = readTimeRange(this, itemIndex, settings.zone);
	const source = this.getNodeParameter('source', itemIndex, 'auto') as string;
	const parts = orderParts(source, range && { start: range.from, end: range.to }, Date.now());
	const merger = new RecordMerger<IDataObject>(recent.key, recent.timeField);
	const answers: FetchedAnswer[] = [];
	// Windows of either part that could not be read completely: the other windows still count.
	const incomplete: IncompleteWindow[] = [];
	for (const part of parts) {
		const left = settings.limit === undefined ? undefined : settings.limit - merger.size;
		if (left !== undefined && left <= 0) break;
		const fetched = await settle(
			fetchList(this, gateway, {
				spec: part.spec,
				params: settings.params,
				range: part.range && { from: part.range.start, to: part.range.end },
				limit: left,
				pageSize: settings.pageSize,
				concurrency: settings.concurrency,
				keepAnswers: settings.rawAnswers,
				call: settings.call,
			}),
		);
		let result: FetchListResult;
		if (fetched.ok) result = fetched.value;
		else if (fetched.error instanceof IncompleteListError) {
			result = fetched.error.partial as FetchListResult;
			incomplete.push(...fetched.error.windows);
		} else throw fetched.error;
		for (const record of result.records) merger.add(record);
		answers.push(...result.answers);
	}
	const records = merger.values();
	const items = toItems(
		{ records: settings.limit === undefined ? records : records.slice(0, settings.limit), answers },
		settings.rawAnswers,
		itemIndex,
	);
	if (incomplete.length > 0) throw new IncompleteItemsError(new IncompleteListError(incomplete, undefined), items);
	return items;
}
