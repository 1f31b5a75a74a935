import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import type { GenviralOperation, OperationRun } from '../node.type';
import { defineResource } from '../node.type';
import * as create from './create.operation';
import * as deletePosts from './delete.operation';
import { itemsPerAccount, outputProperty, wantsItemPerAccount } from './perAccount';
import * as retry from './retry.operation';
import * as update from './update.operation';
import { filtersCollection } from '../../descriptions/filters';
import { postLocator } from '../../descriptions/locators';
import { postListStatusOptions } from '../../descriptions/statuses';

/** GET /posts/{id}: the post and every account's delivery state. */
const getPost = endpoint({
	method: 'GET',
	path: '/posts/{postId}',
	properties: [postLocator],
	output: { kind: 'object' },
});

/** Get, as one item, or (Output: One Item per Account) one item per account's delivery. */
const get: GenviralOperation = {
	description: [...getPost.description, outputProperty],
	async execute(this: IExecuteFunctions, itemIndex: number, run: OperationRun) {
		const perAccount = wantsItemPerAccount(this, itemIndex);
		const post = (await getPost.execute.call(this, itemIndex, run)) as IDataObject;
		return perAccount ? await itemsPerAccount(this, itemIndex, post) : post;
	},
};

const filters: INodeProperties = filtersCollection([
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'posted',
		options: postListStatusOptions,
		description: 'Only posts in this status',
	},
	{
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
		description:
			"Only posts created at or after this time. A value without a time zone offset is read in the workflow's time zone.",
	},
	{
		displayName: 'Created Before',
		name: 'createdBefore',
		type: 'dateTime',
		default: '',
		description:
			"Only posts created at or before this time. A value without a time zone offset is read in the workflow's time zone.",
	},
]);

/**
 * GET /posts: newest first, no offsets. Return All walks back in time: each page ends at the
 * oldest post of the previous one (`until`), posts on that instant deduplicated by ID.
 */
const getMany = endpoint({
	method: 'GET',
	path: '/posts',
	properties: [filters],
	query: [
		['status', 'filters.status'],
		['since', 'filters.createdAfter'],
		['until', 'filters.createdBefore'],
	],
	output: {
		kind: 'paged',
		style: 'timeWindow',
		key: 'posts',
		pageSize: 100,
		timeField: 'created_at',
	},
});

export const resource = defineResource(
	{
		value: 'post',
		name: 'Post',
		description:
			'A post to one or more TikTok, Instagram, YouTube, Pinterest, LinkedIn or Facebook accounts',
	},
	'create',
	{
		create: {
			name: 'Create',
			description:
				'Publish a caption with a video, a slideshow or no media to 1-10 accounts, now or at a set time; optionally wait until it is published; one item, or one item per account',
			action: 'Create a post',
			reference: 'POST /posts',
			operation: create,
		},
		delete: {
			name: 'Delete',
			description:
				'Delete up to 50 posts that are not published yet; one item per post ID with its outcome',
			action: 'Delete posts',
			reference: 'POST /posts/delete',
			operation: deletePosts,
		},
		get: {
			name: 'Get',
			description:
				"Get a post with its status and every account's result (published URL or error), as one item or one item per account",
			action: 'Get a post',
			reference: 'GET /posts/{id}',
			operation: get,
		},
		getMany: {
			name: 'Get Many',
			description: 'List posts, newest first, optionally by status and creation time',
			action: 'Get many posts',
			reference: 'GET /posts',
			operation: getMany,
		},
		retry: {
			name: 'Retry',
			description:
				'Publish failed or partly posted posts again; one item per post ID with its outcome',
			action: 'Retry posts',
			reference: 'POST /posts/retry',
			operation: retry,
		},
		update: {
			name: 'Update',
			description:
				'Change a post that is not published yet: accounts, caption, media, schedule, music or platform settings',
			action: 'Update a post',
			reference: 'PATCH /posts/{id}',
			operation: update,
		},
	},
);
