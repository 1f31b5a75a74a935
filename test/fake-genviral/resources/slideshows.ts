/**
 * The fake's slideshows routes (reference section 10, endpoints.json resource "Slideshows").
 *
 * Slideshows live in a scope and hold ordered slides (a background image plus text elements).
 * AI work spends the scope's credits (`fake.spendCredits`): generation with AI text, slide
 * regeneration and TikTok import. Products are not listable through the API, so they exist only
 * as fake state (`seedProduct`). Renders write real PNG bytes to the fake storage origin, so
 * rendered URLs download. TikTok posts come from a small fake catalogue (`seedTiktokPost`), and a
 * copy preview lives `previewTtlMs` (about 10 minutes, reference 10.9).
 */
import { randomUUID } from 'node:crypto';

import type { FakeModule, RouteContext } from '../module';
import { INVALID_JSON, isUuid, readOffsetPage } from '../module';
import type { FakeGenviral, Reply } from '../server';
import { fail, ok } from '../server';
import { isHttpUrl } from './packs';
import { tinyPng } from '../media';

/**
 * What the reference leaves open for slideshows, guessed in one place: `POST /slideshows/generate`
 * documents neither its answer nor its errors, and no page says what generation and regeneration
 * cost or which status a shortage gets (TikTok import documents 402 `insufficient_credits`).
 */
export const INFERRED_SLIDESHOW_ANSWERS = {
	generateStatus: 201,
	generateMessage: 'Slideshow generated',
	listMessage: 'Slideshows retrieved',
	previewStatus: 200,
	previewMessage: 'TikTok preview ready',
	/** The 402 a paid call gets when the scope's credits are short. */
	insufficientCredits: { status: 402, error_code: 'insufficient_credits' },
	/** Credits per slide written by AI (generate without skip_ai). */
	generateCreditsPerSlide: 1,
	/** Credits per regenerated slide. */
	regenerateCredits: 1,
	/** Copy credits per imported TikTok slide (the preview's estimated_credits). */
	copyCreditsPerSlide: 1,
} as const;

export const ASPECT_RATIOS = ['9:16', '1:1', '4:5'] as const;
export const SLIDESHOW_TYPES = ['educational', 'personal'] as const;
export const STATUSES = ['draft', 'rendered'] as const;
export const TEXT_PRESETS = ['tiktok', 'inverted', 'shadow', 'white', 'black', 'snapchat'] as const;
/** On PATCH, text elements' style_preset does not take snapchat (reference 10, styling). */
export const PATCH_STYLE_PRESETS = ['tiktok', 'inverted', 'shadow', 'white', 'black'] as const;
export const GRID_TYPES = ['2x2', '1+2', 'vertical', 'horizontal'] as const;
export const BACKGROUND_FILTER_KEYS = [
	'brightness',
	'contrast',
	'saturation',
	'hue',
	'blur',
	'grayscale',
	'sepia',
	'invert',
	'drop_shadow',
	'opacity',
] as const;
export const FONTS = [
	'Anton',
	'Arial',
	'Bebas Neue',
	'Bitcount',
	'Cinzel',
	'Della',
	'Eagle Lake',
	'Georgia',
	'Helvetica',
	'Inter',
	'Open Sans',
	'Oswald',
	'Playwrite',
	'Poppins',
	'Roboto',
	'Russo One',
	'TikTok Display',
	'TikTok Sans',
	'Times New Roman',
] as const;
const TEXT_ELEMENT_KEYS = [
	'id',
	'content',
	'x',
	'y',
	'font_size',
	'width',
	'height',
	'editable',
	'style_preset',
	'font_family',
	'background_color',
	'text_color',
	'border_radius',
] as const;
const OVERLAY_KEYS = [
	'id',
	'image_url',
	'x',
	'y',
	'width',
	'height',
	'rotation',
	'opacity',
] as const;
/** Slide keys a PATCH may send (`index` is read-only; `rendered_image_url` is the renderer's). */
const PATCH_SLIDE_KEYS = [
	'image_url',
	'text_elements',
	'grid_images',
	'grid_type',
	'background_filters',
	'image_overlays',
];
const MAX_SLIDES = 10;
const MAX_TIKTOK_SLIDES = 8;

type TextElement = Record<(typeof TEXT_ELEMENT_KEYS)[number], unknown>;

interface Slide {
	image_url: string;
	rendered_image_url: string | null;
	text_elements: TextElement[];
	grid_images: string[] | null;
	grid_type: string | null;
	background_filters: Record<string, number> | null;
	image_overlays: Array<Record<string, unknown>> | null;
}

interface Settings {
	image_pack_id: string | null;
	aspect_ratio: string;
	slideshow_type: string;
	advanced_settings: { font_size: string | number; text_preset: string; text_width: string };
	pack_assignments: Record<string, string> | null;
}

interface Slideshow {
	id: string;
	scope: string;
	title: string;
	status: 'draft' | 'rendered';
	slideshow_type: string;
	product_id: string | null;
	original_prompt: string | null;
	preview_image_url: string | null;
	created_at: string;
	updated_at: string;
	last_rendered_at: string | null;
	settings: Settings | null;
	slides: Slide[];
}

export interface TiktokPost {
	kind: 'photo' | 'video' | 'unreachable';
	/** Slides of a photo post (before the 8-slide cap). */
	slides: number;
	author: string;
}

interface Preview {
	id: string;
	scope: string;
	source_url: string;
	createdAt: number;
}

type Check = string | undefined;

export class SlideshowsFake implements FakeModule {
	constructor(readonly fake: FakeGenviral) {}

	private readonly slideshows = new Map<string, Slideshow>();

	/** Product id → the scope it belongs to. */
	private readonly products = new Map<string, string>();

	private readonly tiktok = new Map<string, TiktokPost>();

	private readonly previews = new Map<string, Preview>();

	/** Copy requests (preview and import) per scope, for the rate limit. */
	private readonly copyRequests = new Map<string, number[]>();

	/** How long a copy preview is cached (reference: about 10 minutes). */
	previewTtlMs = 600_000;

	/** Copy requests a scope may make per window before 429 rate_limited. */
	copyRateLimit = { max: 30, windowMs: 60_000 };

