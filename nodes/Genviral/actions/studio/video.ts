import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { expectObject, genviralApiRequest, unexpectedShape } from '../../transport';
import type { ItemWithBinary, OperationRun } from '../node.type';
import { MAX_URL_LENGTH, withDownloadedOutput } from './common';

/** Statuses of a Studio video (reference: GET /studio/videos/{videoId}). */
export const VIDEO_TERMINAL = ['succeeded', 'failed'];

/**
 * "Still going": the reference names only `processing`; the others are what video providers
 * commonly report before they start, accepted so that a job is not failed for a word.
 * (inferred: not in the sources)
 */
export const VIDEO_PENDING = ['processing', 'pending', 'queued', 'starting'];

/** GET /studio/videos/{videoId} (a read: retried when safe, within the wait's deadline). */
export async function readVideo(
	ctx: IExecuteFunctions,
	videoId: string,
	itemIndex: number,
	deadline?: number,
): Promise<IDataObject> {
	const path = `/studio/videos/${videoId}`;
	const data = await genviralApiRequest.call(ctx, { method: 'GET', path, itemIndex, deadline });
	return expectObject(ctx, data, 'GET /studio/videos/{videoId}', itemIndex);
}

/**
 * The video as an output item; with Download Video and a video that has succeeded, its file
 * in the binary field. A video still processing (or failed) has no file: the item carries
 * the state only, so Get Video can be polled with Download Video on.
 */
export async function finishVideo(
	ctx: IExecuteFunctions,
	video: IDataObject,
	itemIndex: number,
	values: IDataObject,
	run: OperationRun,
): Promise<IDataObject | ItemWithBinary> {
	if (values.download !== true || video.status !== 'succeeded') return video;
	const url = video.output_url;
	if (typeof url !== 'string' || url === '' || url.length > MAX_URL_LENGTH) {
		throw unexpectedShape(
			ctx,
			video,
			'GET /studio/videos/{videoId}',
			itemIndex,
			'"output_url" of a succeeded video',
		);
	}
	const id = String(video.video_id ?? 'studio-video');
	return await withDownloadedOutput(ctx, itemIndex, video, run, {
		url,
		id,
		fallbackExtension: 'mp4',
		field: String(values.binaryPropertyName),
		lookUp: {
			what: 'video',
			how: `Read it again with Studio → Get Video (ID ${id}) for a fresh URL; do not generate it again.`,
		},
	});
}
