import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredUuid } from '../../helpers/validation';
import { expectObject, genviralApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Refresh ID',
		name: 'refreshId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0b0b0b0b-0000-4000-8000-000000004001',
		description: 'The ID of the refresh, as returned by Analytics Target → Refresh (not the target ID)',
	},
];

export const description = properties;

/** GET /analytics/refreshes/{id}: status pending | processing | completed | failed. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requiredUuid(this, this.getNodeParameter('refreshId', itemIndex, ''), 'Refresh ID', itemIndex);
	const path = `/analytics/refreshes/${id}`;
	const data = await genviralApiRequest.call(this, { method: 'GET', path, itemIndex });
	return expectObject(this, data, `GET ${path}`, itemIndex);
}
