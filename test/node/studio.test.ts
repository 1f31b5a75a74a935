/**
 * Studio in the real engine against the fake API: the exact requests, the output items, the
 * model pickers, input checks before anything is sent (or spent), the speech check against
 * the catalogue, Wait for Completion, credits, and no retry of a generation.
 */
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { STUDIO_MODELS } from '../fake-genviral/resources/studio';
import { callNodeMethod } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const image = (fields: Record<string, unknown> = {}) => ({
	resource: 'studio',
	operation: 'generateImage',
	model: 'google/nano-banana-2',
	prompt: 'A matcha latte, flat lay',
	...fields,
});
const video = (fields: Record<string, unknown> = {}) => ({
	resource: 'studio',
	operation: 'generateVideo',
	model: 'openai/sora-2',
	prompt: 'A barista says "Your latte is ready!"',
	...fields,
});
const getVideo = (videoId: string, fields: Record<string, unknown> = {}) => ({
	resource: 'studio',
	operation: 'getVideo',
	videoId,
	...fields,
});
// Short intervals so the suite stays fast; the node's defaults are 10 s and 600 s.
const WAIT = { waitForCompletion: true, pollInterval: 0.1, maxWait: 5 };
const httpCode = (error: unknown) => (error as { httpCode?: string } | undefined)?.httpCode;

describe('Studio → Get Models', () => {
	const env = useFakeGenviral();

	test('without a filter: every model, one item each, no mode sent', async () => {
		const { items, error } = await runGenviral(env.fake, {
			resource: 'studio',
			operation: 'getModels',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(env.fake.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/studio/models', {}],
		]);
		expect(items.map((i) => i.json.id)).toEqual(STUDIO_MODELS.map((m) => m.id));
		expect(items[0].json).toEqual(STUDIO_MODELS[0]);
		expect(items.every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);
	});

	test('Filters → Mode: only video models (with their speech inputs); Limit keeps the first N', async () => {
		const { items } = await runGenviral(env.fake, {
			resource: 'studio',
			operation: 'getModels',
			filters: { mode: 'video' },
			returnAll: true,
		});
		expect(env.fake.requests[0].query).toEqual({ mode: 'video' });
		expect(items.map((i) => i.json.mode)).toEqual(Array(6).fill('video'));
		expect(items.find((i) => i.json.id === 'veed/fabric-1.0')?.json.inputs).toEqual({
			required: ['image_url'],
			optional: ['speech_text', 'voice_id', 'audio_url'],
			one_of: [['audio_url', 'speech_text']],
		});
		const limited = await runGenviral(env.fake, {
			resource: 'studio',
			operation: 'getModels',
			filters: { mode: 'image' },
			limit: 2,
		});
		expect(limited.items.map((i) => i.json.id)).toEqual([
			'google/nano-banana-2',
			'bytedance/seedream-4',
		]);
	});

	test('a Mode outside image / video (from an expression) is refused before sending', async () => {
		const { error } = await runGenviral(env.fake, {
			resource: 'studio',
			operation: 'getModels',
			filters: { mode: '={{ "audio" }}' },
		});
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.message).toBe('Filters → Mode must be one of image, video; got "audio" [item 0]');
	});
});

