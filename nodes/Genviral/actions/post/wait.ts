/**
 * Wait for Publish: re-read a new post (GET /posts/{id}) until Genviral has published it,
 * failed, published it on some accounts only, or canceled it. Only reads: the post is never
 * sent again from here.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isUuid } from '../../helpers/validation';
import { expectObject, genviralApiRequest, unexpectedShape, waitForStatus } from '../../transport';
import { PENDING_POST_STATUSES, TERMINAL_POST_STATUSES } from './fields';
import { waitProperties } from '../../descriptions/wait';

export const publishWaitProperties: INodeProperties[] = [
	...waitProperties({
		toggle: 'waitForPublish',
		toggleDisplayName: 'Wait for Publish',
		toggleDescription:
			"Whether to check the post until it is posted, failed, partly posted or canceled, and return its final state with every account's result. Off: return at once with the queued post. A scheduled post is waited for until its time and after.",
		checks: 'the post',
		pollIntervalDefault: 15,
		maxWaitDefault: 600,
		maxWaitMax: 86400,
		maxWaitDescription:
			'Give up with an error after this long; the post itself goes on in Genviral (look it up with Post → Get)',
	}),
];

interface AccountState {
	account_id?: unknown;
	status?: unknown;
	error_message?: unknown;
}

function statesOf(post: IDataObject): AccountState[] {
	const accounts = post.accounts as IDataObject | undefined;
	return Array.isArray(accounts?.states) ? (accounts.states as AccountState[]) : [];
}

function failedAccounts(post: IDataObject): IDataObject[] {
	return statesOf(post)
		.filter((state) => state.status !== 'posted')
		.map((state) => ({
			account_id: (state.account_id as string | undefined) ?? null,
			status: (state.status as string | undefined) ?? null,
			error_message: (state.error_message as string | undefined) ?? null,
		}));
}

/** The post in its final state; `failed` is an error naming each account's reason (unless `failWhenFailed` is off). */
export async function waitForPublish(
	ctx: IExecuteFunctions,
	itemIndex: number,
	created: IDataObject,
	values: IDataObject,
	{ failWhenFailed = true }: { failWhenFailed?: boolean } = {},
): Promise<IDataObject> {
	// The ID goes into a path: an answer without a proper one must not poll ".../undefined".
	if (!isUuid(String(created.id ?? '')))
		throw unexpectedShape(ctx, created, 'POST /posts', itemIndex, 'post "id" (a UUID)');
	const postId = String(created.id);
	const path = `/posts/${postId}`;
	const read = async (deadline?: number) =>
		expectObject(
			ctx,
			await genviralApiRequest.call(ctx, { method: 'GET', path, itemIndex, deadline }),
			`GET ${path}`,
			itemIndex,
		);

	const post = (TERMINAL_POST_STATUSES as readonly string[]).includes(String(created.status))
		? await read()
		: await waitForStatus(ctx, {
				itemIndex,
				what: 'Post',
				id: postId,
				read,
				statusOf: (state) => state.status,
				terminal: TERMINAL_POST_STATUSES,
				pending: PENDING_POST_STATUSES,
				intervalMs: ((values.pollInterval as number | undefined) ?? 15) * 1000,
				maxWaitMs: ((values.maxWait as number | undefined) ?? 600) * 1000,
				lookUp: 'Post → Get',
				timeoutNote: 'The post was created and is still being published.',
			});

	const result: IDataObject = {
		...post,
		warnings: created.warnings,
		duplicate: created.duplicate,
		external_id: created.external_id,
	};
	if (post.status === 'failed' && failWhenFailed) {
		const reasons = failedAccounts(post).map(
			(a) => `${String(a.account_id)}: ${String(a.error_message ?? a.status ?? 'no reason given')}`,
		);
		throw new NodeOperationError(
			ctx.getNode(),
			`Post ${postId} failed on every account: ${reasons.join('; ') || 'no reason given'} [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Genviral could not publish the post. Fix the cause (e.g. reconnect the account in Genviral), then use Post → Retry with this post ID.',
			},
		);
	}
	if (post.status === 'partial') result.failed_accounts = failedAccounts(post);
	return result;
}
