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
	headers: http.IncomingHttpHeaders;
	/** Bytes received (the body itself is kept only when `keepBodies` is on). */
	size: number;
	body?: Buffer;
	at: number;
}

export interface StoredObject {
	contentType: string;
	data: Buffer;
}

/** A queued storage fault for the next PUT / GET. */
export type StorageFault = { kind: 'status'; status: number; body?: string } | { kind: 'reset' };

export class FakeStorage {
	readonly requests: StorageRequest[] = [];

	readonly objects = new Map<string, StoredObject>();

	/** Keep uploaded bodies in memory (off for big-upload benchmarks). */
	keepBodies = true;

	readonly faults: { put: StorageFault[]; get: StorageFault[] } = { put: [], get: [] };

	/** Upload URLs that have expired (answer 403 like a signed URL past its time). */
	readonly expired = new Set<string>();

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
		this.faults.put.length = 0;
		this.faults.get.length = 0;
		this.keepBodies = true;
	}

	/** A fresh signed upload URL; the object becomes readable at `publicUrl` once PUT. */
	newUpload(fileName: string): { uploadUrl: string; publicUrl: string; key: string } {
		const key = `${randomUUID()}/${encodeURIComponent(fileName)}`;
		return {
			key,
			uploadUrl: `${this.origin}/upload/${key}?signature=${randomUUID()}`,
			publicUrl: `${this.origin}/media/${key}`,
		};
	}

	/** Serve bytes at a public media URL (rendered slides, Studio outputs). */
	putMedia(fileName: string, contentType: string, data: Buffer): string {
		const key = `${randomUUID()}/${encodeURIComponent(fileName)}`;
		this.objects.set(key, { contentType, data });
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
			headers: req.headers,
			size,
			body: this.keepBodies ? Buffer.concat(chunks) : undefined,
			at: Date.now(),
		};
		this.requests.push(recorded);
		const fault = (req.method === 'PUT' ? this.faults.put : this.faults.get).shift();
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
			if (this.expired.has(key)) {
				res.writeHead(403, { 'content-type': 'application/xml' });
				res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
				return;
			}
			this.objects.set(key, {
				contentType: String(req.headers['content-type'] ?? 'application/octet-stream'),
				data: recorded.body ?? Buffer.alloc(0),
			});
			res.writeHead(200);
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
			res.writeHead(200, { 'content-type': object.contentType, 'content-length': object.data.length });
			res.end(object.data);
			return;
		}
		res.writeHead(404, { 'content-type': 'text/plain' });
		res.end('not found');
	}
}
