import type { INodeProperties } from 'n8n-workflow';

import { accountsProperty } from './accounts';
import { uuidLocator } from './locator';

/** The post picker of Post → Get and Update: recent posts (searchPosts), or By ID (a UUID). */
export const postLocator: INodeProperties = uuidLocator({
	noun: 'post',
	displayName: 'Post',
	name: 'postId',
	searchListMethod: 'searchPosts',
	description: 'The post: pick it from the recent posts, or give its ID (a UUID from Post → Create or Get Many)',
	returnedBy: 'Post → Create or Get Many',
	placeholder: '02020202-0000-4000-8000-000000005001',
});

/** The image picker of Image Pack → Delete Image: the images of the chosen pack (searchPackImages). */
export const packImageLocator: INodeProperties = uuidLocator({
	noun: 'image',
	displayName: 'Image',
	name: 'imageId',
	searchListMethod: 'searchPackImages',
	description: 'The image: pick it from the images of the pack above, or give its ID (from Image Pack → Get or Add Image)',
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
export function postsLocator(options: { max: number; loadOptionsMethod: 'getRetryablePosts' | 'getDeletablePosts'; description: string }): INodeProperties {
	return {
		displayName: 'Post Names or IDs',
		name: 'postIds',
		type: 'multiOptions',
		required: true,
		default: [],
		typeOptions: { loadOptionsMethod: options.loadOptionsMethod, format: 'idList', minItems: 1, maxItems: options.max },
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
