import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as pushPlatformGoods from './pushPlatformGoods.operation';

export { getMany, pushPlatformGoods };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['goods'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List goods with their SKUs, optionally those modified in a time range (goods_query.php)',
				action: 'Get many goods',
			},
			{
				name: 'Push Platform Goods',
				value: 'pushPlatformGoods',
				description:
					'Create or update the shop\'s SKUs in the ERP as platform goods (api_goodsspec_push.php), one item per SKU, so orders and stock sync can match them',
				action: 'Push platform goods',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...pushPlatformGoods.description,
];
