/**
 * The fake's templates routes (reference section 9; endpoints.json resource "Templates").
 *
 * Visibility model: a template belongs to one scope (workspace, or `user:<id>` for personal
 * keys) and one owner user. It is readable from its own scope (workspace keys also read other
 * members' private templates in their workspace) or by anyone when `public`; it is mutable only
 * by its owner from its own scope. Readable-but-not-mutable answers 403 `forbidden_template`;
 * unreadable answers 404 `not_found`, exactly like a missing id.
 */
import { randomUUID } from 'node:crypto';

import type { FakeModule, RouteContext } from '../module';
import { INVALID_JSON, isUuid, readOffsetPage } from '../module';
import type { FakeGenviral, Reply } from '../server';
import { DEFAULT_TOKEN, fail, ok } from '../server';

/**
 * Guesses where the reference documents a rule but not its answer. Kept here, and only here.
 */
export const TEMPLATES_INFERRED = {
	/** `visibility: "workspace"` sent with a personal key ("requires a workspace-scoped key"): no code named. */
	workspaceVisibilityNeedsWorkspaceKey: { status: 422, errorCode: 'invalid_payload' },
	/** A template id that is not a UUID: no `invalid_path` is documented for templates, so it is simply not found. */
	malformedTemplateId: { status: 404, errorCode: 'not_found' },
	/** Default page size of GET /templates ("inferred: 20 (skill default)"). */
	defaultLimit: 20,
	/** Name comparison for "unique per owner": trimmed, case-sensitive. */
	nameKey: (name: string) => name.trim(),
} as const;

export const TEMPLATE_VISIBILITIES = ['private', 'workspace'] as const;
const SLIDE_TYPES = ['pack', 'custom'];
const CONTENT_MODES = ['ai', 'manual'];
const SLIDESHOW_TYPES = ['educational', 'personal'];
const ASPECT_RATIOS = ['9:16', '1:1', '4:5'];
export const MAX_TEMPLATE_SLIDES = 10;

export interface StoredTemplate {
	id: string;
	name: string;
	description: string | null;
	visibility: 'private' | 'workspace' | 'public';
	preview_url: string | null;
	use_count: number;
	last_used_at: string | null;
	created_at: string;
	updated_at: string;
	config: Record<string, unknown>;
	/** The scope the template belongs to. */
	scope: string;
	ownerUserId: string;
	/** Insertion order, for a stable newest-first list. */
	seq: number;
}

export type SlideshowLookup = (scope: string, id: string) => Record<string, unknown> | undefined;

export class TemplatesFake implements FakeModule {
	private readonly templates = new Map<string, StoredTemplate>();

	private seq = 0;

	/**
	 * Where POST /templates/from-slideshow finds slideshows. Unset: the slideshows module.
	 * Tests may point it elsewhere (reset() unsets it).
	 */
	slideshowLookup: SlideshowLookup | undefined;

	constructor(readonly fake: FakeGenviral) {}

	routes: FakeModule['routes'] = {
		'GET /templates': (ctx) => this.list(ctx),
		'GET /templates/{templateId}': (ctx) =>
			this.withReadable(ctx, (t) => ok(200, 'Template retrieved', this.present(t, ctx))),
		'POST /templates': (ctx) => this.create(ctx),
		'PATCH /templates/{templateId}': (ctx) => this.update(ctx),
		'DELETE /templates/{templateId}': (ctx) =>
			this.withReadable(ctx, (t) => {
				if (!this.mutable(t, ctx)) return forbidden();
				this.templates.delete(t.id);
				return ok(200, 'Template deleted', { id: t.id, deleted: true });
			}),
		'POST /templates/from-slideshow/{slideshowId}': (ctx) => this.createFromSlideshow(ctx),
	};

	reset(): void {
		this.templates.clear();
		this.seq = 0;
		this.slideshowLookup = undefined;
	}

