import { defineResource } from '../node.type';

// Operations are added in actions/subscription/: a declaration in operations.ts for plain endpoints,
// a <op>.operation.ts file where real logic lives.
export const resource = defineResource(
	{ value: 'subscription', name: 'Subscription', description: "The plan of the key's owner: status, tier, period and credits left" },
	'',
	{},
);
