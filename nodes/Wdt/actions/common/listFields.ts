/**
 * The form fields every list operation shares — Return All / Limit, From / To, Filters, Options —
 * built for one resource/operation so each operation file only lists its own filters.
 */
import type { INodeProperties } from 'n8n-workflow';

import { callOptionProperties } from '../../callOptions';
import type { ListEndpointSpec } from '../../protocol/catalogue';
import { ARCHIVE_AFTER_MONTHS, historyOf } from '../../protocol/catalogue';
import { DAY_MS, HOUR_MS } from '../../protocol/timeWindows';

export interface Display {
	resource: string;
	operation: string;
}

export const showFor = ({ resource, operation }: Display) => ({
	show: { resource: [resource], operation: [operation] },
});

/** Collection options are listed by display name (n8n's convention). */
export const byDisplayName = (options: INodeProperties[]) =>
	[...options].sort((a, b) => a.displayName.localeCompare(b.displayName));

export const MAX_CONCURRENCY = 16;
export const DEFAULT_CONCURRENCY = 4;

export function windowText(spec: Pick<ListEndpointSpec, 'maxWindowMs'>): string {
	const ms = spec.maxWindowMs ?? 0;
	return ms >= DAY_MS ? `${ms / DAY_MS} days` : `${ms / HOUR_MS * 60} minutes`;
}

/** What an AI agent is asked for a field the model fills: a clean key and a description. */
export interface FromAi {
	key: string;
	description: string;
	type: 'string' | 'number';
}

/**
 * A field as the editor shows it, and, in the node's tool variant (an AI agent's tool), the same
 * field filled by the model: `$fromAI` with a clean key and a description the agent reads
 * (left to the editor, the key would be derived from the label and the description empty).
 */
export function withFromAi(field: INodeProperties, fromAi: FromAi): INodeProperties[] {
	const { displayOptions } = field;
	return [
		{ ...field, displayOptions: { ...displayOptions, hide: { ...displayOptions?.hide, '@tool': [true] } } },
		{
			...field,
			default: `={{ $fromAI('${fromAi.key}', ${JSON.stringify(fromAi.description)}, '${fromAi.type}') }}`,
			displayOptions: { ...displayOptions, show: { ...displayOptions?.show, '@tool': [true] } },
		},
	];
}

export const FROM_AI: Record<'from' | 'to' | 'limit', FromAi> = {
	from: {
		key: 'from',
		description:
			'Start of the time range (inclusive) on the time the read selects by (usually the last-modified time): an ISO time such as 2026-11-28T10:00:00+08:00, or 2026-11-28 10:00:00 read as Beijing time. Empty for no time filter.',
		type: 'string',
	},
	to: {
		key: 'to',
		description: 'End of the time range (exclusive), written like from. Empty: now.',
		type: 'string',
	},
	limit: { key: 'limit', description: 'How many records to return at most: a whole number of 1 or more.', type: 'number' },
};

export function returnAllFields(display: Display): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: showFor(display),
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		...withFromAi(
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				displayOptions: { show: { ...showFor(display).show, returnAll: [false] } },
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
			},
			FROM_AI.limit,
		),
	];
}

/**
 * From / To: the time range, by default on the record's modified time; `on` names another time
 * the endpoint's range selects on.
 */
export function timeRangeFields(display: Display, spec: ListEndpointSpec, what: string, on?: string): INodeProperties[] {
	const limitText = windowText(spec);
	return [
		...withFromAi(
			{
				displayName: 'From',
				name: 'from',
				type: 'dateTime',
				displayOptions: showFor(display),
				default: '',
				description: `Start of the range (inclusive) on ${on ?? `the ${what}' modified time`}. Any time n8n gives: an ISO time with or without zone (without: Beijing time, see Options), an expression like $now.minus({ hours: 3 }), a JS Date. Empty: no time filter.`,
				hint: `Sent as Beijing time. A range longer than ${limitText} is split into consecutive windows of at most ${limitText} (WDT's limit for ${spec.endpoint}).`,
			},
			FROM_AI.from,
		),
		...withFromAi(
			{
				displayName: 'To',
				name: 'to',
				type: 'dateTime',
				displayOptions: showFor(display),
				default: '',
				description: 'End of the range. Empty with From set: now.',
			},
			FROM_AI.to,
		),
	];
}

