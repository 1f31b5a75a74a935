/**
 * The fake's posts routes (../shared/genviral-api/ section 7, resource "Posts"): create with
 * idempotent replays, list by time window, get, update, retry, bulk delete. Publishing moves
 * by the clock (`statusAt`): each account delivery goes pending → posted | failed one step
 * after it starts (a scheduled post starts at its time), and the post's status follows its
 * deliveries (all posted → posted, all failed → failed, mixed → partial).
 */
import { createHash, randomUUID } from 'node:crypto';

import type { FakeModule, RouteContext } from '../module';
import { INVALID_JSON, isUuid, statusAt } from '../module';
import type { FakeGenviral, Reply } from '../server';
import type { FakeAccount } from './accounts';
import { INFERRED_CAPABILITIES } from './accounts';
import { fail, ok } from '../server';

/**
 * Where the reference documents a rule but no status/error_code for it, the fake's guesses
 * live here, and only here.
 */
export const POSTS_INFERRED = {
	/** A schedule in the past, or less than 2 minutes ahead (newest docs name no code). */
	badSchedule: { status: 422, code: 'invalid_payload' },
	/** PATCH of a posted / partial / canceled post (the page names no code). */
	notEditable: { status: 422, code: 'invalid_payload' },
	/** GET /posts with a status outside the documented list (only since/until errors are documented). */
	badStatusFilter: { status: 400, code: 'invalid_status' },
	/** GET /posts `limit` default (not visible in the docs; the skill sends 50). */
	defaultListLimit: 50,
	/** Media hosts the fake cannot fetch: the reserved `.invalid` TLD (RFC 2606). */
	unreachableHost: /\.invalid$/i,
} as const;

export const POST_STATUSES = [
	'draft',
	'pending',
	'scheduled',
	'posted',
	'failed',
	'partial',
	'retry',
] as const;
const EDITABLE = ['draft', 'pending', 'scheduled', 'retry', 'failed'];
const PROVIDERS = ['x', 'instagram', 'facebook', 'linkedin', 'bluesky', 'youtube'];
const TIKTOK_POST_MODES = ['DIRECT_POST', 'MEDIA_UPLOAD'];
const TIKTOK_PRIVACY = [
	'PUBLIC_TO_EVERYONE',
	'MUTUAL_FOLLOW_FRIENDS',
	'FOLLOWER_OF_CREATOR',
	'SELF_ONLY',
];
const TIKTOK_BOOLEANS = [
	'disable_comment',
	'disable_duet',
	'disable_stitch',
	'auto_add_music',
	'is_commercial',
	'is_branded_content',
	'is_your_brand',
	'user_consent',
];
/** Caption limits per target (newest docs, reference 7 "Caption limits"). */
const BYO_CAPTION_LIMITS: Record<string, number> = {
	facebook: 63_206,
	instagram: 2_200,
	linkedin: 3_000,
	pinterest: 800,
};
const HOSTED_CAPTION_LIMIT = 500;
const IMMEDIATE_WINDOW_MS = 30_000;
const MIN_LEAD_MS = 120_000;
const OFFSET_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const TIKTOK_VIDEO_URL = /^https:\/\/(www\.|vm\.|m\.)?tiktok\.com\/.+/;

export type Outcome = 'posted' | 'failed' | 'partial';
type DeliveryResult = 'posted' | 'failed';

/** An account as the posts rules read it (a row of the accounts fake). */
type PostingAccount = FakeAccount;

interface Delivery {
	account_id: string;
	/** When this delivery starts publishing (ms). */
	startsAt: number;
	result: DeliveryResult;
	/** Set while the delivery is a re-queued retry. */
	retried: boolean;
	/** A fixed status (seeded, or a provider value such as `deleted`), overriding the clock. */
	fixed?: string;
	error_message_override?: string;
}

export interface StoredPost {
	id: string;
	scope: string;
	caption: string;
	media: Record<string, unknown> | null;
	scheduled_at: string | null;
	created_at: string;
	music_url: string | null;
	tiktok: Record<string, unknown> | null;
	pinterest: Record<string, unknown> | null;
	settings: Record<string, Record<string, unknown>>;
	external_id: string | null;
	fingerprint: string;
	warnings: Array<{ field: string; message: string; code: string }>;
	deliveries: Delivery[];
	/** A fixed post status (draft, canceled, or anything seeded), overriding the deliveries. */
	fixedStatus?: string;
	/** Per-post step duration (ms); the module's `stepMs` when unset. */
	stepMs?: number;
}

export class PostsFake implements FakeModule {
	constructor(readonly fake: FakeGenviral) {}

	private readonly posts = new Map<string, StoredPost>();

	/** How new posts end (per test): every delivery posted, every one failed, or mixed. */
	outcome: Outcome = 'posted';

	/** Accounts whose deliveries fail whatever `outcome` says. */
	readonly failingAccounts = new Set<string>();

