/**
 * A post's `media` object from the Media fields: URLs as given, or binary fields of the input
 * item uploaded to Genviral's storage first (POST /files, then a direct upload), then posted by
 * their URLs (reference 5 and 7 "Media").
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { failValidation } from '../../helpers/validation';
import { NodeOperationError } from 'n8n-workflow';

// TEMPORARY until transport/upload.ts lands on publish-files (merged before the final commit).
async function uploadBinary(ctx: IExecuteFunctions, itemIndex: number, _field: string, _options: IDataObject): Promise<{ url: string }> {
	throw new NodeOperationError(ctx.getNode(), 'Binary media is not wired yet', { itemIndex });
}
import { readBinaryFieldNames, readImageUrls } from './fields';

/** A text-only post needs a caption (reference 7: caption-only posts). */
export function checkTextOnly(ctx: IExecuteFunctions, mediaType: string | undefined, caption: string, itemIndex: number, label = 'Caption'): void {
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
	const mediaType = values.mediaType as string;
	if (mediaType === 'none') return null;
	const source = (values.mediaSource as string | undefined) ?? 'url';
	const required = (name: string, label: string): unknown => {
		const value = values[name];
		if (value === undefined || value === '') failValidation(ctx, itemIndex, `${prefix}${label} is required with Media: ${mediaType === 'video' ? 'Video' : 'Slideshow'}`);
		return value;
	};

	if (mediaType === 'video') {
		if (source === 'url') {
			const media: IDataObject = { type: 'video', url: required('videoUrl', 'Video URL') as string };
			if (videoDuration !== undefined) media.duration_sec = videoDuration;
			return media;
		}
		const field = String(required('binaryPropertyName', 'Input Binary Field')).trim();
		const uploaded = await uploadBinary(ctx, itemIndex, field, { durationSeconds: videoDuration, expect: 'video' });
		const media: IDataObject = { type: 'video', url: uploaded.url };
		if (videoDuration !== undefined) media.duration_sec = videoDuration;
		return media;
	}

	if (source === 'url') {
		return { type: 'slideshow', urls: readImageUrls(ctx, required('imageUrls', 'Image URLs'), `${prefix}Image URLs`, itemIndex) };
	}
	const fields = readBinaryFieldNames(ctx, required('binaryPropertyNames', 'Input Binary Fields'), `${prefix}Input Binary Fields`, itemIndex);
	// Check every field exists before the first upload, so a typo in the last one uploads nothing.
	for (const field of fields) ctx.helpers.assertBinaryData(itemIndex, field);
	const urls: string[] = [];
	for (const field of fields) urls.push((await uploadBinary(ctx, itemIndex, field, { expect: 'image' })).url);
	return { type: 'slideshow', urls };
}
