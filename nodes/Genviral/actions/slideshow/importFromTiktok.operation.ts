import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIST_RULE, readParameters } from '../../helpers/parameters';
import { expectObject, genviralApiRequest } from '../../transport';
import { packLocator } from '../../descriptions/locators';

/** How long Genviral keeps a preview (reference: about 10 minutes); an import after that refetches TikTok. */
export const PREVIEW_LIFETIME_MS = 10 * 60 * 1000;

const properties: INodeProperties[] = [
	{
		displayName: 'TikTok URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		typeOptions: {
			format: 'url',
			allowedHosts: [
				'tiktok.com',
				'www.tiktok.com',
				'm.tiktok.com',
				'vm.tiktok.com',
				'vt.tiktok.com',
			],
		},
		placeholder: 'https://www.tiktok.com/@creator/photo/7300000000000000000',
		description:
			'The link of a TikTok photo slideshow (full or short vm.tiktok.com link); videos cannot be imported',
	},
	{
		displayName: 'Preview Only',
		name: 'previewOnly',
		type: 'boolean',
		default: false,
		description:
			'Whether to only check the post and show what an import would give (images, slide count, estimated credits), without importing or spending credits. The preview ID it returns stays valid about 10 minutes.',
	},
	{
		displayName: 'Backgrounds From',
		name: 'backgroundSource',
		type: 'options',
		options: [
			{ name: 'Image Pack', value: 'pack', description: 'Your images from an image pack' },
			{ name: 'Image URLs', value: 'images', description: 'A list of image URLs' },
		],
		default: 'pack',
		displayOptions: { show: { previewOnly: [false] } },
		description:
			'Where the new backgrounds come from: the TikTok text is laid over your own images',
	},
	{
		...packLocator({
			description: 'The image pack the backgrounds come from (it must hold images)',
		}),
		displayOptions: { show: { previewOnly: [false], backgroundSource: ['pack'] } },
	},
	{
		displayName: 'Image URLs',
		name: 'packImages',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { previewOnly: [false], backgroundSource: ['images'] } },
		typeOptions: {
			rows: 3,
			maxLength: 200_000,
			format: 'urlList',
			minItems: 1,
			maxItems: 100,
			itemNoun: 'URLs',
		},
		placeholder: 'https://cdn.example.com/1.jpg\nhttps://cdn.example.com/2.jpg',
		description: `The background images, 1-100 http(s) URLs: ${LIST_RULE}`,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { previewOnly: [false] } },
		options: [
			{
				displayName: 'Preview ID',
				name: 'previewId',
				type: 'string',
				default: '',
				typeOptions: { format: 'uuid' },
				description:
					'The preview ID of an earlier Preview Only run of the same URL, to import without a new preview. Valid about 10 minutes; after that Genviral fetches the post again.',
			},
			{
				displayName: 'Product ID',
				name: 'productId',
				type: 'string',
				default: '',
				typeOptions: { format: 'uuid' },
				description: 'A product from the Genviral dashboard to attach to the new slideshow',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				typeOptions: { maxLength: 200 },
				description: 'The title of the new slideshow (up to 200 characters)',
			},
		],
	},
];

export const description = properties;

/**
 * POST /slideshows/copy-tiktok/preview (free, repeatable), then POST
 * /slideshows/copy-tiktok/import with the fresh preview's ID (spends copy credits, never sent
 * twice). With Preview Only, only the preview, with the time its ID stops being useful.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const values = readParameters(this, properties, itemIndex) as {
		url: string;
		previewOnly: boolean;
		backgroundSource?: string;
		packId?: string;
		packImages?: string[];
		additionalFields?: { previewId?: string; productId?: string; title?: string };
	};
	const url = values.url;
	const extra = values.additionalFields ?? {};
	const importBody: IDataObject = { url };
	if (!values.previewOnly) {
		if (values.backgroundSource === 'images') importBody.pack_images = values.packImages;
		else importBody.pack_id = values.packId;
		if (extra.title !== undefined) importBody.title = extra.title;
		if (extra.productId !== undefined) importBody.product_id = extra.productId;
	}

	let preview: IDataObject | undefined;
	if (values.previewOnly || extra.previewId === undefined) {
		const path = '/slideshows/copy-tiktok/preview';
		const requestedAt = Date.now();
		// A preview costs nothing and changes nothing: the transport's retry rules apply.
		preview = expectObject(
			this,
			await genviralApiRequest.call(this, {
				method: 'POST',
				path,
				body: { url },
				itemIndex,
				retry: 'idempotent',
			}),
			`POST ${path}`,
			itemIndex,
		);
		preview = {
			...preview,
			preview_expires_at: new Date(requestedAt + PREVIEW_LIFETIME_MS).toISOString(),
		};
		if (values.previewOnly) return preview;
	}
	const previewId =
		extra.previewId ?? (typeof preview?.preview_id === 'string' ? preview.preview_id : undefined);
	if (previewId !== undefined) importBody.preview_id = previewId;

	const importPath = '/slideshows/copy-tiktok/import';
	const imported = expectObject(
		this,
		await genviralApiRequest.call(this, {
			method: 'POST',
			path: importPath,
			body: importBody,
			itemIndex,
			spends: {
				kind: 'credits',
				mayHaveRun: 'the TikTok slideshow may have been imported',
				lookUp: 'Slideshow → Get Many (newest first)',
			},
		}),
		`POST ${importPath}`,
		itemIndex,
	);
	return preview === undefined ? imported : { ...imported, preview };
}
