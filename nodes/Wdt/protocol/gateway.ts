/** Where openapi2 lives: the two official gateways, or a custom one (proxy, local emulator). */
export type WdtEnvironment = 'production' | 'sandbox' | 'custom';

export const GATEWAYS: Readonly<Record<Exclude<WdtEnvironment, 'custom'>, string>> = {
	production: 'https://api.wangdian.cn/openapi2/',
	sandbox: 'https://sandbox.wangdian.cn/openapi2/',
};

/** Normalises a gateway base URL: absolute http(s), always ending in `/`. */
export function normaliseGatewayUrl(raw: string): string {
	const text = raw.trim();
	if (!URL.canParse(text)) {
		throw new Error(
			`The custom gateway URL "${text}" is not an absolute URL; write it like http://127.0.0.1:8650/openapi2/`,
		);
	}
	const url = new URL(text);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new Error(`The custom gateway URL must start with http:// or https://, got "${text}"`);
	}
	url.search = '';
	url.hash = '';
	if (!url.pathname.endsWith('/')) url.pathname += '/';
	return url.toString();
}

export function gatewayUrl(environment: WdtEnvironment, customUrl?: string): string {
	if (environment === 'custom') return normaliseGatewayUrl(customUrl ?? '');
	const url = GATEWAYS[environment];
	if (!url) throw new Error(`Unknown WDT environment "${String(environment)}"`);
	return url;
}

/** `warehouse_query` or `warehouse_query.php` → the full endpoint URL on the gateway. */
export function endpointUrl(gateway: string, endpoint: string): string {
	const name = endpoint.replace(/^\/+/, '');
	return gateway + (name.endsWith('.php') ? name : `${name}.php`);
}
