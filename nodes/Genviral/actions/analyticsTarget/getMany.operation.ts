import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, readReturnAllOrLimit } from '../../helpers/pagination';
import { expectArray, expectObject, genviralApiRequest } from '../../transport';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = properties;

/**
 * GET /analytics/targets: every tracked target of the key's scope in one answer (the API does
 * not paginate it), one item per target; Limit cuts the list client-side.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { returnAll, limit } = readReturnAllOrLimit(this, itemIndex);
	const endpoint = 'GET /analytics/targets';
	const data = await genviralApiRequest.call(this, { method: 'GET', path: '/analytics/targets', itemIndex });
	const targets = expectArray(this, expectObject(this, data, endpoint, itemIndex).targets, endpoint, itemIndex, 'targets');
	return returnAll ? targets : targets.slice(0, limit);
}
