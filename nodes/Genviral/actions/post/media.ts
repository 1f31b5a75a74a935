/**
 * A post's `media` object from the Media fields: URLs as given, or binary fields of the input
 * item uploaded to Genviral's storage first (POST /files, then a direct upload), then posted by
 * their URLs (reference 5 and 7 "Media").
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { failValidation } from '../../helpers/validation';
import { oncePerItemRun } from '../../transport/itemMemory';
import type { UploadOverrides } from '../../transport/upload';
import { prepareUpload, uploadBinary } from '../../transport/upload';

/** A text-only post needs a caption (reference 7: caption-only posts). */
export function checkTextOnly(
	ctx: IExecuteFunctions,
	mediaType: string | undefined,
	caption: string,
	itemIndex: number,
	label = 'Caption',
): void {
	if (mediaType === 'none' && caption.trim() === '') {
		failValidation(ctx, itemIndex, `${label} is required for a text-only post (Media: None)`);
	}
}

/**
 * `media` for the request: null for a text-only post, `{type: 'video', url, duration_sec?}` or
 * `{type: 'slideshow', urls}`. `values` holds the Media fields as read (top-level on Create,
 * Update Fields on Update); `prefix` names their collection in messages ("Update Fields → ").
 */
export async function buildMedia(
	ctx: IExecuteFunctions,
	values: IDataObject,
	videoDuration: number | undefined,
	itemIndex: number,
	prefix: string,
): Promise<IDataObject | null> {
	const mediaType = values.postMedia as string;
	if (mediaType === 'none') return null;
	const source = (values.mediaSource as string | undefined) ?? 'url';
	const required = (name: string, label: string): unknown => {
		const value = values[name];
		if (value === undefined || value === '')
			failValidation(
				ctx,
				itemIndex,
				`${prefix}${label} is required with Media: ${mediaType === 'video' ? 'Video' : 'Slideshow'}`,
			);
		return value;
	};

	if (mediaType === 'video') {
		if (source === 'url') {
			const media: IDataObject = {
				type: 'video',
				url: required('videoUrl', 'Video URL') as string,
			};
			if (videoDuration !== undefined) media.duration_sec = videoDuration;
			return media;
		}
		const field = String(required('binaryPropertyName', 'Input Binary Field')).trim();
		checkKind(ctx, itemIndex, field, 'video', `${prefix}Input Binary Field`);
		const media: IDataObject = {
			type: 'video',
			url: await uploadOnce(ctx, itemIndex, field, { durationSeconds: videoDuration }),
		};
		if (videoDuration !== undefined) media.duration_sec = videoDuration;
		return media;
	}

	if (source === 'url') {
		// The reader gave the list: 1-35 http(s) URLs in order (Image URLs is a `urlList`).
		return { type: 'slideshow', urls: required('imageUrls', 'Image URLs') as string[] };
	}
	// 1-35 names in order (Input Binary Fields is a `textList`).
	const fields = (required('binaryPropertyNames', 'Input Binary Fields') as string[]).map((field) =>
		field.trim(),
	);
	// Check every file (it exists, is an image of a type Genviral takes, is not empty) before the
	// first upload, so a bad last one leaves no uploaded files behind.
	for (const field of fields) {
		checkKind(ctx, itemIndex, field, 'image', `${prefix}Input Binary Fields`);
		await prepareUpload(ctx, itemIndex, field);
	}
	const urls: string[] = [];
	for (const field of fields) urls.push(await uploadOnce(ctx, itemIndex, field));
	return { type: 'slideshow', urls };
}

/**
 * Upload a binary field of the item once per run of the node: a retried item (n8n's Retry On
 * Fail) posts the URLs it already uploaded, so its body is the same as the first time and its
 * external ID replays the post instead of meeting a 409 for "other content".
 */
async function uploadOnce(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	overrides: UploadOverrides = {},
): Promise<string> {
	const uploaded = await oncePerItemRun(
		ctx,
		itemIndex,
		`upload ${field} ${JSON.stringify(overrides)}`,
		async () => await uploadBinary(ctx, itemIndex, field, overrides),
	);
	return uploaded.url;
}

/** A video post takes a video file and a slideshow images: refuse the wrong kind before uploading it. */
function checkKind(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	kind: 'video' | 'image',
	label: string,
): void {
	const binary = ctx.helpers.assertBinaryData(itemIndex, field);
	const mimeType = (binary.mimeType ?? '').split(';')[0].trim().toLowerCase();
	const other = kind === 'video' ? 'image/' : 'video/';
	// A generic type (application/octet-stream) is resolved from the file name by the upload.
	if (
		mimeType.startsWith(other) ||
		(!mimeType.startsWith(`${kind}/`) && /^(text|audio|application\/(pdf|json|zip))/.test(mimeType))
	) {
		failValidation(
			ctx,
			itemIndex,
			`${label}: the file in "${field}" is ${mimeType} (${binary.fileName ?? 'no file name'}), not ${kind === 'video' ? 'a video' : 'an image'}`,
		);
	}
}
