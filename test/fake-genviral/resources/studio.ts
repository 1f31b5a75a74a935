/**
 * The fake's Studio routes (../shared/genviral-api/ section 11): the model catalogue, synchronous
 * image generation, asynchronous video jobs. Generation spends the scope's credits and answers
 * `403 insufficient_credits` when they are short (403 on these routes, unlike the 402 elsewhere).
 * Generated media is served by the fake storage origin (127.0.0.2), as Genviral's CDN does.
 */
import { randomUUID } from 'node:crypto';

import type { FakeModule, RouteContext } from '../module';
import { INVALID_JSON, isUuid, statusAt } from '../module';
import type { FakeGenviral, Reply } from '../server';
import { fail, ok } from '../server';
import { solidPng } from '../media';

/**
 * What the reference leaves open about Studio, guessed here and only here:
 * - the shape of a model's `params` (documented only as "its params list"): one object per
 *   normalized key with its type and allowed values;
 * - the success messages of the image and video-status routes (not shown in the sources);
 * - a normalized `params` key the chosen model does not list is ignored, not refused;
 * - a video that fails after it started keeps its credits spent (no refund documented);
 * - an unreachable input URL or a moderated prompt is what the upstream model rejects
 *   (`invalid_input`); a missing required input other than an image is `invalid_payload`.
 */
export const STUDIO_INFERRED = {
	imageGeneratedMessage: 'Image generated',
	videoRetrievedMessage: 'Studio video retrieved',
	modelsMessage: 'Studio models retrieved',
	videoStartedMessage: 'Video generation started',
	/** Words the fake's "upstream moderation" rejects with `invalid_input`. */
	blockedPromptTerms: ['forbidden-content'],
} as const;

export type StudioMode = 'image' | 'video';

export interface StudioParamSpec {
	key: string;
	type: 'string' | 'integer' | 'number' | 'boolean';
	options?: Array<string | number>;
	default?: string | number | boolean;
}

export interface StudioModel {
	id: string;
	mode: StudioMode;
	name: string;
	provider: string;
	description: string;
	credits: { default_cost: number; notes: string | null };
	capabilities: string[];
	inputs: { required: string[]; optional: string[]; one_of: string[][] };
	params: StudioParamSpec[];
	raw_available_params: string[];
}

/** The normalized `params` keys each mode accepts (reference 11.2 and 11.3). */
export const NORMALIZED_PARAMS: Record<StudioMode, string[]> = {
	image: [
		'aspect_ratio',
		'resolution',
		'output_format',
		'size',
		'max_images',
		'sequential_image_generation',
		'scale_factor',
	],
	video: ['resolution', 'duration_seconds', 'fps', 'aspect_ratio', 'generate_audio'],
};

/** The input fields of each mode's body (everything besides model_id, params and raw_params). */
export const INPUT_FIELDS: Record<StudioMode, string[]> = {
	image: ['prompt', 'image_urls'],
	video: [
		'prompt',
		'speech_text',
		'voice_id',
		'image_url',
		'video_url',
		'audio_url',
		'negative_prompt',
		'reference_image_urls',
	],
};

const ASPECT = ['1:1', '4:5', '9:16', '16:9', '3:4', '4:3'];

