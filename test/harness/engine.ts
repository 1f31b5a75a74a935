/**
 * Runs workflows containing the Genviral node inside n8n-core's real engine:
 * the package is loaded from dist/ by n8n-core's PackageDirectoryLoader (as n8n loads a
 * community package), executed by a real WorkflowExecute, and its HTTP requests go through
 * n8n's real request helper with the credential applied by its own `authenticate` block.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import {
	Credentials,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow, isExpression } from 'n8n-workflow';

import { checkRunOutputs } from './outputSchemas';
import { toolVariant } from './tool';

/** The package root, found upwards (this file also runs compiled, from build/). */
function findRepoRoot(): string {
	let dir = __dirname;
	while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'nodes'))) {
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error(`package root not found above ${__dirname}`);
		dir = parent;
	}
	return dir;
}

export const REPO_ROOT = findRepoRoot();
export const GENVIRAL_NODE_TYPE = 'n8n-nodes-genviral.genviral';
/** The AI Agent tool n8n derives from the node (see tool.ts). */
export const GENVIRAL_TOOL_NODE_TYPE = 'n8n-nodes-genviral.genviralTool';
export const GENVIRAL_TRIGGER_TYPE = 'n8n-nodes-genviral.genviralTrigger';
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
export const SET_TYPE = 'n8n-nodes-base.set';
/** Loop Over Items (SplitInBatches v3). */
export const LOOP_OVER_ITEMS_TYPE = 'n8n-nodes-base.splitInBatches';

/** The n8n-nodes-base nodes that example workflows and benchmarks use. */
const BASE_NODES: Record<string, string> = {
	[MANUAL_TRIGGER_TYPE]: 'dist/nodes/ManualTrigger/ManualTrigger.node.js',
	[HTTP_REQUEST_TYPE]: 'dist/nodes/HttpRequest/HttpRequest.node.js',
	[SET_TYPE]: 'dist/nodes/Set/Set.node.js',
	[LOOP_OVER_ITEMS_TYPE]: 'dist/nodes/SplitInBatches/SplitInBatches.node.js',
	// examples/approve-then-publish.json branches on the review's answer.
	'n8n-nodes-base.if': 'dist/nodes/If/If.node.js',
};

/**
 * Loaded where the runtime can: the Wait node's form helpers need sanitize-html, whose parser is
 * ESM only, which plain Node 24 loads (the demo) and Jest's module system does not; under Jest a
 * workflow with a Wait node fails with "Unknown node type", and runs in the e2e instead.
 */
const BASE_NODES_OUTSIDE_JEST: Record<string, string> = {
	'n8n-nodes-base.wait': 'dist/nodes/Wait/Wait.node.js',
};

interface LoadedTypes {
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	genviralLoader: PackageDirectoryLoader;
}

let loaded: Promise<LoadedTypes> | undefined;

/** Load dist/ as n8n does, plus the few n8n-nodes-base nodes the workflows use. */
export async function loadTypes(): Promise<LoadedTypes> {
	loaded ??= (async () => {
		const genviralLoader = new PackageDirectoryLoader(REPO_ROOT);
		await genviralLoader.loadAll();

		const baseDir = path.dirname(require.resolve('n8n-nodes-base/package.json'));
		const baseLoader = new PackageDirectoryLoader(
			baseDir,
			[],
			[...Object.keys(BASE_NODES), ...Object.keys(BASE_NODES_OUTSIDE_JEST)],
		);
		for (const file of Object.values(BASE_NODES))
			baseLoader.loadNodeFromFile(path.join(baseDir, file));
		for (const file of Object.values(BASE_NODES_OUTSIDE_JEST)) {
			try {
				baseLoader.loadNodeFromFile(path.join(baseDir, file));
			} catch {
				// not loadable here (see BASE_NODES_OUTSIDE_JEST)
			}
		}

		const byName: Record<string, INodeType | IVersionedNodeType> = {};
		for (const loader of [genviralLoader, baseLoader]) {
			for (const [name, data] of Object.entries(loader.nodeTypes)) {
				byName[`${loader.packageName}.${name}`] = data.type;
			}
		}
		byName[GENVIRAL_TOOL_NODE_TYPE] = toolVariant(byName[GENVIRAL_NODE_TYPE] as INodeType);
		const nodeTypes: INodeTypes = {
			getByName: (type) => byName[type],
			getByNameAndVersion: (type, version) => {
				const nodeType = byName[type];
				if (!nodeType) throw new Error(`Unknown node type ${type}`);
				return NodeHelpers.getVersionedNodeType(nodeType, version);
			},
			getKnownTypes: () => ({}),
		};
		const credentialTypes: Record<string, ICredentialType> = {};
		for (const [name, data] of Object.entries(genviralLoader.credentialTypes)) {
			credentialTypes[name] = data.type;
		}
		return { nodeTypes, credentialTypes, genviralLoader };
	})();
	return await loaded;
}

