import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { loadOptions as genviralLoadOptions } from '../Genviral/methods';
import { expectArray, expectObject, genviralApiRequest } from '../Genviral/transport';

/** "Acme Shop · instagram · @acme.shop" for an account of GET /accounts. */
function accountLabel(account: IDataObject): string {
	const handle =
		typeof account.username === 'string' && account.username !== ''
			? `@${account.username}`
			: String(account.id);
	const name =
		typeof account.display_name === 'string' && account.display_name !== ''
			? account.display_name
			: handle;
	const platform = String(account.platform ?? '');
	return name === handle ? `${handle} · ${platform}` : `${name} · ${platform} · ${handle}`;
}

export const loadOptions = {
	/** The Targets filters: the tracked profiles, as in the Genviral node. */
	getTargets: genviralLoadOptions.getTargets,

	/** The Accounts filter of Post Status Changed: the accounts posts can be sent to. */
	async getAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const endpoint = 'GET /accounts';
		const data = expectObject(
			this,
			await genviralApiRequest.call(this, { method: 'GET', path: '/accounts' }),
			endpoint,
			undefined,
		);
		return expectArray(this, data.accounts, endpoint, undefined, 'accounts')
			.filter((account) => typeof account.id === 'string')
			.map((account) => ({ name: accountLabel(account), value: account.id as string }))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
};
