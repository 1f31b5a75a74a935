/**
 * Output: One Item per Account on Post → Create (with and without Wait for Publish) and Post →
 * Get: one item per account the post goes to (post_id, account_id, platform, handle, status,
 * published_url, published_at, error_message), paired to its input item, platform and handle
 * from one GET /accounts per execution. The default output is unchanged.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
const accounts = () => env.fake.modules.accounts.defaults(scope());
const posts = () => env.fake.modules.posts.all(scope());
const sentTo = (endpoint: string) => env.fake.requestsTo(endpoint);

const create = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'post',
	operation: 'create',
	accountIds: [accounts().tiktok.id, accounts().instagram.id],
	caption: 'Launch day',
	postMedia: 'video',
	mediaSource: 'url',
	videoUrl: 'https://cdn.example.org/launch.mp4',
	...fields,
});
const WAIT = { waitForPublish: true, pollInterval: 0.1, maxWait: 5 };
const PER_ACCOUNT = { output: 'account' };

describe('Post → Create: One Item per Account', () => {
	test('without Wait for Publish: one item per chosen account with the queued status, paired; one POST', async () => {
		const { items, error } = await runGenviral(env.fake, create(PER_ACCOUNT));
		expect(error).toBeUndefined();
		const id = posts()[0].id;
		expect(items.map((i) => i.json)).toEqual([
			{
				post_id: id,
				account_id: accounts().tiktok.id,
				platform: 'tiktok',
				handle: 'acme',
				status: 'pending',
				published_url: null,
				published_at: null,
				error_message: null,
			},
			{
				post_id: id,
				account_id: accounts().instagram.id,
				platform: 'instagram',
				handle: 'acme.shop',
				status: 'pending',
				published_url: null,
				published_at: null,
				error_message: null,
			},
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(sentTo('POST /posts')).toHaveLength(1);
	});

	test('with Wait for Publish, partial: the published account with its URL, the failed one with its error', async () => {
		env.fake.modules.posts.stepMs = 100;
		env.fake.modules.posts.outcome = 'partial';
		const { items, error } = await runGenviral(env.fake, create({ ...WAIT, ...PER_ACCOUNT }));
		expect(error).toBeUndefined();
		const id = posts()[0].id;
		expect(items.map((i) => i.json)).toEqual([
			expect.objectContaining({
				post_id: id,
				account_id: accounts().tiktok.id,
				platform: 'tiktok',
				handle: 'acme',
				status: 'posted',
				error_message: null,
			}),
			expect.objectContaining({
				post_id: id,
				account_id: accounts().instagram.id,
				platform: 'instagram',
				status: 'failed',
				published_url: null,
			}),
		]);
		expect(items[0].json.published_url).toEqual(expect.stringContaining('acme'));
		expect(items[0].json.published_at).toEqual(expect.any(String));
		expect(items[1].json.error_message).toEqual(expect.stringContaining('rejected'));
	});

	test('with Wait for Publish, failed everywhere: items to branch on, each with its error, not a node error', async () => {
		env.fake.modules.posts.stepMs = 100;
		env.fake.modules.posts.outcome = 'failed';
		const { items, error } = await runGenviral(env.fake, create({ ...WAIT, ...PER_ACCOUNT }));
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.status, i.json.error_message])).toEqual([
			['failed', 'The platform rejected the upload (account token expired)'],
			['failed', 'The platform rejected the upload (account token expired)'],
		]);
	});

	test('two input items: one GET /accounts for the run, each account item paired to its own input', async () => {
		const { items } = await runGenviral(
			env.fake,
			create({ ...PER_ACCOUNT, caption: '={{ $json.caption }}' }),
			{
				items: [{ json: { caption: 'One' } }, { json: { caption: 'Two' } }],
			},
		);
		expect(items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
		]);
		expect(new Set(items.map((i) => i.json.post_id)).size).toBe(2);
		expect(sentTo('GET /accounts')).toHaveLength(1);
	});

	test('GET /accounts failing does not fail a created post: platform and handle empty, a warning, the post sent once', async () => {
		env.fake.inject('GET /accounts', { kind: 'error', status: 403, error_code: 'forbidden' });
		const { items, error, run } = await runGenviral(env.fake, create(PER_ACCOUNT));
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.account_id, i.json.platform, i.json.handle])).toEqual([
			[accounts().tiktok.id, null, null],
			[accounts().instagram.id, null, null],
		]);
		const hints = run?.data.resultData.runData.Genviral[0].hints ?? [];
		expect(hints).toEqual([
			expect.objectContaining({
				type: 'warning',
				message: expect.stringContaining('"platform" and "handle" are empty'),
			}),
		]);
		expect(sentTo('POST /posts')).toHaveLength(1);
	});

	test('default output is unchanged: one item for the post, no accounts read', async () => {
		const { items } = await runGenviral(env.fake, create());
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: posts()[0].id, status: 'pending', duplicate: false });
		expect(sentTo('GET /accounts')).toHaveLength(0);
	});
});

describe('Post → Get: One Item per Account', () => {
	test("one item per account's delivery, as GET /posts/{id} reports it; the default is the post as one item", async () => {
		env.fake.modules.posts.stepMs = 100;
		env.fake.modules.posts.outcome = 'partial';
		await runGenviral(env.fake, create(WAIT));
		const id = posts()[0].id;

		const whole = await runGenviral(env.fake, { resource: 'post', operation: 'get', postId: id });
		expect(whole.items).toHaveLength(1);
		const states = (whole.items[0].json.accounts as { states: Array<Record<string, unknown>> })
			.states;

		const { items, error } = await runGenviral(env.fake, {
			resource: 'post',
			operation: 'get',
			postId: id,
			...PER_ACCOUNT,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual(
			states.map((state) => ({
				post_id: id,
				account_id: state.account_id,
				platform: state.account_id === accounts().tiktok.id ? 'tiktok' : 'instagram',
				handle: state.account_id === accounts().tiktok.id ? 'acme' : 'acme.shop',
				status: state.status,
				published_url: state.published_url ?? null,
				published_at: state.published_at ?? null,
				error_message: state.error_message ?? null,
			})),
		);
		expect(items.map((i) => i.json.status)).toEqual(['posted', 'failed']);
	});

	test('through the AI Agent tool too; a bad Post ID is refused before any request', async () => {
		const created = await runGenviral(env.fake, create());
		const id = created.items[0].json.id as string;
		const { items } = await runGenviral(
			env.fake,
			{ resource: 'post', operation: 'get', postId: id, ...PER_ACCOUNT },
			{ tool: true },
		);
		expect(items.map((i) => [i.json.post_id, i.json.platform])).toEqual([
			[id, 'tiktok'],
			[id, 'instagram'],
		]);

		env.fake.requests.length = 0;
		const bad = await runGenviral(env.fake, {
			resource: 'post',
			operation: 'get',
			postId: 'nope',
			...PER_ACCOUNT,
		});
		expect(bad.error?.message).toMatch(/^Post: Not a valid post ID/);
		expect(env.fake.requests).toHaveLength(0);
	});
});
