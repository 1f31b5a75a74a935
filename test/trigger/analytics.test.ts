/**
 * Genviral Trigger, analytics events, polled by n8n-core's own machinery (activation, cron
 * job, PollTriggerExecutor) against the fake API: New Post on a Tracked Profile and Analytics
 * Target Refreshed.
 */
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { deactivateAll, fetchTestEvent, PollHarness, triggerWorkflow } from '../harness/poll';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('Genviral Trigger: New Post on a Tracked Profile', () => {
	const env = useFakeGenviral();
	afterEach(deactivateAll);

	const seed = (identifier: string, platform = 'tiktok', postCount = 5) =>
		env.fake.seedTarget(DEFAULT_TOKEN, { platform, identifier, postCount });
	const analyticsRequests = () => env.fake.requestsTo('GET /analytics/summary/posts');

	test('activation records where things stand; later polls emit exactly the new rows, oldest first', async () => {
		const acme = seed('@acme');
		const rival = seed('@rival', 'instagram');
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newAnalyticsPost' }));

		await trigger.activate();
		// The activation poll read the feed and stored a cursor, as JSON, and emitted nothing.
		expect(analyticsRequests()).toHaveLength(1);
		expect(trigger.savedStaticData).toEqual({
			'node:Genviral Trigger': { cursor: expect.objectContaining({ version: 2 }) },
		});
		expect(trigger.history).toHaveLength(0);
		expect(trigger.cronJobs().map((j) => j.expression)).toEqual([
			expect.stringMatching(/^\S+ \* \* \* \* \*$/),
		]);

		const quiet = await trigger.poll();
		expect(quiet.execution).toBeUndefined();
		expect(quiet.error).toBeUndefined();

		const first = env.fake.addAnalyticsPost(acme, { publishedAt: ago(2 * HOUR) });
		const second = env.fake.addAnalyticsPost(rival, { publishedAt: ago(HOUR) });
		const third = env.fake.addAnalyticsPost(acme, {
			publishedAt: ago(60_000),
			externalId: 'run-7',
			genviralPostId: null,
		});
		const burst = await trigger.poll();
		expect(burst.error).toBeUndefined();
		expect(burst.items.map((i) => i.id)).toEqual([first.id, second.id, third.id]);
		expect(burst.items[2]).toMatchObject({
			analyticsId: third.id,
			externalId: 'run-7',
			platform: 'tiktok',
			accountIdentifier: '@acme',
			permalink: expect.stringMatching(/^https:\/\//),
			metrics: expect.objectContaining({ views: expect.any(Number) }),
		});

		const again = await trigger.poll();
		expect(again.items).toEqual([]);
	});

	test('a poll with nothing new sends one request, even with 1,000 rows in the window (the row count says nothing was added)', async () => {
		const acme = seed('@acme', 'tiktok', 0);
		for (let i = 0; i < 1000; i++)
			env.fake.addAnalyticsPost(acme, { publishedAt: ago(HOUR + i * 60_000) });
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newAnalyticsPost' }));
		await trigger.activate();
		const before = analyticsRequests().length;
		await trigger.poll();
		const sent = analyticsRequests().slice(before);
		expect(sent).toHaveLength(1);
		expect(sent[0].query).toEqual({
			range: 'all',
			sortBy: 'published_at',
			sortOrder: 'desc',
			limit: '100',
			offset: '0',
		});
		// A late row far down the window: the count grew by one, so the walk goes on until it is found.
		const late = env.fake.addAnalyticsPost(acme, {
			publishedAt: ago(HOUR + 500 * 60_000 + 30_000),
		});
		const found = await trigger.poll();
		expect(found.items.map((i) => i.id)).toEqual([late.id]);
		expect(analyticsRequests().length - before).toBe(1 + 6);
	});

	test('a row that arrives late (an older post found by a later refresh) is emitted once; rows older than the window are not', async () => {
		const acme = seed('@acme', 'tiktok', 0);
		const trigger = new PollHarness(
			env.fake,
			triggerWorkflow({ event: 'newAnalyticsPost', analyticsOptions: { lookbackHours: 6 } }),
		);
		await trigger.activate();
		const newest = env.fake.addAnalyticsPost(acme, { publishedAt: ago(10_000) });
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([newest.id]);

		const late = env.fake.addAnalyticsPost(acme, { publishedAt: ago(3 * HOUR) });
		const tooOld = env.fake.addAnalyticsPost(acme, { publishedAt: ago(9 * HOUR) });
		const poll = await trigger.poll();
		expect(poll.items.map((i) => i.id)).toEqual([late.id]);
		expect(poll.items.map((i) => i.id)).not.toContain(tooOld.id);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('a premiere scheduled a week ahead is reported once and does not hide the rows that come after it', async () => {
		const acme = seed('@acme', 'tiktok', 0);
		const trigger = new PollHarness(
			env.fake,
			triggerWorkflow({ event: 'newAnalyticsPost', analyticsOptions: { lookbackHours: 6 } }),
		);
		await trigger.activate();
		const premiere = env.fake.addAnalyticsPost(acme, {
			publishedAt: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
		});
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([premiere.id]);
		const today = env.fake.addAnalyticsPost(acme, { publishedAt: ago(60_000) });
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([today.id]);
		// A late row inside the Late Posts Window (measured from now, not from the premiere).
		const late = env.fake.addAnalyticsPost(acme, { publishedAt: ago(5 * HOUR) });
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([late.id]);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('a premiere already listed at activation: the first poll still records the whole window below the clock', async () => {
		const acme = seed('@acme', 'tiktok', 0);
		// 150 rows over the last 5 hours (two pages), and the premiere on top of them.
		for (let i = 0; i < 150; i++)
			env.fake.addAnalyticsPost(acme, { publishedAt: ago(HOUR + i * 60_000) });
		env.fake.addAnalyticsPost(acme, {
			publishedAt: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
		});
		const trigger = new PollHarness(
			env.fake,
			triggerWorkflow({ event: 'newAnalyticsPost', analyticsOptions: { lookbackHours: 6 } }),
		);
		await trigger.activate();
		// A late row among the second page's rows: the walk goes down there, and finds only it new.
		const late = env.fake.addAnalyticsPost(acme, {
			publishedAt: ago(HOUR + 140 * 60_000 + 30_000),
		});
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([late.id]);
	});

	test('rows on the same instant as the newest seen are told apart by ID (no duplicate, no gap)', async () => {
		const acme = seed('@acme', 'tiktok', 0);
		const at = ago(5 * 60_000);
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newAnalyticsPost' }));
		await trigger.activate();
		const a = env.fake.addAnalyticsPost(acme, { publishedAt: at });
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([a.id]);
		const b = env.fake.addAnalyticsPost(acme, { publishedAt: at });
		const c = env.fake.addAnalyticsPost(acme, { publishedAt: at });
		expect((await trigger.poll()).items.map((i) => i.id).sort()).toEqual([b.id, c.id].sort());
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('a burst larger than a page is emitted in full, over several pages', async () => {
		const acme = seed('@acme', 'tiktok', 0);
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newAnalyticsPost' }));
		await trigger.activate();
		const added = Array.from({ length: 250 }, (_v, i) =>
			env.fake.addAnalyticsPost(acme, { publishedAt: ago(HOUR - i * 1000) }),
		);
		const before = analyticsRequests().length;
		const poll = await trigger.poll();
		expect(poll.items).toHaveLength(250);
		expect(poll.items.map((i) => i.id)).toEqual(added.map((p) => p.id));
		expect(analyticsRequests().length - before).toBe(3);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('filters: only the chosen targets and platforms, sent to the API', async () => {
		const acme = seed('@acme', 'tiktok', 0);
		const rival = seed('@rival', 'instagram', 0);
		const trigger = new PollHarness(
			env.fake,
			triggerWorkflow({
				event: 'newAnalyticsPost',
				analyticsFilters: { targets: [rival], platforms: ['instagram'] },
			}),
		);
		await trigger.activate();
		env.fake.addAnalyticsPost(acme);
		const wanted = env.fake.addAnalyticsPost(rival);
		const poll = await trigger.poll();
		expect(poll.items.map((i) => i.id)).toEqual([wanted.id]);
		expect(analyticsRequests().at(-1)!.query).toMatchObject({
			accounts: rival,
			platforms: 'instagram',
		});
	});

	test('Fetch Test Event returns the most recent row without moving the cursor; with none it says so', async () => {
		const empty = await fetchTestEvent(env.fake, { event: 'newAnalyticsPost' });
		expect(empty.error?.message).toBe(
			'No post found in the analytics of the tracked profiles (with the current filters)',
		);
		expect(empty.error?.description).toMatch(/refresh/i);

		const acme = seed('@acme', 'tiktok', 0);
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newAnalyticsPost' }));
		await trigger.activate();
		const newest = env.fake.addAnalyticsPost(acme);
		const sample = await fetchTestEvent(env.fake, { event: 'newAnalyticsPost' });
		expect(sample.error).toBeUndefined();
		expect(sample.output('Genviral Trigger').map((i) => i.json.id)).toEqual([newest.id]);
		// The active workflow still reports it: the test fetch moved nothing.
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([newest.id]);
	});

	test('settings are checked by the parameter reader from their declarations, before any request', async () => {
		const window = await fetchTestEvent(env.fake, {
			event: 'newAnalyticsPost',
			analyticsOptions: { lookbackHours: '={{ 721 }}' },
		});
		expect(window.error?.message).toBe(
			'Options → Late Posts Window (Hours) must be a whole number from 0 to 720; got number 721',
		);
		const platform = await fetchTestEvent(env.fake, {
			event: 'newAnalyticsPost',
			analyticsFilters: { platforms: '={{ ["tiktok", "myspace"] }}' },
		});
		expect(platform.error?.message).toMatch(
			/^Filters → Platforms contains "myspace", which is not allowed \(allowed: /,
		);
		const target = await fetchTestEvent(env.fake, {
			event: 'targetRefreshed',
			targetFilters: { targets: '={{ "@acme" }}' },
		});
		expect(target.error?.message).toBe(
			'Filters → Target Names or IDs contains "@acme", which is not an ID like 0a0a0a0a-0000-4000-8000-00000000a001',
		);
		expect(env.fake.requests).toHaveLength(0);
	});
});

describe('Genviral Trigger: Analytics Target Refreshed', () => {
	const env = useFakeGenviral();
	afterEach(deactivateAll);

	test('emits a target when its last refresh moves, with the previous one; one request per poll', async () => {
		const acme = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'tiktok',
			identifier: '@acme',
			postCount: 3,
		});
		const rival = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'youtube',
			identifier: '@rival',
			postCount: 3,
		});
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'targetRefreshed' }));
		await trigger.activate();
		const before = env.fake.requestsTo('GET /analytics/targets').length;
		expect((await trigger.poll()).items).toEqual([]);
		expect(env.fake.requestsTo('GET /analytics/targets').length - before).toBe(1);

		const refreshedAt = new Date().toISOString();
		env.fake.markRefreshed(rival, refreshedAt);
		const poll = await trigger.poll();
		expect(poll.items).toEqual([
			expect.objectContaining({
				id: rival,
				platform: 'youtube',
				identifier: '@rival',
				last_refreshed_at: refreshedAt,
				previous_refreshed_at: expect.any(String),
			}),
		]);
		expect((await trigger.poll()).items).toEqual([]);

		// A target added and refreshed between two polls is reported; one never refreshed is not.
		const added = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'instagram',
			identifier: '@new',
			postCount: 0,
		});
		const poll2 = await trigger.poll();
		expect(poll2.items.map((i) => [i.id, i.previous_refreshed_at])).toEqual([[added, null]]);
		expect(acme).not.toBe(added);
	});

	test('the Targets filter limits what is reported; changing it starts afresh (silently)', async () => {
		const acme = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'tiktok',
			identifier: '@acme',
			postCount: 3,
		});
		const rival = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'youtube',
			identifier: '@rival',
			postCount: 3,
		});
		const trigger = new PollHarness(
			env.fake,
			triggerWorkflow({ event: 'targetRefreshed', targetFilters: { targets: [acme] } }),
		);
		await trigger.activate();
		env.fake.markRefreshed(rival, new Date(Date.now() + 1000).toISOString());
		env.fake.markRefreshed(acme, new Date(Date.now() + 2000).toISOString());
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([acme]);

		await trigger.updateParameters({
			event: 'targetRefreshed',
			targetFilters: { targets: [rival] },
		});
		// The activation poll of the new filters recorded the state: rival's refresh is not news.
		expect((await trigger.poll()).items).toEqual([]);
		env.fake.markRefreshed(rival, new Date(Date.now() + 3000).toISOString());
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([rival]);
	});
});
