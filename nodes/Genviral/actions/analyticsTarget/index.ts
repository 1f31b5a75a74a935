import type { INodeProperties } from 'n8n-workflow';

import type { GenviralResourceOperations } from '../node.type';
import * as create from './create.operation';

export const operations: GenviralResourceOperations = { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['analyticsTarget'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Start tracking a TikTok, Instagram or YouTube profile; returns the existing target if it is already tracked',
				action: 'Create an analytics target',
			},
		],
		default: 'create',
	},
	...create.description,
];
