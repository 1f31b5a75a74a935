/**
 * Genviral Trigger: no duplicates and no gaps across 50 polls of random interleavings (seeded),
 * with failed polls (the transport's retries exhausted mid-walk), restarts and crashes of n8n;
 * errors with the action node's messages; bounded, JSON-safe state.
 */
import type { IDataObject } from 'n8n-workflow';

import type { StoredCursor } from '../../nodes/GenviralTrigger/cursor';
import { readStored } from '../../nodes/GenviralTrigger/cursor';
import { accountId } from '../fake-genviral/resources/accounts';
import type { StoredPost } from '../fake-genviral/resources/posts';
import type { FakeGenviral, RecordedRequest } from '../fake-genviral/server';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { deactivateAll, PollHarness, triggerWorkflow } from '../harness/poll';

/** A small seeded PRNG (mulberry32): the same interleavings on every run. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** Fail every request from the n-th of the next poll on (each attempt of the transport's retries). */
function failFromRequest(fake: FakeGenviral, n: number): () => void {
	let seen = 0;
	fake.faultFor = (request: RecordedRequest) =>
		request.path.startsWith('/') && ++seen >= n
			? { kind: 'error', status: 500, message: 'Injected outage', headers: { 'retry-after': '0' } }
			: undefined;
	return () => (fake.faultFor = undefined);
}

interface Scenario {
	name: string;
	parameters: IDataObject;
	/** Set the scene before activation. */
	setup(fake: FakeGenviral, random: () => number): void;
	/** Change the fake between two polls, at random. */
	step(fake: FakeGenviral, random: () => number): void | Promise<void>;
	/** The events the next successful poll must emit (changes since the last successful poll), by key. */
	expected(fake: FakeGenviral): string[];
	/** An event's key: its ID, or ID and state where the same item can be reported again. */
	keyOf?(item: IDataObject): string;
	/** A poll succeeded: what it saw is the new reference. */
	settled(fake: FakeGenviral): void;
}

const scopeOf = (fake: FakeGenviral) => fake.scopeOf(DEFAULT_TOKEN);

function analyticsScenario(): Scenario {
	let targets: string[] = [];
	let pending: string[] = [];
	return {
		name: 'New Post on a Tracked Profile',
		parameters: { event: 'newAnalyticsPost' },
		setup(fake) {
			targets = ['@a', '@b', '@c'].map((h, i) =>
				fake.seedTarget(DEFAULT_TOKEN, {
					platform: ['tiktok', 'instagram', 'youtube'][i],
					identifier: h,
					postCount: 30,
				}),
			);
			pending = [];
		},
		step(fake, random) {
			const count = Math.floor(random() * 4);
			for (let i = 0; i < count; i++) {
				// Within the last 3 hours, so some land before rows already seen (late arrivals).
				const publishedAt = new Date(
					Date.now() - Math.floor(random() * 3 * 3_600_000),
				).toISOString();
				pending.push(
					fake.addAnalyticsPost(targets[Math.floor(random() * targets.length)], { publishedAt }).id,
				);
			}
		},
		expected: () => pending,
		settled() {
			pending = [];
		},
	};
}

function filesScenario(): Scenario {
	let pending: string[] = [];
	/** Uploads signed at one step and finished at a later one (listed with their older createdAt). */
	let signed: Array<{ uploadUrl: string; url: string }> = [];
	const sign = async (fake: FakeGenviral) => {
		const answer = await fetch(`${fake.baseUrl}/files`, {
			method: 'POST',
			headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({ contentType: 'image/png' }),
		});
		signed.push(((await answer.json()) as { data: { uploadUrl: string; url: string } }).data);
	};
	return {
		name: 'New File',
		parameters: { event: 'newFile', fileFilters: { context: 'all' } },
		setup(fake) {
			for (let i = 0; i < 120; i++)
				fake.modules.files.seedFile(scopeOf(fake), { contentType: 'image/png' });
			pending = [];
			signed = [];
		},
		async step(fake, random) {
			const count = Math.floor(random() * 3);
			for (let i = 0; i < count; i++) {
				const studio = random() < 0.5;
				const file = fake.modules.files.seedFile(scopeOf(fake), {
					contentType: studio ? 'video/mp4' : 'image/png',
					context: studio ? 'ai-studio' : 'partner-api',
				});
				pending.push(file.id);
			}
			if (random() < 0.3) await sign(fake);
			if (signed.length > 0 && random() < 0.4) {
				const upload = signed.shift()!;
				const put = await fetch(upload.uploadUrl, {
					method: 'PUT',
					headers: { 'content-type': 'image/png' },
					body: Buffer.alloc(64, 7),
				});
				expect(put.ok).toBe(true);
				pending.push(fake.modules.files.findByUrl(scopeOf(fake), upload.url)!.id);
			}
		},
		expected: () => pending,
		settled() {
			pending = [];
		},
	};
}

