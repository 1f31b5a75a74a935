/** The reference endpoints the node covers, and node parameters that reach each of them. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

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

const SLIDESHOWS_AND_PACKS: Array<[resource: string, operation: string, parameters: INodeParameters]> = [
	['Slideshows', 'generate', { resource: 'slideshow', operation: 'generate', prompt: 'three habits', packId: { __rl: true, mode: 'id', value: SOME_ID } }],
	['Slideshows', 'list', { resource: 'slideshow', operation: 'getMany', returnAll: true }],
	['Slideshows', 'get', slideshowById('get')],
	['Slideshows', 'update', slideshowById('update', { updateFields: { title: 'New title' } })],
	['Slideshows', 'delete', slideshowById('delete')],
	['Slideshows', 'render', slideshowById('render')],
	['Slideshows', 'duplicate', slideshowById('duplicate')],
	['Slideshows', 'regenerateSlide', slideshowById('regenerateSlide', { slideIndex: 0 })],
	['Slideshows', 'copyTiktokPreview', { resource: 'slideshow', operation: 'importFromTiktok', url: TIKTOK_URL, previewOnly: true }],
	['Slideshows', 'copyTiktokImport', { resource: 'slideshow', operation: 'importFromTiktok', url: TIKTOK_URL, backgroundSource: 'images', packImages: 'https://cdn.example.org/a.jpg' }],
	['Packs', 'list', { resource: 'imagePack', operation: 'getMany', returnAll: true }],
	['Packs', 'get', packById('get')],
	['Packs', 'create', { resource: 'imagePack', operation: 'create', name: 'Beach' }],
	['Packs', 'update', packById('update', { updateFields: { name: 'Renamed' } })],
	['Packs', 'delete', packById('delete')],
	['Packs', 'addImage', packById('addImage', { imageUrl: 'https://cdn.example.org/a.jpg' })],
	['Packs', 'deleteImage', packById('deleteImage', { imageId: SOME_ID })],
];

/** Reference operation → the node parameters that call it. */
/** A small PNG as an input item's binary (memory mode: n8n keeps it inline, base64). */
const PNG_ITEM: INodeExecutionData = {
	json: {},
	binary: {
		data: {
			data: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa0c8e1a70000000049454e44ae426082', 'hex').toString('base64'),
			mimeType: 'image/png',
			fileName: 'pixel.png',
		},
	},
};

/**
 * Reference endpoint → the node parameters (and, where the operation needs them, the input
 * items) that call it. Drives the documented-error and secrets suites and the coverage report.
 */
export const COVERED: Array<[resource: string, operation: string, parameters: INodeParameters, items?: INodeExecutionData[]]> = [
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
	['Templates', 'list', { resource: 'template', operation: 'getMany', returnAll: true }],
	['Templates', 'get', { resource: 'template', operation: 'get', templateId: { __rl: true, mode: 'id', value: SOME_ID } }],
	['Templates', 'create', { resource: 'template', operation: 'create', name: 'Listicle', config: '{"version":1,"structure":{"slides":[{"type":"custom"}]},"content":{"mode":"manual"},"visuals":{}}' }],
	['Templates', 'update', { resource: 'template', operation: 'update', templateId: { __rl: true, mode: 'id', value: SOME_ID }, updateFields: { name: 'Renamed' } }],
	['Templates', 'delete', { resource: 'template', operation: 'delete', templateId: { __rl: true, mode: 'id', value: SOME_ID } }],
	['Templates', 'createFromSlideshow', { resource: 'template', operation: 'createFromSlideshow', slideshowId: SOME_ID }],
	['Folders', 'list', { resource: 'folder', operation: 'getMany', mediaType: 'upload', returnAll: true }],
	['Folders', 'create', { resource: 'folder', operation: 'create', name: 'Clients', mediaType: 'upload' }],
	['Folders', 'get', { resource: 'folder', operation: 'get', folderId: { __rl: true, mode: 'id', value: SOME_ID } }],
	['Folders', 'move', { resource: 'folder', operation: 'move', folderId: { __rl: true, mode: 'id', value: SOME_ID }, moveTo: 'root' }],
	['Folders', 'delete', { resource: 'folder', operation: 'delete', folderId: { __rl: true, mode: 'id', value: SOME_ID } }],
	['Folders', 'ancestors', { resource: 'folder', operation: 'getAncestors', folderId: { __rl: true, mode: 'id', value: SOME_ID } }],
	['Folders', 'listItems', { resource: 'folder', operation: 'getItems', folderId: { __rl: true, mode: 'id', value: SOME_ID }, returnAll: true }],
	['Folders', 'addItems', { resource: 'folder', operation: 'addItems', folderId: { __rl: true, mode: 'id', value: SOME_ID }, itemType: 'any', itemIds: SOME_ID }],
	['Folders', 'removeItems', { resource: 'folder', operation: 'removeItems', folderId: { __rl: true, mode: 'id', value: SOME_ID }, itemType: 'any', itemIds: SOME_ID }],
	['Studio', 'listModels', { resource: 'studio', operation: 'getModels' }],
	['Studio', 'generateImage', { resource: 'studio', operation: 'generateImage', model: 'google/nano-banana-2', prompt: 'A latte' }],
	['Studio', 'generateVideo', { resource: 'studio', operation: 'generateVideo', model: 'openai/sora-2', prompt: 'A latte being poured' }],
	['Studio', 'getVideo', { resource: 'studio', operation: 'getVideo', videoId: SOME_ID }],
	['Accounts', 'list', { resource: 'account', operation: 'getMany' }],
	['Subscription', 'get', { resource: 'subscription', operation: 'get' }],
	['Files', 'list', { resource: 'file', operation: 'getMany', returnAll: true }],
	...SLIDESHOWS_AND_PACKS,
	['Posts', 'create', { resource: 'post', operation: 'create', accountIds: [SOME_ID], caption: 'Hi', postMedia: 'video', videoUrl: 'https://cdn.example.org/v.mp4' }],
	['Posts', 'list', { resource: 'post', operation: 'getMany', returnAll: true }],
	['Posts', 'get', { resource: 'post', operation: 'get', postId: SOME_ID }],
	['Posts', 'update', { resource: 'post', operation: 'update', postId: SOME_ID, updateFields: { caption: 'New' } }],
	['Posts', 'retry', { resource: 'post', operation: 'retry', postIds: SOME_ID }],
	['Posts', 'bulkDelete', { resource: 'post', operation: 'delete', postIds: SOME_ID }],
	['Files', 'createUpload', { resource: 'file', operation: 'upload' }, [PNG_ITEM]],
];
