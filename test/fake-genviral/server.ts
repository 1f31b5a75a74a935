/**
 * A fake Genviral Partner API over real HTTP on 127.0.0.1, following
 * ../shared/genviral-api/ (envelope, status codes, error_codes) for the endpoints the node
 * uses. Tests start one per suite, point the credential's Base URL at it, and read back the
 * requests it recorded. Faults can be queued per endpoint.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { FakeModule, RouteContext } from './module';
import { compileRoute, statusAt } from './module';
import { createModules } from './resources';
import { FakeStorage } from './storage';

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
	/** 402 of a paid refresh without credits (the page names no code). */
	paidRefresh: 'insufficient_credits',
} as const;

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	body: unknown;
	/** When it arrived (ms since epoch). */
	at: number;
}

/** A queued fault, consumed by the next request to its endpoint. */
export type Fault =
	| {
			kind: 'error';
			status: number;
			error_code?: string | null;
			message?: string;
			headers?: Record<string, string>;
	  }
	| { kind: 'raw'; status: number; body: string; headers?: Record<string, string> }
	/** Any JSON body with any status (e.g. `ok:false` inside a 200). */
	| { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
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
	/** How many posts its analytics hold (filled by a completed refresh, or seeded). */
	postCount: number;
	/** Its ordinal, which seeds its generated posts. */
	seed: number;
	freeRefreshUsedOn: string | null;
	/** Posts added one by one (`addAnalyticsPost`), beside the generated ones. */
	extraPosts?: AnalyticsPost[];
}

interface Refresh {
	id: string;
	target_id: string;
	workspace_id: string | null;
	status: 'pending' | 'processing' | 'completed' | 'failed';
	free_refresh_used: boolean;
	credits_used: number;
	started_at: string;
	completed_at: string | null;
	error: string | null;
	scopeKey: string;
	/** The statuses it moves through after `pending`, one per step of `stepMs`. */
	plan: Refresh['status'][];
	queuedAt: number;
	stepMs: number;
}

export interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

const PLATFORMS = ['tiktok', 'instagram', 'youtube'];

export function ok(status: number, message: string, data: unknown): Reply {
	return { status, body: { ok: true, code: status, message, data } };
}

