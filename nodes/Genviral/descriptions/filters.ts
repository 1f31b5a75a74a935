import type { INodeProperties } from 'n8n-workflow';

/** The usual n8n "Filters" collection of a Get Many: each option narrows the list. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/** The text search filter of a Get Many ("Only packs whose name contains this text"). */
export function searchFilter(
	what: string,
	field: 'name' | 'title',
	placeholder?: string,
): INodeProperties {
	return {
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		...(placeholder !== undefined ? { placeholder } : {}),
		description: `Only ${what} whose ${field} contains this text (case-insensitive)`,
	};
}
