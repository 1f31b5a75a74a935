import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { failValidation, isUuid } from '../../helpers/validation';
import {
	expectArray,
	expectObject,
	genviralApiRequest,
	unexpectedShape,
	waitForStatus,
} from '../../transport';
import { uploadBinary } from '../../transport/upload';
import { packLocator } from '../../descriptions/locators';
import { waitProperties } from '../../descriptions/wait';

const properties: INodeProperties[] = [
	packLocator({
		description: 'The image pack to add the image to (only your own packs take images)',
	}),
	{
		displayName: 'Image Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'URL', value: 'url', description: 'A public URL of the image' },
			{
				name: 'Binary File',
				value: 'binary',
				description: 'An image file of the input item, uploaded to Genviral first',
			},
		],
		default: 'url',
		description:
			'URL: a public link Genviral keeps. Binary File: an image of the input item, uploaded to Genviral first.',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions: { show: { source: ['binary'] } },
		hint: 'The name of the input binary field containing the image',
		description: 'The binary field of the input item that holds the image (JPEG, PNG, WebP, ...)',
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		required: true,
		displayOptions: { show: { source: ['url'] } },
		default: '',
		typeOptions: { format: 'url', maxLength: 2048 },
		placeholder: 'https://cdn.example.com/background.jpg',
		description:
			'A public http(s) URL of the image. Genviral keeps the URL (it does not copy the file), so it must stay reachable for later generations and renders.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				typeOptions: { maxLength: 255 },
				description: 'The name Genviral shows for the image (default: "image")',
			},
		],
	},
	...waitProperties({
		toggle: 'waitForMetadata',
		toggleDisplayName: 'Wait for Metadata',
		toggleDescription:
			'Whether to wait until Genviral has described the image (AI metadata: description, keywords) and return it. Off: return at once; the metadata follows within moments and shows in Image Pack → Get.',
		checks: 'the pack',
		pollIntervalDefault: 5,
		maxWaitDefault: 120,
		maxWaitMax: 3600,
		maxWaitDescription:
			'Give up with an error after this long; the image stays in the pack and its metadata follows anyway',
	}),
];

export const description = properties;

const PENDING = ['pending', 'processing'];
const TERMINAL = ['completed', 'failed'];

/**
 * With a binary file, first the upload (POST /files and a PUT to storage). Then
 * POST /packs/{packId}/images, then optionally GET /packs/{packId} until the image's metadata
 * is completed or failed. Adding is not repeated on a failure (a second POST would add the
 * image twice); only the pack is re-read. Metadata that failed is not an error: the image is in
 * the pack and usable, it just has no AI description.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const values = readParameters(this, properties, itemIndex) as {
		packId: string;
		source: 'url' | 'binary';
		binaryPropertyName?: string;
		imageUrl?: string;
		additionalFields?: { fileName?: string };
		waitForMetadata: boolean;
		pollInterval?: number;
		maxWait?: number;
	};
	const { packId } = values;
	const fileName = values.additionalFields?.fileName;
	let body: IDataObject;
	if (values.source === 'binary') {
		const field = values.binaryPropertyName ?? 'data';
		// A pack holds images: a video or sound is refused before anything is uploaded.
		const mimeType = this.helpers.assertBinaryData(itemIndex, field).mimeType ?? '';
		if (/^(video|audio)\//.test(mimeType)) {
			failValidation(
				this,
				itemIndex,
				`Input Binary Field "${field}" holds ${mimeType}; an image pack takes images only`,
			);
		}
		// Uploaded through Genviral's file storage first: the pack keeps the file's permanent URL.
		const uploaded = await uploadBinary(this, itemIndex, field, { fileName });
		if (!uploaded.contentType.startsWith('image/')) {
			failValidation(
				this,
				itemIndex,
				`Input Binary Field "${field}" holds ${uploaded.contentType}, not an image`,
			);
		}
		body = { image_url: uploaded.url, file_name: uploaded.fileName.slice(0, 255) };
	} else {
		body = { image_url: values.imageUrl };
		if (fileName !== undefined) body.file_name = fileName;
	}
	return await addAndWait(this, itemIndex, packId, body, values);
}

export async function addAndWait(
	ctx: IExecuteFunctions,
	itemIndex: number,
	packId: string,
	body: IDataObject,
	{
		waitForMetadata,
		pollInterval,
		maxWait,
	}: { waitForMetadata: boolean; pollInterval?: number; maxWait?: number },
): Promise<IDataObject> {
	const path = `/packs/${packId}/images`;
	const endpoint = `POST ${path}`;
	const image = expectObject(
		ctx,
		await genviralApiRequest.call(ctx, { method: 'POST', path, body, itemIndex, retry: 'never' }),
		endpoint,
		itemIndex,
	);
	if (!waitForMetadata) return image;
	if (!isUuid(String(image.id ?? '')))
		throw unexpectedShape(ctx, image, endpoint, itemIndex, 'image "id" (a UUID)');
	const imageId = String(image.id);
	const packPath = `/packs/${packId}`;
	const state = await waitForStatus(ctx, {
		itemIndex,
		what: 'Image metadata of image',
		id: imageId,
		read: async (deadline) => {
			const pack = expectObject(
				ctx,
				await genviralApiRequest.call(ctx, { method: 'GET', path: packPath, itemIndex, deadline }),
				`GET ${packPath}`,
				itemIndex,
			);
			const found = expectArray(ctx, pack.images, `GET ${packPath}`, itemIndex, 'images').find(
				(i) => i.id === imageId,
			);
			if (found === undefined) {
				throw unexpectedShape(
					ctx,
					{ id: imageId },
					`GET ${packPath}`,
					itemIndex,
					`image ${imageId} in the pack (was it deleted meanwhile?)`,
				);
			}
			return found;
		},
		statusOf: (found) => (found.metadata as IDataObject | undefined)?.status,
		terminal: TERMINAL,
		pending: PENDING,
		intervalMs: (pollInterval ?? 5) * 1000,
		maxWaitMs: (maxWait ?? 120) * 1000,
		lookUp: `Image Pack → Get (pack ${packId})`,
		timeoutNote: 'The image was added to the pack.',
	});
	return { ...image, ...state };
}