export function fail(status: number, message: string, errorCode: string | null): Reply {
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

	/**
	 * Whether `latencyMs` is kept to the microsecond (for the sequential bench). A timer alone
	 * counts in whole milliseconds of the event loop's clock, so the answer comes 19 to 20 ms
	 * after the request and a run's time per item moves in whole-millisecond steps of the
	 * client's own work: the timer sleeps most of the latency and the rest is waited out on
	 * the clock (one turn of the event loop at a time, so the client's work goes on).
	 */
	exactLatency = false;

	/** Per-request latency (ms), consulted before `latencyMs`: uneven answers for order tests. */
	latencyFor: ((request: RecordedRequest) => number) | undefined;

	/** The resources beyond analytics (accounts, posts, files, ...): their routes and state. */
	readonly modules: ReturnType<typeof createModules>;

	/** Another loopback origin where uploads go and generated media is served (no API token). */
	readonly storage = new FakeStorage();

	private readonly moduleRoutes: Array<{
		template: string;
		match: (method: string, path: string) => Record<string, string> | undefined;
		module: FakeModule;
		handler: FakeModule['routes'][string];
	}> = [];

	/** Requests being answered right now, and the most at any one time (for batching). */
	inFlight = 0;

	maxInFlight = 0;

	/** Consulted when no fault is queued: a fault decided by the request itself (or none). */
	faultFor: ((request: RecordedRequest) => Fault | undefined) | undefined;

	constructor(readonly keys: Record<string, KeyProfile> = DEFAULT_KEYS) {
		this.modules = createModules(this);
		for (const module of Object.values(this.modules) as FakeModule[]) {
			for (const [template, handler] of Object.entries(module.routes)) {
				this.moduleRoutes.push({ template, match: compileRoute(template), module, handler });
			}
		}
		// Literal segments win over parameters: /slideshows/generate before /slideshows/{slideshowId}.
		const params = (t: string) => (t.match(/\{/g) ?? []).length;
		this.moduleRoutes.sort((a, b) => params(a.template) - params(b.template));
	}

	/** The route template a request matches ("GET /packs/{packId}"), or the UUID-templated path. */
	endpointOf(method: string, path: string): string {
		for (const route of this.moduleRoutes) {
			if (route.match(method, path)) return route.template;
		}
		return `${method} ${templatePath(path)}`;
	}

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
		await this.storage.start();
		return this;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
		await this.storage.stop();
	}

	/** Forget recorded requests, queued faults and state. */
	reset(): void {
		this.requests.length = 0;
		this.faults.clear();
		this.targets.clear();
		this.refreshes.clear();
		this.credits.clear();
		this.refreshPlan = ['processing', 'completed'];
		this.refreshStepMs = 40;
		this.subscriptionOverride = undefined;
		this.postsPerRefresh = 24;
		this.faultFor = undefined;
		this.latencyMs = 0;
		this.latencyFor = undefined;
		this.maxInFlight = 0;
		this.storage.reset();
		for (const module of Object.values(this.modules) as FakeModule[]) module.reset();
	}

	/** Queue a fault for the next request to `endpoint` ("POST /analytics/targets"). */
	inject(endpoint: string, ...faults: Fault[]): void {
		const queue = this.faults.get(endpoint) ?? [];
		queue.push(...faults);
		this.faults.set(endpoint, queue);
	}

	/** Requests to an endpoint, by path or by template ("GET /analytics/refreshes/{id}"). */
	requestsTo(endpoint: string): RecordedRequest[] {
		return this.requests.filter(
			(r) =>
				`${r.method} ${r.path}` === endpoint ||
				`${r.method} ${templatePath(r.path)}` === endpoint ||
				this.endpointOf(r.method, r.path) === endpoint,
		);
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const arrived = process.hrtime.bigint();
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname.startsWith(BASE_PATH)
			? url.pathname.slice(BASE_PATH.length)
			: url.pathname;
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
			at: Date.now(),
		};
		this.requests.push(recorded);
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		res.on('close', () => this.inFlight--);

		const latency = this.latencyFor?.(recorded) ?? this.latencyMs;
		if (latency > 0 && this.exactLatency) await waitExactly(latency, arrived);
		else if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));

		const endpoint = this.endpointOf(recorded.method, path);
		const fault =
			this.faults.get(endpoint)?.shift() ??
			this.faults.get(`${recorded.method} ${templatePath(path)}`)?.shift() ??
			this.faultFor?.(recorded);
		if (fault && fault.kind !== 'pass') {
			this.applyFault(fault, res);
			return;
		}
		const module = this.routeToModule(recorded);
		const reply = module
			? await this.answerFromModule(recorded, body, module)
			: this.route(recorded, body);
		if (reply.status === 0) {
			// A module asked to drop the connection after it acted (a replay test): no answer.
			res.socket?.destroy();
			return;
		}
		this.send(res, reply);
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
			case 'json':
				this.send(res, { status: fault.status, body: fault.body, headers: fault.headers });
				return;
			case 'error': {
				const reply = fail(
					fault.status,
					fault.message ?? `Injected ${fault.status}`,
					fault.error_code ?? null,
				);
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

	private routeToModule(req: RecordedRequest) {
		for (const route of this.moduleRoutes) {
			const params = route.match(req.method, req.path);
			if (params) return { route, params };
		}
		return undefined;
	}

	private async answerFromModule(
		req: RecordedRequest,
		body: unknown,
		found: NonNullable<ReturnType<FakeGenviral['routeToModule']>>,
	): Promise<Reply> {
		const auth = this.authenticate(req);
		if ('status' in auth) return auth;
		const ctx: RouteContext = {
			req,
			key: auth,
			body,
			params: found.params,
			fake: this,
			scope: scopeKeyOf(auth),
		};
		return await found.route.handler.call(found.route.module, ctx);
	}

	/** The scope a key's items belong to: its workspace, or `user:<id>` for a personal key. */
	scopeOf(token: string): string {
		return scopeKeyOf(this.keys[token]);
	}

	/** Spend credits of a scope; false (and nothing spent) when there are not enough. */
	spendCredits(scope: string, amount: number): boolean {
		const left = this.credits.get(scope) ?? 100;
		if (amount > left) return false;
		this.credits.set(scope, left - amount);
		return true;
	}

	creditsLeft(scope: string): number {
		return this.credits.get(scope) ?? 100;
	}

	/** The plan gate every endpoint applies first (reference 1.2 and 1.4). */
	private authenticate(req: RecordedRequest): KeyProfile | Reply {
		const header = req.headers.authorization;
		const match = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header) : null;
		const key = match ? this.keys[match[1]] : undefined;
		if (!key) return fail(401, 'API key not found', 'invalid_token');
		if (key.plan === 'none')
			return fail(402, 'An active plan is required', 'subscription_required');
		if (key.plan === 'scheduler') {
			return fail(403, 'The Scheduler tier cannot use the Partner API', 'tier_not_allowed');
		}
		return key;
	}

	private route(req: RecordedRequest, body: unknown): Reply {
		const auth = this.authenticate(req);
		if ('status' in auth) return auth;
		const key = auth;
		const segments = req.path.split('/').filter((s) => s !== '');
		const id = segments.find((s) => UUID_SEGMENT.test(s));
		const endpoint = `${req.method} ${templatePath(req.path)}`;
		switch (endpoint) {
			case 'GET /subscription': {
				// Reference 4.1: the period is the current calendar month here; credits start at 100 a period.
				const now = new Date();
				const periodStart = new Date(
					Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1),
				).toISOString();
				const periodEnd = new Date(
					Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1),
				).toISOString();
				const remaining = this.creditsOf(key);
				return ok(200, 'Subscription retrieved', {
					scope: key.scope,
					workspace_id: key.workspaceId,
					subscription: {
						status: 'active',
						tier: 'medium',
						billing_interval: 'month',
						current_period_start: periodStart,
						current_period_end: periodEnd,
						renews_at: periodEnd,
						canceled_at: null,
						is_paused: false,
						paused_until: null,
						credits: {
							limit: 100,
							used_this_period: Math.max(0, 100 - remaining),
							remaining,
							reset_at: periodEnd,
						},
						...this.subscriptionOverride,
					},
				});
			}
			case 'POST /analytics/targets':
				return this.createTarget(key, body);
			case 'GET /analytics/targets':
				return ok(200, 'Analytics targets retrieved', {
					workspace_id: key.workspaceId,
					targets: this.targetsOf(key).map((t) => ({
						...publicTarget(t),
						target_id: t.id,
						free_refresh_available: t.freeRefreshUsedOn !== today(),
					})),
				});
			case 'GET /analytics/targets/{id}':
				return this.withTarget(key, id, (t) =>
					ok(200, 'Analytics target retrieved', {
						target: publicTarget(t),
						summary: this.targetSummary(t),
					}),
				);
			case 'PATCH /analytics/targets/{id}':
				return this.withTarget(key, id, (t) => this.updateTarget(t, body));
			case 'DELETE /analytics/targets/{id}':
				return this.withTarget(key, id, (t) => {
					this.targets.delete(t.id);
					return ok(200, 'Analytics target deleted', { id: t.id });
				});
			case 'POST /analytics/targets/{id}/refresh':
				return this.withTarget(key, id, (t) => this.startRefresh(key, t));
			case 'GET /analytics/refreshes/{id}':
				return this.readRefresh(key, id);
			case 'GET /analytics/summary':
				return this.withFilters(key, req.query, false, (posts, filters) =>
					ok(200, 'Analytics summary retrieved', summarize(posts, filters.days)),
				);
			case 'GET /analytics/summary/posts':
				return this.withFilters(key, req.query, true, (posts, filters) => {
					const page = posts.slice(filters.offset, filters.offset + filters.limit);
					return ok(200, 'Analytics posts retrieved', {
						posts: page,
						totalCount: posts.length,
						hasMore: filters.offset + page.length < posts.length,
					});
				});
			case 'GET /analytics/workspace-suggestions':
				return ok(200, 'Analytics workspace suggestions retrieved', this.workspaceSuggestions);
			case 'GET /trends/brief':
				return this.trendBrief(req.query);
			default:
				return fail(404, `No route for ${endpoint}`, INFERRED_ERROR_CODES.analyticsNotFound);
		}
	}

	/** Answers for the documented parameters of the fake's knobs, so tests can set up state. */
	workspaceSuggestions: Array<Record<string, unknown>> = [
		{
			workspaceId: '0e0e0e0e-0000-4000-8000-000000009002',
			workspaceName: 'Old brand space',
			totalItems: 4,
			isPersonal: false,
		},
		{ workspaceId: null, workspaceName: 'Personal', totalItems: 1, isPersonal: false },
	];

	/**
	 * The statuses a new refresh goes through after it is queued (as `pending`), one every
	 * `refreshStepMs`: progress follows the clock, not the number of status reads, so a client
	 * that polls faster than its interval learns nothing sooner (and tests can see its cadence).
	 */
	refreshPlan: Refresh['status'][] = ['processing', 'completed'];

	refreshStepMs = 40;

	/** How many posts a target holds after its first completed refresh. */
	postsPerRefresh = 24;

	private readonly refreshes = new Map<string, Refresh>();

	private readonly credits = new Map<string, number>();

	private targetCounter = 0;

	/** Put a target with analytics straight into a key's scope (tests of the read side). */
	seedTarget(
		token: string,
		fields: { platform: string; identifier: string; postCount: number; display_name?: string },
	): string {
		const key = this.keys[token];
		const target = this.newTarget(
			key,
			fields.platform,
			fields.identifier,
			fields.display_name ?? null,
		);
		target.postCount = fields.postCount;
		target.last_refreshed_at = new Date(this.anchor).toISOString();
		return target.id;
	}

	/** Fields of `GET /subscription`'s `subscription` to answer instead (a canceled or paused plan). */
	subscriptionOverride: Record<string, unknown> | undefined;

	/**
	 * A post shows up in a target's analytics (a refresh found it): published at `publishedAt`
	 * (default now), listed by GET /analytics/summary/posts from now on.
	 */
	addAnalyticsPost(
		targetId: string,
		fields: {
			publishedAt?: string;
			caption?: string;
			genviralPostId?: string | null;
			externalId?: string | null;
		} = {},
	): AnalyticsPost {
		const target = this.targets.get(targetId);
		if (!target) throw new Error(`No target ${targetId}`);
		const extra = (target.extraPosts ??= []);
		const id = randomUUID();
		const views = 100 + extra.length * 37;
		const post: AnalyticsPost = {
			id,
			analyticsId: id,
			platformPostId: String(
				7_100_000_000_000_000_000n + BigInt(target.seed * 10_000 + extra.length),
			),
			genviralPostId: fields.genviralPostId ?? null,
			externalId: fields.externalId ?? null,
			publishedAt: fields.publishedAt ?? new Date().toISOString(),
			caption: fields.caption ?? `New post ${extra.length + 1} of ${target.normalized_identifier}`,
			permalink: `https://example.org/${target.platform}/${target.normalized_identifier}/new-${extra.length + 1}`,
			thumbnailUrl: null,
			durationSeconds: 15,
			metrics: { views, likes: 10, comments: 1, shares: 1, saves: 0 },
			engagementRate: Math.round((12 / views) * 10_000) / 100,
			platform: target.platform,
			accountIdentifier: target.identifier,
			accountDisplayName: target.display_name,
			accountAvatarUrl: null,
		};
		extra.push(post);
		return post;
	}

	/** A refresh of the target completed (its `last_refreshed_at` moves to `at`, default now). */
	markRefreshed(targetId: string, at = new Date().toISOString()): void {
		const target = this.targets.get(targetId);
		if (!target) throw new Error(`No target ${targetId}`);
		target.last_refreshed_at = at;
	}

	setCredits(token: string, credits: number): void {
		this.credits.set(scopeKeyOf(this.keys[token]), credits);
	}

	private creditsOf(key: KeyProfile): number {
		return this.creditsLeft(scopeKeyOf(key));
	}

	/** "Now" for generated posts: fixed at construction so pages of one query agree. */
	private readonly anchor = Date.UTC(
		new Date().getUTCFullYear(),
		new Date().getUTCMonth(),
		new Date().getUTCDate(),
		12,
	);

	private targetsOf(key: KeyProfile): Target[] {
		return [...this.targets.values()].filter((t) => t.scopeKey === scopeKeyOf(key));
	}

	private withTarget(
		key: KeyProfile,
		id: string | undefined,
		then: (target: Target) => Reply,
	): Reply {
		if (id === undefined) return fail(400, 'Target id is required', 'missing_target_id');
		const target = this.targets.get(id.toLowerCase());
		// Another scope's target is answered exactly like a missing one (reference 1.3).
		if (!target || target.scopeKey !== scopeKeyOf(key)) {
			return fail(404, 'Analytics target not found', INFERRED_ERROR_CODES.analyticsNotFound);
		}
		return then(target);
	}

	private newTarget(
		key: KeyProfile,
		platform: string,
		identifier: string,
		displayName: string | null,
	): Target {
		const target: Target = {
			id: randomUUID(),
			user_id: key.userId,
			workspace_id: key.workspaceId,
			platform,
			identifier,
			normalized_identifier: normalizeIdentifier(identifier),
			display_name: displayName,
			last_refreshed_at: null,
			created_at: new Date().toISOString(),
			metadata: {},
			scopeKey: scopeKeyOf(key),
			postCount: 0,
			seed: ++this.targetCounter,
			freeRefreshUsedOn: null,
		};
		this.targets.set(target.id, target);
		return target;
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
		const normalized = normalizeIdentifier(identifier);
		const existing = this.targetsOf(key).find(
			(t) => t.platform === platform && t.normalized_identifier === normalized,
		);
		if (existing) {
			return ok(200, 'Analytics target created', {
				target: publicTarget(existing),
				created: false,
			});
		}
		const target = this.newTarget(
			key,
			platform,
			identifier,
			typeof alias === 'string' && alias !== '' ? alias : null,
		);
		return ok(201, 'Analytics target created', { target: publicTarget(target), created: true });
	}

	private updateTarget(target: Target, body: unknown): Reply {
		if (typeof body === 'symbol') return fail(400, 'Invalid JSON body', 'invalid_json');
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return fail(400, 'Body must be a JSON object', 'invalid_payload');
		}
		const patch = body as Record<string, unknown>;
		const known = ['displayName', 'favorite', 'refreshPolicy'].filter((k) => k in patch);
		if (known.length === 0)
			return fail(400, 'No valid updates', INFERRED_ERROR_CODES.analyticsBadRequest);
		if ('displayName' in patch) {
			if (patch.displayName !== null && typeof patch.displayName !== 'string') {
				return fail(
					400,
					'displayName must be a string or null',
					INFERRED_ERROR_CODES.analyticsBadRequest,
				);
			}
			target.display_name = patch.displayName as string | null;
		}
		if ('favorite' in patch) {
			if (typeof patch.favorite !== 'boolean')
				return fail(400, 'favorite must be a boolean', INFERRED_ERROR_CODES.analyticsBadRequest);
			target.metadata.favorite = patch.favorite;
		}
		if ('refreshPolicy' in patch) {
			const policy = patch.refreshPolicy;
			if (policy === null) delete target.metadata.refreshPolicy;
			else if (typeof policy === 'object' && !Array.isArray(policy)) {
				target.metadata.refreshPolicy = { ...(target.metadata.refreshPolicy as object), ...policy };
			} else
				return fail(
					400,
					'refreshPolicy must be an object or null',
					INFERRED_ERROR_CODES.analyticsBadRequest,
				);
		}
		return ok(200, 'Analytics target updated', {
			id: target.id,
			platform: target.platform,
			identifier: target.identifier,
			display_name: target.display_name,
			metadata: target.metadata,
		});
	}

	private startRefresh(key: KeyProfile, target: Target): Reply {
		const running = [...this.refreshes.values()].find(
			(r) => r.target_id === target.id && (r.status === 'pending' || r.status === 'processing'),
		);
		if (running)
			return fail(409, 'A refresh is already running for this target', 'analytics_conflict');
		const free = target.freeRefreshUsedOn !== today();
		const cost = free ? 0 : 5;
		if (cost > this.creditsOf(key)) {
			return fail(402, 'Not enough credits for a paid refresh', INFERRED_ERROR_CODES.paidRefresh);
		}
		this.credits.set(scopeKeyOf(key), this.creditsOf(key) - cost);
		if (free) target.freeRefreshUsedOn = today();
		const refresh: Refresh = {
			id: randomUUID(),
			target_id: target.id,
			workspace_id: key.workspaceId,
			status: 'pending',
			free_refresh_used: free,
			credits_used: cost,
			started_at: new Date().toISOString(),
			completed_at: null,
			error: null,
			scopeKey: scopeKeyOf(key),
			plan: [...this.refreshPlan],
			queuedAt: Date.now(),
			stepMs: this.refreshStepMs,
		};
		this.refreshes.set(refresh.id, refresh);
		return ok(200, 'Analytics refresh queued', { refresh: publicRefresh(refresh), wasFree: free });
	}

	private readRefresh(key: KeyProfile, id: string | undefined): Reply {
		if (id === undefined) return fail(400, 'Refresh id is required', 'missing_refresh_id');
		const refresh = this.refreshes.get(id.toLowerCase());
		if (!refresh || refresh.scopeKey !== scopeKeyOf(key))
			return fail(404, 'Refresh not found', 'refresh_not_found');
		const reached = statusAt(
			['pending', ...refresh.plan] as Refresh['status'][],
			refresh.queuedAt,
			refresh.stepMs,
		);
		const next =
			reached !== refresh.status && refresh.status !== 'completed' && refresh.status !== 'failed'
				? reached
				: undefined;
		if (next !== undefined) {
			refresh.status = next;
			if (next === 'completed' || next === 'failed') {
				refresh.completed_at = new Date().toISOString();
				const target = this.targets.get(refresh.target_id);
				if (next === 'failed')
					refresh.error = 'The profile could not be fetched (private or removed)';
				else if (target) {
					target.last_refreshed_at = refresh.completed_at;
					target.postCount = Math.max(target.postCount, this.postsPerRefresh);
				}
			}
		}
		return ok(200, 'Analytics refresh status retrieved', publicRefresh(refresh));
	}

	/** The shared query validation of both summary endpoints, then the matching posts. */
	private withFilters(
		key: KeyProfile,
		query: Record<string, string>,
		paged: boolean,
		then: (
			posts: AnalyticsPost[],
			filters: { days: number | null; limit: number; offset: number },
		) => Reply,
	): Reply {
		const bad = (message: string) => fail(400, message, INFERRED_ERROR_CODES.analyticsBadRequest);
		const { start, end } = query;
		const range = query.range ?? (start || end ? undefined : '30d');
		let from = -Infinity;
		let to = Infinity;
		let days: number | null = null;
		if (start !== undefined || end !== undefined) {
			if (!start || !end || !DATE.test(start) || !DATE.test(end) || start > end)
				return bad('Invalid start/end');
			from = Date.parse(`${start}T00:00:00.000Z`);
			to = Date.parse(`${end}T23:59:59.999Z`);
			days = Math.round((to - from) / DAY_MS);
		} else if (range !== undefined) {
			const rangeDays: Record<string, number | null> = {
				'14d': 14,
				'30d': 30,
				'90d': 90,
				'1y': 365,
				all: null,
			};
			if (!(range in rangeDays)) return bad(`Invalid range: ${range}`);
			days = rangeDays[range];
			if (days !== null) from = this.anchor - days * DAY_MS;
		}
		const platforms = (query.platforms ?? query.platform)?.split(',');
		if (platforms?.some((p) => !PLATFORMS.includes(p))) return bad('Invalid platforms');
		const accounts = (query.accounts ?? query.account_ids)?.split(',');
		if (accounts?.some((a) => !UUID_SEGMENT.test(a))) return bad('Invalid accounts');

		let limit = 50;
		let offset = 0;
		const sortBy = query.sortBy ?? query.sort_by ?? 'published_at';
		const sortOrder = query.sortOrder ?? query.sort_order ?? 'desc';
		if (paged) {
			limit = query.limit === undefined ? 50 : Number(query.limit);
			offset = query.offset === undefined ? 0 : Number(query.offset);
			if (!Number.isInteger(limit) || limit < 1 || limit > 100) return bad('limit must be 1-100');
			if (!Number.isInteger(offset) || offset < 0 || offset > OFFSET_CAP)
				return bad(`offset must be 0-${OFFSET_CAP}`);
			if (!['published_at', 'views', 'likes', 'comments', 'shares'].includes(sortBy))
				return bad('Invalid sortBy');
			if (!['asc', 'desc'].includes(sortOrder)) return bad('Invalid sortOrder');
		}

		const posts = this.targetsOf(key)
			.filter((t) => !platforms || platforms.includes(t.platform))
			.filter((t) => !accounts || accounts.includes(t.id))
			.flatMap((t) => generatePosts(t, this.anchor))
			.filter((p) => {
				const at = Date.parse(p.publishedAt);
				return at >= from && at <= to;
			});
		const value = (p: AnalyticsPost): number | string =>
			sortBy === 'published_at'
				? p.publishedAt
				: p.metrics[sortBy as keyof AnalyticsPost['metrics']];
		posts.sort((a, b) => {
			const order = value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : a.id < b.id ? -1 : 1;
			return sortOrder === 'asc' ? order : -order;
		});
		return then(posts, { days, limit, offset });
	}

	private targetSummary(target: Target): Record<string, unknown> {
		const posts = generatePosts(target, this.anchor);
		const totals = summarize(posts, null).kpis;
		return {
			profile: {
				handle: target.normalized_identifier,
				platform: target.platform,
				display_name: target.display_name,
			},
			totals,
			timeline: posts
				.slice(0, 7)
				.map((p) => ({ date: p.publishedAt.slice(0, 10), views: p.metrics.views })),
			topPosts: [...posts].sort((a, b) => b.metrics.views - a.metrics.views).slice(0, 3),
			refresh: {
				last_refreshed_at: target.last_refreshed_at,
				free_refresh_available: target.freeRefreshUsedOn !== today(),
			},
		};
	}

	private trendBrief(query: Record<string, string>): Reply {
		const bad = (message: string) => fail(400, message, INFERRED_ERROR_CODES.analyticsBadRequest);
		const keyword = query.keyword?.trim();
		if (!keyword) return bad('keyword is required');
		const range = query.range ?? '7d';
		if (!['24h', '7d', '30d'].includes(range)) return bad('Invalid range');
		if ((query.platform ?? 'tiktok') !== 'tiktok') return bad('Only tiktok is supported');
		const limit = query.limit === undefined ? 10 : Number(query.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > 30) return bad('limit must be 1-30');
		const tag = `#${keyword.replace(/\s+/g, '').toLowerCase()}`;
		return ok(200, 'Trend brief retrieved', {
			platform: 'tiktok',
			keyword,
			range,
			generated_at: new Date(this.anchor).toISOString(),
			summary: {
				analyzed_video_count: 120,
				top_hashtags: [{ hashtag: tag, videos_count: 40, avg_views: 52000 }],
				top_sounds: [
					{
						sound_id: 's1',
						sound_name: 'original sound',
						usage_count: 12,
						avg_views: 61000,
						sample_url: null,
					},
				],
				top_creators: [
					{
						handle: '@creator',
						videos_count: 5,
						total_views: 400000,
						avg_views: 80000,
						top_video_url: null,
					},
				],
				posting_windows_utc: [
					{ day_of_week_utc: 2, hour_utc: 18, videos_count: 9, avg_views: 70000 },
				],
			},
			recommendations: {
				hook_angles: [`Why ${keyword} fails`],
				hashtags: [tag],
				sounds: [{ sound_id: 's1', sound_name: 'original sound' }],
			},
			evidence: {
				sample_videos: Array.from({ length: limit }, (_v, i) => ({
					video_id: `v${i}`,
					url: `https://www.tiktok.com/@creator/video/${7000000000000000000 + i}`,
					views: 10000 + i,
					likes: 100 + i,
					comments: 10,
					shares: 5,
					caption: `${keyword} ${i}`,
					hashtags: [tag],
					sound_id: 's1',
					sound_name: 'original sound',
					author_handle: '@creator',
					published_at: new Date(this.anchor - i * 3_600_000).toISOString(),
				})),
			},
		});
	}
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const OFFSET_CAP = 10_000;

