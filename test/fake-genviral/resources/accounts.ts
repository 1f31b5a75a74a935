/**
 * The fake's accounts (reference section 3, `GET /accounts`): the scope's active BYO accounts
 * (connected by the user) and hosted accounts (Genviral-managed creators), each with its
 * `capabilities`. The reference documents no query parameters and no pagination: the route
 * ignores the query and answers every active account of the key's scope.
 *
 * Every scope starts with the same default set (`DEFAULT_ACCOUNTS`: one account per platform,
 * hosted ones, one paused), with ids that are stable per scope (`accountId(scope, key)`), so
 * tests and other fake modules (posts) can name them; `seedAccount()` adds more.
 */
import { createHash, randomUUID } from 'node:crypto';

import type { FakeModule, RouteContext } from '../module';
import type { FakeGenviral } from '../server';
import { ok } from '../server';

export type AccountPlatform =
	| 'tiktok'
	| 'instagram'
	| 'youtube'
	| 'pinterest'
	| 'linkedin'
	| 'facebook'
	| 'x'
	| 'bluesky';

export type AccountType = 'byo' | 'hosted';

export interface FakeAccount {
	id: string;
	platform: AccountPlatform;
	type: AccountType;
	username: string;
	display_name: string | null;
	/** Only `active` accounts are listed (reference 3.1); others exist for `find()` (inactive targets). */
	status: 'active' | 'paused' | 'revoked';
	workspace_id: string | null;
	capabilities: Record<string, unknown>;
}

/**
 * What the reference does not name, guessed in one place. Only `supported_content_kinds` (with
 * `text_only` for caption-only posts) is named by the sources; the kind names `video` and
 * `slideshow` are the reference example's guesses, and the other sub-keys (caption limits, media
 * limits, unsupported reasons, provider settings schema) are described but unnamed.
 */
export const INFERRED_CAPABILITIES = {
	kinds: { video: 'video', slideshow: 'slideshow', textOnly: 'text_only' },
	keys: {
		caption: 'caption',
		media: 'media',
		unsupportedReasons: 'unsupported_reasons',
		settingsSchema: 'settings_schema',
	},
} as const;

/** Caption limits of reference 7 ("Caption limits"): hosted 500, BYO per platform. */
const BYO_CAPTION_LIMITS: Record<
	AccountPlatform,
	{ max: number; unit: 'characters' | 'utf16' | 'bytes' }
> = {
	facebook: { max: 63_206, unit: 'characters' },
	instagram: { max: 2_200, unit: 'characters' },
	tiktok: { max: 2_200, unit: 'characters' },
	linkedin: { max: 3_000, unit: 'characters' },
	pinterest: { max: 800, unit: 'characters' },
	youtube: { max: 5_000, unit: 'bytes' },
	x: { max: 280, unit: 'characters' },
	bluesky: { max: 300, unit: 'characters' },
};

/** Which content kinds a BYO account of each platform takes (text-only where the platform has text posts). */
const BYO_KINDS: Record<AccountPlatform, string[]> = {
	tiktok: ['video', 'slideshow'],
	instagram: ['video', 'slideshow'],
	youtube: ['video'],
	pinterest: ['video', 'slideshow'],
	linkedin: ['video', 'slideshow', 'text_only'],
	facebook: ['video', 'slideshow', 'text_only'],
	x: ['video', 'slideshow', 'text_only'],
	bluesky: ['video', 'slideshow', 'text_only'],
};

const ALL_KINDS = ['video', 'slideshow', 'text_only'];

/** Provider settings `POST /posts` takes under `settings.<provider>` (reference 7: x, instagram, facebook, linkedin, bluesky, youtube). */
const SETTINGS_SCHEMAS: Partial<Record<AccountPlatform, Record<string, unknown>>> = {
	youtube: {
		type: 'object',
		properties: {
			title: { type: 'string', maxLength: 100 },
			type: { type: 'string', enum: ['public', 'unlisted', 'private'] },
		},
		additionalProperties: false,
	},
	instagram: {
		type: 'object',
		properties: { post_type: { type: 'string', enum: ['post', 'reel', 'story'] } },
		additionalProperties: false,
	},
	facebook: { type: 'object', properties: {}, additionalProperties: false },
	linkedin: { type: 'object', properties: {}, additionalProperties: false },
	x: { type: 'object', properties: {}, additionalProperties: false },
	bluesky: { type: 'object', properties: {}, additionalProperties: false },
};

