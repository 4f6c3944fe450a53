/**
 * Runs workflows through the real n8n engine (n8n-core's WorkflowExecute) with our node and
 * credential types from the TypeScript sources, for integration tests against the emulator.
 * The plumbing around the engine (credentials helper, additional data) is the one the demo and
 * the benchmark use: scripts/run-workflow.js.
 */
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	Workflow,
} from 'n8n-workflow';

import { WdtApi } from '../../credentials/WdtApi.credentials';
import { buildWorkflow as buildLocalWorkflow, describeRun, startWorkflow as startLocalWorkflow } from '../../scripts/run-workflow';
import { TestItemsSource } from './TestItemsSource';

export const credentialTypes = { wdtApi: new WdtApi() };

export interface RunWorkflowOptions {
	/** Node types by their full type name, e.g. `n8n-nodes-wdt.wdtAckStockSync`. */
	nodeTypes: Record<string, INodeType>;
	nodes: INode[];
	connections: IConnections;
	/** Credential data by credential id (and by type as a fallback). */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
}

export interface WorkflowRun {
	run: IRun;
	/** Items of one node's output `outputIndex` (first run). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error a node threw, if the execution failed there. */
	error: IRun['data']['resultData']['error'];
	workflow: Workflow;
}

/** The options of scripts/run-workflow.js, with the test-only source node registered. */
export function localOptions(options: RunWorkflowOptions) {
	return {
		workflow: { name: 'test', nodes: options.nodes, connections: options.connections, staticData: options.staticData },
		nodeTypes: { 'test.itemsSource': new TestItemsSource(), ...options.nodeTypes },
		credentialTypes,
		credentials: options.credentials ?? {},
		startNode: options.nodes.find((node) => node.type === 'test.itemsSource')?.name,
	};
}

export function buildWorkflow(options: RunWorkflowOptions): Workflow {
	return buildLocalWorkflow(localOptions(options));
}

/** Starts a run; the returned promise-like can be cancelled like a stopped execution. */
export function startWorkflow(options: RunWorkflowOptions) {
	return startLocalWorkflow(localOptions(options));
}

export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRun> {
	const { workflow, cancellable } = startWorkflow(options);
	return describeRun(await cancellable, workflow);
}

/** Credential data (by credential id) pointing at an emulator's gateway with its demo account. */
export function emulatorCredentials(
	emu: { url: string; account: { sid: string; appkey: string; appsecret: string } },
	id = 'cred',
) {
	const { sid, appkey, appsecret } = emu.account;
	return { [id]: { sid, appkey, appsecret, environment: 'custom', customUrl: emu.url } };
}

/** A node of ours using the test credential `cred`. */
export function wdtNode(type: string, name: string, parameters: IDataObject, extra: Partial<INode> = {}): INode {
	return {
		id: name.toLowerCase(),
		name,
		type,
		typeVersion: 1,
		position: [200, 0],
		parameters: parameters as INode['parameters'],
		credentials: { wdtApi: { id: 'cred', name: 'WDT' } },
		...extra,
	};
}

/** A source node holding the given items, connected to `target`. */
export function sourceNode(items: IDataObject[]): INode {
	return {
		id: 'source',
		name: 'Source',
		type: 'test.itemsSource',
		typeVersion: 1,
		position: [0, 0],
		parameters: { itemsJson: JSON.stringify(items) },
	};
}

export function chain(...names: string[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < names.length; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}
