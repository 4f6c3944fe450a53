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
import {
	MAX_ANSWER_BYTES,
	WdtTransportError,
	deadlineError,
	describeNetworkFailure,
	discardBody,
	headerValue,
	httpStatusError,
	readAnswer,
	redirectError,
	untilAborted,
} from './transport/network';
import { describeFailure } from './nodeError';
import { settle } from './transport/retry';

/**
 * The WDT credential test (测试连接). n8n's declarative `test` rules can only compare one body
 * field for equality, so they cannot say "code ≠ 0 means failure" nor tell a wrong secret from
 * a disabled appkey or a missing endpoint permission. Every WDT node therefore names this
 * function in `testedBy`, and it judges the gateway's JSON `code` itself.
 */
const PROBES = ['warehouse_query.php', 'shop.php'] as const;

/** The whole test (both probes, connecting to the last byte) ends within this. */
export const CREDENTIAL_TEST_TIMEOUT_MS = 15000;

interface RawAnswer {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/**
 * n8n gives a credential test only the legacy `request` helper (n8n-core's CredentialTestContext
 * has no httpRequest), so the probe signs its form itself with the protocol core.
 */
async function callProbe(
	helpers: ICredentialTestFunctions['helpers'],
	credentials: WdtCredentials,
	gateway: string,
	endpoint: string,
	deadline: AbortSignal,
	totalMs: number,
): Promise<void> {
	const form = buildSignedParams(credentials, { page_no: 0, page_size: 1 });
	const onAbort = () => deadlineError(totalMs);
	// The legacy helper takes no abort signal: the answer is read as a stream, which is destroyed
	// at the deadline; a request still waiting for headers then is abandoned (its timeout ends it).
	const sent = await settle(
		untilAborted(
			helpers.request({
				method: 'POST',
				uri: endpointUrl(gateway, endpoint),
				// Key/value pairs, not form text: n8n 1.x's legacy adapter would send text as an empty body.
				form,
				json: false,
				timeout: totalMs,
				useStream: true,
				resolveWithFullResponse: true,
				simple: false,
				followRedirect: false,
				followAllRedirects: false,
			}) as Promise<RawAnswer>,
			deadline,
			onAbort,
			(late) => discardBody(late?.body),
		),
	);
	if (!sent.ok) {
		if (sent.error instanceof WdtTransportError) throw sent.error;
		throw deadline.aborted ? onAbort() : describeNetworkFailure(sent.error);
	}
	const { statusCode: status, headers, body } = sent.value;
	if (status >= 300 && status < 400) {
		discardBody(body);
		throw redirectError(status, headerValue(headers, 'location'));
	}
	const read = await settle(readAnswer(body, deadline, MAX_ANSWER_BYTES));
	if (!read.ok) {
		if (deadline.aborted) throw onAbort();
		throw read.error instanceof WdtTransportError ? read.error : describeNetworkFailure(read.error);
	}
	if (status < 200 || status >= 300) throw httpStatusError(status, read.value);
	readWdtResponse(read.value);
}

export async function testWdtApiCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await checkWdtCredential(this.helpers, credential, CREDENTIAL_TEST_TIMEOUT_MS);
}

/** The test itself, with its total bound as a parameter (the engine test uses a short one). */
export async function checkWdtCredential(
	helpers: ICredentialTestFunctions['helpers'],
	credential: ICredentialsDecrypted,
	totalMs: number,
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
	const deadline = AbortSignal.timeout(totalMs);
	let lastPermissionError: WdtApiError | undefined;
	for (const endpoint of PROBES) {
		try {
			await callProbe(helpers, credentials, gateway, endpoint, deadline, totalMs);
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
				return { status: 'Error', message: describeRefusal(error) };
			}
			const failure = describeFailure(error);
			return { status: 'Error', message: sentences(failure.message, failure.hint) };
		}
	}
	return {
		status: 'Error',
		message: `The signature was not rejected, but the app has no permission for ${PROBES.join(' or ')}, so the credential cannot be confirmed. ${lastPermissionError?.hint ?? ''}`.trim(),
	};
}

/** Texts joined as sentences: each ends with a full stop before the next begins. */
export function sentences(...texts: string[]): string {
	return texts
		.map((text) => text.trim())
		.filter(Boolean)
		.map((text) => (/[.!?]$/.test(text) ? text : `${text}.`))
		.join(' ');
}

function describeRefusal(error: WdtApiError): string {
	const said = `WDT answered ${error.code}: ${error.wdtMessage}.`;
	switch (error.kind) {
		case 'signature':
			return `Signature rejected: the App Secret (appsecret) is wrong for this App Key. ${said}`;
		case 'appkey-disabled':
			return `The App Key (appkey) is disabled, not wrong: ask WDT to re-enable it. ${said}`;
		default:
			return `${said} ${error.hint}`;
	}
}
