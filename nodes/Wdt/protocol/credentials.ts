import type { WdtEnvironment } from './gateway';
import { gatewayUrl } from './gateway';

/** What a WDT credential holds (卖家账号 sid, 接口账号 appkey, 接口密钥 appsecret, 环境). */
export interface WdtCredentials {
	sid: string;
	appkey: string;
	appsecret: string;
	environment: WdtEnvironment;
	customUrl?: string;
}

/** Reads the loosely typed credential data n8n hands over, with clear errors for blanks. */
export function readCredentials(data: Record<string, unknown>): WdtCredentials {
	const text = (name: string, label: string): string => {
		const value = data[name];
		const result = typeof value === 'string' ? value.trim() : value == null ? '' : String(value);
		if (!result) throw new Error(`The WDT credential has no ${label}; fill it in the credential form`);
		return result;
	};
	const environment = (data.environment ?? 'production') as WdtEnvironment;
	return {
		sid: text('sid', 'Seller Account (sid)'),
		appkey: text('appkey', 'App Key (appkey)'),
		// The secret is used as typed: trimming could turn a wrong secret into a confusing one.
		appsecret: typeof data.appsecret === 'string' && data.appsecret !== '' ? data.appsecret : text('appsecret', 'App Secret (appsecret)'),
		environment,
		customUrl: typeof data.customUrl === 'string' ? data.customUrl : undefined,
	};
}

export function credentialsGateway(credentials: WdtCredentials): string {
	return gatewayUrl(credentials.environment, credentials.customUrl);
}