/** Resolves `ms` after `since` (hrtime), to the microsecond: see `exactLatency`. */
async function waitExactly(ms: number, since: bigint): Promise<void> {
	const due = since + BigInt(Math.round(ms * 1e6));
	// The timer may fire up to a millisecond early or late: it sleeps all but the last 2 ms.
	if (ms > 2) await new Promise((resolve) => setTimeout(resolve, ms - 2));
	while (process.hrtime.bigint() < due) await new Promise((resolve) => setImmediate(resolve));
}

function today(): string {
	return new Date().toISOString().slice(0, 10);
}

export interface AnalyticsPost {
	id: string;
	analyticsId: string;
	platformPostId: string;
	genviralPostId: string | null;
	externalId: string | null;
	publishedAt: string;
	caption: string;
	permalink: string;
	thumbnailUrl: string | null;
	durationSeconds: number;
	metrics: { views: number; likes: number; comments: number; shares: number; saves: number };
	engagementRate: number;
	platform: string;
	accountIdentifier: string;
	accountDisplayName: string | null;
	accountAvatarUrl: string | null;
}

/** A target's posts, the same on every call: one every 7 hours back from the anchor. */
export function generatePosts(target: Target, anchor: number): AnalyticsPost[] {
	const posts: AnalyticsPost[] = [];
	for (let i = 0; i < target.postCount; i++) {
		const n = target.seed * 100_003 + i;
		const views = 500 + ((n * 7919) % 90_000);
		const likes = Math.floor(views * (0.02 + ((n * 31) % 50) / 1000));
		const comments = Math.floor(likes / 12);
		const shares = Math.floor(likes / 20);
		const saves = Math.floor(likes / 15);
		const id = `${target.id.slice(0, 24)}${(i + 1).toString(16).padStart(12, '0')}`;
		posts.push({
			id,
			analyticsId: id,
			platformPostId: String(7_000_000_000_000_000_000n + BigInt(n)),
			genviralPostId:
				i % 3 === 0 ? `0d0d0d0d-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}` : null,
			externalId: i % 3 === 0 ? `run-${target.seed}-${i}` : null,
			publishedAt: new Date(anchor - i * 7 * 3_600_000).toISOString(),
			caption: `Post ${i} of ${target.normalized_identifier}`,
			permalink: `https://example.org/${target.platform}/${target.normalized_identifier}/${i}`,
			thumbnailUrl: null,
			durationSeconds: 10 + (n % 50),
			metrics: { views, likes, comments, shares, saves },
			engagementRate: Math.round(((likes + comments + shares + saves) / views) * 10_000) / 100,
			platform: target.platform,
			accountIdentifier: target.identifier,
			accountDisplayName: target.display_name,
			accountAvatarUrl: null,
		});
	}
	posts.push(...(target.extraPosts ?? []));
	return posts;
}

