import type { IAuthenticate, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { readCredentials } from '../nodes/Wdt/protocol';
import { signRequestOptions } from '../nodes/Wdt/signRequest';

/**
 * The WDT (Wangdiantong) enterprise edition openapi2 credential. It signs every request it authenticates, in our nodes and
 * in n8n's HTTP Request node ("Predefined Credential Type → WDT API"). The connection
 * test lives node-side (see nodes/Wdt/credentialTest.ts for why).
 */
export class WdtApi implements ICredentialType {
	name = 'wdtApi';

	displayName = 'WDT API';

	icon: Icon = { light: 'file:../nodes/Wdt/wdt.svg', dark: 'file:../nodes/Wdt/wdt.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-wdt#the-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Seller Account',
			name: 'sid',
			type: 'string',
			default: '',
			required: true,
			description: 'The seller account (sid) WDT assigned when the ERP was bought',
		},
		{
			displayName: 'App Key',
			name: 'appkey',
			type: 'string',
			default: '',
			required: true,
			description:
				'The interface account (appkey) of your app: WDT open platform → Self-Service Integration → Application Management',
		},
		{
			displayName: 'App Secret',
			name: 'appsecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret (appsecret) shown next to the App Key. It signs requests and is never sent.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'https://api.wangdian.cn/openapi2/',
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'https://sandbox.wangdian.cn/openapi2/',
				},
				{
					name: 'Custom Gateway URL',
					value: 'custom',
					description: 'A self-hosted proxy, or the local openapi2 emulator',
				},
			],
		},
		{
			displayName: 'Gateway URL',
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
