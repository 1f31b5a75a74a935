import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requestOptionsFor } from './options';
import { MAX_TIMER_MS } from './sleep';
import { CONTENT_TYPE_BY_EXTENSION, GENERIC_CONTENT_TYPES, normalizeType } from './upload';

/** What the request helper hands back for `encoding: 'stream'` (a Node readable stream). */
type Readable = Exclude<Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0], Buffer>;

/** What the API promised at the URL: the answer must be that kind of media. */
export type MediaKind = 'image' | 'video';

export interface DownloadRequest {
	/** What the URL was promised to hold; anything else (an HTML page, JSON, text) is refused. */
	kind: MediaKind;
	/** What the file belongs to, for messages: "slideshow <id>", "Studio image <id>". */
	source: string;
	/** The file name to give it (cleaned like a name from the URL); default: the URL's own. */
	fileName?: string;
}

const MAX_FILE_NAME_LENGTH = 200;

/**
 * A file name for a media URL: its last path segment, decoded when it decodes (a malformed `%`
 * escape keeps the raw segment: not an error), and only ever a name: no directory, whatever an
 * encoded `/`, `\` or `..` tried. Undefined when nothing usable is left.
 */
export function fileNameFromUrl(url: string): string | undefined {
	let segment: string;
	try {
		segment = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
	} catch {
		return undefined;
	}
	let decoded = segment;
	try {
		decoded = decodeURIComponent(segment);
	} catch {
		decoded = segment;
	}
	return cleanFileName(decoded);
}

/** Only the last part of a path, without control characters; undefined when empty or a dot name. */
function cleanFileName(name: string): string | undefined {
	// eslint-disable-next-line no-control-regex
	const base = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
	if (base === '' || /^\.+$/.test(base)) return undefined;
	if (base.length <= MAX_FILE_NAME_LENGTH) return base;
	const extension = /\.[a-z0-9]{1,8}$/i.exec(base)?.[0] ?? '';
	return base.slice(0, MAX_FILE_NAME_LENGTH - extension.length) + extension;
}

/**
 * The MIME type of a download: the response's Content-Type; the file extension's only when the
 * response's says nothing (`application/octet-stream`, none). Undefined when it is not the kind
 * of media promised (an HTML error page, JSON, text, or an image where a video was promised).
 */
function mediaTypeOf(
	header: unknown,
	fileName: string,
	kind: MediaKind,
): { type?: string; given: string } {
	const given = normalizeType(Array.isArray(header) ? header[0] : header);
	let type = given;
	if (GENERIC_CONTENT_TYPES.includes(type)) {
		const extension = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
		type =
			CONTENT_TYPE_BY_EXTENSION[extension] ?? (type === '' ? 'application/octet-stream' : type);
		// A generic type with no media extension: the host said nothing against it, so it is kept.
		if (!type.startsWith('image/') && !type.startsWith('video/')) return { type, given };
	}
	return { type: type.startsWith(`${kind}/`) ? type : undefined, given };
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Downloads a media URL that Genviral handed back (a rendered slide, a Studio image or video)
 * into n8n's binary store. Media URLs live on storage hosts: the request goes through the
 * plain request helper, never the authenticated one, so the API token stays with the API.
 *
 * The whole download (connecting, waiting, every byte) is bounded by the Download Timeout
 * option and its size by Max Download Size: by the announced Content-Length before any byte is
 * read, and by a running count while the body streams into n8n's binary store (filesystem mode
 * keeps it off the heap; memory mode never holds more than the cap). The cancel signal ends it
 * at once. Every failure names the file (origin and path, never the signed query) and what it
 * belongs to. The file name never carries a directory, and the MIME type is the response's: an
 * HTML page where media was promised is refused rather than labelled an image.
 */
