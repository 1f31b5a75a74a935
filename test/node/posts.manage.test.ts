/** Post → Get, Get Many, Update, Retry, Delete in the engine against the fake. */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { runWorkflow } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { genviralWorkflow, GENVIRAL_NODE_NAME, runGenviral } from '../harness/genviral';

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
const accounts = () => env.fake.modules.accounts.defaults(scope());
const seed = (fields: Parameters<typeof env.fake.modules.posts.seedPost>[1] = {}) =>
	env.fake.modules.posts.seedPost(scope(), fields);
const sentTo = (endpoint: string) => env.fake.requestsTo(endpoint);
const MISSING = '0a0a0a0a-0000-4000-8000-0000000000ff';
const op = (operation: string, fields: INodeParameters = {}): INodeParameters => ({
	resource: 'post',
	operation,
	...fields,
});

describe('Post → Get', () => {
	test('GET /posts/{id}: the post with every account state', async () => {
		const post = seed({
			status: 'partial',
			accounts: [
				{ id: accounts().tiktok.id, status: 'posted' },
				{ id: accounts().instagram.id, status: 'failed', error_message: 'Token expired' },
			],
		});
		const { items, error } = await runGenviral(
			env.fake,
			op('get', { postId: post.id.toUpperCase() }),
		);
		expect(error).toBeUndefined();
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /posts/${post.id}`,
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: post.id,
			status: 'partial',
			accounts: {
				total: 2,
				states: [
					expect.objectContaining({ status: 'posted' }),
					expect.objectContaining({ status: 'failed', error_message: 'Token expired' }),
				],
			},
		});
	});

	test('a post ID that is not an ID is refused before any request; a missing one is a 404', async () => {
		const bad = await runGenviral(env.fake, op('get', { postId: 'post-1' }));
		expect(bad.error?.message).toBe('Post: Not a valid post ID (a UUID); got "post-1" [item 0]');
		expect(env.fake.requests).toHaveLength(0);
		const missing = await runGenviral(env.fake, op('get', { postId: MISSING }));
		expect(missing.error?.name).toBe('NodeApiError');
		expect(missing.error?.context.errorCode).toBe('not_found');
	});
});

describe('Post → Get Many', () => {
	const seedTimeline = (count: number, base = Date.parse('2026-01-10T00:00:00.000Z')) =>
		Array.from(
			{ length: count },
			(_v, i) =>
				seed({ status: 'posted', created_at: new Date(base + i * 60_000).toISOString() }).id,
		).reverse();

	test('Limit: one request, newest first', async () => {
		const newestFirst = seedTimeline(8);
		const { items } = await runGenviral(env.fake, op('getMany', { limit: 5 }));
		expect(env.fake.requests.map((r) => r.query)).toEqual([{ limit: '5' }]);
		expect(items.map((i) => i.json.id)).toEqual(newestFirst.slice(0, 5));
		expect(items.every((i) => i.pairedItem && (i.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});

	test('Return All walks back by time window: until = the oldest seen, no duplicates, nothing missed', async () => {
		const newestFirst = seedTimeline(230);
		// Several posts on one instant, across a page boundary.
		const sameInstant = Array.from(
			{ length: 4 },
			() => seed({ status: 'failed', created_at: '2026-01-09T12:00:00.000Z' }).id,
		);
		const { items, error } = await runGenviral(env.fake, op('getMany', { returnAll: true }));
		expect(error).toBeUndefined();
		const pages = sentTo('GET /posts').map((r) => r.query);
		expect(pages[0]).toEqual({ limit: '100' });
		expect(pages[1]).toEqual({ limit: '100', until: expect.any(String) });
		expect(pages.length).toBeGreaterThanOrEqual(3);
		const ids = items.map((i) => i.json.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.slice(0, 230)).toEqual(newestFirst);
		expect(ids.slice(230).sort()).toEqual([...sameInstant].sort());
	});

	test('filters: status, and created-after/before sent with an offset in the workflow time zone', async () => {
		seedTimeline(3);
		const workflow = genviralWorkflow(
			op('getMany', {
				returnAll: true,
				filters: {
					status: 'failed',
					createdAfter: '2026-01-10T01:00:00',
					createdBefore: '2026-01-10T02:00:00Z',
				},
			}),
		);
		const run = await runWorkflow(
			{ ...workflow, settings: { timezone: 'Europe/Paris' } },
			{
				credentials: { genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl } },
				pinData: { 'Manual Trigger': [{ json: {} }] },
			},
		);
		expect(run.error).toBeUndefined();
		expect(sentTo('GET /posts')[0].query).toEqual({
			limit: '100',
			status: 'failed',
			since: '2026-01-10T01:00:00+01:00',
			until: '2026-01-10T02:00:00.000Z',
		});
		expect(run.output(GENVIRAL_NODE_NAME)).toEqual([]);
	});

	test('a bad filter is refused before any request', async () => {
		const { error } = await runGenviral(
			env.fake,
			op('getMany', { filters: { createdAfter: 'last week' } }),
		);
		expect(error?.message).toMatch(/^Filters → Created After must be a date-time/);
		expect(env.fake.requests).toHaveLength(0);
	});
});

describe('Post → Update', () => {
	test('only the fields set are sent; Schedule Now sends scheduled_at: null; Remove Music sends null', async () => {
		const post = seed({
			status: 'scheduled',
			scheduled_at: new Date(Date.now() + 3_600_000).toISOString(),
			accounts: [{ id: accounts().tiktok.id, status: 'scheduled' }],
		});
		const { items, error } = await runGenviral(
			env.fake,
			op('update', {
				postId: post.id,
				updateFields: {
					caption: 'New caption',
					schedule: 'now',
					removeMusic: true,
					accountIds: `${accounts().tiktok.id}, ${accounts().instagram.id}`,
					providerSettings: { instagram: { post_type: 'reel' } },
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(sentTo('PATCH /posts/{id}').map((r) => [r.path, r.body])).toEqual([
			[
				`/posts/${post.id}`,
				{
					accounts: [{ id: accounts().tiktok.id }, { id: accounts().instagram.id }],
					caption: 'New caption',
					music_url: null,
					settings: { instagram: { post_type: 'reel' } },
					scheduled_at: null,
				},
			],
		]);
		expect(items[0].json).toEqual({
			id: post.id,
			status: 'pending',
			scheduled_at: null,
			warnings: [],
		});
	});

	test('a Caption added but left blank empties the caption (a blank is a change here, not an absence)', async () => {
		const post = seed({
			status: 'draft',
			accounts: [{ id: accounts().tiktok.id, status: 'draft' }],
		});
		const { error } = await runGenviral(
			env.fake,
			op('update', { postId: post.id, updateFields: { caption: '' } }),
		);
		expect(error).toBeUndefined();
		expect(sentTo('PATCH /posts/{id}').map((r) => r.body)).toEqual([{ caption: '' }]);
	});

	test('new media: a slideshow from URLs; a new schedule in the workflow time zone', async () => {
		const post = seed({
			status: 'pending',
			accounts: [{ id: accounts().tiktok.id, status: 'pending' }],
		});
		const year = new Date().getUTCFullYear() + 1;
		const workflow = genviralWorkflow(
			op('update', {
				postId: post.id,
				updateFields: {
					postMedia: 'slideshow',
					imageUrls: 'https://cdn.example.org/a.png,https://cdn.example.org/b.png',
					schedule: 'at',
					scheduledAt: `${year}-03-01T09:00:00`,
				},
			}),
		);
		const run = await runWorkflow(
			{ ...workflow, settings: { timezone: 'Asia/Kolkata' } },
			{
				credentials: { genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl } },
				pinData: { 'Manual Trigger': [{ json: {} }] },
			},
		);
		expect(run.error).toBeUndefined();
		expect(sentTo('PATCH /posts/{id}')[0].body).toEqual({
			scheduled_at: `${year}-03-01T09:00:00+05:30`,
			media: {
				type: 'slideshow',
				urls: ['https://cdn.example.org/a.png', 'https://cdn.example.org/b.png'],
			},
		});
		expect(run.output(GENVIRAL_NODE_NAME)[0].json.status).toBe('scheduled');
	});

	const badUpdates: Array<[string, INodeParameters, RegExp]> = [
		['no field', {}, /^Nothing to update: add at least one field under Update Fields/],
		['only a Remove flag left off', { removeMusic: false }, /^Nothing to update/],
		[
			'music and remove music',
			{ musicUrl: 'https://www.tiktok.com/@a/video/1', removeMusic: true },
			/^Set either Update Fields → Music URL or Update Fields → Remove Music, not both/,
		],
		[
			'TikTok settings and remove them',
			{ tiktokSettings: { title: 'a' }, removeTiktok: true },
			/^Set either Update Fields → TikTok Settings or Update Fields → Remove TikTok Settings, not both/,
		],
		[
			'media fields without Media',
			{ videoUrl: 'https://cdn.example.org/v.mp4' },
			/^Update Fields → Media is required to change the media/,
		],
		[
			'video without URL',
			{ postMedia: 'video' },
			/^Update Fields → Video URL is required with Media: Video/,
		],
		['schedule at without time', { schedule: 'at' }, /^Update Fields → Scheduled At is required/],
		[
			'11 accounts',
			{
				accountIds: Array.from(
					{ length: 11 },
					(_v, i) => `0a0a0a0a-0000-4000-8000-${String(i).padStart(12, '0')}`,
				),
			},
			/takes at most 10 accounts/,
		],
		[
			'TikTok and Pinterest',
			{ tiktokSettings: { title: 'a' }, pinterestSettings: { title: 'b' } },
			/cannot be used together/,
		],
	];
	test.each(badUpdates)(
		'bad input before any request: %s',
		async (_name, updateFields, message) => {
			const { error } = await runGenviral(
				env.fake,
				op('update', { postId: MISSING, updateFields }),
			);
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toMatch(message);
			expect(env.fake.requests).toHaveLength(0);
		},
	);

	test('a posted post: a clear error saying it cannot be edited', async () => {
		const post = seed({ status: 'posted' });
		const { error } = await runGenviral(
			env.fake,
			op('update', { postId: post.id, updateFields: { caption: 'x' } }),
		);
		expect(error?.name).toBe('NodeApiError');
		expect((error as unknown as { httpCode: string }).httpCode).toBe('422');
		expect(error?.description).toMatch(
			new RegExp(
				`^Post ${post.id} is posted: only draft, pending, scheduled, retry, failed posts can be edited`,
			),
		);
		expect(sentTo('PATCH /posts/{id}')).toHaveLength(1);
	});

	test('changing the external ID: 409 external_id_immutable', async () => {
		const post = seed({ status: 'pending', external_id: 'first' });
		env.fake.inject('PATCH /posts/{id}', {
			kind: 'error',
			status: 409,
			error_code: 'external_id_immutable',
			message: 'external_id cannot be changed',
		});
		const { error } = await runGenviral(
			env.fake,
			op('update', { postId: post.id, updateFields: { caption: 'x' } }),
		);
		expect(error?.context.errorCode).toBe('external_id_immutable');
	});
});

describe('Post → Retry', () => {
	test('one item per post ID with its outcome; account IDs sent', async () => {
		const failed = seed({
			status: 'failed',
			accounts: [{ id: accounts().tiktok.id, status: 'failed' }],
		});
		const posted = seed({ status: 'posted' });
		const { items, error } = await runGenviral(
			env.fake,
			op('retry', {
				postIds: `${failed.id}, ${posted.id}, ${MISSING}`,
				retryAccountIds: accounts().tiktok.id,
			}),
		);
		expect(error).toBeUndefined();
		expect(sentTo('POST /posts/retry').map((r) => r.body)).toEqual([
			{ post_ids: [failed.id, posted.id, MISSING], account_ids: [accounts().tiktok.id] },
		]);
		expect(items.map((i) => i.json)).toEqual([
			{ id: failed.id, outcome: 'retried' },
			{
				id: posted.id,
				outcome: 'failed',
				reason: 'Post status is posted; only failed or partial posts can be retried',
			},
			{ id: MISSING, outcome: 'failed', reason: 'Post not found' },
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	test('never sent twice: a 500 or a dropped connection is one request', async () => {
		env.fake.inject(
			'POST /posts/retry',
			{ kind: 'error', status: 500, error_code: 'retry_failed' },
			{ kind: 'reset' },
		);
		const first = await runGenviral(env.fake, op('retry', { postIds: MISSING }));
		const second = await runGenviral(env.fake, op('retry', { postIds: MISSING }));
		expect(first.error?.context.errorCode).toBe('retry_failed');
		expect(second.error?.name).toBe('NodeApiError');
		expect(sentTo('POST /posts/retry')).toHaveLength(2);
	});

	test('21 post IDs or 11 account IDs are refused before any request', async () => {
		const ids = (n: number) =>
			Array.from(
				{ length: n },
				(_v, i) => `0a0a0a0a-0000-4000-8000-${String(i).padStart(12, '0')}`,
			);
		const tooMany = await runGenviral(env.fake, op('retry', { postIds: ids(21).join(',') }));
		expect(tooMany.error?.message).toMatch(/^Post Names or IDs takes at most 20 \(got 21\)/);
		const tooManyAccounts = await runGenviral(
			env.fake,
			op('retry', { postIds: MISSING, retryAccountIds: ids(11) }),
		);
		expect(tooManyAccounts.error?.message).toMatch(
			/^Account Names or IDs takes at most 10 \(got 11\)/,
		);
		expect(env.fake.requests).toHaveLength(0);
	});
});

describe('Post → Delete', () => {
	test('one item per post ID: deleted, blocked with status, skipped, failed with reason', async () => {
		const draft = seed({ status: 'draft' });
		const posted = seed({ status: 'posted' });
		const broken = seed({ status: 'scheduled' });
		env.fake.modules.posts.deleteFailsFor.add(broken.id);
		const { items, error } = await runGenviral(
			env.fake,
			op('delete', { postIds: [draft.id, posted.id, MISSING, broken.id, draft.id.toUpperCase()] }),
		);
		expect(error).toBeUndefined();
		expect(sentTo('POST /posts/delete').map((r) => r.body)).toEqual([
			{ postIds: [draft.id, posted.id, MISSING, broken.id] },
		]);
		expect(items.map((i) => i.json)).toEqual([
			{ deleted: true, id: draft.id, outcome: 'deleted' },
			{ deleted: false, id: posted.id, outcome: 'blocked', status: 'posted' },
			{ deleted: false, id: MISSING, outcome: 'skipped' },
			{
				deleted: false,
				id: broken.id,
				outcome: 'failed',
				reason: 'Database error while deleting the post',
			},
		]);
		expect(env.fake.modules.posts.find(scope(), draft.id)).toBeUndefined();
	});

	test('51 IDs are refused before any request; a dropped connection is not retried', async () => {
		const ids = Array.from(
			{ length: 51 },
			(_v, i) => `0a0a0a0a-0000-4000-8000-${String(i).padStart(12, '0')}`,
		);
		const tooMany = await runGenviral(env.fake, op('delete', { postIds: ids }));
		expect(tooMany.error?.message).toMatch(/^Post Names or IDs takes at most 50 \(got 51\)/);
		expect(env.fake.requests).toHaveLength(0);
		env.fake.inject('POST /posts/delete', { kind: 'reset' });
		const reset = await runGenviral(env.fake, op('delete', { postIds: MISSING }));
		expect(reset.error?.name).toBe('NodeApiError');
		expect(sentTo('POST /posts/delete')).toHaveLength(1);
	});
});
