import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	JsonObject,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeValue } from '../helpers/validation';
import { requestOptionsFor } from './options';
import { genviralApiRequest } from './request';
import { expectObject, unexpectedShape } from './shapes';
import { sleepUnlessCancelled } from './sleep';
import { apiErrorKeepingMessage, snippetOf } from './errors';

/**
 * Uploads an n8n binary to Genviral in the two steps of reference section 5:
 *   1. `POST /files` {contentType, filename, size, duration_seconds} → a signed `uploadUrl`
 *      (valid 600 s) and the file's permanent `url`;
 *   2. `PUT` the bytes to `uploadUrl`: a storage host, not the API. This request goes through
 *      n8n's plain request helper, never the authenticated one, so the API token cannot reach
 *      it; it carries the same Content-Type (the URL is signed for it) and a Content-Length.
 * In filesystem binary mode the bytes are streamed from n8n's binary store (a 200 MB video is
 * never in memory); in memory mode n8n already holds them, and they are sent from that buffer.
 *
 * Both steps are repeatable: signing a URL again creates nothing, and a PUT replaces the same
 * object. So both are retried on transient failures (the PUT re-opens the stream), and a signed
 * URL that expired before the PUT (a slow queue, a long retry) is signed anew once.
 */

/** Reference 5.1, `contentType`: the MIME types Genviral accepts. */
export const UPLOAD_CONTENT_TYPES = [
	'image/jpeg',
	'image/png',
	'image/gif',
	'image/webp',
	'image/heic',
	'image/heif',
	'video/mp4',
	'video/quicktime',
	'video/x-msvideo',
	'video/webm',
	'video/x-m4v',
] as const;

export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number];

/** MIME type names in the wild that mean an accepted type. */
const CONTENT_TYPE_ALIASES: Record<string, UploadContentType> = {
	'image/jpg': 'image/jpeg',
	'image/pjpeg': 'image/jpeg',
	'video/mov': 'video/quicktime',
	'video/avi': 'video/x-msvideo',
	'video/msvideo': 'video/x-msvideo',
	'video/m4v': 'video/x-m4v',
};

/** For binaries without a useful MIME type (`application/octet-stream`): the file extension's. */
export const CONTENT_TYPE_BY_EXTENSION: Record<string, UploadContentType> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
	heic: 'image/heic',
	heif: 'image/heif',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	qt: 'video/quicktime',
	avi: 'video/x-msvideo',
	webm: 'video/webm',
	m4v: 'video/x-m4v',
};

/** MIME types that say nothing about the content: the file extension decides. */
export const GENERIC_CONTENT_TYPES = [
	'',
	'application/octet-stream',
	'binary/octet-stream',
	'application/binary',
];

/** Statuses of a storage host that say "try again" (S3 answers 503 SlowDown when throttling). */
const TRANSIENT_STORAGE_STATUSES = [429, 500, 502, 503, 504];
const TRANSIENT_NETWORK_CODES = [
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
];
const MAX_BACKOFF_MS = 30_000;
/** A PUT of a large video takes long; the Timeout option is an idle limit between bytes here. */
const MIN_STORAGE_TIMEOUT_MS = 300_000;

export interface UploadOverrides {
	/** Instead of the binary's file name. */
	fileName?: string;
	/** Instead of the binary's MIME type (must still be one Genviral accepts). */
	contentType?: string;
	/** Video length in seconds, stored with the file so posts can check it. Ignored for images. */
	durationSeconds?: number;
}

export interface UploadedFile extends IDataObject {
	/** The permanent public URL: usable in posts (media) and image packs (image URL). */
	url: string;
	contentType: UploadContentType;
	fileName: string;
	/** Bytes uploaded. */
	size: number;
	/** Sent with the file when known (videos). */
	durationSeconds?: number;
}

/** Where the bytes come from, opened afresh for every attempt. */
type ByteSource = { size: number; open: () => Promise<Buffer | NodeJS.ReadableStream> };