	/** How retried deliveries end. */
	retryOutcome: DeliveryResult = 'posted';

	/** How long a delivery stays pending before its result (ms). */
	stepMs = 1000;

	/**
	 * Compress schedules in tests: when set, a scheduled post starts publishing this many ms
	 * after it was created or rescheduled instead of at its `scheduled_at`.
	 */
	scheduledStartsAfterMs: number | undefined;

	/** How many of the next creates store the post and then drop the connection without answering. */
	dropConnectionAfterStore = 0;

	/** Ids whose deletion fails inside a 200 (`errors: {id: message}`). */
	readonly deleteFailsFor = new Set<string>();

	routes: FakeModule['routes'] = {
		'POST /posts': (ctx) => this.create(ctx),
		'GET /posts': (ctx) => this.list(ctx),
		'GET /posts/{id}': (ctx) => this.get(ctx),
		'PATCH /posts/{id}': (ctx) => this.update(ctx),
		'POST /posts/retry': (ctx) => this.retry(ctx),
		'POST /posts/delete': (ctx) => this.bulkDelete(ctx),
	};

	reset(): void {
		this.posts.clear();
		this.outcome = 'posted';
		this.failingAccounts.clear();
		this.retryOutcome = 'posted';
		this.stepMs = 1000;
		this.scheduledStartsAfterMs = undefined;
		this.dropConnectionAfterStore = 0;
		this.deleteFailsFor.clear();
	}

	/** The post with this id in this scope, as GET /posts/{id} shows it. */
	find(scope: string, id: string): Record<string, unknown> | undefined {
		const post = this.posts.get(id.toLowerCase());
		return post && post.scope === scope ? this.view(post) : undefined;
	}

	/** Every stored post of a scope (tests count them: "exactly one post exists"). */
	all(scope: string): StoredPost[] {
		return [...this.posts.values()].filter((p) => p.scope === scope);
	}

	/** Put a post straight into a scope in any state (list, update, retry and delete tests). */
	seedPost(
		scope: string,
		fields: {
			status?: string;
			caption?: string;
			created_at?: string;
			scheduled_at?: string | null;
			external_id?: string;
			media?: Record<string, unknown> | null;
			/** Per account: its delivery status (`posted`, `failed`, `pending`, `deleted`...). */
			accounts?: Array<{ id: string; status: string; error_message?: string }>;
		} = {},
	): StoredPost {
		const createdAt = fields.created_at ?? new Date().toISOString();
		const post: StoredPost = {
			id: randomUUID(),
			scope,
			caption: fields.caption ?? 'Seeded post',
			media:
				fields.media === undefined
					? { type: 'video', url: 'https://cdn.example.org/seed.mp4' }
					: fields.media,
			scheduled_at: fields.scheduled_at ?? null,
			created_at: createdAt,
			music_url: null,
			tiktok: null,
			pinterest: null,
			settings: {},
			external_id: fields.external_id ?? null,
			fingerprint: randomUUID(),
			warnings: [],
			deliveries: (
				fields.accounts ?? [{ id: randomUUID(), status: fields.status ?? 'posted' }]
			).map((a) => ({
				account_id: a.id,
				startsAt: Date.parse(createdAt),
				result: a.status === 'failed' ? 'failed' : 'posted',
				retried: false,
				fixed: a.status,
				error_message_override: a.error_message,
			})),
		};
		if (fields.status !== undefined) post.fixedStatus = fields.status;
		this.posts.set(post.id, post);
		return post;
	}

	/** Decide how one post ends (overrides `outcome` for it), restarting nothing. */
	setOutcome(postId: string, outcome: Outcome): void {
		const post = this.posts.get(postId);
		if (!post) throw new Error(`No post ${postId}`);
		post.deliveries.forEach(
			(d, i) => (d.result = resultFor(outcome, i, this.failingAccounts.has(d.account_id))),
		);
	}

	/** Per-post step duration. */
	setStepMs(postId: string, stepMs: number): void {
		const post = this.posts.get(postId);
		if (!post) throw new Error(`No post ${postId}`);
		post.stepMs = stepMs;
	}

	// ----- routes ---------------------------------------------------------------------------

