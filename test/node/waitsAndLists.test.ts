/**
 * Issue 15, points 9-11 and the wait blind spot, in the engine against the fake:
 * - a wait's status read never outlives Max Wait (its Timeout is cut to the time left), and
 *   ends with the wait's own error naming the ID;
 * - a Poll Interval close to Max Wait cannot make the loop read once more past it;
 * - Post → Get Many walks past posts that share one `created_at` across a page boundary, and
 *   says so when more share one instant than a page holds;
 * - a page larger than asked keeps every row (up to the Limit), and the offset moves by them.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import type { GenviralRun } from '../harness/genviral';
import { runGenviral } from '../harness/genviral';

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
const accounts = () => env.fake.modules.accounts.defaults(scope());
const postsSent = () => env.fake.requestsTo('POST /posts');
const statusReads = () => env.fake.requestsTo('GET /posts/{id}');
const createPost = (fields: INodeParameters): INodeParameters => ({
	resource: 'post',
	operation: 'create',
	accountIds: [accounts().tiktok.id],
	caption: 'Launch day',
	postMedia: 'video',
	mediaSource: 'url',
	videoUrl: 'https://cdn.example.org/launch.mp4',
	waitForPublish: true,
	...fields,
});
const hintsOf = (run: GenviralRun) =>
	(
		(
			run.run?.data.resultData.runData.Genviral?.[0] as unknown as {
				hints?: Array<{ message: string }>;
			}
		).hints ?? []
	).map((h) => h.message);

describe('a status read never outlives Max Wait (issue 15.9)', () => {
	test('a hanging GET with Max Wait 1 s and Timeout 20 s ends at 1 s with the wait error naming the post ID', async () => {
		env.fake.modules.posts.stepMs = 60_000;
		env.fake.inject('GET /posts/{id}', { kind: 'hang' });
		const { error } = await runGenviral(
			env.fake,
			createPost({ pollInterval: 0.1, maxWait: 1, options: { timeout: 20_000 } }),
		);
		const id = env.fake.modules.posts.all(scope())[0].id;
		expect(error?.message).toBe(
			`Post ${id} did not finish within 1 s (last status: not read in time) [item 0]`,
		);
		expect(error?.description).toContain(`Post → Get (ID ${id})`);
		// Timed from the post's creation (the engine's start-up is not the wait's).
		expect(Date.now() - postsSent()[0].at).toBeLessThan(3000);
		// The post was sent once; the one read that hung was not sent again.
		expect(postsSent()).toHaveLength(1);
		expect(statusReads()).toHaveLength(1);
	});

	test('a read that hangs after a pending one names the last status seen', async () => {
		env.fake.modules.posts.stepMs = 60_000;
		env.fake.inject('GET /posts/{id}', { kind: 'pass' }, { kind: 'hang' });
		const { error } = await runGenviral(
			env.fake,
			createPost({ pollInterval: 0.2, maxWait: 1, options: { timeout: 20_000 } }),
		);
		const id = env.fake.modules.posts.all(scope())[0].id;
		expect(error?.message).toBe(
			`Post ${id} did not finish within 1 s (last status: pending) [item 0]`,
		);
		expect(Date.now() - postsSent()[0].at).toBeLessThan(3000);
		expect(statusReads()).toHaveLength(2);
	});

	test('the same for a refresh status read (the one wait loop serves every operation)', async () => {
		const targetId = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'tiktok',
			identifier: '@acme',
			postCount: 0,
		});
		env.fake.refreshPlan = ['processing', 'processing', 'processing', 'processing', 'completed'];
		env.fake.inject('GET /analytics/refreshes/{id}', { kind: 'hang' });
		const { error } = await runGenviral(env.fake, {
			resource: 'analyticsTarget',
			operation: 'refresh',
			targetId: { __rl: true, mode: 'id', value: targetId },
			waitForCompletion: true,
			pollInterval: 0.1,
			maxWait: 1,
			options: { timeout: 20_000 },
		});
		expect(error?.message).toMatch(
			/^Refresh [0-9a-f-]{36} did not finish within 1 s \(last status: not read in time\) \[item 0\]$/,
		);
		const refreshes = env.fake.requestsTo('POST /analytics/targets/{id}/refresh');
		expect(Date.now() - refreshes[0].at).toBeLessThan(3000);
		expect(refreshes).toHaveLength(1);
	});
});

describe('a Poll Interval close to Max Wait (issue 15, blind spot: one interval past Max Wait)', () => {
	test('Poll Interval 0.9 s, Max Wait 1 s: every read starts within Max Wait, at most two reads, the wait ends by Max Wait', async () => {
		env.fake.modules.posts.stepMs = 60_000;
		const { error } = await runGenviral(env.fake, createPost({ pollInterval: 0.9, maxWait: 1 }));
		const endedAt = Date.now();
		const id = env.fake.modules.posts.all(scope())[0].id;
		expect(error?.message).toBe(
			`Post ${id} did not finish within 1 s (last status: pending) [item 0]`,
		);
		const sentAt = postsSent()[0].at;
		const reads = statusReads();
		expect(reads.length).toBeGreaterThanOrEqual(1);
		expect(reads.length).toBeLessThanOrEqual(2);
		for (const read of reads) expect(read.at - sentAt).toBeLessThan(1000);
		// One more Poll Interval would end near 1.8 s.
		expect(endedAt - sentAt).toBeLessThan(1700);
	});
});

describe('Post → Get Many: posts that share one created_at (issue 15.10)', () => {
	const BASE = Date.parse('2026-01-10T00:00:00.000Z');
	/** `distinct` posts a minute apart (newest), then `shared` on one instant, then `older` older ones. */
	function seedTimeline(distinct: number, shared: number, older: number): string[] {
		const seed = (at: number) =>
			env.fake.modules.posts.seedPost(scope(), {
				status: 'posted',
				created_at: new Date(at).toISOString(),
			});
		for (let i = 0; i < older; i++) seed(BASE - 3_600_000 - i * 60_000);
		for (let i = 0; i < shared; i++) seed(BASE);
		for (let i = 0; i < distinct; i++) seed(BASE + (i + 1) * 60_000);
		// The fake's order: newest first, then by ID (descending) within one instant.
		return env.fake.modules.posts
			.all(scope())
			.slice()
			.sort(
				(a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id.localeCompare(a.id),
			)
			.map((p) => p.id);
	}
	const getMany = (fields: INodeParameters) =>
		runGenviral(env.fake, { resource: 'post', operation: 'getMany', ...fields });

	test('Limit 110 across an instant on the page boundary: exactly 110, in order, none repeated', async () => {
		const expected = seedTimeline(95, 20, 10);
		const run = await getMany({ limit: 110 });
		expect(run.error).toBeUndefined();
		expect(run.items.map((i) => i.json.id)).toEqual(expected.slice(0, 110));
		expect(hintsOf(run)).toEqual([]);
	});

	test('Return All across the same instant gets every post once, and no warning', async () => {
		const expected = seedTimeline(95, 20, 10);
		const run = await getMany({ returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.items.map((i) => i.json.id)).toEqual(expected);
		expect(hintsOf(run)).toEqual([]);
	});

	test('Return All with 130 posts on one instant: walks past it, gets everything else, and says which instant lost rows', async () => {
		const expected = seedTimeline(50, 130, 50);
		const run = await getMany({ returnAll: true });
		expect(run.error).toBeUndefined();
		const ids = run.items.map((i) => i.json.id as string);
		expect(new Set(ids).size).toBe(ids.length);
		// The API gives at most 100 rows of one instant (no offset); every other post is there.
		const onInstant = new Set(expected.slice(50, 180));
		expect(ids.filter((id) => onInstant.has(id))).toHaveLength(100);
		expect(ids.filter((id) => !onInstant.has(id))).toEqual([
			...expected.slice(0, 50),
			...expected.slice(180),
		]);
		expect(hintsOf(run)).toEqual([
			expect.stringContaining(
				'100 or more rows share one creation time (2026-01-10T00:00:00.000Z)',
			),
		]);
		expect(env.fake.requestsTo('GET /posts').length).toBeLessThan(10);
	});
});

