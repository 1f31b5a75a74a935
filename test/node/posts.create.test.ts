/** Post → Create in the engine against the fake: the exact request, output, checks, replays, waiting. */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { runWorkflow } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { genviralWorkflow, GENVIRAL_NODE_NAME, runGenviral } from '../harness/genviral';

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
const accounts = () => env.fake.modules.accounts.defaults(scope());
const posts = () => env.fake.modules.posts.all(scope());
const sentTo = (endpoint: string) => env.fake.requestsTo(endpoint);

const VIDEO_URL = 'https://cdn.example.org/launch.mp4';
const create = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'post',
	operation: 'create',
	accountIds: [accounts().tiktok.id, accounts().instagram.id],
	caption: 'Launch day',
	postMedia: 'video',
	mediaSource: 'url',
	videoUrl: VIDEO_URL,
	...fields,
});
// Fast polling for the suite; the node's defaults are 15 s and 600 s.
const WAIT = { waitForPublish: true, pollInterval: 0.1, maxWait: 5 };
const FAST_RETRY = { options: { retryDelay: 10 } };

describe('Post → Create: the request', () => {
	test('a video to two accounts, now: exact body with the default external ID; output with warnings and duplicate', async () => {
		const { items, error } = await runGenviral(env.fake, create());
		expect(error).toBeUndefined();
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /posts']);
		const body = sentTo('POST /posts')[0].body as Record<string, unknown>;
		expect(body).toEqual({
			caption: 'Launch day',
			accounts: [{ id: accounts().tiktok.id }, { id: accounts().instagram.id }],
			media: { type: 'video', url: VIDEO_URL },
			external_id: expect.stringMatching(/^n8n-[0-9a-f]{10}-\d+-genviral-0-0$/),
		});
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toEqual({
			id: posts()[0].id,
			status: 'pending',
			scheduled_at: null,
			warnings: [expect.objectContaining({ field: 'media', code: 'VIDEO_DURATION_MISSING' })],
			duplicate: false,
			external_id: body.external_id,
		});
	});

	test('every field: slideshow order, duration-free, music, TikTok settings, provider settings, own external ID', async () => {
		const urls = [
			'https://cdn.example.org/3.png',
			'https://cdn.example.org/1.png',
			'https://cdn.example.org/2.png',
		];
		const { error } = await runGenviral(
			env.fake,
			create({
				accountIds: accounts().tiktok.id,
				postMedia: 'slideshow',
				imageUrls: `${urls[0]}\n${urls[1]},\n${urls[2]}`,
				additionalFields: {
					externalId: 'campaign-42',
					musicUrl: 'https://www.tiktok.com/@creator/video/7000000000000000001',
					providerSettings: '{"youtube": {"title": "Launch", "type": "public"}}',
				},
				tiktokSettings: {
					title: 'Launch',
					postMode: 'MEDIA_UPLOAD',
					privacyLevel: 'SELF_ONLY',
					disableDuet: true,
					isCommercial: false,
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(sentTo('POST /posts')[0].body).toEqual({
			caption: 'Launch day',
			accounts: [{ id: accounts().tiktok.id }],
			media: { type: 'slideshow', urls },
			external_id: 'campaign-42',
			music_url: 'https://www.tiktok.com/@creator/video/7000000000000000001',
			tiktok: {
				title: 'Launch',
				post_mode: 'MEDIA_UPLOAD',
				privacy_level: 'SELF_ONLY',
				disable_duet: true,
				is_commercial: false,
			},
			settings: { youtube: { title: 'Launch', type: 'public' } },
		});
	});

	test('Pinterest settings with tags; video duration', async () => {
		const { error } = await runGenviral(
			env.fake,
			create({
				accountIds: [accounts().pinterest.id],
				additionalFields: { videoDuration: 21.5 },
				pinterestSettings: {
					boardId: 'board-1',
					title: 'Pin',
					link: 'https://shop.example.org/p',
					tags: 'spring sale, shoes',
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(sentTo('POST /posts')[0].body).toMatchObject({
			media: { type: 'video', url: VIDEO_URL, duration_sec: 21.5 },
			pinterest: {
				board_id: 'board-1',
				title: 'Pin',
				link: 'https://shop.example.org/p',
				tags: ['spring sale', 'shoes'],
			},
		});
	});

	test('lists from expressions: image URLs (as Slideshow → Render outputs them) and Pinterest tags', async () => {
		const urls = ['https://cdn.example.org/b.png', 'https://cdn.example.org/a.png'];
		const { error } = await runGenviral(
			env.fake,
			create({
				accountIds: [accounts().pinterest.id],
				postMedia: 'slideshow',
				imageUrls: '={{ $json.rendered_image_urls }}',
				pinterestSettings: { tags: '={{ $json.tags }}' },
			}),
			{ items: [{ json: { rendered_image_urls: urls, tags: ['spring sale', 'shoes'] } }] },
		);
		expect(error).toBeUndefined();
		expect(sentTo('POST /posts')[0].body).toMatchObject({
			media: { type: 'slideshow', urls },
			pinterest: { tags: ['spring sale', 'shoes'] },
		});
	});

	test('a list with an entry that is not text is refused before any request', async () => {
		const { error } = await runGenviral(
			env.fake,
			create({ postMedia: 'slideshow', imageUrls: '={{ $json.urls }}' }),
			{
				items: [{ json: { urls: ['https://cdn.example.org/a.png', 42] } }],
			},
		);
		expect(error?.message).toBe('Image URLs contains number 42, which is not text [item 0]');
		expect(env.fake.requests).toHaveLength(0);
	});

	test('text only: no media key', async () => {
		const { items, error } = await runGenviral(
			env.fake,
			create({ accountIds: [accounts().linkedin.id], postMedia: 'none', caption: 'Hiring!' }),
		);
		expect(error).toBeUndefined();
		const body = sentTo('POST /posts')[0].body as Record<string, unknown>;
		expect(body).not.toHaveProperty('media');
		expect(items[0].json).toMatchObject({ status: 'pending', warnings: [] });
	});

	test('items get their own external IDs, paired to their inputs', async () => {
		const { items } = await runGenviral(env.fake, create({ caption: '={{ $json.caption }}' }), {
			items: [{ json: { caption: 'one' } }, { json: { caption: 'two' } }],
		});
		const ids = sentTo('POST /posts').map((r) => (r.body as { external_id: string }).external_id);
		expect(ids[0]).toMatch(/-0$/);
		expect(ids[1]).toMatch(/-1$/);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(posts()).toHaveLength(2);
	});
});

describe('Post → Create: schedule and time zones', () => {
	const inZone = async (timeZone: string, scheduledAt: string) => {
		const workflow = genviralWorkflow(create({ schedule: 'at', scheduledAt }));
		const run = await runWorkflow(
			{ ...workflow, settings: { timezone: timeZone } },
			{
				credentials: { genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl } },
				pinData: { 'Manual Trigger': [{ json: {} }] },
			},
		);
		return {
			run,
			sent: (sentTo('POST /posts').at(-1)?.body as { scheduled_at?: string } | undefined)
				?.scheduled_at,
		};
	};
	const year = new Date().getUTCFullYear() + 1;

	test("a date-time without an offset is read in the workflow's time zone and sent with its offset", async () => {
		const summer = await inZone('Europe/Berlin', `${year}-07-01T18:00:00`);
		expect(summer.run.error).toBeUndefined();
		expect(summer.sent).toBe(`${year}-07-01T18:00:00+02:00`);
		const winter = await inZone('America/New_York', `${year}-01-15 09:30`);
		expect(winter.sent).toBe(`${year}-01-15T09:30:00-05:00`);
		expect(summer.run.output(GENVIRAL_NODE_NAME)[0].json).toMatchObject({
			status: 'scheduled',
			scheduled_at: `${year}-07-01T16:00:00.000Z`,
		});
	});

	test('an offset given is kept; Luxon DateTime and JS Date from expressions are accepted', async () => {
		const withOffset = await inZone('Europe/Berlin', `${year}-07-01T18:00:00Z`);
		expect(Date.parse(withOffset.sent!)).toBe(Date.parse(`${year}-07-01T18:00:00Z`));
		const luxon = await inZone('Asia/Tokyo', '={{ $now.plus({ hours: 3 }).startOf("minute") }}');
		expect(luxon.run.error).toBeUndefined();
		expect(luxon.sent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000\+09:00$/);
		const jsDate = await inZone('UTC', '={{ new Date(Date.now() + 3 * 3600 * 1000) }}');
		expect(jsDate.run.error).toBeUndefined();
		expect(Math.abs(Date.parse(jsDate.sent!) - (Date.now() + 3 * 3600 * 1000))).toBeLessThan(
			60_000,
		);
	});

	test('Schedule: Now sends no scheduled_at', async () => {
		await runGenviral(env.fake, create({ schedule: 'now', scheduledAt: '2030-01-01T00:00:00Z' }));
		expect(sentTo('POST /posts')[0].body).not.toHaveProperty('scheduled_at');
	});
});

describe('Post → Create: bad input is refused before any request', () => {
	const cases: Array<[string, INodeParameters, RegExp]> = [
		['no account', { accountIds: '={{ [] }}' }, /^Account Names or IDs is required/],
		[
			'11 accounts',
			{
				accountIds: Array.from(
					{ length: 11 },
					(_v, i) => `0a0a0a0a-0000-4000-8000-${String(i).padStart(12, '0')}`,
				),
			},
			/takes at most 10 accounts \(got 11\)/,
		],
		[
			'an account that is not an ID',
			{ accountIds: ['@acme'] },
			/Account Names or IDs contains "@acme"/,
		],
		[
			'36 images',
			{
				postMedia: 'slideshow',
				imageUrls: Array.from({ length: 36 }, (_v, i) => `https://cdn.example.org/${i}.png`).join(
					',',
				),
			},
			/^Image URLs takes at most 35 images \(got 36\)/,
		],
		['no image', { postMedia: 'slideshow', imageUrls: ' , ' }, /Image URLs/],
		[
			'an image URL that is not a URL',
			{ postMedia: 'slideshow', imageUrls: 'https://a.org/1.png, ftp://a.org/2.png' },
			/Image URLs must be an http\(s\) URL; got "ftp:\/\/a\.org\/2\.png"/,
		],
		[
			'a video URL that is not a URL',
			{ videoUrl: 'not a url' },
			/^Video URL must be an http\(s\) URL/,
		],
		[
			'TikTok and Pinterest together',
			{ tiktokSettings: { title: 'a' }, pinterestSettings: { title: 'b' } },
			/^TikTok Settings and Pinterest Settings cannot be used together/,
		],
		[
			'an unknown provider',
			{ additionalFields: { providerSettings: '{"tiktok": {}}' } },
			/unknown provider "tiktok".*use TikTok Settings instead/,
		],
		[
			'a provider whose settings are not an object',
			{ additionalFields: { providerSettings: '{"youtube": "public"}' } },
			/Provider Settings \(JSON\) → youtube must be an object; got "public"/,
		],
		[
			'provider settings that are a list',
			{ additionalFields: { providerSettings: '[{"youtube": {}}]' } },
			/Provider Settings \(JSON\) must be a JSON object such as/,
		],
		[
			'provider settings that are not JSON',
			{ additionalFields: { providerSettings: '{youtube' } },
			/Provider Settings \(JSON\) is not valid JSON/,
		],
		[
			'text only without caption',
			{ postMedia: 'none', caption: '  ' },
			/^Caption is required for a text-only post/,
		],
		[
			'no scheduled time',
			{ schedule: 'at', scheduledAt: '={{ "" }}' },
			/^Scheduled At is required/,
		],
		[
			'a scheduled time that is not a date',
			{ schedule: 'at', scheduledAt: 'tomorrow' },
			/^Scheduled At must be a date-time/,
		],
		[
			'an external ID over 128 characters',
			{ additionalFields: { externalId: 'x'.repeat(129) } },
			/External ID/,
		],
		[
			'31 Pinterest tags',
			{
				accountIds: [accounts().pinterest.id],
				pinterestSettings: { tags: Array.from({ length: 31 }, (_v, i) => `t${i}`).join(',') },
			},
			/Tags takes at most 30 tags \(got 31\)/,
		],
		[
			'a bad TikTok privacy level',
			{ tiktokSettings: { privacyLevel: 'EVERYONE' } },
			/TikTok Settings → Privacy Level must be one of/,
		],
	];

	test.each(cases)('%s', async (_name, fields, message) => {
		const { error } = await runGenviral(env.fake, create(fields));
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(env.fake.requests).toHaveLength(0);
	});

	test('with On Error: Continue, N items in give N items out, paired', async () => {
		const { items, error } = await runGenviral(
			env.fake,
			create({ caption: '={{ $json.caption }}', videoUrl: '={{ $json.url }}' }),
			{
				items: [
					{ json: { caption: 'ok', url: VIDEO_URL } },
					{ json: { caption: 'bad', url: 'cdn/clip.mp4' } },
					{ json: { caption: 'fine', url: VIDEO_URL } },
				],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json.error).toMatch(
			/^Video URL must be an http\(s\) URL; got "cdn\/clip\.mp4" \[item 1\]$/,
		);
		expect(items[0].json.status).toBe('pending');
		expect(sentTo('POST /posts')).toHaveLength(2);
	});
});

describe('Post → Create: never published twice', () => {
	test('the fake stores the post and drops the connection; the node retries; the replay says duplicate: one post', async () => {
		env.fake.modules.posts.dropConnectionAfterStore = 1;
		const { items, error } = await runGenviral(env.fake, create(FAST_RETRY));
		expect(error).toBeUndefined();
		const attempts = sentTo('POST /posts');
		expect(attempts).toHaveLength(2);
		expect(attempts[1].rawBody).toBe(attempts[0].rawBody);
		expect(posts()).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: posts()[0].id, duplicate: true });
	});

	test('a 500 create_failed is retried with the same external ID: still one post', async () => {
		env.fake.inject('POST /posts', {
			kind: 'error',
			status: 500,
			error_code: 'create_failed',
			message: 'Scheduler unavailable',
		});
		const { items, error } = await runGenviral(env.fake, create(FAST_RETRY));
		expect(error).toBeUndefined();
		expect(sentTo('POST /posts')).toHaveLength(2);
		expect(posts()).toHaveLength(1);
		expect(items[0].json.duplicate).toBe(false);
	});

	test("n8n's Retry On Fail of the same item replays the post", async () => {
		const first = await runGenviral(
			env.fake,
			create({ additionalFields: { externalId: 'n8n-retry-on-fail' } }),
		);
		const again = await runGenviral(
			env.fake,
			create({ additionalFields: { externalId: 'n8n-retry-on-fail' } }),
		);
		expect(again.items[0].json).toMatchObject({ id: first.items[0].json.id, duplicate: true });
		expect(posts()).toHaveLength(1);
	});

	test('409 create_failed (same external ID, other content) explains itself', async () => {
		await runGenviral(env.fake, create({ additionalFields: { externalId: 'campaign-7' } }));
		const { error } = await runGenviral(
			env.fake,
			create({ caption: 'Changed', additionalFields: { externalId: 'campaign-7' } }),
		);
		expect(error?.name).toBe('NodeApiError');
		expect((error as unknown as { httpCode: string }).httpCode).toBe('409');
		expect(error?.context.errorCode).toBe('create_failed');
		expect(error?.description).toMatch(
			/^External ID "campaign-7" was already used for a post with different content/,
		);
		expect(error?.description).toContain('Use a new External ID for a new post');
		expect(sentTo('POST /posts')).toHaveLength(2);
		expect(posts()).toHaveLength(1);
	});
});

describe('Post → Create: Wait for Publish', () => {
	test('polls GET /posts/{id} at the interval, not faster, until posted; output has every account', async () => {
		env.fake.modules.posts.stepMs = 600;
		const { items, error } = await runGenviral(env.fake, create({ ...WAIT, pollInterval: 0.2 }));
		expect(error).toBeUndefined();
		const id = posts()[0].id;
		const polls = sentTo('GET /posts/{id}');
		expect(polls.every((r) => r.path === `/posts/${id}`)).toBe(true);
		expect(polls.length).toBeGreaterThanOrEqual(3);
		const created = sentTo('POST /posts')[0].at;
		const gaps = [polls[0].at - created, ...polls.slice(1).map((r, i) => r.at - polls[i].at)];
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(195);
		expect(items[0].json).toMatchObject({
			id,
			status: 'posted',
			duplicate: false,
			warnings: [expect.objectContaining({ code: 'VIDEO_DURATION_MISSING' })],
			accounts: {
				total: 2,
				states: [
					expect.objectContaining({
						account_id: accounts().tiktok.id,
						status: 'posted',
						published_url: expect.stringContaining('tiktok.com'),
					}),
					expect.objectContaining({ account_id: accounts().instagram.id, status: 'posted' }),
				],
			},
		});
		expect(items[0].json).not.toHaveProperty('failed_accounts');
	});

	test('partial: an item with the per-account states and the failed accounts listed', async () => {
		env.fake.modules.posts.stepMs = 100;
		env.fake.modules.posts.outcome = 'partial';
		const { items, error } = await runGenviral(env.fake, create(WAIT));
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('partial');
		expect(items[0].json.failed_accounts).toEqual([
			{
				account_id: accounts().instagram.id,
				status: 'failed',
				error_message: expect.stringContaining('rejected'),
			},
		]);
	});

	test("failed: an error naming each account's error_message", async () => {
		env.fake.modules.posts.stepMs = 100;
		env.fake.modules.posts.outcome = 'failed';
		const { error } = await runGenviral(env.fake, create(WAIT));
		const id = posts()[0].id;
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			`Post ${id} failed on every account: ${accounts().tiktok.id}: The platform rejected the upload (account token expired); ${accounts().instagram.id}: The platform rejected the upload (account token expired) [item 0]`,
		);
		expect(error?.description).toContain('Post → Retry');
	});

	test('still publishing at Max Wait: an error naming the post ID; the post is sent once', async () => {
		env.fake.modules.posts.stepMs = 60_000;
		const { error } = await runGenviral(
			env.fake,
			create({ ...WAIT, pollInterval: 0.3, maxWait: 1 }),
		);
		const id = posts()[0].id;
		expect(error?.message).toBe(
			`Post ${id} did not finish within 1 s (last status: pending) [item 0]`,
		);
		expect(error?.description).toContain(`Post → Get (ID ${id})`);
		expect(sentTo('POST /posts')).toHaveLength(1);
	});

	test('a scheduled post is waited for through its time', async () => {
		env.fake.modules.posts.stepMs = 100;
		env.fake.modules.posts.scheduledStartsAfterMs = 300;
		const at = new Date(Date.now() + 3_600_000).toISOString();
		const { items, error } = await runGenviral(
			env.fake,
			create({ ...WAIT, schedule: 'at', scheduledAt: at }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'posted', scheduled_at: at });
	});
});
