import { targetLocator } from '../../descriptions/locators';
import { deletedOutput, endpoint } from '../endpoint';
import { defineResource } from '../node.type';
import * as create from './create.operation';
import * as refresh from './refresh.operation';
import * as update from './update.operation';

/** GET /analytics/targets/{id}: the target and its summary (inner keys undocumented: passed through). */
const get = endpoint({
	method: 'GET',
	path: '/analytics/targets/{targetId}',
	properties: [targetLocator],
	output: { kind: 'object' },
});

/** GET /analytics/targets: the API sends every target in one answer; Limit cuts it here. */
const getMany = endpoint({
	method: 'GET',
	path: '/analytics/targets',
	output: { kind: 'list', key: 'targets', clientLimit: true },
});

/**
 * DELETE /analytics/targets/{id}. The success payload is undocumented; the item says what was
 * deleted, as every delete does.
 */
const deleteTarget = endpoint({
	method: 'DELETE',
	path: '/analytics/targets/{targetId}',
	properties: [targetLocator],
	// A second DELETE after a lost answer would report 404 for a deletion that worked.
	retry: 'rateLimitOnly',
	output: { kind: 'object' },
	transform: deletedOutput('targetId'),
});

export const resource = defineResource(
	{
		value: 'analyticsTarget',
		name: 'Analytics Target',
		description: 'A public TikTok, Instagram or YouTube profile whose numbers Genviral tracks',
	},
	'create',
	{
		create: {
			name: 'Create',
			description:
				'Start tracking a TikTok, Instagram or YouTube profile; returns the existing target if it is already tracked',
			action: 'Create an analytics target',
			reference: 'POST /analytics/targets',
			operation: create,
		},
		delete: {
			name: 'Delete',
			description: "Stop tracking a profile: removes the analytics target from this key's scope",
			action: 'Delete an analytics target',
			reference: 'DELETE /analytics/targets/{id}',
			operation: deleteTarget,
		},
		get: {
			name: 'Get',
			description:
				'Get a tracked profile with its summary: profile, totals, timeline, top posts, refresh status',
			action: 'Get an analytics target',
			reference: 'GET /analytics/targets/{id}',
			operation: get,
		},
		getMany: {
			name: 'Get Many',
			description: 'List the tracked profiles of this key, one item per profile',
			action: 'Get many analytics targets',
			reference: 'GET /analytics/targets',
			operation: getMany,
		},
		refresh: {
			name: 'Refresh',
			description:
				'Fetch fresh numbers for a tracked profile (free once a day, then credits); optionally wait until done',
			action: 'Refresh an analytics target',
			reference: 'POST /analytics/targets/{id}/refresh',
			operation: refresh,
		},
		update: {
			name: 'Update',
			description: 'Rename a tracked profile, mark it as favorite, or change its refresh policy',
			action: 'Update an analytics target',
			reference: 'PATCH /analytics/targets/{id}',
			operation: update,
		},
	},
);
