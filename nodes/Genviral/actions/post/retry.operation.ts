import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { expectObject, genviralApiRequest } from '../../transport';
import { postsLocator, retryAccountsLocator } from '../../descriptions/locators';

/** Reference 7.5: 1-20 post IDs, 1-10 account IDs. */
const MAX_POST_IDS = 20;
const MAX_ACCOUNT_IDS = 10;

const properties: INodeProperties[] = [
	postsLocator({
		max: MAX_POST_IDS,
		loadOptionsMethod: 'getRetryablePosts',
		description: `The failed or partly posted posts to publish again (1 to ${MAX_POST_IDS}); the list shows the newest failed and partial posts.`,
	}),
	retryAccountsLocator(MAX_ACCOUNT_IDS),
];

export const description = properties;

/**
 * POST /posts/retry. The API answers 200 even when some posts could not be re-queued, so the
 * node reports per post: one item per post ID, `outcome` `retried` or `failed` with the reason.
 * Re-queuing publishes again: the request is never sent twice (only after a 429, answered before
 * anything happens).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { postIds, retryAccountIds: accountIds } = readParameters(this, properties, itemIndex) as {
		postIds: string[];
		retryAccountIds?: string[];
	};
	const body: IDataObject = { post_ids: postIds };
	if (accountIds !== undefined && accountIds.length > 0) body.account_ids = accountIds;
	const data = expectObject(
		this,
		// Publishing: a retried item (n8n's Retry On Fail) gets its first answer back, not a second re-queue.
		await genviralApiRequest.call(this, {
			method: 'POST',
			path: '/posts/retry',
			body,
			itemIndex,
			retry: 'rateLimitOnly',
			spends: { kind: 'publish' },
		}),
		'POST /posts/retry',
		itemIndex,
	);
	const retried = new Set(
		(Array.isArray(data.ids) ? data.ids : []).map((id) => String(id).toLowerCase()),
	);
	const errors = (
		typeof data.errors === 'object' && data.errors !== null ? data.errors : {}
	) as IDataObject;
	const reasonOf = (id: string): string => {
		const entry = Object.entries(errors).find(([key]) => key.toLowerCase() === id);
		return entry ? String(entry[1]) : 'Genviral did not re-queue this post and gave no reason';
	};
	return postIds.map((id) =>
		retried.has(id) ? { id, outcome: 'retried' } : { id, outcome: 'failed', reason: reasonOf(id) },
	);
}
