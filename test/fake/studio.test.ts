/**
 * The fake's Studio routes against the reference (section 11), over real HTTP: the node's tests
 * rely on these behaviours, so they are pinned here on their own.
 */
import { inflateSync } from 'node:zlib';

import { useFakeGenviral } from '../harness/fixtures';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { STUDIO_MODELS } from '../fake-genviral/resources/studio';

const { fake } = useFakeGenviral();

async function call(method: string, path: string, body?: unknown, raw?: string) {
	const response = await fetch(`${fake.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'content-type': 'application/json' },
		body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
	});
	return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const scope = () => fake.scopeOf(DEFAULT_TOKEN);

describe('GET /studio/models', () => {
	it('lists the whole catalogue, or one mode, with inputs and credit cost', async () => {
		const all = await call('GET', '/studio/models');
		expect(all.status).toBe(200);
		expect(all.json).toMatchObject({ ok: true, code: 200, message: 'Studio models retrieved' });
		expect(all.json.data.total).toBe(STUDIO_MODELS.length);
		const video = await call('GET', '/studio/models?mode=video');
		expect(video.json.data.mode).toBe('video');
		expect(video.json.data.models.every((m: any) => m.mode === 'video')).toBe(true);
		for (const model of video.json.data.models) {
			expect(Object.keys(model).sort()).toEqual(
				[
					'capabilities',
					'credits',
					'description',
					'id',
					'inputs',
					'mode',
					'name',
					'params',
					'provider',
					'raw_available_params',
				].sort(),
			);
			expect(typeof model.credits.default_cost).toBe('number');
		}
		const speech = video.json.data.models
			.filter((m: any) => m.inputs.optional.includes('speech_text'))
			.map((m: any) => m.id);
		expect(speech).toEqual(['veed/fabric-1.0', 'creatify/lipsync']);
	});

	it('answers 422 invalid_query for an unknown mode', async () => {
		const reply = await call('GET', '/studio/models?mode=audio');
		expect(reply.status).toBe(422);
		expect(reply.json).toMatchObject({ ok: false, code: 422, error_code: 'invalid_query' });
	});
});

describe('POST /studio/images/generate', () => {
	it('spends the model cost and answers a served PNG', async () => {
		fake.setCredits(DEFAULT_TOKEN, 10);
		const reply = await call('POST', '/studio/images/generate', {
			model_id: 'google/nano-banana-2',
			prompt: 'a red fox',
			params: { aspect_ratio: '9:16' },
			raw_params: { seed: 42 },
		});
		expect(reply.status).toBe(200);
		expect(Object.keys(reply.json.data).sort()).toEqual([
			'credits_used',
			'file_id',
			'model_id',
			'output_url',
			'preview_url',
			'provider',
		]);
		expect(reply.json.data).toMatchObject({
			credits_used: 4,
			model_id: 'google/nano-banana-2',
			provider: 'google',
		});
		expect(fake.creditsLeft(scope())).toBe(6);
		const image = await fetch(reply.json.data.output_url);
		expect(image.headers.get('content-type')).toBe('image/png');
		const png = Buffer.from(await image.arrayBuffer());
		expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
		expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([9, 16]);
		const idatLength = png.readUInt32BE(33);
		expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe(16 * (1 + 9 * 3));
		expect(new URL(reply.json.data.output_url).hostname).toBe('127.0.0.2');
		expect(fake.modules.studio.outputsOf(scope()).map((o) => o.id)).toEqual([
			reply.json.data.file_id,
		]);
	});

	it('answers 403 insufficient_credits and spends nothing when short', async () => {
		fake.setCredits(DEFAULT_TOKEN, 3);
		const reply = await call('POST', '/studio/images/generate', {
			model_id: 'google/nano-banana-2',
			prompt: 'x',
		});
		expect(reply.status).toBe(403);
		expect(reply.json.error_code).toBe('insufficient_credits');
		expect(fake.creditsLeft(scope())).toBe(3);
	});

	it.each([
		['invalid JSON', 400, 'invalid_json', undefined, '{nope'],
		['no prompt', 422, 'invalid_payload', { model_id: 'google/nano-banana-2' }, undefined],
		['unknown model', 422, 'invalid_payload', { model_id: 'acme/none', prompt: 'x' }, undefined],
		[
			'a video model',
			422,
			'invalid_payload',
			{ model_id: 'openai/sora-2', prompt: 'x' },
			undefined,
		],
		[
			'params not an object',
			422,
			'invalid_payload',
			{ model_id: 'google/nano-banana-2', prompt: 'x', params: [1] },
			undefined,
		],
		[
			'unknown params key',
			422,
			'invalid_payload',
			{ model_id: 'google/nano-banana-2', prompt: 'x', params: { seed: 1 } },
			undefined,
		],
		[
			'image model without image',
			422,
			'model_requires_image',
			{ model_id: 'black-forest-labs/flux-kontext-pro', prompt: 'x' },
			undefined,
		],
		[
			'image to a text-only model',
			422,
			'model_input_not_supported',
			{ model_id: 'ideogram/ideogram-v3', prompt: 'x', image_urls: ['https://e.org/a.png'] },
			undefined,
		],
		[
			'moderated prompt',
			422,
			'invalid_input',
			{ model_id: 'google/nano-banana-2', prompt: 'forbidden-content' },
			undefined,
		],
		[
			'unreadable image',
			422,
			'invalid_input',
			{ model_id: 'google/nano-banana-2', prompt: 'x', image_urls: ['file:///etc/passwd'] },
			undefined,
		],
	])('%s → %i %s, no credits spent', async (_name, status, code, body, raw) => {
		const reply = await call('POST', '/studio/images/generate', body, raw);
		expect(reply.status).toBe(status);
		expect(reply.json).toMatchObject({ ok: false, code: status, error_code: code });
		expect(fake.creditsLeft(scope())).toBe(100);
	});

	it('answers 500 generation_failed when told to, and refunds', async () => {
		fake.modules.studio.failNextGenerations = 1;
		const reply = await call('POST', '/studio/images/generate', {
			model_id: 'google/nano-banana-2',
			prompt: 'x',
		});
		expect(reply.status).toBe(500);
		expect(reply.json.error_code).toBe('generation_failed');
		expect(fake.creditsLeft(scope())).toBe(100);
	});
});

describe('POST /studio/videos/generate and GET /studio/videos/{videoId}', () => {
	it('starts a job (202) that succeeds by the clock with a served MP4', async () => {
		fake.modules.studio.videoPlan = { outcome: 'succeeded', durationMs: 300 };
		const started = await call('POST', '/studio/videos/generate', {
			model_id: 'openai/sora-2',
			prompt: 'a cat says hi',
			params: { duration_seconds: 8 },
		});
		expect(started.status).toBe(202);
		expect(started.json).toMatchObject({
			ok: true,
			code: 202,
			message: 'Video generation started',
		});
		expect(started.json.data).toMatchObject({
			status: 'processing',
			output_url: null,
			credits_used: 40,
			provider: 'openai',
		});
		expect(fake.creditsLeft(scope())).toBe(60);
		const id = started.json.data.video_id as string;
		expect((await call('GET', `/studio/videos/${id}`)).json.data.status).toBe('processing');
		await new Promise((resolve) => setTimeout(resolve, 350));
		const done = await call('GET', `/studio/videos/${id}`);
		expect(done.json.data).toMatchObject({ video_id: id, status: 'succeeded', error: null });
		const video = await fetch(done.json.data.output_url);
		expect(video.headers.get('content-type')).toBe('video/mp4');
		const bytes = Buffer.from(await video.arrayBuffer());
		expect(bytes.subarray(4, 8).toString('ascii')).toBe('ftyp');
		expect(fake.modules.studio.find(scope(), id)).toMatchObject({ status: 'succeeded' });
	});

	it('shows failed with an error when the plan says so', async () => {
		fake.modules.studio.planNextVideo({
			outcome: 'failed',
			durationMs: 0,
			error: 'Provider timeout',
		});
		const started = await call('POST', '/studio/videos/generate', {
			model_id: 'openai/sora-2',
			prompt: 'x',
		});
		const read = await call('GET', `/studio/videos/${started.json.data.video_id}`);
		expect(read.json.data).toMatchObject({
			status: 'failed',
			output_url: null,
			error: 'Provider timeout',
		});
	});

	it('accepts speech fields only on speech models', async () => {
		const speech = await call('POST', '/studio/videos/generate', {
			model_id: 'veed/fabric-1.0',
			image_url: 'https://e.org/face.png',
			speech_text: 'Hello there',
			voice_id: 'sarah',
		});
		expect(speech.status).toBe(202);
		const refused = await call('POST', '/studio/videos/generate', {
			model_id: 'openai/sora-2',
			prompt: 'x',
			speech_text: 'Hi',
		});
		expect(refused.status).toBe(422);
		expect(refused.json.error_code).toBe('model_input_not_supported');
	});

	it.each([
		['no model', 422, 'invalid_payload', { prompt: 'x' }],
		['prompt-driven model without prompt', 422, 'invalid_payload', { model_id: 'openai/sora-2' }],
		[
			'one_of unmet',
			422,
			'invalid_payload',
			{ model_id: 'veed/fabric-1.0', image_url: 'https://e.org/a.png' },
		],
		[
			'bad param type',
			422,
			'invalid_payload',
			{ model_id: 'openai/sora-2', prompt: 'x', params: { duration_seconds: '8' } },
		],
		[
			'avatar without image',
			422,
			'model_requires_image',
			{ model_id: 'veed/fabric-1.0', speech_text: 'Hi' },
		],
		[
			'voice to a prompt model',
			422,
			'model_input_not_supported',
			{ model_id: 'google/veo-3', prompt: 'x', voice_id: 'george' },
		],
		[
			'moderated prompt',
			422,
			'invalid_input',
			{ model_id: 'google/veo-3', prompt: 'forbidden-content' },
		],
	])('%s → %i %s', async (_name, status, code, body) => {
		const reply = await call('POST', '/studio/videos/generate', body);
		expect(reply.status).toBe(status);
		expect(reply.json.error_code).toBe(code);
		expect(fake.creditsLeft(scope())).toBe(100);
	});

	it('answers 403 insufficient_credits when short', async () => {
		fake.setCredits(DEFAULT_TOKEN, 39);
		const reply = await call('POST', '/studio/videos/generate', {
			model_id: 'openai/sora-2',
			prompt: 'x',
		});
		expect(reply.status).toBe(403);
		expect(reply.json.error_code).toBe('insufficient_credits');
	});

	it('answers 404 video_not_found for unknown ids and for another scope', async () => {
		const other = fake.modules.studio.seedVideo('user:someone-else');
		for (const id of [other, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
			const reply = await call('GET', `/studio/videos/${id}`);
			expect(reply.status).toBe(404);
			expect(reply.json.error_code).toBe('video_not_found');
		}
	});
});
