import { endpoint } from '../endpoint';
import { defineResource } from '../node.type';

/** GET /subscription: the plan behind the key (the workspace owner's for workspace keys). */
const get = endpoint({
	method: 'GET',
	path: '/subscription',
	output: { kind: 'object' },
});

export const resource = defineResource(
	{
		value: 'subscription',
		name: 'Subscription',
		description: "The plan of the key's owner: status, tier, period and credits left",
	},
	'get',
	{
		get: {
			name: 'Get',
			description:
				'Get the plan behind the API key: status, tier, billing interval, current period and renewal, pause, and credits (limit, used this period, remaining, reset date). Credits pay for Studio generations, paid analytics refreshes and TikTok imports.',
			action: 'Get the subscription',
			reference: 'GET /subscription',
			operation: get,
		},
	},
);
