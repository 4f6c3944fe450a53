'use strict';

/**
 * Stand-ins for the two n8n core nodes the shop examples add to those of stand-ins.js, with the
 * same rule: they do exactly what the examples configure, and refuse any other setting.
 *
 * - Edit Fields (n8n-nodes-base.set, 3.4) in JSON mode: one item per input item, holding the
 *   configured JSON object.
 * - Split Out (n8n-nodes-base.splitOut, 1): one item per element of the list in the named field
 *   (an object element becomes the item; anything else goes under the field's name); an item
 *   whose list is empty gives nothing, like the real node.
 */

const { NodeConnectionTypes, NodeOperationError } = require('n8n-workflow');
const { standInNodeTypes } = require('./stand-ins');

/** @typedef {import('n8n-workflow').IExecuteFunctions} IExecuteFunctions */
/** @typedef {import('n8n-workflow').INodeExecutionData} INodeExecutionData */
/** @typedef {import('n8n-workflow').INodeTypeDescription} INodeTypeDescription */
/** @typedef {import('n8n-workflow').IDataObject} IDataObject */

/**
 * @param {IExecuteFunctions} context
 * @param {string[]} supported
 */
function refuseOthers(context, supported) {
	const node = context.getNode();
	const others = Object.keys(node.parameters).filter((key) => !supported.includes(key));
	if (others.length > 0) {
		throw new NodeOperationError(node, `The ${node.type} stand-in does not support: ${others.join(', ')}`);
	}
}

class SetJsonStandIn {
	constructor() {
		/** @type {INodeTypeDescription} */
		this.description = {
			displayName: 'Edit Fields (stand-in)',
			name: 'set',
			group: ['input'],
			version: [3.4],
			description: "Outputs the configured JSON, like n8n's Edit Fields in JSON mode",
			defaults: { name: 'Edit Fields' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [
				{ displayName: 'Mode', name: 'mode', type: 'string', default: 'raw' },
				{ displayName: 'JSON', name: 'jsonOutput', type: 'json', default: '{}' },
				{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
			],
		};
	}

	/** @this {IExecuteFunctions} @returns {Promise<INodeExecutionData[][]>} */
	async execute() {
		refuseOthers(this, ['mode', 'jsonOutput', 'options']);
		if (this.getNodeParameter('mode', 0) !== 'raw') {
			throw new NodeOperationError(this.getNode(), 'The Edit Fields stand-in supports the JSON mode only');
		}
		return [
			this.getInputData().map((_, itemIndex) => {
				const json = this.getNodeParameter('jsonOutput', itemIndex, '{}');
				return {
					json: /** @type {IDataObject} */ (typeof json === 'string' ? JSON.parse(json) : json),
					pairedItem: { item: itemIndex },
				};
			}),
		];
	}
}

class SplitOutStandIn {
	constructor() {
		/** @type {INodeTypeDescription} */
		this.description = {
			displayName: 'Split Out (stand-in)',
			name: 'splitOut',
			group: ['transform'],
			version: 1,
			description: "One item per element of a list field, like n8n's Split Out",
			defaults: { name: 'Split Out' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [
				{ displayName: 'Field To Split Out', name: 'fieldToSplitOut', type: 'string', default: '' },
				{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
			],
		};
	}

	/** @this {IExecuteFunctions} @returns {Promise<INodeExecutionData[][]>} */
	async execute() {
		refuseOthers(this, ['fieldToSplitOut', 'options']);
		/** @type {INodeExecutionData[]} */
		const out = [];
		this.getInputData().forEach((item, itemIndex) => {
			const field = /** @type {string} */ (this.getNodeParameter('fieldToSplitOut', itemIndex));
			const list = item.json[field];
			if (!Array.isArray(list)) {
				throw new NodeOperationError(this.getNode(), `The field "${field}" is not a list`, { itemIndex });
			}
			for (const element of list) {
				const json =
					element !== null && typeof element === 'object' && !Array.isArray(element)
						? /** @type {IDataObject} */ (element)
						: { [field]: element };
				out.push({ json, pairedItem: { item: itemIndex } });
			}
		});
		return [out];
	}
}

/** The stand-ins of stand-ins.js plus these two, by node type. */
function shopStandInNodeTypes() {
	return {
		...standInNodeTypes(),
		'n8n-nodes-base.set': new SetJsonStandIn(),
		'n8n-nodes-base.splitOut': new SplitOutStandIn(),
	};
}

module.exports = { SetJsonStandIn, SplitOutStandIn, shopStandInNodeTypes };
