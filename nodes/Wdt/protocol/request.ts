import type { WdtCredentials } from './credentials';
import { signParams } from './sign';
import type { WdtParamValue } from './wire';
import { toWireParams } from './wire';

/** The parameters the credential owns; a caller's values for them are replaced. */
export const SYSTEM_PARAMS = ['sid', 'appkey', 'timestamp', 'sign'] as const;

export type Clock = () => number;

/** Unix seconds. WDT's docs speak of Beijing time since 1970-01-01 08:00, which is the same number. */
export const systemClock: Clock = () => Math.floor(Date.now() / 1000);

/**
 * Business parameters → the complete signed parameter set, as the strings to send.
 * `sign` is computed over exactly these strings; the app secret is not among them.
 */
export function buildSignedParams(
	credentials: Pick<WdtCredentials, 'sid' | 'appkey' | 'appsecret'>,
	business: Record<string, WdtParamValue>,
	clock: Clock = systemClock,
): Record<string, string> {
	const params = toWireParams(business);
	for (const key of SYSTEM_PARAMS) delete params[key];
	params.sid = credentials.sid;
	params.appkey = credentials.appkey;
	params.timestamp = String(clock());
	params.sign = signParams(params, credentials.appsecret);
	return params;
}