	private async create(ctx: RouteContext): Promise<Reply> {
		const body = objectBody(ctx.body);
		if ('reply' in body) return body.reply;
		const input = body.value;

		const checked = this.checkFields(input, { creating: true });
		if (typeof checked === 'object' && 'status' in checked) return checked;

		const caption = input.caption as string;
		const accountIds = (input.accounts as Array<{ id: string }>).map((a) => a.id.toLowerCase());
		const media = (input.media ?? null) as Record<string, unknown> | null;
		const externalId = (input.external_id as string | undefined) ?? null;

		// Idempotency (newest docs): same key + same body replays; same key + other body conflicts.
		const fingerprint = fingerprintOf(input);
		const earlier = [...this.posts.values()].find(
			(p) =>
				p.scope === ctx.scope &&
				(externalId !== null ? p.external_id === externalId : p.fingerprint === fingerprint),
		);
		if (earlier) {
			if (earlier.fingerprint !== fingerprint) {
				return fail(
					409,
					`external_id "${externalId}" was already used for a different post`,
					'create_failed',
				);
			}
			return ok(200, 'Post already exists', { ...this.summaryOf(earlier), duplicate: true });
		}

		// After the replay check: a replay of a schedule that has since passed still replays.
		const schedule = readSchedule(input.scheduled_at);
		if ('reply' in schedule) return schedule.reply;
		const accounts = this.resolveAccounts(ctx.scope, accountIds);
		if ('reply' in accounts) return accounts.reply;
		const rules = await this.checkRules(
			{
				caption,
				media,
				music_url: (input.music_url as string | undefined) ?? null,
				tiktok: (input.tiktok as Record<string, unknown> | undefined) ?? null,
				pinterest: (input.pinterest as Record<string, unknown> | undefined) ?? null,
			},
			accounts.value,
		);
		if (rules) return rules;

		const now = Date.now();
		const post: StoredPost = {
			id: randomUUID(),
			scope: ctx.scope,
			caption,
			media,
			scheduled_at: schedule.value,
			created_at: new Date(now).toISOString(),
			music_url: (input.music_url as string | undefined) ?? null,
			tiktok: (input.tiktok as Record<string, unknown> | undefined) ?? null,
			pinterest: (input.pinterest as Record<string, unknown> | undefined) ?? null,
			settings: (input.settings as StoredPost['settings'] | undefined) ?? {},
			external_id: externalId,
			fingerprint,
			warnings: this.warningsFor(ctx.scope, media),
			deliveries: [],
		};
		post.deliveries = this.freshDeliveries(accountIds, this.startOf(post, now));
		this.posts.set(post.id, post);

		if (this.dropConnectionAfterStore > 0) {
			this.dropConnectionAfterStore--;
			return { status: 0, body: null };
		}
		return ok(201, 'Post scheduled', this.summaryOf(post));
	}

	private list(ctx: RouteContext): Reply {
		const query = ctx.req.query;
		const status = query.status;
		if (
			status !== undefined &&
			status !== '' &&
			!(POST_STATUSES as readonly string[]).includes(status)
		) {
			const { status: code, code: errorCode } = POSTS_INFERRED.badStatusFilter;
			return fail(code, `Invalid status: ${status}`, errorCode);
		}
		const since = query.since === undefined ? -Infinity : parseOffsetIso(query.since);
		if (since === undefined)
			return fail(
				400,
				'since must be an ISO 8601 timestamp with a timezone offset',
				'invalid_since',
			);
		const until = query.until === undefined ? Infinity : parseOffsetIso(query.until);
		if (until === undefined)
			return fail(
				400,
				'until must be an ISO 8601 timestamp with a timezone offset',
				'invalid_until',
			);
		// Out-of-range limits are clamped, not rejected (reference 7.2).
		const asked =
			query.limit === undefined ? POSTS_INFERRED.defaultListLimit : Math.trunc(Number(query.limit));
		const limit = Number.isFinite(asked)
			? Math.min(100, Math.max(1, asked))
			: POSTS_INFERRED.defaultListLimit;

		const inScope = this.all(ctx.scope).map((p) => this.view(p));
		const rows = inScope
			.filter((p) => status === undefined || status === '' || p.status === status)
			.filter((p) => {
				const at = Date.parse(p.created_at as string);
				return at >= since && at <= until;
			})
			.sort((a, b) => {
				const byTime = Date.parse(b.created_at as string) - Date.parse(a.created_at as string);
				return byTime !== 0 ? byTime : (b.id as string).localeCompare(a.id as string);
			})
			.slice(0, limit);

		const byStatus: Record<string, number> = Object.fromEntries(
			[...POST_STATUSES, 'canceled'].map((s) => [s, 0]),
		);
		for (const p of inScope) byStatus[p.status as string] = (byStatus[p.status as string] ?? 0) + 1;
		return ok(200, 'Posts retrieved', {
			summary: {
				total: inScope.length,
				pending: byStatus.pending + byStatus.scheduled + byStatus.retry,
				published: byStatus.posted,
				by_status: byStatus,
			},
			posts: rows,
		});
	}

	private get(ctx: RouteContext): Reply {
		const found = this.find(ctx.scope, ctx.params.id);
		if (!found) return fail(404, 'Post not found', 'not_found');
		return ok(200, 'Post retrieved', found);
	}

