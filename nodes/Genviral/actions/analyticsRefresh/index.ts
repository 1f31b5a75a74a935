import type { INodeProperties } from 'n8n-workflow';

import type { GenviralResourceOperations } from '../node.type';
import * as get from './get.operation';

export const operations: GenviralResourceOperations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['analyticsRefresh'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the status of a refresh: pending, processing, completed or failed',
				action: 'Get an analytics refresh',
			},
		],
		default: 'get',
	},
	...get.description,
];