function unsupportedReason(platform: AccountPlatform, type: AccountType, kind: string): string {
	if (type === 'hosted' && kind === 'text_only') return 'Hosted accounts publish media posts only';
	if (kind === 'text_only') return `${platform} does not accept caption-only posts`;
	return `${platform} does not accept ${kind} posts`;
}

/** The capabilities object of an account (reference 3.1), shaped by INFERRED_CAPABILITIES. */
export function capabilitiesFor(
	platform: AccountPlatform,
	type: AccountType,
): Record<string, unknown> {
	const kinds =
		type === 'hosted' ? BYO_KINDS[platform].filter((k) => k !== 'text_only') : BYO_KINDS[platform];
	const caption =
		type === 'hosted' ? { max: 500, unit: 'characters' } : BYO_CAPTION_LIMITS[platform];
	const reasons = Object.fromEntries(
		ALL_KINDS.filter((k) => !kinds.includes(k)).map((k) => [
			k,
			unsupportedReason(platform, type, k),
		]),
	);
	const keys = INFERRED_CAPABILITIES.keys;
	return {
		supported_content_kinds: kinds,
		[keys.caption]: {
			max_length: caption.max,
			unit: caption.unit,
			...(platform === 'tiktok' && type === 'byo'
				? { max_length_slideshow: 4_000, slideshow_unit: 'utf16' }
				: {}),
		},
		[keys.media]: {
			video: kinds.includes('video')
				? {
						content_types: ['video/mp4', 'video/quicktime', 'video/x-m4v', 'video/x-msvideo'],
						max_bytes: 100 * 1024 * 1024,
						min_duration_sec: 15,
						max_duration_sec: 60,
					}
				: null,
			slideshow: kinds.includes('slideshow')
				? {
						content_types: ['image/jpeg', 'image/png'],
						max_bytes_per_image: 5 * 1024 * 1024,
						min_images: 1,
						max_images: 35,
					}
				: null,
		},
		[keys.unsupportedReasons]: reasons,
		[keys.settingsSchema]: SETTINGS_SCHEMAS[platform] ?? null,
	};
}

export interface AccountSpec {
	platform: AccountPlatform;
	type: AccountType;
	username: string;
	display_name?: string | null;
	status?: FakeAccount['status'];
}

/**
 * The accounts every scope starts with, by a stable name. Tests use `accountId(scope, name)`
 * (or `fake.modules.accounts.defaults(scope)`) to name them.
 */
export const DEFAULT_ACCOUNTS = {
	tiktok: { platform: 'tiktok', type: 'byo', username: 'acme', display_name: 'Acme' },
	instagram: {
		platform: 'instagram',
		type: 'byo',
		username: 'acme.shop',
		display_name: 'Acme Shop',
	},
	youtube: {
		platform: 'youtube',
		type: 'byo',
		username: 'AcmeChannel',
		display_name: 'Acme Channel',
	},
	pinterest: {
		platform: 'pinterest',
		type: 'byo',
		username: 'acmepins',
		display_name: 'Acme Pins',
	},
	linkedin: { platform: 'linkedin', type: 'byo', username: 'acme-inc', display_name: 'Acme Inc.' },
	facebook: { platform: 'facebook', type: 'byo', username: 'AcmePage', display_name: 'Acme Page' },
	tiktokHosted: {
		platform: 'tiktok',
		type: 'hosted',
		username: 'daily.glow',
		display_name: 'Daily Glow',
	},
	instagramHosted: {
		platform: 'instagram',
		type: 'hosted',
		username: 'glow.daily',
		display_name: null,
	},
	/** Not listed (only active accounts are); for "inactive account" cases of other endpoints. */
	pausedYoutube: {
		platform: 'youtube',
		type: 'byo',
		username: 'OldChannel',
		display_name: 'Old Channel',
		status: 'paused',
	},
} as const satisfies Record<string, AccountSpec>;

