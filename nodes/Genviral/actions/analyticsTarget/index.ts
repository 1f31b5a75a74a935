import type { INodeProperties } from 'n8n-workflow';

import type { GenviralResourceOperations } from '../node.type';
import * as create from './create.operation';
import * as deleteTarget from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as refresh from './refresh.operation';
import * as update from './update.operation';

export const operations: GenviralResourceOperations = { create, get, getMany, update, delete: deleteTarget, refresh };

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
			{
				name: 'Delete',
				value: 'delete',
				description: 'Stop tracking a profile',
				action: 'Delete an analytics target',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a tracked profile with its summary: profile, totals, timeline, top posts, refresh status',
				action: 'Get an analytics target',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the tracked profiles of this key, one item per profile',
				action: 'Get many analytics targets',
			},
			{
				name: 'Refresh',
				value: 'refresh',
				description:
					'Fetch fresh numbers for a tracked profile (free once a day, then credits); optionally wait until done',
				action: 'Refresh an analytics target',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a tracked profile, mark it as favorite, or change its refresh policy',
				action: 'Update an analytics target',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	...deleteTarget.description,
	...refresh.description,
];
