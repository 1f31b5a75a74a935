import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { uuidLocator } from '../../descriptions/locator';

/** A folder's media type, fixed when it is created; it decides what the folder holds. */
export const mediaTypeOptions: INodePropertyOptions[] = [
	{ name: 'AI Image', value: 'ai_image', description: 'Studio images (the folder holds file IDs)' },
	{ name: 'AI Video', value: 'ai_video', description: 'Studio videos (the folder holds file IDs)' },
	{ name: 'Slideshow', value: 'slideshow', description: 'Slideshows (the folder holds slideshow IDs)' },
	{ name: 'Upload', value: 'upload', description: 'Uploaded files (the folder holds file IDs)' },
];

export const mediaTypeName = (value: unknown): string =>
	mediaTypeOptions.find((option) => option.value === value)?.name ?? String(value);

/** A folder picker: From List walks the folder tree (searchFolders), By ID takes a UUID. */
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

export const mediaTypeProperty = (description: string): INodeProperties => ({
	displayName: 'Media Type',
	name: 'mediaType',
	type: 'options',
	required: true,
	options: mediaTypeOptions,
	default: 'upload',
	description,
});
