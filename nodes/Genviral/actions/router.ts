import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as analytics from './analytics';
import * as analyticsRefresh from './analyticsRefresh';
import * as analyticsTarget from './analyticsTarget';
import type { GenviralResourceOperations } from './node.type';
import * as trend from './trend';

const resources: Record<string, GenviralResourceOperations> = {
	analytics: analytics.operations,
	analyticsRefresh: analyticsRefresh.operations,
	analyticsTarget: analyticsTarget.operations,
	trend: trend.operations,
};

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

/**
 * Runs the chosen operation once per input item. Each output item is paired to the input it
 * came from; with "On Error: Continue" a failed item becomes an error item in its place.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const handler = resources[resource]?.[operation];
			if (handler === undefined) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" of resource "${resource}" is not supported`,
					{ itemIndex },
				);
			}
			const result = await handler.execute.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({ json: errorItem(error as Error, itemIndex), pairedItem: { item: itemIndex } });
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
