import type { IAuthenticate, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { readCredentials } from '../nodes/Wdt/protocol';
import { signRequestOptions } from '../nodes/Wdt/signRequest';

/**
 * 旺店通企业版 openapi2 credential. It signs every request it authenticates, in our nodes and
 * in n8n's HTTP Request node ("Predefined Credential Type → WDT (旺店通) API"). The connection
 * test lives node-side (see nodes/Wdt/credentialTest.ts for why).
 */
export class WdtApi implements ICredentialType {
	name = 'wdtApi';

	displayName = 'WDT (旺店通) API';

	icon: Icon = { light: 'file:../nodes/Wdt/wdt.svg', dark: 'file:../nodes/Wdt/wdt.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-wdt#the-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Seller Account (卖家账号 sid)',
			name: 'sid',
			type: 'string',
			default: '',
			required: true,
			description: 'The seller account WDT assigned when the ERP was bought (卖家账号)',
		},
		{
			displayName: 'App Key (接口账号 appkey)',
			name: 'appkey',
			type: 'string',
			default: '',
			required: true,
			description:
				'The interface account of your app: WDT open platform → 自助对接 → 应用管理 (接口账号 appkey)',
		},
		{
			displayName: 'App Secret (接口密钥 appsecret)',
			name: 'appsecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret shown next to the App Key (接口密钥). It signs requests and is never sent.',
		},
		{
			displayName: 'Environment (环境)',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{
					name: 'Production (正式环境)',
					value: 'production',
					description: 'https://api.wangdian.cn/openapi2/',
				},
				{
					name: 'Sandbox (测试环境)',
					value: 'sandbox',
					description: 'https://sandbox.wangdian.cn/openapi2/',
				},
				{
					name: 'Custom Gateway URL (自定义网关)',
					value: 'custom',
					description: 'A self-hosted proxy, or the local openapi2 emulator',
				},
			],
		},
		{
			displayName: 'Gateway URL (网关地址)',
			name: 'customUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://127.0.0.1:8650/openapi2/',
			description: 'Absolute http(s) URL of the openapi2 gateway; endpoint names such as api_goods_stock_change_ack.php are appended to it',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	authenticate: IAuthenticate = async (credentials, requestOptions) =>
		signRequestOptions(readCredentials(credentials), requestOptions);
}
