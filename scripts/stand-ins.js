// @ts-check
'use strict';

/**
 * Stand-ins for the n8n core nodes the example workflows use (If, No Operation and Merge are in
 * scripts/stand-ins-routing.js). n8n's own nodes
 * (n8n-nodes-base) are not a dependency of this package, so the demo runner (`npm start`) and the
 * engine tests play them with these small classes, which do exactly what the examples configure
 * and nothing more (any other setting is refused, so a stand-in cannot silently differ):
 *
 * - Manual Trigger (n8n-nodes-base.manualTrigger): emits one empty item.
 * - HTTP Request (n8n-nodes-base.httpRequest, 4.2): sends each item's request with
 *   `this.helpers.httpRequest` (method, URL, JSON body from "Using Fields Below" or "Using JSON"),
 *   outputs the JSON answer per item, and fails on a non-2xx answer like the real node.
 *
 * `npm run e2e` runs the same example file in the real n8n app, with the real nodes.
 */

const { NodeApiError, NodeConnectionTypes, NodeOperationError } = require('n8n-workflow');
const { routingStandIns } = require('./stand-ins-routing');

/** @typedef {import('n8n-workflow').IExecuteFunctions} IExecuteFunctions */
/** @typedef {import('n8n-workflow').INodeExecutionData} INodeExecutionData */
/** @typedef {import('n8n-workflow').INodeTypeDescription} INodeTypeDescription */
/** @typedef {import('n8n-workflow').IDataObject} IDataObject */

class ManualTriggerStandIn {
	constructor() {
		/** @type {INodeTypeDescription} */
		this.description = {
			displayName: 'Manual Trigger (stand-in)',
			name: 'manualTrigger',
			group: ['trigger', 'input'],
			version: 1,
			description: "Emits one empty item, like n8n's \"When clicking 'Execute workflow'\"",
			defaults: { name: 'Manual Trigger' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		};
	}

	/** @this {IExecuteFunctions} @returns {Promise<INodeExecutionData[][]>} */
	async execute() {
		return [[{ json: {}, pairedItem: { item: 0 } }]];
	}
}

/** Requests in flight at once (the real node, without batching, sends every item's request at once). */
const CONCURRENCY = 8;

const SUPPORTED = new Set([
	'method',
	'url',
	'authentication',
	'sendQuery',
	'sendHeaders',
	'sendBody',
	'contentType',
	'specifyBody',
	'bodyParameters',
	'jsonBody',
	'options',
]);

/**
 * @param {IExecuteFunctions} context
 * @param {number} itemIndex
 * @returns {IDataObject | undefined}
 */
function requestBody(context, itemIndex) {
	if (context.getNodeParameter('sendBody', itemIndex, false) !== true) return undefined;
	const contentType = context.getNodeParameter('contentType', itemIndex, 'json');
	if (contentType !== 'json') {
		throw new NodeOperationError(
			context.getNode(),
			`The HTTP Request stand-in sends JSON bodies only, not "${contentType}"`,
			{ itemIndex },
		);
	}
	const specifyBody = context.getNodeParameter('specifyBody', itemIndex, 'keypair');
	if (specifyBody === 'keypair') {
		const parameters = /** @type {Array<{ name: string, value: unknown }>} */ (
			context.getNodeParameter('bodyParameters.parameters', itemIndex, [])
		);
		/** @type {IDataObject} */
		const body = {};
		for (const { name, value } of parameters)
			body[name] = /** @type {IDataObject[string]} */ (value);
		return body;
	}
	if (specifyBody === 'json') {
		const json = context.getNodeParameter('jsonBody', itemIndex, '{}');
		return /** @type {IDataObject} */ (typeof json === 'string' ? JSON.parse(json) : json);
	}
	throw new NodeOperationError(
		context.getNode(),
		`The HTTP Request stand-in does not support body mode "${specifyBody}"`,
		{ itemIndex },
	);
}

class HttpRequestStandIn {
	constructor() {
		/** @type {INodeTypeDescription} */
		this.description = {
			displayName: 'HTTP Request (stand-in)',
			name: 'httpRequest',
			group: ['output'],
			version: [4.2],
			description: "Sends the configured JSON request per item, like n8n's HTTP Request node",
			defaults: { name: 'HTTP Request' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			// The engine keeps only declared parameters: these are the real node's names and defaults.
			properties: [
				{
					displayName: 'Method',
					name: 'method',
					type: 'options',
					default: 'GET',
					options: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'].map((m) => ({
						name: m,
						value: m,
					})),
				},
				{ displayName: 'URL', name: 'url', type: 'string', default: '' },
				{ displayName: 'Authentication', name: 'authentication', type: 'string', default: 'none' },
				{
					displayName: 'Send Query Parameters',
					name: 'sendQuery',
					type: 'boolean',
					default: false,
				},
				{ displayName: 'Send Headers', name: 'sendHeaders', type: 'boolean', default: false },
				{ displayName: 'Send Body', name: 'sendBody', type: 'boolean', default: false },
				{ displayName: 'Body Content Type', name: 'contentType', type: 'string', default: 'json' },
				{ displayName: 'Specify Body', name: 'specifyBody', type: 'string', default: 'keypair' },
				{
					displayName: 'Body Parameters',
					name: 'bodyParameters',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					default: { parameters: [] },
					options: [
						{
							name: 'parameters',
							displayName: 'Parameter',
							values: [
								{ displayName: 'Name', name: 'name', type: 'string', default: '' },
								{ displayName: 'Value', name: 'value', type: 'string', default: '' },
							],
						},
					],
				},
				{ displayName: 'JSON', name: 'jsonBody', type: 'json', default: '' },
				{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
			],
		};
	}

