/**
 * Every credit-spending call under n8n's real Retry On Fail (the whole node runs again, same
 * execution, same run, same items): an item whose paid call already succeeded gets its first
 * result back instead of spending again; an item whose answer was lost is not sent again; and
 * a new run of the node spends anew. Counted where the user would count: requests that reached
 * Genviral and the credits left.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral, runGenviralInLoop } from '../harness/genviral';

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const RETRY_ON_FAIL = { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 };
const TIKTOK_URL = 'https://www.tiktok.com/@maker/photo/7300000000000000001';

const pack = () =>
	env.fake.modules.packs.seedPack(scope(), {
		images: [{ url: 'https://cdn.example.org/1.jpg' }, { url: 'https://cdn.example.org/2.jpg' }],
	}).id as string;
const slideshow = () => env.fake.modules.slideshows.seedSlideshow(scope()).id as string;
const target = () =>
	env.fake.seedTarget(DEFAULT_TOKEN, {
		platform: 'tiktok',
		identifier: `@acme${Math.random()}`,
		postCount: 0,
	});

/** Each paid operation, its endpoint (as the fake names it) and two input items that each make one paid call. */
const paid: Array<
	[string, string, () => { parameters: INodeParameters; items: INodeExecutionData[] }]
> = [
	[
		'Slideshow → Generate',
		'POST /slideshows/generate',
		() => ({
			parameters: {
				resource: 'slideshow',
				operation: 'generate',
				prompt: '={{ $json.prompt }}',
				packId: rl(pack()),
			},
			items: [{ json: { prompt: 'one' } }, { json: { prompt: 'two' } }],
		}),
	],
	[
		'Slideshow → Regenerate Slide',
		'POST /slideshows/{slideshowId}/slides/{slideIndex}/regenerate',
		() => ({
			parameters: {
				resource: 'slideshow',
				operation: 'regenerateSlide',
				slideshowId: rl('={{ $json.id }}'),
				slideIndex: 1,
			},
			items: [{ json: { id: slideshow() } }, { json: { id: slideshow() } }],
		}),
	],
	[
		'Slideshow → Render',
		'POST /slideshows/{slideshowId}/render',
		() => ({
			parameters: {
				resource: 'slideshow',
				operation: 'render',
				slideshowId: rl('={{ $json.id }}'),
			},
			items: [{ json: { id: slideshow() } }, { json: { id: slideshow() } }],
		}),
	],
	[
		'Slideshow → Import From TikTok',
		'POST /slideshows/copy-tiktok/import',
		() => ({
			parameters: {
				resource: 'slideshow',
				operation: 'importFromTiktok',
				url: TIKTOK_URL,
				backgroundSource: 'images',
				packImages: '={{ $json.image }}',
			},
			items: [
				{ json: { image: 'https://x.org/a.png' } },
				{ json: { image: 'https://x.org/b.png' } },
			],
		}),
	],
	[
		'Analytics Target → Refresh',
		'POST /analytics/targets/{id}/refresh',
		() => ({
			parameters: {
				resource: 'analyticsTarget',
				operation: 'refresh',
				targetId: rl('={{ $json.id }}'),
			},
			items: [{ json: { id: target() } }, { json: { id: target() } }],
		}),
	],
	[
		'Studio → Generate Image',
		'POST /studio/images/generate',
		() => ({
			parameters: {
				resource: 'studio',
				operation: 'generateImage',
				model: 'google/nano-banana-2',
				prompt: '={{ $json.prompt }}',
			},
			items: [{ json: { prompt: 'a latte' } }, { json: { prompt: 'a croissant' } }],
		}),
	],
	[
		'Studio → Generate Video',
		'POST /studio/videos/generate',
		() => ({
			parameters: {
				resource: 'studio',
				operation: 'generateVideo',
				model: 'openai/sora-2',
				prompt: '={{ $json.prompt }}',
			},
			items: [{ json: { prompt: 'a barista' } }, { json: { prompt: 'a baker' } }],
		}),
	],
];