/**
 * A credentials helper like n8n's own (packages/cli): credentials come from memory instead
 * of the database, defaults of the credential type are applied, and a generic
 * `authenticate` block has its `={{$credentials...}}` expressions resolved by the workflow's
 * expression engine.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every request options object after authentication, for tests that inspect them. */
	readonly authenticated: IHttpRequestOptions[] = [];

	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly stored: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.credentialTypes[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
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
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incoming as IHttpRequestOptions;
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			const authenticated = await authenticate(credentials, requestOptions);
			this.authenticated.push(authenticated);
			return authenticated;
		}
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) throw new Error('generic authenticate needs the workflow and node');
			const resolve = (value: string): string => {
				if (!isExpression(value)) return value;
				const resolved = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
				return resolved === undefined || resolved === null ? '' : String(resolved as string);
			};
			for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
				const target = ((requestOptions as unknown as Record<string, IDataObject>)[outerKey] ??=
					{});
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					target[resolve(key)] = resolve(value);
				}
			}
		}
		this.authenticated.push(requestOptions);
		return requestOptions;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<Credentials> {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type, '');
	}

	/** The stored data with the credential type's defaults filled in, as n8n does. */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.stored[type];
		if (!data) throw new Error(`No credentials of type ${type} stored for this test`);
		return withDefaults(this.type(type), data);
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

export function withDefaults(
	type: ICredentialType,
	data: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	const result: ICredentialDataDecryptedObject = {};
	for (const property of type.properties) {
		if (property.default !== undefined) result[property.name] = property.default as string;
	}
	return { ...result, ...data };
}

export function buildAdditionalData(
	credentialsHelper: ICredentialsHelper,
	hooks: ExecutionLifecycleHooks,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const notAvailable = async (): Promise<never> => {
		throw new Error('not available in the test engine');
	};
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks,
		executionId,
		executeWorkflow: notAvailable,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: notAvailable,
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}

export interface RunOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Items pinned on the first node (the Manual Trigger), as a user pins test data. */
	pinData?: Record<string, INodeExecutionData[]>;
	mode?: WorkflowExecuteMode;
	/** Cancel the execution after this many ms, as the Stop button or an execution timeout does. */
	cancelAfterMs?: number;
	/** The execution's ID (default: a counter): two instances, or a reset database, reuse IDs. */
	executionId?: string;
	/**
	 * Leave out the check of every output item against its output schema (on by default).
	 * Only the bench sets it: it times the node, and the check is the tests' own work.
	 */
	skipOutputSchemas?: boolean;
}

export interface RunResult {
	/** Undefined when the engine refused to start the workflow (see `error`). */
	run: IRun | undefined;
	credentialsHelper: TestCredentialsHelper;
	/** Output items of a node, first output, first run. */
	output(nodeName: string): INodeExecutionData[];
	/** The error the run stopped on, if any. */
	error: IRun['data']['resultData']['error'];
}

