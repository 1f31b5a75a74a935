import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The social accounts a post can go to (GET /accounts), picked from a list the editor loads
 * (`getAccounts`) or given by expression. Shared by every operation that targets accounts
 * (Post → Create / Update / Retry, ...): the property factory declares the field; the parameter
 * reader reads it for an item (`format: 'accountIds'`: UUIDs, account objects, lists, bounds).
 */

/** The platforms GET /accounts documents (reference 3), with the two the newest post docs add. */
export const ACCOUNT_PLATFORM_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Bluesky', value: 'bluesky' },
	{ name: 'Facebook', value: 'facebook' },
	{ name: 'Instagram', value: 'instagram' },
	{ name: 'LinkedIn', value: 'linkedin' },
	{ name: 'Pinterest', value: 'pinterest' },
	{ name: 'TikTok', value: 'tiktok' },
	{ name: 'X', value: 'x' },
	{ name: 'YouTube', value: 'youtube' },
];

/** BYO: connected by the user; hosted: a Genviral-managed creator account. */
export const ACCOUNT_TYPE_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'BYO',
		value: 'byo',
		description: 'Accounts you connected to Genviral yourself (bring your own)',
	},
	{ name: 'Hosted', value: 'hosted', description: 'Creator accounts Genviral manages for you' },
];

export interface AccountsPropertyOptions {
	/** Parameter name; `accountIds` by default. */
	name?: string;
	/** Must end in "Names or IDs" (n8n's rule for lists loaded from the API). */
	displayName?: string;
	/** Text after the standard sentence about list and expressions. */
	description?: string;
	required?: boolean;
	/** Fewest accounts accepted (default 1 when required, else 0). */
	minCount?: number;
	/** Most accounts accepted (default 10: a post goes to 1-10 accounts). */
	maxCount?: number;
	displayOptions?: IDisplayOptions;
}

const EXPRESSION_HINT =
	'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';

/** Default bounds: a post goes to 1-10 accounts (reference 7.1, `accounts`). */
const DEFAULT_MAX_ACCOUNTS = 10;

/**
 * An accounts picker: a list of the key's active accounts, labelled `TikTok · @acme (BYO)`.
 * From an expression it takes one ID, a list of IDs (or of account objects from Account → Get
 * Many), or IDs separated by commas.
 */
export function accountsProperty(options: AccountsPropertyOptions = {}): INodeProperties {
	const required = options.required ?? true;
	const min = options.minCount ?? (required ? 1 : 0);
	const max = options.maxCount ?? DEFAULT_MAX_ACCOUNTS;
	const bounds = min === max ? `exactly ${min}` : min > 0 ? `${min} to ${max}` : `up to ${max}`;
	const property: INodeProperties = {
		displayName: options.displayName ?? 'Account Names or IDs',
		name: options.name ?? 'accountIds',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getAccounts',
			format: 'accountIds',
			minItems: min,
			maxItems: max,
		},
		required,
		default: [],
		description:
			'The social accounts to use, from Account → Get Many. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		builderHint: {
			propertyHint:
				"Account UUIDs from Genviral → Account → Get Many (its items' id), never handles or platform names. Give a list: ['id1', 'id2'], or expr('{{ $json.accountIds }}') from an earlier node.",
		},
		hint: `Pick ${bounds} account${max === 1 ? '' : 's'}. An expression may give one ID, a list, or IDs separated by commas.`,
	};
	// A caller's own text keeps the sentence n8n shows for lists loaded from the API.
	if (options.description) property.description = `${options.description} ${EXPRESSION_HINT}`;
	if (options.displayOptions) property.displayOptions = options.displayOptions;
	return property;
}
