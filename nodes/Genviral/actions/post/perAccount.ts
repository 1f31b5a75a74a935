/**
 * One Item per Account: a post goes to up to ten accounts and each delivery succeeds or fails on
 * its own, so Post → Create and Post → Get can give one item per account (to branch with If or
 * Switch and retry only the failed ones) instead of one item per post.
 *
 * The post's `accounts.states[]` carry account_id, status, published_at, published_url and
 * error_message (reference 7.2/7.3); platform and handle are not in them and come from GET
 * /accounts (platform, username), read once per execution.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { expectArray, expectObject, genviralApiRequest } from '../../transport';

export const outputProperty: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'One Item per Post',
			value: 'post',
			description: 'The post with every account\'s state in "accounts"',
		},
		{
			name: 'One Item per Account',
			value: 'account',
			description:
				'One item per account: post_id, account_id, platform, handle, status, published_url, published_at, error_message',
		},
	],
	default: 'post',
	description:
		"Whether to return the post as one item, or one item per account it goes to (to branch on each account's status)",
};

/** Whether the operation's Output is One Item per Account. */
export function wantsItemPerAccount(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return readParameters(ctx, [outputProperty], itemIndex).output === 'account';
}

type AccountDirectory = Map<string, { platform: string | null; handle: string | null }>;

/** One GET /accounts per execution, shared by its items (concurrent batches included). */
const directories = new WeakMap<IExecuteFunctions, Promise<AccountDirectory | undefined>>();

/**
 * Platform and handle by account ID, or undefined when the list could not be read. That read
 * never fails the item: the post already exists (Create may have published it), and the items
 * still carry everything the post says; a warning says why platform and handle are empty.
 */
async function accountDirectory(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<AccountDirectory | undefined> {
	let directory = directories.get(ctx);
	if (directory === undefined) {
		directory = (async () => {
			try {
				const data = expectObject(
					ctx,
					await genviralApiRequest.call(ctx, { method: 'GET', path: '/accounts', itemIndex }),
					'GET /accounts',
					itemIndex,
				);
				const rows = expectArray(ctx, data.accounts, 'GET /accounts', itemIndex, 'accounts');
				return new Map(
					rows.map((row) => [
						String(row.id).toLowerCase(),
						{
							platform: typeof row.platform === 'string' ? row.platform : null,
							handle: typeof row.username === 'string' ? row.username : null,
						},
					]),
				);
			} catch (error) {
				ctx.addExecutionHints({
					message: `The accounts list (GET /accounts) could not be read, so "platform" and "handle" are empty in the per-account items: ${(error as Error).message}`,
					type: 'warning',
					location: 'outputPane',
				});
				return undefined;
			}
		})();
		directories.set(ctx, directory);
	}
	return await directory;
}

const textOrNull = (value: unknown): string | null =>
	typeof value === 'string' && value !== '' ? value : null;

/**
 * One item per account of a post. `post` is as GET /posts/{id} returns it (with
 * `accounts.states[]`); a post that has no states yet (Create without Wait for Publish) has
 * `accountIds`: the accounts it was sent to, each with the post's own status.
 */
export async function itemsPerAccount(
	ctx: IExecuteFunctions,
	itemIndex: number,
	post: IDataObject,
	accountIds: string[] = [],
): Promise<IDataObject[]> {
	const accounts = post.accounts as IDataObject | undefined;
	const states: IDataObject[] = Array.isArray(accounts?.states)
		? (accounts.states as IDataObject[])
		: accountIds.map((id) => ({ account_id: id, status: post.status }));
	const directory = await accountDirectory(ctx, itemIndex);
	return states.map((state) => {
		const accountId = textOrNull(state.account_id);
		const known = accountId === null ? undefined : directory?.get(accountId.toLowerCase());
		return {
			post_id: textOrNull(post.id),
			account_id: accountId,
			platform: known?.platform ?? null,
			handle: known?.handle ?? null,
			status: textOrNull(state.status),
			published_url: textOrNull(state.published_url),
			published_at: textOrNull(state.published_at),
			error_message: textOrNull(state.error_message),
		};
	});
}
