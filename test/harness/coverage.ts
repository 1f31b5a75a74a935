/**
 * The node parameters that call each operation. Which reference endpoint a call reaches is not
 * written here: it is read from the operation's `reference` in its `defineResource` entry, so
 * the declaration, this list, the coverage report and the docs' operations table cannot drift.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { ReferenceName } from '../../nodes/Genviral/actions/node.type';
import { RESOURCE_BY_VALUE } from '../../nodes/Genviral/actions/resources';
import { endpoints } from './reference';

/**
 * Node parameters (and, where the operation needs them, input items) that call an operation;
 * `reference` picks the endpoint when the operation has several (Import From TikTok).
 */
interface Call {
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	reference?: ReferenceName;
}

const SOME_ID = '0a0a0a0a-0000-4000-8000-00000000a001';
const byId = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'analyticsTarget',
	operation,
	targetId: { __rl: true, mode: 'id', value: SOME_ID },
	...extra,
});

const slideshowById = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'slideshow',
	operation,
	slideshowId: { __rl: true, mode: 'id', value: SOME_ID },
	...extra,
});
const packById = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'imagePack',
	operation,
	packId: { __rl: true, mode: 'id', value: SOME_ID },
	...extra,
});
const TIKTOK_URL = 'https://www.tiktok.com/@maker/photo/7300000000000000001';

const SLIDESHOWS_AND_PACKS: Call[] = [
	{
		parameters: {
			resource: 'slideshow',
			operation: 'generate',
			prompt: 'three habits',
			packId: { __rl: true, mode: 'id', value: SOME_ID },
		},
	},
	{ parameters: { resource: 'slideshow', operation: 'getMany', returnAll: true } },
	{ parameters: slideshowById('get') },
	{ parameters: slideshowById('update', { updateFields: { title: 'New title' } }) },
	{ parameters: slideshowById('delete') },
	{ parameters: slideshowById('render') },
	{ parameters: slideshowById('duplicate') },
	{ parameters: slideshowById('regenerateSlide', { slideIndex: 0 }) },
	{
		reference: 'POST /slideshows/copy-tiktok/preview',
		parameters: {
			resource: 'slideshow',
			operation: 'importFromTiktok',
			url: TIKTOK_URL,
			previewOnly: true,
		},
	},
	{
		reference: 'POST /slideshows/copy-tiktok/import',
		parameters: {
			resource: 'slideshow',
			operation: 'importFromTiktok',
			url: TIKTOK_URL,
			backgroundSource: 'images',
			packImages: 'https://cdn.example.org/a.jpg',
		},
	},
	{ parameters: { resource: 'imagePack', operation: 'getMany', returnAll: true } },
	{ parameters: packById('get') },
	{ parameters: { resource: 'imagePack', operation: 'create', name: 'Beach' } },
	{ parameters: packById('update', { updateFields: { name: 'Renamed' } }) },
	{ parameters: packById('delete') },
	{ parameters: packById('addImage', { imageUrl: 'https://cdn.example.org/a.jpg' }) },
	{ parameters: packById('deleteImage', { imageId: SOME_ID }) },
];

/** A small PNG as an input item's binary (memory mode: n8n keeps it inline, base64). */
const PNG_ITEM: INodeExecutionData = {
	json: {},
	binary: {
		data: {
			data: Buffer.from(
				'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa0c8e1a70000000049454e44ae426082',
				'hex',
			).toString('base64'),
			mimeType: 'image/png',
			fileName: 'pixel.png',
		},
	},
};

