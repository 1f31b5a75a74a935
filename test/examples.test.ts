/** The workflows in examples/ (importable into n8n) run as shipped, in the engine. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IWorkflowBase } from 'n8n-workflow';

import { DEFAULT_TOKEN } from './fake-genviral/server';
import { REPO_ROOT, runWorkflow } from './harness/engine';
import { useFakeGenviral } from './harness/fixtures';
import { deactivateAll, PollHarness } from './harness/poll';
import { accountId } from './fake-genviral/resources/accounts';

const load = (name: string) =>
	JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples', name), 'utf8')) as IWorkflowBase;

describe('examples/', () => {
	const env = useFakeGenviral();
	const credentials = () => ({
		genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl },
	});

	test('create-analytics-targets.json tracks the three pinned accounts', async () => {
		const run = await runWorkflow(load('create-analytics-targets.json'), {
			credentials: credentials(),
		});
		expect(run.error).toBeUndefined();
		expect(
			run
				.output('Genviral')
				.map((i) => [i.json.platform, i.json.identifier, i.json.display_name, i.json.created]),
		).toEqual([
			['tiktok', '@acme', 'Acme (tiktok)', true],
			['instagram', '@acme.official', 'Acme (instagram)', true],
			['youtube', '@AcmeTV', 'Acme (youtube)', true],
		]);
	});

	test('weekly-kpis.json: track, refresh and wait, 7-day KPIs, one text line per account', async () => {
		const workflow = load('weekly-kpis.json');
		// Same workflow, polling faster than the example's 15 s.
		for (const node of workflow.nodes)
			if (node.parameters.waitForCompletion === true) node.parameters.pollInterval = 0.05;

		const run = await runWorkflow(workflow, { credentials: credentials() });

		expect(run.error).toBeUndefined();
		expect(run.output('Refresh and Wait').map((i) => i.json.status)).toEqual([
			'completed',
			'completed',
		]);
		const summaries = env.fake.requestsTo('GET /analytics/summary');
		const targetIds = run.output('Track Account').map((i) => i.json.id);
		expect(summaries.map((r) => r.query.accounts)).toEqual(targetIds);
		expect(summaries[0].query.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(run.output('KPI Line').map((i) => i.json.text)).toEqual([
			expect.stringMatching(
				/^@acme \(tiktok\): \d+ posts, [\d,]+ views, [\d.]+% engagement in the last 7 days$/,
			),
			expect.stringMatching(/^@acme\.official \(instagram\): \d+ posts/),
		]);
	});

	// A trigger workflow runs as n8n runs an active one: activated, then polled by its cron job.
	test('notify-on-publish.json: a message per post that was published or failed, with its URLs or errors', async () => {
		const scope = env.fake.scopeOf(DEFAULT_TOKEN);
		const [tiktok, instagram] = [accountId(scope, 'tiktok'), accountId(scope, 'instagram')];
		const seed = (caption: string, minutesAgo: number) =>
			env.fake.modules.posts.seedPost(scope, {
				status: 'pending',
				caption,
				// Created a while ago: its delivery attempts are over (last_attempted_at no longer moves).
				created_at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
				accounts: [
					{ id: tiktok, status: 'pending' },
					{ id: instagram, status: 'pending' },
				],
			});
		const launch = seed('Launch day', 2);
		const teaser = seed('Teaser', 1);
		const workflow = new PollHarness(env.fake, load('notify-on-publish.json'));
		try {
			await workflow.activate();
			launch.fixedStatus = 'posted';
			launch.deliveries.forEach((d) => (d.fixed = 'posted'));
			teaser.fixedStatus = 'failed';
			teaser.deliveries.forEach(
				(d) => ((d.fixed = 'failed'), (d.error_message_override = 'Token expired')),
			);
			const poll = await workflow.poll();
			expect(poll.error).toBeUndefined();
			const messages = poll.execution!.output('Message').map((i) => i.json);
			expect(messages.map((m) => [m.postId, m.status])).toEqual([
				[launch.id, 'posted'],
				[teaser.id, 'failed'],
			]);
			expect(messages[0].urls).toEqual([
				expect.stringMatching(/^https:\/\/www\.tiktok\.com\//),
				expect.stringMatching(/^https:\/\/www\.instagram\.com\//),
			]);
			expect(messages[0].message).toMatch(
				/^✅ Published: Launch day\n• https:\/\/www\.tiktok\.com\/.+\n• https:\/\/www\.instagram\.com\/.+$/,
			);
			expect(messages[1].errors).toEqual([
				`${tiktok}: Token expired`,
				`${instagram}: Token expired`,
			]);
			expect(messages[1].message).toBe(
				`❌ Failed: Teaser\n• ${tiktok}: Token expired\n• ${instagram}: Token expired`,
			);
			expect((await workflow.poll()).execution).toBeUndefined();
		} finally {
			await deactivateAll();
		}
	});

	test('publish-video.json: download a video, upload it, schedule it on two accounts, wait until posted', async () => {
		const workflow = load('publish-video.json');
		const trigger = workflow.pinData!['Manual Trigger'][0].json;
		// The example downloads from a CDN; here the fake storage serves the video.
		trigger.video_url = env.fake.storage.putMedia(
			'spring-launch.mp4',
			'video/mp4',
			Buffer.alloc(64 * 1024, 1),
		);
		// Same workflow, polling faster than the example's 30 s; the fake starts a scheduled post soon.
		for (const node of workflow.nodes)
			if (node.parameters.waitForPublish === true) node.parameters.pollInterval = 0.1;
		env.fake.modules.posts.stepMs = 200;
		env.fake.modules.posts.scheduledStartsAfterMs = 300;
		const scope = env.fake.scopeOf(DEFAULT_TOKEN);
		const { tiktok, instagram } = env.fake.modules.accounts.defaults(scope);
		expect(trigger.account_ids).toEqual([tiktok.id, instagram.id]);

		const run = await runWorkflow(workflow, { credentials: credentials() });

		expect(run.error).toBeUndefined();
		expect(env.fake.requestsTo('POST /files')).toHaveLength(1);
		const body = env.fake.requestsTo('POST /posts')[0].body as {
			media: { url: string; duration_sec: number };
			scheduled_at: string;
			accounts: unknown[];
		};
		expect(body.accounts).toEqual([{ id: tiktok.id }, { id: instagram.id }]);
		expect(body.media).toEqual({
			type: 'video',
			url: expect.stringContaining(env.fake.storage.origin),
			duration_sec: 24,
		});
		expect(body.scheduled_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000\+0[12]:00$/);
		expect(Date.parse(body.scheduled_at) - Date.now()).toBeGreaterThan(8 * 60_000);
		expect(env.fake.storage.object(body.media.url)?.size).toBe(64 * 1024);
		expect(env.fake.modules.posts.all(scope)).toHaveLength(1);
		const [links] = run.output('Published Links');
		expect(links.json).toEqual({
			post_id: env.fake.modules.posts.all(scope)[0].id,
			status: 'posted',
			links: expect.stringMatching(
				/^https:\/\/www\.tiktok\.com\/@acme\/video\/\d+ https:\/\/www\.instagram\.com\/p\/.+$/,
			),
		});
	});

	test('ai-slideshow-to-tiktok.json: generate from a prompt and a pack, render, post to TikTok and wait, track the account', async () => {
		const workflow = load('ai-slideshow-to-tiktok.json');
		const trigger = workflow.pinData!['Manual Trigger'][0].json;
		const scope = env.fake.scopeOf(DEFAULT_TOKEN);
		// The example names a pack of the user's library; here the fake holds one with three backgrounds.
		const backgrounds = [1, 2, 3].map((n) =>
			env.fake.storage.putMedia(`glow-${n}.jpg`, 'image/jpeg', Buffer.alloc(2048, n)),
		);
		const pack = env.fake.modules.packs.seedPack(scope, {
			name: 'Morning glow',
			images: backgrounds.map((url) => ({ url })),
		});
		trigger.image_pack_id = pack.id as string;
		const { tiktok } = env.fake.modules.accounts.defaults(scope);
		expect(trigger.tiktok_account_id).toBe(tiktok.id);
		// Same workflow, polling faster than the example's 30 s; the fake publishes within a second.
		for (const node of workflow.nodes)
			if (node.parameters.waitForPublish === true) node.parameters.pollInterval = 0.1;
		env.fake.modules.posts.stepMs = 200;
		const creditsBefore = env.fake.creditsLeft(scope);

		const run = await runWorkflow(workflow, { credentials: credentials() });

		expect(run.error).toBeUndefined();
		const [generate] = env.fake.requestsTo('POST /slideshows/generate');
		expect(generate.body).toEqual({
			prompt: '5 morning habits that make your skin glow',
			pack_id: pack.id,
			slide_count: 5,
			slideshow_type: 'educational',
			aspect_ratio: '9:16',
			language: 'en',
			advanced_settings: { text_preset: 'tiktok' },
		});
		expect(env.fake.creditsLeft(scope)).toBe(creditsBefore - 5);
		const slideshowId = run.output('Generate Slideshow')[0].json.id as string;
		expect(env.fake.requestsTo('POST /slideshows/{slideshowId}/render').map((r) => r.path)).toEqual(
			[`/slideshows/${slideshowId}/render`],
		);
		const rendered = run.output('Render Slides')[0].json.rendered_image_urls as string[];
		expect(rendered).toHaveLength(5);

		const posts = env.fake.requestsTo('POST /posts');
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toMatchObject({
			caption: trigger.caption,
			accounts: [{ id: tiktok.id }],
			media: { type: 'slideshow', urls: rendered },
			tiktok: { privacy_level: 'PUBLIC_TO_EVERYONE', auto_add_music: true },
		});
		expect(posts[0].body).not.toHaveProperty('scheduled_at');
		expect(env.fake.requestsTo('POST /analytics/targets').map((r) => r.body)).toEqual([
			{ platform: 'tiktok', identifier: '@acme', alias: 'Acme' },
		]);

		const [post] = env.fake.modules.posts.all(scope);
		const [summary] = run.output('Summary');
		expect(summary.json).toEqual({
			slideshow_id: slideshowId,
			slide_count: 5,
			post_id: post.id,
			post_status: 'posted',
			tiktok_url: expect.stringMatching(/^https:\/\/www\.tiktok\.com\/@acme\/video\/\d+$/),
			analytics_target_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			newly_tracked: true,
		});
	});
	// The Wait node does not load under Jest (see BASE_NODES_OUTSIDE_JEST in the harness): the run,
	// the review form and its approval or rejection through the resume URL are checked by the e2e
	// (scripts/e2e-tour.ts) in a real n8n, and shown by the demo.
	test('approve-then-publish.json: n8n built-in nodes only, approval before Post → Create, rejection ends with a note', () => {
		const workflow = load('approve-then-publish.json');
		const types = new Set(workflow.nodes.map((n) => n.type));
		expect(
			[...types].filter(
				(t) => !t.startsWith('n8n-nodes-base.') && t !== 'n8n-nodes-genviral.genviral',
			),
		).toEqual([]);
		const byName = Object.fromEntries(workflow.nodes.map((n) => [n.name, n]));
		expect(byName['Review Slides'].parameters).toMatchObject({
			resume: 'form',
			limitWaitTime: true,
		});
		expect(String(byName['Review Slides'].parameters.formDescription)).toContain(
			'rendered_image_urls',
		);
		const next = (name: string) =>
			(workflow.connections[name]?.main ?? []).map((out) => (out ?? []).map((c) => c.node));
		expect(next('Render Slides')).toEqual([['Review Slides']]);
		expect(next('Review Slides')).toEqual([['Approved?']]);
		expect(next('Approved?')).toEqual([['Post to Accounts'], ['Not Published']]);
		expect(byName['Post to Accounts'].parameters).toMatchObject({
			resource: 'post',
			operation: 'create',
			waitForPublish: true,
		});
	});
});