function postsScenario(): Scenario {
	const statuses = ['posted', 'failed', 'partial'];
	/** Moves a post can make (reference 7 "Statuses"). */
	const next: Record<string, string[]> = {
		draft: ['pending', 'scheduled'],
		scheduled: ['pending'],
		pending: ['posted', 'failed', 'partial'],
		failed: ['retry'],
		// A new failure after a retry reads "failed" again: its own test covers it (posts.test.ts).
		retry: ['posted'],
		posted: [],
		partial: [],
	};
	let posts: StoredPost[] = [];
	let reference = new Map<string, string>();
	let clock = Date.parse('2026-02-01T00:00:00.000Z');
	const account = (fake: FakeGenviral) => accountId(scopeOf(fake), 'tiktok');
	const status = (post: StoredPost) => post.fixedStatus as string;
	const move = (post: StoredPost, to: string) => {
		post.fixedStatus = to;
		post.deliveries.forEach(
			(d) => (d.fixed = to === 'retry' ? 'pending' : to === 'partial' ? 'posted' : to),
		);
	};
	const seed = (fake: FakeGenviral, to: string) =>
		fake.modules.posts.seedPost(scopeOf(fake), {
			status: to,
			created_at: new Date((clock += 1000)).toISOString(),
			accounts: [{ id: account(fake), status: to }],
		});
	return {
		name: 'Post Status Changed',
		parameters: { event: 'postStatusChanged' },
		setup(fake, random) {
			posts = Array.from({ length: 230 }, () =>
				seed(fake, Object.keys(next)[Math.floor(random() * 7)]),
			);
			reference = new Map(posts.map((p) => [p.id, status(p)]));
		},
		step(fake, random) {
			const moves = Math.floor(random() * 4);
			const moved = new Set<StoredPost>();
			for (let i = 0; i < moves; i++) {
				const post = posts[Math.floor(random() * posts.length)];
				if (moved.has(post)) continue;
				moved.add(post);
				const options = next[status(post)];
				if (options.length > 0) move(post, options[Math.floor(random() * options.length)]);
			}
			if (random() < 0.3)
				posts.push(seed(fake, ['draft', 'pending', 'posted'][Math.floor(random() * 3)]));
		},
		expected: () =>
			posts
				.filter((p) => reference.get(p.id) !== status(p) && statuses.includes(status(p)))
				.map((p) => `${p.id}@${status(p)}`),
		keyOf: (item) => `${String(item.id)}@${String(item.status)}`,
		settled() {
			reference = new Map(posts.map((p) => [p.id, status(p)]));
		},
	};
}

function targetsScenario(): Scenario {
	let targets: string[] = [];
	let reference = new Map<string, string | null>();
	let refreshed = new Map<string, string>();
	let clock = Date.now();
	return {
		name: 'Analytics Target Refreshed',
		parameters: { event: 'targetRefreshed' },
		setup(fake) {
			targets = Array.from({ length: 8 }, (_v, i) =>
				fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: `@t${i}`, postCount: 1 }),
			);
			refreshed = new Map();
			reference = new Map();
		},
		step(fake, random) {
			const count = Math.floor(random() * 3);
			for (let i = 0; i < count; i++) {
				const id = targets[Math.floor(random() * targets.length)];
				const at = new Date((clock += 1000)).toISOString();
				fake.markRefreshed(id, at);
				refreshed.set(id, at);
			}
		},
		expected: () =>
			[...refreshed]
				.filter(([id, at]) => reference.get(id) !== at)
				.map(([id, at]) => `${id}@${at}`),
		keyOf: (item) => `${String(item.id)}@${String(item.last_refreshed_at)}`,
		settled() {
			reference = new Map(refreshed);
		},
	};
}

