/**
 * The fake's posts routes against the reference (section 7), spoken to over plain HTTP: the
 * node's tests rely on these rules, so they are checked on their own first.
 */
import { useFakeGenviral } from '../harness/fixtures';
import type { DefaultAccountName } from './resources/accounts';
import { DEFAULT_TOKEN } from './server';

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);

async function call(method: string, path: string, body?: unknown, token = DEFAULT_TOKEN) {
	const response = await fetch(`${env.fake.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The scope's default accounts (the accounts fake gives every scope one per platform). */
function accounts(...names: DefaultAccountName[]) {
	const defaults = env.fake.modules.accounts.defaults(scope());
	return names.map((name) => defaults[name]);
}

const video = { type: 'video', url: 'https://cdn.example.org/clip.mp4', duration_sec: 20 };

describe('fake POST /posts', () => {
	test('creates a pending post (201) and replays the same external_id with duplicate:true (200)', async () => {
		const [tiktok] = accounts('tiktok');
		const body = {
			caption: 'Hi',
			accounts: [{ id: tiktok.id }],
			media: video,
			external_id: 'run-1',
		};
		const first = await call('POST', '/posts', body);
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({
			ok: true,
			code: 201,
			message: 'Post scheduled',
			data: { status: 'pending', scheduled_at: null },
		});
		expect(first.body.data.duplicate).toBeUndefined();

		const again = await call('POST', '/posts', {
			external_id: 'run-1',
			media: video,
			accounts: [{ id: tiktok.id }],
			caption: 'Hi',
		});
		expect(again.status).toBe(200);
		expect(again.body.data).toMatchObject({ id: first.body.data.id, duplicate: true });

		const conflict = await call('POST', '/posts', { ...body, caption: 'Other' });
		expect(conflict.status).toBe(409);
		expect(conflict.body).toMatchObject({ ok: false, code: 409, error_code: 'create_failed' });
		expect(env.fake.modules.posts.all(scope())).toHaveLength(1);
	});

	test('without external_id an identical body is a replay (fingerprint)', async () => {
		const [tiktok] = accounts('tiktok');
		const body = { caption: 'Same', accounts: [{ id: tiktok.id }], media: video };
		const a = await call('POST', '/posts', body);
		const b = await call('POST', '/posts', body);
		expect(b.status).toBe(200);
		expect(b.body.data).toMatchObject({ id: a.body.data.id, duplicate: true });
	});

	test('schedules at least 2 minutes ahead; within 30 s means now', async () => {
		const [tiktok] = accounts('tiktok');
		const base = { caption: 'x', accounts: [{ id: tiktok.id }], media: video };
		const at = new Date(Date.now() + 3_600_000);
		const scheduled = await call('POST', '/posts', {
			...base,
			scheduled_at: at.toISOString().replace('Z', '+00:00'),
		});
		expect(scheduled.body.data).toMatchObject({
			status: 'scheduled',
			scheduled_at: at.toISOString(),
		});
		const soon = await call('POST', '/posts', {
			...base,
			caption: 'y',
			scheduled_at: new Date(Date.now() + 60_000).toISOString(),
		});
		expect(soon.status).toBe(422);
		const now = await call('POST', '/posts', {
			...base,
			caption: 'z',
			scheduled_at: new Date(Date.now() + 5_000).toISOString(),
		});
		expect(now.body.data).toMatchObject({ status: 'pending', scheduled_at: null });
		const noOffset = await call('POST', '/posts', {
			...base,
			caption: 'w',
			scheduled_at: '2030-01-01T10:00:00',
		});
		expect(noOffset.body).toMatchObject({ code: 422, error_code: 'invalid_payload' });
	});

	test('documented validation', async () => {
		const [tiktok, instagram] = accounts('tiktok', 'instagram');
		const one = [{ id: tiktok.id }];
		const cases: Array<[unknown, number, string]> = [
			['{not json', 400, 'invalid_json'],
			[{ caption: 'x', accounts: [], media: video }, 422, 'invalid_payload'],
			[
				{
					caption: 'x',
					accounts: Array.from({ length: 11 }, () => ({ id: tiktok.id })),
					media: video,
				},
				422,
				'invalid_payload',
			],
			[
				{ caption: 'x', accounts: one, media: { type: 'slideshow', urls: [] } },
				422,
				'invalid_payload',
			],
			[
				{
					caption: 'x',
					accounts: one,
					media: { type: 'slideshow', urls: Array(36).fill('https://a.org/1.png') },
				},
				422,
				'invalid_payload',
			],
			[
				{ caption: 'x', accounts: one, media: video, tiktok: {}, pinterest: {} },
				422,
				'invalid_payload',
			],
			[
				{ caption: 'x', accounts: one, media: video, settings: { tiktok: {} } },
				422,
				'invalid_payload',
			],
			[
				{ caption: 'x', accounts: [{ id: '0a0a0a0a-0000-4000-8000-0000000000ff' }], media: video },
				400,
				'unknown_accounts',
			],
			[
				{
					caption: 'x',
					accounts: one,
					media: { type: 'video', url: 'https://cdn.gone.invalid/v.mp4' },
				},
				400,
				'media_unreachable',
			],
			[
				{ caption: 'x', accounts: one, media: video, music_url: 'https://example.org/song' },
				400,
				'invalid_music_url',
			],
			[
				{
					caption: 'x',
					accounts: [{ id: tiktok.id }, { id: instagram.id }],
					media: video,
					music_url: 'https://www.tiktok.com/@a/video/1',
				},
				400,
				'validation_failed',
			],
			[
				{ caption: 'x'.repeat(2201), accounts: [{ id: instagram.id }], media: video },
				400,
				'validation_failed',
			],
			[{ caption: 'text only', accounts: one }, 400, 'validation_failed'],
			[
				{ caption: 'x', accounts: [{ id: instagram.id }], media: video, tiktok: { title: 'a' } },
				422,
				'invalid_payload',
			],
			[
				{ caption: 'x', accounts: one, media: video, pinterest: { title: 'a' } },
				422,
				'invalid_payload',
			],
		];
		for (const [body, status, code] of cases) {
			const reply = await call('POST', '/posts', body);
			expect({ body, status: reply.status, code: reply.body.error_code }).toEqual({
				body,
				status,
				code,
			});
		}
		const paused = env.fake.modules.accounts.defaults(scope()).pausedYoutube;
		const missing = await call('POST', '/posts', {
			caption: 'x',
			accounts: [{ id: paused.id }],
			media: video,
		});
		expect(missing.body.error_code).toBe('missing_accounts');
		expect(env.fake.modules.posts.all(scope())).toHaveLength(0);
	});

	test('text-only posts when every target supports text_only; warning without a video duration', async () => {
		const x = env.fake.modules.accounts.defaults(scope()).linkedin;
		const text = await call('POST', '/posts', {
			caption: 'Just words',
			accounts: [{ id: x.id }],
			media: null,
		});
		expect(text.status).toBe(201);
		const [tiktok] = accounts('tiktok');
		const noDuration = await call('POST', '/posts', {
			caption: 'v',
			accounts: [{ id: tiktok.id }],
			media: { type: 'video', url: 'https://cdn.example.org/v.mp4' },
		});
		expect(noDuration.body.data.warnings).toEqual([
			expect.objectContaining({ field: 'media', code: 'VIDEO_DURATION_MISSING' }),
		]);
		// An upload that declared its duration (POST /files) needs no duration_sec.
		const file = env.fake.modules.files.seedFile(scope(), {
			contentType: 'video/mp4',
			durationSeconds: 21,
		});
		const known = await call('POST', '/posts', {
			caption: 'k',
			accounts: [{ id: tiktok.id }],
			media: { type: 'video', url: file.url },
		});
		expect(known.status).toBe(201);
		expect(known.body.data.warnings).toBeUndefined();
	});

	test('media on the storage origin must exist there', async () => {
		const [tiktok] = accounts('tiktok');
		const url = env.fake.storage.putMedia('a.mp4', 'video/mp4', Buffer.from('video'));
		const okReply = await call('POST', '/posts', {
			caption: 'a',
			accounts: [{ id: tiktok.id }],
			media: { type: 'video', url, duration_sec: 20 },
		});
		expect(okReply.status).toBe(201);
		const gone = await call('POST', '/posts', {
			caption: 'b',
			accounts: [{ id: tiktok.id }],
			media: { type: 'video', url: `${url}-missing` },
		});
		expect(gone.body.error_code).toBe('media_unreachable');
	});

	test('drop-the-connection fault: the post is stored, no answer, the replay says duplicate', async () => {
		const [tiktok] = accounts('tiktok');
		env.fake.modules.posts.dropConnectionAfterStore = 1;
		const body = {
			caption: 'once',
			accounts: [{ id: tiktok.id }],
			media: video,
			external_id: 'exec-1',
		};
		await expect(call('POST', '/posts', body)).rejects.toThrow();
		expect(env.fake.modules.posts.all(scope())).toHaveLength(1);
		const replay = await call('POST', '/posts', body);
		expect(replay.body.data.duplicate).toBe(true);
	});
});

describe('fake publishing over time', () => {
	test('pending → posted after one step, with published_url per account', async () => {
		env.fake.modules.posts.stepMs = 150;
		const [tiktok, instagram] = accounts('tiktok', 'instagram');
		const created = await call('POST', '/posts', {
			caption: 'a',
			accounts: [{ id: tiktok.id }, { id: instagram.id }],
			media: video,
		});
		const id = created.body.data.id;
		expect((await call('GET', `/posts/${id}`)).body.data.status).toBe('pending');
		await sleep(200);
		const done = (await call('GET', `/posts/${id}`)).body.data;
		expect(done.status).toBe('posted');
		expect(done.accounts.total).toBe(2);
		expect(done.accounts.states).toEqual([
			expect.objectContaining({
				account_id: tiktok.id,
				status: 'posted',
				published_url: expect.stringContaining('tiktok.com/@'),
				error_message: null,
			}),
			expect.objectContaining({
				account_id: instagram.id,
				status: 'posted',
				published_url: expect.stringContaining('instagram.com'),
			}),
		]);
		expect(Object.keys(done).sort()).toEqual(
			[
				'id',
				'caption',
				'status',
				'scheduled_at',
				'created_at',
				'media',
				'music_url',
				'tiktok',
				'pinterest',
				'accounts',
			].sort(),
		);
	});

	test('partial and failed outcomes; retry re-queues the failed accounts', async () => {
		env.fake.modules.posts.stepMs = 100;
		env.fake.modules.posts.outcome = 'partial';
		const [a, b] = accounts('tiktok', 'instagram');
		const created = await call('POST', '/posts', {
			caption: 'p',
			accounts: [{ id: a.id }, { id: b.id }],
			media: video,
		});
		const id = created.body.data.id;
		await sleep(150);
		const partial = (await call('GET', `/posts/${id}`)).body.data;
		expect(partial.status).toBe('partial');
		expect(partial.accounts.states[1]).toMatchObject({
			status: 'failed',
			error_message: expect.any(String),
			published_url: null,
		});

		const retried = await call('POST', '/posts/retry', {
			post_ids: [id, '0a0a0a0a-0000-4000-8000-0000000000ff'],
		});
		expect(retried.body.data).toEqual({
			retried: 1,
			ids: [id],
			failed: ['0a0a0a0a-0000-4000-8000-0000000000ff'],
			errors: { '0a0a0a0a-0000-4000-8000-0000000000ff': 'Post not found' },
		});
		expect((await call('GET', `/posts/${id}`)).body.data.status).toBe('retry');
		await sleep(150);
		expect((await call('GET', `/posts/${id}`)).body.data.status).toBe('posted');
		const again = await call('POST', '/posts/retry', { post_ids: [id] });
		expect(again.body.data.errors[id]).toContain('posted');
	});

	test('scheduled posts stay scheduled until their time (compressed in tests)', async () => {
		env.fake.modules.posts.stepMs = 50;
		env.fake.modules.posts.scheduledStartsAfterMs = 100;
		const [a] = accounts('tiktok');
		const at = new Date(Date.now() + 600_000).toISOString();
		const created = await call('POST', '/posts', {
			caption: 's',
			accounts: [{ id: a.id }],
			media: video,
			scheduled_at: at,
		});
		expect(created.body.data.status).toBe('scheduled');
		await sleep(200);
		expect((await call('GET', `/posts/${created.body.data.id}`)).body.data.status).toBe('posted');
	});
});

describe('fake GET /posts', () => {
	test('newest first, limit, since/until window inclusive, summary of the whole scope', async () => {
		const posts = env.fake.modules.posts;
		const base = Date.parse('2026-01-01T00:00:00.000Z');
		const ids = Array.from(
			{ length: 5 },
			(_v, i) =>
				posts.seedPost(scope(), {
					status: i % 2 ? 'failed' : 'posted',
					created_at: new Date(base + i * 60_000).toISOString(),
				}).id,
		);
		const all = await call('GET', '/posts?limit=3');
		expect(all.body.data.posts.map((p: { id: string }) => p.id)).toEqual([ids[4], ids[3], ids[2]]);
		expect(all.body.data.summary).toMatchObject({
			total: 5,
			published: 3,
			by_status: { posted: 3, failed: 2 },
		});
		const older = await call(
			'GET',
			`/posts?limit=3&until=${encodeURIComponent(new Date(base + 2 * 60_000).toISOString())}`,
		);
		expect(older.body.data.posts.map((p: { id: string }) => p.id)).toEqual([
			ids[2],
			ids[1],
			ids[0],
		]);
		const window = await call(
			'GET',
			`/posts?since=2026-01-01T01:01:00%2B01:00&until=2026-01-01T00:03:00Z&status=failed`,
		);
		expect(window.body.data.posts.map((p: { id: string }) => p.id)).toEqual([ids[3], ids[1]]);
		expect((await call('GET', '/posts?limit=500')).body.data.posts).toHaveLength(5);
		expect((await call('GET', '/posts?since=yesterday')).body).toMatchObject({
			code: 400,
			error_code: 'invalid_since',
		});
		expect((await call('GET', '/posts?until=2026-01-01T00:00:00')).body).toMatchObject({
			code: 400,
			error_code: 'invalid_until',
		});
	});

	test('another scope sees nothing and gets 404 for the id', async () => {
		const post = env.fake.modules.posts.seedPost(scope(), { status: 'posted' });
		const personal = 'gva_live_9f9f9f.personal-secret';
		expect((await call('GET', '/posts', undefined, personal)).body.data.posts).toEqual([]);
		expect((await call('GET', `/posts/${post.id}`, undefined, personal)).body).toMatchObject({
			code: 404,
			error_code: 'not_found',
		});
	});
});

describe('fake PATCH /posts/{id} and POST /posts/delete', () => {
	test('update rules', async () => {
		const posts = env.fake.modules.posts;
		const [a] = accounts('tiktok');
		const created = await call('POST', '/posts', {
			caption: 'c',
			accounts: [{ id: a.id }],
			media: video,
			external_id: 'e1',
			scheduled_at: new Date(Date.now() + 3_600_000).toISOString(),
			settings: { youtube: { title: 'T' } },
		});
		const id = created.body.data.id;
		expect((await call('PATCH', `/posts/${id}`, {})).body).toMatchObject({
			code: 422,
			error_code: 'invalid_payload',
		});
		expect((await call('PATCH', `/posts/${id}`, { external_id: 'e2' })).body).toMatchObject({
			code: 409,
			error_code: 'external_id_immutable',
		});
		expect(
			(await call('PATCH', `/posts/${id}`, { settings: { pinterest: {} } })).body.error_code,
		).toBe('invalid_payload');
		const asap = await call('PATCH', `/posts/${id}`, { scheduled_at: null, caption: 'new' });
		expect(asap.body).toMatchObject({
			code: 200,
			message: 'Post updated',
			data: { id, status: 'pending', scheduled_at: null },
		});
		const done = posts.seedPost(scope(), { status: 'posted' });
		expect((await call('PATCH', `/posts/${done.id}`, { caption: 'x' })).body.message).toContain(
			'posted',
		);
		expect(
			(await call('PATCH', '/posts/0a0a0a0a-0000-4000-8000-0000000000ff', { caption: 'x' })).body
				.error_code,
		).toBe('not_found');
	});

	test('bulk delete reports per id', async () => {
		const posts = env.fake.modules.posts;
		const draft = posts.seedPost(scope(), { status: 'draft' });
		const posted = posts.seedPost(scope(), { status: 'posted' });
		const broken = posts.seedPost(scope(), { status: 'failed' });
		posts.deleteFailsFor.add(broken.id);
		const gone = '0a0a0a0a-0000-4000-8000-0000000000ff';
		const reply = await call('POST', '/posts/delete', {
			postIds: [draft.id, posted.id, gone, broken.id, draft.id],
		});
		expect(reply.body).toMatchObject({ code: 200, message: 'Posts deleted' });
		expect(reply.body.data).toEqual({
			deletedIds: [draft.id],
			blockedStatuses: [{ id: posted.id, status: 'posted' }],
			skipped: [gone],
			errors: { [broken.id]: expect.any(String) },
		});
		expect(
			(
				await call('POST', '/posts/delete', {
					post_ids: Array.from({ length: 51 }, (_v, i) => `id-${i}`),
				})
			).body,
		).toMatchObject({ code: 400, error_code: 'too_many_post_ids' });
		expect((await call('POST', '/posts/delete', { postIds: [] })).body.error_code).toBe(
			'invalid_payload',
		);
		expect((await call('POST', '/posts/retry', { post_ids: [] })).body.error_code).toBe(
			'invalid_payload',
		);
	});
});