/** The fake's guess at the summary's inner shapes (undocumented: reference section 14). */
function summarize(posts: AnalyticsPost[], days: number | null): Record<string, unknown> {
	const sum = (k: keyof AnalyticsPost['metrics']) => posts.reduce((a, p) => a + p.metrics[k], 0);
	const views = sum('views');
	const interactions = sum('likes') + sum('comments') + sum('shares') + sum('saves');
	const byDay = new Map<string, AnalyticsPost[]>();
	for (const p of posts)
		byDay.set(p.publishedAt.slice(0, 10), [...(byDay.get(p.publishedAt.slice(0, 10)) ?? []), p]);
	const kpi = (value: number) => ({ value, delta: days === null ? null : 0 });
	return {
		kpis: {
			publishedVideos: kpi(posts.length),
			activeAccounts: kpi(new Set(posts.map((p) => p.accountIdentifier)).size),
			views: kpi(views),
			likes: kpi(sum('likes')),
			comments: kpi(sum('comments')),
			shares: kpi(sum('shares')),
			saves: kpi(sum('saves')),
			engagementRate: kpi(views === 0 ? 0 : Math.round((interactions / views) * 10_000) / 100),
		},
		interactionSeries: [...byDay].map(([date, ps]) => ({
			date,
			likes: ps.reduce((a, p) => a + p.metrics.likes, 0),
			comments: ps.reduce((a, p) => a + p.metrics.comments, 0),
		})),
		engagementSeries: [...byDay].map(([date, ps]) => ({
			date,
			engagementRate:
				Math.round((ps.reduce((a, p) => a + p.engagementRate, 0) / ps.length) * 100) / 100,
		})),
		postingHeatmap: [...byDay].map(([date, ps]) => ({ date, posts: ps.length })),
		postingStreak: { days: byDay.size },
		contentMix: [...new Set(posts.map((p) => p.platform))].map((platform) => ({
			platform,
			posts: posts.filter((p) => p.platform === platform).length,
		})),
	};
}

function publicRefresh(r: Refresh): Record<string, unknown> {
	return {
		id: r.id,
		target_id: r.target_id,
		workspace_id: r.workspace_id,
		status: r.status,
		free_refresh_used: r.free_refresh_used,
		credits_used: r.credits_used,
		started_at: r.started_at,
		completed_at: r.completed_at,
		error: r.error,
	};
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
