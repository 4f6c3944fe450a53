/**
 * The options every write offers, with one name and one meaning each: Batch Size, Concurrency,
 * Include Input Fields, Output, and the call's Max Retries, Retry Wait and Timeout.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { CallOptions, CallSettings } from '../callOptions';
import { callOptionProperties, clamp, readCallOptions } from '../callOptions';
import type { WriteEndpoint } from './endpoint';

export const MAX_CONCURRENCY = 8;

export interface WriteOptionValues extends CallOptions {
	batchSize?: number;
	concurrency?: number;
	includeInputFields?: boolean;
	outputMode?: 'perItem' | 'perRequest';
}

export interface WriteSettings {
	batchSize: number;
	concurrency: number;
	includeInputFields: boolean;
	perRequest: boolean;
	call: CallSettings;
}

export function readWriteOptions(spec: Pick<WriteEndpoint<unknown>, 'maxBatch' | 'defaultBatch'>, options: WriteOptionValues): WriteSettings {
	return {
		batchSize: clamp(options.batchSize, 1, spec.maxBatch, spec.defaultBatch),
		concurrency: clamp(options.concurrency, 1, MAX_CONCURRENCY, 1),
		includeInputFields: options.includeInputFields !== false,
		perRequest: options.outputMode === 'perRequest',
		call: readCallOptions(options),
	};
}

/** The options of a write, sorted by display name (n8n's convention) with the operation's own ones. */
export function writeOptionProperties(
	spec: Pick<WriteEndpoint<unknown>, 'maxBatch' | 'defaultBatch' | 'noun'>,
	{ batchNote, listName, own = [] }: { batchNote: string; listName: string; own?: INodeProperties[] },
): INodeProperties[] {
	const { defaultBatch, maxBatch } = spec;
	const options: INodeProperties[] = [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: maxBatch },
			default: defaultBatch,
			description: `${spec.noun[0].toUpperCase()}${spec.noun.slice(1)}s per call (${listName} entries), 1–${maxBatch}. ${batchNote}.`,
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			default: 1,
			description: 'Calls in flight at once. Raise it only if WDT does not answer "too frequent".',
		},
		{
			displayName: 'Include Input Fields',
			name: 'includeInputFields',
			type: 'boolean',
			default: true,
			description:
				'Whether each output item keeps every field of its input item (shop, SKU, tracking number…), so a record that was not written can be traced. Off: only the values sent, outcome, attempts and error.',
		},
		{
			displayName: 'Output',
			name: 'outputMode',
			type: 'options',
			default: 'perItem',
			options: [
				{
					name: 'One Item per Input Item',
					value: 'perItem',
					description: 'The input item with the values sent, its outcome and, when not written, the error',
				},
				{
					name: 'One Item per Request',
					value: 'perRequest',
					description: "WDT's raw answer, the keys it covered and the counts of each call",
				},
			],
		},
		...callOptionProperties('batch'),
		...own,
	];
	return options.sort((a, b) => a.displayName.localeCompare(b.displayName));
}