	/** How long a render takes per slide (the real one takes 2-5 s; tests set what they need). */
	renderMsPerSlide = 0;

	/**
	 * The docs describe the render reply as the refreshed slideshow, but the example carries five
	 * keys only; with this on, the reply also carries `slides` (both must work for a client).
	 */
	renderReplyIncludesSlides = false;

	/** How many regenerations happened (the rewritten text says which one it is). */
	private regenerations = 0;

	routes: FakeModule['routes'] = {
		'POST /slideshows/generate': (ctx) => this.generate(ctx),
		'GET /slideshows': (ctx) => this.list(ctx),
		'GET /slideshows/{slideshowId}': (ctx) =>
			this.withSlideshow(ctx, (s) => ok(200, 'Slideshow retrieved', this.publicSlideshow(s))),
		'PATCH /slideshows/{slideshowId}': (ctx) => this.update(ctx),
		'DELETE /slideshows/{slideshowId}': (ctx) =>
			this.withSlideshow(ctx, (s) => {
				this.slideshows.delete(s.id);
				return ok(200, 'Slideshow deleted', { id: s.id, deleted: true });
			}),
		'POST /slideshows/{slideshowId}/render': (ctx) =>
			this.withSlideshow(ctx, (s) => this.render(s)),
		'POST /slideshows/{slideshowId}/duplicate': (ctx) =>
			this.withSlideshow(ctx, (s) => this.duplicate(s)),
		'POST /slideshows/{slideshowId}/slides/{slideIndex}/regenerate': (ctx) => this.regenerate(ctx),
		'POST /slideshows/copy-tiktok/preview': (ctx) => this.preview(ctx),
		'POST /slideshows/copy-tiktok/import': (ctx) => this.import(ctx),
	};

	reset(): void {
		this.slideshows.clear();
		this.products.clear();
		this.tiktok.clear();
		this.previews.clear();
		this.copyRequests.clear();
		this.previewTtlMs = 600_000;
		this.copyRateLimit = { max: 30, windowMs: 60_000 };
		this.renderMsPerSlide = 0;
		this.renderReplyIncludesSlides = false;
		this.regenerations = 0;
	}

	/** The slideshow with this id in this scope, as `GET /slideshows/{slideshowId}` shows it. */
	find(scope: string, id: string): Record<string, unknown> | undefined {
		const slideshow = this.slideshows.get(id.toLowerCase());
		return slideshow && slideshow.scope === scope ? this.publicSlideshow(slideshow) : undefined;
	}

	/** A product of a scope (products are not listable through the API: fake-only state). */
	seedProduct(scope: string, id: string = randomUUID()): string {
		this.products.set(id.toLowerCase(), scope);
		return id;
	}

	/** A TikTok post the fake "fetches" at this URL (unknown photo URLs have 5 slides). */
	seedTiktokPost(url: string, post: Partial<TiktokPost> = {}): void {
		this.tiktok.set(canonicalTiktokUrl(url) ?? url, {
			kind: 'photo',
			slides: 5,
			author: 'creator',
			...post,
		});
	}

	/**
	 * A slideshow in a scope, for tests. `slides` gives the slides (default: `slideCount` slides
	 * with one text element each, backgrounds on the fake storage origin).
	 */
	seedSlideshow(
		scope: string,
		{
			title = 'Seeded slideshow',
			status = 'draft' as Slideshow['status'],
			slideCount = 3,
			slides,
			original_prompt = 'three habits' as string | null,
			product_id = null as string | null,
			aspect_ratio = '4:5',
		}: {
			title?: string;
			status?: Slideshow['status'];
			slideCount?: number;
			slides?: Array<Partial<Slide>>;
			original_prompt?: string | null;
			product_id?: string | null;
			aspect_ratio?: string;
		} = {},
	): Record<string, unknown> {
		const now = new Date().toISOString();
		const settings = defaultSettings({ aspect_ratio, slideshow_type: 'educational' });
		const slideshow: Slideshow = {
			id: randomUUID(),
			scope,
			title,
			status,
			slideshow_type: 'educational',
			product_id,
			original_prompt,
			preview_image_url: null,
			created_at: now,
			updated_at: now,
			last_rendered_at: null,
			settings,
			slides: (slides ?? Array.from({ length: slideCount }, () => ({}))).map((s, i) => ({
				...newSlide(this.background(i), [textElement(`Slide ${i + 1} text`, i, settings)]),
				...s,
			})),
		};
		this.slideshows.set(slideshow.id, slideshow);
		if (status === 'rendered') this.renderSlides(slideshow);
		return this.publicSlideshow(slideshow);
	}

	/** A background image on the fake storage origin (downloadable). */
	private background(index: number): string {
		return this.fake.storage.putMedia(
			`background-${index + 1}.png`,
			'image/png',
			tinyPng(40 * index, 90, 160),
		);
	}

	private withSlideshow(
		ctx: RouteContext,
		then: (slideshow: Slideshow) => Reply | Promise<Reply>,
	): Reply | Promise<Reply> {
		const id = ctx.params.slideshowId;
		const slideshow = isUuid(id) ? this.slideshows.get(id.toLowerCase()) : undefined;
		if (!slideshow || slideshow.scope !== ctx.scope)
			return fail(404, 'Slideshow not found', 'not_found');
		return then(slideshow);
	}

	/** 404 product_not_found when no product has the id; 403 when it is another scope's. */
	private checkProduct(scope: string, productId: unknown): Reply | undefined {
		if (productId === undefined || productId === null) return undefined;
		const owner = this.products.get(String(productId).toLowerCase());
		if (owner === undefined) return fail(404, 'Product not found', 'product_not_found');
		if (owner !== scope)
			return fail(403, 'This product belongs to another workspace', 'forbidden_product_access');
		return undefined;
	}

	private spend(scope: string, credits: number): Reply | undefined {
		if (credits <= 0 || this.fake.spendCredits(scope, credits)) return undefined;
		const { status, error_code: code } = INFERRED_SLIDESHOW_ANSWERS.insufficientCredits;
		return fail(
			status,
			`Not enough credits: ${credits} needed, ${this.fake.creditsLeft(scope)} left`,
			code,
		);
	}