/** A realistic catalogue: prompt-only, image-required and text-only image models; prompt-driven, speech/lipsync and reference video models. */
export const STUDIO_MODELS: StudioModel[] = [
	{
		id: 'google/nano-banana-2',
		mode: 'image',
		name: 'Nano Banana 2',
		provider: 'google',
		description: 'Fast text-to-image and image editing with strong prompt adherence.',
		credits: { default_cost: 4, notes: null },
		capabilities: ['text_to_image', 'image_to_image'],
		inputs: { required: ['prompt'], optional: ['image_urls'], one_of: [] },
		params: [
			{ key: 'aspect_ratio', type: 'string', options: ASPECT, default: '1:1' },
			{ key: 'resolution', type: 'string', options: ['1K', '2K'], default: '1K' },
			{ key: 'output_format', type: 'string', options: ['png', 'jpeg', 'webp'], default: 'png' },
		],
		raw_available_params: ['seed'],
	},
	{
		id: 'bytedance/seedream-4',
		mode: 'image',
		name: 'Seedream 4',
		provider: 'bytedance',
		description: 'High-resolution images, optionally several related images in one sequence.',
		credits: { default_cost: 3, notes: 'Cost is per generated image.' },
		capabilities: ['text_to_image', 'image_to_image', 'multi_image'],
		inputs: { required: ['prompt'], optional: ['image_urls'], one_of: [] },
		params: [
			{ key: 'size', type: 'string', options: ['1K', '2K', '4K'], default: '2K' },
			{ key: 'aspect_ratio', type: 'string', options: ASPECT, default: '1:1' },
			{ key: 'max_images', type: 'integer', default: 1 },
			{
				key: 'sequential_image_generation',
				type: 'string',
				options: ['disabled', 'auto'],
				default: 'disabled',
			},
		],
		raw_available_params: ['seed', 'guidance_scale'],
	},
	{
		id: 'black-forest-labs/flux-kontext-pro',
		mode: 'image',
		name: 'FLUX Kontext Pro',
		provider: 'black-forest-labs',
		description: 'Edits an input image following the prompt (requires an input image).',
		credits: { default_cost: 5, notes: null },
		capabilities: ['image_to_image'],
		inputs: { required: ['prompt', 'image_urls'], optional: [], one_of: [] },
		params: [
			{
				key: 'aspect_ratio',
				type: 'string',
				options: ['match_input_image', ...ASPECT],
				default: 'match_input_image',
			},
			{ key: 'output_format', type: 'string', options: ['png', 'jpeg'], default: 'png' },
		],
		raw_available_params: ['seed', 'safety_tolerance'],
	},
	{
		id: 'ideogram/ideogram-v3',
		mode: 'image',
		name: 'Ideogram 3.0',
		provider: 'ideogram',
		description: 'Text-to-image with reliable typography; takes no input images.',
		credits: { default_cost: 6, notes: null },
		capabilities: ['text_to_image'],
		inputs: { required: ['prompt'], optional: [], one_of: [] },
		params: [
			{ key: 'aspect_ratio', type: 'string', options: ASPECT, default: '1:1' },
			{ key: 'resolution', type: 'string', options: ['1K'], default: '1K' },
		],
		raw_available_params: ['style_type', 'magic_prompt_option'],
	},
	{
		id: 'openai/sora-2',
		mode: 'video',
		name: 'Sora 2',
		provider: 'openai',
		description:
			'Prompt-driven video with native audio; write any spoken dialogue into the prompt.',
		credits: { default_cost: 40, notes: 'For 8 seconds; longer clips cost more.' },
		capabilities: ['text_to_video', 'image_to_video', 'audio'],
		inputs: { required: ['prompt'], optional: ['image_url'], one_of: [] },
		params: [
			{ key: 'duration_seconds', type: 'integer', options: [4, 8, 12], default: 8 },
			{ key: 'aspect_ratio', type: 'string', options: ['9:16', '16:9'], default: '9:16' },
			{ key: 'resolution', type: 'string', options: ['720p'], default: '720p' },
		],
		raw_available_params: [],
	},
	{
		id: 'google/veo-3',
		mode: 'video',
		name: 'Veo 3',
		provider: 'google',
		description:
			'Prompt-driven cinematic video with generated audio; dialogue goes into the prompt.',
		credits: { default_cost: 60, notes: null },
		capabilities: ['text_to_video', 'image_to_video', 'audio'],
		inputs: { required: ['prompt'], optional: ['image_url', 'negative_prompt'], one_of: [] },
		params: [
			{ key: 'duration_seconds', type: 'integer', options: [8], default: 8 },
			{ key: 'aspect_ratio', type: 'string', options: ['9:16', '16:9'], default: '16:9' },
			{ key: 'resolution', type: 'string', options: ['720p', '1080p'], default: '720p' },
			{ key: 'generate_audio', type: 'boolean', default: true },
		],
		raw_available_params: ['seed'],
	},
	{
		id: 'veed/fabric-1.0',
		mode: 'video',
		name: 'Fabric 1.0',
		provider: 'veed',
		description:
			'Talking avatar from one image, driven by narration text (with a Genviral voice) or an audio file.',
		credits: { default_cost: 25, notes: 'Per 10 seconds of speech.' },
		capabilities: ['image_to_video', 'speech', 'lipsync'],
		inputs: {
			required: ['image_url'],
			optional: ['speech_text', 'voice_id', 'audio_url'],
			one_of: [['audio_url', 'speech_text']],
		},
		params: [{ key: 'resolution', type: 'string', options: ['480p', '720p'], default: '720p' }],
		raw_available_params: [],
	},
	{
		id: 'creatify/lipsync',
		mode: 'video',
		name: 'Creatify Lipsync',
		provider: 'creatify',
		description: 'Re-voices an existing video: lips follow the narration text or the audio file.',
		credits: { default_cost: 15, notes: null },
		capabilities: ['video_to_video', 'speech', 'lipsync'],
		inputs: {
			required: ['video_url'],
			optional: ['speech_text', 'voice_id', 'audio_url'],
			one_of: [['audio_url', 'speech_text']],
		},
		params: [],
		raw_available_params: [],
	},
	{
		id: 'bytedance/seedance-2.0',
		mode: 'video',
		name: 'Seedance 2.0',
		provider: 'bytedance',
		description:
			'Multi-shot video from a prompt, with reference images (@Image1, @Image2...) and reference audio.',
		credits: { default_cost: 30, notes: null },
		capabilities: ['text_to_video', 'image_to_video', 'reference_images', 'reference_audio'],
		inputs: {
			required: ['prompt'],
			optional: ['image_url', 'reference_image_urls', 'audio_url', 'negative_prompt'],
			one_of: [],
		},
		params: [
			{ key: 'duration_seconds', type: 'integer', options: [5, 10], default: 5 },
			{ key: 'resolution', type: 'string', options: ['480p', '720p', '1080p'], default: '720p' },
			{ key: 'aspect_ratio', type: 'string', options: ASPECT, default: '9:16' },
			{ key: 'fps', type: 'integer', options: [24], default: 24 },
			{ key: 'generate_audio', type: 'boolean', default: false },
		],
		raw_available_params: ['seed', 'camera_fixed'],
	},
	{
		id: 'kling/kling-2.1-motion',
		mode: 'video',
		name: 'Kling 2.1 Motion',
		provider: 'kling',
		description: 'Animates an image, following either a motion reference video or a prompt.',
		credits: { default_cost: 20, notes: null },
		capabilities: ['image_to_video', 'motion_transfer'],
		inputs: {
			required: ['image_url'],
			optional: ['prompt', 'video_url', 'negative_prompt'],
			one_of: [['video_url', 'prompt']],
		},
		params: [
			{ key: 'duration_seconds', type: 'integer', options: [5, 10], default: 5 },
			{ key: 'aspect_ratio', type: 'string', options: ['9:16', '16:9', '1:1'], default: '9:16' },
		],
		raw_available_params: ['cfg_scale'],
	},
];

