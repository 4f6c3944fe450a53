import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import type { WdtCredentials } from './protocol';
import {
	WdtApiError,
	buildSignedParams,
	credentialsGateway,
	endpointUrl,
	readCredentials,
	readWdtResponse,
} from './protocol';
import { settle } from './retry';

/**
 * The WDT credential test (测试连接). n8n's declarative `test` rules can only compare one body
 * field for equality, so they cannot say "code ≠ 0 means failure" nor tell a wrong secret from
 * a disabled appkey or a missing endpoint permission. Every WDT node therefore names this
 * function in `testedBy`, and it judges the gateway's JSON `code` itself.
 */
const PROBES = ['warehouse_query.php', 'shop.php'] as const;

/**
 * n8n gives a credential test only the legacy `request` helper (n8n-core's CredentialTestContext
 * has no httpRequest), so the probe signs its form itself with the protocol core.
 */
async function callProbe(
	helpers: ICredentialTestFunctions['helpers'],
	credentials: WdtCredentials,
	gateway: string,
	endpoint: string,
): Promise<void> {
	const form = buildSignedParams(credentials, { page_no: 0, page_size: 1 });
	const response: unknown = await helpers.request({
		method: 'POST',
		uri: endpointUrl(gateway, endpoint),
		// Key/value pairs, not form text: n8n 1.x's legacy adapter would send text as an empty body.
		form,
		json: false,
		timeout: 15000,
	});
	readWdtResponse(typeof response === 'string' ? response : JSON.stringify(response));
}

export async function testWdtApiCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as Record<string, unknown>;
	const config = await settle(
		(async () => {
			const credentials = readCredentials(data);
			return { credentials, gateway: credentialsGateway(credentials) };
		})(),
	);
	if (!config.ok) return { status: 'Error', message: (config.error as Error).message };
	const { credentials, gateway } = config.value;
	let lastPermissionError: WdtApiError | undefined;
	for (const endpoint of PROBES) {
		try {
			await callProbe(this.helpers, credentials, gateway, endpoint);
			return {
				status: 'OK',
				message: lastPermissionError
					? `Connection successful (${endpoint}); note that this app has no permission for ${PROBES[0]}, which stock sync does not need`
					: 'Connection successful: WDT accepted the Seller Account, App Key and signature',
			};
		} catch (error) {
			if (error instanceof WdtApiError) {
				if (error.kind === 'permission') {
					lastPermissionError = error;
					continue; // the credential may be fine: try the next read-only endpoint
				}
				return { status: 'Error', message: describeFailure(error) };
			}
			return { status: 'Error', message: `Could not reach the WDT gateway: ${(error as Error).message}` };
		}
	}
	return {
		status: 'Error',
		message: `The signature was not rejected, but the app has no permission (权限) for ${PROBES.join(' or ')}, so the credential cannot be confirmed. ${lastPermissionError?.hint ?? ''}`.trim(),
	};
}

function describeFailure(error: WdtApiError): string {
	const said = `WDT answered ${error.code}: ${error.wdtMessage}.`;
	switch (error.kind) {
		case 'signature':
			return `Signature rejected: the App Secret (接口密钥 appsecret) is wrong for this App Key. ${said}`;
		case 'appkey-disabled':
			return `The App Key (接口账号 appkey) is disabled (已停用), not wrong: ask WDT to re-enable it. ${said}`;
		default:
			return `${said} ${error.hint}`;
	}
}
