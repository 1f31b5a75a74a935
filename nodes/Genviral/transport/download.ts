import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** What the request helper hands back for `encoding: 'stream'` (a Node readable stream). */
type Readable = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

/**
 * Downloads a media URL that Genviral handed back (a rendered slide, a Studio image or video)
 * into n8n's binary store. Media URLs live on storage hosts: the request goes through the
 * plain request helper, never the authenticated one, so the API token stays with the API.
 * The body is streamed into the binary store (filesystem mode keeps it off the heap).
 */
export async function downloadToBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	url: string,
	{ fileName, mimeType, timeoutMs = 300_000 }: { fileName?: string; mimeType?: string; timeoutMs?: number } = {},
): Promise<IBinaryData> {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new NodeOperationError(ctx.getNode(), `Genviral returned a media URL that is not a URL [item ${itemIndex}]`, { itemIndex });
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new NodeOperationError(ctx.getNode(), `Genviral returned a media URL that is not http(s) [item ${itemIndex}]`, { itemIndex });
	}
	// Signed URLs carry their signature in the query: messages name the origin and path only.
	const shown = `${parsed.origin}${parsed.pathname}`;
	let response: { body: Readable; headers: Record<string, string | string[] | undefined>; statusCode: number };
	try {
		response = (await ctx.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'stream',
			returnFullResponse: true,
			timeout: timeoutMs,
			abortSignal: ctx.getExecutionCancelSignal(),
		})) as typeof response;
	} catch (error) {
		const status = (error as { httpCode?: string; response?: { status?: number } }).response?.status;
		throw new NodeOperationError(
			ctx.getNode(),
			`Could not download the media file ${shown}${status ? ` (HTTP ${status})` : ''} [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'The download goes to the storage host that Genviral named, not to the API. The file may have expired: read the item again to get a fresh URL.',
			},
		);
	}
	const headerType = response.headers['content-type'];
	const contentType = mimeType ?? (typeof headerType === 'string' ? headerType.split(';')[0].trim() : undefined);
	const name = fileName ?? decodeURIComponent(parsed.pathname.split('/').filter(Boolean).pop() ?? 'file');
	return await ctx.helpers.prepareBinaryData(response.body, name, contentType);
}

/** A file name with an extension for a media URL: the URL's own name, or `<id>.<fallback>`. */
export function fileNameFor(url: string, id: string, fallbackExtension: string): string {
	let last = '';
	try {
		last = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '');
	} catch {
		last = '';
	}
	return /\.[a-z0-9]{2,5}$/i.test(last) ? last : `${id}.${fallbackExtension}`;
}

export const MEDIA_TYPES: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	gif: 'image/gif',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	webm: 'video/webm',
};

/** The media type a file name's extension stands for, or null. */
export function mediaTypeOf(fileName: string): string | null {
	return MEDIA_TYPES[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? null;
}

/**
 * What an AI Agent tool run returns in place of a downloaded file: binary data cannot cross
 * the tool boundary into a model's context, so the file stays where Genviral stored it and
 * the item names it (nothing is downloaded).
 */
export function fileReference(url: string, fileName: string): IDataObject {
	return { url, fileName, mimeType: mediaTypeOf(fileName), binary: false };
}