	// ----- generate ---------------------------------------------------------------------------

	private generate(ctx: RouteContext): Reply {
		if (ctx.body === INVALID_JSON) return fail(400, 'Invalid JSON body', 'invalid_json');
		const body = ctx.body;
		if (!isObject(body)) return fail(422, 'Body must be a JSON object', 'invalid_payload');
		const problem = checkGenerate(body);
		if (problem) return fail(422, problem, 'invalid_payload');

		const skipAi = body.skip_ai === true;
		const config = body.slide_config as Record<string, unknown> | undefined;
		const count =
			(config?.total_slides as number | undefined) ?? (body.slide_count as number | undefined) ?? 5;
		const types =
			(config?.slide_types as string[] | undefined) ?? Array<string>(count).fill('image_pack');
		const assignments = (config?.pack_assignments as Record<string, string> | undefined) ?? {};
		const packId = body.pack_id as string | undefined;
		const uncovered = types.some((t, i) => t === 'image_pack' && assignments[i] === undefined);
		if (uncovered && packId === undefined) {
			return fail(422, 'pack_id is required when a slide uses an image pack', 'invalid_payload');
		}

		const productProblem = this.checkProduct(ctx.scope, body.product_id);
		if (productProblem) return productProblem;
		const packImages = new Map<string, string[]>();
		for (const id of [packId, ...Object.values(assignments)]) {
			if (id === undefined || packImages.has(id)) continue;
			const urls = this.fake.modules.packs.imageUrls(ctx.scope, id);
			if (!urls) return fail(404, 'Pack not found', 'pack_not_found');
			packImages.set(id, urls);
		}
		const pinned = (config?.pinned_images as Record<string, string> | undefined) ?? {};
		const customImages =
			(config?.custom_images as Record<string, { image_url: string }> | undefined) ?? {};
		const images: string[] = [];
		for (let i = 0; i < count; i++) {
			if (types[i] === 'custom_image') {
				images.push(customImages[i].image_url);
				continue;
			}
			if (pinned[i] !== undefined) {
				images.push(pinned[i]);
				continue;
			}
			const urls = packImages.get(assignments[i] ?? packId!)!;
			if (urls.length === 0) return fail(422, 'The image pack has no images', 'invalid_payload');
			images.push(urls[i % urls.length]);
		}

		const spent = skipAi
			? undefined
			: this.spend(ctx.scope, count * INFERRED_SLIDESHOW_ANSWERS.generateCreditsPerSlide);
		if (spent) return spent;

		const prompt = typeof body.prompt === 'string' ? body.prompt : null;
		const slideshowType = (body.slideshow_type as string | undefined) ?? 'educational';
		const settings = defaultSettings({
			image_pack_id: packId ?? null,
			aspect_ratio: (body.aspect_ratio as string | undefined) ?? '4:5',
			slideshow_type: slideshowType,
			advanced_settings: body.advanced_settings as
				| Partial<Settings['advanced_settings']>
				| undefined,
			pack_assignments: Object.keys(assignments).length > 0 ? { ...assignments } : null,
		});
		const texts = (config?.slide_texts as Record<string, string> | undefined) ?? {};
		const elements =
			(config?.slide_text_elements as Record<string, Array<Record<string, unknown>>> | undefined) ??
			{};
		const subject = prompt ?? 'your product';
		const slides = images.map((image, i) => {
			let textElements: TextElement[];
			if (elements[i] !== undefined) {
				textElements = elements[i].map(
					(e) => ({ ...textElement(String(e.content), i, settings), ...e }) as TextElement,
				);
			} else if (texts[i] !== undefined) {
				textElements = [textElement(texts[i], i, settings)];
			} else if (skipAi) {
				textElements = [];
			} else {
				const line = i === 0 ? subject : `${subject}: point ${i} of ${count - 1}`;
				textElements = [textElement(line, i, settings)];
			}
			return newSlide(image, textElements);
		});
		const now = new Date().toISOString();
		const slideshow: Slideshow = {
			id: randomUUID(),
			scope: ctx.scope,
			title: prompt ? prompt.slice(0, 80) : 'Untitled slideshow',
			status: 'draft',
			slideshow_type: slideshowType,
			product_id: (body.product_id as string | undefined) ?? null,
			original_prompt: prompt,
			preview_image_url: null,
			created_at: now,
			updated_at: now,
			last_rendered_at: null,
			settings,
			slides,
		};
		this.slideshows.set(slideshow.id, slideshow);
		return ok(
			INFERRED_SLIDESHOW_ANSWERS.generateStatus,
			INFERRED_SLIDESHOW_ANSWERS.generateMessage,
			this.publicSlideshow(slideshow),
		);
	}

	// ----- list ---------------------------------------------------------------------------------

