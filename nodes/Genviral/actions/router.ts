import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeHelpers, NodeOperationError, sleep } from 'n8n-workflow';

import { requestOptionsDescription } from '../descriptions/requestOptions';
import { holdsExpression, readAhead, readParameter } from '../helpers/parameters';
import type { RequestOptions } from '../transport/options';
import { DEFAULT_REQUEST_OPTIONS, setItemRequestOptions } from '../transport/options';
import { sleepUnlessCancelled } from '../transport/sleep';

import type { GenviralOperation, OperationRun } from './node.type';
import { ItemWithBinary } from './node.type';
import { RESOURCE_BY_VALUE } from './resources';

/**
 * The node's Options collection for an item, checked by the same reader and declaration as
 * every other parameter (so "false" is false, "0x10" is refused, and nothing exceeds what
 * Node's timers hold).
 */
function readOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return readParameter<IDataObject | undefined>(ctx, requestOptionsDescription, itemIndex) ?? {};
}

/**
 * The request options of each item. Options without an expression are the same for every
 * item: read and checked once per run. A value the check refuses is read again for each item,
 * so every item fails with its own index, as it would alone.
 */
function requestOptionsReader(ctx: IExecuteFunctions): (itemIndex: number) => RequestOptions {
	const perItem = (itemIndex: number) => requestOptionsOf(readOptions(ctx, itemIndex));
	if (holdsExpression(ctx.getNode().parameters.options)) return perItem;
	let shared: RequestOptions | undefined;
	try {
		shared = perItem(0);
	} catch {
		return perItem;
	}
	return () => shared;
}

/** The request part of the Options, as the plain values the transport applies. */
function requestOptionsOf(options: IDataObject): RequestOptions {
	const d = DEFAULT_REQUEST_OPTIONS;
	const pick = <T>(value: unknown, fallback: T): T =>
		value === undefined ? fallback : (value as T);
	return {
		timeoutMs: pick(options.timeout, d.timeoutMs),
		retryOnRateLimit: pick(options.retryOnRateLimit, d.retryOnRateLimit),
		retryOnTransientErrors: pick(options.retryOnTransientErrors, d.retryOnTransientErrors),
		maxRetries: pick(options.maxRetries, d.maxRetries),
		retryDelayMs: pick(options.retryDelay, d.retryDelayMs),
		maxRetryWaitMs: pick<number>(options.maxRetryWait, d.maxRetryWaitMs / 1000) * 1000,
		timeoutFromUser: options.timeout !== undefined,
		downloadTimeoutMs: pick(options.downloadTimeout, d.downloadTimeoutMs),
		maxDownloadBytes: Math.round(
			pick<number>(options.maxDownloadSize, d.maxDownloadBytes / 1024 / 1024) * 1024 * 1024,
		),
	};
}

/**
 * The Batching option, read once for the whole run (from the first item). Without it items
 * run one after the other, which is what a rate-limited API wants.
 */
function readBatching(ctx: IExecuteFunctions): { batchSize: number; batchIntervalMs: number } {
	const options = readOptions(ctx, 0);
	// The option is on as soon as it was added (a collection only holds what was added).
	if (options.batching === undefined) return { batchSize: 1, batchIntervalMs: 0 };
	const batch = ((options.batching as IDataObject).batch ?? {}) as IDataObject;
	return {
		batchSize: (batch.batchSize as number | undefined) ?? 10,
		batchIntervalMs: (batch.batchInterval as number | undefined) ?? 1000,
	};
}

/** What a failed item carries with "On Error: Continue": enough to branch on and to report. */
function errorItem(error: Error, itemIndex: number): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		const context = error.context ?? {};
		json.error_code = (context.errorCode as string | null | undefined) ?? null;
		json.httpCode = error instanceof NodeApiError ? error.httpCode : null;
		if (error.description) json.description = error.description;
	}
	json.itemIndex = itemIndex;
	return json;
}

/** What every item of a run shares: the operation and how to read an item's request options. */
interface RunPlan {
	resource: string;
	operation: string;
	handler: GenviralOperation | undefined;
	requestOptions: (itemIndex: number) => RequestOptions;
	/** Whether the operation has a parameter holding an expression (then items read ahead). */
	readsExpressions: boolean;
}

/**
 * Read once per run: Resource and Operation take no expression (noDataExpression), so they
 * are the same for every item.
 */
function planRun(ctx: IExecuteFunctions): RunPlan {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const handler = RESOURCE_BY_VALUE[resource]?.operations[operation];
	const stored = ctx.getNode().parameters;
	return {
		resource,
		operation,
		handler,
		requestOptions: requestOptionsReader(ctx),
		readsExpressions: (handler?.description ?? []).some((p) => holdsExpression(stored[p.name])),
	};
}

