import { deletedOutput, endpoint } from '../endpoint';
import { defineResource } from '../node.type';
import * as addImage from './addImage.operation';
import { filtersCollection, searchFilter } from '../../descriptions/filters';
import { packImageLocator, packLocator } from '../../descriptions/locators';

/** GET /packs/{packId}: the pack with every image and its AI metadata. */
const get = endpoint({
	method: 'GET',
	path: '/packs/{packId}',
	properties: [packLocator()],
	output: { kind: 'object' },
});

/** GET /packs: own packs, plus public packs unless Include Public Packs is off. */
const getMany = endpoint({
	method: 'GET',
	path: '/packs',
	properties: [
		{
			displayName: 'Include Public Packs',
			name: 'includePublic',
			type: 'boolean',
			default: true,
			description:
				'Whether to list the public packs shared by Genviral and other users as well as your own',
		},
		filtersCollection([searchFilter('packs', 'name')]),
	],
	// The API honours only the literal strings "true" / "false".
	query: [['include_public', 'includePublic'], 'filters.search'],
	output: { kind: 'paged', style: 'offsetTotal', key: 'packs', pageSize: 100 },
});

const nameProperty = {
	displayName: 'Name',
	name: 'name',
	type: 'string' as const,
	default: '',
	typeOptions: { maxLength: 120 },
	description: 'The name of the pack (1-120 characters)',
};

const isPublicProperty = {
	displayName: 'Public',
	name: 'isPublic',
	type: 'boolean' as const,
	default: false,
	description: 'Whether every Genviral user can see and use the pack',
};

/** POST /packs: an empty pack (add images with Add Image). */
const create = endpoint({
	method: 'POST',
	path: '/packs',
	properties: [
		{ ...nameProperty, required: true },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [isPublicProperty],
		},
	],
	body: ['name', ['is_public', 'additionalFields.isPublic']],
	output: { kind: 'object' },
});

/** PATCH /packs/{packId}: rename and/or change the public flag; sending it twice does no harm. */
const update = endpoint({
	method: 'PATCH',
	path: '/packs/{packId}',
	properties: [
		packLocator({ description: 'The image pack to change (only your own packs can be changed)' }),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			required: true,
			// An empty change is refused before any request (the API would answer 422).
			typeOptions: { notEmpty: true },
			options: [nameProperty, isPublicProperty],
		},
	],
	body: [
		['name', 'updateFields.name'],
		['is_public', 'updateFields.isPublic'],
	],
	retry: 'idempotent',
	output: { kind: 'object' },
});

/** DELETE /packs/{packId}. A second DELETE after a lost answer would report 404 for a deletion that worked. */
const deletePack = endpoint({
	method: 'DELETE',
	path: '/packs/{packId}',
	properties: [
		packLocator({ description: 'The image pack to delete (only your own packs can be deleted)' }),
	],
	retry: 'rateLimitOnly',
	output: { kind: 'object' },
	transform: deletedOutput('packId'),
});

/** DELETE /packs/{packId}/images/{imageId}. */
const deleteImage = endpoint({
	method: 'DELETE',
	path: '/packs/{packId}/images/{imageId}',
	properties: [
		packLocator({ description: 'The image pack the image belongs to' }),
		packImageLocator,
	],
	retry: 'rateLimitOnly',
	output: { kind: 'object' },
	transform: deletedOutput('imageId'),
});

export const resource = defineResource(
	{
		value: 'imagePack',
		name: 'Image Pack',
		description: 'A library of background images that slideshows draw from',
	},
	'getMany',
	{
		addImage: {
			name: 'Add Image',
			description:
				'Add an image to one of your packs, from a URL or a file; optionally wait until Genviral has described it (AI metadata)',
			action: 'Add an image to an image pack',
			reference: 'POST /packs/{packId}/images',
			operation: addImage,
		},
		create: {
			name: 'Create',
			description: 'Create an empty image pack; add images with Add Image',
			action: 'Create an image pack',
			reference: 'POST /packs',
			operation: create,
		},
		delete: {
			name: 'Delete',
			description: 'Delete one of your image packs',
			action: 'Delete an image pack',
			reference: 'DELETE /packs/{packId}',
			operation: deletePack,
		},
		deleteImage: {
			name: 'Delete Image',
			description: 'Remove one image from one of your packs',
			action: 'Delete an image from an image pack',
			reference: 'DELETE /packs/{packId}/images/{imageId}',
			operation: deleteImage,
		},
		get: {
			name: 'Get',
			description: 'Get a pack with all its images and their AI metadata (description, keywords)',
			action: 'Get an image pack',
			reference: 'GET /packs/{packId}',
			operation: get,
		},
		getMany: {
			name: 'Get Many',
			description: 'List your image packs, and public packs unless turned off; one item per pack',
			action: 'Get many image packs',
			reference: 'GET /packs',
			operation: getMany,
		},
		update: {
			name: 'Update',
			description: 'Rename one of your packs or make it public or private',
			action: 'Update an image pack',
			reference: 'PATCH /packs/{packId}',
			operation: update,
		},
	},
);