	private list(ctx: RouteContext): Reply {
		const { status, search } = ctx.req.query;
		if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
			return fail(422, 'status must be draft or rendered', 'invalid_query');
		}
		const page = readOffsetPage(ctx.req.query, { defaultLimit: 20, maxLimit: 100 });
		if ('error' in page) return fail(422, page.error, 'invalid_query');
		const needle = search?.trim().toLowerCase();
		const rows = [...this.slideshows.values()]
			.filter((s) => s.scope === ctx.scope)
			.filter((s) => status === undefined || s.status === status)
			.filter((s) => !needle || s.title.toLowerCase().includes(needle))
			.reverse(); // newest first
		return ok(200, INFERRED_SLIDESHOW_ANSWERS.listMessage, {
			slideshows: rows.slice(page.offset, page.offset + page.limit).map((s) => ({
				id: s.id,
				title: s.title,
				status: s.status,
				slideshow_type: s.slideshow_type,
				product_id: s.product_id,
				preview_image_url: s.preview_image_url,
				slide_count: s.slides.length,
				has_rendered_slide: s.slides.some((slide) => slide.rendered_image_url !== null),
				created_at: s.created_at,
				updated_at: s.updated_at,
			})),
			total: rows.length,
			limit: page.limit,
			offset: page.offset,
		});
	}

	// ----- update -------------------------------------------------------------------------------

	private update(ctx: RouteContext): Reply | Promise<Reply> {
		if (ctx.body === INVALID_JSON) return fail(400, 'Invalid JSON body', 'invalid_json');
		const body = ctx.body;
		if (!isObject(body)) return fail(422, 'Body must be a JSON object', 'invalid_payload');
		if (Object.keys(body).length === 0) return fail(422, 'Nothing to update', 'invalid_payload');
		const problem = checkPatch(body);
		if (problem) return fail(422, problem, 'invalid_payload');
		return this.withSlideshow(ctx, (slideshow) => {
			const productProblem = this.checkProduct(ctx.scope, body.product_id);
			if (productProblem) return productProblem;
			if (typeof body.title === 'string') slideshow.title = body.title;
			if (typeof body.status === 'string') slideshow.status = body.status as Slideshow['status'];
			if ('product_id' in body) slideshow.product_id = body.product_id as string | null;
			slideshow.settings ??= defaultSettings({});
			if (typeof body.slideshow_type === 'string') {
				slideshow.slideshow_type = body.slideshow_type;
				slideshow.settings.slideshow_type = body.slideshow_type;
			}
			if (isObject(body.settings)) applySettings(slideshow.settings, body.settings);
			if (Array.isArray(body.slides)) {
				slideshow.slides = (body.slides as Array<Record<string, unknown>>).map((s) => ({
					image_url: s.image_url as string,
					rendered_image_url: null,
					text_elements: (s.text_elements as Array<Record<string, unknown>>).map(
						(e) => ({ ...emptyTextElement(), id: randomUUID(), ...e }) as TextElement,
					),
					grid_images: (s.grid_images as string[] | undefined) ?? null,
					grid_type: (s.grid_type as string | undefined) ?? null,
					background_filters: (s.background_filters as Record<string, number> | undefined) ?? null,
					image_overlays: (s.image_overlays as Array<Record<string, unknown>> | undefined) ?? null,
				}));
				// New slides invalidate the last render (reference 10.4).
				slideshow.status = 'draft';
				slideshow.preview_image_url = null;
				slideshow.last_rendered_at = null;
			}
			slideshow.updated_at = new Date().toISOString();
			return ok(200, 'Slideshow updated', {
				id: slideshow.id,
				title: slideshow.title,
				status: slideshow.status,
				slideshow_type: slideshow.slideshow_type,
				product_id: slideshow.product_id,
				slide_count: slideshow.slides.length,
				settings: structuredClone(slideshow.settings),
			});
		});
	}

	// ----- render, duplicate, regenerate --------------------------------------------------------

	private async render(slideshow: Slideshow): Promise<Reply> {
		if (slideshow.slides.length === 0)
			return fail(422, 'The slideshow has no slides to render', 'no_slides');
		if (this.renderMsPerSlide > 0) {
			await new Promise((resolve) =>
				setTimeout(resolve, this.renderMsPerSlide * slideshow.slides.length),
			);
		}
		this.renderSlides(slideshow);
		const data: Record<string, unknown> = {
			id: slideshow.id,
			status: slideshow.status,
			preview_image_url: slideshow.preview_image_url,
			last_rendered_at: slideshow.last_rendered_at,
			slide_count: slideshow.slides.length,
		};
		if (this.renderReplyIncludesSlides) data.slides = this.publicSlideshow(slideshow).slides;
		return ok(200, 'Slideshow rendered', data);
	}

	private renderSlides(slideshow: Slideshow): void {
		slideshow.slides.forEach((slide, i) => {
			slide.rendered_image_url = this.fake.storage.putMedia(
				`${slideshow.id}-slide-${i + 1}.png`,
				'image/png',
				tinyPng(200, 30 * i, 60),
			);
		});
		const now = new Date().toISOString();
		slideshow.status = 'rendered';
		slideshow.preview_image_url = slideshow.slides[0].rendered_image_url;
		slideshow.last_rendered_at = now;
		slideshow.updated_at = now;
	}

	private duplicate(source: Slideshow): Reply {
		const now = new Date().toISOString();
		const copy: Slideshow = {
			...structuredClone(source),
			id: randomUUID(),
			title: `Copy of ${source.title}`,
			status: 'draft',
			preview_image_url: null,
			last_rendered_at: null,
			created_at: now,
			updated_at: now,
		};
		for (const slide of copy.slides) slide.rendered_image_url = null;
		this.slideshows.set(copy.id, copy);
		return ok(201, 'Slideshow duplicated', {
			id: copy.id,
			title: copy.title,
			status: copy.status,
			preview_image_url: null,
			last_rendered_at: null,
			slide_count: copy.slides.length,
		});
	}

	private regenerate(ctx: RouteContext): Reply | Promise<Reply> {
		const rawIndex = ctx.params.slideIndex;
		if (!/^\d+$/.test(rawIndex))
			return fail(400, 'slideIndex must be a non-negative integer', 'invalid_slide_index');
		const index = Number(rawIndex);
		if (ctx.body === INVALID_JSON) return fail(400, 'Invalid JSON body', 'invalid_json');
		const body = ctx.body ?? {};
		if (!isObject(body)) return fail(422, 'Body must be a JSON object', 'invalid_payload');
		const instruction = body.instruction;
		if (
			instruction !== undefined &&
			(typeof instruction !== 'string' || instruction.length < 1 || instruction.length > 500)
		) {
			return fail(422, 'instruction must be 1-500 characters', 'invalid_payload');
		}
		return this.withSlideshow(ctx, (slideshow) => {
			const precondition =
				slideshow.status !== 'draft'
					? 'Only draft slideshows can be regenerated'
					: slideshow.original_prompt === null
						? 'The slideshow has no original prompt'
						: index >= slideshow.slides.length
							? `Slide ${index} does not exist (the slideshow has ${slideshow.slides.length})`
							: slideshow.slides[index].text_elements.length === 0
								? `Slide ${index} has no text element`
								: undefined;
			if (precondition) return fail(422, precondition, 'regeneration_precondition_failed');
			const spent = this.spend(ctx.scope, INFERRED_SLIDESHOW_ANSWERS.regenerateCredits);
			if (spent) return spent;
			this.regenerations++;
			for (const element of slideshow.slides[index].text_elements) {
				element.content = `${instruction ?? 'Rewritten'} (${slideshow.original_prompt}, take ${this.regenerations})`;
			}
			slideshow.updated_at = new Date().toISOString();
			return ok(200, 'Slide regenerated', {
				slide_index: index,
				slideshow: {
					id: slideshow.id,
					status: slideshow.status,
					slide_count: slideshow.slides.length,
				},
			});
		});
	}

	// ----- TikTok copy --------------------------------------------------------------------------

	private rateLimited(scope: string): Reply | undefined {
		const now = Date.now();
		const recent = (this.copyRequests.get(scope) ?? []).filter(
			(at) => now - at < this.copyRateLimit.windowMs,
		);
		recent.push(now);
		this.copyRequests.set(scope, recent);
		if (recent.length > this.copyRateLimit.max)
			return fail(429, 'Too many copy requests, slow down', 'rate_limited');
		return undefined;
	}

	/** The post behind a TikTok URL, or the documented refusal. */
	private fetchTiktok(url: string): { sourceUrl: string; post: TiktokPost } | Reply {
		const sourceUrl = canonicalTiktokUrl(url);
		if (!sourceUrl) return fail(422, 'Not a TikTok URL', 'invalid_tiktok_url');
		const post = this.tiktok.get(sourceUrl) ?? {
			kind: /\/video\//.test(sourceUrl) ? 'video' : 'photo',
			slides: 5,
			author: /@([^/]+)/.exec(sourceUrl)?.[1] ?? 'creator',
		};
		if (post.kind === 'unreachable')
			return fail(502, 'TikTok could not be fetched', 'tiktok_fetch_failed');
		if (post.kind === 'video')
			return fail(422, 'This TikTok is a video, not a photo slideshow', 'not_slideshow');
		return { sourceUrl, post };
	}

	private preview(ctx: RouteContext): Reply {
		const limited = this.rateLimited(ctx.scope);
		if (limited) return limited;
		if (ctx.body === INVALID_JSON) return fail(400, 'Invalid JSON body', 'invalid_json');
		const body = ctx.body;
		if (!isObject(body) || typeof body.url !== 'string' || body.url.trim() === '') {
			return fail(422, 'url is required', 'invalid_payload');
		}
		const fetched = this.fetchTiktok(body.url);
		if ('status' in fetched) return fetched;
		const slideCount = Math.min(fetched.post.slides, MAX_TIKTOK_SLIDES);
		const preview: Preview = {
			id: randomUUID(),
			scope: ctx.scope,
			source_url: fetched.sourceUrl,
			createdAt: Date.now(),
		};
		this.previews.set(preview.id, preview);
		return ok(INFERRED_SLIDESHOW_ANSWERS.previewStatus, INFERRED_SLIDESHOW_ANSWERS.previewMessage, {
			preview_id: preview.id,
			source_url: fetched.sourceUrl,
			images: Array.from({ length: slideCount }, (_v, i) =>
				this.fake.storage.putMedia(`tiktok-${i + 1}.png`, 'image/png', tinyPng(10, 10, 20 * i)),
			),
			slide_count: slideCount,
			total_slides: fetched.post.slides,
			capped: fetched.post.slides > MAX_TIKTOK_SLIDES,
			estimated_credits: slideCount * INFERRED_SLIDESHOW_ANSWERS.copyCreditsPerSlide,
		});
	}

	private import(ctx: RouteContext): Reply {
		const limited = this.rateLimited(ctx.scope);
		if (limited) return limited;
		if (ctx.body === INVALID_JSON) return fail(400, 'Invalid JSON body', 'invalid_json');
		const body = ctx.body;
		if (!isObject(body)) return fail(422, 'Body must be a JSON object', 'invalid_payload');
		const problem = checkImport(body);
		if (problem) return fail(422, problem, 'invalid_payload');
		if ((body.pack_id === undefined) === (body.pack_images === undefined)) {
			return fail(422, 'Give exactly one of pack_id or pack_images', 'pack_source_conflict');
		}
		const fetchedOrCached = this.cachedPreview(
			ctx.scope,
			body.preview_id as string | undefined,
			body.url as string,
		);
		let sourceUrl: string;
		let post: TiktokPost;
		let usedCache = false;
		if (fetchedOrCached) {
			sourceUrl = fetchedOrCached.source_url;
			post = this.tiktok.get(sourceUrl) ?? {
				kind: 'photo',
				slides: 5,
				author: /@([^/]+)/.exec(sourceUrl)?.[1] ?? 'creator',
			};
			usedCache = true;
		} else {
			const fetched = this.fetchTiktok(body.url as string);
			if ('status' in fetched) return fetched;
			({ sourceUrl, post } = fetched);
		}
		let backgrounds: string[];
		if (typeof body.pack_id === 'string') {
			const urls = this.fake.modules.packs.imageUrls(ctx.scope, body.pack_id);
			if (!urls) return fail(404, 'Pack not found', 'pack_not_found');
			if (urls.length === 0) return fail(422, 'The pack has no images', 'pack_empty');
			backgrounds = urls;
		} else {
			backgrounds = body.pack_images as string[];
		}
		const productProblem = this.checkProduct(ctx.scope, body.product_id);
		if (productProblem) return productProblem;

		const slideCount = Math.min(post.slides, MAX_TIKTOK_SLIDES);
		const credits = slideCount * INFERRED_SLIDESHOW_ANSWERS.copyCreditsPerSlide;
		if (!this.fake.spendCredits(ctx.scope, credits)) {
			return fail(
				402,
				`Not enough copy credits: ${credits} needed, ${this.fake.creditsLeft(ctx.scope)} left`,
				'insufficient_credits',
			);
		}
		const settings = defaultSettings({
			image_pack_id: (body.pack_id as string | undefined) ?? null,
		});
		const now = new Date().toISOString();
		const slideshow: Slideshow = {
			id: randomUUID(),
			scope: ctx.scope,
			title: (body.title as string | undefined) ?? `TikTok slideshow by @${post.author}`,
			status: 'draft',
			slideshow_type: 'educational',
			product_id: (body.product_id as string | undefined) ?? null,
			original_prompt: null,
			preview_image_url: null,
			created_at: now,
			updated_at: now,
			last_rendered_at: null,
			settings,
			slides: Array.from({ length: slideCount }, (_v, i) =>
				newSlide(backgrounds[i % backgrounds.length], [
					textElement(`Text read from slide ${i + 1}`, i, settings),
				]),
			),
		};
		this.slideshows.set(slideshow.id, slideshow);
		return ok(201, 'TikTok slideshow imported', {
			slideshow: {
				id: slideshow.id,
				title: slideshow.title,
				status: slideshow.status,
				slide_count: slideCount,
			},
			source_url: sourceUrl,
			slide_count: slideCount,
			total_slides: post.slides,
			capped: post.slides > MAX_TIKTOK_SLIDES,
			credits_used: credits,
			used_cached_preview: usedCache,
		});
	}

	/** A live preview of this scope for this URL; expired or foreign previews are refetched. */
	private cachedPreview(
		scope: string,
		previewId: string | undefined,
		url: string,
	): Preview | undefined {
		if (previewId === undefined) return undefined;
		const preview = this.previews.get(previewId.toLowerCase());
		if (!preview || preview.scope !== scope) return undefined;
		if (Date.now() - preview.createdAt > this.previewTtlMs) {
			this.previews.delete(preview.id);
			return undefined;
		}
		return preview.source_url === canonicalTiktokUrl(url) ? preview : undefined;
	}

	// ----- shapes -------------------------------------------------------------------------------

	private publicSlideshow(s: Slideshow): Record<string, unknown> {
		return {
			id: s.id,
			title: s.title,
			status: s.status,
			slideshow_type: s.slideshow_type,
			product_id: s.product_id,
			original_prompt: s.original_prompt,
			preview_image_url: s.preview_image_url,
			created_at: s.created_at,
			updated_at: s.updated_at,
			last_rendered_at: s.last_rendered_at,
			slide_count: s.slides.length,
			settings: structuredClone(s.settings),
			slides: s.slides.map((slide, index) => ({ index, ...structuredClone(slide) })),
		};
	}
}

