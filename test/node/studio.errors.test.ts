/**
 * Every error endpoints.json documents for the four Studio endpoints, reached through the node.
 * Each is provoked by real state or input at the fake where the node can send it (bad keys,
 * credits, models, inputs, unknown videos), and injected only where the node never sends the
 * cause (malformed JSON, an unknown mode: both refused or impossible on the node's side).
 */
import type { INodeParameters } from 'n8n-workflow';

import type { FakeGenviral } from '../fake-genviral/server';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';
import { documentedErrorCases, endpoint } from '../harness/reference';

const SOME_VIDEO = '06060606-0000-4000-8000-000000008001';

const BASE: Record<string, INodeParameters> = {
	listModels: { resource: 'studio', operation: 'getModels', filters: { mode: 'video' } },
	generateImage: {
		resource: 'studio',
		operation: 'generateImage',
		model: 'google/nano-banana-2',
		prompt: 'A latte',
	},
	generateVideo: {
		resource: 'studio',
		operation: 'generateVideo',
		model: 'openai/sora-2',
		prompt: 'A latte being poured',
	},
	getVideo: { resource: 'studio', operation: 'getVideo', videoId: SOME_VIDEO },
};

const TEMPLATES: Record<string, string> = {
	listModels: 'GET /studio/models',
	generateImage: 'POST /studio/images/generate',
	generateVideo: 'POST /studio/videos/generate',
	getVideo: 'GET /studio/videos/{videoId}',
};

interface Recipe {
	/** `real`: state or input the fake answers this way; `injected`: the node never sends the cause. */
	how: 'real' | 'injected';
	why?: string;
	token?: string;
	setup?: (fake: FakeGenviral) => void;
	parameters?: INodeParameters;
	/** The API's message (the fake's, for real provocations). */
	message?: string;
}

const PLAN_GATE: Record<string, Recipe> = {
	'401 invalid_token': {
		how: 'real',
		token: 'gva_live_000000.revoked',
		message: 'API key not found',
	},
	'402 subscription_required': {
		how: 'real',
		token: 'gva_live_d0d0d0.unpaid-secret',
		message: 'An active plan is required',
	},
	'403 tier_not_allowed': {
		how: 'real',
		token: 'gva_live_5c5c5c.scheduler-secret',
		message: 'The Scheduler tier cannot use the Partner API',
	},
};

const NOT_JSON = 'the node always sends a JSON body it built itself';

const RECIPES: Record<string, Record<string, Recipe>> = {
	listModels: {
		...PLAN_GATE,
		'422 invalid_query': {
			how: 'injected',
			why: 'the node offers only image and video and refuses any other Mode before sending',
		},
	},
	generateImage: {
		...PLAN_GATE,
		'400 invalid_json': { how: 'injected', why: NOT_JSON },
		'403 insufficient_credits': {
			how: 'real',
			setup: (fake) => fake.setCredits(DEFAULT_TOKEN, 3),
			message: 'Insufficient credits',
		},
		'422 invalid_payload': {
			how: 'real',
			parameters: { model: '={{ "acme/not-a-model" }}' },
			message: 'Unsupported model_id for image generation: acme/not-a-model',
		},
		'422 invalid_input': {
			how: 'real',
			parameters: { prompt: 'forbidden-content on a mug' },
			message: 'The model rejected the prompt (content policy)',
		},
		'422 model_requires_image': {
			how: 'real',
			parameters: { model: 'black-forest-labs/flux-kontext-pro' },
			message: 'Model black-forest-labs/flux-kontext-pro requires an input image (image_urls)',
		},
		'422 model_input_not_supported': {
			how: 'real',
			parameters: { model: 'ideogram/ideogram-v3', imageUrls: 'https://e.org/logo.png' },
			message: 'Model ideogram/ideogram-v3 does not support the input image_urls',
		},
		'500 generation_failed': {
			how: 'real',
			setup: (fake) => {
				fake.modules.studio.failNextGenerations = 1;
			},
			message: 'Generation failed, please try again',
		},
	},
	generateVideo: {
		...PLAN_GATE,
		'400 invalid_json': { how: 'injected', why: NOT_JSON },
		'403 insufficient_credits': {
			how: 'real',
			setup: (fake) => fake.setCredits(DEFAULT_TOKEN, 39),
			message: 'Insufficient credits',
		},
		'422 invalid_payload': {
			how: 'real',
			parameters: { model: 'acme/not-a-model' },
			message: 'Unsupported model_id for video generation: acme/not-a-model',
		},
		'422 invalid_input': {
			how: 'real',
			parameters: {
				additionalFields: { imageUrl: 'https://e.org/frame.png' },
				prompt: 'forbidden-content',
			},
			message: 'The model rejected the prompt (content policy)',
		},
		'422 model_requires_image': {
			how: 'real',
			parameters: { model: 'kling/kling-2.1-motion', prompt: 'The model turns around' },
			message: 'Model kling/kling-2.1-motion requires an input image (image_url)',
		},
		'422 model_input_not_supported': {
			how: 'real',
			parameters: { additionalFields: { negativePrompt: 'blur' } },
			message: 'Model openai/sora-2 does not support the input negative_prompt',
		},
		'500 generation_failed': {
			how: 'real',
			setup: (fake) => {
				fake.modules.studio.failNextGenerations = 1;
			},
			message: 'Generation failed, please try again',
		},
	},
	getVideo: {
		...PLAN_GATE,
		'404 video_not_found': { how: 'real', message: 'Video not found' },
	},
};