describe('Studio model pickers', () => {
	const env = useFakeGenviral();
	const credentials = () => ({
		genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl },
	});

	test('getStudioImageModels: name and cost, with required / accepted inputs and parameters', async () => {
		const options = (await callNodeMethod('loadOptions', 'getStudioImageModels', {
			credentials: credentials(),
		})) as Array<Record<string, string>>;
		expect(env.fake.requests.map((r) => [r.path, r.query])).toEqual([
			['/studio/models', { mode: 'image' }],
		]);
		expect(options.map((o) => o.value)).toEqual([
			'black-forest-labs/flux-kontext-pro',
			'ideogram/ideogram-v3',
			'google/nano-banana-2',
			'bytedance/seedream-4',
		]);
		expect(options.find((o) => o.value === 'black-forest-labs/flux-kontext-pro')).toEqual({
			name: 'FLUX Kontext Pro · 5 credits',
			value: 'black-forest-labs/flux-kontext-pro',
			description:
				'black-forest-labs/flux-kontext-pro. Requires: Prompt, Input Image URLs. Takes no other inputs. Parameters: aspect_ratio, output_format.',
		});
		expect(options.find((o) => o.value === 'bytedance/seedream-4')?.name).toBe(
			'Seedream 4 · 3 credits (Cost is per generated image.)',
		);
	});

	test('getStudioVideoModels: speech models say they accept Speech Text, Voice ID, Audio URL', async () => {
		const options = (await callNodeMethod('loadOptions', 'getStudioVideoModels', {
			credentials: credentials(),
		})) as Array<Record<string, string>>;
		expect(env.fake.requests[0].query).toEqual({ mode: 'video' });
		expect(options.find((o) => o.value === 'veed/fabric-1.0')?.description).toBe(
			'veed/fabric-1.0. Requires: Image URL. Also accepts: Speech Text, Voice ID, Audio URL. Needs one of: Audio URL or Speech Text. Parameters: resolution.',
		);
		expect(options.find((o) => o.value === 'openai/sora-2')?.description).not.toContain('Speech');
	});
});

