import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { WdtApiError, WdtProtocolError } from './protocol';
import { formatBeijing } from './protocol/beijingTime';
import { INCOMPLETE_HINT, IncompleteListError } from './protocol/listCompleteness';
import { ExecutionCancelledError, settle } from './transport/retry';
import { WdtTransportError, resolveGateway } from './transport';

/** A failed WDT call, as plain data (for an item's `error` field) and with the fix to try. */
export interface WdtFailure extends IDataObject {
	/** WDT's code, the HTTP status, or NETWORK / PROTOCOL / CANCELLED / ERROR. */
	code: number | string;
	message: string;
	hint: string;
}

const TRANSIENT_HINT =
	'No answer could be read after all retries. Run again later, or raise Max Retries / Timeout.';

function timestampHint(error: WdtApiError): string {
	if (error.clockOffsetTried === undefined) return error.hint;
	return `WDT rejected the timestamp again after the node retried with the gateway's clock (${signed(error.clockOffsetTried)} s): synchronise the n8n server's clock (NTP) and run again.`;
}

/** A whole number of seconds with its sign. */
export function signed(seconds: number): string {
	return seconds >= 0 ? `+${seconds}` : String(seconds);
}

function transportFailure(error: WdtTransportError): WdtFailure {
	switch (error.reason) {
		case 'redirect':
			return {
				code: `HTTP ${error.httpStatus}`,
				message: error.message,
				hint: 'Set the Gateway URL of the credential to the final address (Environment → Custom Gateway URL), e.g. https:// instead of http://, with the trailing /openapi2/.',
			};
		case 'http':
			if (error.httpStatus === 404) {
				return {
					code: 'HTTP 404',
					message: error.message,
					hint: 'A server answered at the Gateway URL but has no such endpoint: the Gateway URL probably lacks /openapi2/ (e.g. https://api.wangdian.cn/openapi2/).',
				};
			}
			return {
				code: `HTTP ${error.httpStatus}`,
				message: error.message,
				hint: error.transient ? TRANSIENT_HINT : 'The gateway (or a proxy in front of it) refused the request. Check the Gateway URL of the credential.',
			};
		case 'timeout':
			return { code: 'TIMEOUT', message: error.message, hint: `${TRANSIENT_HINT} A slow or stalled answer counts as a timeout.` };
		case 'too-large':
			return { code: 'PROTOCOL', message: error.message, hint: 'The answer is not what openapi2 sends. Check that the credential points at a WDT openapi2 gateway.' };
		default:
			return {
				code: 'NETWORK',
				message: error.message,
				hint: error.delivered
					? TRANSIENT_HINT
					: 'Check the Gateway URL of the credential (Environment) and that the n8n server can reach it.',
			};
	}
}

export function describeFailure(error: unknown): WdtFailure {
	if (error instanceof WdtApiError) {
		return { code: error.code, message: error.wdtMessage, hint: error.kind === 'timestamp' ? timestampHint(error) : error.hint };
	}
	if (error instanceof WdtTransportError) return transportFailure(error);
	if (error instanceof WdtProtocolError) {
		return {
			code: 'PROTOCOL',
			message: error.message,
			hint: 'The answer is not what openapi2 sends. Check that the credential points at a WDT openapi2 gateway.',
		};
	}
	if (error instanceof IncompleteListError) {
		return {
			code: 'INCOMPLETE',
			message: error.message,
			hint: INCOMPLETE_HINT,
			windows: error.windows.map(({ endpoint, window, read, total, reads, reason }) => ({
				endpoint,
				// Beijing time, as WDT's start_time / end_time.
				from: window ? formatBeijing(window.start) : null,
				to: window ? formatBeijing(window.end) : null,
				read,
				total: total ?? null,
				reads,
				reason,
			})),
		};
	}
	if (error instanceof ExecutionCancelledError) {
		return { code: 'CANCELLED', message: error.message, hint: 'The execution was stopped.' };
	}
	const message = error instanceof Error ? error.message : String(error);
	return { code: 'ERROR', message, hint: '' };
}

/** The message shown in n8n: WDT's code and message first (only WDT's own codes are numbers). */
export function failureMessage(failure: WdtFailure, where?: string): string {
	const prefix = typeof failure.code === 'number' ? `WDT error ${failure.code}: ` : '';
	return `${where ? `${where}: ` : ''}${prefix}${failure.message}`;
}

/**
 * A NodeApiError for a failed WDT call: message = WDT code + message, description = the hint
 * (with the WDT term in Chinese), itemIndex for n8n's "which item" display.
 */
export function wdtNodeError(
	node: INode,
	error: unknown,
	options: { itemIndex?: number; where?: string; detail?: string } = {},
): NodeApiError {
	const failure = describeFailure(error);
	const description = [failure.hint, options.detail].filter(Boolean).join(' ');
	return new NodeApiError(node, { ...failure } as JsonObject, {
		message: failureMessage(failure, options.where),
		description: description || undefined,
		itemIndex: options.itemIndex,
		httpCode:
			error instanceof WdtTransportError && error.httpStatus ? String(error.httpStatus) : undefined,
	});
}

/** The credential's gateway URL; a blank or malformed credential fails as a NodeOperationError. */
export async function gatewayOrNodeError(
	context: IExecuteFunctions | IPollFunctions,
): Promise<string> {
	const resolved = await settle(resolveGateway(context));
	if (!resolved.ok) {
		const message =
			resolved.error instanceof Error ? resolved.error.message : String(resolved.error);
		throw new NodeOperationError(context.getNode(), message);
	}
	return resolved.value;
}