export type VideoStatus = 'processing' | 'succeeded' | 'failed';

/** How the next video jobs end and how long they take (tests set it; the clock moves them). */
export interface VideoPlan {
	outcome: 'succeeded' | 'failed';
	/** Time from the start until the job reaches its outcome. */
	durationMs: number;
	/** The `error` a failed job shows. */
	error?: string;
}

interface VideoJob {
	video_id: string;
	prediction_id: string;
	provider: string;
	model_id: string;
	credits_used: number;
	created_at: string;
	scope: string;
	startedAt: number;
	plan: VideoPlan;
	output_url: string | null;
	completed_at: string | null;
}

export interface StudioOutputFile {
	id: string;
	scope: string;
	kind: 'ai_image' | 'ai_video';
	url: string;
	content_type: string;
	model_id: string;
	created_at: string;
}

const DEFAULT_VIDEO_PLAN: VideoPlan = { outcome: 'succeeded', durationMs: 1500 };

export class StudioFake implements FakeModule {
	constructor(readonly fake: FakeGenviral) {}

	routes: FakeModule['routes'] = {
		'GET /studio/models': (ctx) => this.listModels(ctx),
		'POST /studio/images/generate': (ctx) => this.generateImage(ctx),
		'POST /studio/videos/generate': (ctx) => this.generateVideo(ctx),
		'GET /studio/videos/{videoId}': (ctx) => this.getVideo(ctx),
	};

	/** The catalogue `GET /studio/models` serves (tests may swap it). */
	models: StudioModel[] = structuredClone(STUDIO_MODELS);

	/** How new video jobs end, unless one is queued with `planNextVideo`. */
	videoPlan: VideoPlan = { ...DEFAULT_VIDEO_PLAN };

	private readonly queuedVideoPlans: VideoPlan[] = [];

	/** Make the next generation(s) fail upstream with `500 generation_failed` (credits refunded). */
	failNextGenerations = 0;

	private readonly videos = new Map<string, VideoJob>();

	/** Generated outputs, by file id (images and finished videos), for the files module. */
	readonly outputs = new Map<string, StudioOutputFile>();