describe('Genviral Trigger: 50 polls of random interleavings, failures and restarts', () => {
	const env = useFakeGenviral();
	afterEach(async () => {
		env.fake.faultFor = undefined;
		await deactivateAll();
	});

	test.each(
		[
			{ scenario: analyticsScenario(), seed: 101 },
			{ scenario: filesScenario(), seed: 202 },
			{ scenario: postsScenario(), seed: 303 },
			{ scenario: targetsScenario(), seed: 404 },
		].map((row) => ({ ...row, name: row.scenario.name })),
	)('$name: every event exactly once', async ({ scenario, seed }) => {
		const random = rng(seed);
		scenario.setup(env.fake, random);
		const trigger = new PollHarness(env.fake, triggerWorkflow(scenario.parameters));
		expect(await trigger.activate()).toEqual([]);
		scenario.settled(env.fake);

		const keyOf = scenario.keyOf ?? ((item: IDataObject) => String(item.id));
		const emitted: string[] = [];
		let failures = 0;
		let restarts = 0;
		for (let round = 0; round < 50; round++) {
			await scenario.step(env.fake, random);
			const expected = [...scenario.expected(env.fake)].sort();
			const roll = random();
			if (roll < 0.15) {
				// The outage hits the first or a later page of the walk; the poll fails and must lose nothing.
				const stop = failFromRequest(env.fake, 1 + Math.floor(random() * 2));
				const before = JSON.stringify(trigger.staticData);
				const poll = await trigger.poll();
				stop();
				if (poll.error) {
					failures++;
					expect(poll.error.message).toMatch(
						/^Injected outage \(gave up after 4 attempts; last: HTTP 500\)$/,
					);
					expect(poll.items).toEqual([]);
					expect(JSON.stringify(trigger.staticData)).toBe(before);
					continue;
				}
				// The walk needed fewer requests than the outage skipped: a normal poll.
				emitted.push(...poll.items.map(keyOf));
				expect(poll.items.map(keyOf).sort()).toEqual(expected);
				scenario.settled(env.fake);
				continue;
			}
			let items: IDataObject[];
			if (roll < 0.25) {
				restarts++;
				items = await trigger.restart({ crash: random() < 0.5 });
			} else {
				const poll = await trigger.poll();
				expect(poll.error).toBeUndefined();
				items = poll.items;
			}
			const ids = items.map(keyOf);
			emitted.push(...ids);
			expect(ids.sort()).toEqual(expected);
			scenario.settled(env.fake);
			// What the trigger stored validates: a later poll will not take it for damage.
			const stored = trigger.staticData.cursor as StoredCursor;
			expect(readStored(trigger.staticData, stored.fingerprint, stored.cursor.kind)).toEqual({
				cursor: stored.cursor,
			});
		}
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted.length).toBeGreaterThan(10);
		expect(failures).toBeGreaterThan(0);
		expect(restarts).toBeGreaterThan(0);
		// The stored state is plain JSON.
		expect(JSON.parse(JSON.stringify(trigger.staticData))).toEqual(trigger.staticData);
	});
});

describe('Genviral Trigger: errors', () => {
	const env = useFakeGenviral();
	afterEach(async () => {
		env.fake.faultFor = undefined;
		await deactivateAll();
	});

	test('a wrong key fails the activation with the API message, as the action node does', async () => {
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newFile' }), {
			token: 'gva_live_000000.not-a-real-key',
		});
		const activation = trigger.activate();
		await expect(activation).rejects.toThrow(
			'There was a problem activating the workflow: "API key not found"',
		);
		// n8n shows the activation error with the API error's description.
		const error = (await activation.catch((e: Error) => e)) as Error & { description: string };
		expect(error.description).toContain('HTTP 401 from GET /files, error_code: invalid_token');
		expect(error.description).toContain('Open the Genviral API credential');
		expect(trigger.cronJobs()).toEqual([]);
	});

	test('a plan error on a later poll fails that poll (n8n records it) and leaves the cursor; the next poll catches up', async () => {
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newFile' }));
		await trigger.activate();
		const file = env.fake.modules.files.seedFile(scopeOf(env.fake), { contentType: 'image/png' });
		env.fake.inject('GET /files', {
			kind: 'error',
			status: 402,
			error_code: 'subscription_required',
			message: 'An active plan is required',
		});
		const before = JSON.stringify(trigger.staticData);
		const failed = await trigger.poll();
		expect(failed.error?.message).toBe('An active plan is required');
		expect((failed.error as unknown as { httpCode: string }).httpCode).toBe('402');
		expect((failed.error as unknown as { description: string }).description).toContain(
			'no active Creator, Professional or Business plan',
		);
		expect(env.fake.requestsTo('GET /files').slice(-1)).toHaveLength(1);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([file.id]);
	});

	test("the transport's retries apply: a 500 then success is one poll that emits", async () => {
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newFile' }));
		await trigger.activate();
		const file = env.fake.modules.files.seedFile(scopeOf(env.fake), { contentType: 'image/png' });
		env.fake.inject('GET /files', {
			kind: 'error',
			status: 500,
			error_code: 'list_failed',
			message: 'files could not be read',
		});
		const before = env.fake.requestsTo('GET /files').length;
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items.map((i) => i.id)).toEqual([file.id]);
		expect(env.fake.requestsTo('GET /files').length - before).toBe(2);
	});

	test('a connection reset on every attempt fails the poll; nothing is lost', async () => {
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newFile' }));
		await trigger.activate();
		const file = env.fake.modules.files.seedFile(scopeOf(env.fake), { contentType: 'image/png' });
		env.fake.inject(
			'GET /files',
			{ kind: 'reset' },
			{ kind: 'reset' },
			{ kind: 'reset' },
			{ kind: 'reset' },
		);
		const failed = await trigger.poll();
		expect(failed.error?.message).toMatch(/ECONNRESET|socket hang up|connection/i);
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([file.id]);
	}, 30_000);
});