	private async update(ctx: RouteContext): Promise<Reply> {
		const body = objectBody(ctx.body);
		if ('reply' in body) return body.reply;
		const input = body.value;
		const post = this.posts.get(ctx.params.id.toLowerCase());
		if (!post || post.scope !== ctx.scope) return fail(404, 'Post not found', 'not_found');
		if (Object.keys(input).length === 0)
			return fail(422, 'Provide at least one field to update', 'invalid_payload');

		const checked = this.checkFields(input, { creating: false });
		if (typeof checked === 'object' && 'status' in checked) return checked;
		if ('external_id' in input && input.external_id !== post.external_id) {
			return fail(409, 'external_id cannot be changed', 'external_id_immutable');
		}
		const status = this.statusOf(post);
		if (!EDITABLE.includes(status)) {
			const { status: code, code: errorCode } = POSTS_INFERRED.notEditable;
			return fail(
				code,
				`This post is ${status}; only draft, pending, scheduled, retry or failed posts can be edited`,
				errorCode,
			);
		}
		let schedule: { value: string | null } | undefined;
		if ('scheduled_at' in input) {
			const read = readSchedule(input.scheduled_at);
			if ('reply' in read) return read.reply;
			schedule = read;
		}

		const next = {
			caption: 'caption' in input ? (input.caption as string) : post.caption,
			media:
				'media' in input ? ((input.media ?? null) as Record<string, unknown> | null) : post.media,
			music_url:
				'music_url' in input ? ((input.music_url ?? null) as string | null) : post.music_url,
			tiktok:
				'tiktok' in input
					? ((input.tiktok ?? null) as Record<string, unknown> | null)
					: post.tiktok,
			pinterest:
				'pinterest' in input
					? ((input.pinterest ?? null) as Record<string, unknown> | null)
					: post.pinterest,
		};
		const accountIds =
			'accounts' in input
				? (input.accounts as Array<{ id: string }>).map((a) => a.id.toLowerCase())
				: post.deliveries.map((d) => d.account_id);
		const accounts = this.resolveAccounts(ctx.scope, accountIds);
		if ('reply' in accounts) return accounts.reply;
		const rules = await this.checkRules(next, accounts.value);
		if (rules) return rules;

		Object.assign(post, next);
		if ('settings' in input) {
			// Provider settings merge into the stored ones (reference 7.4).
			for (const [provider, values] of Object.entries(input.settings as StoredPost['settings'])) {
				post.settings[provider] = { ...post.settings[provider], ...values };
			}
		}
		if ('media' in input) post.warnings = this.warningsFor(post.scope, post.media);
		const now = Date.now();
		if (schedule) {
			post.scheduled_at = schedule.value;
			delete post.fixedStatus;
		}
		if (schedule || 'accounts' in input) {
			post.deliveries = this.freshDeliveries(accountIds, this.startOf(post, now));
		}
		return ok(200, 'Post updated', {
			id: post.id,
			status: this.statusOf(post),
			scheduled_at: post.scheduled_at,
			warnings: post.warnings,
		});
	}

	private retry(ctx: RouteContext): Reply {
		const body = objectBody(ctx.body);
		if ('reply' in body) return body.reply;
		const { post_ids: postIds, account_ids: accountIds } = body.value;
		if (!isIdList(postIds, 1, 20))
			return fail(422, 'post_ids must be a list of 1-20 post ids', 'invalid_payload');
		if (accountIds !== undefined && !isIdList(accountIds, 1, 10)) {
			return fail(422, 'account_ids must be a list of 1-10 account ids', 'invalid_payload');
		}
		const onlyAccounts = (accountIds as string[] | undefined)?.map((a) => a.toLowerCase());
		const ids: string[] = [];
		const failed: string[] = [];
		const errors: Record<string, string> = {};
		const now = Date.now();
		for (const id of postIds as string[]) {
			const post = this.posts.get(id.toLowerCase());
			if (!post || post.scope !== ctx.scope) {
				failed.push(id);
				errors[id] = 'Post not found';
				continue;
			}
			const status = this.statusOf(post);
			if (status !== 'failed' && status !== 'partial') {
				failed.push(id);
				errors[id] = `Post status is ${status}; only failed or partial posts can be retried`;
				continue;
			}
			const targets = post.deliveries.filter(
				(d) =>
					this.deliveryStatus(post, d, now) === 'failed' &&
					(!onlyAccounts || onlyAccounts.includes(d.account_id)),
			);
			if (targets.length === 0) {
				failed.push(id);
				errors[id] = 'None of the given accounts failed on this post';
				continue;
			}
			for (const delivery of targets) {
				delete delivery.fixed;
				delete delivery.error_message_override;
				delivery.startsAt = now;
				delivery.result = this.retryOutcome;
				delivery.retried = true;
			}
			delete post.fixedStatus;
			ids.push(post.id);
		}
		return ok(200, 'Posts queued for retry', {
			retried: ids.length,
			ids,
			failed,
			...(failed.length > 0 ? { errors } : {}),
		});
	}

