/**
 * Runs the Genviral Trigger the way an active n8n workflow runs a polling trigger, with
 * n8n-core's own machinery: `ActiveWorkflowTriggers` activates the workflow (reads Poll Times,
 * refuses sub-minute schedules, runs the activation poll, registers the cron job in the real
 * `ScheduledTaskManager`), each `poll()` fires that registered cron job (→ `PollTriggerExecutor`
 * → `TriggersAndPollers.runPollFunction` → the node's `poll()` in a real `PollContext`), and what
 * the node emits is executed by a real `WorkflowExecute`, as n8n's `runPolledWorkflow` does.
 *
 * The workflow (and so its static data) lives across polls, as it does in n8n's memory while the
 * workflow is active; `restart()` reloads it from its static data as JSON, as n8n does after a
 * restart (what it saved to the database).
 */
import path from 'node:path';

import {
	ActiveWorkflowTriggers,
	ExecutionLifecycleHooks,
	InstanceSettings,
	LoadOptionsContext,
	PollContext,
	ScheduledTaskManager,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IPollFunctions,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import type { FakeGenviral } from '../fake-genviral/server';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import type { RunResult } from './engine';
import {
	buildAdditionalData,
	GENVIRAL_TRIGGER_TYPE,
	loadTypes,
	runWorkflow,
	TestCredentialsHelper,
} from './engine';
import { checkItems, checkRunOutputs } from './outputSchemas';

export { GENVIRAL_TRIGGER_TYPE };
export const TRIGGER_NODE_NAME = 'Genviral Trigger';

/** n8n's "Every Minute" poll time (the shortest it allows). */
export const EVERY_MINUTE = { item: [{ mode: 'everyMinute' }] };

export function triggerNode(parameters: IDataObject, name = TRIGGER_NODE_NAME): INode {
	return {
		id: 'genviral-trigger',
		name,
		type: GENVIRAL_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { pollTimes: EVERY_MINUTE, ...parameters } as INode['parameters'],
		credentials: { genviralApi: { id: 'cred-1', name: 'Genviral account' } },
	};
}

type WorkflowData = Pick<IWorkflowBase, 'nodes' | 'connections'> & Partial<IWorkflowBase>;

/** A workflow of the trigger alone (its emitted items are the trigger's output). */
export function triggerWorkflow(parameters: IDataObject): WorkflowData {
	return { nodes: [triggerNode(parameters)], connections: {} };
}

export interface Execution {
	/** The items the poll emitted (the trigger's output). */
	items: INodeExecutionData[];
	run: IRun;
	/** Output items of a node of this execution. */
	output(nodeName: string): INodeExecutionData[];
}

export interface PollResult {
	/** The execution the poll started, if it emitted anything. */
	execution: Execution | undefined;
	/** The error n8n recorded for the poll (a failed poll), if any. */
	error: Error | undefined;
	/** The poll's emitted items (empty when none). */
	items: IDataObject[];
}

// n8n's logger (created by the container below) reports every cron (de)registration at info.
process.env.N8N_LOG_LEVEL ??= 'warn';

/**
 * n8n-core's dependency container (its own copy of @n8n/di, which is not hoisted): the same
 * singletons n8n-core's services are registered in.
 */
const Container = require(
	require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] }),
).Container as {
	get<T>(type: abstract new (...args: never[]) => T): T;
};

let workflowCounter = 0;

/** One active workflow with a Genviral Trigger, polled on demand. */
export class PollHarness {
	private workflow!: Workflow;

	private readonly workflowId = `poll-wf-${++workflowCounter}`;

	private credentialsHelper!: TestCredentialsHelper;

	/** The staging scope of the poll under way: settles when the poll and its hand-off are done. */
	private currentPoll: Promise<unknown> | undefined;

	private executions: Array<Promise<Execution>> = [];

	private errors: Error[] = [];

	/** Static data as n8n would have saved it to the database (JSON), after each poll. */
	savedStaticData: IDataObject = {};

	/** Every execution started by the trigger since activation. */
	readonly history: Execution[] = [];

	active = false;

	constructor(
		private readonly fake: FakeGenviral,
		private workflowData: WorkflowData,
		private readonly options: {
			token?: string;
			credentials?: Record<string, ICredentialDataDecryptedObject>;
		} = {},
	) {}

	private get triggers(): ActiveWorkflowTriggers {
		return Container.get(ActiveWorkflowTriggers);
	}

	get triggerName(): string {
		return this.workflowData.nodes.find((n) => n.type === GENVIRAL_TRIGGER_TYPE)!.name;
	}

	/** The trigger node's static data right now (what the next poll reads). */
	get staticData(): IDataObject {
		return this.workflow.getStaticData(
			'node',
			this.workflow.getNode(this.triggerName)!,
		) as IDataObject;
	}

