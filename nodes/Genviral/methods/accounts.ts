import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ACCOUNT_PLATFORM_OPTIONS } from '../descriptions/accounts';
import { expectArray, expectObject, genviralApiRequest } from '../transport';

/** "TikTok · @acme (BYO)": platform, handle, type. */
export function accountLabel(account: IDataObject): string {
	const platform =
		ACCOUNT_PLATFORM_OPTIONS.find((p) => p.value === account.platform)?.name ??
		String(account.platform ?? 'Unknown platform');
	const username =
		typeof account.username === 'string' && account.username !== ''
			? account.username
			: String(account.id);
	const handle = username.startsWith('@') ? username : `@${username}`;
	const type =
		account.type === 'byo'
			? 'BYO'
			: account.type === 'hosted'
				? 'Hosted'
				: String(account.type ?? '');
	return type === '' ? `${platform} · ${handle}` : `${platform} · ${handle} (${type})`;
}

/** Display name and what the account can publish, shown under its name in the list. */
function accountHint(account: IDataObject): string | undefined {
	const parts: string[] = [];
	if (typeof account.display_name === 'string' && account.display_name !== '')
		parts.push(account.display_name);
	const kinds = (account.capabilities as IDataObject | undefined)?.supported_content_kinds;
	if (Array.isArray(kinds) && kinds.length > 0) parts.push(`posts: ${kinds.join(', ')}`);
	return parts.length > 0 ? parts.join(' — ') : undefined;
}

/** The accounts picker (descriptions/accounts.ts): every active account of the key's scope. */
export async function getAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const endpoint = 'GET /accounts';
	const data = await genviralApiRequest.call(this, { method: 'GET', path: '/accounts' });
	const accounts = expectArray(
		this,
		expectObject(this, data, endpoint, undefined).accounts,
		endpoint,
		undefined,
		'accounts',
	);
	return accounts
		.filter((account) => typeof account.id === 'string')
		.map((account) => {
			const option: INodePropertyOptions = {
				name: accountLabel(account),
				value: account.id as string,
			};
			const hint = accountHint(account);
			if (hint !== undefined) option.description = hint;
			return option;
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
