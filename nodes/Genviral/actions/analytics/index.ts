import { endpoint } from '../endpoint';
import { defineResource } from '../node.type';
import * as getPosts from './getPosts.operation';
import * as getSummary from './getSummary.operation';

/**
 * GET /analytics/workspace-suggestions: the user's other scopes that hold tracked targets
 * (data is a bare array). Useful to tell that a credential holds the wrong key.
 */
const getWorkspaceSuggestions = endpoint({
	method: 'GET',
	path: '/analytics/workspace-suggestions',
	output: { kind: 'list' },
});

export const resource = defineResource(
	{
		value: 'analytics',
		name: 'Analytics',
		description: 'KPIs and post-level metrics across tracked profiles',
	},
	'getSummary',
	{
		getPosts: {
			name: 'Get Posts',
			description:
				'Get post-level metrics (views, likes, comments, shares, saves, engagement) of tracked profiles, one item per post',
			action: 'Get post analytics',
			reference: 'GET /analytics/summary/posts',
			operation: getPosts,
		},
		getSummary: {
			name: 'Get Summary',
			description:
				'Get KPIs with their change to the previous period, daily series, posting heatmap and streak, content mix',
			action: 'Get an analytics summary',
			reference: 'GET /analytics/summary',
			operation: getSummary,
		},
		getWorkspaceSuggestions: {
			name: 'Get Workspace Suggestions',
			description:
				"List your other workspaces (or personal space) that track profiles: a hint when this key's scope looks empty",
			action: 'Get workspace suggestions',
			reference: 'GET /analytics/workspace-suggestions',
			operation: getWorkspaceSuggestions,
		},
	},
);