// ----- request checks (each answers the problem, or undefined) ------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

function checkEnum(name: string, value: unknown, allowed: readonly string[]): Check {
	if (value === undefined) return undefined;
	return typeof value === 'string' && allowed.includes(value)
		? undefined
		: `${name} must be one of ${allowed.join(', ')}`;
}

function checkAdvancedSettings(value: unknown, name = 'advanced_settings'): Check {
	if (value === undefined) return undefined;
	if (!isObject(value)) return `${name} must be an object`;
	const { font_size: fontSize } = value;
	if (
		fontSize !== undefined &&
		fontSize !== 'default' &&
		fontSize !== 'small' &&
		!(isNumber(fontSize) && fontSize >= 8 && fontSize <= 200)
	) {
		return `${name}.font_size must be default, small or a number 8-200`;
	}
	return (
		checkEnum(`${name}.text_preset`, value.text_preset, TEXT_PRESETS) ??
		checkEnum(`${name}.text_width`, value.text_width, ['default', 'narrow'])
	);
}

/** A 0-based slide-index map: numeric keys within range. */
function checkIndexMap(
	name: string,
	value: unknown,
	total: number,
	each: (item: unknown, index: number) => Check,
): Check {
	if (value === undefined) return undefined;
	if (!isObject(value)) return `${name} must be an object keyed by slide index`;
	for (const [key, item] of Object.entries(value)) {
		if (!/^\d+$/.test(key) || Number(key) >= total)
			return `${name} key "${key}" is not a slide index 0-${total - 1}`;
		const problem = each(item, Number(key));
		if (problem) return `${name}["${key}"]: ${problem}`;
	}
	return undefined;
}

