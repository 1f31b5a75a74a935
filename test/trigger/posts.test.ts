/**
 * Genviral Trigger, Post Status Changed, polled by n8n-core's machinery against the fake API:
 * posts change status between polls (seeded states, and real publishing by the clock).
 */
import { accountId } from '../fake-genviral/resources/accounts';
import type { StoredPost } from '../fake-genviral/resources/posts';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { FULL_READ_EVERY } from '../../nodes/GenviralTrigger/events/postStatusChanged';
import { useFakeGenviral } from '../harness/fixtures';
import { deactivateAll, fetchTestEvent, PollHarness, triggerWorkflow } from '../harness/poll';

describe('Genviral Trigger: Post Status Changed', () => {
	const env = useFakeGenviral();
	afterEach(deactivateAll);

	const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
	const tiktok = () => accountId(scope(), 'tiktok');
	const instagram = () => accountId(scope(), 'instagram');
	const listRequests = () => env.fake.requestsTo('GET /posts');
	let clock = Date.parse('2026-01-01T00:00:00.000Z');
	const seed = (status: string, accounts = [tiktok()]) =>
		env.fake.modules.posts.seedPost(scope(), {
			status,
			created_at: new Date((clock += 1000)).toISOString(),
			accounts: accounts.map((id) => ({
				id,
				status: status === 'scheduled' ? 'scheduled' : status,
			})),
		});
	/** The post (and each of its deliveries) moves to a new status, as publishing would. */
	const move = (
		post: StoredPost,
		status: 'posted' | 'failed' | 'partial' | 'pending' | 'retry' | 'scheduled',
	) => {
		post.fixedStatus = status;
		post.deliveries.forEach((d, i) => {
			d.fixed =
				status === 'partial'
					? i === 0
						? 'posted'
						: 'failed'
					: status === 'retry'
						? 'pending'
						: status;
		});
	};

	test('first poll silent; then one item per post that reached Posted, Failed or Partial, with per-account URLs and errors', async () => {
		const scheduled = seed('scheduled');
		const pending = seed('pending', [tiktok(), instagram()]);
		const draft = seed('draft');
		const alreadyPosted = seed('posted');
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'postStatusChanged' }));
		await trigger.activate();
		expect((await trigger.poll()).items).toEqual([]);

		move(scheduled, 'posted');
		move(pending, 'partial');
		move(draft, 'pending'); // not one of the chosen statuses
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items.map((i) => [i.id, i.previous_status, i.status])).toEqual([
			[scheduled.id, 'scheduled', 'posted'],
			[pending.id, 'pending', 'partial'],
		]);
		const states = (poll.items[1].accounts as { states: Array<Record<string, unknown>> }).states;
		expect(states).toEqual([
			expect.objectContaining({
				account_id: tiktok(),
				status: 'posted',
				published_url: expect.stringMatching(/^https:\/\/www\.tiktok\.com\//),
				error_message: null,
			}),
			expect.objectContaining({
				account_id: instagram(),
				status: 'failed',
				published_url: null,
				error_message: expect.any(String),
			}),
		]);
		expect(poll.items.map((i) => i.id)).not.toContain(alreadyPosted.id);

		expect((await trigger.poll()).items).toEqual([]);
		move(draft, 'failed');
		expect((await trigger.poll()).items.map((i) => [i.id, i.previous_status])).toEqual([
			[draft.id, 'pending'],
		]);
	});

	test('a post created and finished between two polls is reported (previous status: null)', async () => {
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'postStatusChanged' }));
		await trigger.activate();
		const fresh = seed('failed');
		expect((await trigger.poll()).items.map((i) => [i.id, i.previous_status])).toEqual([
			[fresh.id, null],
		]);
	});

	test('real publishing by the clock: POST /posts, then the poll after delivery reports it', async () => {
		env.fake.modules.posts.stepMs = 30;
		const trigger = new PollHarness(
			env.fake,
			triggerWorkflow({ event: 'postStatusChanged', statuses: ['posted', 'failed'] }),
		);
		await trigger.activate();
		const created = await fetch(`${env.fake.baseUrl}/posts`, {
			method: 'POST',
			headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				caption: 'Launch day',
				accounts: [{ id: tiktok() }],
				media: { type: 'video', url: 'https://cdn.example.org/launch.mp4' },
			}),
		}).then(async (r) => (await r.json()) as { data: { id: string; status: string } });
		expect(created.data.status).toBe('pending');
		await new Promise((resolve) => setTimeout(resolve, 60));
		const poll = await trigger.poll();
		expect(poll.items).toEqual([
			expect.objectContaining({
				id: created.data.id,
				status: 'posted',
				previous_status: null,
				caption: 'Launch day',
			}),
		]);
	});

	test('nothing changed: one request, even with more posts than a page; a change further back is found through the status counters', async () => {
		const posts = Array.from({ length: 250 }, () => seed('scheduled'));
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'postStatusChanged' }));
		await trigger.activate();
		let before = listRequests().length;
		expect((await trigger.poll()).items).toEqual([]);
		expect(listRequests().length - before).toBe(1);
		expect(listRequests().at(-1)!.query).toEqual({ limit: '100' });

		// posts[10] is the 240th newest: on the third page.
		move(posts[10], 'failed');
		before = listRequests().length;
		const poll = await trigger.poll();
		expect(poll.items.map((i) => [i.id, i.previous_status])).toEqual([[posts[10].id, 'scheduled']]);
		const sent = listRequests().slice(before);
		expect(sent).toHaveLength(3);
		expect(sent[1].query.until).toBe(posts[150].created_at);
		expect(sent[2].query.until).toBe(posts[51].created_at);
	});

	test('a new failure after a retry is reported again (a newer attempt), on the first page at once, further back within the full-read period', async () => {
		const old = seed('failed');
		const others = Array.from({ length: 120 }, () => seed('posted'));
		const recent = seed('failed');
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'postStatusChanged' }));
		await trigger.activate();
		const reattempt = (post: StoredPost) => {
			// Retried and failed again between two polls: same status, newer last_attempted_at.
			post.deliveries.forEach((d) => (d.startsAt = Date.now() - 5000));
		};
		reattempt(recent);
		reattempt(old);
		expect((await trigger.poll()).items.map((i) => [i.id, i.previous_status])).toEqual([
			[recent.id, 'failed'],
		]);
		// `old` is beyond the first page and the counters did not move: a full read finds it.
		const found: string[] = [];
		for (let i = 0; i < FULL_READ_EVERY && found.length === 0; i++)
			found.push(...(await trigger.poll()).items.map((item) => String(item.id)));
		expect(found).toEqual([old.id]);
		expect(others).toHaveLength(120);
	});

	test('a final status already reported (or found by the first poll) is not reported again after a stale read shows the post pending', async () => {
		const alreadyPosted = seed('posted');
		const a = seed('pending');
		const b = seed('pending');
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'postStatusChanged' }));
		await trigger.activate();
		move(a, 'posted');
		move(b, 'failed');
		expect((await trigger.poll()).items.map((i) => [i.id, i.status])).toEqual([
			[a.id, 'posted'],
			[b.id, 'failed'],
		]);
		// One stale read (a replica behind) shows the three pending; the next read is current again.
		for (const post of [alreadyPosted, a, b]) move(post, 'pending');
		expect((await trigger.poll()).items).toEqual([]);
		move(alreadyPosted, 'posted');
		move(a, 'posted');
		move(b, 'failed');
		expect((await trigger.poll()).items).toEqual([]);
		// A real new attempt that fails again is still news (a newer last_attempted_at).
		b.deliveries.forEach((d) => (d.startsAt = Date.now() - 5000));
		expect((await trigger.poll()).items.map((i) => [i.id, i.status])).toEqual([[b.id, 'failed']]);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('more posts than its 1,000-post memory: older posts brought into reach by deletions are not reported as new; a new one is', async () => {
		const posts = Array.from({ length: 1100 }, () => seed('failed'));
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'postStatusChanged' }));
		await trigger.activate();
		const remembered = (trigger.staticData.cursor as { cursor: { posts: { posts: unknown[] } } })
			.cursor.posts.posts;
		expect(remembered).toHaveLength(1000);
		// Three of the newest go: the next read of 1,000 reaches three posts the trigger never knew.
		const deleted = await fetch(`${env.fake.baseUrl}/posts/delete`, {
			method: 'POST',
			headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({ postIds: posts.slice(-3).map((p) => p.id) }),
		}).then(async (r) => (await r.json()) as { data: { deletedIds: string[] } });
		expect(deleted.data.deletedIds).toHaveLength(3);
		const fresh = seed('failed');
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items.map((i) => [i.id, i.previous_status])).toEqual([[fresh.id, null]]);
		expect((await trigger.poll()).items).toEqual([]);
	}, 60_000);

	test('the Accounts filter reports only posts sent to one of the chosen accounts', async () => {
		const toTiktok = seed('pending', [tiktok()]);
		const toInstagram = seed('pending', [instagram()]);
		const toBoth = seed('pending', [instagram(), tiktok()]);
		const trigger = new PollHarness(
			env.fake,
			triggerWorkflow({ event: 'postStatusChanged', postFilters: { accounts: [tiktok()] } }),
		);
		await trigger.activate();
		for (const post of [toTiktok, toInstagram, toBoth]) move(post, 'posted');
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([toTiktok.id, toBoth.id]);
	});

	test('a deleted post is forgotten; the rest keep their state', async () => {
		const a = seed('pending');
		const b = seed('pending');
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'postStatusChanged' }));
		await trigger.activate();
		const deleted = await fetch(`${env.fake.baseUrl}/posts/delete`, {
			method: 'POST',
			headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({ postIds: [a.id] }),
		}).then(async (r) => (await r.json()) as { data: { deletedIds: string[] } });
		expect(deleted.data.deletedIds).toEqual([a.id]);
		move(b, 'posted');
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([b.id]);
		const cursor = JSON.stringify(trigger.staticData);
		expect(cursor).not.toContain(a.id);
		expect(cursor).toContain(b.id);
	});

	test('Fetch Test Event: the newest post in a chosen status, without touching the cursor; none → a clear error', async () => {
		const none = await fetchTestEvent(env.fake, { event: 'postStatusChanged' });
		expect(none.error?.message).toBe(
			'No post with status Posted, Failed or Partial found (with the current filters)',
		);

		seed('posted');
		const newestFailed = seed('failed');
		seed('draft');
		const sample = await fetchTestEvent(env.fake, { event: 'postStatusChanged' });
		expect(sample.error).toBeUndefined();
		expect(sample.output('Genviral Trigger').map((i) => [i.json.id, i.json.status])).toEqual([
			[newestFailed.id, 'failed'],
		]);
		expect(listRequests().at(-1)!.query).toMatchObject({
			status: expect.any(String),
			limit: '100',
		});
	});

	test('bad filters fail the poll before any request, naming the field', async () => {
		const run = await fetchTestEvent(env.fake, {
			event: 'postStatusChanged',
			statuses: ['posted', 'published'],
		});
		expect(run.error?.message).toBe(
			'Statuses contains "published", which is not allowed (allowed: canceled, draft, failed, partial, pending, posted, retry, scheduled)',
		);
		const ids = await fetchTestEvent(env.fake, {
			event: 'postStatusChanged',
			postFilters: { accounts: ['@acme'] },
		});
		expect(ids.error?.message).toBe(
			'Filters → Account Names or IDs contains "@acme", which is not an ID like 0a0a0a0a-0000-4000-8000-00000000a001',
		);
		expect(env.fake.requests).toHaveLength(0);
	});
});
