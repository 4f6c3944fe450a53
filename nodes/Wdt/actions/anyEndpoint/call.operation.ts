import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { CallOptions } from '../../callOptions';
import { callOptionProperties, clamp, readCallOptions } from '../../callOptions';
import type { WdtParamValue } from '../../protocol';
import { KNOWN_ENDPOINTS } from '../../protocol/catalogue';
import { jsonParams, objectParams } from '../../protocol/jsonParams';
import { idsAsText, readRecords } from '../../protocol/listAnswer';
import { callWdt } from '../../transport';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, byDisplayName, concurrencyOption, showFor } from '../common/listFields';
import { ParameterError, fetchItems } from '../common/runList';

const display = { resource: 'anyEndpoint', operation: 'call' };
const show = showFor(display).show;
const CUSTOM = '__custom';

/** The catalogue by name with its Chinese name, then "type it". */
const endpointOptions: INodePropertyOptions[] = [
	...KNOWN_ENDPOINTS.map((e) => ({ name: `${e.name} (${e.english})`, value: e.name })),
	{ name: 'Other: Type Its Name', value: CUSTOM, description: 'An openapi2 endpoint not in this list' },
];

export const description: INodeProperties[] = [
	{
		displayName: 'Endpoint',
		name: 'endpoint',
		type: 'options',
		displayOptions: showFor(display),
		default: 'trade_query',
		options: endpointOptions,
		description: 'The openapi2 endpoint (the .php file name) to call; every call is signed with the credential',
	},
	{
		displayName: 'Endpoint Name',
		name: 'customEndpoint',
		type: 'string',
		displayOptions: { show: { ...show, endpoint: [CUSTOM] } },
		default: '',
		required: true,
		placeholder: 'e.g. stock_transfer_query',
		description: 'The endpoint name as in https://api.wangdian.cn/openapi2/&lt;name&gt;.php (with or without .php)',
	},
	{
		displayName: 'Parameters As',
		name: 'parametersMode',
		type: 'options',
		displayOptions: showFor(display),
		default: 'keyValue',
		options: [
			{ name: 'Name / Value Pairs', value: 'keyValue' },
			{ name: 'JSON', value: 'json' },
		],
		description: 'How the business parameters are given (sid, appkey, timestamp and sign are added by the credential)',
	},
	{
		displayName: 'Parameters',
		name: 'parameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { ...show, parametersMode: ['keyValue'] } },
		default: {},
		placeholder: 'Add Parameter',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The WDT parameter name, e.g. start_time' },
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Sent as written. An expression returning an object or a list is sent as JSON text (e.g. trade_list).',
					},
				],
			},
		],
	},
	{
		displayName: 'JSON Parameters',
		name: 'parametersJson',
		type: 'json',
		displayOptions: { show: { ...show, parametersMode: ['json'] } },
		default: '{\n  "page_no": 0,\n  "page_size": 40\n}',
		description: 'One object of parameters. Objects and lists inside are sent as JSON text exactly as written (19-digit IDs keep their digits).',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor(display),
		options: byDisplayName([
			{
				displayName: 'Read All Pages',
				name: 'paginate',
				type: 'boolean',
				default: false,
				description: 'Whether to read page after page (page_no from 0, total_count from page 0) until a short page, instead of one call',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 2000 },
				default: 100,
				description: 'With Read All Pages: records per page (most list endpoints accept 1–100)',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				default: 'answer',
				options: [
					{ name: 'One Item per Answer', value: 'answer', description: 'WDT\'s answer as it came, IDs exact' },
					{ name: 'One Item per Record', value: 'records', description: "The records of the answer's list field (or its only list)" },
				],
				description: 'What each output item holds',
			},
			{
				displayName: 'List Field',
				name: 'listField',
				type: 'string',
				default: '',
				placeholder: 'e.g. trades',
				description: "The answer's field holding the records. Empty: the answer's only list.",
			},
			concurrencyOption,
			...callOptionProperties('query'),
		]),
	},
];

interface CallEndpointOptions extends CallOptions {
	paginate?: boolean;
	pageSize?: number;
	output?: 'answer' | 'records';
	listField?: string;
	concurrency?: number;
}

function readParams(context: IExecuteFunctions, itemIndex: number): Record<string, WdtParamValue> {
	if (context.getNodeParameter('parametersMode', itemIndex, 'keyValue') === 'json') {
		const value = context.getNodeParameter('parametersJson', itemIndex, '{}') as unknown;
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) return objectParams(value as IDataObject);
		return jsonParams(typeof value === 'string' ? value : JSON.stringify(value));
	}
	const entries = (context.getNodeParameter('parameters.parameter', itemIndex, []) as Array<{ name?: string; value?: unknown }>) ?? [];
	const params: Record<string, WdtParamValue> = {};
	for (const { name, value } of entries) {
		const key = (name ?? '').trim();
		if (!key) continue;
		if (key in params) throw new ParameterError(`Parameter ${key} is given twice`);
		params[key] = value !== null && typeof value === 'object' ? JSON.stringify(value) : (value as WdtParamValue);
	}
	return params;
}

function readEndpoint(context: IExecuteFunctions, itemIndex: number): string {
	const picked = context.getNodeParameter('endpoint', itemIndex) as string;
	const name = (picked === CUSTOM ? (context.getNodeParameter('customEndpoint', itemIndex, '') as string) : picked)
		.trim()
		.replace(/\.php$/, '');
	if (!/^[A-Za-z0-9_]+$/.test(name)) {
		throw new ParameterError(`"${name}" is not an openapi2 endpoint name`, 'Write the name of the .php file, letters, digits and _ only, e.g. stock_transfer_query.');
	}
	return name;
}

/** Any openapi2 endpoint, signed like the rest: one call (or every page), the answer as it came. */
export async function execute(this: IExecuteFunctions, itemIndex: number, gateway: string): Promise<INodeExecutionData[]> {
	const endpoint = readEndpoint(this, itemIndex);
	const params = readParams(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as CallEndpointOptions;
	const call = readCallOptions(options);
	const listField = options.listField?.trim() || undefined;
	const perRecord = options.output === 'records';
	const pairedItem = { item: itemIndex };
	if (!options.paginate) {
		const { body } = await callWdt(this, gateway, { endpoint, params, timeoutMs: call.timeoutMs, retry: call.retry });
		if (!perRecord) return [{ json: body as IDataObject, pairedItem }];
		return readRecords(body, { endpoint, listField }).map((record) => ({ json: idsAsText(record) as IDataObject, pairedItem }));
	}
	return await fetchItems(
		this,
		gateway,
		{
			spec: { endpoint, listField, maxPageSize: clamp(options.pageSize ?? Number(params.page_size), 1, 2000, 100) },
			params,
			concurrency: clamp(options.concurrency, 1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY),
			keepAnswers: !perRecord,
			call,
		},
		(result) =>
			perRecord
				? result.records.map((json) => ({ json, pairedItem }))
				: result.answers.map((answer) => ({ json: answer.body as IDataObject, pairedItem })),
	);
}
