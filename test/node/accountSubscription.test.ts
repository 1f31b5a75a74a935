/**
 * Account → Get Many and Subscription → Get in the engine, against the fake API. Their
 * documented errors run in documentedErrors.test.ts (they are in harness/coverage.ts).
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNTS, accountId } from '../fake-genviral/resources/accounts';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const PERSONAL_TOKEN = 'gva_live_9f9f9f.personal-secret';
const ACTIVE_DEFAULTS = Object.values(DEFAULT_ACCOUNTS).filter((a) => !('status' in a)).length;

describe('Account → Get Many, in the engine', () => {
	const env = useFakeGenviral();
	const getMany = (filters: INodeParameters = {}): INodeParameters => ({
		resource: 'account',
		operation: 'getMany',
		filters,
	});

	test('sends exactly GET /accounts and outputs one item per active account, capabilities included, paired', async () => {
		const { items, error } = await runGenviral(env.fake, getMany());
		expect(error).toBeUndefined();
		expect(env.fake.requests.map((r) => [r.method, r.path, r.query, r.rawBody])).toEqual([
			['GET', '/accounts', {}, ''],
		]);
		expect(env.fake.requests[0].headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`);
		expect(items).toHaveLength(ACTIVE_DEFAULTS);
		const scope = env.fake.scopeOf(DEFAULT_TOKEN);
		const tiktok = items.find((i) => i.json.id === accountId(scope, 'tiktok'));
		expect(tiktok?.json).toEqual(
			structuredClone(env.fake.modules.accounts.find(scope, accountId(scope, 'tiktok'))),
		);
		expect(tiktok?.json).toMatchObject({
			platform: 'tiktok',
			type: 'byo',
			username: 'acme',
			capabilities: { supported_content_kinds: ['video', 'slideshow'] },
		});
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Filters → Platforms and Type are applied by the node on the whole list', async () => {
		const byPlatform = await runGenviral(env.fake, getMany({ platforms: ['tiktok', 'instagram'] }));
		expect(byPlatform.items.map((i) => `${i.json.platform}/${i.json.type}`).sort()).toEqual([
			'instagram/byo',
			'instagram/hosted',
			'tiktok/byo',
			'tiktok/hosted',
		]);
		const hostedTikTok = await runGenviral(
			env.fake,
			getMany({ platforms: ['tiktok'], type: 'hosted' }),
		);
		expect(hostedTikTok.items.map((i) => i.json.username)).toEqual(['daily.glow']);
		const byo = await runGenviral(env.fake, getMany({ type: 'byo' }));
		expect(byo.items.every((i) => i.json.type === 'byo')).toBe(true);
		expect(byo.items.map((i) => i.json.platform)).toEqual(
			expect.arrayContaining(['youtube', 'pinterest', 'linkedin', 'facebook']),
		);
		// The API takes no filters: nothing is sent in the query.
		expect(env.fake.requests.every((r) => Object.keys(r.query).length === 0)).toBe(true);
	});

	test('one input item per run of the list: two items give the list twice, each paired to its item', async () => {
		const { items } = await runGenviral(env.fake, getMany({ platforms: ['youtube'] }), {
			items: [{ json: {} }, { json: {} }],
		});
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(env.fake.requestsTo('GET /accounts')).toHaveLength(2);
	});

	test('no accounts: no items, no error', async () => {
		env.fake.modules.accounts.seedAccounts(env.fake.scopeOf(DEFAULT_TOKEN), []);
		const { items, error } = await runGenviral(env.fake, getMany());
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	test('a personal key sees its own accounts (workspace_id null)', async () => {
		const { items } = await runGenviral(env.fake, getMany(), { token: PERSONAL_TOKEN });
		expect(items.length).toBe(ACTIVE_DEFAULTS);
		expect(items.every((i) => i.json.workspace_id === null)).toBe(true);
		expect(items.map((i) => i.json.id)).not.toContain(
			accountId(env.fake.scopeOf(DEFAULT_TOKEN), 'tiktok'),
		);
	});

	test('the older answer shape (no capabilities) is passed through as it comes', async () => {
		env.fake.modules.accounts.legacyShape = true;
		const { items, error } = await runGenviral(env.fake, getMany({ type: 'hosted' }));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json.capabilities).toBeUndefined();
	});

	test.each([
		[
			{ platforms: ['tiktok', 'myspace'] },
			'Filters → Platforms contains "myspace", which is not allowed',
		],
		[{ type: 'managed' }, 'Filters → Type must be one of byo, hosted; got "managed"'],
	])('a bad filter %j is refused before any request', async (filters, message) => {
		const { error } = await runGenviral(env.fake, getMany(filters));
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain(message);
		expect(error?.message).toContain('[item 0]');
		expect(env.fake.requests).toEqual([]);
	});

	test('a 500 accounts_failed is retried (a read), then succeeds', async () => {
		env.fake.inject('GET /accounts', { kind: 'error', status: 500, error_code: 'accounts_failed' });
		const { items, error } = await runGenviral(env.fake, {
			...getMany(),
			options: { retryDelay: 1 },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(ACTIVE_DEFAULTS);
		expect(env.fake.requestsTo('GET /accounts')).toHaveLength(2);
	});
});

describe('Subscription → Get, in the engine', () => {
	const env = useFakeGenviral();

	test('sends exactly GET /subscription and outputs the plan with its period and credits', async () => {
		env.fake.spendCredits(env.fake.scopeOf(DEFAULT_TOKEN), 30);
		const { items, error } = await runGenviral(env.fake, {
			resource: 'subscription',
			operation: 'get',
		});
		expect(error).toBeUndefined();
		expect(env.fake.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/subscription', {}],
		]);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toEqual({
			scope: 'workspace',
			workspace_id: '0a0a0a0a-0000-4000-8000-000000009001',
			subscription: {
				status: 'active',
				tier: 'medium',
				billing_interval: 'month',
				current_period_start: expect.stringMatching(/^\d{4}-\d{2}-01T00:00:00.000Z$/),
				current_period_end: expect.stringMatching(/^\d{4}-\d{2}-01T00:00:00.000Z$/),
				renews_at: expect.any(String),
				canceled_at: null,
				is_paused: false,
				paused_until: null,
				credits: { limit: 100, used_this_period: 30, remaining: 70, reset_at: expect.any(String) },
			},
		});
	});

	test('a canceled, paused plan comes through as the API says it', async () => {
		env.fake.subscriptionOverride = {
			status: 'canceled',
			canceled_at: '2026-01-10T00:00:00.000Z',
			is_paused: true,
			paused_until: '2026-02-01T00:00:00.000Z',
		};
		const { items } = await runGenviral(
			env.fake,
			{ resource: 'subscription', operation: 'get' },
			{ token: PERSONAL_TOKEN },
		);
		expect(items[0].json).toMatchObject({
			scope: 'personal',
			workspace_id: null,
			subscription: {
				status: 'canceled',
				is_paused: true,
				paused_until: '2026-02-01T00:00:00.000Z',
			},
		});
	});
});
