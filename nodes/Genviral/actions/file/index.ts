import { endpoint } from '../endpoint';
import { defineResource } from '../node.type';
import * as upload from './upload.operation';
import { filtersCollection } from '../../descriptions/filters';

/** GET /files: limit/offset pages with `total`; newest first. */
const getMany = endpoint({
	method: 'GET',
	path: '/files',
	properties: [
		filtersCollection([
			{
				displayName: 'Context',
				name: 'context',
				type: 'string',
				default: '',
				placeholder: 'ai-studio,media-upload',
				description:
					'Where the files come from. Empty: the files uploaded through the API (File → Upload). One context such as ai-studio (Studio outputs) or media-upload (dashboard uploads), several separated by commas, or "all" for every file of this key\'s scope.',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Image', value: 'image' },
					{ name: 'Video', value: 'video' },
				],
				default: 'image',
				description: 'Only images or only videos',
			},
		]),
	],
	query: ['filters.*'],
	fieldCase: 'asIs',
	output: { kind: 'paged', style: 'offsetTotal', key: 'files', pageSize: 100 },
});

export const resource = defineResource(
	{
		value: 'file',
		name: 'File',
		description: 'A video or image uploaded to Genviral, usable in posts and image packs',
	},
	'upload',
	{
		getMany: {
			name: 'Get Many',
			description:
				'List the files of this key (id, url, contentType, filename, size, createdAt), newest first, one item per file',
			action: 'Get many files',
			reference: 'GET /files',
			operation: getMany,
		},
		upload: {
			name: 'Upload',
			description:
				'Upload an image or video from a binary field and get its permanent URL, for Post → Create media or image packs',
			action: 'Upload a file',
			reference: 'POST /files',
			operation: upload,
		},
	},
);