/**
 * Upload the binary in `binaryPropertyName` of an input item; returns the file's permanent
 * `url` with what was sent. Bad input (no such binary, a type Genviral refuses, an empty file)
 * fails before any request.
 */
export async function uploadBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	overrides: UploadOverrides = {},
): Promise<UploadedFile> {
	const { contentType, fileName, source } = await prepareUpload(
		ctx,
		itemIndex,
		binaryPropertyName,
		overrides,
	);
	const durationSeconds = contentType.startsWith('video/') ? overrides.durationSeconds : undefined;
	const body: IDataObject = { contentType, filename: fileName, size: source.size };
	if (durationSeconds !== undefined) body.duration_seconds = durationSeconds;

	// A signed URL that expired before its PUT is signed anew, once.
	for (let signing = 1; ; signing++) {
		const signed = await signUpload(ctx, itemIndex, body);
		const outcome = await putToStorage(
			ctx,
			itemIndex,
			signed.uploadUrl,
			contentType,
			fileName,
			source,
		);
		if (outcome === 'stored') {
			const uploaded: UploadedFile = { url: signed.url, contentType, fileName, size: source.size };
			if (durationSeconds !== undefined) uploaded.durationSeconds = durationSeconds;
			return uploaded;
		}
		if (signing >= 2) {
			throw storageError(ctx, itemIndex, fileName, signed.uploadUrl, {
				message: `The storage upload URL expired twice before the upload of "${fileName}" finished`,
				description:
					'Genviral signs an upload URL for 10 minutes. The file was signed twice and both URLs expired before the storage host accepted the bytes: the upload is too slow from here. Try a smaller file or a faster connection.',
			});
		}
	}
}

/**
 * Every check of an upload that needs no request: the binary exists, its type is one Genviral
 * accepts, its size is known and it is not empty. Callers that upload several files run it on
 * each before the first upload, so a bad last file leaves no uploaded ones behind.
 */
export async function prepareUpload(
	ctx: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	overrides: UploadOverrides = {},
): Promise<{ contentType: UploadContentType; fileName: string; source: ByteSource }> {
	const binary = ctx.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const contentType = resolveContentType(
		ctx,
		itemIndex,
		binaryPropertyName,
		binary,
		overrides.contentType,
	);
	const fileName = resolveFileName(binary, contentType, overrides.fileName);
	const source = await byteSource(ctx, itemIndex, binaryPropertyName, binary);
	if (source.size === 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The file in the binary field "${binaryPropertyName}" is empty [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Genviral needs an image or video with content. Check the node that produced the file.',
			},
		);
	}
	return { contentType, fileName, source };
}

/** A MIME type without parameters, in lower case ('' when absent). */
export function normalizeType(value: unknown): string {
	return typeof value === 'string' ? value.split(';')[0].trim().toLowerCase() : '';
}

function extensionOf(binary: IBinaryData): string | undefined {
	const fromName = binary.fileName?.includes('.') ? binary.fileName.split('.').pop() : undefined;
	return (fromName ?? binary.fileExtension)?.toLowerCase();
}

function resolveContentType(
	ctx: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	binary: IBinaryData,
	override: string | undefined,
): UploadContentType {
	const accepted = UPLOAD_CONTENT_TYPES as readonly string[];
	const given = normalizeType(override ?? binary.mimeType);
	let type = CONTENT_TYPE_ALIASES[given] ?? given;
	if (override === undefined && GENERIC_CONTENT_TYPES.includes(type)) {
		const extension = extensionOf(binary);
		type = (extension !== undefined ? CONTENT_TYPE_BY_EXTENSION[extension] : undefined) ?? type;
	}
	if (accepted.includes(type)) return type as UploadContentType;
	const message =
		override !== undefined
			? `Content Type ${describeValue(override)} is not a type Genviral accepts`
			: `The file in the binary field "${binaryPropertyName}" is ${describeValue(binary.mimeType ?? '')}, a type Genviral does not accept`;
	throw new NodeOperationError(ctx.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		description: `Genviral takes these types only: ${accepted.join(', ')}. Convert the file first, or set Content Type if the MIME type is wrong.`,
	});
}

