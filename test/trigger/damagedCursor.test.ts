/**
 * Genviral Trigger: a stored cursor that does not have the shape this version writes (static
 * data edited by hand, a bad import, a half-written save) is treated as absent: the poll starts
 * afresh (records where things stand, reports nothing), n8n's logger says so once, and the
 * trigger works again from the next poll. Polled by n8n-core's machinery against the fake API.
 */
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { accountId } from '../fake-genviral/resources/accounts';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { deactivateAll, PollHarness, triggerWorkflow } from '../harness/poll';

/** n8n's logger as n8n-core's contexts get it (their copy of @n8n/di and @n8n/backend-common). */
const fromCore = (id: string) =>
	require(require.resolve(id, { paths: [path.dirname(require.resolve('n8n-core'))] }));
const Container = fromCore('@n8n/di').Container as { get<T>(type: unknown): T };
const n8nLogger = () =>
	Container.get<{ warn: (message: string, meta?: object) => void }>(
		fromCore('@n8n/backend-common').Logger,
	);

type Damage = (stored: IDataObject) => void;
const inner = (stored: IDataObject, kind: string) =>
	(stored.cursor as IDataObject)[kind] as IDataObject;

describe('Genviral Trigger: a damaged cursor', () => {
	const env = useFakeGenviral();
	const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
	let warn: jest.SpyInstance;
	beforeEach(() => {
		warn = jest.spyOn(n8nLogger(), 'warn');
	});
	afterEach(async () => {
		warn.mockRestore();
		await deactivateAll();
	});
	const damageWarnings = () =>
		warn.mock.calls.filter(([message]) => String(message).includes('stored cursor'));

	const feedDamages: Array<[string, Damage]> = [
		['seen is not a list', (s) => (inner(s, 'feed').seen = { a: 1 })],
		[
			'a seen entry has a text instant',
			(s) => (inner(s, 'feed').seen as unknown[]).push(['x', 'yesterday']),
		],
		['the watermark is text', (s) => (inner(s, 'feed').watermark = '2026-01-01')],
		['forgottenUpTo is not a number', (s) => (inner(s, 'feed').forgottenUpTo = true)],
		['total is text', (s) => (inner(s, 'feed').total = '300')],
		['pollsSinceFullRead is missing', (s) => delete inner(s, 'feed').pollsSinceFullRead],
		[
			'the cursor is of another event',
			(s) => (s.cursor = { kind: 'targets', targets: { targets: [], forgottenUpTo: null } }),
		],
		['the cursor is null', (s) => (s.cursor = null)],
		['the fingerprint is a number', (s) => (s.fingerprint = 7)],
	];

	test.each(feedDamages)(
		'New File, %s: the poll starts afresh (silent), logs once, and the next poll reports',
		async (_name, damage) => {
			env.fake.modules.files.seedFile(scope(), { contentType: 'image/png', filename: 'old.png' });
			const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newFile' }));
			await trigger.activate();
			damage(trigger.staticData.cursor as IDataObject);
			const late = env.fake.modules.files.seedFile(scope(), {
				contentType: 'image/png',
				filename: 'during.png',
			});

			const afresh = await trigger.poll();
			expect(afresh.error).toBeUndefined();
			expect(afresh.items).toEqual([]);
			expect(damageWarnings()).toHaveLength(1);
			const [message, meta] = damageWarnings()[0];
			expect(message).toMatch(
				/^Genviral Trigger: the stored cursor is damaged \(.+\); starting afresh/,
			);
			expect(JSON.stringify([message, meta])).not.toContain(DEFAULT_TOKEN);

			await new Promise((resolve) => setTimeout(resolve, 5));
			const next = env.fake.modules.files.seedFile(scope(), {
				contentType: 'image/png',
				filename: 'next.png',
			});
			expect((await trigger.poll()).items.map((i) => i.id)).toEqual([next.id]);
			expect((await trigger.poll()).items).toEqual([]);
			expect(damageWarnings()).toHaveLength(1);
			expect(late.id).not.toBe(next.id);
		},
	);

	test('Post Status Changed, a remembered post of the wrong shape, after n8n restarts from what it saved: the activation poll starts afresh', async () => {
		const tiktok = accountId(scope(), 'tiktok');
		const post = env.fake.modules.posts.seedPost(scope(), {
			status: 'pending',
			accounts: [{ id: tiktok, status: 'pending' }],
		});
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'postStatusChanged' }));
		await trigger.activate();
		const saved = trigger.savedStaticData['node:Genviral Trigger'] as IDataObject;
		((inner(saved.cursor as IDataObject, 'posts').posts as unknown[][])[0] as unknown[])[2] =
			'not an instant';
		expect(await trigger.restart({ crash: true })).toEqual([]);
		expect(damageWarnings()).toHaveLength(1);
		post.fixedStatus = 'posted';
		post.deliveries.forEach((d) => (d.fixed = 'posted'));
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([post.id]);
		expect(damageWarnings()).toHaveLength(1);
	});

	test.each<[string, Damage]>([
		['counts hold text', (s) => (inner(s, 'posts').counts = { '#total': 'many' })],
		['posts is text', (s) => (inner(s, 'posts').posts = 'a,b')],
	])('Post Status Changed, %s: starts afresh, logged once', async (_name, damage) => {
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'postStatusChanged' }));
		await trigger.activate();
		damage(trigger.staticData.cursor as IDataObject);
		const poll = await trigger.poll();
		expect([poll.error, poll.items]).toEqual([undefined, []]);
		await trigger.poll();
		expect(damageWarnings()).toHaveLength(1);
	});

	test.each<[string, Damage]>([
		['a target entry is a number', (s) => (inner(s, 'targets').targets as unknown[]).push(42)],
		['forgottenUpTo is a number', (s) => (inner(s, 'targets').forgottenUpTo = 12)],
	])('Analytics Target Refreshed, %s: starts afresh, logged once', async (_name, damage) => {
		const target = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'tiktok',
			identifier: '@acme',
			postCount: 1,
		});
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'targetRefreshed' }));
		await trigger.activate();
		damage(trigger.staticData.cursor as IDataObject);
		env.fake.markRefreshed(target, new Date(Date.now() + 1000).toISOString());
		const poll = await trigger.poll();
		expect([poll.error, poll.items]).toEqual([undefined, []]);
		env.fake.markRefreshed(target, new Date(Date.now() + 2000).toISOString());
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([target]);
		expect(damageWarnings()).toHaveLength(1);
	});

	test('a cursor of another version or of other filters starts afresh without a warning (nothing is damaged)', async () => {
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newFile' }));
		await trigger.activate();
		(trigger.staticData.cursor as IDataObject).version = 0;
		expect((await trigger.poll()).items).toEqual([]);
		(trigger.staticData.cursor as IDataObject).fingerprint = '["newFile",[]]';
		expect((await trigger.poll()).items).toEqual([]);
		expect(damageWarnings()).toEqual([]);
	});
});
