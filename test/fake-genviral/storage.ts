/**
 * The fake object storage behind upload URLs and generated media, on another loopback origin
 * (127.0.0.2) than the API (127.0.0.1), as signed storage URLs are in production. It records
 * every request with its headers, so tests can prove the API token never reaches it.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface StorageRequest {
	method: string;
	path: string;
	/** The query string as sent (`?signature=...` on upload URLs), for tests only. */
	search: string;
	headers: http.IncomingHttpHeaders;
	/** Bytes received (the body itself is kept only when `keepBodies` is on). */
	size: number;
	body?: Buffer;
	at: number;
}

export interface StoredObject {
	contentType: string;
	/** The bytes (empty when `keepBodies` was off while it was uploaded). */
	data: Buffer;
	/** Bytes received, whether kept or not. */
	size: number;
	storedAt: number;
}

/** What a signed upload URL was issued for. */
interface PendingUpload {
	/** The Content-Type the URL was signed with: a PUT with another one fails the signature. */
	contentType: string | undefined;
	expiresAt: number;
}

/** How long a signed upload URL is valid (reference 5.1: expiresIn = 600 seconds). */
export const UPLOAD_URL_TTL_MS = 600_000;

/**
 * A queued storage fault for the next PUT / GET. `respond` hands the request to a test's own
 * answer (a body that drips, never ends, lies about its length, or is an HTML page).
 */
export type StorageFault =
	| { kind: 'status'; status: number; body?: string }
	| { kind: 'reset' }
	| { kind: 'respond'; respond: (req: http.IncomingMessage, res: http.ServerResponse) => void };

export class FakeStorage {
	readonly requests: StorageRequest[] = [];

	readonly objects = new Map<string, StoredObject>();

	/** Keep uploaded bodies in memory (off for big-upload benchmarks). */
	keepBodies = true;

	readonly faults: { put: StorageFault[]; get: StorageFault[] } = { put: [], get: [] };

	/** Upload keys that have expired (answer 403 like a signed URL past its time). */
	readonly expired = new Set<string>();

	/** Upload URLs issued by `newUpload`, by key. */
	private readonly uploads = new Map<string, PendingUpload>();

	/** How many of the next upload URLs are issued already expired (a slow client, without waiting 10 minutes). */
	expireNextUploads = 0;

	private server: http.Server | undefined;

	private readonly sockets = new Set<Socket>();

	private port = 0;

	constructor(readonly host = '127.0.0.2') {}

