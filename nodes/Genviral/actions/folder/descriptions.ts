import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** A folder's media type, fixed when it is created; it decides what the folder holds. */
export const mediaTypeOptions: INodePropertyOptions[] = [
	{ name: 'AI Image', value: 'ai_image', description: 'Studio images (the folder holds file IDs)' },
	{ name: 'AI Video', value: 'ai_video', description: 'Studio videos (the folder holds file IDs)' },
	{
		name: 'Slideshow',
		value: 'slideshow',
		description: 'Slideshows (the folder holds slideshow IDs)',
	},
	{ name: 'Upload', value: 'upload', description: 'Uploaded files (the folder holds file IDs)' },
];

export const mediaTypeName = (value: unknown): string =>
	mediaTypeOptions.find((option) => option.value === value)?.name ?? String(value);

export const mediaTypeProperty = (description: string): INodeProperties => ({
	displayName: 'Media Type',
	name: 'mediaType',
	type: 'options',
	required: true,
	options: mediaTypeOptions,
	default: 'upload',
	description,
});
