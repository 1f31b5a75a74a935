import { defineResource } from '../node.type';

// Operations are added in actions/account/: a declaration in operations.ts for plain endpoints,
// a <op>.operation.ts file where real logic lives.
export const resource = defineResource(
	{ value: 'account', name: 'Account', description: 'A social account connected to Genviral (BYO or hosted) that posts can go to' },
	'',
	{},
);