	/** The template with this id readable from this scope, as GET returns it (is_owner from the scope's view). */
	find(scope: string, id: string): Record<string, unknown> | undefined {
		const template = this.templates.get(id.toLowerCase());
		if (!template || !readableFrom(template, scope)) return undefined;
		const { scope: _scope, ownerUserId: _owner, seq: _seq, ...rest } = template;
		return { ...structuredClone(rest), is_owner: template.scope === scope };
	}

	/**
	 * Put a template in place. Defaults: owned by the default workspace key's user in its
	 * workspace, private, with a valid one-slide config.
	 */
	seed(fields: Partial<StoredTemplate> = {}): StoredTemplate {
		const now = new Date().toISOString();
		const template: StoredTemplate = {
			id: randomUUID(),
			name: `Template ${this.seq + 1}`,
			description: null,
			visibility: 'private',
			preview_url: null,
			use_count: 0,
			last_used_at: null,
			created_at: now,
			updated_at: now,
			config: sampleTemplateConfig(),
			scope: this.fake.scopeOf(DEFAULT_TOKEN),
			ownerUserId: this.fake.keys[DEFAULT_TOKEN].userId,
			...fields,
			seq: ++this.seq,
		};
		template.id = template.id.toLowerCase();
		this.templates.set(template.id, template);
		return template;
	}

	private list(ctx: RouteContext): Reply {
		const page = readOffsetPage(ctx.req.query, {
			defaultLimit: TEMPLATES_INFERRED.defaultLimit,
			maxLimit: 100,
		});
		if ('error' in page) return fail(422, page.error, 'invalid_query');
		const search = ctx.req.query.search?.trim().toLowerCase();
		const readable = [...this.templates.values()]
			.filter((t) => readableFrom(t, ctx.scope))
			.filter((t) => !search || t.name.toLowerCase().includes(search))
			.sort((a, b) => b.seq - a.seq);
		return ok(200, 'Templates retrieved', {
			templates: readable
				.slice(page.offset, page.offset + page.limit)
				.map((t) => this.present(t, ctx)),
			total: readable.length,
			limit: page.limit,
			offset: page.offset,
		});
	}

	private create(ctx: RouteContext): Reply {
		const body = readBody(ctx.body);
		if (body instanceof Refusal) return body.reply;
		const fields = readFields(body, ctx, 'create');
		if (fields instanceof Refusal) return fields.reply;
		if (!('config' in body) || body.config === undefined)
			return invalidPayload('config is required');
		const config = validateConfig(body.config);
		if (config !== undefined)
			return fail(422, `Invalid template config: ${config}`, 'invalid_template_config');
		const name = fields.name as string;
		if (this.nameTaken(ctx, name)) return nameConflict(name);
		const template = this.seed({
			name,
			description: (fields.description as string | undefined) ?? null,
			visibility: (fields.visibility as StoredTemplate['visibility'] | undefined) ?? 'private',
			config: structuredClone(body.config as Record<string, unknown>),
			scope: ctx.scope,
			ownerUserId: ctx.key.userId,
		});
		return ok(201, 'Template created', this.present(template, ctx));
	}

	private update(ctx: RouteContext): Reply {
		const body = readBody(ctx.body);
		if (body instanceof Refusal) return body.reply;
		const fields = readFields(body, ctx, 'update');
		if (fields instanceof Refusal) return fields.reply;
		if ('config' in body) {
			const problem = validateConfig(body.config);
			if (problem !== undefined)
				return fail(422, `Invalid template config: ${problem}`, 'invalid_template_config');
		}
		if (Object.keys(fields).length === 0 && !('config' in body)) {
			return invalidPayload('Provide at least one of name, description, visibility, config');
		}
		return this.withReadable(ctx, (template) => {
			if (!this.mutable(template, ctx)) return forbidden();
			if (fields.name !== undefined && this.nameTaken(ctx, fields.name as string, template.id)) {
				return nameConflict(fields.name as string);
			}
			if (fields.name !== undefined) template.name = fields.name as string;
			if ('description' in fields) template.description = fields.description as string | null;
			if (fields.visibility !== undefined)
				template.visibility = fields.visibility as StoredTemplate['visibility'];
			if ('config' in body)
				template.config = structuredClone(body.config as Record<string, unknown>);
			template.updated_at = new Date().toISOString();
			return ok(200, 'Template updated', this.present(template, ctx));
		});
	}