describe("credit-spending calls under n8n's Retry On Fail", () => {
	test.each(paid)(
		'%s: the second item fails once, the node is retried: the first item is not sent (or paid) again',
		async (_name, endpoint, setup) => {
			const { parameters, items: input } = setup();
			// The first call passes; the second is refused once with a definitive error (nothing done).
			env.fake.inject(
				endpoint,
				{ kind: 'pass' },
				{ kind: 'error', status: 400, error_code: 'invalid_payload', message: 'Refused once' },
			);
			const { items, error } = await runGenviral(env.fake, parameters, {
				items: input,
				nodeSettings: RETRY_ON_FAIL,
			});
			expect(error).toBeUndefined();
			// Item 0 once, item 1 twice (refused, then done): not four.
			expect(env.fake.requestsTo(endpoint)).toHaveLength(3);
			expect(items).toHaveLength(2);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(items.every((item) => typeof item.json.error !== 'string')).toBe(true);
		},
	);

	test('Generate: a retried run spends exactly what one clean run spends, and its outputs are the first answers', async () => {
		const { parameters, items: input } = paid[0][2]();
		const atStart = env.fake.creditsLeft(scope());
		env.fake.inject(
			'POST /slideshows/generate',
			{ kind: 'pass' },
			{ kind: 'error', status: 400, error_code: 'invalid_payload' },
		);
		const retried = await runGenviral(env.fake, parameters, {
			items: input,
			nodeSettings: RETRY_ON_FAIL,
		});
		const afterRetried = env.fake.creditsLeft(scope());
		const clean = await runGenviral(env.fake, parameters, { items: input });
		const afterClean = env.fake.creditsLeft(scope());
		expect(atStart - afterRetried).toBeGreaterThan(0);
		expect(atStart - afterRetried).toBe(afterRetried - afterClean);
		expect(retried.items.map((item) => item.json.original_prompt)).toEqual(['one', 'two']);
		const slideshowIds = retried.items.map((item) => item.json.id);
		expect(new Set(slideshowIds).size).toBe(2);
		expect(clean.items.map((item) => item.json.id)).not.toEqual(slideshowIds);
	});

	test.each([
		['a dropped connection', { kind: 'reset' as const }, {}],
		['a timeout', { kind: 'hang' as const }, { options: { timeout: 300 } }],
	])(
		'Studio → Generate Image: after %s the retry does not send it again and says so',
		async (_name, fault, extra) => {
			env.fake.inject('POST /studio/images/generate', fault);
			const { parameters, items: input } = paid[5][2]();
			const { error } = await runGenviral(
				env.fake,
				{ ...parameters, ...extra },
				{ items: input.slice(0, 1), nodeSettings: RETRY_ON_FAIL },
			);
			expect(env.fake.requestsTo('POST /studio/images/generate')).toHaveLength(1);
			expect(error?.message).toMatch(
				/the image may have been generated and its credits spent \(an earlier try of this item; not sent again\) \[item 0\]$/,
			);
			expect(error?.description).toContain(
				'It is not sent again automatically (not even by Retry On Fail)',
			);
		},
	);

	test('a new execution of the same item spends again (the memory is per execution, node, run and item)', async () => {
		const { parameters, items: input } = paid[5][2]();
		await runGenviral(env.fake, parameters, { items: input.slice(0, 1) });
		await runGenviral(env.fake, parameters, { items: input.slice(0, 1) });
		expect(env.fake.requestsTo('POST /studio/images/generate')).toHaveLength(2);
	});
});

describe("publishing calls under n8n's Retry On Fail", () => {
	test('Post → Retry: a later item fails once; the earlier post is not re-queued again and still reads "retried"', async () => {
		const failedPost = () =>
			env.fake.modules.posts.seedPost(scope(), { status: 'failed' }).id as string;
		const input = [{ json: { id: failedPost() } }, { json: { id: failedPost() } }];
		env.fake.inject(
			'POST /posts/retry',
			{ kind: 'pass' },
			{ kind: 'error', status: 400, error_code: 'invalid_payload', message: 'Refused once' },
		);
		const { items, error } = await runGenviral(
			env.fake,
			{ resource: 'post', operation: 'retry', postIds: '={{ $json.id }}' },
			{ items: input, nodeSettings: RETRY_ON_FAIL },
		);
		expect(error).toBeUndefined();
		expect(
			env.fake
				.requestsTo('POST /posts/retry')
				.map((request) => (request.body as { post_ids: string[] }).post_ids[0]),
		).toEqual([input[0].json.id, input[1].json.id, input[1].json.id]);
		expect(items.map((item) => item.json)).toEqual([
			{ id: input[0].json.id, outcome: 'retried' },
			{ id: input[1].json.id, outcome: 'retried' },
		]);
	});
});

describe('credit-spending calls in Loop Over Items', () => {
	test('each iteration (a new run of the node, item 0 each time) is its own paid call; Retry On Fail inside an iteration is not', async () => {
		const { parameters } = paid[5][2]();
		// The second iteration's call is refused once: n8n retries that run; the first iteration's image is not made again.
		env.fake.inject(
			'POST /studio/images/generate',
			{ kind: 'pass' },
			{ kind: 'error', status: 400, error_code: 'invalid_payload' },
		);
		const { error, outputs } = await runGenviralInLoop(
			env.fake,
			parameters,
			[
				{ json: { prompt: 'a latte' } },
				{ json: { prompt: 'a croissant' } },
				{ json: { prompt: 'a scone' } },
			],
			RETRY_ON_FAIL,
		);
		expect(error).toBeUndefined();
		const prompts = env.fake
			.requestsTo('POST /studio/images/generate')
			.map((request) => (request.body as { prompt: string }).prompt);
		expect(prompts).toEqual(['a latte', 'a croissant', 'a croissant', 'a scone']);
		expect(outputs).toHaveLength(3);
		expect(new Set(outputs.map((items) => items[0].json.file_id)).size).toBe(3);
	});
});

describe('one timeout rule: the operation default unless the user set Timeout', () => {
	test('the user Timeout wins over a long operation default (Render: 180 s)', async () => {
		env.fake.inject('POST /slideshows/{slideshowId}/render', { kind: 'hang' });
		const started = Date.now();
		const { error } = await runGenviral(env.fake, {
			resource: 'slideshow',
			operation: 'render',
			slideshowId: rl(slideshow()),
			options: { timeout: 300, retryOnTransientErrors: false },
		});
		expect(error?.message).toMatch(
			/^Genviral did not answer POST \/slideshows\/[0-9a-f-]{36}\/render in time/,
		);
		expect(Date.now() - started).toBeLessThan(10_000);
	});
});