	private credentials(): Record<string, ICredentialDataDecryptedObject> {
		return (
			this.options.credentials ?? {
				genviralApi: { apiToken: this.options.token ?? DEFAULT_TOKEN, baseUrl: this.fake.baseUrl },
			}
		);
	}

	private async buildWorkflow(staticData: IDataObject | undefined): Promise<void> {
		const { nodeTypes, credentialTypes } = await loadTypes();
		this.credentialsHelper = new TestCredentialsHelper(credentialTypes, this.credentials());
		this.workflow = new Workflow({
			id: this.workflowId,
			name: this.workflowData.name ?? 'Genviral Trigger test',
			nodes: this.workflowData.nodes,
			connections: this.workflowData.connections,
			active: true,
			nodeTypes,
			staticData,
			settings: this.workflowData.settings ?? { executionOrder: 'v1' },
		});
	}

	private additionalData(
		executionId: string,
		mode: WorkflowExecuteMode,
	): IWorkflowExecuteAdditionalData {
		const hooks = new ExecutionLifecycleHooks(mode, executionId, {
			id: this.workflowId,
			name: this.workflow.name,
			nodes: this.workflowData.nodes,
			connections: this.workflowData.connections,
			active: true,
		} as unknown as IWorkflowBase);
		return buildAdditionalData(this.credentialsHelper, hooks, executionId);
	}

	/** What `getPollFunctions` gives n8n's activation: a PollContext wired to this harness. */
	private pollFunctions = (
		workflow: Workflow,
		node: INode,
		additionalData: IWorkflowExecuteAdditionalData,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	): IPollFunctions => {
		const emit = (data: INodeExecutionData[][]) => {
			this.saveStaticData();
			this.executions.push(this.execute(node, data));
		};
		const emitError = (error: Error) => {
			this.errors.push(error);
		};
		const runPoll = async <T>(poll: () => Promise<T>): Promise<T> => {
			const running = poll();
			this.currentPoll = running.then(
				() => false,
				() => true,
			);
			return await running;
		};
		return new PollContext(
			workflow,
			node,
			additionalData,
			mode,
			activation,
			emit,
			emitError,
			async () => {},
			runPoll,
		);
	};