	private bulkDelete(ctx: RouteContext): Reply {
		const body = objectBody(ctx.body);
		if ('reply' in body) return body.reply;
		const raw = body.value.postIds ?? body.value.post_ids;
		if (
			!Array.isArray(raw) ||
			raw.length === 0 ||
			raw.some((id) => typeof id !== 'string' || id === '')
		) {
			return fail(422, 'postIds must be a non-empty list of post ids', 'invalid_payload');
		}
		const unique = [...new Set(raw as string[])];
		if (unique.length > 50) return fail(400, 'At most 50 post ids per call', 'too_many_post_ids');
		const deletedIds: string[] = [];
		const blockedStatuses: Array<{ id: string; status: string }> = [];
		const skipped: string[] = [];
		const errors: Record<string, string> = {};
		for (const id of unique) {
			const post = isUuid(id) ? this.posts.get(id.toLowerCase()) : undefined;
			if (!post || post.scope !== ctx.scope) {
				skipped.push(id);
				continue;
			}
			const status = this.statusOf(post);
			if (!EDITABLE.includes(status)) {
				blockedStatuses.push({ id, status });
				continue;
			}
			if (this.deleteFailsFor.has(post.id)) {
				errors[id] = 'Database error while deleting the post';
				continue;
			}
			this.posts.delete(post.id);
			deletedIds.push(id);
		}
		return ok(200, 'Posts deleted', {
			deletedIds,
			blockedStatuses,
			skipped,
			...(Object.keys(errors).length > 0 ? { errors } : {}),
		});
	}

	// ----- rules ----------------------------------------------------------------------------

