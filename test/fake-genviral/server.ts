/**
 * A fake Genviral Partner API over real HTTP on 127.0.0.1, following
 * ../shared/genviral-api/ (envelope, status codes, error_codes) for the endpoints the node
 * uses. Tests start one per suite, point the credential's Base URL at it, and read back the
 * requests it recorded. Faults can be queued per endpoint.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const BASE_PATH = '/api/partner/v1';

/** The owner of a key decides what the plan gate answers (reference 1.4). */
export interface KeyProfile {
	scope: 'workspace' | 'personal';
	userId: string;
	workspaceId: string | null;
	plan: 'active' | 'none' | 'scheduler';
}

export const DEFAULT_TOKEN = 'gva_live_0a1b2c.fake-secret-for-tests-1f2e3d';

export const DEFAULT_KEYS: Record<string, KeyProfile> = {
	[DEFAULT_TOKEN]: {
		scope: 'workspace',
		userId: '0a0a0a0a-0000-4000-8000-000000007001',
		workspaceId: '0a0a0a0a-0000-4000-8000-000000009001',
		plan: 'active',
	},
	'gva_live_9f9f9f.personal-secret': {
		scope: 'personal',
		userId: '0a0a0a0a-0000-4000-8000-000000007002',
		workspaceId: null,
		plan: 'active',
	},
	'gva_live_d0d0d0.unpaid-secret': {
		scope: 'personal',
		userId: '0a0a0a0a-0000-4000-8000-000000007003',
		workspaceId: null,
		plan: 'none',
	},
	'gva_live_5c5c5c.scheduler-secret': {
		scope: 'personal',
		userId: '0a0a0a0a-0000-4000-8000-000000007004',
		workspaceId: null,
		plan: 'scheduler',
	},
};

/**
 * Where the reference documents a status but no error_code, the real API still sends one
 * ("analytics errors always include error_code"). The fake's guesses live here, and only here.
 */
export const INFERRED_ERROR_CODES = {
	analyticsBadRequest: 'invalid_request',
	analyticsNotFound: 'not_found',
} as const;

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	body: unknown;
}

/** A queued fault, consumed by the next request to its endpoint. */
export type Fault =
	| { kind: 'error'; status: number; error_code?: string | null; message?: string; headers?: Record<string, string> }
	| { kind: 'raw'; status: number; body: string; headers?: Record<string, string> }
	| { kind: 'hang' }
	| { kind: 'reset' }
	/** Let this request through normally (to fail a later one). */
	| { kind: 'pass' };

interface Target {
	id: string;
	user_id: string;
	workspace_id: string | null;
	platform: string;
	identifier: string;
	normalized_identifier: string;
	display_name: string | null;
	last_refreshed_at: string | null;
	created_at: string;
	metadata: Record<string, unknown>;
	/** The scope the target belongs to: workspace id, or `user:<id>` for personal keys. */
	scopeKey: string;
}

interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

const PLATFORMS = ['tiktok', 'instagram', 'youtube'];

function ok(status: number, message: string, data: unknown): Reply {
	return { status, body: { ok: true, code: status, message, data } };
}

function fail(status: number, message: string, errorCode: string | null): Reply {
	const body: Record<string, unknown> = { ok: false, code: status, message };
	if (errorCode !== null) body.error_code = errorCode;
	return { status, body };
}

export function normalizeIdentifier(identifier: string): string {
	return identifier.trim().replace(/^@+/, '').toLowerCase();
}

export class FakeGenviral {
	readonly requests: RecordedRequest[] = [];

	private server: http.Server | undefined;

	private readonly sockets = new Set<Socket>();

	private readonly faults = new Map<string, Fault[]>();

	private readonly targets = new Map<string, Target>();

	private port = 0;

	/** Added before every answer; for benchmarks. */
	latencyMs = 0;

