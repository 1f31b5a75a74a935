import type { INodeProperties } from 'n8n-workflow';

import { uuidLocator } from '../descriptions/locator';

/** The analytics target picker used wherever an operation takes one target. */
export const targetLocator: INodeProperties = uuidLocator({
	noun: 'target',
	displayName: 'Target',
	name: 'targetId',
	searchListMethod: 'searchTargets',
	description:
		'The tracked profile (analytics target): pick it from the list, or give its ID (a UUID from Analytics Target → Create or Get Many)',
	returnedBy: 'Create or Get Many',
});