function checkGenerate(body: Record<string, unknown>): Check {
	const {
		prompt,
		product_id: productId,
		pack_id: packId,
		slide_count: slideCount,
		language,
		skip_ai: skipAi,
	} = body;
	if (skipAi !== undefined && typeof skipAi !== 'boolean') return 'skip_ai must be a boolean';
	if (prompt !== undefined && (typeof prompt !== 'string' || prompt.trim() === ''))
		return 'prompt must be a non-empty string';
	if (prompt === undefined && skipAi !== true && productId === undefined) {
		return 'prompt is required unless skip_ai is true or product_id is given';
	}
	if (productId !== undefined && !isUuid(productId)) return 'product_id must be a UUID';
	if (packId !== undefined && !isUuid(packId)) return 'pack_id must be a UUID';
	if (
		slideCount !== undefined &&
		!(
			Number.isInteger(slideCount) &&
			(slideCount as number) >= 1 &&
			(slideCount as number) <= MAX_SLIDES
		)
	) {
		return 'slide_count must be an integer 1-10';
	}
	if (
		language !== undefined &&
		(typeof language !== 'string' || language.length < 2 || language.length > 32)
	) {
		return 'language must be 2-32 characters';
	}
	const problem =
		checkEnum('slideshow_type', body.slideshow_type, SLIDESHOW_TYPES) ??
		checkEnum('aspect_ratio', body.aspect_ratio, ASPECT_RATIOS) ??
		checkAdvancedSettings(body.advanced_settings);
	if (problem) return problem;
	if (skipAi === true && body.slide_config === undefined)
		return 'slide_config is required when skip_ai is true';
	return checkSlideConfig(body.slide_config);
}