/**
 * How long after an item starts the next item's expressions are read ahead (see
 * readAheadWhile): long enough for the item's request to have left (n8n builds and sends it in
 * well under a millisecond once warm, a few on a cold start), far less than Genviral takes to
 * answer. Evaluating earlier would hold the request back by as long as the evaluation takes.
 */
const READ_AHEAD_AFTER_MS = 5;

/**
 * One item at a time, the next item's expressions are evaluated while this item waits for
 * its answer (helpers/parameters.ts `readAhead`), so that n8n's largest share of work per item
 * overlaps the wait instead of following it. It starts a moment after the item, so the item's
 * request leaves first, and not at all once the item is over.
 */
function readAheadWhile(
	ctx: IExecuteFunctions,
	plan: RunPlan,
	nextIndex: number,
	running: Promise<unknown>,
): void {
	const { handler } = plan;
	if (handler === undefined || !plan.readsExpressions) return;
	let over = false;
	const end = () => {
		over = true;
	};
	running.then(end, end);
	void sleep(READ_AHEAD_AFTER_MS).then(() => {
		if (!over) readAhead(ctx, handler.description, nextIndex);
	});
}

/** Runs one item: the outputs it gives, or the error it ends in. */
async function runItem(
	ctx: IExecuteFunctions,
	plan: RunPlan,
	itemIndex: number,
	run: OperationRun,
): Promise<{ ok: true; items: INodeExecutionData[] } | { ok: false; error: unknown }> {
	try {
		const { resource, operation, handler } = plan;
		if (handler === undefined) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The operation "${operation}" of resource "${resource}" is not supported`,
				{ itemIndex },
			);
		}
		// Before the item's first request: every request, upload and retry wait of the item
		// applies these values (the transport reads no parameter).
		setItemRequestOptions(ctx, itemIndex, plan.requestOptions(itemIndex));
		const result = await handler.execute.call(ctx, itemIndex, run);
		return {
			ok: true,
			// Always { json: row }: returnJsonArray would take a row that has a `json` key for an
			// item of its own, losing the row's other fields and faking its pairing.
			items: (Array.isArray(result) ? result : [result]).map((json) =>
				json instanceof ItemWithBinary
					? { json: json.json, binary: json.binary, pairedItem: { item: itemIndex } }
					: { json, pairedItem: { item: itemIndex } },
			),
		};
	} catch (error) {
		return { ok: false, error };
	}
}

/**
 * Runs the chosen operation once per input item, one after the other, or (with the Batching
 * option) a batch of items at a time, concurrently. Either way each output item is paired to
 * the input it came from and outputs keep input order; with "On Error: Continue" a failed
 * item becomes an error item in its place, otherwise the first failed item (in input order)
 * stops the run.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// The one place that tells a tool run (n8n names the derived type `<name>Tool`) from a plain one.
	const run: OperationRun = { toolMode: NodeHelpers.isToolType(this.getNode().type) };
	const returnData: INodeExecutionData[] = [];
	if (items.length === 0) return [returnData];
	const { batchSize, batchIntervalMs } = readBatching(this);
	const plan = planRun(this);

	for (let start = 0; start < items.length; start += batchSize) {
		if (start > 0 && batchIntervalMs > 0)
			await sleepUnlessCancelled(this, batchIntervalMs, 'between two batches', start);
		const indexes = Array.from(
			{ length: Math.min(batchSize, items.length - start) },
			(_v, k) => start + k,
		);
		const running = Promise.all(
			indexes.map(async (itemIndex) => await runItem(this, plan, itemIndex, run)),
		);
		if (batchSize === 1 && start + 1 < items.length) readAheadWhile(this, plan, start + 1, running);
		const results = await running;

		for (const [k, result] of results.entries()) {
			const itemIndex = indexes[k];
			if (result.ok) {
				returnData.push(...result.items);
				continue;
			}
			const { error } = result;
			if (this.continueOnFail()) {
				const json = errorItem(error as Error, itemIndex);
				// "Continue (using error output)" moves an item to the error output only when its
				// json holds nothing but error/message/details: there the fields go under details.
				const { error: message, ...details } = json;
				returnData.push({
					json:
						this.getNode().onError === 'continueErrorOutput' ? { error: message, details } : json,
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			// Both constructors hand an error of their own class back unchanged, so the API error
			// built by the transport (message, httpCode, error_code, item) reaches the user as is.
			if (error instanceof NodeApiError) {
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}

	return [returnData];
}
