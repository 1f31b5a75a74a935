import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ACCOUNT_PLATFORM_OPTIONS, ACCOUNT_TYPE_OPTIONS } from '../../descriptions/accounts';
import { readParameters } from '../../helpers/parameters';
import { expectArray, expectObject, genviralApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			'Applied by the node: Genviral always lists every active account of the key at once',
		options: [
			{
				displayName: 'Platforms',
				name: 'platforms',
				type: 'multiOptions',
				options: ACCOUNT_PLATFORM_OPTIONS,
				default: [],
				description: 'Only accounts on these platforms. Empty means all.',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: ACCOUNT_TYPE_OPTIONS,
				default: 'byo',
				description:
					'Only your own connected accounts (BYO) or only Genviral-managed creator accounts (Hosted)',
			},
		],
	},
];

export const description = properties;

/**
 * GET /accounts: the key's active accounts (BYO and hosted), one item per account with its
 * `capabilities` (what it can publish, caption and media limits). The endpoint has no query
 * parameters and no pagination, so the Filters are applied here, on the whole list.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = (readParameters(this, properties, itemIndex).filters ?? {}) as IDataObject;
	const platforms = (filters.platforms as string[] | undefined) ?? [];
	const endpoint = 'GET /accounts';
	const data = expectObject(
		this,
		await genviralApiRequest.call(this, { method: 'GET', path: '/accounts', itemIndex }),
		endpoint,
		itemIndex,
	);
	return expectArray(this, data.accounts, endpoint, itemIndex, 'accounts').filter(
		(account) =>
			(platforms.length === 0 || platforms.includes(String(account.platform))) &&
			(filters.type === undefined || account.type === filters.type),
	);
}