function resolveFileName(
	binary: IBinaryData,
	contentType: UploadContentType,
	override: string | undefined,
): string {
	const given = (override ?? binary.fileName ?? '').trim();
	if (given !== '') return given;
	const extension =
		Object.entries(CONTENT_TYPE_BY_EXTENSION).find(([, type]) => type === contentType)?.[0] ??
		'bin';
	return `upload.${extension}`;
}

/** The binary's bytes: a fresh stream from n8n's store (filesystem mode), or n8n's buffer (memory mode). */
async function byteSource(
	ctx: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	binary: IBinaryData,
): Promise<ByteSource> {
	const { id } = binary;
	if (id) {
		let size = typeof binary.bytes === 'number' ? binary.bytes : undefined;
		size ??= (await ctx.helpers.getBinaryMetadata(id)).fileSize;
		return { size, open: async () => await ctx.helpers.getBinaryStream(id) };
	}
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	return { size: buffer.length, open: async () => buffer };
}

/** Step 1: POST /files. Repeatable (it only signs a URL), so retried like a read. */
async function signUpload(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
): Promise<{ uploadUrl: string; url: string }> {
	const endpoint = 'POST /files';
	const data = expectObject(
		ctx,
		await genviralApiRequest.call(ctx, {
			method: 'POST',
			path: '/files',
			body,
			itemIndex,
			retry: 'idempotent',
		}),
		endpoint,
		itemIndex,
	);
	const isHttpUrl = (value: unknown): value is string => {
		if (typeof value !== 'string') return false;
		try {
			const { protocol } = new URL(value);
			return protocol === 'https:' || protocol === 'http:';
		} catch {
			return false;
		}
	};
	// The snippet shows the field's type only: an upload URL carries its signature.
	if (!isHttpUrl(data.uploadUrl))
		throw unexpectedShape(
			ctx,
			typeof data.uploadUrl,
			endpoint,
			itemIndex,
			'"uploadUrl" (an http(s) URL)',
		);
	if (!isHttpUrl(data.url))
		throw unexpectedShape(ctx, data.url, endpoint, itemIndex, '"url" (an http(s) URL)');
	return { uploadUrl: data.uploadUrl, url: data.url };
}

/** A signed URL as messages may show it: origin and path, never the signature in its query. */
function shownUrl(url: string): string {
	const parsed = new URL(url);
	return `${parsed.origin}${parsed.pathname}`;
}

