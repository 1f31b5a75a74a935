/**
 * A small programmable HTTP server on a loopback address, for what the fake Genviral API
 * does not do: redirects, bodies that drip or stop half-way, headers followed by silence, a
 * second origin that must never see the token. Each request is answered by the next queued
 * behaviour (or the default one) and recorded with its headers.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type LoopbackHost = '127.0.0.1' | '127.0.0.2';

export interface SeenRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	/** When it arrived (ms since epoch). */
	at: number;
}

/** How to answer one request. `server` gives the other origins for redirects. */
export type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export class TestServer {
	readonly requests: SeenRequest[] = [];

	private readonly queue: Behaviour[] = [];

	private readonly sockets = new Set<Socket>();

	private readonly timers = new Set<NodeJS.Timeout>();

	private server: http.Server | undefined;

	private port = 0;

	constructor(
		readonly host: LoopbackHost = '127.0.0.1',
		private fallback: Behaviour = json(200, { ok: true, code: 200, message: 'OK', data: {} }),
	) {}

	/** `http://127.0.0.x:port` */
	get origin(): string {
		return `http://${this.host}:${this.port}`;
	}

	url(path = '/'): string {
		return `${this.origin}${path}`;
	}

	/** Queue behaviours for the next requests (first in, first used); then the default applies. */
	answer(...behaviours: Behaviour[]): this {
		this.queue.push(...behaviours);
		return this;
	}

	/** The behaviour once the queue is empty. */
	otherwise(behaviour: Behaviour): this {
		this.fallback = behaviour;
		return this;
	}

	reset(): void {
		this.requests.length = 0;
		this.queue.length = 0;
		this.clearTimers();
	}

	/** A timer the server owns (cleared on reset and stop), for behaviours that take time. */
	later(ms: number, fn: () => void): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			fn();
		}, ms);
		this.timers.add(timer);
	}

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			this.requests.push({
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				at: Date.now(),
			});
			// Read the body (if any) before answering, as a real server does.
			req.resume();
			const behaviour = this.queue.shift() ?? this.fallback;
			behaviour.call(this, req, res);
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, this.host, resolve));
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	async stop(): Promise<void> {
		this.clearTimers();
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	private clearTimers(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}
}

/** The server a behaviour runs in (behaviours are called with it as `this`). */
function serverOf(self: unknown): TestServer {
	if (!(self instanceof TestServer)) throw new Error('behaviour called outside a TestServer');
	return self;
}

export function json(
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): Behaviour {
	return (_req, res) => {
		const text = JSON.stringify(body);
		res.writeHead(status, {
			'Content-Type': 'application/json',
			'Content-Length': Buffer.byteLength(text),
			...headers,
		});
		res.end(text);
	};
}

export function raw(status: number, body: string, headers: Record<string, string> = {}): Behaviour {
	return (_req, res) => {
		res.writeHead(status, {
			'Content-Type': 'text/html',
			'Content-Length': Buffer.byteLength(body),
			...headers,
		});
		res.end(body);
	};
}

export function redirect(status: number, location: string): Behaviour {
	return (_req, res) => {
		res.writeHead(status, { Location: location, 'Content-Length': 0 });
		res.end();
	};
}

/** A complete JSON answer whose body arrives one byte every `everyMs`. */
export function drip(body: unknown, everyMs: number): Behaviour {
	return function (this: unknown, _req, res) {
		const server = serverOf(this);
		const bytes = Buffer.from(JSON.stringify(body));
		res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
		res.flushHeaders();
		let sent = 0;
		const next = () => {
			if (res.destroyed) return;
			res.write(bytes.subarray(sent, sent + 1));
			sent++;
			if (sent >= bytes.length) res.end();
			else server.later(everyMs, next);
		};
		server.later(everyMs, next);
	};
}

/** Headers (Content-Length 1000), then nothing at all. */
export function headersThenSilence(): Behaviour {
	return (_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1000 });
		res.flushHeaders();
	};
}

/** Headers announcing `announced` bytes, `sent` bytes of a JSON body, then the connection is dropped. */
export function cutMidBody(announced = 1000, sent = 30): Behaviour {
	return function (this: unknown, _req, res) {
		const server = serverOf(this);
		const text = JSON.stringify({
			ok: true,
			code: 200,
			message: 'OK',
			data: { filler: 'x'.repeat(announced) },
		});
		res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': announced });
		res.write(text.slice(0, sent));
		server.later(20, () => res.socket?.destroy());
	};
}
