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