describe('Studio → Generate Image', () => {
	const env = useFakeGenviral();

	test('sends model, prompt, images, params and raw params; returns the image; spends the cost', async () => {
		const { items, error } = await runGenviral(
			env.fake,
			image({
				imageUrls: '={{ $json.urls }}',
				modelParameters: {
					aspectRatio: '9:16',
					outputFormat: 'png',
					maxImages: 1,
					rawParams: '{"seed": 42}',
				},
			}),
			{
				items: [
					{ json: { urls: ['https://cdn.example.com/a.png', 'https://cdn.example.com/b.png'] } },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(env.fake.requests).toHaveLength(1);
		expect(env.fake.requests[0]).toMatchObject({ method: 'POST', path: '/studio/images/generate' });
		expect(env.fake.requests[0].body).toEqual({
			model_id: 'google/nano-banana-2',
			prompt: 'A matcha latte, flat lay',
			image_urls: ['https://cdn.example.com/a.png', 'https://cdn.example.com/b.png'],
			params: { aspect_ratio: '9:16', output_format: 'png', max_images: 1 },
			raw_params: { seed: 42 },
		});
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(Object.keys(items[0].json).sort()).toEqual([
			'credits_used',
			'file_id',
			'model_id',
			'output_url',
			'preview_url',
			'provider',
		]);
		expect(items[0].json).toMatchObject({
			credits_used: 4,
			model_id: 'google/nano-banana-2',
			provider: 'google',
		});
		expect(items[0].binary).toBeUndefined();
		expect(env.fake.creditsLeft(env.fake.scopeOf(DEFAULT_TOKEN))).toBe(96);
	});

	test('Input Image URLs as text: one per line or separated by commas; only what was set is sent', async () => {
		await runGenviral(env.fake, image({ imageUrls: 'https://e.org/a.png,\nhttps://e.org/b.png' }));
		expect(env.fake.requests[0].body).toEqual({
			model_id: 'google/nano-banana-2',
			prompt: 'A matcha latte, flat lay',
			image_urls: ['https://e.org/a.png', 'https://e.org/b.png'],
		});
	});

	test('several items: one generation each, paired, in order', async () => {
		const prompts = ['one', 'two', 'three'];
		const { items } = await runGenviral(env.fake, image({ prompt: '={{ $json.p }}' }), {
			items: prompts.map((p) => ({ json: { p } })),
		});
		expect(env.fake.requests.map((r) => (r.body as { prompt: string }).prompt)).toEqual(prompts);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(new Set(items.map((i) => i.json.file_id)).size).toBe(3);
	});

	test.each([
		[
			'a blank prompt',
			{ prompt: '={{ "  " }}' },
			'Prompt is required and cannot be empty [item 0]',
		],
		[
			'an image URL that is not http(s)',
			{ imageUrls: 'ftp://e.org/a.png' },
			'Input Image URLs must be an http(s) URL; got "ftp://e.org/a.png" [item 0]',
		],
		[
			'images that are not a list',
			{ imageUrls: '={{ { a: 1 } }}' },
			'Input Image URLs must be a list of URLs (or URLs one per line or separated by commas); got an object [item 0]',
		],
		[
			'raw params that are not an object',
			{ modelParameters: { rawParams: '[1, 2]' } },
			'Model Parameters → Raw Parameters (JSON) must be a JSON object such as {"seed": 42}; got a list [item 0]',
		],
		[
			'raw params that are not JSON',
			{ modelParameters: { rawParams: '{seed: 42' } },
			/^Model Parameters → Raw Parameters \(JSON\) is not valid JSON/,
		],
		[
			'a max images out of range',
			{ modelParameters: { maxImages: 0 } },
			'Model Parameters → Max Images must be a whole number from 1 to 15; got number 0 [item 0]',
		],
		[
			'an empty binary field name',
			{ download: true, binaryPropertyName: '={{ "" }}' },
			'Put Output File in Field is required and cannot be empty [item 0]',
		],
	])('%s is refused before anything is sent', async (_name, fields, message) => {
		const { error } = await runGenviral(env.fake, image(fields));
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.name).toBe('NodeOperationError');
		if (typeof message === 'string') expect(error?.message).toBe(message);
		else expect(error?.message).toMatch(message);
	});

	test('403 insufficient_credits keeps the API error and adds the balance from one subscription read', async () => {
		env.fake.setCredits(DEFAULT_TOKEN, 3);
		const { error } = await runGenviral(env.fake, image());
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /studio/images/generate',
			'GET /subscription',
		]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Insufficient credits');
		expect(httpCode(error)).toBe('403');
		expect(error?.context.errorCode).toBe('insufficient_credits');
		expect(error?.description).toContain(
			'HTTP 403 from POST /studio/images/generate, error_code: insufficient_credits.',
		);
		expect(error?.description).toContain('Credits left: 3 of 100 this period');
		expect(error?.description).toContain('Nothing was done and no credits were spent.');
	});

	test('if the balance cannot be read, the credits error still says what happened', async () => {
		env.fake.setCredits(DEFAULT_TOKEN, 0);
		env.fake.inject('GET /subscription', {
			kind: 'error',
			status: 500,
			error_code: 'subscription_lookup_failed',
		});
		const { error } = await runGenviral(env.fake, image({ options: { maxRetries: 0 } }));
		expect(error?.message).toBe('Insufficient credits');
		expect(error?.description).toContain('The credit balance could not be read');
	});

	test('a timeout says the image may have been generated and its credits spent; nothing is re-sent', async () => {
		env.fake.inject('POST /studio/images/generate', { kind: 'hang' });
		const { error } = await runGenviral(env.fake, image({ options: { timeout: 300 } }));
		expect(env.fake.requestsTo('POST /studio/images/generate')).toHaveLength(1);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'Genviral did not answer POST /studio/images/generate in time: the image may have been generated and its credits spent',
		);
		expect(error?.description).toContain('It is not sent again automatically');
	});

	test.each([
		['an injected 500', { kind: 'error' as const, status: 500 }],
		['a 503', { kind: 'error' as const, status: 503 }],
		['a dropped connection', { kind: 'reset' as const }],
		[
			'a 429',
			{
				kind: 'error' as const,
				status: 429,
				error_code: 'rate_limited',
				headers: { 'retry-after': '0' },
			},
		],
	])('never retried: after %s the fake saw exactly one generation', async (_name, fault) => {
		env.fake.inject('POST /studio/images/generate', fault);
		const { error } = await runGenviral(
			env.fake,
			image({ options: { maxRetries: 5, retryDelay: 1 } }),
		);
		expect(error).toBeDefined();
		expect(env.fake.requestsTo('POST /studio/images/generate')).toHaveLength(1);
		expect(error?.context.attempts).toBe(1);
	});

	test('a lost answer (connection reset) also warns that credits may have been spent', async () => {
		env.fake.inject('POST /studio/images/generate', { kind: 'reset' });
		const { error } = await runGenviral(env.fake, image());
		expect(error?.message).toBe(
			'Could not reach Genviral for POST /studio/images/generate: the connection was reset: the image may have been generated and its credits spent',
		);
	});

	test('On Error: Continue: N items in, N out, paired; a failed generation does not stop the others', async () => {
		const { items } = await runGenviral(
			env.fake,
			image({ model: '={{ $json.model }}', imageUrls: '={{ $json.urls }}' }),
			{
				items: [
					{ json: { model: 'google/nano-banana-2' } },
					{ json: { model: 'black-forest-labs/flux-kontext-pro' } },
					{ json: { model: 'google/nano-banana-2', urls: 'nope' } },
					{ json: { model: 'ideogram/ideogram-v3' } },
				],
				continueOnFail: true,
			},
		);
		expect(items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(items[0].json.file_id).toEqual(expect.any(String));
		expect(items[1].json).toMatchObject({
			error_code: 'model_requires_image',
			httpCode: '422',
			itemIndex: 1,
		});
		expect(items[2].json).toMatchObject({
			error: 'Input Image URLs must be an http(s) URL; got "nope" [item 2]',
			itemIndex: 2,
		});
		expect(items[3].json.model_id).toBe('ideogram/ideogram-v3');
		expect(env.fake.requestsTo('POST /studio/images/generate')).toHaveLength(3);
	});
});

describe('Studio → Generate Video', () => {
	const env = useFakeGenviral();
	const posts = () => env.fake.requestsTo('POST /studio/videos/generate');
	const reads = () => env.fake.requestsTo('GET /studio/videos/{videoId}');

	test('without waiting: sends the inputs and returns the started job (202) at once', async () => {
		const { items, error } = await runGenviral(
			env.fake,
			video({
				model: 'bytedance/seedance-2.0',
				additionalFields: {
					imageUrl: 'https://e.org/first-frame.png',
					negativePrompt: 'blur',
					referenceImageUrls: 'https://e.org/1.png, https://e.org/2.png',
				},
				speech: { audioUrl: 'https://e.org/voice.mp3' },
				modelParameters: {
					durationSeconds: 5,
					aspectRatio: '9:16',
					generateAudio: false,
					fps: 24,
					resolution: '720p',
					rawParams: '{"camera_fixed": true}',
				},
			}),
		);
		expect(error).toBeUndefined();
		// Audio URL is a speech field: the model is checked in the catalogue first (one read).
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /studio/models',
			'POST /studio/videos/generate',
		]);
		expect(posts()[0].body).toEqual({
			model_id: 'bytedance/seedance-2.0',
			prompt: 'A barista says "Your latte is ready!"',
			image_url: 'https://e.org/first-frame.png',
			negative_prompt: 'blur',
			reference_image_urls: ['https://e.org/1.png', 'https://e.org/2.png'],
			audio_url: 'https://e.org/voice.mp3',
			params: {
				duration_seconds: 5,
				aspect_ratio: '9:16',
				generate_audio: false,
				fps: 24,
				resolution: '720p',
			},
			raw_params: { camera_fixed: true },
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			video_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			prediction_id: expect.any(String),
			provider: 'bytedance',
			model_id: 'bytedance/seedance-2.0',
			status: 'processing',
			output_url: null,
			credits_used: 30,
		});
	});

	test('Reference Image URLs from an expression list', async () => {
		await runGenviral(
			env.fake,
			video({
				model: 'bytedance/seedance-2.0',
				additionalFields: { referenceImageUrls: '={{ $json.refs }}' },
			}),
			{
				items: [
					{ json: { refs: ['https://e.org/1.png', 'https://e.org/2.png', 'https://e.org/1.png'] } },
				],
			},
		);
		expect(posts()[0].body).toMatchObject({
			reference_image_urls: ['https://e.org/1.png', 'https://e.org/2.png'],
		});
	});

	test('a prompt-only model without speech fields: no catalogue read, just the generation', async () => {
		await runGenviral(env.fake, video());
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /studio/videos/generate',
		]);
		expect(posts()[0].body).toEqual({
			model_id: 'openai/sora-2',
			prompt: 'A barista says "Your latte is ready!"',
		});
	});

	test('speech fields on a speech model are sent', async () => {
		const { items } = await runGenviral(
			env.fake,
			video({
				model: 'veed/fabric-1.0',
				prompt: '',
				additionalFields: { imageUrl: 'https://e.org/face.png' },
				speech: { speechText: 'Hi there!', voiceId: 'sarah' },
			}),
		);
		expect(posts()[0].body).toEqual({
			model_id: 'veed/fabric-1.0',
			image_url: 'https://e.org/face.png',
			speech_text: 'Hi there!',
			voice_id: 'sarah',
		});
		expect(items[0].json.status).toBe('processing');
	});

	test('speech fields on a model that does not take them are refused from one catalogue read, before spending', async () => {
		const { items } = await runGenviral(
			env.fake,
			video({ model: '={{ $json.model }}', speech: { speechText: 'Hello!', voiceId: 'george' } }),
			{
				items: [
					{ json: { model: 'openai/sora-2' } },
					{ json: { model: 'google/veo-3' } },
					{ json: { model: 'acme/unknown' } },
				],
				continueOnFail: true,
			},
		);
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /studio/models']);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.error).toBe(
			'Model openai/sora-2 does not take Speech Text, Voice ID [item 0]',
		);
		expect(items[0].json.description).toBe(
			'openai/sora-2 accepts: Prompt, Image URL. For prompt-driven models, write spoken lines into the Prompt; for narration, choose a speech or lipsync model (its picker entry lists Speech Text). Nothing was sent and no credits were spent.',
		);
		expect(items[1].json.error).toBe(
			'Model google/veo-3 does not take Speech Text, Voice ID [item 1]',
		);
		expect(items[2].json.error).toBe(
			'Model "acme/unknown" is not in the Studio video catalogue [item 2]',
		);
		expect(env.fake.creditsLeft(env.fake.scopeOf(DEFAULT_TOKEN))).toBe(100);
	});

	test('Wait for Completion: polls at the Poll Interval until succeeded, and returns the finished video', async () => {
		env.fake.modules.studio.videoPlan = { outcome: 'succeeded', durationMs: 750 };
		const { items, error } = await runGenviral(env.fake, video({ ...WAIT, pollInterval: 0.3 }));
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		const videoId = items[0].json.video_id as string;
		expect(reads().map((r) => r.path)).toEqual(
			Array(reads().length).fill(`/studio/videos/${videoId}`),
		);
		// Done 750 ms after it started, read every 300 ms: the 3rd read (~900 ms) sees it, not before.
		expect(reads()).toHaveLength(3);
		const times = [posts()[0].at, ...reads().map((r) => r.at)];
		for (let k = 1; k < times.length; k++)
			expect(times[k] - times[k - 1]).toBeGreaterThanOrEqual(290);
		expect(items[0].json).toMatchObject({
			video_id: videoId,
			status: 'succeeded',
			output_url: expect.stringMatching(/^http:\/\/127\.0\.0\.2:\d+\/media\/.+\.mp4$/),
			error: null,
			credits_used: 40,
			prediction_id: expect.any(String),
		});
		expect(items[0].binary).toBeUndefined();
	});

	test('Wait for Completion: a video that fails is an error of the item, naming it and the reason', async () => {
		env.fake.modules.studio.planNextVideo({
			outcome: 'failed',
			durationMs: 150,
			error: 'The provider rejected the first frame',
		});
		const { error } = await runGenviral(env.fake, video(WAIT));
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(
			/^Video [0-9a-f-]{36} failed: The provider rejected the first frame \[item 0\]$/,
		);
		expect(error?.description).toContain('credits used: 40');
		expect(posts()).toHaveLength(1);
	});

	test('Wait for Completion: at Max Wait, an error with the video ID that says the credits were spent', async () => {
		env.fake.modules.studio.videoPlan = { outcome: 'succeeded', durationMs: 60_000 };
		const started = Date.now();
		const { error } = await runGenviral(
			env.fake,
			video({ ...WAIT, pollInterval: 0.3, maxWait: 1 }),
		);
		const elapsed = Date.now() - started;
		const videoId = reads()[0].path.split('/').pop();
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			`Video ${videoId} did not finish within 1 s (last status: processing) [item 0]`,
		);
		expect(error?.description).toBe(
			`The generation was started and 40 credits were spent; do not generate it again. It goes on in Genviral: look it up later with Studio → Get Video (ID ${videoId}), or raise Max Wait.`,
		);
		expect(posts()).toHaveLength(1);
		expect(reads().length).toBeGreaterThanOrEqual(3);
		expect(elapsed).toBeLessThan(2500);
	});

	test('the default Max Wait is 10 minutes and the Poll Interval 10 s', async () => {
		const { loadTypes, GENVIRAL_NODE_TYPE } = await import('../harness/engine');
		const { nodeTypes } = await loadTypes();
		const properties = nodeTypes.getByNameAndVersion(GENVIRAL_NODE_TYPE, 1).description.properties;
		const ofVideo = (name: string) =>
			properties.find(
				(p) => p.name === name && p.displayOptions?.show?.operation?.includes('generateVideo'),
			);
		expect(ofVideo('maxWait')?.default).toBe(600);
		expect(ofVideo('pollInterval')?.default).toBe(10);
		expect(ofVideo('binaryPropertyName')?.default).toBe('data');
	});

	test('a read failing while waiting is retried (reads are safe); the generation is not re-sent', async () => {
		env.fake.modules.studio.videoPlan = { outcome: 'succeeded', durationMs: 100 };
		env.fake.inject(
			'GET /studio/videos/{videoId}',
			{ kind: 'error', status: 503 },
			{ kind: 'reset' },
		);
		const { items, error } = await runGenviral(
			env.fake,
			video({ ...WAIT, options: { retryDelay: 1 } }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('succeeded');
		expect(posts()).toHaveLength(1);
		expect(reads().length).toBeGreaterThanOrEqual(3);
	});

	test.each([
		['an injected 500', { kind: 'error' as const, status: 500, error_code: 'generation_failed' }],
		['a dropped connection', { kind: 'reset' as const }],
	])('never retried: after %s the fake saw exactly one generation', async (_name, fault) => {
		env.fake.inject('POST /studio/videos/generate', fault);
		const { error } = await runGenviral(
			env.fake,
			video({ ...WAIT, options: { maxRetries: 5, retryDelay: 1 } }),
		);
		expect(error).toBeDefined();
		expect(posts()).toHaveLength(1);
		expect(reads()).toHaveLength(0);
	});

	test('403 insufficient_credits with the model chosen from the catalogue: the cost and the balance', async () => {
		env.fake.setCredits(DEFAULT_TOKEN, 12);
		const { error } = await runGenviral(
			env.fake,
			video({
				model: 'veed/fabric-1.0',
				prompt: '',
				additionalFields: { imageUrl: 'https://e.org/face.png' },
				speech: { speechText: 'Hi' },
			}),
		);
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /studio/models',
			'POST /studio/videos/generate',
			'GET /subscription',
		]);
		expect(error?.message).toBe('Insufficient credits');
		expect(httpCode(error)).toBe('403');
		expect(error?.description).toContain(
			'veed/fabric-1.0 costs 25 credits (Per 10 seconds of speech.). Credits left: 12 of 100 this period',
		);
	});

	test.each([
		[
			'a Max Wait of 0',
			{ ...WAIT, maxWait: 0 },
			'Max Wait (Seconds) must be a whole number from 1 to 7200; got number 0 [item 0]',
		],
		[
			'a Poll Interval from an expression that is not a number',
			{ ...WAIT, pollInterval: '={{ "soon" }}' },
			'Poll Interval (Seconds) must be a number from 0.05 to 3600; got "soon" [item 0]',
		],
		[
			'an Image URL that is not a URL',
			{ additionalFields: { imageUrl: 'face.png' } },
			'Additional Fields → Image URL must be an http(s) URL; got "face.png" [item 0]',
		],
		[
			'a reference image that is not a URL',
			{ additionalFields: { referenceImageUrls: 'https://e.org/1.png, two' } },
			'Additional Fields → Reference Image URLs must be an http(s) URL; got "two" [item 0]',
		],
		[
			'an Audio URL that is not a URL',
			{ speech: { audioUrl: 'voice.mp3' } },
			'Speech → Audio URL must be an http(s) URL; got "voice.mp3" [item 0]',
		],
		[
			'a duration that is not whole',
			{ modelParameters: { durationSeconds: 2.5 } },
			/^Model Parameters → Duration \(Seconds\) must be a whole number/,
		],
		[
			'an empty model',
			{ model: '={{ "" }}' },
			'Model Name or ID is required and cannot be empty [item 0]',
		],
	])('%s is refused before anything is sent', async (_name, fields, message) => {
		const { error } = await runGenviral(env.fake, video(fields));
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.name).toBe('NodeOperationError');
		if (typeof message === 'string') expect(error?.message).toBe(message);
		else expect(error?.message).toMatch(message);
	});
});

