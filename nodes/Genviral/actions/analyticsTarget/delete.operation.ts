import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readTargetId, targetLocator } from '../../helpers/targetLocator';
import { genviralApiRequest } from '../../transport';

const properties: INodeProperties[] = [targetLocator];

export const description = properties;

/**
 * DELETE /analytics/targets/{id}. The success payload is undocumented; the item always says
 * what was deleted, with whatever object the API returned merged in.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readTargetId(this, itemIndex);
	const data = await genviralApiRequest.call(this, {
		method: 'DELETE',
		path: `/analytics/targets/${id}`,
		itemIndex,
		// A second DELETE after a lost answer would report 404 for a deletion that worked.
		retry: 'rateLimitOnly',
	});
	const returned = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as IDataObject) : {};
	return { deleted: true, id, ...returned };
}