function checkSlideConfig(config: unknown): Check {
	if (config === undefined) return undefined;
	if (!isObject(config)) return 'slide_config must be an object';
	const total = config.total_slides;
	if (!(Number.isInteger(total) && (total as number) >= 1 && (total as number) <= MAX_SLIDES)) {
		return 'slide_config.total_slides must be an integer 1-10';
	}
	const count = total as number;
	const types = config.slide_types;
	if (types !== undefined) {
		if (!Array.isArray(types) || types.length !== count)
			return 'slide_config.slide_types must have total_slides entries';
		if (types.some((t) => t !== 'image_pack' && t !== 'custom_image')) {
			return 'slide_config.slide_types entries must be image_pack or custom_image';
		}
	}
	const typeOf = (i: number) => (Array.isArray(types) ? types[i] : 'image_pack');
	const custom = config.custom_images;
	for (let i = 0; i < count; i++) {
		if (typeOf(i) === 'custom_image' && !(isObject(custom) && isObject(custom[i]))) {
			return `slide_config.custom_images["${i}"] is required for a custom_image slide`;
		}
	}
	return (
		checkIndexMap('slide_config.custom_images', custom, count, (item, i) => {
			if (typeOf(i) !== 'custom_image') return 'only custom_image slides take a custom image';
			if (!isObject(item) || !isHttpUrl(item.image_url)) return 'image_url must be an http(s) URL';
			if (typeof item.image_id !== 'string' || item.image_id === '') return 'image_id is required';
			return item.image_name === undefined || typeof item.image_name === 'string'
				? undefined
				: 'image_name must be a string';
		}) ??
		checkIndexMap('slide_config.pinned_images', config.pinned_images, count, (item) =>
			isHttpUrl(item) ? undefined : 'must be an http(s) URL',
		) ??
		checkIndexMap('slide_config.slide_texts', config.slide_texts, count, (item) =>
			typeof item === 'string' ? undefined : 'must be a string',
		) ??
		checkIndexMap('slide_config.slide_text_elements', config.slide_text_elements, count, (item) => {
			if (!Array.isArray(item)) return 'must be an array of text elements';
			for (const element of item) {
				if (
					!isObject(element) ||
					typeof element.content !== 'string' ||
					!isNumber(element.x) ||
					!isNumber(element.y)
				) {
					return 'each text element needs content, x and y';
				}
			}
			return undefined;
		}) ??
		checkIndexMap('slide_config.pack_assignments', config.pack_assignments, count, (item, i) => {
			if (typeOf(i) !== 'image_pack') return 'only image_pack slides take a pack assignment';
			return isUuid(item) ? undefined : 'must be a pack UUID';
		})
	);
}

/** PATCH strictness (reference 10.4): no nulls in slides, no `index`, all ten filters or none. */
function checkPatch(body: Record<string, unknown>): Check {
	const known = ['title', 'status', 'slideshow_type', 'product_id', 'settings', 'slides'];
	const unknown = Object.keys(body).find((k) => !known.includes(k));
	if (unknown) return `Unknown field: ${unknown}`;
	if (body.title !== undefined && typeof body.title !== 'string') return 'title must be a string';
	if (body.product_id !== undefined && body.product_id !== null && !isUuid(body.product_id)) {
		return 'product_id must be a UUID or null';
	}
	const problem =
		checkEnum('status', body.status, STATUSES) ??
		checkEnum('slideshow_type', body.slideshow_type, SLIDESHOW_TYPES) ??
		checkPatchSettings(body.settings);
	if (problem) return problem;
	if (body.slides === undefined) return undefined;
	if (!Array.isArray(body.slides)) return 'slides must be an array';
	if (body.slides.length > MAX_SLIDES) return 'slides may hold at most 10 slides';
	for (const [i, slide] of body.slides.entries()) {
		const slideProblem = checkPatchSlide(slide);
		if (slideProblem) return `slides[${i}]: ${slideProblem}`;
	}
	return undefined;
}

function checkPatchSettings(settings: unknown): Check {
	if (settings === undefined) return undefined;
	if (!isObject(settings)) return 'settings must be an object';
	for (const key of ['image_pack_id', 'imagePackId']) {
		const value = settings[key];
		if (value !== undefined && value !== null && !isUuid(value))
			return `settings.${key} must be a UUID or null`;
	}
	const assignments = settings.pack_assignments;
	if (assignments !== undefined && assignments !== null) {
		if (!isObject(assignments) || Object.values(assignments).some((v) => !isUuid(v))) {
			return 'settings.pack_assignments must map slide indexes to pack UUIDs';
		}
	}
	return (
		checkEnum('settings.aspect_ratio', settings.aspect_ratio, ASPECT_RATIOS) ??
		checkEnum('settings.slideshow_type', settings.slideshow_type, SLIDESHOW_TYPES) ??
		checkAdvancedSettings(settings.advanced_settings, 'settings.advanced_settings')
	);
}

function nullPath(value: unknown, path: string): string | undefined {
	if (value === null) return path;
	if (Array.isArray(value)) {
		for (const [i, item] of value.entries()) {
			const found = nullPath(item, `${path}[${i}]`);
			if (found) return found;
		}
	} else if (isObject(value)) {
		for (const [key, item] of Object.entries(value)) {
			const found = nullPath(item, path ? `${path}.${key}` : key);
			if (found) return found;
		}
	}
	return undefined;
}

function checkPatchSlide(slide: unknown): Check {
	if (!isObject(slide)) return 'must be an object';
	const nulled = nullPath(slide, '');
	if (nulled) return `${nulled} is null (omit a field instead of sending null)`;
	if ('index' in slide) return 'index is read-only; do not send it';
	const unknown = Object.keys(slide).find((k) => !PATCH_SLIDE_KEYS.includes(k));
	if (unknown) return `unknown field ${unknown}`;
	if (typeof slide.image_url !== 'string' || slide.image_url === '') return 'image_url is required';
	if (!Array.isArray(slide.text_elements)) return 'text_elements is required';
	for (const [i, element] of slide.text_elements.entries()) {
		const problem = checkTextElement(element);
		if (problem) return `text_elements[${i}]: ${problem}`;
	}
	if (
		slide.grid_images !== undefined &&
		!(Array.isArray(slide.grid_images) && slide.grid_images.every((g) => typeof g === 'string'))
	) {
		return 'grid_images must be an array of URLs';
	}
	const gridProblem = checkEnum('grid_type', slide.grid_type, GRID_TYPES);
	if (gridProblem) return gridProblem;
	if (slide.background_filters !== undefined) {
		const filters = slide.background_filters;
		if (!isObject(filters)) return 'background_filters must be an object';
		const keys = Object.keys(filters);
		const missing = BACKGROUND_FILTER_KEYS.filter((k) => !(k in filters));
		const extra = keys.filter((k) => !(BACKGROUND_FILTER_KEYS as readonly string[]).includes(k));
		if (missing.length > 0 || extra.length > 0) {
			return `background_filters needs all 10 keys (missing: ${missing.join(', ') || 'none'}; unknown: ${extra.join(', ') || 'none'})`;
		}
		if (keys.some((k) => !isNumber(filters[k]))) return 'background_filters values must be numbers';
	}
	if (slide.image_overlays !== undefined) {
		if (!Array.isArray(slide.image_overlays)) return 'image_overlays must be an array';
		for (const overlay of slide.image_overlays) {
			if (!isObject(overlay) || typeof overlay.image_url !== 'string')
				return 'each image overlay needs image_url';
			const unknownKey = Object.keys(overlay).find(
				(k) => !(OVERLAY_KEYS as readonly string[]).includes(k),
			);
			if (unknownKey) return `image overlay field ${unknownKey} is unknown`;
		}
	}
	return undefined;
}

