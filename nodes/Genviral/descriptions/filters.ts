import type { INodeProperties } from 'n8n-workflow';

import { platformOptions } from './platforms';

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

/** The Platforms filter of analytics (Get Posts, Get Summary) and of the trigger's analytics event. */
export function platformsFilter(description: string): INodeProperties {
	return {
		displayName: 'Platforms',
		name: 'platforms',
		type: 'multiOptions',
		options: platformOptions,
		default: [],
		description,
	};
}

/** The tracked-profiles filter (analytics targets), a multi-select filled from Genviral. */
export function targetsFilter(only: string): INodeProperties {
	return {
		displayName: 'Target Names or IDs',
		name: 'targets',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTargets', format: 'idList' },
		default: [],
		description: `${only}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}
