import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { expectArray, genviralApiRequest } from '../../transport';

export const description: INodeProperties[] = [];

/**
 * GET /analytics/workspace-suggestions: the user's other scopes that hold tracked targets
 * (data is a bare array). Useful to tell that a credential holds the wrong key.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const path = '/analytics/workspace-suggestions';
	const data = await genviralApiRequest.call(this, { method: 'GET', path, itemIndex });
	return expectArray(this, data, `GET ${path}`, itemIndex);
}