const cases = Object.keys(BASE).flatMap((operation) =>
	documentedErrorCases(endpoint('Studio', operation)).map((documented) => {
		const key = `${documented.status} ${documented.errorCode ?? '(none)'}`;
		return {
			name: `${TEMPLATES[operation]}: HTTP ${key}`,
			operation,
			key,
			...documented,
			recipe: RECIPES[operation][key],
		};
	}),
);

describe('documented errors of the Studio endpoints', () => {
	const env = useFakeGenviral();

	test('every documented error has a recipe, and every recipe a documented error', () => {
		expect(cases.length).toBe(4 + 10 + 10 + 4);
		expect(cases.filter((c) => c.recipe === undefined).map((c) => c.name)).toEqual([]);
		for (const [operation, recipes] of Object.entries(RECIPES)) {
			const documented = documentedErrorCases(endpoint('Studio', operation)).map(
				(c) => `${c.status} ${c.errorCode}`,
			);
			expect(Object.keys(recipes).sort()).toEqual(documented.sort());
		}
		// Injection only where the node cannot send the cause, and each says why.
		expect(
			cases.filter((c) => c.recipe.how === 'injected').map((c) => [c.name, typeof c.recipe.why]),
		).toEqual([
			['GET /studio/models: HTTP 422 invalid_query', 'string'],
			['POST /studio/images/generate: HTTP 400 invalid_json', 'string'],
			['POST /studio/videos/generate: HTTP 400 invalid_json', 'string'],
		]);
	});

	test.each(cases)('$name', async ({ operation, status, errorCode, recipe }) => {
		const target = TEMPLATES[operation];
		let message = recipe.message;
		if (recipe.how === 'injected') {
			message = `Documented failure ${status} ${errorCode ?? ''}`.trim();
			env.fake.inject(target, { kind: 'error', status, error_code: errorCode, message });
		}
		recipe.setup?.(env.fake);
		const before = env.fake.creditsLeft(env.fake.scopeOf(DEFAULT_TOKEN));

		const { error } = await runGenviral(
			env.fake,
			{ ...BASE[operation], ...recipe.parameters, options: { maxRetries: 0 } },
			{ token: recipe.token ?? DEFAULT_TOKEN },
		);

		expect(env.fake.requestsTo(target)).toHaveLength(1);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(message);
		expect((error as unknown as { httpCode: string }).httpCode).toBe(String(status));
		expect(error?.context.errorCode).toBe(errorCode);
		expect(error?.context.itemIndex).toBe(0);
		expect(error?.description).toContain(`HTTP ${status} from ${target.split(' ')[0]} `);
		if (errorCode !== null) expect(error?.description).toContain(`error_code: ${errorCode}`);
		// A refused generation spends nothing.
		expect(env.fake.creditsLeft(env.fake.scopeOf(DEFAULT_TOKEN))).toBe(before);
	});
});
