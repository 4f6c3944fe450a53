import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { WdtApiError, WdtProtocolError } from './protocol';
import { ExecutionCancelledError, settle } from './retry';
import { WdtTransportError, resolveGateway } from './transport';

/** A failed WDT call, as plain data (for an item's `error` field) and with the fix to try. */
export interface WdtFailure extends IDataObject {
	/** WDT's code, the HTTP status, or NETWORK / PROTOCOL / CANCELLED / ERROR. */
	code: number | string;
	message: string;
	hint: string;
}

export function describeFailure(error: unknown): WdtFailure {
	if (error instanceof WdtApiError)
		return { code: error.code, message: error.wdtMessage, hint: error.hint };
	if (error instanceof WdtTransportError) {
		return {
			code: error.httpStatus ?? 'NETWORK',
			message: error.message,
			hint: error.transient
				? 'The gateway could not be reached after all retries. Run again later, or raise Max Retries / Timeout.'
				: 'Check the gateway URL of the credential (Environment).',
		};
	}
	if (error instanceof WdtProtocolError) {
		return {
			code: 'PROTOCOL',
			message: error.message,
			hint: 'The answer is not what openapi2 sends. Check that the credential points at a WDT openapi2 gateway.',
		};
	}
	if (error instanceof ExecutionCancelledError) {
		return { code: 'CANCELLED', message: error.message, hint: 'The execution was stopped.' };
	}
	const message = error instanceof Error ? error.message : String(error);
	return { code: 'ERROR', message, hint: '' };
}

/** The message shown in n8n: WDT's code and message first, the error code readable. */
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