	/** n8n saves a trigger's static data when it emits and when activation ends. */
	private saveStaticData(): void {
		this.savedStaticData = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	/** Run the emitted items through the workflow, as n8n's runPolledWorkflow does. */
	private async execute(node: INode, data: INodeExecutionData[][]): Promise<Execution> {
		const executionId = `poll-exec-${this.history.length + this.executions.length + 1}`;
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: data }, source: null }] },
		});
		const workflowExecute = new WorkflowExecute(
			this.additionalData(executionId, 'trigger'),
			'trigger',
			runExecutionData,
		);
		const run = await workflowExecute.processRunExecutionData(this.workflow);
		// What the trigger emitted, and what the Genviral nodes after it output, match their schemas.
		checkItems(node, data[0] ?? []);
		checkRunOutputs(this.workflow, run);
		return {
			items: data[0] ?? [],
			run,
			output: (nodeName: string) =>
				run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		};
	}

	/**
	 * Activate the workflow as n8n does: the activation poll runs at once (its error, e.g. a bad
	 * key, fails the activation; what it emits is executed), then the trigger waits for its cron
	 * schedule. Returns what the activation poll emitted.
	 */
	async activate(): Promise<IDataObject[]> {
		Container.get(InstanceSettings).markAsLeader();
		if (!this.workflow) await this.buildWorkflow(undefined);
		this.executions = [];
		await this.triggers.addAllTriggers(
			this.workflowId,
			this.workflow,
			this.additionalData('activation', 'trigger'),
			'trigger',
			'activate',
			() => {
				throw new Error('the Genviral Trigger has no trigger() function');
			},
			this.pollFunctions,
		);
		this.active = true;
		// Tests fire the cron job themselves; its real timer must not fire a poll of its own at a
		// minute boundary in the middle of a test (it would consume the faults a test queued).
		const manager = Container.get(ScheduledTaskManager) as unknown as {
			cronsByGroupType: Map<string, Map<string, Map<string, { job: { stop(): void } }>>>;
		};
		for (const cron of manager.cronsByGroupType.get('workflow')?.get(this.workflowId)?.values() ??
			[])
			cron.job.stop();
		// n8n saves the static data once the workflow is active.
		this.saveStaticData();
		const executions = await Promise.all(this.executions);
		this.history.push(...executions);
		return executions.flatMap((e) => e.items.map((i) => i.json));
	}

	/** The cron job n8n registered for the trigger (its Poll Times). */
	cronJobs(): Array<{ expression: string; fire: () => Promise<void> }> {
		const manager = Container.get(ScheduledTaskManager) as unknown as {
			cronsByGroupType: Map<
				string,
				Map<
					string,
					Map<string, { job: { fireOnTick(): Promise<void> }; ctx: { expression: string } }>
				>
			>;
		};
		const crons = manager.cronsByGroupType.get('workflow')?.get(this.workflowId);
		return [...(crons?.values() ?? [])].map((cron) => ({
			expression: cron.ctx.expression,
			fire: async () => await cron.job.fireOnTick(),
		}));
	}

	/** One scheduled poll: fire the registered cron job and wait for the poll and its execution. */
	async poll(): Promise<PollResult> {
		const [job] = this.cronJobs();
		if (!job) throw new Error('the workflow is not active (no cron job registered)');
		this.currentPoll = undefined;
		this.errors = [];
		this.executions = [];
		await job.fire();
		// The executor enters the poll's staging scope after a few awaits.
		for (let i = 0; i < 100 && this.currentPoll === undefined; i++)
			await new Promise((resolve) => setImmediate(resolve));
		if (this.currentPoll === undefined) throw new Error('the cron job did not start a poll');
		const failed = await this.currentPoll;
		// An error leaves the staging scope before the executor reports it.
		const reportedBy = Date.now() + 5000;
		while (failed && this.errors.length === 0 && Date.now() < reportedBy)
			await new Promise((resolve) => setTimeout(resolve, 5));
		const executions = await Promise.all(this.executions);
		this.history.push(...executions);
		const execution = executions[0];
		return {
			execution,
			error: this.errors[0],
			items: (execution?.items ?? []).map((i) => i.json),
		};
	}

	/** Deactivate (n8n removes the cron job and saves static data). */
	async deactivate(): Promise<void> {
		await this.triggers.remove(this.workflowId);
		this.saveStaticData();
		this.active = false;
	}

	/**
	 * n8n restarts: the workflow is rebuilt from what was saved (static data as JSON) and
	 * re-activated, whose activation poll runs with that cursor. `crash`: n8n stopped without
	 * deactivating, so what changed in memory since the last save (the last emit) is lost.
	 * Returns what the activation poll emitted.
	 */
	async restart({ crash = false }: { crash?: boolean } = {}): Promise<IDataObject[]> {
		if (crash) await this.triggers.remove(this.workflowId);
		else await this.deactivate();
		await this.buildWorkflow(JSON.parse(JSON.stringify(this.savedStaticData)) as IDataObject);
		return await this.activate();
	}

	/** The user edits the trigger's parameters (the workflow is re-activated with them, static data kept). */
	async updateParameters(parameters: IDataObject): Promise<void> {
		const staticData = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
		await this.deactivate();
		this.workflowData = {
			...this.workflowData,
			nodes: this.workflowData.nodes.map((n) =>
				n.type === GENVIRAL_TRIGGER_TYPE
					? { ...n, parameters: { pollTimes: EVERY_MINUTE, ...parameters } as INode['parameters'] }
					: n,
			),
		};
		await this.buildWorkflow(staticData);
		await this.activate();
	}
}

/** "Fetch Test Event" in the editor: a manual execution of the workflow from the trigger. */
export async function fetchTestEvent(
	fake: FakeGenviral,
	parameters: IDataObject,
	token = DEFAULT_TOKEN,
): Promise<RunResult> {
	return await runWorkflow(triggerWorkflow(parameters), {
		credentials: { genviralApi: { apiToken: token, baseUrl: fake.baseUrl } },
		mode: 'manual',
	});
}

/** Remove every active test workflow's cron jobs (afterEach / afterAll). */
export async function deactivateAll(): Promise<void> {
	const triggers = Container.get(ActiveWorkflowTriggers);
	for (const id of triggers.allActiveWorkflows()) await triggers.remove(id);
}

/** One of the trigger's load-options methods, called as the editor does (LoadOptionsContext). */
export async function loadTriggerOptions(
	fake: FakeGenviral,
	method: string,
	parameters: IDataObject = {},
): Promise<unknown> {
	const { nodeTypes, credentialTypes } = await loadTypes();
	const node = triggerNode(parameters);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, {
		genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: fake.baseUrl },
	});
	const hooks = new ExecutionLifecycleHooks('internal', 'load-options', {
		id: 'load-options',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase);
	const context = new LoadOptionsContext(
		workflow,
		node,
		buildAdditionalData(credentialsHelper, hooks, 'load-options'),
		'parameters',
	);
	const nodeType = nodeTypes.getByNameAndVersion(GENVIRAL_TRIGGER_TYPE, 1);
	const fn = (
		nodeType.methods?.loadOptions as Record<string, (this: unknown) => Promise<unknown>> | undefined
	)?.[method];
	if (!fn) throw new Error(`The trigger has no loadOptions method ${method}`);
	return await fn.call(context);
}
