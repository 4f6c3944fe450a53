/**
 * The `<name>Tool` node type n8n makes of a node with `usableAsTool`, for engine tests. The n8n
 * app does this, not n8n-core (which only runs it): packages/cli `NodeTypes.getByNameAndVersion`
 * clones the node type and passes it to `LoadNodesAndCredentials.convertNodeToAiTool`, which
 * renames it, gives it no main input and one `ai_tool` output, and adds the Description
 * (`toolDescription`) field. This mirrors those steps as n8n 1.123 and 2.41 ship them; n8n-core's
 * own tool wrapper (createNodeAsTool: $fromAI schema, invocation) is what the tests exercise.
 */
import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export function toolVariantOf(nodeType: INodeType): INodeType {
	const base = nodeType.description;
	const description: INodeTypeDescription = {
		...base,
		name: `${base.name}Tool`,
		displayName: `${base.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		usableAsTool: undefined,
		properties: [...base.properties],
	};
	if (!description.properties.some((property) => property.name === 'toolDescription')) {
		const toolDescription: INodeProperties = {
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: base.description,
			required: true,
			typeOptions: { rows: 2 },
			description: 'Explain to the LLM what this tool does',
		};
		const lastCallout = description.properties.map((property) => property.type).lastIndexOf('callout');
		description.properties.splice(lastCallout + 1, 0, toolDescription);
	}
	return Object.create(nodeType, { description: { value: description } }) as INodeType;
}
