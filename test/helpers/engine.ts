/**
 * Runs workflows through the real n8n engine (n8n-core's WorkflowExecute) with our node and
 * credential types, for integration tests against the emulator. Only what n8n's server would
 * provide around the engine is filled in here: the node-type registry, the credentials helper
 * (which calls our credential's real `authenticate`) and the execution's additional data.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IConnections,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';

import { WdtApi } from '../../credentials/WdtApi.credentials';
import { TestItemsSource } from './TestItemsSource';

export const PACKAGE = 'n8n-nodes-wdt';

const credentialTypes: Record<string, ICredentialType> = { wdtApi: new WdtApi() };

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (typeof authenticate !== 'function') throw new Error(`No authenticate function for ${typeName}`);
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the engine for decrypted credentials');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store[details.id ?? ''] ?? this.store[type];
		if (!data) throw new Error(`No test credential for ${type} (${details.id})`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

export class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType>;

	constructor(nodeTypes: Record<string, INodeType>) {
		this.types = { 'test.itemsSource': new TestItemsSource(), ...nodeTypes };
	}

	getByName(name: string): INodeType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}

	getByNameAndVersion(name: string): INodeType {
		return this.getByName(name);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

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

const BASE_URL = 'http://127.0.0.1:5678/';

function additionalDataFor(
	credentialsHelper: ICredentialsHelper,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	// Every base URL must be absolute: the engine builds resume URLs from them for each node.
	return {
		credentialsHelper,
		hooks,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${BASE_URL}rest`,
		instanceBaseUrl: BASE_URL,
		formBaseUrl: `${BASE_URL}form`,
		formWaitingBaseUrl: `${BASE_URL}form-waiting`,
		formTestBaseUrl: `${BASE_URL}form-test`,
		webhookBaseUrl: `${BASE_URL}webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}webhook-test`,
		mcpBaseUrl: `${BASE_URL}mcp`,
		mcpTestBaseUrl: `${BASE_URL}mcp-test`,
		variables: {},
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function buildWorkflow(options: RunWorkflowOptions): Workflow {
	return new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes: options.nodes,
		connections: options.connections,
		active: false,
		nodeTypes: new TestNodeTypes(options.nodeTypes),
		staticData: options.staticData,
		settings: { executionOrder: 'v1' },
	});
}

/** Starts a run; the returned promise-like can be cancelled like a stopped execution. */
export function startWorkflow(options: RunWorkflowOptions) {
	const workflow = buildWorkflow(options);
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: options.nodes,
		connections: options.connections,
		settings: {},
		nodeTypes: undefined,
	} as never);
	const helper = new TestCredentialsHelper(options.credentials ?? {});
	const execute = new WorkflowExecute(additionalDataFor(helper, hooks), 'manual');
	const start = options.nodes.find((node) => node.type === 'test.itemsSource') ?? options.nodes[0];
	return { workflow, cancellable: execute.run({ workflow, startNode: start }) };
}

export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRun> {
	const { workflow, cancellable } = startWorkflow(options);
	const run = await cancellable;
	return wrapRun(run, workflow);
}

export function wrapRun(run: IRun, workflow: Workflow): WorkflowRun {
	return {
		run,
		workflow,
		error: run.data.resultData.error,
		output(nodeName: string, outputIndex = 0) {
			const runs = run.data.resultData.runData[nodeName];
			if (!runs || runs.length === 0) return [];
			return runs[0].data?.main?.[outputIndex] ?? [];
		},
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