export type DefaultAccountName = keyof typeof DEFAULT_ACCOUNTS;

/** The id of a default account in a scope: a UUID that is the same in every test run. */
export function accountId(scope: string, name: DefaultAccountName): string {
	const index = Object.keys(DEFAULT_ACCOUNTS).indexOf(name) + 1;
	const scopeHex = createHash('sha256').update(scope).digest('hex').slice(0, 8);
	return `${scopeHex}-acc0-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

export class AccountsFake implements FakeModule {
	constructor(readonly fake: FakeGenviral) {}

	/** Accounts by scope, in creation order; a scope gets its default set on first use. */
	private readonly byScope = new Map<string, FakeAccount[]>();

	routes: FakeModule['routes'] = {
		'GET /accounts': (ctx) => this.list(ctx),
	};

	/** Answer as the older docs did ("Workspace accounts retrieved", `{workspace_id, accounts}`, no capabilities). */
	legacyShape = false;

	reset(): void {
		this.byScope.clear();
		this.legacyShape = false;
	}

	/** The item of this resource with this id in this scope (other modules look items up here). */
	find(scope: string, id: string): FakeAccount | undefined {
		return this.all(scope).find((a) => a.id.toLowerCase() === id.toLowerCase());
	}

	/** Every account of a scope, active or not (the route lists only active ones). */
	all(scope: string): FakeAccount[] {
		let accounts = this.byScope.get(scope);
		if (!accounts) {
			accounts = Object.entries(DEFAULT_ACCOUNTS).map(([name, spec]) =>
				this.build(scope, accountId(scope, name as DefaultAccountName), spec),
			);
			this.byScope.set(scope, accounts);
		}
		return accounts;
	}

	/** The default accounts of a scope by name: `defaults(scope).tiktok.id`. */
	defaults(scope: string): Record<DefaultAccountName, FakeAccount> {
		const accounts = this.all(scope);
		return Object.fromEntries(
			Object.keys(DEFAULT_ACCOUNTS).map((name) => [
				name,
				accounts.find((a) => a.id === accountId(scope, name as DefaultAccountName))!,
			]),
		) as Record<DefaultAccountName, FakeAccount>;
	}

	/** Replace a scope's accounts (e.g. `[]` for a scope with none connected). */
	seedAccounts(scope: string, specs: AccountSpec[]): FakeAccount[] {
		const accounts = specs.map((spec) => this.build(scope, randomUUID(), spec));
		this.byScope.set(scope, accounts);
		return accounts;
	}

	/** Add one account to a scope (after its defaults). */
	seedAccount(scope: string, spec: AccountSpec): FakeAccount {
		const account = this.build(scope, randomUUID(), spec);
		this.all(scope).push(account);
		return account;
	}

	private build(scope: string, id: string, spec: AccountSpec): FakeAccount {
		return {
			id,
			platform: spec.platform,
			type: spec.type,
			username: spec.username,
			display_name: spec.display_name === undefined ? spec.username : spec.display_name,
			status: spec.status ?? 'active',
			workspace_id: scope.startsWith('user:') ? null : scope,
			capabilities: capabilitiesFor(spec.platform, spec.type),
		};
	}

	private list(ctx: RouteContext) {
		if (this.legacyShape) {
			return ok(200, 'Workspace accounts retrieved', {
				workspace_id: ctx.key.workspaceId,
				accounts: this.all(ctx.scope)
					.filter((a) => a.status === 'active')
					.map(({ capabilities: _capabilities, ...rest }) => structuredClone(rest)),
			});
		}
		return ok(200, 'Accounts retrieved', {
			scope: ctx.key.scope,
			owner_user_id: ctx.key.userId,
			workspace_id: ctx.key.workspaceId,
			accounts: this.all(ctx.scope)
				.filter((a) => a.status === 'active')
				.map((a) => structuredClone(a)),
		});
	}
}