	private createFromSlideshow(ctx: RouteContext): Reply {
		// "An empty body {} is valid"; no body at all is read the same way.
		const body = ctx.body === undefined ? {} : readBody(ctx.body);
		if (body instanceof Refusal) return body.reply;
		const fields = readFields(body, ctx, 'fromSlideshow');
		if (fields instanceof Refusal) return fields.reply;
		if ('preserve_text' in body && typeof body.preserve_text !== 'boolean') {
			return invalidPayload('preserve_text must be a boolean');
		}
		const lookup =
			this.slideshowLookup ?? ((scope, id) => this.fake.modules.slideshows.find(scope, id));
		const slideshow = lookup(ctx.scope, ctx.params.slideshowId.toLowerCase());
		if (!slideshow) return fail(404, 'Slideshow not found', 'slideshow_not_found');
		const config = configFromSlideshow(slideshow, body.preserve_text !== false);
		const problem = validateConfig(config);
		if (problem !== undefined) {
			return fail(
				422,
				`The slideshow could not be turned into a valid template: ${problem}`,
				'invalid_template_config',
			);
		}
		let name = fields.name as string | undefined;
		if (name === undefined) {
			// Auto-generated: never conflicts, numbered like a file manager would.
			const base =
				`${typeof slideshow.title === 'string' && slideshow.title.trim() !== '' ? slideshow.title.trim() : 'Slideshow'} template`.slice(
					0,
					100,
				);
			name = base;
			for (let n = 2; this.nameTaken(ctx, name); n++) name = `${base.slice(0, 95)} (${n})`;
		} else if (this.nameTaken(ctx, name)) {
			return nameConflict(name);
		}
		const slides = (slideshow.slides as Array<Record<string, unknown>> | undefined) ?? [];
		const template = this.seed({
			name,
			description: (fields.description as string | undefined) ?? null,
			visibility: (fields.visibility as StoredTemplate['visibility'] | undefined) ?? 'private',
			preview_url:
				(slideshow.preview_image_url as string | null | undefined) ??
				(slides[0]?.rendered_image_url as string | null | undefined) ??
				(slides[0]?.image_url as string | null | undefined) ??
				null,
			config,
			scope: ctx.scope,
			ownerUserId: ctx.key.userId,
		});
		return ok(201, 'Template created', this.present(template, ctx));
	}

	private withReadable(ctx: RouteContext, then: (template: StoredTemplate) => Reply): Reply {
		const id = ctx.params.templateId;
		if (!isUuid(id)) {
			const { status, errorCode } = TEMPLATES_INFERRED.malformedTemplateId;
			return fail(status, 'Template not found', errorCode);
		}
		const template = this.templates.get(id.toLowerCase());
		if (!template || !readableFrom(template, ctx.scope))
			return fail(404, 'Template not found', 'not_found');
		return then(template);
	}

	private mutable(template: StoredTemplate, ctx: RouteContext): boolean {
		return template.scope === ctx.scope && template.ownerUserId === ctx.key.userId;
	}

	private nameTaken(ctx: RouteContext, name: string, exceptId?: string): boolean {
		const key = TEMPLATES_INFERRED.nameKey(name);
		return [...this.templates.values()].some(
			(t) =>
				t.id !== exceptId &&
				t.scope === ctx.scope &&
				t.ownerUserId === ctx.key.userId &&
				TEMPLATES_INFERRED.nameKey(t.name) === key,
		);
	}

	private present(template: StoredTemplate, ctx: RouteContext): Record<string, unknown> {
		return {
			id: template.id,
			name: template.name,
			description: template.description,
			visibility: template.visibility,
			preview_url: template.preview_url,
			use_count: template.use_count,
			last_used_at: template.last_used_at,
			created_at: template.created_at,
			updated_at: template.updated_at,
			is_owner: this.mutable(template, ctx),
			config: structuredClone(template.config),
		};
	}
}