/** One call per reference endpoint: the node parameters and, where needed, the input items. */
const CALLS: Call[] = [
	{
		parameters: {
			resource: 'analyticsTarget',
			operation: 'create',
			platform: 'tiktok',
			identifier: '@acme',
		},
	},
	{ parameters: { resource: 'analyticsTarget', operation: 'getMany', returnAll: true } },
	{ parameters: byId('get') },
	{ parameters: byId('update', { updateFields: { favorite: true } }) },
	{ parameters: byId('delete') },
	{ parameters: byId('refresh') },
	{ parameters: { resource: 'analyticsRefresh', operation: 'get', refreshId: SOME_ID } },
	{ parameters: { resource: 'analytics', operation: 'getSummary' } },
	{ parameters: { resource: 'analytics', operation: 'getPosts' } },
	{ parameters: { resource: 'analytics', operation: 'getWorkspaceSuggestions' } },
	{ parameters: { resource: 'trend', operation: 'getBrief', keyword: 'skincare' } },
	{ parameters: { resource: 'template', operation: 'getMany', returnAll: true } },
	{
		parameters: {
			resource: 'template',
			operation: 'get',
			templateId: { __rl: true, mode: 'id', value: SOME_ID },
		},
	},
	{
		parameters: {
			resource: 'template',
			operation: 'create',
			name: 'Listicle',
			config:
				'{"version":1,"structure":{"slides":[{"type":"custom"}]},"content":{"mode":"manual"},"visuals":{}}',
		},
	},
	{
		parameters: {
			resource: 'template',
			operation: 'update',
			templateId: { __rl: true, mode: 'id', value: SOME_ID },
			updateFields: { name: 'Renamed' },
		},
	},
	{
		parameters: {
			resource: 'template',
			operation: 'delete',
			templateId: { __rl: true, mode: 'id', value: SOME_ID },
		},
	},
	{ parameters: { resource: 'template', operation: 'createFromSlideshow', slideshowId: SOME_ID } },
	{
		parameters: { resource: 'folder', operation: 'getMany', mediaType: 'upload', returnAll: true },
	},
	{ parameters: { resource: 'folder', operation: 'create', name: 'Clients', mediaType: 'upload' } },
	{
		parameters: {
			resource: 'folder',
			operation: 'get',
			folderId: { __rl: true, mode: 'id', value: SOME_ID },
		},
	},
	{
		parameters: {
			resource: 'folder',
			operation: 'move',
			folderId: { __rl: true, mode: 'id', value: SOME_ID },
			moveTo: 'root',
		},
	},
	{
		parameters: {
			resource: 'folder',
			operation: 'delete',
			folderId: { __rl: true, mode: 'id', value: SOME_ID },
		},
	},
	{
		parameters: {
			resource: 'folder',
			operation: 'getAncestors',
			folderId: { __rl: true, mode: 'id', value: SOME_ID },
		},
	},
	{
		parameters: {
			resource: 'folder',
			operation: 'getItems',
			folderId: { __rl: true, mode: 'id', value: SOME_ID },
			returnAll: true,
		},
	},
	{
		parameters: {
			resource: 'folder',
			operation: 'addItems',
			folderId: { __rl: true, mode: 'id', value: SOME_ID },
			itemType: 'any',
			itemIds: SOME_ID,
		},
	},
	{
		parameters: {
			resource: 'folder',
			operation: 'removeItems',
			folderId: { __rl: true, mode: 'id', value: SOME_ID },
			itemType: 'any',
			itemIds: SOME_ID,
		},
	},
	{ parameters: { resource: 'studio', operation: 'getModels' } },
	{
		parameters: {
			resource: 'studio',
			operation: 'generateImage',
			model: 'google/nano-banana-2',
			prompt: 'A latte',
		},
	},
	{
		parameters: {
			resource: 'studio',
			operation: 'generateVideo',
			model: 'openai/sora-2',
			prompt: 'A latte being poured',
		},
	},
	{ parameters: { resource: 'studio', operation: 'getVideo', videoId: SOME_ID } },
	{ parameters: { resource: 'account', operation: 'getMany' } },
	{ parameters: { resource: 'subscription', operation: 'get' } },
	{ parameters: { resource: 'file', operation: 'getMany', returnAll: true } },
	...SLIDESHOWS_AND_PACKS,
	{
		parameters: {
			resource: 'post',
			operation: 'create',
			accountIds: [SOME_ID],
			caption: 'Hi',
			postMedia: 'video',
			videoUrl: 'https://cdn.example.org/v.mp4',
		},
	},
	{ parameters: { resource: 'post', operation: 'getMany', returnAll: true } },
	{ parameters: { resource: 'post', operation: 'get', postId: SOME_ID } },
	{
		parameters: {
			resource: 'post',
			operation: 'update',
			postId: SOME_ID,
			updateFields: { caption: 'New' },
		},
	},
	{ parameters: { resource: 'post', operation: 'retry', postIds: SOME_ID } },
	{ parameters: { resource: 'post', operation: 'delete', postIds: SOME_ID } },
	{ parameters: { resource: 'file', operation: 'upload' }, items: [PNG_ITEM] },
];

/** Marks a call whose operation names an endpoint the reference does not have. */
export const NOT_IN_REFERENCE = '(not in the reference)';

/** The reference endpoint a call reaches, read from its operation's `defineResource` entry. */
function referenceOf({ parameters, reference }: Call): ReferenceName {
	const record =
		RESOURCE_BY_VALUE[String(parameters.resource)]?.operationRecords[String(parameters.operation)];
	if (!record)
		throw new Error(
			`coverage.ts: the node has no operation ${String(parameters.resource)}.${String(parameters.operation)}`,
		);
	if (reference === undefined && record.reference.length === 1) return record.reference[0];
	if (reference !== undefined && record.reference.includes(reference)) return reference;
	throw new Error(
		`coverage.ts: ${String(parameters.resource)}.${String(parameters.operation)} calls ${record.reference.join(' or ')}; ` +
			`name the one this call reaches (got ${String(reference)})`,
	);
}

/**
 * Reference endpoint (resource and operation as endpoints.json names them) → the node
 * parameters and input items that call it. Drives the documented-error and secrets suites and
 * the coverage report.
 */
export const COVERED: Array<
	[resource: string, operation: string, parameters: INodeParameters, items?: INodeExecutionData[]]
> = CALLS.map((call) => {
	const name = referenceOf(call);
	const found = endpoints().find((e) => `${e.method} ${e.path}` === name);
	return [
		found?.resource ?? NOT_IN_REFERENCE,
		found?.operation ?? name,
		call.parameters,
		call.items,
	];
});