export async function downloadToBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	url: string,
	{ kind, source, fileName }: DownloadRequest,
): Promise<IBinaryData> {
	const node = ctx.getNode();
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new NodeOperationError(
			node,
			`Genviral returned a media URL for ${source} that is not a URL [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new NodeOperationError(
			node,
			`Genviral returned a media URL for ${source} that is not http(s) [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	// Signed URLs carry their signature in the query: messages name the origin and path only.
	const shown = `${parsed.origin}${parsed.pathname}`;
	const name =
		(fileName !== undefined ? cleanFileName(fileName) : undefined) ??
		fileNameFromUrl(url) ??
		`${kind}`;
	const { downloadTimeoutMs, maxDownloadBytes } = requestOptionsFor(ctx, itemIndex);

	const cancelSignal = ctx.getExecutionCancelSignal();
	const deadlineSignal = AbortSignal.timeout(Math.min(downloadTimeoutMs, MAX_TIMER_MS));
	const signal = cancelSignal ? AbortSignal.any([cancelSignal, deadlineSignal]) : deadlineSignal;
	const lookUp = `The file belongs to ${source}: look it up there (or read it again for a fresh URL).`;
	const failure = (message: string, description: string, context: Record<string, unknown> = {}) => {
		const error = new NodeOperationError(node, `${message} [item ${itemIndex}]`, {
			itemIndex,
			description: `${description} ${lookUp}`,
		});
		Object.assign(error.context, { mediaUrl: shown, source, ...context });
		return error;
	};
	const cancelled = () =>
		failure(
			`The execution was cancelled while downloading the media file ${shown} of ${source}`,
			'Nothing was kept.',
		);
	const timedOut = (received: number) =>
		failure(
			`The download of the media file ${shown} of ${source} did not finish within the Download Timeout of ${downloadTimeoutMs / 1000} s`,
			`${received > 0 ? `${megabytes(received)} arrived before it was stopped; nothing was kept.` : 'No data arrived.'} Raise the Download Timeout option for large files or slow hosts, or try again later.`,
			{ reason: 'timeout' },
		);
	const tooLarge = (size: number, announced: boolean) =>
		failure(
			`The media file ${shown} of ${source} is larger than Max Download Size (${megabytes(maxDownloadBytes)})`,
			`${announced ? `The host announced ${megabytes(size)}; nothing was downloaded.` : `More than ${megabytes(size)} arrived; the download was stopped and nothing was kept.`} Raise the Max Download Size option if this file is expected.`,
			{ reason: 'tooLarge' },
		);

	let response: {
		body: Readable;
		headers: Record<string, string | string[] | undefined>;
		statusCode: number;
	};
	try {
		response = (await ctx.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'stream',
			returnFullResponse: true,
			timeout: Math.min(downloadTimeoutMs, MAX_TIMER_MS),
			abortSignal: signal,
		})) as typeof response;
	} catch (error) {
		if (cancelSignal?.aborted) throw cancelled();
		if (deadlineSignal.aborted) throw timedOut(0);
		const status = (error as { response?: { status?: number } }).response?.status;
		throw failure(
			`Could not download the media file ${shown}${status ? ` (HTTP ${status})` : ''}`,
			'The download goes to the storage host that Genviral named, not to the API. The file may have expired.',
		);
	}

	const { body, headers } = response;
	const stop = () => body.destroy();
	const announced = Number(headers['content-length']);
	if (Number.isFinite(announced) && announced > maxDownloadBytes) {
		stop();
		throw tooLarge(announced, true);
	}
	const { type, given } = mediaTypeOf(headers['content-type'], name, kind);
	if (type === undefined) {
		stop();
		throw failure(
			`The media file ${shown} of ${source} is not ${kind === 'image' ? 'an image' : 'a video'}: the host answered ${given === '' ? 'without a type' : given}`,
			`Genviral promised ${kind === 'image' ? 'an image' : 'a video'} at this URL, but the storage host answered something else (an error or sign-in page, for example), so it was not stored as a file.`,
			{ reason: 'notMedia', contentType: given },
		);
	}

	// Every byte enters the body through its `push` (from the socket, or from the decompressor):
	// counted there, whatever reads the body (memory mode's buffer, filesystem mode's file
	// writer), and the body is destroyed at the cap, at the deadline or on cancel, so the store
	// fails and keeps nothing. (n8n's lint forbids importing `stream` in node code: no counting Transform.)
	let received = body.readableLength;
	let stopped: 'tooLarge' | 'timeout' | 'cancelled' | undefined;
	const push = body.push.bind(body);
	body.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
		if (chunk !== null && chunk !== undefined) received += (chunk as { length: number }).length;
		if (received > maxDownloadBytes) {
			stopped = 'tooLarge';
			body.destroy(new Error('over Max Download Size'));
			return false;
		}
		return push(chunk, encoding);
	};
	const onAbort = () => {
		stopped ??= cancelSignal?.aborted ? 'cancelled' : 'timeout';
		body.destroy(new Error(`download ${stopped}`));
	};
	signal.addEventListener('abort', onAbort, { once: true });
	try {
		if (received > maxDownloadBytes) stopped = 'tooLarge';
		else if (signal.aborted) onAbort();
		if (stopped === undefined) return await ctx.helpers.prepareBinaryData(body, name, type);
		throw new Error(`download ${stopped}`);
	} catch {
		stop();
		if (stopped === 'tooLarge') throw tooLarge(maxDownloadBytes, false);
		if (stopped === 'cancelled' || cancelSignal?.aborted) throw cancelled();
		if (stopped === 'timeout' || deadlineSignal.aborted) throw timedOut(received);
		throw failure(
			`The download of the media file ${shown} of ${source} was cut off`,
			`The connection closed after ${megabytes(received)}, before the whole file arrived. Try again later.`,
			{ reason: 'cutOff' },
		);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/** A file name with an extension for a media URL: the URL's own (cleaned), or `<id>.<fallback>`. */
export function fileNameFor(url: string, id: string, fallbackExtension: string): string {
	const last = fileNameFromUrl(url) ?? '';
	return /\.[a-z0-9]{2,5}$/i.test(last) ? last : `${id}.${fallbackExtension}`;
}

/**
 * What an AI Agent tool run returns in place of a downloaded file: binary data cannot cross
 * the tool boundary into a model's context, so the file stays where Genviral stored it and
 * the item names it (nothing is downloaded).
 */
export function fileReference(url: string, fileName: string): IDataObject {
	const extension = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
	return { url, fileName, mimeType: CONTENT_TYPE_BY_EXTENSION[extension] ?? null, binary: false };
}