	/** Schema checks of the fields present (422 invalid_payload), shared by create and update. */
	private checkFields(
		input: Record<string, unknown>,
		{ creating }: { creating: boolean },
	): Reply | true {
		const invalid = (message: string) => fail(422, message, 'invalid_payload');
		if (creating || 'caption' in input) {
			if (typeof input.caption !== 'string')
				return invalid('caption is required and must be a string');
		}
		if (creating || 'accounts' in input) {
			const accounts = input.accounts;
			if (
				!Array.isArray(accounts) ||
				accounts.length < (creating ? 1 : 1) ||
				accounts.length > 10
			) {
				return invalid('accounts must list 1-10 accounts');
			}
			if (
				accounts.some(
					(a) =>
						typeof a !== 'object' || a === null || typeof (a as { id?: unknown }).id !== 'string',
				)
			) {
				return invalid('accounts must be objects like {"id": "<account id>"}');
			}
		}
		if ('media' in input && input.media !== null && input.media !== undefined) {
			const media = input.media as Record<string, unknown>;
			if (typeof media !== 'object' || Array.isArray(media))
				return invalid('media must be an object or null');
			if (media.type === 'video') {
				if (typeof media.url !== 'string' || !isHttpUrl(media.url))
					return invalid('media.url must be a URL');
				if (
					media.duration_sec !== undefined &&
					(typeof media.duration_sec !== 'number' || media.duration_sec <= 0)
				) {
					return invalid('media.duration_sec must be a positive number');
				}
			} else if (media.type === 'slideshow') {
				const urls = media.urls;
				if (!Array.isArray(urls) || urls.length < 1 || urls.length > 35) {
					return invalid('media.urls must list 1-35 image URLs');
				}
				if (urls.some((u) => typeof u !== 'string' || !isHttpUrl(u)))
					return invalid('media.urls must be URLs');
			} else {
				return invalid('media.type must be video or slideshow');
			}
		}
		if ('external_id' in input && input.external_id !== undefined) {
			if (
				typeof input.external_id !== 'string' ||
				input.external_id === '' ||
				input.external_id.length > 128
			) {
				return invalid('external_id must be a string of 1-128 characters');
			}
		}
		if (
			'scheduled_at' in input &&
			input.scheduled_at !== null &&
			input.scheduled_at !== undefined
		) {
			if (
				typeof input.scheduled_at !== 'string' ||
				parseOffsetIso(input.scheduled_at) === undefined
			) {
				return invalid('scheduled_at must be an ISO 8601 date-time with a timezone offset');
			}
		}
		if (
			'music_url' in input &&
			input.music_url !== null &&
			input.music_url !== undefined &&
			typeof input.music_url !== 'string'
		) {
			return invalid('music_url must be a string');
		}
		const tiktok = input.tiktok;
		const pinterest = input.pinterest;
		if (tiktok !== undefined && tiktok !== null && pinterest !== undefined && pinterest !== null) {
			return invalid('tiktok and pinterest cannot be sent in the same request');
		}
		if (tiktok !== undefined && tiktok !== null) {
			const problem = tiktokProblem(tiktok);
			if (problem) return invalid(problem);
		}
		if (pinterest !== undefined && pinterest !== null) {
			const problem = pinterestProblem(pinterest);
			if (problem) return invalid(problem);
		}
		if ('settings' in input && input.settings !== undefined) {
			const settings = input.settings;
			if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
				return invalid('settings must be an object keyed by provider');
			}
			for (const [provider, value] of Object.entries(settings)) {
				if (!PROVIDERS.includes(provider)) {
					return invalid(
						`Unknown provider in settings: ${provider} (use ${PROVIDERS.join(', ')}; TikTok and Pinterest have their own objects)`,
					);
				}
				if (typeof value !== 'object' || value === null || Array.isArray(value)) {
					return invalid(`settings.${provider} must be an object`);
				}
				if ('coverUrl' in value)
					return invalid(`settings.${provider}.coverUrl is a dashboard field, not an API field`);
			}
		}
		return true;
	}

	/** The targeted accounts, or 400 unknown_accounts / missing_accounts (older docs). */
	private resolveAccounts(
		scope: string,
		ids: string[],
	): { value: PostingAccount[] } | { reply: Reply } {
		const found = ids.map((id) => this.lookupAccount(scope, id));
		const unknown = ids.filter((_id, i) => found[i] === undefined);
		if (unknown.length > 0) {
			return { reply: fail(400, `Unknown accounts: ${unknown.join(', ')}`, 'unknown_accounts') };
		}
		const accounts = found as PostingAccount[];
		const usable = accounts.filter((a) => a.status === 'active');
		if (usable.length === 0)
			return { reply: fail(400, 'No usable accounts (none is active)', 'missing_accounts') };
		const inactive = accounts.filter((a) => a.status !== 'active');
		if (inactive.length > 0) {
			return {
				reply: fail(
					400,
					`Inactive accounts: ${inactive.map((a) => a.id).join(', ')}`,
					'unknown_accounts',
				),
			};
		}
		return { value: accounts };
	}

	private lookupAccount(scope: string, id: string): PostingAccount | undefined {
		return this.fake.modules.accounts.find(scope, id);
	}

	/** Rules that need the targets (400 validation_failed / invalid_music_url / media_unreachable, 422 platform objects). */
	private async checkRules(
		post: {
			caption: string;
			media: Record<string, unknown> | null;
			music_url: string | null;
			tiktok: Record<string, unknown> | null;
			pinterest: Record<string, unknown> | null;
		},
		accounts: PostingAccount[],
	): Promise<Reply | undefined> {
		const validation = (message: string) => fail(400, message, 'validation_failed');
		if (post.media === null) {
			const unable = accounts.filter(
				(a) =>
					!((a.capabilities.supported_content_kinds as string[] | undefined) ?? []).includes(
						'text_only',
					),
			);
			if (unable.length > 0) {
				return validation(
					`Text-only posts are not supported by: ${unable.map((a) => `${a.platform} ${a.id}`).join(', ')}`,
				);
			}
			if (post.caption.trim() === '')
				return fail(422, 'A text-only post needs a caption', 'invalid_payload');
		}
		for (const account of accounts) {
			const limit = captionLimit(account, post.media);
			const used =
				account.platform === 'youtube' && account.type !== 'hosted'
					? Buffer.byteLength(post.caption, 'utf8')
					: account.platform === 'pinterest'
						? post.caption.length +
							((post.pinterest?.tags as string[] | undefined) ?? []).join(' ').length
						: post.caption.length;
			if (used > limit) {
				return validation(
					`Caption too long for ${account.platform} account ${account.id}: ${used} > ${limit}`,
				);
			}
		}
		if (post.tiktok !== null && accounts.some((a) => a.platform !== 'tiktok' || a.type !== 'byo')) {
			return fail(
				422,
				'tiktok settings are allowed only when every target is a BYO TikTok account',
				'invalid_payload',
			);
		}
		if (post.pinterest !== null && !accounts.some((a) => a.platform === 'pinterest')) {
			return fail(422, 'pinterest settings need at least one Pinterest account', 'invalid_payload');
		}
		if (post.music_url !== null) {
			if (!TIKTOK_VIDEO_URL.test(post.music_url))
				return fail(400, 'music_url must be a TikTok video URL', 'invalid_music_url');
			if (accounts.some((a) => a.platform !== 'tiktok')) {
				return validation('music_url can only be used when every target is a TikTok account');
			}
		}
		if (post.media !== null) {
			const urls =
				post.media.type === 'video' ? [post.media.url as string] : (post.media.urls as string[]);
			for (const url of urls) {
				if (!(await this.reachable(url)))
					return fail(400, `Media could not be fetched: ${url}`, 'media_unreachable');
			}
		}
		return undefined;
	}

	/** Media on the fake storage origin must exist there; `.invalid` hosts never resolve. */
	private async reachable(url: string): Promise<boolean> {
		const parsed = new URL(url);
		if (POSTS_INFERRED.unreachableHost.test(parsed.hostname)) return false;
		if (parsed.origin === this.fake.storage.origin) {
			return parsed.pathname.startsWith('/media/') && this.fake.storage.object(url) !== undefined;
		}
		return true;
	}

	/** VIDEO_DURATION_MISSING unless the body or the uploaded file (POST /files with a duration) gives it. */
	private warningsFor(
		scope: string,
		media: Record<string, unknown> | null,
	): StoredPost['warnings'] {
		if (media?.type !== 'video' || media.duration_sec !== undefined) return [];
		if (
			typeof this.fake.modules.files.findByUrl(scope, media.url as string)?.durationSeconds ===
			'number'
		)
			return [];
		return [
			{
				field: 'media',
				message: 'Video duration unknown; it could not be checked against platform limits',
				code: 'VIDEO_DURATION_MISSING',
			},
		];
	}

	// ----- state over time ------------------------------------------------------------------

	private startOf(post: StoredPost, now: number): number {
		if (post.scheduled_at === null) return now;
		return this.scheduledStartsAfterMs !== undefined
			? now + this.scheduledStartsAfterMs
			: Date.parse(post.scheduled_at);
	}

	private freshDeliveries(accountIds: string[], startsAt: number): Delivery[] {
		return accountIds.map((id, i) => ({
			account_id: id,
			startsAt,
			result: resultFor(this.outcome, i, this.failingAccounts.has(id)),
			retried: false,
		}));
	}

	private deliveryStatus(post: StoredPost, delivery: Delivery, now = Date.now()): string {
		if (delivery.fixed !== undefined) return delivery.fixed;
		if (now < delivery.startsAt)
			return post.scheduled_at !== null && !delivery.retried ? 'scheduled' : 'pending';
		return statusAt(
			['pending', delivery.result],
			delivery.startsAt,
			post.stepMs ?? this.stepMs,
			now,
		);
	}

	private statusOf(post: StoredPost, now = Date.now()): string {
		if (post.fixedStatus !== undefined) return post.fixedStatus;
		const states = post.deliveries.map((d) => this.deliveryStatus(post, d, now));
		if (states.includes('scheduled')) return 'scheduled';
		if (states.some((s) => s === 'pending')) {
			return post.deliveries.some((d, i) => d.retried && states[i] === 'pending')
				? 'retry'
				: 'pending';
		}
		const posted = states.filter((s) => s === 'posted').length;
		if (posted === states.length) return 'posted';
		if (posted === 0) return 'failed';
		return 'partial';
	}

	private summaryOf(post: StoredPost): Record<string, unknown> {
		return {
			id: post.id,
			status: this.statusOf(post),
			scheduled_at: post.scheduled_at,
			...(post.warnings.length > 0 ? { warnings: post.warnings } : {}),
		};
	}

	/** GET /posts/{id} and list rows (reference 7.2 / 7.3). */
	private view(post: StoredPost): Record<string, unknown> {
		const now = Date.now();
		const stepMs = post.stepMs ?? this.stepMs;
		return {
			id: post.id,
			caption: post.caption,
			status: this.statusOf(post, now),
			scheduled_at: post.scheduled_at,
			created_at: post.created_at,
			media: post.media,
			music_url: post.music_url,
			tiktok: post.tiktok,
			pinterest: post.pinterest,
			accounts: {
				total: post.deliveries.length,
				states: post.deliveries.map((d) => {
					const status = this.deliveryStatus(post, d, now);
					const doneAt = new Date(Math.min(now, d.startsAt + stepMs)).toISOString();
					const attempted = now >= d.startsAt;
					return {
						account_id: d.account_id,
						status,
						published_at: status === 'posted' ? doneAt : null,
						error_message:
							status === 'failed'
								? (d.error_message_override ??
									'The platform rejected the upload (account token expired)')
								: null,
						last_attempted_at: attempted ? doneAt : null,
						published_url:
							status === 'posted'
								? publishedUrl(d.account_id, post.id, this.lookupAccount(post.scope, d.account_id))
								: null,
					};
				}),
			},
		};
	}
}

