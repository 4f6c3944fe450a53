/**
 * Goods · Push Platform Goods (平台货品推送 api_goodsspec_push.php): the shop's SKUs into the ERP
 * as 平台货品, so that orders and stock sync can match them. Pushing a row again updates it.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallOptions } from '../../callOptions';
import { callOptionProperties, clamp, readCallOptions } from '../../callOptions';
import type { WriteEntry, WriteProblem } from '../../shop/batchedWrite';
import { runBatchedWrite } from '../../shop/batchedWrite';
import { checkWith } from '../../shop/fields';
import { mergeByKey } from '../../shop/mergeByKey';
import { DEFAULT_PLATFORM_ID, checkGoodsRow, goodsInfo } from '../../shop/platformGoods';
import { pushOutcomes } from '../../shop/pushOutcomes';
import { showFor } from '../common/listFields';
import { fieldLabel } from '../../fieldLabel';

export const ENDPOINT = 'api_goodsspec_push.php';
const display = { resource: 'goods', operation: 'pushPlatformGoods' };
export const DEFAULT_GOODS_BATCH = 100;
export const MAX_GOODS_BATCH = 1000;

export const description: INodeProperties[] = [
	{
		displayName: fieldLabel('Shop Code', '店铺编号', 'shop_no'),
		name: 'shopNo',
		type: 'string',
		default: '',
		required: true,
		displayOptions: showFor(display),
		description: 'The ERP shop the SKUs belong to. Each input item is one SKU: goods_id, spec_id, spec_no, goods_name, status, price, stock_num.',
	},
	{
		displayName: fieldLabel('Platform ID', '平台ID', 'platform_id'),
		name: 'platformId',
		type: 'number',
		default: 127,
		displayOptions: showFor(display),
		description: 'The platform of the shop in WDT; 127 (其他平台, other platform) is the usual one for a self-built shop (not confirmed by WDT)',
	},
	{
		displayName: 'Options (选项)',
		name: 'goodsOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor(display),
		options: [
			{
				displayName: 'Batch Size (每批条数)',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_GOODS_BATCH },
				default: DEFAULT_GOODS_BATCH,
				description: `SKUs per call (goods_list entries), 1–${MAX_GOODS_BATCH}`,
			},
			...callOptionProperties('batch'),
		],
	},
];

type GoodsEntry = WriteEntry & { wire: Record<string, unknown> };

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const shopNo = String(this.getNodeParameter('shopNo', 0, '')).trim();
	if (shopNo === '') throw new NodeOperationError(this.getNode(), 'Shop Code (店铺编号 shop_no) is empty');
	const platformId = clamp(this.getNodeParameter('platformId', 0, DEFAULT_PLATFORM_ID), 0, 1e9, DEFAULT_PLATFORM_ID);
	const options = this.getNodeParameter('goodsOptions', 0, {}) as CallOptions & { batchSize?: number };
	const checked: Array<{ itemIndex: number; key: string; record: Record<string, unknown> }> = [];
	const problems: WriteProblem[] = [];
	items.forEach((item, itemIndex) => {
		const row = checkWith(() => checkGoodsRow(item.json));
		if (row.ok) checked.push({ itemIndex, key: row.value.key, record: row.value.wire });
		else {
			problems.push({
				itemIndexes: [itemIndex],
				field: row.problem.field,
				message: row.problem.message,
				values: { shop_no: shopNo, spec_id: (item.json.spec_id as string) ?? null },
			});
		}
	});
	const { entries, conflicts } = mergeByKey(checked);
	for (const conflict of conflicts) {
		problems.push({
			itemIndexes: conflict.itemIndexes,
			field: 'spec_id',
			message: `spec_id ${conflict.key} is given ${conflict.itemIndexes.length} times with different contents: none is sent`,
			values: { shop_no: shopNo, spec_id: conflict.key },
		});
	}
	return await runBatchedWrite<GoodsEntry>(this, {
		noun: 'SKU',
		endpoint: ENDPOINT,
		entries: entries.map((entry) => ({
			key: entry.key,
			itemIndexes: entry.itemIndexes,
			wire: entry.record,
			values: { shop_no: shopNo, goods_id: entry.record.goods_id as string, spec_id: entry.key, spec_no: entry.record.spec_no as string },
		})),
		problems,
		batchSize: clamp(options.batchSize, 1, MAX_GOODS_BATCH, DEFAULT_GOODS_BATCH),
		params: (batch) => ({ api_goods_info: goodsInfo(platformId, shopNo, batch.map((entry) => entry.wire)) }),
		outcomes: (keys, result) => pushOutcomes(keys, result, ['spec_id']),
		call: readCallOptions(options),
		rerun: 'Pushing a SKU again is safe (WDT updates it by spec_id): fix the cause and run again.',
	});
}