function checkTextElement(element: unknown): Check {
	if (!isObject(element)) return 'must be an object';
	const unknown = Object.keys(element).find(
		(k) => !(TEXT_ELEMENT_KEYS as readonly string[]).includes(k),
	);
	if (unknown) return `unknown field ${unknown}`;
	if (typeof element.content !== 'string') return 'content is required';
	if (!isNumber(element.x) || !isNumber(element.y)) return 'x and y are required numbers';
	if (
		element.font_size !== undefined &&
		!(isNumber(element.font_size) && element.font_size >= 8 && element.font_size <= 200)
	) {
		return 'font_size must be a number 8-200';
	}
	return (
		checkEnum('style_preset', element.style_preset, PATCH_STYLE_PRESETS) ??
		checkEnum('font_family', element.font_family, FONTS)
	);
}

function checkImport(body: Record<string, unknown>): Check {
	if (typeof body.url !== 'string' || body.url.trim() === '') return 'url is required';
	if (body.preview_id !== undefined && !isUuid(body.preview_id)) return 'preview_id must be a UUID';
	if (body.title !== undefined && (typeof body.title !== 'string' || body.title.length > 200)) {
		return 'title must be at most 200 characters';
	}
	if (body.pack_id !== undefined && !isUuid(body.pack_id)) return 'pack_id must be a UUID';
	if (body.product_id !== undefined && !isUuid(body.product_id)) return 'product_id must be a UUID';
	const images = body.pack_images;
	if (images !== undefined) {
		if (!Array.isArray(images) || images.length < 1 || images.length > 100)
			return 'pack_images must hold 1-100 URLs';
		if (!images.every(isHttpUrl)) return 'pack_images must be http(s) URLs';
	}
	return undefined;
}

// ----- shapes and helpers -----------------------------------------------------------------------

function defaultSettings(
	partial: Partial<Omit<Settings, 'advanced_settings'>> & {
		advanced_settings?: Partial<Settings['advanced_settings']>;
	},
): Settings {
	return {
		image_pack_id: partial.image_pack_id ?? null,
		aspect_ratio: partial.aspect_ratio ?? '4:5',
		slideshow_type: partial.slideshow_type ?? 'educational',
		advanced_settings: {
			font_size: 'default',
			text_preset: 'tiktok',
			text_width: 'default',
			...partial.advanced_settings,
		},
		pack_assignments: partial.pack_assignments ?? null,
	};
}

function applySettings(settings: Settings, patch: Record<string, unknown>): void {
	if ('image_pack_id' in patch) settings.image_pack_id = patch.image_pack_id as string | null;
	else if ('imagePackId' in patch) settings.image_pack_id = patch.imagePackId as string | null;
	if (typeof patch.aspect_ratio === 'string') settings.aspect_ratio = patch.aspect_ratio;
	if (typeof patch.slideshow_type === 'string') settings.slideshow_type = patch.slideshow_type;
	if (isObject(patch.advanced_settings)) {
		settings.advanced_settings = {
			...settings.advanced_settings,
			...(patch.advanced_settings as Partial<Settings['advanced_settings']>),
		};
	}
	if ('pack_assignments' in patch)
		settings.pack_assignments = patch.pack_assignments as Record<string, string> | null;
}

function newSlide(imageUrl: string, textElements: TextElement[]): Slide {
	return {
		image_url: imageUrl,
		rendered_image_url: null,
		text_elements: textElements,
		grid_images: null,
		grid_type: null,
		background_filters: null,
		image_overlays: null,
	};
}

function emptyTextElement(): TextElement {
	return Object.fromEntries(TEXT_ELEMENT_KEYS.map((k) => [k, null])) as TextElement;
}

/** A text element styled from the settings: title size on the first slide, body size after. */
function textElement(content: string, slideIndex: number, settings: Settings): TextElement {
	const {
		font_size: fontSize,
		text_preset: preset,
		text_width: width,
	} = settings.advanced_settings;
	const size =
		typeof fontSize === 'number'
			? fontSize
			: fontSize === 'small'
				? slideIndex === 0
					? 40
					: 33
				: slideIndex === 0
					? 48
					: 40;
	return {
		...emptyTextElement(),
		id: randomUUID(),
		content,
		x: 50,
		y: slideIndex === 0 ? 30 : 50,
		font_size: size,
		width: width === 'narrow' ? 50 : 70,
		editable: true,
		style_preset: preset,
	};
}

/** A TikTok URL's canonical form, or undefined when it is not a TikTok URL. */
export function canonicalTiktokUrl(raw: string): string | undefined {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return undefined;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
	const host = url.hostname.toLowerCase();
	if (host === 'vm.tiktok.com' || host === 'vt.tiktok.com') {
		// A short link expands to a photo post whose id derives from the code.
		const code = url.pathname.replace(/\//g, '');
		if (code === '') return undefined;
		const id = [...code].reduce((n, c) => (n * 31n + BigInt(c.charCodeAt(0))) % 10n ** 19n, 7n);
		return `https://www.tiktok.com/@creator/photo/${id}`;
	}
	if (host !== 'tiktok.com' && host !== 'www.tiktok.com' && host !== 'm.tiktok.com')
		return undefined;
	const match = /^\/(@[^/]+)\/(photo|video)\/(\d+)/.exec(url.pathname);
	if (!match) return undefined;
	return `https://www.tiktok.com/${match[1]}/${match[2]}/${match[3]}`;
}
