import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { analyticsFilterProperties, readAnalyticsFilters } from './descriptions';
import { expectObject, genviralApiRequest } from '../../transport';

export const description: INodeProperties[] = analyticsFilterProperties;

/**
 * GET /analytics/summary: KPIs (each with its delta to the previous period), daily
 * interaction and engagement series, posting heatmap and streak, content mix; all camelCase.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const qs = readAnalyticsFilters(this, itemIndex);
	const data = await genviralApiRequest.call(this, {
		method: 'GET',
		path: '/analytics/summary',
		qs,
		itemIndex,
	});
	return expectObject(this, data, 'GET /analytics/summary', itemIndex);
}
