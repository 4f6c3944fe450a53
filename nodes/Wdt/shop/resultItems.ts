/**
 * Output items of the batched writes: one per order / record, paired with every input item it
 * came from. A record that did not go through carries `error`; with "Continue (using error
 * output)" its JSON holds only error/message/details, which n8n routes to the error output.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export interface ResultFailure extends IDataObject {
	/** validation: never sent; record: WDT refused this one; request: the call as a whole. */
	scope: 'validation' | 'record' | 'request';
	message: string;
	code?: number | string;
	field?: string;
}

export function resultItem(
	context: IExecuteFunctions,
	itemIndexes: number[],
	values: IDataObject,
	failure?: ResultFailure,
): INodeExecutionData {
	const pairedItem = itemIndexes.length === 1 ? { item: itemIndexes[0] } : itemIndexes.map((item) => ({ item }));
	if (!failure) return { json: values, pairedItem };
	if (context.getNode().onError === 'continueErrorOutput') {
		return { json: { error: failure, message: failure.message, details: values }, pairedItem };
	}
	return { json: { ...values, error: failure }, pairedItem };
}
