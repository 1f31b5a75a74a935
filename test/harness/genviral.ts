/** Shortcuts for the common case: Manual Trigger (with pinned items) → Genviral. */
import type {
	IConnections,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	ITaskData,
} from 'n8n-workflow';

import type { FakeGenviral } from '../fake-genviral/server';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import type { RunResult } from './engine';
import {
	GENVIRAL_NODE_TYPE,
	GENVIRAL_TOOL_NODE_TYPE,
	LOOP_OVER_ITEMS_TYPE,
	MANUAL_TRIGGER_TYPE,
	runWorkflow,
} from './engine';

export const GENVIRAL_NODE_NAME = 'Genviral';

export interface GenviralRunOptions {
	/** Input items (pinned on the trigger); one empty item by default. */
	items?: INodeExecutionData[];
	token?: string;
	baseUrl?: string;
	/** "On Error: Continue (using regular output)". */
	continueOnFail?: boolean;
	/** "On Error: Continue (using error output)": failed items go to a second output. */
	errorOutput?: boolean;
	/** Cancel the execution after this many ms (Stop button / execution timeout). */
	cancelAfterMs?: number;
	/** Run the AI Agent tool variant n8n derives from the node (type `genviralTool`). */
	tool?: boolean;
	/** Node settings of the Genviral node, e.g. n8n's Retry On Fail (`retryOnFail`, `maxTries`, `waitBetweenTries`). */
	nodeSettings?: Partial<Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>>;
	/** The execution's ID (default: a counter). */
	executionId?: string;
}

export function genviralWorkflow(
	parameters: INodeParameters,
	continueOnFail = false,
	onError: 'continueRegularOutput' | 'continueErrorOutput' = 'continueRegularOutput',
	type = GENVIRAL_NODE_TYPE,
) {
	const nodes: INode[] = [
		{
			id: 'trigger',
			name: 'Manual Trigger',
			type: MANUAL_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'genviral',
			name: GENVIRAL_NODE_NAME,
			type,
			typeVersion: 1,
			position: [220, 0],
			parameters,
			credentials: { genviralApi: { id: 'cred-1', name: 'Genviral account' } },
			...(continueOnFail ? { onError } : {}),
		},
	];
	const connections = {
		'Manual Trigger': { main: [[{ node: GENVIRAL_NODE_NAME, type: 'main' as const, index: 0 }]] },
	};
	return { nodes, connections };
}

export interface GenviralRun extends RunResult {
	items: INodeExecutionData[];
	/** The second output (with "using error output"). */
	errorItems: INodeExecutionData[];
	/** The error the Genviral node itself ended with (a cancelled run reports its own error at run level). */
	nodeError: IRun['data']['resultData']['error'];
}

export async function runGenviral(
	fake: FakeGenviral,
	parameters: INodeParameters,
	options: GenviralRunOptions = {},
): Promise<GenviralRun> {
	const onError = options.errorOutput ? 'continueErrorOutput' : 'continueRegularOutput';
	const type = options.tool ? GENVIRAL_TOOL_NODE_TYPE : GENVIRAL_NODE_TYPE;
	const workflow = genviralWorkflow(
		parameters,
		options.continueOnFail || options.errorOutput,
		onError,
		type,
	);
	Object.assign(workflow.nodes[1], options.nodeSettings ?? {});
	const result = await runWorkflow(workflow, {
		credentials: {
			genviralApi: {
				apiToken: options.token ?? DEFAULT_TOKEN,
				baseUrl: options.baseUrl ?? fake.baseUrl,
			},
		},
		pinData: { 'Manual Trigger': options.items ?? [{ json: {} }] },
		cancelAfterMs: options.cancelAfterMs,
		executionId: options.executionId,
	});
	const taskData = result.run?.data.resultData.runData[GENVIRAL_NODE_NAME]?.[0];
	return {
		...result,
		items: result.output(GENVIRAL_NODE_NAME),
		errorItems: taskData?.data?.main?.[1] ?? [],
		nodeError: taskData?.error,
	};
}

export interface GenviralLoopRun extends RunResult {
	/** One task per run of the Genviral node (one per loop iteration). */
	runs: ITaskData[];
	/** The Genviral node's output items, per run. */
	outputs: INodeExecutionData[][];
}

/**
 * Manual Trigger (items pinned) → Loop Over Items (one item at a time) → Genviral → back to the
 * loop: each iteration is item 0 of a new run of the Genviral node (its run index grows).
 */
export async function runGenviralInLoop(
	fake: FakeGenviral,
	parameters: INodeParameters,
	items: INodeExecutionData[],
	nodeSettings: GenviralRunOptions['nodeSettings'] = {},
): Promise<GenviralLoopRun> {
	const nodes: INode[] = [
		{
			id: 'trigger',
			name: 'Manual Trigger',
			type: MANUAL_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'loop',
			name: 'Loop Over Items',
			type: LOOP_OVER_ITEMS_TYPE,
			typeVersion: 3,
			position: [200, 0],
			parameters: { batchSize: 1, options: {} },
		},
		{
			id: 'genviral',
			name: GENVIRAL_NODE_NAME,
			type: GENVIRAL_NODE_TYPE,
			typeVersion: 1,
			position: [400, 0],
			parameters,
			credentials: { genviralApi: { id: 'cred-1', name: 'Genviral account' } },
			...nodeSettings,
		},
	];
	const connections: IConnections = {
		'Manual Trigger': { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] },
		// Output 0 is "done", output 1 is "loop".
		'Loop Over Items': { main: [[], [{ node: GENVIRAL_NODE_NAME, type: 'main', index: 0 }]] },
		[GENVIRAL_NODE_NAME]: { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] },
	};
	const result = await runWorkflow(
		{ nodes, connections },
		{
			credentials: { genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: fake.baseUrl } },
			pinData: { 'Manual Trigger': items },
		},
	);
	const runs = result.run?.data.resultData.runData[GENVIRAL_NODE_NAME] ?? [];
	return { ...result, runs, outputs: runs.map((run) => run.data?.main?.[0] ?? []) };
}
