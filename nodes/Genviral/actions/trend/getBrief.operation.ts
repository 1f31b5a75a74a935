import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { integerInRange, oneOf, requiredString, valuesOf } from '../../helpers/validation';
import { expectObject, genviralApiRequest } from '../../transport';

const rangeOptions: INodePropertyOptions[] = [
	{ name: 'Last 24 Hours', value: '24h' },
	{ name: 'Last 30 Days', value: '30d' },
	{ name: 'Last 7 Days', value: '7d' },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Keyword',
		name: 'keyword',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'skincare routine',
		description: 'The search term to analyse on TikTok',
	},
	{
		displayName: 'Range',
		name: 'range',
		type: 'options',
		options: rangeOptions,
		default: '7d',
		description: 'Period of the videos analysed',
	},
	{
		displayName: 'Sample Videos',
		name: 'sampleVideos',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 30 },
		default: 10,
		description: 'How many sample videos to include as evidence (1 to 30)',
	},
];

export const description = properties;

/**
 * GET /trends/brief (TikTok only): top hashtags, sounds, creators and posting windows for a
 * keyword, with recommendations and sample videos. Genviral caches a brief about 3 hours.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const qs: IDataObject = {
		keyword: requiredString(this, 'keyword', 'Keyword', itemIndex),
		platform: 'tiktok',
		range: oneOf(this, 'range', 'Range', itemIndex, valuesOf(rangeOptions)),
		limit: integerInRange(this, this.getNodeParameter('sampleVideos', itemIndex, 10), 'Sample Videos', itemIndex, 1, 30),
	};
	const data = await genviralApiRequest.call(this, { method: 'GET', path: '/trends/brief', qs, itemIndex });
	return expectObject(this, data, 'GET /trends/brief', itemIndex);
}
