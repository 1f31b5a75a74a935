import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { expectObject, genviralApiRequest } from '../../transport';
import { postsLocator } from '../../descriptions/locators';

/** Reference 7.6: 1-50 post IDs per call. */
const MAX_POST_IDS = 50;

const properties: INodeProperties[] = [
	postsLocator({
		max: MAX_POST_IDS,
		loadOptionsMethod: 'getDeletablePosts',
		description: `The posts to delete (1 to ${MAX_POST_IDS}); the list shows the newest posts not published yet. Posted, partly posted and canceled posts cannot be deleted.`,
	}),
];

export const description = properties;

const lower = (value: unknown) => String(value).toLowerCase();

/**
 * POST /posts/delete. The API answers 200 with a report per ID (deleted, blocked by status,
 * skipped when not found, errors), so the node gives one item per post ID with its `outcome`:
 * `deleted`, `blocked` (with `status`), `skipped`, or `failed` (with `reason`), led by
 * `deleted` (true only for `deleted`) and `id` as every delete's output.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { postIds } = readParameters(this, properties, itemIndex) as { postIds: string[] };
	const data = expectObject(
		this,
		// A second call after a lost answer would report the deleted posts as "skipped".
		await genviralApiRequest.call(this, {
			method: 'POST',
			path: '/posts/delete',
			body: { postIds },
			itemIndex,
			retry: 'rateLimitOnly',
		}),
		'POST /posts/delete',
		itemIndex,
	);
	const deleted = new Set((Array.isArray(data.deletedIds) ? data.deletedIds : []).map(lower));
	const skipped = new Set((Array.isArray(data.skipped) ? data.skipped : []).map(lower));
	const blocked = new Map(
		(Array.isArray(data.blockedStatuses) ? (data.blockedStatuses as IDataObject[]) : []).map(
			(row) => [lower(row.id), row.status],
		),
	);
	const errors = new Map(
		Object.entries(
			(typeof data.errors === 'object' && data.errors !== null ? data.errors : {}) as IDataObject,
		).map(([id, message]) => [lower(id), String(message)]),
	);
	return postIds.map((id) => {
		if (deleted.has(id)) return { deleted: true, id, outcome: 'deleted' };
		if (blocked.has(id))
			return {
				deleted: false,
				id,
				outcome: 'blocked',
				status: (blocked.get(id) as string | undefined) ?? null,
			};
		if (skipped.has(id)) return { deleted: false, id, outcome: 'skipped' };
		return {
			deleted: false,
			id,
			outcome: 'failed',
			reason: errors.get(id) ?? 'Genviral did not report this post',
		};
	});
}
