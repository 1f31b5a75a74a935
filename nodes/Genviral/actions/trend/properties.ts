import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

const rangeOptions: INodePropertyOptions[] = [
	{ name: 'Last 24 Hours', value: '24h' },
	{ name: 'Last 30 Days', value: '30d' },
	{ name: 'Last 7 Days', value: '7d' },
];

export const trendBriefProperties: INodeProperties[] = [
	{
		displayName: 'Keyword',
		name: 'keyword',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'skincare routine',
		description: 'The search term to analyse on TikTok, e.g. a niche or product (skincare routine)',
	},
	{
		displayName: 'Range',
		name: 'range',
		type: 'options',
		options: rangeOptions,
		default: '7d',
		description: 'How far back the analysed videos go: the last 24 hours, 7 days or 30 days',
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
