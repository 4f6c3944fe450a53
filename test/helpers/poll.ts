/**
 * Runs a polling trigger's `poll()` the way an active workflow does (mode 'trigger'), through
 * n8n-core's own PollContext, with the Workflow, credentials and static data of engine.ts.
 * (WorkflowExecute only runs a poll node itself in 'manual' mode: "Fetch test event".)
 */
import { PollContext } from 'n8n-core';
import type { INodeExecutionData, Workflow, WorkflowActivateMode, WorkflowExecuteMode } from 'n8n-workflow';

import { createAdditionalData } from '../../scripts/run-workflow';
import type { RunWorkflowOptions } from './engine';
import { buildWorkflow, localOptions } from './engine';

export interface PollResult {
	/** What poll() returned: null when there was nothing to emit. */
	data: INodeExecutionData[][] | null;
	workflow: Workflow;
}

/**
 * One poll of `nodeName` in mode 'trigger' (activation 'init' by default), as the scheduler runs it.
 * Pass the same `staticData` object to every poll to carry the node's memory over.
 * `mode: 'manual'` runs it as "Fetch test event" does, to see what poll() itself returns.
 */
export async function pollAsActiveWorkflow(
	options: RunWorkflowOptions & { nodeName: string; activation?: WorkflowActivateMode; mode?: WorkflowExecuteMode },
): Promise<PollResult> {
	const workflow = buildWorkflow(options);
	const node = workflow.getNode(options.nodeName);
	if (!node) throw new Error(`No node ${options.nodeName}`);
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	if (!nodeType.poll) throw new Error(`${node.type} is not a polling node`);
	const mode = options.mode ?? 'trigger';
	const additionalData = createAdditionalData({ ...localOptions(options), mode });
	const context = new PollContext(workflow, node, additionalData, mode, options.activation ?? 'init');
	const data = await nodeType.poll.call(context);
	return { data, workflow };
}
