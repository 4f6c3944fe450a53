import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** Test-only start node: emits the items given as JSON text (like a Manual Trigger with data). */
export class TestItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items Source',
		name: 'itemsSource',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items for engine tests',
		subtitle: 'test items',
		defaults: { name: 'Source' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		properties: [{ displayName: 'Items JSON', name: 'itemsJson', type: 'string', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('itemsJson', 0) as string) as INodeExecutionData['json'][];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}