	reset(): void {
		this.models = structuredClone(STUDIO_MODELS);
		this.videoPlan = { ...DEFAULT_VIDEO_PLAN };
		this.queuedVideoPlans.length = 0;
		this.failNextGenerations = 0;
		this.videos.clear();
		this.outputs.clear();
	}

	/** The next video job started goes this way (then `videoPlan` again). */
	planNextVideo(plan: Partial<VideoPlan>): void {
		this.queuedVideoPlans.push({ ...this.videoPlan, ...plan });
	}

	/** A video job of this id in this scope as `GET /studio/videos/{videoId}` shows it now. */
	find(scope: string, id: string): Record<string, unknown> | undefined {
		const job = this.videos.get(id.toLowerCase());
		if (!job || job.scope !== scope) return undefined;
		return this.publicVideo(job);
	}

	/** Put a video job straight into a scope (read-side tests), already started `ageMs` ago. */
	seedVideo(
		scope: string,
		fields: Partial<VideoPlan> & { model_id?: string; ageMs?: number } = {},
	): string {
		const model =
			this.models.find((m) => m.id === (fields.model_id ?? 'openai/sora-2')) ?? this.models[0];
		const job = this.newVideo(scope, model, { ...this.videoPlan, ...fields });
		job.startedAt -= fields.ageMs ?? 0;
		return job.video_id;
	}

	/** Studio outputs of a scope (`GET /files?context=ai-studio` shows them as files). */
	outputsOf(scope: string): StudioOutputFile[] {
		for (const job of this.videos.values()) if (job.scope === scope) this.publicVideo(job);
		return [...this.outputs.values()].filter((o) => o.scope === scope);
	}

	private listModels(ctx: RouteContext): Reply {
		const mode = ctx.req.query.mode;
		if (mode !== undefined && !['image', 'video', 'all'].includes(mode)) {
			return fail(422, 'mode must be one of image, video, all', 'invalid_query');
		}
		const models = this.models.filter(
			(m) => mode === undefined || mode === 'all' || m.mode === mode,
		);
		return ok(200, STUDIO_INFERRED.modelsMessage, {
			mode: mode ?? 'all',
			total: models.length,
			models: structuredClone(models),
		});
	}

	private generateImage(ctx: RouteContext): Reply {
		const checked = this.checkBody(ctx, 'image');
		if ('status' in checked) return checked;
		const { body, model } = checked;
		const imageUrls = (body.image_urls as string[] | undefined) ?? [];
		const outcome = this.spend(ctx, model, body);
		if (outcome) return outcome;
		const fileId = randomUUID();
		const dimensions = imageSize(body.params as Record<string, unknown> | undefined);
		const png = solidPng(
			dimensions.width,
			dimensions.height,
			colourOf(`${String(body.prompt)}|${imageUrls.join(',')}`),
		);
		const outputUrl = this.fake.storage.putMedia(`${fileId}.png`, 'image/png', png);
		const previewUrl = this.fake.storage.putMedia(
			`${fileId}-preview.png`,
			'image/png',
			solidPng(4, 4, colourOf(String(body.prompt))),
		);
		this.outputs.set(fileId, {
			id: fileId,
			scope: ctx.scope,
			kind: 'ai_image',
			url: outputUrl,
			content_type: 'image/png',
			model_id: model.id,
			created_at: new Date().toISOString(),
		});
		return ok(200, STUDIO_INFERRED.imageGeneratedMessage, {
			file_id: fileId,
			output_url: outputUrl,
			preview_url: previewUrl,
			credits_used: model.credits.default_cost,
			model_id: model.id,
			provider: model.provider,
		});
	}

	private generateVideo(ctx: RouteContext): Reply {
		const checked = this.checkBody(ctx, 'video');
		if ('status' in checked) return checked;
		const { body, model } = checked;
		const outcome = this.spend(ctx, model, body);
		if (outcome) return outcome;
		const job = this.newVideo(
			ctx.scope,
			model,
			this.queuedVideoPlans.shift() ?? { ...this.videoPlan },
		);
		return ok(202, STUDIO_INFERRED.videoStartedMessage, {
			video_id: job.video_id,
			prediction_id: job.prediction_id,
			provider: job.provider,
			model_id: job.model_id,
			status: 'processing',
			output_url: null,
			credits_used: job.credits_used,
		});
	}

	private getVideo(ctx: RouteContext): Reply {
		const video = isUuid(ctx.params.videoId) ? this.find(ctx.scope, ctx.params.videoId) : undefined;
		if (!video) return fail(404, 'Video not found', 'video_not_found');
		return ok(200, STUDIO_INFERRED.videoRetrievedMessage, video);
	}