// ----- helpers ------------------------------------------------------------------------------

function objectBody(body: unknown): { value: Record<string, unknown> } | { reply: Reply } {
	if (body === INVALID_JSON) return { reply: fail(400, 'Invalid JSON body', 'invalid_json') };
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { reply: fail(422, 'Body must be a JSON object', 'invalid_payload') };
	}
	return { value: body as Record<string, unknown> };
}

/** Omitted, null, or within 30 s of now → immediate; otherwise at least 2 minutes ahead. */
function readSchedule(value: unknown): { value: string | null } | { reply: Reply } {
	if (value === undefined || value === null) return { value: null };
	const at = parseOffsetIso(value as string) as number;
	const now = Date.now();
	if (Math.abs(at - now) <= IMMEDIATE_WINDOW_MS) return { value: null };
	const { status, code } = POSTS_INFERRED.badSchedule;
	if (at < now) return { reply: fail(status, 'scheduled_at is in the past', code) };
	if (at - now < MIN_LEAD_MS)
		return { reply: fail(status, 'scheduled_at must be at least 2 minutes in the future', code) };
	return { value: new Date(at).toISOString() };
}

/** ISO 8601 with a timezone offset (Z or ±hh:mm), as the posts routes require; undefined otherwise. */
export function parseOffsetIso(value: string): number | undefined {
	if (!OFFSET_ISO.test(value)) return undefined;
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : at;
}