/** The storage host's own words: S3-style XML `<Code>` and `<Message>`, else a short excerpt (URLs without queries). */
function storageReason(body: unknown): { code?: string; text: string } {
	const text = Buffer.isBuffer(body)
		? body.toString('utf8')
		: typeof body === 'string'
			? body
			: body === undefined
				? ''
				: JSON.stringify(body);
	const code = /<Code>([^<]*)<\/Code>/i.exec(text)?.[1];
	const message = /<Message>([^<]*)<\/Message>/i.exec(text)?.[1];
	if (code !== undefined || message !== undefined)
		return { code, text: [code, message].filter(Boolean).join(': ') };
	return { text: snippetOf(text.replace(/(https?:\/\/[^\s"'<>?]+)\?[^\s"'<>]*/g, '$1')) };
}

function storageError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fileName: string,
	uploadUrl: string,
	{
		message,
		description,
		status,
		code,
	}: { message: string; description: string; status?: number; code?: string },
): NodeApiError {
	const full = `${message} [item ${itemIndex}]`;
	// The message names the file, the failure and the attempts, even when it mentions ECONNRESET.
	const error = apiErrorKeepingMessage(ctx.getNode(), { message: full } as JsonObject, {
		message: full,
		description: `${description} Storage step: PUT ${shownUrl(uploadUrl)} (the second step of File → Upload, after POST /files; the API token is not sent there).`,
		itemIndex,
		...(status !== undefined ? { httpCode: String(status) } : {}),
	});
	error.context.step = 'storage';
	error.context.fileName = fileName;
	if (code !== undefined) error.context.storageCode = code;
	return error;
}

/**
 * Step 2: PUT the bytes to the signed URL, without the API's credential. Retries transient
 * failures (re-opening the stream); reports an expired URL to the caller; anything else is an
 * error that says it was the storage step.
 */
async function putToStorage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	uploadUrl: string,
	contentType: UploadContentType,
	fileName: string,
	source: ByteSource,
): Promise<'stored' | 'expired'> {
	const options = requestOptionsFor(ctx, itemIndex);
	for (let attempt = 1; ; attempt++) {
		const body = await source.open();
		let failure: { status?: number; networkCode?: string; reason: string; code?: string };
		try {
			const response = (await ctx.helpers.httpRequest({
				method: 'PUT',
				url: uploadUrl,
				body,
				headers: { 'Content-Type': contentType, 'Content-Length': String(source.size) },
				// Statuses are read here; the client's own errors would carry the signed URL.
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
				// No redirects: a redirect-following client keeps a copy of the body to replay it.
				disableFollowRedirect: true,
				json: false,
				encoding: 'text',
				timeout: Math.max(options.timeoutMs, MIN_STORAGE_TIMEOUT_MS),
				abortSignal: ctx.getExecutionCancelSignal(),
			})) as IN8nHttpFullResponse;
			const status = response.statusCode;
			if (status >= 200 && status < 300) return 'stored';
			const reason = storageReason(response.body);
			if ((status === 403 || status === 400) && /expired/i.test(reason.text)) return 'expired';
			failure = { status, reason: reason.text, code: reason.code };
		} catch (error) {
			if (ctx.getExecutionCancelSignal()?.aborted) {
				throw new NodeOperationError(
					ctx.getNode(),
					`The execution was cancelled while uploading "${fileName}" [item ${itemIndex}]`,
					{ itemIndex },
				);
			}
			const code =
				(error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
			const detail = error instanceof Error ? error.message : String(error);
			failure = {
				networkCode: typeof code === 'string' ? code : 'EUNKNOWN',
				reason: storageReason(detail).text,
			};
		} finally {
			// A stream the request did not finish (an error, a refused PUT) holds a file handle.
			if (typeof (body as { destroy?: unknown }).destroy === 'function')
				(body as unknown as { destroy: () => void }).destroy();
		}

		const transient =
			(failure.status !== undefined && TRANSIENT_STORAGE_STATUSES.includes(failure.status)) ||
			(failure.networkCode !== undefined && TRANSIENT_NETWORK_CODES.includes(failure.networkCode));
		const mayRetry = transient && options.retryOnTransientErrors;
		if (!mayRetry || attempt > options.maxRetries) {
			const what = failure.status !== undefined ? `HTTP ${failure.status}` : failure.networkCode;
			const attempts = attempt > 1 ? ` after ${attempt} attempts` : '';
			throw storageError(ctx, itemIndex, fileName, uploadUrl, {
				message: `Genviral's storage did not accept the upload of "${fileName}"${attempts} (${what}: ${failure.reason})`,
				description:
					failure.status === 403
						? 'The storage host refused the signed upload (a signature or permission problem, not your API token).'
						: transient
							? 'The storage host could not be reached or failed. Try again later.'
							: 'The storage host refused the upload.',
				status: failure.status,
				code: failure.code,
			});
		}
		const backoff = Math.min(MAX_BACKOFF_MS, options.retryDelayMs * 2 ** (attempt - 1));
		await sleepUnlessCancelled(
			ctx,
			Math.round(backoff / 2 + (Math.random() * backoff) / 2),
			`to retry the upload of "${fileName}"`,
			itemIndex,
		);
	}
}