let executionCounter = 0;

/** Execute a workflow (as exported from n8n: nodes + connections) in the real engine. */
export async function runWorkflow(
	workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'> & Partial<IWorkflowBase>,
	options: RunOptions,
): Promise<RunResult> {
	const { nodeTypes, credentialTypes } = await loadTypes();
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, options.credentials);
	const mode = options.mode ?? 'manual';
	const executionId = options.executionId ?? String(++executionCounter);
	const workflow = new Workflow({
		id: workflowData.id ?? 'test-workflow',
		name: workflowData.name ?? 'test',
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: workflow.id,
		name: workflow.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase);
	const additionalData = buildAdditionalData(credentialsHelper, hooks, executionId);
	const startNode =
		workflowData.nodes.find((n) => n.type === MANUAL_TRIGGER_TYPE) ?? workflowData.nodes[0];
	const workflowExecute = new WorkflowExecute(additionalData, mode);
	let run: IRun | undefined;
	let thrown: IRun['data']['resultData']['error'];
	let cancelTimer: NodeJS.Timeout | undefined;
	try {
		const running = workflowExecute.run({
			workflow,
			startNode,
			pinData: options.pinData ?? workflowData.pinData,
		});
		// WorkflowExecute.run returns a PCancelable: cancel() aborts the execution's cancel
		// signal (what nodes see as getExecutionCancelSignal) and the run ends as cancelled.
		if (options.cancelAfterMs !== undefined)
			cancelTimer = setTimeout(() => running.cancel(), options.cancelAfterMs);
		run = await running;
	} catch (error) {
		// The engine refuses some workflows before running them (e.g. a required parameter
		// left empty), exactly as n8n does; tests see that as the run's error.
		thrown = error as IRun['data']['resultData']['error'];
	} finally {
		clearTimeout(cancelTimer);
	}
	if (options.skipOutputSchemas !== true) checkRunOutputs(workflow, run);
	return {
		run,
		credentialsHelper,
		error: run?.data.resultData.error ?? thrown,
		output(nodeName: string) {
			const taskData = run?.data.resultData.runData[nodeName]?.[0];
			return taskData?.data?.main?.[0] ?? [];
		},
	};
}

/**
 * Calls one of the node's `methods` (list search or load options) the way the editor does:
 * in n8n-core's LoadOptionsContext, for a Genviral node with the given parameters.
 */
export async function callNodeMethod(
	kind: 'listSearch' | 'loadOptions',
	method: string,
	options: {
		credentials: Record<string, ICredentialDataDecryptedObject>;
		parameters?: INodeParameters;
		filter?: string;
		/** A list search's token for the next page. */
		paginationToken?: string;
	},
): Promise<unknown> {
	const { nodeTypes, credentialTypes } = await loadTypes();
	const node: INode = {
		id: 'genviral',
		name: 'Genviral',
		type: GENVIRAL_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters ?? {},
		credentials: { genviralApi: { id: 'cred-1', name: 'Genviral account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, options.credentials);
	const hooks = new ExecutionLifecycleHooks('internal', 'load-options', {
		id: 'load-options',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase);
	// The editor hands the node's current parameters to list searches (getCurrentNodeParameter).
	const additionalData = {
		...buildAdditionalData(credentialsHelper, hooks, 'load-options'),
		currentNodeParameters: options.parameters ?? {},
	};
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const nodeType = nodeTypes.getByNameAndVersion(GENVIRAL_NODE_TYPE, 1);
	const fn = (
		nodeType.methods?.[kind] as
			| Record<
					string,
					(this: unknown, filter?: string, paginationToken?: string) => Promise<unknown>
			  >
			| undefined
	)?.[method];
	if (!fn) throw new Error(`The node has no ${kind} method ${method}`);
	return await fn.call(context, options.filter, options.paginationToken);
}
