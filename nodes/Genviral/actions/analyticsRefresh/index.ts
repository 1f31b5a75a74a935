import { endpoint } from '../endpoint';
import { defineResource } from '../node.type';

/** GET /analytics/refreshes/{id}: status pending | processing | completed | failed. */
const get = endpoint({
	method: 'GET',
	path: '/analytics/refreshes/{refreshId}',
	properties: [
		{
			displayName: 'Refresh ID',
			name: 'refreshId',
			type: 'string',
			typeOptions: { format: 'uuid' },
			required: true,
			default: '',
			placeholder: '0b0b0b0b-0000-4000-8000-000000004001',
			description:
				'The ID of the refresh, as returned by Analytics Target → Refresh (not the target ID)',
		},
	],
	output: { kind: 'object' },
});

export const resource = defineResource(
	{
		value: 'analyticsRefresh',
		name: 'Analytics Refresh',
		description: 'A run that fetches fresh numbers for a tracked profile',
	},
	'get',
	{
		get: {
			name: 'Get',
			description: 'Get the status of a refresh: pending, processing, completed or failed',
			action: 'Get an analytics refresh',
			reference: 'GET /analytics/refreshes/{id}',
			operation: get,
		},
	},
);
