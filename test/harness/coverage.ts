/** The reference endpoints the node covers, and node parameters that reach each of them. */
import type { INodeParameters } from 'n8n-workflow';

const SOME_ID = '0a0a0a0a-0000-4000-8000-00000000a001';
const byId = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'analyticsTarget',
	operation,
	targetId: { __rl: true, mode: 'id', value: SOME_ID },
	...extra,
});

/** Reference operation → the node parameters that call it. */
export const COVERED: Array<[resource: string, operation: string, parameters: INodeParameters]> = [
	['Analytics', 'createTarget', { resource: 'analyticsTarget', operation: 'create', platform: 'tiktok', identifier: '@acme' }],
	['Analytics', 'listTargets', { resource: 'analyticsTarget', operation: 'getMany', returnAll: true }],
	['Analytics', 'getTarget', byId('get')],
	['Analytics', 'updateTarget', byId('update', { updateFields: { favorite: true } })],
	['Analytics', 'deleteTarget', byId('delete')],
	['Analytics', 'refreshTarget', byId('refresh')],
	['Analytics', 'getRefresh', { resource: 'analyticsRefresh', operation: 'get', refreshId: SOME_ID }],
	['Analytics', 'getSummary', { resource: 'analytics', operation: 'getSummary' }],
	['Analytics', 'listSummaryPosts', { resource: 'analytics', operation: 'getPosts' }],
	['Analytics', 'listWorkspaceSuggestions', { resource: 'analytics', operation: 'getWorkspaceSuggestions' }],
	['Trends', 'getBrief', { resource: 'trend', operation: 'getBrief', keyword: 'skincare' }],
	['Accounts', 'list', { resource: 'account', operation: 'getMany' }],
	['Subscription', 'get', { resource: 'subscription', operation: 'get' }],
	['Files', 'list', { resource: 'file', operation: 'getMany', returnAll: true }],
	['Posts', 'create', { resource: 'post', operation: 'create', accountIds: [SOME_ID], caption: 'Hi', mediaType: 'video', videoUrl: 'https://cdn.example.org/v.mp4' }],
	['Posts', 'list', { resource: 'post', operation: 'getMany', returnAll: true }],
	['Posts', 'get', { resource: 'post', operation: 'get', postId: SOME_ID }],
	['Posts', 'update', { resource: 'post', operation: 'update', postId: SOME_ID, updateFields: { caption: 'New' } }],
	['Posts', 'retry', { resource: 'post', operation: 'retry', postIds: SOME_ID }],
	['Posts', 'bulkDelete', { resource: 'post', operation: 'delete', postIds: SOME_ID }],
];

