import type { INodeProperties } from 'n8n-workflow';

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export interface LocatorOptions {
	/** The item, lower case, as messages say it: "slideshow", "image pack". */
	noun: string;
	displayName: string;
	name: string;
	/** The list search that fills From List (in methods/). */
	searchListMethod: string;
	description: string;
	/** Where the ID comes from, for the By ID hint: "Generate, Get Many or Duplicate". */
	returnedBy: string;
	placeholder?: string;
	required?: boolean;
}

/**
 * A picker for one item of the API, as n8n's pickers are: From List (searchable, paged) or
 * By ID (a UUID, checked as the user types and, by the parameter reader, at run time).
 */
export function uuidLocator(options: LocatorOptions): INodeProperties {
	const { noun, displayName, name, searchListMethod, description, returnedBy, required = true } = options;
	const article = /^[aeiou]/i.test(noun) ? 'an' : 'a';
	return {
		displayName,
		name,
		type: 'resourceLocator',
		required,
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${article} ${noun}...`,
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder ?? '0a0a0a0a-0000-4000-8000-00000000a001',
				hint: `The ID of the ${noun}, as returned by ${returnedBy}`,
				validation: [
					{ type: 'regex', properties: { regex: UUID_PATTERN, errorMessage: `Not a valid ${noun} ID (a UUID)` } },
				],
			},
		],
	};
}
