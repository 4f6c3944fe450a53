// @ts-check
'use strict';

/**
 * Runs an n8n workflow (the JSON n8n exports) through the real n8n engine, n8n-core's
 * WorkflowExecute, the way n8n's server does for a manual execution: this package's node and
 * credential types loaded from dist/ as n8n loads them (through package.json's "n8n" field),
 * a credentials helper that calls the credential's real `authenticate`, and the execution's
 * additional data. The same approach as test/helpers/engine.ts, in plain JS for scripts.
 *
 * Set N8N_USER_FOLDER before requiring this file: running a workflow writes n8n's instance
 * config there.
 */

const fs = require('node:fs');
const path = require('node:path');
const { ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, Workflow } = require('n8n-workflow');

/** @typedef {import('n8n-workflow').INodeType} INodeType */
/** @typedef {import('n8n-workflow').ICredentialType} ICredentialType */
/** @typedef {import('n8n-workflow').ICredentialDataDecryptedObject} ICredentialDataDecryptedObject */
/** @typedef {import('n8n-workflow').INode} INode */
/** @typedef {import('n8n-workflow').IConnections} IConnections */
/** @typedef {import('n8n-workflow').IDataObject} IDataObject */
/** @typedef {import('n8n-workflow').IRun} IRun */
/** @typedef {import('n8n-workflow').INodeExecutionData} INodeExecutionData */

const ROOT = path.resolve(__dirname, '..');

/**
 * This package's node and credential types from dist/, named as n8n names them
 * (`<package name>.<node name>`), from the files package.json's "n8n" field lists.
 * The class is the export named like the file (n8n's rule).
 * @returns {{ nodeTypes: Record<string, INodeType>, credentialTypes: Record<string, ICredentialType> }}
 */
function loadPackageTypes(root = ROOT) {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	/** @param {string} file */
	const load = (file) => {
		const full = path.join(root, file);
		if (!fs.existsSync(full)) throw new Error(`${file} is missing: run \`npm run build\` first`);
		const className = path.basename(file).split('.')[0];
		const Type = require(full)[className];
		if (typeof Type !== 'function') throw new Error(`${file} exports no class ${className}`);
		return new Type();
	};
	/** @type {Record<string, INodeType>} */
	const nodeTypes = {};
	for (const file of pkg.n8n.nodes) {
		const type = /** @type {INodeType} */ (load(file));
		nodeTypes[`${pkg.name}.${type.description.name}`] = type;
	}
	/** @type {Record<string, ICredentialType>} */
	const credentialTypes = {};
	for (const file of pkg.n8n.credentials) {
		const type = /** @type {ICredentialType} */ (load(file));
		credentialTypes[type.name] = type;
	}
	return { nodeTypes, credentialTypes };
}

class CredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {Record<string, ICredentialType>} types
	 * @param {Record<string, ICredentialDataDecryptedObject>} store credential data by id (or type)
	 */
	constructor(types, store) {
		super();
		this.types = types;
		this.store = store;
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	/**
	 * @param {ICredentialDataDecryptedObject} credentials
	 * @param {string} typeName
	 * @param {import('n8n-workflow').IHttpRequestOptions} requestOptions
	 */
	async authenticate(credentials, typeName, requestOptions) {
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate !== 'function')
			throw new Error(`No authenticate function for ${typeName}`);
		return await authenticate(credentials, requestOptions);
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	/** @returns {Promise<import('n8n-workflow').ICredentials>} */
	async getCredentials() {
		throw new Error('not used for decrypted credentials');
	}
	/**
	 * @param {unknown} _additionalData
	 * @param {import('n8n-workflow').INodeCredentialsDetails} details
	 * @param {string} type
	 */
	async getDecrypted(_additionalData, details, type) {
		const data = this.store[details.id ?? ''] ?? this.store[type];
		if (!data)
			throw new Error(`No credential "${details.name}" (id ${details.id}) of type ${type}`);
		return { ...data };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	/** @param {string} type */
	getCredentialsProperties(type) {
		return this.types[type]?.properties ?? [];
	}
}

class NodeTypes {
	/** @param {Record<string, INodeType>} types */
	constructor(types) {
		this.types = types;
	}
	/** @param {string} name */
	getByName(name) {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}
	/** @param {string} name */
	getByNameAndVersion(name) {
		return this.getByName(name);
	}
	getKnownTypes() {
		return {};
	}
}

const BASE_URL = 'http://127.0.0.1:5678/';

/**
 * What n8n's server hands the engine around a run: the credentials helper and the execution's
 * additional data. Every base URL must be absolute: the engine builds resume URLs from them.
 * @param {object} options
 * @param {Record<string, ICredentialType>} options.credentialTypes
 * @param {Record<string, ICredentialDataDecryptedObject>} options.credentials credential data by id
 * @param {import('n8n-workflow').WorkflowExecuteMode} options.mode
 * @param {{ name?: string, nodes: INode[], connections: IConnections }} options.workflow
 * @returns {import('n8n-workflow').IWorkflowExecuteAdditionalData}
 */
function createAdditionalData({ credentialTypes, credentials, mode, workflow }) {
	const hooks = new ExecutionLifecycleHooks(mode, `${mode}-execution`, /** @type {never} */ ({
		id: 'local-workflow',
		name: workflow.name ?? 'workflow',
		active: mode === 'trigger',
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: {},
	}));
	return /** @type {import('n8n-workflow').IWorkflowExecuteAdditionalData} */ (
		/** @type {unknown} */ ({
			credentialsHelper: new CredentialsHelper(credentialTypes, credentials),
			hooks,
			executeWorkflow: async () => {
				throw new Error('sub-workflows are not supported here');
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
		})
	);
}

/**
 * @typedef {object} RunOptions
 * @property {{ name?: string, nodes: INode[], connections: IConnections, settings?: IDataObject, staticData?: IDataObject }} workflow
 *           the workflow JSON as n8n exports it
 * @property {Record<string, INodeType>} nodeTypes node types by full type name
 * @property {Record<string, ICredentialType>} credentialTypes
 * @property {Record<string, ICredentialDataDecryptedObject>} credentials credential data by id
 * @property {string} [startNode] default: the first node without inputs
 */

/** @param {Pick<RunOptions, 'workflow' | 'nodeTypes'>} options */
function buildWorkflow({ workflow: data, nodeTypes }) {
	return new Workflow({
		id: 'local-workflow',
		name: data.name ?? 'workflow',
		nodes: data.nodes,
		connections: data.connections,
		active: false,
		nodeTypes: new NodeTypes(nodeTypes),
		staticData: data.staticData,
		settings: { executionOrder: 'v1', ...(data.settings ?? {}) },
	});
}

/**
 * Starts a manual execution; `cancellable.cancel()` stops it like the editor's stop button.
 * @param {RunOptions} options
 */
function startWorkflow(options) {
	const data = options.workflow;
	const workflow = buildWorkflow(options);
	const additionalData = createAdditionalData({ ...options, mode: 'manual' });
	const hasInput = (/** @type {INode} */ node) =>
		Object.values(data.connections).some((c) => c.main?.some((out) => out?.some((to) => to.node === node.name)));
	const startName = options.startNode ?? data.nodes.find((node) => !hasInput(node))?.name;
	const startNode = data.nodes.find((node) => node.name === startName);
	if (!startNode) throw new Error('The workflow has no start node');
	const cancellable = new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode });
	return { workflow, cancellable };
}

/**
 * @param {IRun} run
 * @param {Workflow} workflow
 */
function describeRun(run, workflow) {
	return {
		run,
		workflow,
		error: run.data.resultData.error,
		/** Items of one node's output `outputIndex` (its first run). @param {string} nodeName */
		output(nodeName, outputIndex = 0) {
			const runs = run.data.resultData.runData[nodeName];
			return runs?.[0]?.data?.main?.[outputIndex] ?? [];
		},
	};
}

/** @param {RunOptions} options */
async function runWorkflow(options) {
	const { workflow, cancellable } = startWorkflow(options);
	return describeRun(await cancellable, workflow);
}

module.exports = { loadPackageTypes, CredentialsHelper, NodeTypes, createAdditionalData, buildWorkflow, startWorkflow, describeRun, runWorkflow };
