/**
 * The fake's slideshows and packs routes follow the reference (sections 8 and 10): shapes,
 * validation, scope isolation, credits, metadata progress by time, TikTok preview lifetime.
 * Plain HTTP against the fake; the node's behaviour is tested in test/node/.
 */
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';

const PERSONAL = 'gva_live_9f9f9f.personal-secret';

describe('fake Genviral: slideshows and packs', () => {
	const env = useFakeGenviral();
	const call = async (method: string, path: string, body?: unknown, token = DEFAULT_TOKEN) => {
		const response = await fetch(`${env.fake.baseUrl}${path}`, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		return { status: response.status, json: (await response.json()) as Record<string, any> };
	};
	const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);

	describe('packs', () => {
		test('create, list (own + public), get, update, delete; scope isolation', async () => {
			const created = await call('POST', '/packs', { name: '  Beach  ' });
			expect(created.status).toBe(201);
			expect(created.json).toMatchObject({
				ok: true,
				code: 201,
				message: 'Pack created',
				data: { name: 'Beach', image_count: 0, is_public: false, images: [] },
			});
			const id = created.json.data.id;
			env.fake.modules.packs.seedPack(env.fake.scopeOf(PERSONAL), {
				name: 'Shared',
				is_public: true,
			});
			env.fake.modules.packs.seedPack(env.fake.scopeOf(PERSONAL), { name: 'Private elsewhere' });

			const all = await call('GET', '/packs');
			expect(all.json.data).toMatchObject({ total: 2, limit: 20, offset: 0 });
			expect(all.json.data.packs.map((p: { name: string }) => p.name).sort()).toEqual([
				'Beach',
				'Shared',
			]);
			const own = await call('GET', '/packs?include_public=false');
			expect(own.json.data.packs.map((p: { name: string }) => p.name)).toEqual(['Beach']);
			expect((await call('GET', '/packs?include_public=nope')).json.data.total).toBe(2);
			expect((await call('GET', '/packs?limit=0')).json).toMatchObject({
				code: 422,
				error_code: 'invalid_query',
			});

			expect((await call('GET', `/packs/${id}`, undefined, PERSONAL)).json).toMatchObject({
				code: 404,
				error_code: 'not_found',
			});
			expect((await call('PATCH', `/packs/${id}`, {})).json).toMatchObject({
				code: 422,
				error_code: 'invalid_payload',
			});
			expect((await call('PATCH', `/packs/${id}`, '{oops')).json).toMatchObject({
				code: 400,
				error_code: 'invalid_json',
			});
			expect((await call('PATCH', `/packs/${id}`, { is_public: true })).json.data).toMatchObject({
				is_public: true,
				images: [],
			});
			expect((await call('PATCH', `/packs/${id}`, { name: 'x' }, PERSONAL)).json.error_code).toBe(
				'not_found',
			);
			expect((await call('DELETE', `/packs/${id}`)).json.data).toEqual({ id, deleted: true });
			expect((await call('GET', `/packs/${id}`)).status).toBe(404);
		});

		test('public packs of another scope are readable, not mutable', async () => {
			const shared = env.fake.modules.packs.seedPack(env.fake.scopeOf(PERSONAL), {
				name: 'Shared',
				is_public: true,
			});
			expect((await call('GET', `/packs/${shared.id}`)).status).toBe(200);
			expect(
				(await call('PATCH', `/packs/${shared.id}`, { name: 'Mine now' })).json.error_code,
			).toBe('not_found');
			expect(
				(
					await call('POST', `/packs/${shared.id}/images`, {
						image_url: 'https://cdn.example.org/a.png',
					})
				).status,
			).toBe(404);
		});

		test('image metadata moves pending → processing → completed with the clock; failed too', async () => {
			env.fake.modules.packs.metadataStepMs = 150;
			env.fake.modules.packs.metadataOutcome = (url) =>
				url.includes('broken') ? 'failed' : 'completed';
			const pack = (await call('POST', '/packs', { name: 'P' })).json.data;
			const added = await call('POST', `/packs/${pack.id}/images`, {
				image_url: 'https://cdn.example.org/a.webp',
				file_name: 'a.webp',
			});
			expect(added.status).toBe(201);
			expect(added.json.data).toMatchObject({
				url: 'https://cdn.example.org/a.webp',
				file_name: 'a.webp',
				content_type: 'image/webp',
			});
			await call('POST', `/packs/${pack.id}/images`, {
				image_url: 'https://cdn.example.org/broken',
			});
			const first = (await call('GET', `/packs/${pack.id}`)).json.data;
			expect(first.images.map((i: any) => i.metadata.status)).toEqual(['pending', 'pending']);
			// Reading often does not make it faster.
			for (let i = 0; i < 5; i++) await call('GET', `/packs/${pack.id}`);
			expect((await call('GET', `/packs/${pack.id}`)).json.data.images[0].metadata.status).toBe(
				'pending',
			);
			await new Promise((resolve) => setTimeout(resolve, 350));
			const done = (await call('GET', `/packs/${pack.id}`)).json.data;
			expect(done.images[0].metadata).toMatchObject({
				status: 'completed',
				error: null,
				model: 'fake-vision-1',
			});
			expect(done.images[0].metadata.description).toEqual(expect.any(String));
			expect(done.images[1].metadata).toMatchObject({
				status: 'failed',
				description: null,
				keywords: [],
				error: expect.any(String),
			});
			expect(done.images[1]).toMatchObject({ url: 'https://cdn.example.org/broken' });
		});

		test('add image validation and delete image errors', async () => {
			const pack = (await call('POST', '/packs', { name: 'P' })).json.data;
			expect(
				(await call('POST', `/packs/${pack.id}/images`, { image_url: 'not a url' })).json
					.error_code,
			).toBe('invalid_payload');
			expect(
				(
					await call('POST', `/packs/${pack.id}/images`, {
						image_url: 'https://x.org/a',
						file_name: '',
					})
				).json.error_code,
			).toBe('invalid_payload');
			const image = (
				await call('POST', `/packs/${pack.id}/images`, { image_url: 'https://x.org/a' })
			).json.data;
			expect(image).toMatchObject({ file_name: 'image', content_type: 'image/jpeg' });
			const missing = '00000000-0000-4000-8000-000000000000';
			expect((await call('DELETE', `/packs/${missing}/images/${image.id}`)).json).toMatchObject({
				code: 404,
				error_code: 'pack_not_found',
			});
			expect((await call('DELETE', `/packs/${pack.id}/images/${missing}`)).json).toMatchObject({
				code: 404,
				error_code: 'image_not_found',
			});
			expect((await call('DELETE', `/packs/${pack.id}/images/${image.id}`)).json).toMatchObject({
				code: 200,
				message: 'Pack image deleted',
				data: { id: image.id, deleted: true },
			});
		});
	});

	describe('slideshows', () => {
		const packWithImages = () =>
			env.fake.modules.packs.seedPack(scope(), {
				images: [
					{ url: 'https://cdn.example.org/1.jpg' },
					{ url: 'https://cdn.example.org/2.jpg' },
				],
			});

		test('AI generation spends credits per slide; a shortage is 402 insufficient_credits and spends nothing', async () => {
			const pack = packWithImages();
			const generated = await call('POST', '/slideshows/generate', {
				prompt: 'three habits',
				pack_id: pack.id,
				slide_count: 3,
				aspect_ratio: '9:16',
			});
			expect(generated.status).toBe(201);
			expect(generated.json.data).toMatchObject({
				status: 'draft',
				slide_count: 3,
				original_prompt: 'three habits',
				settings: { image_pack_id: pack.id, aspect_ratio: '9:16' },
			});
			expect(generated.json.data.slides[0]).toMatchObject({
				index: 0,
				image_url: 'https://cdn.example.org/1.jpg',
				rendered_image_url: null,
			});
			expect(env.fake.creditsLeft(scope())).toBe(97);
			env.fake.setCredits(DEFAULT_TOKEN, 2);
			const short = await call('POST', '/slideshows/generate', {
				prompt: 'x',
				pack_id: pack.id,
				slide_count: 3,
			});
			expect(short.json).toMatchObject({ code: 402, error_code: 'insufficient_credits' });
			expect(env.fake.creditsLeft(scope())).toBe(2);
		});

		test('generation validation, products and packs', async () => {
			const pack = packWithImages();
			const generate = (body: unknown) => call('POST', '/slideshows/generate', body);
			expect((await generate('{')).json.error_code).toBe('invalid_json');
			expect((await generate({ pack_id: pack.id })).json.error_code).toBe('invalid_payload');
			expect((await generate({ prompt: 'x' })).json).toMatchObject({
				code: 422,
				error_code: 'invalid_payload',
			});
			expect(
				(await generate({ prompt: 'x', pack_id: pack.id, slide_count: 11 })).json.error_code,
			).toBe('invalid_payload');
			expect(
				(await generate({ prompt: 'x', pack_id: '00000000-0000-4000-8000-000000000000' })).json,
			).toMatchObject({ code: 404, error_code: 'pack_not_found' });
			const foreign = env.fake.modules.slideshows.seedProduct(env.fake.scopeOf(PERSONAL));
			expect(
				(await generate({ prompt: 'x', pack_id: pack.id, product_id: foreign })).json,
			).toMatchObject({ code: 403, error_code: 'forbidden_product_access' });
			expect(
				(
					await generate({
						prompt: 'x',
						pack_id: pack.id,
						product_id: '00000000-0000-4000-8000-000000000001',
					})
				).json,
			).toMatchObject({ code: 404, error_code: 'product_not_found' });
			const mine = env.fake.modules.slideshows.seedProduct(scope());
			expect((await generate({ pack_id: pack.id, product_id: mine, slide_count: 1 })).status).toBe(
				201,
			);
		});

		test('skip AI with a slide configuration costs nothing', async () => {
			const generated = await call('POST', '/slideshows/generate', {
				skip_ai: true,
				slide_config: {
					total_slides: 2,
					slide_types: ['custom_image', 'custom_image'],
					custom_images: {
						0: { image_url: 'https://x.org/a.png', image_id: 'a' },
						1: { image_url: 'https://x.org/b.png', image_id: 'b' },
					},
					slide_texts: { 0: 'Hello' },
				},
			});
			expect(generated.status).toBe(201);
			expect(
				generated.json.data.slides.map((s: any) => s.text_elements.map((e: any) => e.content)),
			).toEqual([['Hello'], []]);
			expect(env.fake.creditsLeft(scope())).toBe(100);
			const bad = await call('POST', '/slideshows/generate', {
				skip_ai: true,
				slide_config: { total_slides: 2, slide_types: ['custom_image'] },
			});
			expect(bad.json.error_code).toBe('invalid_payload');
		});

		test('list, get, scope isolation', async () => {
			env.fake.modules.slideshows.seedSlideshow(scope(), { title: 'Morning routine' });
			env.fake.modules.slideshows.seedSlideshow(scope(), { title: 'Evening', status: 'rendered' });
			env.fake.modules.slideshows.seedSlideshow(env.fake.scopeOf(PERSONAL), { title: 'Other' });
			const list = await call('GET', '/slideshows?status=rendered');
			expect(list.json.data).toMatchObject({ total: 1, limit: 20, offset: 0 });
			expect(list.json.data.slideshows[0]).toMatchObject({
				title: 'Evening',
				has_rendered_slide: true,
				slide_count: 3,
			});
			expect((await call('GET', '/slideshows?search=MORNING')).json.data.total).toBe(1);
			expect((await call('GET', '/slideshows?status=posted')).json.error_code).toBe(
				'invalid_query',
			);
			const other = (await call('GET', '/slideshows', undefined, PERSONAL)).json.data.slideshows[0];
			expect((await call('GET', `/slideshows/${other.id}`)).json).toMatchObject({
				code: 404,
				error_code: 'not_found',
			});
			expect(env.fake.modules.slideshows.find(scope(), other.id)).toBeUndefined();
		});

		test('render writes real PNGs; PATCH of slides resets the render', async () => {
			const seeded = env.fake.modules.slideshows.seedSlideshow(scope(), { slideCount: 2 });
			const rendered = await call('POST', `/slideshows/${seeded.id}/render`);
			expect(rendered.json).toMatchObject({
				code: 200,
				message: 'Slideshow rendered',
				data: { id: seeded.id, status: 'rendered', slide_count: 2 },
			});
			expect(Object.keys(rendered.json.data).sort()).toEqual([
				'id',
				'last_rendered_at',
				'preview_image_url',
				'slide_count',
				'status',
			]);
			const full = (await call('GET', `/slideshows/${seeded.id}`)).json.data;
			const url = full.slides[1].rendered_image_url as string;
			expect(url.startsWith(env.fake.storage.origin)).toBe(true);
			const image = Buffer.from(await (await fetch(url)).arrayBuffer());
			expect(image.subarray(1, 4).toString('ascii')).toBe('PNG');

			const slides = full.slides.map(
				({
					index: _index,
					rendered_image_url: _r,
					grid_images: _g,
					grid_type: _t,
					background_filters: _b,
					image_overlays: _o,
					...slide
				}: any) => ({
					...slide,
					text_elements: slide.text_elements.map((e: any) =>
						Object.fromEntries(Object.entries(e).filter(([, v]) => v !== null)),
					),
				}),
			);
			const patched = await call('PATCH', `/slideshows/${seeded.id}`, { slides });
			expect(patched.json).toMatchObject({ code: 200, data: { status: 'draft', slide_count: 2 } });
			const after = (await call('GET', `/slideshows/${seeded.id}`)).json.data;
			expect(after).toMatchObject({ preview_image_url: null, last_rendered_at: null });
			expect(after.slides.every((s: any) => s.rendered_image_url === null)).toBe(true);
		});

		test('PATCH strictness: nulls, index, partial filters, snapchat preset', async () => {
			const seeded = env.fake.modules.slideshows.seedSlideshow(scope(), { slideCount: 1 });
			const slide = {
				image_url: 'https://x.org/a.png',
				text_elements: [{ content: 'Hi', x: 50, y: 50 }],
			};
			const patch = (body: unknown) => call('PATCH', `/slideshows/${seeded.id}`, body);
			expect((await patch({})).json.error_code).toBe('invalid_payload');
			expect((await patch({ slides: [{ ...slide, index: 0 }] })).json.error_code).toBe(
				'invalid_payload',
			);
			expect((await patch({ slides: [{ ...slide, grid_type: null }] })).json.error_code).toBe(
				'invalid_payload',
			);
			expect(
				(await patch({ slides: [{ ...slide, background_filters: { brightness: 1 } }] })).json
					.error_code,
			).toBe('invalid_payload');
			expect(
				(
					await patch({
						slides: [
							{ ...slide, text_elements: [{ content: 'a', x: 1, y: 1, style_preset: 'snapchat' }] },
						],
					})
				).json.error_code,
			).toBe('invalid_payload');
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
			expect(
				(
					await patch({
						slides: [{ ...slide, background_filters: filters }],
						settings: { imagePackId: null },
					})
				).status,
			).toBe(200);
			expect(
				(await patch({ product_id: '00000000-0000-4000-8000-000000000001' })).json.error_code,
			).toBe('product_not_found');
			expect((await patch({ product_id: null, title: 'New' })).json.data).toMatchObject({
				title: 'New',
				product_id: null,
			});
		});

		test('no_slides, duplicate, regenerate preconditions and credits', async () => {
			const empty = env.fake.modules.slideshows.seedSlideshow(scope(), { slides: [] });
			expect((await call('POST', `/slideshows/${empty.id}/render`)).json).toMatchObject({
				code: 422,
				error_code: 'no_slides',
			});
			const seeded = env.fake.modules.slideshows.seedSlideshow(scope(), {
				title: 'Habits',
				status: 'rendered',
			});
			const copy = await call('POST', `/slideshows/${seeded.id}/duplicate`);
			expect(copy.json).toMatchObject({
				code: 201,
				data: {
					title: 'Copy of Habits',
					status: 'draft',
					preview_image_url: null,
					last_rendered_at: null,
					slide_count: 3,
				},
			});
			expect(
				(await call('POST', `/slideshows/${seeded.id}/slides/0/regenerate`, {})).json.error_code,
			).toBe('regeneration_precondition_failed');
			const draft = copy.json.data.id;
			expect(
				(await call('POST', `/slideshows/${draft}/slides/-1/regenerate`, {})).json.error_code,
			).toBe('invalid_slide_index');
			expect(
				(await call('POST', `/slideshows/${draft}/slides/9/regenerate`, {})).json.error_code,
			).toBe('regeneration_precondition_failed');
			expect(
				(await call('POST', `/slideshows/${draft}/slides/0/regenerate`, { instruction: '' })).json
					.error_code,
			).toBe('invalid_payload');
			const regenerated = await call('POST', `/slideshows/${draft}/slides/1/regenerate`, {
				instruction: 'Shorter',
			});
			expect(regenerated.json).toMatchObject({
				code: 200,
				data: { slide_index: 1, slideshow: { id: draft, status: 'draft', slide_count: 3 } },
			});
			expect(env.fake.creditsLeft(scope())).toBe(99);
			env.fake.setCredits(DEFAULT_TOKEN, 0);
			expect((await call('POST', `/slideshows/${draft}/slides/1/regenerate`)).json).toMatchObject({
				code: 402,
				error_code: 'insufficient_credits',
			});
		});

		test('TikTok preview and import: cached preview, lifetime, capped, errors', async () => {
			const url = 'https://www.tiktok.com/@maker/photo/7300000000000000001';
			env.fake.modules.slideshows.seedTiktokPost(url, { slides: 12 });
			const preview = await call('POST', '/slideshows/copy-tiktok/preview', { url });
			expect(preview.json.data).toMatchObject({
				source_url: url,
				slide_count: 8,
				total_slides: 12,
				capped: true,
				estimated_credits: 8,
			});
			expect(preview.json.data.images).toHaveLength(8);
			const imported = await call('POST', '/slideshows/copy-tiktok/import', {
				url,
				preview_id: preview.json.data.preview_id,
				pack_images: ['https://x.org/a.png'],
			});
			expect(imported.json).toMatchObject({
				code: 201,
				message: 'TikTok slideshow imported',
				data: {
					slide_count: 8,
					capped: true,
					credits_used: 8,
					used_cached_preview: true,
					slideshow: { status: 'draft', slide_count: 8 },
				},
			});
			expect(env.fake.creditsLeft(scope())).toBe(92);

			env.fake.modules.slideshows.previewTtlMs = 0;
			const stale = await call('POST', '/slideshows/copy-tiktok/preview', { url });
			await new Promise((resolve) => setTimeout(resolve, 5));
			const refetched = await call('POST', '/slideshows/copy-tiktok/import', {
				url,
				preview_id: stale.json.data.preview_id,
				pack_images: ['https://x.org/a.png'],
			});
			expect(refetched.json.data.used_cached_preview).toBe(false);

			const importBody = { url, pack_images: ['https://x.org/a.png'] };
			expect((await call('POST', '/slideshows/copy-tiktok/import', { url })).json.error_code).toBe(
				'pack_source_conflict',
			);
			expect(
				(
					await call('POST', '/slideshows/copy-tiktok/import', {
						...importBody,
						url: 'https://example.org/x',
					})
				).json.error_code,
			).toBe('invalid_tiktok_url');
			expect(
				(
					await call('POST', '/slideshows/copy-tiktok/preview', {
						url: 'https://www.tiktok.com/@a/video/1',
					})
				).json.error_code,
			).toBe('not_slideshow');
			const emptyPack = env.fake.modules.packs.seedPack(scope());
			expect(
				(await call('POST', '/slideshows/copy-tiktok/import', { url, pack_id: emptyPack.id })).json
					.error_code,
			).toBe('pack_empty');
			expect(
				(
					await call('POST', '/slideshows/copy-tiktok/import', {
						url,
						pack_id: '00000000-0000-4000-8000-000000000000',
					})
				).json.error_code,
			).toBe('pack_not_found');
			env.fake.modules.slideshows.seedTiktokPost('https://www.tiktok.com/@gone/photo/1', {
				kind: 'unreachable',
			});
			expect(
				(
					await call('POST', '/slideshows/copy-tiktok/preview', {
						url: 'https://www.tiktok.com/@gone/photo/1',
					})
				).json,
			).toMatchObject({ code: 502, error_code: 'tiktok_fetch_failed' });
			env.fake.setCredits(DEFAULT_TOKEN, 3);
			expect((await call('POST', '/slideshows/copy-tiktok/import', importBody)).json).toMatchObject(
				{ code: 402, error_code: 'insufficient_credits' },
			);
			env.fake.modules.slideshows.copyRateLimit = { max: 0, windowMs: 60_000 };
			expect((await call('POST', '/slideshows/copy-tiktok/preview', { url })).json).toMatchObject({
				code: 429,
				error_code: 'rate_limited',
			});
		});
	});
});