function readableFrom(template: StoredTemplate, scope: string): boolean {
	return template.visibility === 'public' || template.scope === scope;
}

function forbidden(): Reply {
	return fail(403, 'This template cannot be changed with this key', 'forbidden_template');
}

function nameConflict(name: string): Reply {
	return fail(409, `A template named "${name}" already exists`, 'template_name_conflict');
}

function invalidPayload(message: string): Reply {
	return fail(422, message, 'invalid_payload');
}

/** A request refused while reading it (keeps a body field named `status` from passing for a reply). */
class Refusal {
	constructor(readonly reply: Reply) {}
}

function readBody(body: unknown): Record<string, unknown> | Refusal {
	if (body === INVALID_JSON) return new Refusal(fail(400, 'Invalid JSON body', 'invalid_json'));
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return new Refusal(invalidPayload('Body must be a JSON object'));
	}
	return body as Record<string, unknown>;
}

/** name / description / visibility as each route documents them; the checked values by name. */
function readFields(
	body: Record<string, unknown>,
	ctx: RouteContext,
	route: 'create' | 'update' | 'fromSlideshow',
): Record<string, unknown> | Refusal {
	const fields: Record<string, unknown> = {};
	if (body.name !== undefined || route === 'create') {
		if (typeof body.name !== 'string') return new Refusal(invalidPayload('name must be a string'));
		const name = body.name.trim();
		if (name.length < 1 || name.length > 100)
			return new Refusal(invalidPayload('name must be 1-100 characters'));
		fields.name = name;
	}
	if ('description' in body && body.description !== undefined) {
		// Only update documents null ("null clears").
		if (body.description === null && route === 'update') fields.description = null;
		else if (typeof body.description !== 'string')
			return new Refusal(invalidPayload('description must be a string'));
		else if (body.description.length > 500)
			return new Refusal(invalidPayload('description must be at most 500 characters'));
		else fields.description = body.description;
	}
	if (body.visibility !== undefined) {
		if (!(TEMPLATE_VISIBILITIES as readonly unknown[]).includes(body.visibility)) {
			return new Refusal(invalidPayload('visibility must be private or workspace'));
		}
		if (body.visibility === 'workspace' && ctx.key.scope !== 'workspace') {
			const { status, errorCode } = TEMPLATES_INFERRED.workspaceVisibilityNeedsWorkspaceKey;
			return new Refusal(
				fail(status, 'visibility "workspace" requires a workspace-scoped API key', errorCode),
			);
		}
		fields.visibility = body.visibility;
	}
	return fields;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a template config (v1, camelCase), or undefined when it is valid. */
export function validateConfig(config: unknown): string | undefined {
	if (!isObject(config)) return 'config must be an object';
	if (config.version !== 1) return 'version must be 1';
	const structure = config.structure;
	if (!isObject(structure)) return 'structure must be an object';
	const slides = structure.slides;
	if (!Array.isArray(slides) || slides.length < 1 || slides.length > MAX_TEMPLATE_SLIDES) {
		return `structure.slides must have 1-${MAX_TEMPLATE_SLIDES} entries`;
	}
	for (const [index, slide] of slides.entries()) {
		if (!isObject(slide)) return `structure.slides[${index}] must be an object`;
		if (!SLIDE_TYPES.includes(slide.type as string))
			return `structure.slides[${index}].type must be pack or custom`;
		if (slide.textElements !== undefined && !Array.isArray(slide.textElements)) {
			return `structure.slides[${index}].textElements must be an array`;
		}
		if (
			slide.pinnedImageUrl !== undefined &&
			slide.pinnedImageUrl !== null &&
			typeof slide.pinnedImageUrl !== 'string'
		) {
			return `structure.slides[${index}].pinnedImageUrl must be a string or null`;
		}
	}
	if (structure.packAssignments !== undefined && structure.packAssignments !== null) {
		if (!isObject(structure.packAssignments)) return 'structure.packAssignments must be an object';
		for (const [index, packId] of Object.entries(structure.packAssignments)) {
			if (!/^\d+$/.test(index) || Number(index) >= slides.length) {
				return `structure.packAssignments key "${index}" is not a slide index`;
			}
			if (!isUuid(packId)) return `structure.packAssignments["${index}"] must be a pack UUID`;
		}
	}
	const content = config.content;
	if (!isObject(content)) return 'content must be an object';
	if (!CONTENT_MODES.includes(content.mode as string)) return 'content.mode must be ai or manual';
	if (
		content.slideshowType !== undefined &&
		!SLIDESHOW_TYPES.includes(content.slideshowType as string)
	) {
		return 'content.slideshowType must be educational or personal';
	}
	const visuals = config.visuals;
	if (!isObject(visuals)) return 'visuals must be an object';
	if (visuals.aspectRatio !== undefined && !ASPECT_RATIOS.includes(visuals.aspectRatio as string)) {
		return 'visuals.aspectRatio must be 9:16, 1:1 or 4:5';
	}
	if (visuals.packId !== undefined && visuals.packId !== null && !isUuid(visuals.packId)) {
		return 'visuals.packId must be a pack UUID or null';
	}
	return undefined;
}

/** The config v1 a slideshow (as GET /slideshows/{id} returns it, snake_case) turns into. */
export function configFromSlideshow(
	slideshow: Record<string, unknown>,
	preserveText: boolean,
): Record<string, unknown> {
	const settings = isObject(slideshow.settings) ? slideshow.settings : {};
	const advanced = isObject(settings.advanced_settings) ? settings.advanced_settings : {};
	const slides = Array.isArray(slideshow.slides) ? (slideshow.slides as unknown[]) : [];
	const packAssignments = isObject(settings.pack_assignments)
		? settings.pack_assignments
		: undefined;
	return {
		version: 1,
		structure: {
			slides: slides.filter(isObject).map((slide, index) => ({
				type:
					packAssignments?.[String(index)] !== undefined || settings.image_pack_id
						? 'pack'
						: 'custom',
				id: randomUUID(),
				pinnedImageUrl: (slide.image_url as string | null | undefined) ?? null,
				textElements: (Array.isArray(slide.text_elements) ? slide.text_elements : [])
					.filter(isObject)
					.map((element) => ({
						id: (element.id as string | undefined) ?? randomUUID(),
						content: preserveText ? ((element.content as string | undefined) ?? '') : '',
						x: element.x ?? 50,
						y: element.y ?? 50,
						fontSize: element.font_size ?? 48,
						width: element.width ?? 70,
					})),
			})),
			...(packAssignments ? { packAssignments } : {}),
		},
		content: {
			mode: 'manual',
			productId: (slideshow.product_id as string | null | undefined) ?? null,
			language: 'en',
			slideshowType:
				(slideshow.slideshow_type as string | undefined) ??
				(settings.slideshow_type as string | undefined) ??
				'educational',
		},
		visuals: {
			packId: (settings.image_pack_id as string | null | undefined) ?? null,
			aspectRatio: (settings.aspect_ratio as string | undefined) ?? '4:5',
			textSettings: {
				fontSize: advanced.font_size ?? 'default',
				preset: advanced.text_preset ?? 'tiktok',
				width: advanced.text_width ?? 'default',
			},
		},
	};
}

/** A valid config v1 with `slides` slides (tests and seeds). */
export function sampleTemplateConfig(slides = 1): Record<string, unknown> {
	return {
		version: 1,
		structure: {
			slides: Array.from({ length: slides }, (_v, i) => ({
				type: 'custom',
				id: randomUUID(),
				pinnedImageUrl: null,
				textElements: [
					{ id: randomUUID(), content: `Slide ${i + 1}`, x: 50, y: 25, fontSize: 48, width: 70 },
				],
			})),
		},
		content: { mode: 'manual', productId: null, language: 'en', slideshowType: 'educational' },
		visuals: {
			packId: null,
			aspectRatio: '4:5',
			textSettings: { fontSize: 'default', preset: 'tiktok', width: 'default' },
		},
	};
}
