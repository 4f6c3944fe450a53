// @ts-check
'use strict';

/**
 * Test-only node that calls a URL the way n8n's HTTP Request node does with "Predefined
 * Credential Type": through the legacy `requestWithAuthentication` helper, with `uri`, `qs`,
 * `form` and `json`. (JavaScript: n8n's linter rightly keeps that deprecated helper out of our
 * TypeScript nodes.)
 */
const { NodeConnectionTypes } = require('n8n-workflow');

class LegacyRequestNode {
	constructor() {
		/** @type {import('n8n-workflow').INodeTypeDescription} */
		this.description = {
			displayName: 'Legacy Request (test)',
			name: 'legacyRequest',
			group: ['transform'],
			version: 1,
			description: 'Calls requestWithAuthentication like the HTTP Request node',
			defaults: { name: 'Legacy Request' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'wdtApi', required: true }],
			properties: [{ displayName: 'Request', name: 'requestJson', type: 'string', default: '{}' }],
		};
	}

	/** @this {import('n8n-workflow').IExecuteFunctions} */
	async execute() {
		const options = JSON.parse(/** @type {string} */ (this.getNodeParameter('requestJson', 0)));
		const body = await this.helpers.requestWithAuthentication.call(this, 'wdtApi', options);
		return [[{ json: typeof body === 'string' ? JSON.parse(body) : body, pairedItem: { item: 0 } }]];
	}
}

module.exports = { LegacyRequestNode };
