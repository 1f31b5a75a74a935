/**
 * Slideshow operations in the real engine against the fake API: exact requests, outputs and
 * pairing, bad input refused before any request, paid calls never sent twice, render output
 * ready for posting (and downloaded to binary), TikTok import, the picker.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { callNodeMethod } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const OTHER_SCOPE_TOKEN = 'gva_live_9f9f9f.personal-secret';
const TIKTOK_URL = 'https://www.tiktok.com/@maker/photo/7300000000000000001';
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

describe('Slideshow operations', () => {
	const env = useFakeGenviral();
	const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
	const pack = () =>
		env.fake.modules.packs.seedPack(scope(), {
			images: [{ url: 'https://cdn.example.org/1.jpg' }, { url: 'https://cdn.example.org/2.jpg' }],
		}).id as string;
	const seedSlideshow = (
		options: Parameters<typeof env.fake.modules.slideshows.seedSlideshow>[1] = {},
	) => env.fake.modules.slideshows.seedSlideshow(scope(), options);
	const run = (parameters: INodeParameters, options: Parameters<typeof runGenviral>[2] = {}) =>
		runGenviral(env.fake, { resource: 'slideshow', ...parameters }, options);
	const slideshowOp = (operation: string, id: string, extra: INodeParameters = {}) => ({
		operation,
		slideshowId: rl(id),
		...extra,
	});

	describe('Generate', () => {
		test('AI: the exact body, the slideshow as output, credits spent', async () => {
			const packId = pack();
			const { items, error } = await run({
				operation: 'generate',
				prompt: 'three habits',
				packId: rl(packId, 'list'),
				additionalFields: {
					slideCount: 3,
					aspectRatio: '9:16',
					language: 'en',
					slideshowType: 'personal',
					fontSize: 'small',
					textPreset: 'shadow',
					textWidth: 'narrow',
				},
			});
			expect(error).toBeUndefined();
			const [request] = env.fake.requestsTo('POST /slideshows/generate');
			expect(request.body).toEqual({
				prompt: 'three habits',
				pack_id: packId,
				slide_count: 3,
				slideshow_type: 'personal',
				aspect_ratio: '9:16',
				language: 'en',
				advanced_settings: { font_size: 'small', text_preset: 'shadow', text_width: 'narrow' },
			});
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				status: 'draft',
				slide_count: 3,
				settings: { image_pack_id: packId, aspect_ratio: '9:16' },
			});
			expect(env.fake.creditsLeft(scope())).toBe(97);
		});

		test('Skip AI: the slide configuration as JSON, no prompt sent, no credits', async () => {
			const config = {
				total_slides: 2,
				slide_types: ['custom_image', 'custom_image'],
				custom_images: {
					0: { image_url: 'https://x.org/a.png', image_id: 'a' },
					1: { image_url: 'https://x.org/b.png', image_id: 'b' },
				},
				slide_texts: { 0: 'Hello' },
			};
			const { items } = await run({
				operation: 'generate',
				skipAi: true,
				slideConfig: JSON.stringify(config),
				additionalFields: { fontSize: 'custom', customFontSize: 60 },
			});
			expect(env.fake.requestsTo('POST /slideshows/generate')[0].body).toEqual({
				skip_ai: true,
				slide_config: config,
				advanced_settings: { font_size: 60 },
			});
			expect(items[0].json).toMatchObject({ slide_count: 2, original_prompt: null });
			expect(env.fake.creditsLeft(scope())).toBe(100);
		});

		test.each([
			['no prompt and no product', { prompt: '' }, 'Prompt is required'],
			[
				'no image pack for pack slides',
				{ prompt: 'x', packId: rl('', 'list') },
				'Image Pack is required',
			],
			[
				'slide count out of range',
				{ prompt: 'x', additionalFields: { slideCount: 11 } },
				'Slide Count',
			],
			[
				'custom font size without Custom',
				{ prompt: 'x', additionalFields: { fontSize: 'small', customFontSize: 30 } },
				'Custom Font Size',
			],
			['skip AI without configuration', { skipAi: true }, 'Slide Configuration'],
			[
				'configuration with a bad total',
				{ skipAi: true, slideConfig: '{"total_slides": 12}' },
				'total_slides',
			],
			[
				'configuration key out of range',
				{
					skipAi: true,
					slideConfig:
						'{"total_slides": 1, "slide_types": ["custom_image"], "custom_images": {"3": {}}}',
				},
				'not a slide index',
			],
			['configuration that is not JSON', { skipAi: true, slideConfig: '{oops' }, 'not valid JSON'],
			[
				'language shorter than 2 characters',
				{ prompt: 'x', additionalFields: { language: 'e' } },
				'Additional Fields → Language must be 2-32 characters; got "e"',
			],
			[
				'language longer than 32 characters',
				{ prompt: 'x', additionalFields: { language: 'e'.repeat(33) } },
				'Additional Fields → Language',
			],
			[
				'product ID that is not a UUID',
				{ prompt: 'x', additionalFields: { productId: 'abc' } },
				'Product ID',
			],
		])('bad input (%s) is refused before any request', async (_label, fields, message) => {
			const packId = pack();
			const { error } = await run({ operation: 'generate', packId: rl(packId), ...fields });
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toContain(message);
			expect(error?.message).toContain('[item 0]');
			expect(env.fake.requests).toHaveLength(0);
		});

		test('402 insufficient credits: one request, the credits left in the description', async () => {
			const packId = pack();
			env.fake.setCredits(DEFAULT_TOKEN, 2);
			const { error } = await run({
				operation: 'generate',
				prompt: 'x',
				packId: rl(packId),
				additionalFields: { slideCount: 5 },
			});
			expect(error?.name).toBe('NodeApiError');
			expect(error?.context.errorCode).toBe('insufficient_credits');
			expect(error?.description).toContain('Credits left: 2');
			expect(env.fake.requestsTo('POST /slideshows/generate')).toHaveLength(1);
			expect(env.fake.requestsTo('GET /subscription')).toHaveLength(1);
		});

		test('products: unknown 404 product_not_found, another scope 403 forbidden_product_access', async () => {
			const packId = pack();
			const foreign = env.fake.modules.slideshows.seedProduct(env.fake.scopeOf(OTHER_SCOPE_TOKEN));
			const results = await Promise.all(
				[foreign, '00000000-0000-4000-8000-000000000001'].map(
					async (productId) =>
						(
							await run({
								operation: 'generate',
								prompt: 'x',
								packId: rl(packId),
								additionalFields: { productId },
							})
						).error?.context.errorCode,
				),
			);
			expect(results).toEqual(['forbidden_product_access', 'product_not_found']);
		});

		test('continue on fail: N items in, N items out, paired', async () => {
			const packId = pack();
			const { items } = await run(
				{ operation: 'generate', prompt: '={{ $json.prompt }}', packId: rl(packId) },
				{
					items: [
						{ json: { prompt: 'one' } },
						{ json: { prompt: '' } },
						{ json: { prompt: 'three' } },
					],
					continueOnFail: true,
				},
			);
			expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[0].json.original_prompt).toBe('one');
			expect(String(items[1].json.error)).toContain('Prompt is required');
			expect(items[2].json.original_prompt).toBe('three');
			expect(env.fake.requestsTo('POST /slideshows/generate')).toHaveLength(2);
		});
	});

	describe('paid calls are never sent twice', () => {
		const paid: Array<[string, string, () => INodeParameters]> = [
			[
				'Generate',
				'POST /slideshows/generate',
				() => ({ operation: 'generate', prompt: 'x', packId: rl(pack()) }),
			],
			[
				'Regenerate Slide',
				'POST /slideshows/{slideshowId}/slides/{slideIndex}/regenerate',
				() => slideshowOp('regenerateSlide', seedSlideshow().id as string, { slideIndex: 1 }),
			],
			[
				'Import From TikTok',
				'POST /slideshows/copy-tiktok/import',
				() => ({
					operation: 'importFromTiktok',
					url: TIKTOK_URL,
					backgroundSource: 'images',
					packImages: 'https://x.org/a.png',
				}),
			],
		];

		test.each(paid)(
			'%s: a 500 is not retried, even with retries on',
			async (_name, endpoint, parameters) => {
				env.fake.inject(endpoint, { kind: 'error', status: 500, error_code: 'x_failed' });
				const { error } = await run({ ...parameters(), options: { maxRetries: 3, retryDelay: 1 } });
				expect(error?.name).toBe('NodeApiError');
				expect(env.fake.requestsTo(endpoint)).toHaveLength(1);
			},
		);

		test.each(paid)(
			'%s: a connection lost after sending is not retried and says the work may have run',
			async (_name, endpoint, parameters) => {
				env.fake.inject(endpoint, { kind: 'reset' });
				const { error } = await run({ ...parameters(), options: { maxRetries: 3, retryDelay: 1 } });
				expect(env.fake.requestsTo(endpoint)).toHaveLength(1);
				expect(error?.description).toContain('may have done the work and spent credits');
			},
		);

		test('a timeout of a paid call says credits may have been spent', async () => {
			env.fake.inject('POST /slideshows/generate', { kind: 'hang' });
			const { error } = await run({
				operation: 'generate',
				prompt: 'x',
				packId: rl(pack()),
				options: { timeout: 200, maxRetries: 3 },
			});
			expect(error?.message).toContain('did not answer');
			expect(error?.description).toContain('may have done the work and spent credits');
			expect(env.fake.requestsTo('POST /slideshows/generate')).toHaveLength(1);
		});
	});

	describe('Get, Get Many, Delete, Duplicate', () => {
		test('Get: the full slideshow; another scope is 404', async () => {
			const seeded = seedSlideshow({ title: 'Mine' });
			const { items } = await run(slideshowOp('get', seeded.id as string));
			expect(env.fake.requests[0].path).toBe(`/slideshows/${seeded.id}`);
			expect(items[0].json).toEqual(seeded);
			const { error } = await run(slideshowOp('get', seeded.id as string), {
				token: OTHER_SCOPE_TOKEN,
			});
			expect(error?.context.errorCode).toBe('not_found');
		});

		test('Get: a By ID value that is not a UUID is refused before any request', async () => {
			const { error } = await run(slideshowOp('get', 'not-an-id'));
			expect(error?.message).toContain('Not a valid slideshow ID');
			expect(env.fake.requests).toHaveLength(0);
		});

		test('Get Many: filters in the query, pages walked with limit/offset, one item per row', async () => {
			for (let i = 0; i < 5; i++)
				seedSlideshow({ title: `Habit ${i}`, status: i % 2 === 0 ? 'draft' : 'rendered' });
			seedSlideshow({ title: 'Other' });
			const { items } = await run({
				operation: 'getMany',
				returnAll: false,
				limit: 2,
				filters: { status: 'draft', search: 'habit' },
			});
			expect(env.fake.requests.map((r) => r.query)).toEqual([
				{ status: 'draft', search: 'habit', limit: '2', offset: '0' },
			]);
			expect(items.map((i) => i.json.title)).toEqual(['Habit 4', 'Habit 2']);
			const all = await run({ operation: 'getMany', returnAll: true });
			expect(all.items).toHaveLength(6);
			expect(all.items[0].json).toMatchObject({
				title: 'Other',
				slide_count: 3,
				has_rendered_slide: false,
			});
		});

		test('Delete and Duplicate', async () => {
			const seeded = seedSlideshow({ title: 'Habits' });
			const copy = await run(slideshowOp('duplicate', seeded.id as string));
			expect(copy.items[0].json).toMatchObject({ title: 'Copy of Habits', status: 'draft' });
			const deleted = await run(slideshowOp('delete', seeded.id as string));
			expect(deleted.items[0].json).toEqual({ id: seeded.id, deleted: true });
			expect(env.fake.modules.slideshows.find(scope(), seeded.id as string)).toBeUndefined();
		});

		test('Duplicate and Delete are not re-sent after a 500 (a second one would copy again / report 404)', async () => {
			const seeded = seedSlideshow();
			env.fake.inject('POST /slideshows/{slideshowId}/duplicate', {
				kind: 'error',
				status: 500,
				error_code: 'duplicate_failed',
			});
			env.fake.inject('DELETE /slideshows/{slideshowId}', {
				kind: 'error',
				status: 500,
				error_code: 'delete_failed',
			});
			await run(slideshowOp('duplicate', seeded.id as string, { options: { retryDelay: 1 } }));
			await run(slideshowOp('delete', seeded.id as string, { options: { retryDelay: 1 } }));
			expect(env.fake.requests.map((r) => r.method)).toEqual(['POST', 'DELETE']);
		});
	});

	describe('Update', () => {
		test("Get's slides fed back: index, rendered_image_url and nulls are left out; the slideshow becomes a draft", async () => {
			const seeded = seedSlideshow({ status: 'rendered', slideCount: 2 });
			const slides = (seeded.slides as Array<Record<string, unknown>>).map((s) => ({ ...s }));
			(slides[0].text_elements as Array<Record<string, unknown>>)[0].content = 'Edited';
			const { items, error } = await run(
				slideshowOp('update', seeded.id as string, {
					updateFields: { title: 'New', slides: JSON.stringify(slides) },
				}),
			);
			expect(error).toBeUndefined();
			const body = env.fake.requestsTo('PATCH /slideshows/{slideshowId}')[0].body as {
				title: string;
				slides: Array<Record<string, unknown>>;
			};
			expect(body.title).toBe('New');
			expect(JSON.stringify(body.slides)).not.toContain('null');
			expect(body.slides.every((s) => !('index' in s) && !('rendered_image_url' in s))).toBe(true);
			expect(items[0].json).toMatchObject({ title: 'New', status: 'draft', slide_count: 2 });
			expect(env.fake.modules.slideshows.find(scope(), seeded.id as string)?.slides).toMatchObject([
				{ text_elements: [{ content: 'Edited' }] },
				{},
			]);
		});

		test('settings, product detach, type', async () => {
			const seeded = seedSlideshow();
			await run(
				slideshowOp('update', seeded.id as string, {
					updateFields: {
						detachProduct: true,
						slideshowType: 'personal',
						settings: '{"aspect_ratio": "1:1", "image_pack_id": null}',
					},
				}),
			);
			expect(env.fake.requests[0].body).toEqual({
				slideshow_type: 'personal',
				product_id: null,
				settings: { aspect_ratio: '1:1', image_pack_id: null },
			});
		});

		const slide = {
			image_url: 'https://x.org/a.png',
			text_elements: [{ content: 'Hi', x: 50, y: 50 }],
		};
		test.each([
			['nothing to update', {}, 'Nothing to update'],
			[
				'partial background filters',
				{ slides: JSON.stringify([{ ...slide, background_filters: { brightness: 1 } }]) },
				'missing: contrast',
			],
			[
				'a slide without image_url',
				{ slides: JSON.stringify([{ text_elements: [] }]) },
				'needs an "image_url"',
			],
			[
				'a text element without x',
				{ slides: JSON.stringify([{ ...slide, text_elements: [{ content: 'a', y: 1 }] }]) },
				'"x", "y"',
			],
			[
				'snapchat style preset',
				{
					slides: JSON.stringify([
						{ ...slide, text_elements: [{ content: 'a', x: 1, y: 1, style_preset: 'snapchat' }] },
					]),
				},
				'style_preset',
			],
			['eleven slides', { slides: JSON.stringify(Array(11).fill(slide)) }, '1-10 slides'],
			[
				'a bad grid type',
				{ slides: JSON.stringify([{ ...slide, grid_type: '3x3' }]) },
				'grid_type',
			],
			[
				'product and detach',
				{ productId: '00000000-0000-4000-8000-000000000001', detachProduct: true },
				'not both',
			],
			[
				'settings that are not an object',
				{ settings: '[1]' },
				'Update Fields → Settings (JSON) must be a JSON object; got a list',
			],
		])('refused before any request: %s', async (_label, updateFields, message) => {
			const seeded = seedSlideshow();
			const { error } = await run(slideshowOp('update', seeded.id as string, { updateFields }));
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toContain(message);
			expect(env.fake.requests).toHaveLength(0);
		});

		test('all ten background filters pass', async () => {
			const seeded = seedSlideshow();
			const filters = {
				brightness: 1,
				contrast: 1,
				saturation: 1,
				hue: 0,
				blur: 0,
				grayscale: 0,
				sepia: 0,
				invert: 0,
				drop_shadow: 0,
				opacity: 1,
			};
			const { error } = await run(
				slideshowOp('update', seeded.id as string, {
					updateFields: { slides: JSON.stringify([{ ...slide, background_filters: filters }]) },
				}),
			);
			expect(error).toBeUndefined();
		});
	});

	describe('Render', () => {
		test('the ordered rendered image URLs, read from the slideshow when the answer does not list them', async () => {
			const seeded = seedSlideshow({ slideCount: 3 });
			const { items } = await run(slideshowOp('render', seeded.id as string));
			expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
				`POST /slideshows/${seeded.id}/render`,
				`GET /slideshows/${seeded.id}`,
			]);
			const stored = env.fake.modules.slideshows.find(scope(), seeded.id as string)!;
			const expected = (stored.slides as Array<{ rendered_image_url: string }>).map(
				(s) => s.rendered_image_url,
			);
			expect(items[0].json).toMatchObject({
				id: seeded.id,
				status: 'rendered',
				slide_count: 3,
				rendered_image_urls: expected,
			});
			expect(expected.every((url) => url.startsWith(env.fake.storage.origin))).toBe(true);
			expect(items[0].binary).toBeUndefined();
		});

		test('no second read when the answer lists the slides', async () => {
			env.fake.modules.slideshows.renderReplyIncludesSlides = true;
			const seeded = seedSlideshow({ slideCount: 2 });
			const { items } = await run(slideshowOp('render', seeded.id as string));
			expect(env.fake.requests).toHaveLength(1);
			expect(items[0].json.rendered_image_urls).toHaveLength(2);
			expect(items[0].json.slides).toBeUndefined();
		});

		test('Download Images: one binary field per slide, real PNG bytes, no token to storage', async () => {
			const seeded = seedSlideshow({ slideCount: 2 });
			const { items } = await run(
				slideshowOp('render', seeded.id as string, {
					downloadImages: true,
					binaryPropertyPrefix: 'image_',
				}),
			);
			expect(Object.keys(items[0].binary ?? {})).toEqual(['image_0', 'image_1']);
			const image = items[0].binary!.image_1;
			expect(image.mimeType).toBe('image/png');
			expect(Buffer.from(image.data, 'base64').subarray(1, 4).toString('ascii')).toBe('PNG');
			expect(env.fake.storage.requests).toHaveLength(2);
			expect(env.fake.storage.requests.every((r) => r.headers.authorization === undefined)).toBe(
				true,
			);
		});

		test('a render is repeatable: a 500 is retried', async () => {
			const seeded = seedSlideshow();
			env.fake.inject('POST /slideshows/{slideshowId}/render', {
				kind: 'error',
				status: 500,
				error_code: 'render_failed',
			});
			const { items } = await run(
				slideshowOp('render', seeded.id as string, { options: { retryDelay: 1 } }),
			);
			expect(env.fake.requestsTo('POST /slideshows/{slideshowId}/render')).toHaveLength(2);
			expect(items[0].json.status).toBe('rendered');
		});

		test('no slides: 422 no_slides', async () => {
			const empty = seedSlideshow({ slides: [] });
			const { error } = await run(slideshowOp('render', empty.id as string));
			expect(error?.context.errorCode).toBe('no_slides');
		});

		test('the Timeout option overrides the long default of a render', async () => {
			env.fake.modules.slideshows.renderMsPerSlide = 300;
			const seeded = seedSlideshow({ slideCount: 1 });
			const { error } = await run(
				slideshowOp('render', seeded.id as string, { options: { timeout: 100, maxRetries: 0 } }),
			);
			expect(error?.message).toContain('did not answer');
		});
	});

	describe('Regenerate Slide', () => {
		test('path, body and output; a credit is spent', async () => {
			const seeded = seedSlideshow();
			const { items } = await run(
				slideshowOp('regenerateSlide', seeded.id as string, {
					slideIndex: 2,
					instruction: 'Shorter',
				}),
			);
			const [request] = env.fake.requests;
			expect([request.method, request.path, request.body]).toEqual([
				'POST',
				`/slideshows/${seeded.id}/slides/2/regenerate`,
				{ instruction: 'Shorter' },
			]);
			expect(items[0].json).toEqual({
				slide_index: 2,
				slideshow: { id: seeded.id, status: 'draft', slide_count: 3 },
			});
			expect(env.fake.creditsLeft(scope())).toBe(99);
		});

		test('no instruction sends none; a rendered slideshow fails its precondition', async () => {
			const seeded = seedSlideshow({ status: 'rendered' });
			const { error } = await run(
				slideshowOp('regenerateSlide', seeded.id as string, { slideIndex: 0 }),
			);
			expect(['', '{}']).toContain(env.fake.requests[0].rawBody);
			expect(error?.context.errorCode).toBe('regeneration_precondition_failed');
		});

		test('a slide index out of range is refused before any request', async () => {
			const { error } = await run(
				slideshowOp('regenerateSlide', seedSlideshow().id as string, { slideIndex: 10 }),
			);
			expect(error?.message).toContain('Slide Index');
			expect(env.fake.requests).toHaveLength(0);
		});
	});

	describe('Import From TikTok', () => {
		test('preview then import with its preview ID; capped at 8 slides; credits used', async () => {
			env.fake.modules.slideshows.seedTiktokPost(TIKTOK_URL, { slides: 12 });
			const packId = pack();
			const { items } = await run({
				operation: 'importFromTiktok',
				url: TIKTOK_URL,
				packId: rl(packId),
				additionalFields: { title: 'Copied' },
			});
			const [preview, imported] = env.fake.requests;
			expect([preview.path, preview.body]).toEqual([
				'/slideshows/copy-tiktok/preview',
				{ url: TIKTOK_URL },
			]);
			const previewId = (items[0].json.preview as { preview_id: string }).preview_id;
			expect([imported.path, imported.body]).toEqual([
				'/slideshows/copy-tiktok/import',
				{ url: TIKTOK_URL, pack_id: packId, title: 'Copied', preview_id: previewId },
			]);
			expect(items[0].json).toMatchObject({
				slide_count: 8,
				total_slides: 12,
				capped: true,
				credits_used: 8,
				used_cached_preview: true,
				slideshow: { title: 'Copied', status: 'draft' },
			});
			expect(env.fake.creditsLeft(scope())).toBe(92);
		});

		test('Preview Only: the preview and when its ID expires, nothing imported, nothing spent', async () => {
			const before = Date.now();
			const { items } = await run({
				operation: 'importFromTiktok',
				url: TIKTOK_URL,
				previewOnly: true,
			});
			expect(env.fake.requests).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				source_url: TIKTOK_URL,
				slide_count: 5,
				capped: false,
				estimated_credits: 5,
			});
			const expires = Date.parse(String(items[0].json.preview_expires_at));
			expect(expires).toBeGreaterThanOrEqual(before + 10 * 60 * 1000);
			expect(env.fake.creditsLeft(scope())).toBe(100);
		});

		test('an earlier preview ID skips the preview; after its lifetime the server fetches again', async () => {
			const first = await run({
				operation: 'importFromTiktok',
				url: TIKTOK_URL,
				previewOnly: true,
			});
			const previewId = String(first.items[0].json.preview_id);
			env.fake.requests.length = 0;
			const fresh = await run({
				operation: 'importFromTiktok',
				url: TIKTOK_URL,
				backgroundSource: 'images',
				packImages: 'https://x.org/a.png, https://x.org/b.png',
				additionalFields: { previewId },
			});
			expect(env.fake.requests.map((r) => r.path)).toEqual(['/slideshows/copy-tiktok/import']);
			expect(env.fake.requests[0].body).toEqual({
				url: TIKTOK_URL,
				pack_images: ['https://x.org/a.png', 'https://x.org/b.png'],
				preview_id: previewId,
			});
			expect(fresh.items[0].json.used_cached_preview).toBe(true);
			env.fake.modules.slideshows.previewTtlMs = 0;
			await new Promise((resolve) => setTimeout(resolve, 5));
			const stale = await run({
				operation: 'importFromTiktok',
				url: TIKTOK_URL,
				backgroundSource: 'images',
				packImages: 'https://x.org/a.png',
				additionalFields: { previewId },
			});
			expect(stale.items[0].json.used_cached_preview).toBe(false);
		});

		test.each([
			['not a TikTok link', { url: 'https://example.org/@a/photo/1' }, 'tiktok.com'],
			['no image URLs', { backgroundSource: 'images', packImages: '' }, 'Image URLs'],
			[
				'an image URL that is not http(s)',
				{ backgroundSource: 'images', packImages: 'ftp://x.org/a.png' },
				'Image URLs must be an http(s) URL; got "ftp://x.org/a.png"',
			],
			['no image pack', { packId: rl('', 'list') }, 'Image Pack'],
		])('refused before any request: %s', async (_label, fields, message) => {
			const { error } = await run({
				operation: 'importFromTiktok',
				url: TIKTOK_URL,
				packId: rl(pack()),
				...fields,
			});
			expect(error?.message).toContain(message);
			expect(env.fake.requests).toHaveLength(0);
		});

		test.each([
			['a video', () => ({ url: 'https://www.tiktok.com/@a/video/1' }), 'not_slideshow'],
			[
				'an unreachable post',
				() => {
					env.fake.modules.slideshows.seedTiktokPost('https://www.tiktok.com/@gone/photo/1', {
						kind: 'unreachable',
					});
					// A preview is free and repeatable: the 502 is retried (quickly here) before it surfaces.
					return { url: 'https://www.tiktok.com/@gone/photo/1', options: { retryDelay: 1 } };
				},
				'tiktok_fetch_failed',
			],
			[
				'an empty pack',
				() => ({ packId: rl(env.fake.modules.packs.seedPack(scope()).id as string) }),
				'pack_empty',
			],
			[
				'a pack not visible',
				() => ({
					packId: rl(
						env.fake.modules.packs.seedPack(env.fake.scopeOf(OTHER_SCOPE_TOKEN)).id as string,
					),
				}),
				'pack_not_found',
			],
			[
				'too few credits',
				() => {
					env.fake.setCredits(DEFAULT_TOKEN, 1);
					return {};
				},
				'insufficient_credits',
			],
			[
				'too many copy requests',
				() => {
					env.fake.modules.slideshows.copyRateLimit = { max: 0, windowMs: 60_000 };
					return { options: { retryOnRateLimit: false } };
				},
				'rate_limited',
			],
		])('documented refusal by real state: %s', async (_label, setUp, errorCode) => {
			const packId = pack();
			const fields = setUp();
			const { error } = await run({
				operation: 'importFromTiktok',
				url: TIKTOK_URL,
				packId: rl(packId),
				...fields,
			});
			expect(error?.name).toBe('NodeApiError');
			expect(error?.context.errorCode).toBe(errorCode);
		});
	});

	test('picker: searchable, paged by offset, labelled with title, status and slide count', async () => {
		for (let i = 0; i < 55; i++) seedSlideshow({ title: `Habit ${i}` });
		seedSlideshow({ title: 'Unrelated' });
		const credentials = { genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl } };
		const first = (await callNodeMethod('listSearch', 'searchSlideshows', {
			credentials,
			filter: 'habit',
		})) as { results: Array<{ name: string; value: string }>; paginationToken?: string };
		expect(first.results).toHaveLength(50);
		expect(first.results[0].name).toBe('Habit 54 · draft · 3 slides');
		expect(first.paginationToken).toBe('50');
		const second = (await callNodeMethod('listSearch', 'searchSlideshows', {
			credentials,
			filter: 'habit',
			paginationToken: first.paginationToken,
		})) as typeof first;
		expect(second.results).toHaveLength(5);
		expect(second.paginationToken).toBeUndefined();
		expect(env.fake.requests.map((r) => r.query)).toEqual([
			{ search: 'habit', limit: '50', offset: '0' },
			{ search: 'habit', limit: '50', offset: '50' },
		]);
	});
});