	/** Envelope, schema and model checks shared by both generate routes, in the API's order. */
	private checkBody(
		ctx: RouteContext,
		mode: StudioMode,
	): { body: Record<string, unknown>; model: StudioModel } | Reply {
		if (ctx.body === INVALID_JSON) return fail(400, 'Invalid JSON body', 'invalid_json');
		const body = ctx.body;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return fail(422, 'Body must be a JSON object', 'invalid_payload');
		}
		const fields = body as Record<string, unknown>;
		const bad = (message: string) => fail(422, message, 'invalid_payload');
		if (typeof fields.model_id !== 'string' || fields.model_id.trim() === '')
			return bad('model_id is required');
		for (const name of INPUT_FIELDS[mode]) {
			const value = fields[name];
			if (value === undefined || value === null) continue;
			if (name.endsWith('_urls')) {
				if (!Array.isArray(value) || value.some((url) => typeof url !== 'string' || url === '')) {
					return bad(`${name} must be an array of URL strings`);
				}
			} else if (typeof value !== 'string') return bad(`${name} must be a string`);
		}
		if (mode === 'image' && (typeof fields.prompt !== 'string' || fields.prompt.trim() === '')) {
			return bad('prompt is required');
		}
		for (const name of ['params', 'raw_params']) {
			const value = fields[name];
			if (
				value !== undefined &&
				value !== null &&
				(typeof value !== 'object' || Array.isArray(value))
			) {
				return bad(`${name} must be an object`);
			}
		}
		const params = (fields.params ?? {}) as Record<string, unknown>;
		for (const [key, value] of Object.entries(params)) {
			if (!NORMALIZED_PARAMS[mode].includes(key))
				return bad(`Unknown params key: ${key} (use raw_params for model-specific settings)`);
			const numeric = ['max_images', 'scale_factor', 'duration_seconds', 'fps'].includes(key);
			const boolean = key === 'generate_audio';
			if (
				numeric
					? typeof value !== 'number'
					: boolean
						? typeof value !== 'boolean'
						: typeof value !== 'string'
			) {
				return bad(
					`params.${key} must be a ${numeric ? 'number' : boolean ? 'boolean' : 'string'}`,
				);
			}
		}
		const model = this.models.find((m) => m.id === fields.model_id && m.mode === mode);
		if (!model)
			return bad(`Unsupported model_id for ${mode} generation: ${String(fields.model_id)}`);