	/** @this {IExecuteFunctions} @returns {Promise<INodeExecutionData[][]>} */
	async execute() {
		const node = this.getNode();
		const unsupported = Object.keys(node.parameters).filter((key) => !SUPPORTED.has(key));
		if (unsupported.length > 0) {
			throw new NodeOperationError(
				node,
				`The HTTP Request stand-in does not support: ${unsupported.join(', ')}`,
			);
		}
		if (
			(node.parameters.authentication ?? 'none') !== 'none' ||
			node.parameters.sendQuery ||
			node.parameters.sendHeaders
		) {
			throw new NodeOperationError(
				node,
				'The HTTP Request stand-in supports no authentication, query or header parameters',
			);
		}
		const items = this.getInputData();
		/** @type {INodeExecutionData[]} */
		const out = new Array(items.length);
		let next = 0;
		let failed = false;
		const worker = async () => {
			while (!failed && next < items.length) {
				const itemIndex = next++;
				try {
					const method = /** @type {import('n8n-workflow').IHttpRequestMethods} */ (
						this.getNodeParameter('method', itemIndex, 'GET')
					);
					const url = /** @type {string} */ (this.getNodeParameter('url', itemIndex));
					const body = requestBody(this, itemIndex);
					const response = await this.helpers
						.httpRequest({
							method,
							url,
							body,
							json: true,
							returnFullResponse: true,
							ignoreHttpStatusErrors: true,
						})
						.catch((/** @type {Error} */ error) => ({
							statusCode: 0,
							body: { error: error.message },
						}));
					if (!(response.statusCode >= 200 && response.statusCode < 300)) {
						failed = true;
						throw new NodeApiError(
							node,
							/** @type {import('n8n-workflow').JsonObject} */ ({ body: response.body }),
							{
								message: `${method} ${url} answered ${response.statusCode || 'no response'}: ${JSON.stringify(response.body).slice(0, 200)}`,
								itemIndex,
								httpCode: String(response.statusCode || ''),
							},
						);
					}
					const json =
						response.body && typeof response.body === 'object' && !Array.isArray(response.body)
							? response.body
							: { data: response.body };
					out[itemIndex] = { json, pairedItem: { item: itemIndex } };
				} catch (error) {
					failed = true;
					throw error;
				}
			}
		};
		await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
		return [out];
	}
}

/** The stand-ins by node type, as the example workflows name them. */
function standInNodeTypes() {
	return {
		'n8n-nodes-base.manualTrigger': new ManualTriggerStandIn(),
		'n8n-nodes-base.httpRequest': new HttpRequestStandIn(),
		...routingStandIns(),
	};
}

module.exports = { ManualTriggerStandIn, HttpRequestStandIn, standInNodeTypes };