	get origin(): string {
		return `http://${this.host}:${this.port}`;
	}

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, this.host, resolve));
		this.port = (this.server.address() as AddressInfo).port;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	reset(): void {
		this.requests.length = 0;
		this.objects.clear();
		this.expired.clear();
		this.uploads.clear();
		this.expireNextUploads = 0;
		this.faults.put.length = 0;
		this.faults.get.length = 0;
		this.nextMediaSegments.length = 0;
		this.keepBodies = true;
	}

	/**
	 * A fresh signed upload URL; the object becomes readable at `publicUrl` once PUT. Signed like
	 * a presigned storage URL: for one Content-Type (when given), for `UPLOAD_URL_TTL_MS`, and
	 * refusing any other authentication (an Authorization header) next to the signature.
	 */
	newUpload(
		fileName: string,
		options: { contentType?: string; prefix?: string; ttlMs?: number } = {},
	): { uploadUrl: string; publicUrl: string; key: string; expiresAt: number } {
		const prefix = options.prefix ? `${options.prefix.replace(/\/+$/, '')}/` : '';
		const key = `${prefix}${randomUUID()}/${encodeURIComponent(fileName)}`;
		let expiresAt = Date.now() + (options.ttlMs ?? UPLOAD_URL_TTL_MS);
		if (this.expireNextUploads > 0) {
			this.expireNextUploads--;
			expiresAt = Date.now() - 1;
		}
		this.uploads.set(key, { contentType: options.contentType, expiresAt });
		return {
			key,
			uploadUrl: `${this.origin}/upload/${key}?X-Signature=${randomUUID().replace(/-/g, '')}&X-Expires=${Math.round((options.ttlMs ?? UPLOAD_URL_TTL_MS) / 1000)}`,
			publicUrl: `${this.origin}/media/${key}`,
			expiresAt,
		};
	}

	/** Make an issued upload URL (or key) expire now. */
	expire(uploadUrlOrKey: string): void {
		this.expired.add(keyOf(uploadUrlOrKey, '/upload/'));
	}

	/** The object uploaded for an upload key, or behind a public URL; undefined before its PUT. */
	object(keyOrUrl: string): StoredObject | undefined {
		return this.objects.get(keyOf(keyOrUrl, '/media/'));
	}

	/**
	 * The path segments the next media objects get instead of their encoded file names, used
	 * as given (a test's own escapes: `%2E%2E%2Fx.png`, a malformed `%E0%A4%A`).
	 */
	readonly nextMediaSegments: string[] = [];

	/** Serve bytes at a public media URL (rendered slides, Studio outputs). */
	putMedia(fileName: string, contentType: string, data: Buffer): string {
		const key = `${randomUUID()}/${this.nextMediaSegments.shift() ?? encodeURIComponent(fileName)}`;
		this.objects.set(key, { contentType, data, size: data.length, storedAt: Date.now() });
		return `${this.origin}/media/${key}`;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.origin);
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (this.keepBodies) chunks.push(chunk as Buffer);
		}
		const recorded: StorageRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			search: url.search,
			headers: req.headers,
			size,
			body: this.keepBodies ? Buffer.concat(chunks) : undefined,
			at: Date.now(),
		};
		this.requests.push(recorded);
		const fault = (req.method === 'PUT' ? this.faults.put : this.faults.get).shift();
		if (fault?.kind === 'respond') {
			fault.respond(req, res);
			return;
		}
		if (fault?.kind === 'reset') {
			res.socket?.destroy();
			return;
		}
		if (fault?.kind === 'status') {
			res.writeHead(fault.status, { 'content-type': 'text/plain' });
			res.end(fault.body ?? `storage error ${fault.status}`);
			return;
		}
		if (req.method === 'PUT' && url.pathname.startsWith('/upload/')) {
			const key = url.pathname.slice('/upload/'.length);
			const upload = this.uploads.get(key);
			if (req.headers.authorization !== undefined) {
				// As S3-style storage does: a signed URL is the only authentication it takes.
				return xmlError(res, 400, 'InvalidArgument', 'Only one auth mechanism allowed');
			}
			if (!upload || !url.searchParams.has('X-Signature')) {
				return xmlError(res, 403, 'AccessDenied', 'Access Denied');
			}
			if (this.expired.has(key) || Date.now() > upload.expiresAt) {
				return xmlError(res, 403, 'AccessDenied', 'Request has expired');
			}
			const contentType = req.headers['content-type'];
			if (upload.contentType !== undefined && contentType !== upload.contentType) {
				return xmlError(
					res,
					403,
					'SignatureDoesNotMatch',
					'The request signature we calculated does not match the signature you provided',
				);
			}
			this.objects.set(key, {
				contentType: String(contentType ?? 'application/octet-stream'),
				data: recorded.body ?? Buffer.alloc(0),
				size,
				storedAt: Date.now(),
			});
			res.writeHead(200, { etag: `"${randomUUID().replace(/-/g, '')}"` });
			res.end();
			return;
		}
		if (req.method === 'HEAD' && url.pathname.startsWith('/media/')) {
			const object = this.objects.get(url.pathname.slice('/media/'.length));
			res.writeHead(
				object ? 200 : 404,
				object ? { 'content-type': object.contentType, 'content-length': object.size } : {},
			);
			res.end();
			return;
		}
		if (req.method === 'GET' && url.pathname.startsWith('/media/')) {
			const object = this.objects.get(url.pathname.slice('/media/'.length));
			if (!object) {
				res.writeHead(404, { 'content-type': 'text/plain' });
				res.end('not found');
				return;
			}
			res.writeHead(200, {
				'content-type': object.contentType,
				'content-length': object.data.length,
			});
			res.end(object.data);
			return;
		}
		res.writeHead(404, { 'content-type': 'text/plain' });
		res.end('not found');
	}
}

function xmlError(res: http.ServerResponse, status: number, code: string, message: string): void {
	res.writeHead(status, { 'content-type': 'application/xml' });
	res.end(
		`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
	);
}

/** The storage key of an upload URL, public URL or bare key. */
function keyOf(value: string, marker: '/upload/' | '/media/'): string {
	if (!/^https?:\/\//.test(value)) return value;
	const { pathname } = new URL(value);
	for (const prefix of [marker, '/upload/', '/media/']) {
		if (pathname.startsWith(prefix)) return pathname.slice(prefix.length);
	}
	return pathname;
}
