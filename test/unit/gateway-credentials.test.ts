import { WdtApi } from '../../credentials/WdtApi.credentials';
import {
	GATEWAYS,
	credentialsGateway,
	endpointUrl,
	gatewayUrl,
	normaliseGatewayUrl,
	readCredentials,
} from '../../nodes/Wdt/protocol';

describe('normaliseGatewayUrl', () => {
	it('appends the trailing "/" a custom URL lacks, so endpoint names are appended, not substituted', () => {
		expect(normaliseGatewayUrl('http://127.0.0.1:8650/openapi2')).toBe('http://127.0.0.1:8650/openapi2/');
		expect(endpointUrl(normaliseGatewayUrl('http://127.0.0.1:8650/openapi2'), 'shop')).toBe(
			'http://127.0.0.1:8650/openapi2/shop.php',
		);
	});

	it('keeps a URL that already ends in "/" as it is', () => {
		expect(normaliseGatewayUrl('https://proxy.example/openapi2/')).toBe('https://proxy.example/openapi2/');
	});

	it('drops surrounding spaces, the query and the fragment', () => {
		expect(normaliseGatewayUrl('  http://h/openapi2/?x=1#top  ')).toBe('http://h/openapi2/');
	});

	it('refuses a relative URL and a scheme other than http(s), quoting what was typed', () => {
		expect(() => normaliseGatewayUrl('openapi2/')).toThrow('The custom gateway URL "openapi2/" is not an absolute URL');
		expect(() => normaliseGatewayUrl(' ftp://h/openapi2 ')).toThrow(
			'The custom gateway URL must start with http:// or https://, got "ftp://h/openapi2"',
		);
	});
});

describe('gatewayUrl / endpointUrl', () => {
	it('maps the two official environments to their gateways', () => {
		expect(gatewayUrl('production')).toBe('https://api.wangdian.cn/openapi2/');
		expect(gatewayUrl('sandbox')).toBe('https://sandbox.wangdian.cn/openapi2/');
		expect(gatewayUrl('production', 'http://ignored/')).toBe(GATEWAYS.production);
	});

	it('normalises the custom URL and refuses a blank one', () => {
		expect(gatewayUrl('custom', 'http://h:1/x')).toBe('http://h:1/x/');
		expect(() => gatewayUrl('custom')).toThrow(/"" is not an absolute URL/);
	});

	it('names an unknown environment', () => {
		expect(() => gatewayUrl('staging' as never)).toThrow('Unknown WDT environment "staging"');
	});

	it('appends ".php" once and drops leading slashes', () => {
		expect(endpointUrl('http://h/o/', 'shop')).toBe('http://h/o/shop.php');
		expect(endpointUrl('http://h/o/', '//shop.php')).toBe('http://h/o/shop.php');
		expect(endpointUrl('http://h/o/', 'stock.php.bak')).toBe('http://h/o/stock.php.bak.php');
		expect(endpointUrl('http://h/o/', 'vip/stock')).toBe('http://h/o/vip/stock.php');
	});
});

describe('readCredentials', () => {
	const base = { sid: 's', appkey: 'k', appsecret: 'x' };

	it('takes production when the environment is missing, as the form does by default', () => {
		expect(readCredentials(base).environment).toBe('production');
		expect(credentialsGateway(readCredentials(base))).toBe('https://api.wangdian.cn/openapi2/');
		const environment = new WdtApi().properties.find((p) => p.name === 'environment');
		expect(environment?.default).toBe('production');
		expect(environment?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual(['production', 'sandbox', 'custom']);
	});

	it('uses the environment and custom URL given', () => {
		const custom = readCredentials({ ...base, environment: 'custom', customUrl: 'http://h/o' });
		expect(custom).toEqual({ sid: 's', appkey: 'k', appsecret: 'x', environment: 'custom', customUrl: 'http://h/o' });
		expect(credentialsGateway(custom)).toBe('http://h/o/');
		expect(readCredentials({ ...base, environment: 'sandbox', customUrl: 42 }).customUrl).toBeUndefined();
	});

	it('trims sid and appkey, turns numbers into their text, and keeps the secret exactly as typed', () => {
		const read = readCredentials({ sid: ' s1 ', appkey: 12345, appsecret: ' sec ' });
		expect(read).toMatchObject({ sid: 's1', appkey: '12345', appsecret: ' sec ' });
		expect(readCredentials({ ...base, appsecret: 987 }).appsecret).toBe('987');
	});

	it('names each blank field', () => {
		expect(() => readCredentials({ ...base, sid: '  ' })).toThrow(
			'The WDT credential has no Seller Account (sid); fill it in the credential form',
		);
		expect(() => readCredentials({ ...base, appkey: null })).toThrow(/no App Key \(appkey\)/);
		expect(() => readCredentials({ ...base, appsecret: '' })).toThrow(/no App Secret \(appsecret\)/);
		expect(() => readCredentials({ sid: 's', appkey: 'k' })).toThrow(/no App Secret/);
	});
});
