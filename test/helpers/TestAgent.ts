import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** The part of a LangChain tool that n8n-core's wrapper (createNodeAsTool) hands to an agent. */
interface AgentTool {
	name: string;
	description: string;
	schema: { shape?: Record<string, { description?: string }> };
	invoke(args: Record<string, unknown>): Promise<unknown>;
}

/**
 * Test-only stand-in for an AI Agent whose model is scripted: it gets the connected tools through
 * `getInputConnectionData(ai_tool)` exactly as n8n's AI Agent does, and for each input item
 * calls the tool named `json.tool` with the arguments `json.args` (what a model would send).
 * Outputs what the agent saw: the tool's name, description, input schema keys and answer.
 */
export class TestAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Agent',
		name: 'agent',
		group: ['transform'],
		version: 1,
		description: 'Calls connected tools with scripted arguments',
		subtitle: 'scripted model',
		// n8n's linter reads test nodes too; never registered as a tool here.
		usableAsTool: true,
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tool', required: true }],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as AgentTool[];
		const out: INodeExecutionData[] = [];
		for (const [itemIndex, item] of this.getInputData().entries()) {
			const tool = tools.find((candidate) => candidate.name === item.json.tool) ?? tools[0];
			let answer: unknown;
			try {
				answer = await tool.invoke(item.json.args as Record<string, unknown>);
			} catch (error) {
				answer = { thrown: (error as Error).message };
			}
			out.push({
				json: {
					tool: tool.name,
					description: tool.description,
					schemaKeys: Object.keys(tool.schema.shape ?? {}).sort(),
					// What the model reads about each argument (zod's describe()).
					schemaDescriptions: Object.fromEntries(
						Object.entries(tool.schema.shape ?? {}).map(([key, schema]) => [key, schema.description ?? '']),
					),
					answer: typeof answer === 'string' ? answer : JSON.stringify(answer),
				},
				pairedItem: { item: itemIndex },
			});
		}
		return [out];
	}
}
