import type { INodeProperties } from 'n8n-workflow';

import type { GenviralResourceOperations } from '../node.type';
import * as getBrief from './getBrief.operation';

export const operations: GenviralResourceOperations = { getBrief };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['trend'] } },
		options: [
			{
				name: 'Get Brief',
				value: 'getBrief',
				description:
					'Get a TikTok trend brief for a keyword: top hashtags, sounds, creators, posting windows, hook ideas, sample videos',
				action: 'Get a trend brief',
			},
		],
		default: 'getBrief',
	},
	...getBrief.description,
];
