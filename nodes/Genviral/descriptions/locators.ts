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
 * Every resource locator (picker) of the node lives in this file; the list searches that fill
 * From List are in methods/.
 *
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

/** The analytics target picker, wherever an operation takes one target. */
export const targetLocator: INodeProperties = uuidLocator({
	noun: 'target',
	displayName: 'Target',
	name: 'targetId',
	searchListMethod: 'searchTargets',
	description:
		'The tracked profile (analytics target): pick it from the list, or give its ID (a UUID from Analytics Target → Create or Get Many)',
	returnedBy: 'Create or Get Many',
});

/** The image pack picker; a factory, since Slideshow → Generate and Import take it under other names. */
export function packLocator({
	name = 'packId',
	displayName = 'Image Pack',
	required = true,
	description = 'The image pack (a library of background images)',
}: { name?: string; displayName?: string; required?: boolean; description?: string } = {}): INodeProperties {
	return uuidLocator({
		noun: 'image pack',
		displayName,
		name,
		required,
		description,
		searchListMethod: 'searchImagePacks',
		returnedBy: 'Image Pack → Create or Get Many',
		placeholder: '05050505-0000-4000-8000-00000000b001',
	});
}

/** The slideshow picker. */
export const slideshowLocator: INodeProperties = uuidLocator({
	noun: 'slideshow',
	displayName: 'Slideshow',
	name: 'slideshowId',
	searchListMethod: 'searchSlideshows',
	description: 'The slideshow: pick it from the list, or give its ID (a UUID from Slideshow → Generate, Get Many or Duplicate)',
	returnedBy: 'Generate, Get Many or Duplicate',
	placeholder: '05050505-0000-4000-8000-00000000d001',
});

/** The template picker of Get, Update and Delete. */
export const templateLocator: INodeProperties = uuidLocator({
	noun: 'template',
	displayName: 'Template',
	name: 'templateId',
	searchListMethod: 'searchTemplates',
	description: 'The template: pick it from the list, or give its ID (a UUID from Template → Create or Get Many)',
	returnedBy: 'Create or Get Many',
});

/** A folder picker (From List walks the folder tree); a factory, since Move takes a source and a destination. */
export function folderLocator({
	name = 'folderId',
	displayName = 'Folder',
	required = true,
	description = 'The folder: pick it from the list, or give its ID (a UUID from Folder → Create or Get Many)',
}: { name?: string; displayName?: string; required?: boolean; description?: string } = {}): INodeProperties {
	return uuidLocator({
		noun: 'folder',
		displayName,
		name,
		required,
		description,
		searchListMethod: 'searchFolders',
		returnedBy: 'Create or Get Many',
		placeholder: '0a0a0a0a-0000-4000-8000-00000000f001',
	});
}
