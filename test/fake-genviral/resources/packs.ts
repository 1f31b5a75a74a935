/**
 * The fake's packs routes (reference section 8, endpoints.json resource "Packs").
 *
 * A pack belongs to one scope. `GET /packs` lists the scope's own packs plus public packs of any
 * scope (unless `include_public=false`); only own packs are mutable. Every added image gets AI
 * metadata that moves pending → processing → completed (or failed) with the clock
 * (`metadataStepMs` per step), never with the number of reads.
 */
import { randomUUID } from 'node:crypto';

import type { FakeModule, RouteContext } from '../module';
import { INVALID_JSON, isUuid, readOffsetPage, statusAt } from '../module';
import type { FakeGenviral, Reply } from '../server';
import { fail, ok } from '../server';

/**
 * Where the reference leaves a pack answer undocumented, the fake's guesses live here, and only here.
 */
export const INFERRED_PACK_ANSWERS = {
	/** `DELETE /packs/{packId}` is covered by the skill only: message and data are guesses. */
	deleteMessage: 'Pack deleted',
	/**
	 * `GET /packs/{packId}` of a public pack of another scope: the pages only say "missing or
	 * outside the key scope" gives 404, but public packs are listed for every key and used as
	 * slideshow backgrounds, so the fake lets any key read them (never change them).
	 */
	publicPacksReadable: true,
} as const;

export type MetadataStatus = 'pending' | 'processing' | 'completed' | 'failed';

interface PackImage {
	id: string;
	url: string;
	file_name: string;
	content_type: string;
	addedAt: number;
	/** Where its metadata ends. */
	outcome: 'completed' | 'failed';
}

interface Pack {
	id: string;
	scope: string;
	name: string;
	is_public: boolean;
	created_at: string;
	images: PackImage[];
}

export interface SeedPackImage {
	url: string;
	file_name?: string;
	/** Where its metadata ends (default completed). */
	outcome?: 'completed' | 'failed';
	/** Added this many ms ago (default: long enough for its metadata to be final). */
	addedMsAgo?: number;
}

const METADATA_STEPS: readonly MetadataStatus[] = ['pending', 'processing'];

/** content_type guessed from the URL's extension (reference 8.6), else image/jpeg. */
export function guessImageType(url: string): string {
	let pathname = url;
	try {
		pathname = new URL(url).pathname;
	} catch {
		// not a URL: guess from the text itself
	}
	const extension = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
	const types: Record<string, string> = {
		png: 'image/png',
		gif: 'image/gif',
		webp: 'image/webp',
		heic: 'image/heic',
		heif: 'image/heif',
		avif: 'image/avif',
	};
	return (extension && types[extension]) ?? 'image/jpeg';
}

