import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeHelpers, NodeOperationError } from 'n8n-workflow';

import { readBatching } from '../transport/options';
import { sleepUnlessCancelled } from '../transport/sleep';

import type { OperationRun } from './node.type';
import { ItemWithBinary } from './node.type';
import { RESOURCE_BY_VALUE } from './resources';

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

/** Runs one item: the outputs it gives, or the error it ends in. */
async function runItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	run: OperationRun,
): Promise<{ ok: true; items: INodeExecutionData[] } | { ok: false; error: unknown }> {
	try {
		const resource = ctx.getNodeParameter('resource', itemIndex) as string;
		const operation = ctx.getNodeParameter('operation', itemIndex) as string;
		const handler = RESOURCE_BY_VALUE[resource]?.operations[operation];
		if (handler === undefined) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The operation "${operation}" of resource "${resource}" is not supported`,
				{ itemIndex },
			);
		}
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
	const { batchSize, batchIntervalMs } = items.length > 0 ? readBatching(this) : { batchSize: 1, batchIntervalMs: 0 };

	for (let start = 0; start < items.length; start += batchSize) {
		if (start > 0 && batchIntervalMs > 0) await sleepUnlessCancelled(this, batchIntervalMs, 'between two batches', start);
		const indexes = Array.from({ length: Math.min(batchSize, items.length - start) }, (_v, k) => start + k);
		const results = await Promise.all(indexes.map(async (itemIndex) => await runItem(this, itemIndex, run)));

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
					json: this.getNode().onError === 'continueErrorOutput' ? { error: message, details } : json,
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