/**
 * Source: which endpoint reads which part of the range, for lists whose old records WDT moves to
 * a his_* endpoint (protocol/archive.ts). `what` names the records ("orders").
 */
export function sourceField(display: Display, live: ListEndpointSpec, what: string): INodeProperties {
	const history = historyOf(live);
	return {
		displayName: 'Source',
		name: 'source',
		type: 'options',
		displayOptions: showFor(display),
		default: 'auto',
		options: [
			{
				name: 'By Range (Automatic)',
				value: 'auto',
				description: `The part of From–To older than ${ARCHIVE_AFTER_MONTHS} months from ${history.endpoint}, the rest from ${live.endpoint} (a few days around the border from both); without From/To both`,
			},
			{
				name: 'History',
				value: 'history',
				description: `Only ${history.endpoint}: archived ${what}`,
			},
			{
				name: 'Recent',
				value: 'recent',
				description: `Only ${live.endpoint}: ${what} not archived yet`,
			},
		],
		description: `Which WDT endpoint to read: WDT moves old ${what} to ${history.endpoint} (when is not published; ${ARCHIVE_AFTER_MONTHS} months is assumed)`,
	};
}

/** The Filters collection of an operation: the endpoint's own query parameters. */
export function filtersField(display: Display, filters: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(display),
		options: byDisplayName(filters),
	};
}

/** A text filter sent as the WDT parameter of the same name. */
export function textFilter(name: string, label: string, description: string): INodeProperties {
	return {
		displayName: label,
		name,
		type: 'string',
		default: '',
		description: `<code>${name}</code>: ${description}`,
	};
}

export const extraParametersOption: INodeProperties = {
	displayName: 'Other Parameters',
	name: 'extraParameters',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Parameter',
	description:
		'Any other parameter of the endpoint, by its WDT name (e.g. time_type). Objects and lists are sent as JSON text. page_no, page_size, start_time and end_time are set by the node.',
	options: [
		{
			displayName: 'Parameter',
			name: 'parameter',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The WDT parameter name' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The value as it goes on the wire' },
			],
		},
	],
};

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	default: 4, // DEFAULT_CONCURRENCY
	description:
		'Requests in flight at once once page 0 of a window has told how many pages follow (and across windows). Lower it if WDT answers "too frequent".',
};

export const timeZoneOption: INodeProperties = {
	displayName: 'Times Without a Zone Are In',
	name: 'timeZone',
	type: 'options',
	default: 'beijing',
	options: [
		{ name: 'Beijing Time (Asia/Shanghai)', value: 'beijing', description: 'As WDT writes times' },
		{ name: "The Workflow's Time Zone", value: 'workflow', description: 'Settings → Timezone of the workflow (or the n8n instance)' },
		{ name: 'UTC', value: 'utc' },
	],
	description: 'How From / To are read when they carry no zone or offset (2026-11-28 10:00:00). Times with a zone are exact whatever this says.',
};

/** Options of a list operation: page size at the endpoint's maximum by default. */
export function listOptions(display: Display, spec: ListEndpointSpec, withTimes: boolean): INodeProperties {
	const options: INodeProperties[] = [
		concurrencyOption,
		extraParametersOption,
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: spec.maxPageSize },
			default: 100, // spec.maxPageSize of every list endpoint (a literal, for n8n's linter)
			description: `Records per page, 1–${spec.maxPageSize} (WDT's maximum for ${spec.endpoint}, and the fewest requests)`,
		},
		{
			displayName: 'Raw Answers',
			name: 'rawAnswers',
			type: 'boolean',
			default: false,
			description: 'Whether to output WDT\'s answers as they came (one item per page, IDs exact) instead of one item per record',
		},
		...callOptionProperties('query'),
	];
	if (withTimes) options.push(timeZoneOption);
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor(display),
		options: byDisplayName(options),
	};
}
