import type { INodeProperties } from 'n8n-workflow';

import type { GenviralResourceOperations } from '../node.type';
import * as getPosts from './getPosts.operation';
import * as getSummary from './getSummary.operation';
import * as getWorkspaceSuggestions from './getWorkspaceSuggestions.operation';

export const operations: GenviralResourceOperations = { getSummary, getPosts, getWorkspaceSuggestions };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['analytics'] } },
		options: [
			{
				name: 'Get Posts',
				value: 'getPosts',
				description:
					'Get post-level metrics (views, likes, comments, shares, saves, engagement) of tracked profiles, one item per post',
				action: 'Get post analytics',
			},
			{
				name: 'Get Summary',
				value: 'getSummary',
				description:
					'Get KPIs with their change to the previous period, daily series, posting heatmap and streak, content mix',
				action: 'Get an analytics summary',
			},
			{
				name: 'Get Workspace Suggestions',
				value: 'getWorkspaceSuggestions',
				description:
					"List your other workspaces (or personal space) that track profiles: a hint when this key's scope looks empty",
				action: 'Get workspace suggestions',
			},
		],
		default: 'getSummary',
	},
	...getSummary.description,
	...getPosts.description,
	...getWorkspaceSuggestions.description,
];
