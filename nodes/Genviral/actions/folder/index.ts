import { deletedOutput, endpoint } from '../endpoint';
import { defineResource } from '../node.type';
import { folderLocator } from '../../descriptions/locators';
import { mediaTypeProperty } from './descriptions';
import { addItems, removeItems } from './items';
import * as move from './move.operation';

const parentFolder = (description: string) =>
	folderLocator({
		name: 'parentFolderId',
		displayName: 'Parent Folder',
		required: false,
		description,
	});

/** POST /folders: a root folder, or a sub-folder of a parent of the same media type. */
const create = endpoint({
	method: 'POST',
	path: '/folders',
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { maxLength: 255 },
			placeholder: 'Client A',
			description:
				'Name of the folder, 1-255 characters; unique among the folders at that place. Folders cannot be renamed later.',
		},
		mediaTypeProperty(
			'What the folder will hold; fixed for good. Upload, AI Image and AI Video folders hold files, Slideshow folders hold slideshows.',
		),
		parentFolder('Leave empty for a top-level folder; otherwise a folder of the same media type'),
	],
	body: ['name', ['media_type', 'mediaType'], ['parent_folder_id', 'parentFolderId']],
	// A create repeated after a lost answer fails with folder_name_conflict; a 429 comes before Genviral acts.
	retry: 'rateLimitOnly',
	output: { kind: 'object' },
});

/** GET /folders/{folderId}: the folder with its counts and preview files. */
const get = endpoint({
	method: 'GET',
	path: '/folders/{folderId}',
	properties: [folderLocator()],
	output: { kind: 'object' },
});

/** GET /folders: one level of one media type's tree, 100 per page. */
const getMany = endpoint({
	method: 'GET',
	path: '/folders',
	properties: [
		mediaTypeProperty('Which folders to list: the API lists one media type at a time'),
		parentFolder(
			'Leave empty to list the top-level folders; otherwise lists the direct sub-folders of this folder',
		),
	],
	query: [
		['media_type', 'mediaType'],
		['parent_folder_id', 'parentFolderId'],
	],
	output: { kind: 'paged', style: 'offsetTotal', key: 'folders', pageSize: 100 },
});

/** DELETE /folders/{folderId}: cascades to sub-folders; files and slideshows are kept. Answers { id, deleted }. */
const deleteFolder = endpoint({
	method: 'DELETE',
	path: '/folders/{folderId}',
	properties: [folderLocator({ description: 'The folder to delete, with all its sub-folders' })],
	// A second DELETE after a lost answer would report 404 for a deletion that worked.
	retry: 'rateLimitOnly',
	output: { kind: 'object' },
	transform: deletedOutput('folderId'),
});

/** GET /folders/{folderId}/ancestors: root first, down to the direct parent. */
const getAncestors = endpoint({
	method: 'GET',
	path: '/folders/{folderId}/ancestors',
	properties: [folderLocator()],
	output: { kind: 'list', key: 'ancestors' },
});

/** GET /folders/{folderId}/items: file rows or slideshow objects, depending on the folder's media type. */
const getItems = endpoint({
	method: 'GET',
	path: '/folders/{folderId}/items',
	properties: [folderLocator()],
	output: { kind: 'paged', style: 'offsetTotal', key: 'items', pageSize: 100 },
});

export const resource = defineResource(
	{ value: 'folder', name: 'Folder', description: 'A folder that organises files or slideshows' },
	'getMany',
	{
		addItems: {
			name: 'Add Items',
			description:
				'Put files (Upload, AI Image, AI Video folders) or slideshows (Slideshow folders) into a folder',
			action: 'Add items to a folder',
			reference: 'POST /folders/{folderId}/items',
			operation: addItems,
		},
		create: {
			name: 'Create',
			description: 'Create a folder for one media type, at the top level or inside another folder',
			action: 'Create a folder',
			reference: 'POST /folders',
			operation: create,
		},
		delete: {
			name: 'Delete',
			description: 'Delete a folder and its sub-folders; the files and slideshows in them are kept',
			action: 'Delete a folder',
			reference: 'DELETE /folders/{folderId}',
			operation: deleteFolder,
		},
		get: {
			name: 'Get',
			description: 'Get a folder with its item and sub-folder counts and preview files',
			action: 'Get a folder',
			reference: 'GET /folders/{folderId}',
			operation: get,
		},
		getAncestors: {
			name: 'Get Ancestors',
			description:
				'Get the parent folders of a folder, from the top level down, one item per folder',
			action: 'Get the ancestors of a folder',
			reference: 'GET /folders/{folderId}/ancestors',
			operation: getAncestors,
		},
		getItems: {
			name: 'Get Items',
			description: 'List the files or slideshows in a folder, one item per file or slideshow',
			action: 'Get the items of a folder',
			reference: 'GET /folders/{folderId}/items',
			operation: getItems,
		},
		getMany: {
			name: 'Get Many',
			description:
				'List the folders of one media type at the top level or inside a folder, one item per folder',
			action: 'Get many folders',
			reference: 'GET /folders',
			operation: getMany,
		},
		move: {
			name: 'Move',
			description:
				'Move a folder to the top level or into another folder (folders cannot be renamed)',
			action: 'Move a folder',
			reference: 'PATCH /folders/{folderId}',
			operation: move,
		},
		removeItems: {
			name: 'Remove Items',
			description: 'Take files or slideshows out of a folder; the items themselves are kept',
			action: 'Remove items from a folder',
			reference: 'DELETE /folders/{folderId}/items',
			operation: removeItems,
		},
	},
);