describe('a page larger than the limit (issue 15.11)', () => {
	/** GET /analytics/summary/posts answered by a server that ignores `limit`: pages of 200, `hasMore` by its own pages. */
	function oversizedPages(total: number) {
		const all = Array.from({ length: total }, (_v, i) => ({ id: `row-${i}`, metrics: {} }));
		env.fake.faultFor = (request) => {
			if (request.path !== '/analytics/summary/posts') return undefined;
			const offset = Number(request.query.offset);
			const posts = all.slice(offset, offset + 200);
			return {
				kind: 'json',
				status: 200,
				body: {
					ok: true,
					code: 200,
					message: 'ok',
					data: { posts, totalCount: total, hasMore: offset + 200 < total },
				},
			};
		};
		return all.map((r) => r.id);
	}
	const getPosts = (fields: INodeParameters) =>
		runGenviral(env.fake, {
			resource: 'analytics',
			operation: 'getPosts',
			simplify: false,
			...fields,
		});

	test('Return All over 600 rows in pages of 200: all 600, in order; the offset moves by the rows kept', async () => {
		const all = oversizedPages(600);
		const { items, error } = await getPosts({ returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(all);
		expect(
			env.fake.requestsTo('GET /analytics/summary/posts').map((r) => Number(r.query.offset)),
		).toEqual([0, 200, 400]);
	});

	test('Limit 150: one page of 200 gives the first 150, no second request', async () => {
		const all = oversizedPages(600);
		const { items, error } = await getPosts({ limit: 150 });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(all.slice(0, 150));
		expect(env.fake.requestsTo('GET /analytics/summary/posts')).toHaveLength(1);
	});

	test('an offset list (Files) answered with more rows than asked and its total: every row once', async () => {
		const all = Array.from({ length: 250 }, (_v, i) => ({ id: `file-${i}` }));
		env.fake.faultFor = (request) => {
			if (request.path !== '/files') return undefined;
			const offset = Number(request.query.offset);
			const files = all.slice(offset, offset + 150);
			return {
				kind: 'json',
				status: 200,
				body: {
					ok: true,
					code: 200,
					message: 'ok',
					data: { files, total: all.length, limit: 150, offset },
				},
			};
		};
		const { items, error } = await runGenviral(env.fake, {
			resource: 'file',
			operation: 'getMany',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(all.map((f) => f.id));
		expect(env.fake.requestsTo('GET /files').map((r) => Number(r.query.offset))).toEqual([0, 150]);
	});
});
