import type { INodeProperties } from 'n8n-workflow';

import { accountsProperty } from './accounts';

export const UUID_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

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
	const {
		noun,
		displayName,
		name,
		searchListMethod,
		description,
		returnedBy,
		required = true,
	} = options;
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
					{
						type: 'regex',
						properties: { regex: UUID_PATTERN, errorMessage: `Not a valid ${noun} ID (a UUID)` },
					},
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

/** What a caller may change when it takes a picker under another name or with its own text. */
export type LocatorOverrides = Partial<
	Pick<LocatorOptions, 'name' | 'displayName' | 'required' | 'description'>
>;

/** A picker that operations take under other names (a destination folder, a background pack). */
function locatorFactory(
	defaults: LocatorOptions,
): (overrides?: LocatorOverrides) => INodeProperties {
	return (overrides = {}) => {
		const given = Object.fromEntries(
			Object.entries(overrides).filter(([, value]) => value !== undefined),
		) as LocatorOverrides;
		return uuidLocator({ ...defaults, ...given });
	};
}

/** The image pack picker; Slideshow → Generate and Import take it under other names. */
export const packLocator = locatorFactory({
	noun: 'image pack',
	displayName: 'Image Pack',
	name: 'packId',
	description: 'The image pack (a library of background images)',
	searchListMethod: 'searchImagePacks',
	returnedBy: 'Image Pack → Create or Get Many',
	placeholder: '05050505-0000-4000-8000-00000000b001',
});

/** The slideshow picker. */
export const slideshowLocator: INodeProperties = uuidLocator({
	noun: 'slideshow',
	displayName: 'Slideshow',
	name: 'slideshowId',
	searchListMethod: 'searchSlideshows',
	description:
		'The slideshow: pick it from the list, or give its ID (a UUID from Slideshow → Generate, Get Many or Duplicate)',
	returnedBy: 'Generate, Get Many or Duplicate',
	placeholder: '05050505-0000-4000-8000-00000000d001',
});

/** The template picker of Get, Update and Delete. */
export const templateLocator: INodeProperties = uuidLocator({
	noun: 'template',
	displayName: 'Template',
	name: 'templateId',
	searchListMethod: 'searchTemplates',
	description:
		'The template: pick it from the list, or give its ID (a UUID from Template → Create or Get Many)',
	returnedBy: 'Create or Get Many',
});

/** A folder picker (From List walks the folder tree); Move takes a source and a destination. */
export const folderLocator = locatorFactory({
	noun: 'folder',
	displayName: 'Folder',
	name: 'folderId',
	description:
		'The folder: pick it from the list, or give its ID (a UUID from Folder → Create or Get Many)',
	searchListMethod: 'searchFolders',
	returnedBy: 'Create or Get Many',
	placeholder: '0a0a0a0a-0000-4000-8000-00000000f001',
});

/** The post picker of Post → Get and Update: recent posts (searchPosts), or By ID (a UUID). */
export const postLocator: INodeProperties = uuidLocator({
	noun: 'post',
	displayName: 'Post',
	name: 'postId',
	searchListMethod: 'searchPosts',
	description:
		'The post: pick it from the recent posts, or give its ID (a UUID from Post → Create or Get Many)',
	returnedBy: 'Post → Create or Get Many',
	placeholder: '02020202-0000-4000-8000-000000005001',
});

/** The image picker of Image Pack → Delete Image: the images of the chosen pack (searchPackImages). */
export const packImageLocator: INodeProperties = uuidLocator({
	noun: 'image',
	displayName: 'Image',
	name: 'imageId',
	searchListMethod: 'searchPackImages',
	description:
		'The image: pick it from the images of the pack above, or give its ID (from Image Pack → Get or Add Image)',
	returnedBy: 'Image Pack → Get or Add Image',
	placeholder: '05050505-0000-4000-8000-00000000c001',
});

/*
 * Fields that take several IDs. n8n has no multi-value locator; its own nodes pick several
 * things with a multiOptions field loaded from the API ("Label Names or IDs" in Gmail, "Tag
 * Names or IDs"), and so do these: the list to tick, or one expression for the whole field
 * that gives a list or IDs separated by commas, as the plain text fields took before. The
 * reader checks every ID (`format: 'idList'`) and the count, whatever the source.
 */

/** Post IDs of the bulk operations: Retry lists failed and partial posts, Delete the unpublished ones. */
export function postsLocator(options: {
	max: number;
	loadOptionsMethod: 'getRetryablePosts' | 'getDeletablePosts';
	description: string;
}): INodeProperties {
	return {
		displayName: 'Post Names or IDs',
		name: 'postIds',
		type: 'multiOptions',
		required: true,
		default: [],
		typeOptions: {
			loadOptionsMethod: options.loadOptionsMethod,
			format: 'idList',
			minItems: 1,
			maxItems: options.max,
		},
		description: `${options.description} Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
		hint: `Pick 1 to ${options.max} posts. An expression may give one ID, a list, or IDs separated by commas.`,
	};
}

/** Account IDs of Post → Retry: the accounts picker, optional, read as IDs. */
export function retryAccountsLocator(max: number): INodeProperties {
	const property = accountsProperty({
		name: 'retryAccountIds',
		required: false,
		maxCount: max,
		description: `Retry only these accounts' deliveries (up to ${max}); empty: every failed account of each post.`,
	});
	return { ...property, typeOptions: { ...property.typeOptions, format: 'idList' } };
}

/** Item IDs of Folder → Add Items and Remove Items: files or slideshows (getFolderItemChoices). */
export function folderItemsLocator(description: string): INodeProperties {
	return {
		displayName: 'Item Names or IDs',
		name: 'itemIds',
		type: 'multiOptions',
		required: true,
		default: [],
		typeOptions: {
			loadOptionsMethod: 'getFolderItemChoices',
			loadOptionsDependsOn: ['folderId.value', 'itemType'],
			format: 'idList',
			minItems: 1,
			maxItems: 200,
		},
		description: `${description} Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
		hint: 'Pick 1 to 200 items. An expression may give one ID, a list, or IDs separated by commas; duplicates are sent once.',
	};
}