	constructor(readonly keys: Record<string, KeyProfile> = DEFAULT_KEYS) {}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}${BASE_PATH}`;
	}

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			void this.handle(req, res);
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	/** Forget recorded requests, queued faults and state. */
	reset(): void {
		this.requests.length = 0;
		this.faults.clear();
		this.targets.clear();
	}

	/** Queue a fault for the next request to `endpoint` ("POST /analytics/targets"). */
	inject(endpoint: string, ...faults: Fault[]): void {
		const queue = this.faults.get(endpoint) ?? [];
		queue.push(...faults);
		this.faults.set(endpoint, queue);
	}

	requestsTo(endpoint: string): RecordedRequest[] {
		return this.requests.filter((r) => `${r.method} ${r.path}` === endpoint);
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname.startsWith(BASE_PATH) ? url.pathname.slice(BASE_PATH.length) : url.pathname;
		let body: unknown;
		try {
			body = rawBody === '' ? undefined : JSON.parse(rawBody);
		} catch {
			body = Symbol.for('invalid-json');
		}
		const recorded: RecordedRequest = {
			method: req.method ?? 'GET',
			path,
			query: Object.fromEntries(url.searchParams.entries()),
			headers: req.headers,
			rawBody,
			body: typeof body === 'symbol' ? undefined : body,
		};
		this.requests.push(recorded);

		if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

		const fault = this.faults.get(`${recorded.method} ${templatePath(path)}`)?.shift();
		if (fault && fault.kind !== 'pass') {
			this.applyFault(fault, res);
			return;
		}
		this.send(res, this.route(recorded, body));
	}

	private applyFault(fault: Fault, res: http.ServerResponse): void {
		switch (fault.kind) {
			case 'pass':
				return;
			case 'hang':
				return; // never answer; stop() destroys the socket
			case 'reset':
				res.socket?.destroy();
				return;
			case 'raw':
				res.writeHead(fault.status, { 'content-type': 'text/html', ...fault.headers });
				res.end(fault.body);
				return;
			case 'error': {
				const reply = fail(fault.status, fault.message ?? `Injected ${fault.status}`, fault.error_code ?? null);
				this.send(res, { ...reply, headers: fault.headers });
				return;
			}
		}
	}

	private send(res: http.ServerResponse, reply: Reply): void {
		const text = JSON.stringify(reply.body);
		res.writeHead(reply.status, {
			'content-type': 'application/json; charset=utf-8',
			'content-length': Buffer.byteLength(text),
			...reply.headers,
		});
		res.end(text);
	}

	/** The plan gate every endpoint applies first (reference 1.2 and 1.4). */
	private authenticate(req: RecordedRequest): KeyProfile | Reply {
		const header = req.headers.authorization;
		const match = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header) : null;
		const key = match ? this.keys[match[1]] : undefined;
		if (!key) return fail(401, 'API key not found', 'invalid_token');
		if (key.plan === 'none') return fail(402, 'An active plan is required', 'subscription_required');
		if (key.plan === 'scheduler') {
			return fail(403, 'The Scheduler tier cannot use the Partner API', 'tier_not_allowed');
		}
		return key;
	}

	private route(req: RecordedRequest, body: unknown): Reply {
		const auth = this.authenticate(req);
		if ('status' in auth) return auth;
		const key = auth;
		const endpoint = `${req.method} ${templatePath(req.path)}`;
		switch (endpoint) {
			case 'GET /subscription':
				return ok(200, 'Subscription retrieved', {
					scope: key.scope,
					workspace_id: key.workspaceId,
					subscription: {
						status: 'active',
						tier: 'medium',
						billing_interval: 'month',
						credits: { limit: 1000, used_this_period: 10, remaining: 990, reset_at: null },
					},
				});
			case 'POST /analytics/targets':
				return this.createTarget(key, body);
			case 'GET /analytics/targets':
				return ok(200, 'Analytics targets retrieved', {
					workspace_id: key.workspaceId,
					targets: [...this.targets.values()]
						.filter((t) => t.scopeKey === scopeKeyOf(key))
						.map((t) => ({ ...publicTarget(t), target_id: t.id, free_refresh_available: true })),
				});
			default:
				return fail(404, `No route for ${endpoint}`, INFERRED_ERROR_CODES.analyticsNotFound);
		}
	}

	private createTarget(key: KeyProfile, body: unknown): Reply {
		if (typeof body === 'symbol') return fail(400, 'Invalid JSON body', 'invalid_json');
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return fail(400, 'Body must be a JSON object', 'invalid_payload');
		}
		const { platform, identifier, alias } = body as Record<string, unknown>;
		if (typeof platform !== 'string' || !PLATFORMS.includes(platform)) {
			return fail(400, 'Unsupported platform', INFERRED_ERROR_CODES.analyticsBadRequest);
		}
		if (typeof identifier !== 'string' || normalizeIdentifier(identifier) === '') {
			return fail(400, 'identifier is required', INFERRED_ERROR_CODES.analyticsBadRequest);
		}
		const scopeKey = scopeKeyOf(key);
		const normalized = normalizeIdentifier(identifier);
		const existing = [...this.targets.values()].find(
			(t) => t.scopeKey === scopeKey && t.platform === platform && t.normalized_identifier === normalized,
		);
		if (existing) {
			return ok(200, 'Analytics target created', { target: publicTarget(existing), created: false });
		}
		const target: Target = {
			id: randomUUID(),
			user_id: key.userId,
			workspace_id: key.workspaceId,
			platform,
			identifier,
			normalized_identifier: normalized,
			display_name: typeof alias === 'string' && alias !== '' ? alias : null,
			last_refreshed_at: null,
			created_at: new Date().toISOString(),
			metadata: {},
			scopeKey,
		};
		this.targets.set(target.id, target);
		return ok(201, 'Analytics target created', { target: publicTarget(target), created: true });
	}
}

function scopeKeyOf(key: KeyProfile): string {
	return key.workspaceId ?? `user:${key.userId}`;
}

function publicTarget(target: Target): Record<string, unknown> {
	return {
		id: target.id,
		user_id: target.user_id,
		workspace_id: target.workspace_id,
		platform: target.platform,
		identifier: target.identifier,
		normalized_identifier: target.normalized_identifier,
		display_name: target.display_name,
		last_refreshed_at: target.last_refreshed_at,
	};
}

const UUID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/analytics/targets/<uuid>` → `/analytics/targets/{id}`, so faults and routes match by template. */
export function templatePath(path: string): string {
	return path
		.split('/')
		.map((segment) => (UUID_SEGMENT.test(segment) ? '{id}' : segment))
		.join('/');
}