describe('Studio → Get Video', () => {
	const env = useFakeGenviral();
	const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);

	test('reads a video by ID: processing, then succeeded with its URL', async () => {
		const id = env.fake.modules.studio.seedVideo(scope(), { durationMs: 60_000 });
		const first = await runGenviral(env.fake, getVideo(id));
		expect(env.fake.requests.map((r) => [r.method, r.path])).toEqual([
			['GET', `/studio/videos/${id}`],
		]);
		expect(first.items[0].json).toMatchObject({
			video_id: id,
			status: 'processing',
			output_url: null,
			error: null,
		});
		const done = env.fake.modules.studio.seedVideo(scope(), { durationMs: 10, ageMs: 1000 });
		const second = await runGenviral(env.fake, getVideo(done));
		expect(second.items[0].json).toMatchObject({
			video_id: done,
			status: 'succeeded',
			output_url: expect.stringContaining('.mp4'),
		});
	});

	test('a failed video is read as it is (not an error): status failed and its reason', async () => {
		const id = env.fake.modules.studio.seedVideo(scope(), {
			outcome: 'failed',
			durationMs: 0,
			error: 'Upstream timeout',
		});
		const { items, error } = await runGenviral(env.fake, getVideo(id));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			status: 'failed',
			error: 'Upstream timeout',
			output_url: null,
		});
	});

	test('a video of another scope is not found (404 video_not_found)', async () => {
		const id = env.fake.modules.studio.seedVideo('user:someone-else');
		const { error } = await runGenviral(env.fake, getVideo(id));
		expect(httpCode(error)).toBe('404');
		expect(error?.context.errorCode).toBe('video_not_found');
	});

	test('a Video ID that is not a UUID is refused before sending', async () => {
		const { error } = await runGenviral(env.fake, getVideo('upstream-job-1'));
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.message).toBe(
			'Video ID must be an ID like 0a0a0a0a-0000-4000-8000-00000000a001; got "upstream-job-1" [item 0]',
		);
	});

	test('a read is retried after a transient failure (it spends nothing)', async () => {
		const id = env.fake.modules.studio.seedVideo(scope());
		env.fake.inject('GET /studio/videos/{videoId}', { kind: 'error', status: 500 });
		const { items } = await runGenviral(env.fake, getVideo(id, { options: { retryDelay: 1 } }));
		expect(env.fake.requestsTo('GET /studio/videos/{videoId}')).toHaveLength(2);
		expect(items[0].json.video_id).toBe(id);
	});
});
