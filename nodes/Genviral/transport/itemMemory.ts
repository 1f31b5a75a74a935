/**
 * What one item already did in one run of the node, remembered for the life of an execution.
 *
 * n8n's Retry On Fail runs the whole node again, with the same execution, run index and items:
 * without this, every item that had already succeeded would spend its credits, upload its
 * files or publish again. With it, a retried item gets back what its paid or publishing call
 * returned the first time (and reuses the files it uploaded), while a new run of the node
 * (Loop Over Items, a new execution) starts afresh.
 *
 * The memory is in-process (queue-mode retries happen in the same worker process), bounded in
 * entries and age, and never written to static data, items or logs. It holds API answers,
 * never the request or its credential.
 */
import { createHash } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';

import type { GenviralContext } from './types';

/** Retry On Fail waits at most 5 s between at most 5 tries; a long wait or upload inside a try is what takes time. */
export const ITEM_MEMORY_MAX_AGE_MS = 6 * 60 * 60 * 1000;
/** Enough for every item of a large batch; the oldest entries go first. */
export const ITEM_MEMORY_MAX_ENTRIES = 2000;

interface Entry {
	storedAt: number;
	value: unknown;
}

const entries = new Map<string, Entry>();

/** Whether the context runs items (a node execution), rather than an editor look-up or a trigger poll. */
export function isItemRun(ctx: GenviralContext): ctx is IExecuteFunctions {
	return 'getInputData' in ctx && 'getExecutionId' in ctx && 'getWorkflowDataProxy' in ctx;
}

/**
 * The node's run index: 0 on its first run in an execution, 1, 2, ... each time a loop runs
 * it again (Loop Over Items); the same on every try of n8n's Retry On Fail.
 */
export function runIndexOf(ctx: IExecuteFunctions, itemIndex: number): number {
	const runIndex = ctx.getWorkflowDataProxy(itemIndex).$runIndex;
	return typeof runIndex === 'number' && Number.isInteger(runIndex) && runIndex >= 0 ? runIndex : 0;
}

/** One item of one run of this node in this execution of this workflow on this instance. */
export interface ItemRun {
	instanceId: string;
	workflowId: string;
	executionId: string;
	nodeId: string;
	runIndex: number;
	itemIndex: number;
}

export function itemRunOf(ctx: IExecuteFunctions, itemIndex: number): ItemRun {
	return {
		instanceId: String(ctx.getInstanceId?.() ?? ''),
		workflowId: String(ctx.getWorkflow().id ?? ''),
		executionId: String(ctx.getExecutionId() ?? ''),
		nodeId: ctx.getNode().id,
		runIndex: runIndexOf(ctx, itemIndex),
		itemIndex,
	};
}

/** A short, stable digest (hex) of some texts. */
export function digestOf(parts: readonly string[], length = 16): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, length);
}

function keyOf(run: ItemRun, what: string): string {
	return digestOf(
		[
			run.instanceId,
			run.workflowId,
			run.executionId,
			run.nodeId,
			String(run.runIndex),
			String(run.itemIndex),
			what,
		],
		40,
	);
}

function prune(now: number): void {
	for (const [key, entry] of entries) {
		// Map keeps insertion order: once an entry is young enough, so are all after it.
		if (now - entry.storedAt <= ITEM_MEMORY_MAX_AGE_MS && entries.size <= ITEM_MEMORY_MAX_ENTRIES)
			break;
		entries.delete(key);
	}
}

/** What this item of this run remembered under `what` ("POST /posts", "upload image1"), if anything. */
export function recall<T>(ctx: IExecuteFunctions, itemIndex: number, what: string): T | undefined {
	const now = Date.now();
	prune(now);
	const entry = entries.get(keyOf(itemRunOf(ctx, itemIndex), what));
	return entry === undefined ? undefined : (entry.value as T);
}

/** Remember a result of this item of this run under `what`. */
export function remember(
	ctx: IExecuteFunctions,
	itemIndex: number,
	what: string,
	value: unknown,
): void {
	const now = Date.now();
	const key = keyOf(itemRunOf(ctx, itemIndex), what);
	entries.delete(key);
	entries.set(key, { storedAt: now, value });
	prune(now);
}

/**
 * `work()` once per item of a run: a retry of the same item in the same run gets the first
 * successful result back instead of doing it again. Failures are not remembered.
 */
export async function oncePerItemRun<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	what: string,
	work: () => Promise<T>,
): Promise<T> {
	const done = recall<{ value: T }>(ctx, itemIndex, what);
	if (done !== undefined) return done.value;
	const value = await work();
	remember(ctx, itemIndex, what, { value });
	return value;
}

/** For tests: how many entries are held. */
export function itemMemorySize(): number {
	return entries.size;
}
