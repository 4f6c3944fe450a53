/**
 * Goods · Push Platform Goods (平台货品推送 api_goodsspec_push.php): the shop's SKUs into the ERP
 * as 平台货品, so that orders and stock sync can match them. Pushing a row again updates it.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { clamp } from '../../callOptions';
import { checkWith } from '../../shop/fields';
import { DEFAULT_PLATFORM_ID, checkGoodsRow } from '../../shop/platformGoods';
import type { WriteEndpoint } from '../../writes/endpoint';
import { WriteInput } from '../../writes/merge';
import type { WriteOptionValues } from '../../writes/options';
import { readWriteOptions, writeOptionProperties } from '../../writes/options';
import { runWrite } from '../../writes/run';
import { showFor } from '../common/listFields';
import { codeLocator, locatorValue } from '../common/locators';

export const ENDPOINT = 'api_goodsspec_push.php';
const display = { resource: 'goods', operation: 'pushPlatformGoods' };
export const DEFAULT_GOODS_BATCH = 100;
export const MAX_GOODS_BATCH = 1000;

type GoodsRow = Record<string, unknown>;

/** api_goodsspec_push for one shop: api_goods_info is one JSON object holding the platform, the shop and the rows. */
export function goodsSpecPush(platformId: number, shopNo: string): WriteEndpoint<GoodsRow> {
	return {
		endpoint: ENDPOINT,
		noun: 'SKU',
		keyName: 'spec_id',
		maxBatch: MAX_GOODS_BATCH,
		defaultBatch: DEFAULT_GOODS_BATCH,
		answer: 'push',
		errorKeys: ['spec_id'],
		wire: (row) => JSON.stringify(row),
		params: (list) => ({
			api_goods_info: `{"platform_id":${JSON.stringify(platformId)},"shop_no":${JSON.stringify(shopNo)},"goods_list":${list}}`,
		}),
		shown: (row) => ({ shop_no: shopNo, goods_id: row.goods_id as string, spec_id: row.spec_id as string, spec_no: row.spec_no as string }),
		rerun: 'Pushing a SKU again is safe (WDT updates it by spec_id)',
		refusedHint: 'WDT refused this SKU while taking the others: its message says why. Fix the row and push it again.',
	};
}
const SPEC = goodsSpecPush(DEFAULT_PLATFORM_ID, '');

export const description: INodeProperties[] = [
	codeLocator('shop', {
		name: 'shopNo',
		required: true,
		displayOptions: showFor(display),
		description: 'The ERP shop the SKUs belong to. Each input item is one SKU: goods_id, spec_id, spec_no, goods_name, status, price, stock_num.',
	}),
	{
		displayName: 'Platform ID',
		name: 'platformId',
		type: 'number',
		default: 127,
		displayOptions: showFor(display),
		description: 'The platform of the shop in WDT; 127 (other platform) is the usual one for a self-built shop (not confirmed by WDT)',
	},
	{
		displayName: 'Options',
		name: 'goodsOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor(display),
		options: writeOptionProperties(SPEC, { listName: 'goods_list', batchNote: 'WDT documents no limit' }),
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const shopNo = locatorValue(this.getNodeParameter('shopNo', 0, ''));
	if (shopNo === '') throw new NodeOperationError(this.getNode(), 'Shop Code (shop_no) is empty');
	const platformId = clamp(this.getNodeParameter('platformId', 0, DEFAULT_PLATFORM_ID), 0, 1e9, DEFAULT_PLATFORM_ID);
	const options = this.getNodeParameter('goodsOptions', 0, {}) as WriteOptionValues;
	const spec = goodsSpecPush(platformId, shopNo);
	const input = new WriteInput(spec, items.length);
	items.forEach((item, itemIndex) => {
		const row = checkWith(() => checkGoodsRow(item.json));
		if (row.ok) input.add(itemIndex, row.value.key, row.value.wire);
		else {
			input.refuse(itemIndex, row.problem.field, row.problem.message, {
				shop_no: shopNo,
				spec_id: (item.json.spec_id as string) ?? null,
			});
		}
	});
	return await runWrite(this, spec, { checked: input.finish(), settings: readWriteOptions(spec, options) });
}