export function isHttpUrl(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

export class PacksFake implements FakeModule {
	constructor(readonly fake: FakeGenviral) {}

	private readonly packs = new Map<string, Pack>();

	/** How long each metadata step (pending, processing) lasts, in ms. */
	metadataStepMs = 1000;

	/** Where a new image's metadata ends; tests make some fail. */
	metadataOutcome: (imageUrl: string) => 'completed' | 'failed' = () => 'completed';

	routes: FakeModule['routes'] = {
		'GET /packs': (ctx) => this.list(ctx),
		'GET /packs/{packId}': (ctx) =>
			this.withReadable(ctx, (pack) => ok(200, 'Pack retrieved', this.publicPack(pack))),
		'POST /packs': (ctx) => this.create(ctx),
		'PATCH /packs/{packId}': (ctx) => this.update(ctx),
		'DELETE /packs/{packId}': (ctx) =>
			this.withOwn(ctx, (pack) => {
				this.packs.delete(pack.id);
				return ok(200, INFERRED_PACK_ANSWERS.deleteMessage, { id: pack.id, deleted: true });
			}),
		'POST /packs/{packId}/images': (ctx) => this.addImage(ctx),
		'DELETE /packs/{packId}/images/{imageId}': (ctx) => this.deleteImage(ctx),
	};

	reset(): void {
		this.packs.clear();
		this.metadataStepMs = 1000;
		this.metadataOutcome = () => 'completed';
	}

	/**
	 * The pack with this id that this scope can read (its own, or a public one), as
	 * `GET /packs/{packId}` shows it; undefined when missing or not visible.
	 */
	find(scope: string, id: string): Record<string, unknown> | undefined {
		const pack = this.packs.get(id.toLowerCase());
		return pack && this.readable(pack, scope) ? this.publicPack(pack) : undefined;
	}

	/** The image URLs of a pack this scope can read (slideshow backgrounds), or undefined. */
	imageUrls(scope: string, id: string): string[] | undefined {
		const pack = this.packs.get(id.toLowerCase());
		return pack && this.readable(pack, scope) ? pack.images.map((i) => i.url) : undefined;
	}

	/** A pack in a scope, for tests: `seedPack(fake.scopeOf(token), { images: [{ url }] })`. */
	seedPack(
		scope: string,
		{
			name = 'Seeded pack',
			is_public = false,
			images = [] as SeedPackImage[],
			createdAt = new Date(),
		} = {},
	): Record<string, unknown> {
		const pack: Pack = {
			id: randomUUID(),
			scope,
			name,
			is_public,
			created_at: createdAt.toISOString(),
			images: [],
		};
		const settled = this.metadataStepMs * (METADATA_STEPS.length + 1);
		for (const image of images) {
			pack.images.push({
				id: randomUUID(),
				url: image.url,
				file_name: image.file_name ?? 'image',
				content_type: guessImageType(image.url),
				addedAt: Date.now() - (image.addedMsAgo ?? settled),
				outcome: image.outcome ?? 'completed',
			});
		}
		this.packs.set(pack.id, pack);
		return this.publicPack(pack);
	}

	private readable(pack: Pack, scope: string): boolean {
		return pack.scope === scope || (INFERRED_PACK_ANSWERS.publicPacksReadable && pack.is_public);
	}

	private withReadable(ctx: RouteContext, then: (pack: Pack) => Reply): Reply {
		const pack = isUuid(ctx.params.packId)
			? this.packs.get(ctx.params.packId.toLowerCase())
			: undefined;
		if (!pack || !this.readable(pack, ctx.scope)) return fail(404, 'Pack not found', 'not_found');
		return then(pack);
	}

	private ownPack(ctx: RouteContext): Pack | undefined {
		const pack = isUuid(ctx.params.packId)
			? this.packs.get(ctx.params.packId.toLowerCase())
			: undefined;
		return pack && pack.scope === ctx.scope ? pack : undefined;
	}

	private withOwn(ctx: RouteContext, then: (pack: Pack) => Reply): Reply {
		const pack = this.ownPack(ctx);
		if (!pack) return fail(404, 'Pack not found', 'not_found');
		return then(pack);
	}

	private list(ctx: RouteContext): Reply {
		const page = readOffsetPage(ctx.req.query, { defaultLimit: 20, maxLimit: 100 });
		if ('error' in page) return fail(422, page.error, 'invalid_query');
		// Only the literal strings are honoured; anything else falls back to true (reference 8.1).
		const includePublic = ctx.req.query.include_public !== 'false';
		const search = ctx.req.query.search?.trim().toLowerCase();
		const rows = [...this.packs.values()]
			.filter((p) => p.scope === ctx.scope || (includePublic && p.is_public))
			.filter((p) => !search || p.name.toLowerCase().includes(search))
			.reverse(); // newest first
		return ok(200, 'Packs retrieved', {
			packs: rows.slice(page.offset, page.offset + page.limit).map((p) => ({
				id: p.id,
				name: p.name,
				image_count: p.images.length,
				preview_image_url: p.images[0]?.url ?? null,
				is_public: p.is_public,
				created_at: p.created_at,
			})),
			total: rows.length,
			limit: page.limit,
			offset: page.offset,
		});
	}

	private create(ctx: RouteContext): Reply {
		if (ctx.body === INVALID_JSON) return fail(400, 'Invalid JSON body', 'invalid_json');
		const body = ctx.body;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return fail(422, 'Body must be a JSON object', 'invalid_payload');
		}
		const { name, is_public: isPublic } = body as Record<string, unknown>;
		const problem = checkName(name, true) ?? checkPublic(isPublic);
		if (problem) return fail(422, problem, 'invalid_payload');
		const pack: Pack = {
			id: randomUUID(),
			scope: ctx.scope,
			name: (name as string).trim(),
			is_public: (isPublic as boolean | undefined) ?? false,
			created_at: new Date().toISOString(),
			images: [],
		};
		this.packs.set(pack.id, pack);
		return ok(201, 'Pack created', this.publicPack(pack));
	}

	private update(ctx: RouteContext): Reply {
		if (ctx.body === INVALID_JSON) return fail(400, 'Invalid JSON body', 'invalid_json');
		const body = ctx.body;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return fail(422, 'Body must be a JSON object', 'invalid_payload');
		}
		const patch = body as Record<string, unknown>;
		if (!('name' in patch) && !('is_public' in patch)) {
			return fail(422, 'Provide name and/or is_public', 'invalid_payload');
		}
		const problem =
			('name' in patch ? checkName(patch.name, true) : undefined) ?? checkPublic(patch.is_public);
		if (problem) return fail(422, problem, 'invalid_payload');
		return this.withOwn(ctx, (pack) => {
			if (typeof patch.name === 'string') pack.name = patch.name.trim();
			if (typeof patch.is_public === 'boolean') pack.is_public = patch.is_public;
			// The documented example answers with an empty images array.
			return ok(200, 'Pack updated', { ...this.publicPack(pack), images: [] });
		});
	}

	private addImage(ctx: RouteContext): Reply {
		if (ctx.body === INVALID_JSON) return fail(400, 'Invalid JSON body', 'invalid_json');
		const body = ctx.body;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return fail(422, 'Body must be a JSON object', 'invalid_payload');
		}
		const { image_url: imageUrl, file_name: fileName } = body as Record<string, unknown>;
		if (!isHttpUrl(imageUrl))
			return fail(422, 'image_url must be an absolute http(s) URL', 'invalid_payload');
		if (
			fileName !== undefined &&
			(typeof fileName !== 'string' || fileName.length < 1 || fileName.length > 255)
		) {
			return fail(422, 'file_name must be 1-255 characters', 'invalid_payload');
		}
		return this.withOwn(ctx, (pack) => {
			const image: PackImage = {
				id: randomUUID(),
				url: imageUrl,
				file_name: (fileName as string | undefined) ?? 'image',
				content_type: guessImageType(imageUrl),
				addedAt: Date.now(),
				outcome: this.metadataOutcome(imageUrl),
			};
			pack.images.push(image);
			return ok(201, 'Pack image added', {
				id: image.id,
				url: image.url,
				file_name: image.file_name,
				content_type: image.content_type,
			});
		});
	}

	private deleteImage(ctx: RouteContext): Reply {
		const pack = this.ownPack(ctx);
		if (!pack) return fail(404, 'Pack not found', 'pack_not_found');
		const index = pack.images.findIndex((i) => i.id === ctx.params.imageId.toLowerCase());
		if (index < 0) return fail(404, 'Image not found in this pack', 'image_not_found');
		const [image] = pack.images.splice(index, 1);
		return ok(200, 'Pack image deleted', { id: image.id, deleted: true });
	}

	private publicPack(pack: Pack): Record<string, unknown> {
		return {
			id: pack.id,
			name: pack.name,
			image_count: pack.images.length,
			is_public: pack.is_public,
			created_at: pack.created_at,
			images: [...pack.images]
				.sort((a, b) => a.addedAt - b.addedAt)
				.map((i) => this.publicImage(i)),
		};
	}

	private publicImage(image: PackImage): Record<string, unknown> {
		const status = statusAt<MetadataStatus>(
			[...METADATA_STEPS, image.outcome],
			image.addedAt,
			this.metadataStepMs,
		);
		const done = status === 'completed' || status === 'failed';
		const generatedAt = done
			? new Date(image.addedAt + this.metadataStepMs * METADATA_STEPS.length).toISOString()
			: null;
		return {
			id: image.id,
			url: image.url,
			metadata: {
				status,
				description:
					status === 'completed' ? `A photo used as a slide background (${image.file_name})` : null,
				keywords: status === 'completed' ? ['background', image.file_name.toLowerCase()] : [],
				model: done ? 'fake-vision-1' : null,
				generated_at: generatedAt,
				error: status === 'failed' ? 'The image could not be analysed' : null,
			},
		};
	}
}

function checkName(name: unknown, required: boolean): string | undefined {
	if (name === undefined && !required) return undefined;
	if (typeof name !== 'string') return 'name must be a string';
	const length = name.trim().length;
	if (length < 1 || length > 120) return 'name must be 1-120 characters';
	return undefined;
}

function checkPublic(value: unknown): string | undefined {
	return value === undefined || typeof value === 'boolean'
		? undefined
		: 'is_public must be a boolean';
}
