// @ts-check
'use strict';

/**
 * Stand-ins for the n8n core nodes with which the example workflows route on the ack's outcome
 * (see scripts/stand-ins.js for why stand-ins exist). Each does what the examples configure:
 *
 * - If (n8n-nodes-base.if, 2.2): the Conditions filter is evaluated by n8n itself
 *   (`getNodeParameter('conditions', i, false, { extractValue: true })`, as the real node
 *   does); matching items go to output 0 ("true"), the others to output 1 ("false").
 * - No Operation (n8n-nodes-base.noOp): passes its items on (a named end of a branch).
 * - Merge (n8n-nodes-base.merge, 3.2), Combine → By Position only: item i of input 1 and
 *   item i of input 2 become one item (input 2's fields win a clash), up to the shorter input.
 */

const { NodeConnectionTypes, NodeOperationError } = require('n8n-workflow');

/** @typedef {import('n8n-workflow').IExecuteFunctions} IExecuteFunctions */
/** @typedef {import('n8n-workflow').INodeExecutionData} INodeExecutionData */
/** @typedef {import('n8n-workflow').INodeTypeDescription} INodeTypeDescription */

class IfStandIn {
	constructor() {
		/** @type {INodeTypeDescription} */
		this.description = {
			displayName: 'If (stand-in)',
			name: 'if',
			group: ['transform'],
			version: [2.2],
			description: "Routes items on a condition, like n8n's If node",
			defaults: { name: 'If' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
			outputNames: ['true', 'false'],
			properties: [
				{
					displayName: 'Conditions',
					name: 'conditions',
					type: 'filter',
					default: {},
					typeOptions: { filter: { caseSensitive: true, typeValidation: 'strict', version: 2 } },
				},
				{ displayName: 'Convert Types Where Required', name: 'looseTypeValidation', type: 'boolean', default: false },
				{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
			],
		};
	}

	/** @this {IExecuteFunctions} @returns {Promise<INodeExecutionData[][]>} */
	async execute() {
		/** @type {INodeExecutionData[]} */
		const matched = [];
		/** @type {INodeExecutionData[]} */
		const others = [];
		this.getInputData().forEach((item, itemIndex) => {
			const pass = this.getNodeParameter('conditions', itemIndex, false, { extractValue: true });
			(pass ? matched : others).push({ json: item.json, pairedItem: { item: itemIndex } });
		});
		return [matched, others];
	}
}

class NoOpStandIn {
	constructor() {
		/** @type {INodeTypeDescription} */
		this.description = {
			displayName: 'No Operation (stand-in)',
			name: 'noOp',
			group: ['organization'],
			version: 1,
			description: 'Passes its items on',
			defaults: { name: 'No Operation, do nothing' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		};
	}

	/** @this {IExecuteFunctions} @returns {Promise<INodeExecutionData[][]>} */
	async execute() {
		return [this.getInputData().map((item, itemIndex) => ({ json: item.json, pairedItem: { item: itemIndex } }))];
	}
}

class MergeStandIn {
	constructor() {
		/** @type {INodeTypeDescription} */
		this.description = {
			displayName: 'Merge (stand-in)',
			name: 'merge',
			group: ['transform'],
			version: [3.2],
			description: 'Combines two inputs by position',
			defaults: { name: 'Merge' },
			inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			requiredInputs: [0, 1],
			properties: [
				{ displayName: 'Mode', name: 'mode', type: 'string', default: 'append' },
				{ displayName: 'Combine By', name: 'combineBy', type: 'string', default: 'combineByFields' },
				{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
			],
		};
	}

	/** @this {IExecuteFunctions} @returns {Promise<INodeExecutionData[][]>} */
	async execute() {
		const mode = this.getNodeParameter('mode', 0);
		const combineBy = this.getNodeParameter('combineBy', 0);
		if (mode !== 'combine' || combineBy !== 'combineByPosition') {
			throw new NodeOperationError(this.getNode(), `The Merge stand-in combines by position only, not ${mode}/${combineBy}`);
		}
		const first = this.getInputData(0);
		const second = this.getInputData(1);
		const count = Math.min(first.length, second.length);
		return [
			Array.from({ length: count }, (_, i) => ({
				json: { ...first[i].json, ...second[i].json },
				pairedItem: [
					{ item: i, input: 0 },
					{ item: i, input: 1 },
				],
			})),
		];
	}
}

/** The stand-ins by node type, as the example workflows name them. */
function routingStandIns() {
	return {
		'n8n-nodes-base.if': new IfStandIn(),
		'n8n-nodes-base.noOp': new NoOpStandIn(),
		'n8n-nodes-base.merge': new MergeStandIn(),
	};
}

module.exports = { IfStandIn, NoOpStandIn, MergeStandIn, routingStandIns };
