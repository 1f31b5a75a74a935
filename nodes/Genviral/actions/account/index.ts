import { defineResource } from '../node.type';
import * as getMany from './getMany.operation';

export const resource = defineResource(
	{
		value: 'account',
		name: 'Account',
		description: 'A social account connected to Genviral (BYO or hosted) that posts can go to',
	},
	'getMany',
	{
		getMany: {
			name: 'Get Many',
			description:
				'List the active social accounts posts can go to (TikTok, Instagram, YouTube, Pinterest, LinkedIn, Facebook...), one item per account with its ID, platform, type (BYO or hosted), username and capabilities',
			action: 'Get many accounts',
			reference: 'GET /accounts',
			operation: getMany,
		},
	},
);