		const given = (name: string) => {
			const value = fields[name];
			return Array.isArray(value)
				? value.length > 0
				: typeof value === 'string' && value.trim() !== '';
		};
		const accepted = [...model.inputs.required, ...model.inputs.optional];
		for (const name of INPUT_FIELDS[mode]) {
			if (given(name) && !accepted.includes(name)) {
				return fail(
					422,
					`Model ${model.id} does not support the input ${name}`,
					'model_input_not_supported',
				);
			}
		}
		for (const name of model.inputs.required) {
			if (given(name)) continue;
			if (name === 'image_urls' || name === 'image_url') {
				return fail(
					422,
					`Model ${model.id} requires an input image (${name})`,
					'model_requires_image',
				);
			}
			return bad(`Model ${model.id} requires ${name}`);
		}
		for (const group of model.inputs.one_of) {
			if (!group.some(given)) return bad(`Model ${model.id} needs one of: ${group.join(', ')}`);
		}
		return { body: fields, model };
	}

	/**
	 * Charge the model's cost, then let the "upstream model" judge the inputs: a rejection or a
	 * generation failure refunds the credits. Undefined when the generation goes ahead.
	 */
	private spend(
		ctx: RouteContext,
		model: StudioModel,
		body: Record<string, unknown>,
	): Reply | undefined {
		const cost = model.credits.default_cost;
		if (!this.fake.spendCredits(ctx.scope, cost)) {
			return fail(403, 'Insufficient credits', 'insufficient_credits');
		}
		// Spending a negative amount gives the credits back.
		const refund = () => this.fake.spendCredits(ctx.scope, -cost);
		const prompt = String(body.prompt ?? '').toLowerCase();
		if (STUDIO_INFERRED.blockedPromptTerms.some((term) => prompt.includes(term))) {
			refund();
			return fail(422, 'The model rejected the prompt (content policy)', 'invalid_input');
		}
		const urls = ['image_urls', 'image_url', 'video_url', 'audio_url', 'reference_image_urls']
			.flatMap((name) =>
				body[name] === undefined || body[name] === null ? [] : [body[name]].flat(),
			)
			.map(String);
		const unreadable = urls.find((url) => !/^https?:\/\/[^\s/]+/i.test(url));
		if (unreadable !== undefined) {
			refund();
			return fail(422, `The model could not read the input ${unreadable}`, 'invalid_input');
		}
		if (this.failNextGenerations > 0) {
			this.failNextGenerations--;
			refund();
			return fail(500, 'Generation failed, please try again', 'generation_failed');
		}
		return undefined;
	}

	private newVideo(scope: string, model: StudioModel, plan: VideoPlan): VideoJob {
		const job: VideoJob = {
			video_id: randomUUID(),
			prediction_id: `${model.provider}-${randomUUID().slice(0, 8)}`,
			provider: model.provider,
			model_id: model.id,
			credits_used: model.credits.default_cost,
			created_at: new Date().toISOString(),
			scope,
			startedAt: Date.now(),
			plan,
			output_url: null,
			completed_at: null,
		};
		this.videos.set(job.video_id, job);
		return job;
	}

	/** The job as the API shows it now; a job that just reached its outcome gets its output. */
	private publicVideo(job: VideoJob): Record<string, unknown> {
		const status = statusAt<VideoStatus>(
			['processing', job.plan.outcome],
			job.startedAt,
			job.plan.durationMs,
		);
		if (status !== 'processing' && job.completed_at === null) {
			job.completed_at = new Date(job.startedAt + job.plan.durationMs).toISOString();
			if (status === 'succeeded') {
				job.output_url = this.fake.storage.putMedia(
					`${job.video_id}.mp4`,
					'video/mp4',
					fakeMp4(job.video_id),
				);
				this.outputs.set(job.video_id, {
					id: job.video_id,
					scope: job.scope,
					kind: 'ai_video',
					url: job.output_url,
					content_type: 'video/mp4',
					model_id: job.model_id,
					created_at: job.completed_at,
				});
			}
		}
		return {
			video_id: job.video_id,
			prediction_id: job.prediction_id,
			provider: job.provider,
			model_id: job.model_id,
			status,
			output_url: status === 'succeeded' ? job.output_url : null,
			error:
				status === 'failed'
					? (job.plan.error ?? 'The provider could not generate this video')
					: null,
			credits_used: job.credits_used,
			created_at: job.created_at,
			completed_at: job.completed_at,
		};
	}
}

/** A small image in the requested aspect ratio (long side 16 px), enough to be a real PNG. */
function imageSize(params: Record<string, unknown> | undefined): { width: number; height: number } {
	const ratio =
		typeof params?.aspect_ratio === 'string' ? /^(\d+):(\d+)$/.exec(params.aspect_ratio) : null;
	if (!ratio) return { width: 16, height: 16 };
	const [w, h] = [Number(ratio[1]), Number(ratio[2])];
	return w >= h
		? { width: 16, height: Math.max(1, Math.round((16 * h) / w)) }
		: { width: Math.max(1, Math.round((16 * w) / h)), height: 16 };
}

function colourOf(text: string): [number, number, number] {
	let hash = 2166136261;
	for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
	return [hash & 0xff, (hash >>> 8) & 0xff, (hash >>> 16) & 0xff];
}

function mp4Box(type: string, payload: Buffer): Buffer {
	const size = Buffer.alloc(4);
	size.writeUInt32BE(8 + payload.length);
	return Buffer.concat([size, Buffer.from(type, 'ascii'), payload]);
}

/**
 * A small MP4-shaped payload (ftyp, free and mdat boxes; no playable track): enough for a file
 * type sniffer and a download, a few KB so tests can tell a full transfer from a partial one.
 */
export function fakeMp4(seed: string): Buffer {
	const ftyp = mp4Box(
		'ftyp',
		Buffer.concat([
			Buffer.from('isom', 'ascii'),
			Buffer.from([0, 0, 2, 0]),
			Buffer.from('isomiso2mp41', 'ascii'),
		]),
	);
	const free = mp4Box('free', Buffer.from(`genviral-fake:${seed}`, 'ascii'));
	const mdat = mp4Box(
		'mdat',
		Buffer.from(
			Array.from({ length: 4096 }, (_v, i) => (i * 31 + seed.charCodeAt(i % seed.length)) & 0xff),
		),
	);
	return Buffer.concat([ftyp, free, mdat]);
}