function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

function isIdList(value: unknown, min: number, max: number): value is string[] {
	return (
		Array.isArray(value) &&
		value.length >= min &&
		value.length <= max &&
		value.every((v) => typeof v === 'string' && v !== '')
	);
}

function tiktokProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return 'tiktok must be an object';
	const t = value as Record<string, unknown>;
	if (t.title !== undefined && (typeof t.title !== 'string' || t.title.length > 150))
		return 'tiktok.title must be a string of at most 150 characters';
	if (
		t.description !== undefined &&
		(typeof t.description !== 'string' || t.description.length > 4000)
	) {
		return 'tiktok.description must be a string of at most 4000 characters';
	}
	if (t.post_mode !== undefined && !TIKTOK_POST_MODES.includes(t.post_mode as string))
		return `tiktok.post_mode must be one of ${TIKTOK_POST_MODES.join(', ')}`;
	if (t.privacy_level !== undefined && !TIKTOK_PRIVACY.includes(t.privacy_level as string)) {
		return `tiktok.privacy_level must be one of ${TIKTOK_PRIVACY.join(', ')}`;
	}
	for (const key of TIKTOK_BOOLEANS) {
		if (t[key] !== undefined && typeof t[key] !== 'boolean')
			return `tiktok.${key} must be a boolean`;
	}
	const known = ['title', 'description', 'post_mode', 'privacy_level', ...TIKTOK_BOOLEANS];
	const unknown = Object.keys(t).find((k) => !known.includes(k));
	return unknown === undefined ? undefined : `Unknown tiktok field: ${unknown}`;
}

function pinterestProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return 'pinterest must be an object';
	const p = value as Record<string, unknown>;
	if (p.board_id !== undefined && (typeof p.board_id !== 'string' || p.board_id.length > 128))
		return 'pinterest.board_id must be a string of at most 128 characters';
	if (p.title !== undefined && (typeof p.title !== 'string' || p.title.length > 100))
		return 'pinterest.title must be a string of at most 100 characters';
	if (p.link !== undefined && (typeof p.link !== 'string' || !isHttpUrl(p.link)))
		return 'pinterest.link must be a URL';
	if (
		p.tags !== undefined &&
		(!Array.isArray(p.tags) || p.tags.length > 30 || p.tags.some((t) => typeof t !== 'string'))
	) {
		return 'pinterest.tags must be a list of at most 30 strings';
	}
	const unknown = Object.keys(p).find((k) => !['board_id', 'title', 'link', 'tags'].includes(k));
	return unknown === undefined ? undefined : `Unknown pinterest field: ${unknown}`;
}

function captionLimit(account: PostingAccount, media: Record<string, unknown> | null): number {
	if (account.type === 'hosted') return HOSTED_CAPTION_LIMIT;
	if (account.platform === 'tiktok') return media?.type === 'slideshow' ? 4_000 : 2_200;
	if (account.platform === 'youtube') return 5_000;
	// x and bluesky: the reference gives no limit; the account's own capabilities say it.
	const own = (
		account.capabilities[INFERRED_CAPABILITIES.keys.caption] as { max_length?: number } | undefined
	)?.max_length;
	return BYO_CAPTION_LIMITS[account.platform] ?? own ?? HOSTED_CAPTION_LIMIT;
}

/** `partial`: the first account posts and the others fail (one account alone posts). */
function resultFor(outcome: Outcome, index: number, failing: boolean): DeliveryResult {
	if (failing || outcome === 'failed') return 'failed';
	if (outcome === 'partial') return index === 0 ? 'posted' : 'failed';
	return 'posted';
}

function publishedUrl(
	accountId: string,
	postId: string,
	account: PostingAccount | undefined,
): string {
	const handle = account?.username ?? accountId.slice(0, 8);
	const n = BigInt(`0x${postId.replace(/-/g, '').slice(0, 15)}`).toString();
	switch (account?.platform) {
		case 'tiktok':
			return `https://www.tiktok.com/@${handle}/video/${n}`;
		case 'instagram':
			return `https://www.instagram.com/p/${postId.slice(0, 11)}/`;
		case 'youtube':
			return `https://www.youtube.com/shorts/${postId.slice(0, 11)}`;
		default:
			return `https://example.org/${account?.platform ?? 'post'}/${handle}/${n}`;
	}
}

/** SHA-256 of the body with keys sorted, so field order does not make two bodies differ. */
function fingerprintOf(body: Record<string, unknown>): string {
	return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}
