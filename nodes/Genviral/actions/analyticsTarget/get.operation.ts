import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readTargetId, targetLocator } from '../../helpers/targetLocator';
import { expectObject, genviralApiRequest } from '../../transport';

const properties: INodeProperties[] = [targetLocator];

export const description = properties;

/**
 * GET /analytics/targets/{id}: the target and its summary (profile, totals, timeline, top
 * posts, refresh status). The summary's inner keys are undocumented, so it passes through.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readTargetId(this, itemIndex);
	const path = `/analytics/targets/${id}`;
	const data = await genviralApiRequest.call(this, { method: 'GET', path, itemIndex });
	return expectObject(this, data, `GET ${path}`, itemIndex);
}
