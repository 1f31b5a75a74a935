/**
 * The fake's folders routes (reference section 6; endpoints.json resource "Folders").
 *
 * A folder belongs to one scope and has one media type, fixed at creation. Folders form a tree
 * per scope and media type (a parent has the same media type). Items are memberships: file ids
 * in `upload` / `ai_image` / `ai_video` folders, slideshow ids in `slideshow` folders, looked
 * up in the files / slideshows modules (deleting a folder never deletes them). There is no
 * rename: PATCH only re-parents.
 */
import { randomUUID } from 'node:crypto';

import type { FakeModule, RouteContext } from '../module';
import { INVALID_JSON, isUuid, readOffsetPage } from '../module';
import type { FakeGenviral, Reply } from '../server';
import { DEFAULT_TOKEN, fail, ok } from '../server';

export const FOLDER_MEDIA_TYPES = ['ai_image', 'ai_video', 'upload', 'slideshow'] as const;
export type FolderMediaType = (typeof FOLDER_MEDIA_TYPES)[number];

/** Guesses where the reference documents a rule but not its answer. Kept here, and only here. */
export const FOLDERS_INFERRED = {
	/** POST /folders with a parent not visible in scope: no error documented for create. */
	createParentNotFound: { status: 404, errorCode: 'not_found' },
	/** A parent (create) or destination (move) of another media type: no code named. */
	parentMediaTypeMismatch: { status: 422, errorCode: 'invalid_payload' },
	/** POST /folders with a body that is not JSON: create documents no invalid_json, the sibling routes do. */
	createInvalidJson: { status: 400, errorCode: 'invalid_json' },
	/** Name comparison for "a folder with this name already exists at that location": trimmed, case-sensitive. */
	nameKey: (name: string) => name.trim(),
	/** `added_count` counts the ids that were not in the folder yet. */
	addedCountIsNewMemberships: true,
	/** How many preview files a folder summary carries. */
	previewFiles: 4,
} as const;

export interface StoredFolder {
	id: string;
	name: string;
	/** One of FOLDER_MEDIA_TYPES; a seed may store another value to reach `invalid_folder_media_type`. */
	media_type: string;
	parent_folder_id: string | null;
	created_at: string;
	updated_at: string;
	scope: string;
	seq: number;
}

interface Membership {
	itemId: string;
	addedAt: string;
}

export type ItemLookup = (scope: string, id: string) => Record<string, unknown> | undefined;

export class FoldersFake implements FakeModule {
	private readonly folders = new Map<string, StoredFolder>();

	private readonly members = new Map<string, Membership[]>();

	private seq = 0;

	/** Where file items are found. Unset: the files module. Tests may point it elsewhere (reset() unsets it). */
	fileLookup: ItemLookup | undefined;

	/** Where slideshow items are found. Unset: the slideshows module. */
	slideshowLookup: ItemLookup | undefined;

	constructor(readonly fake: FakeGenviral) {}

	routes: FakeModule['routes'] = {
		'GET /folders': (ctx) => this.list(ctx),
		'POST /folders': (ctx) => this.create(ctx),
		'GET /folders/{folderId}': (ctx) =>
			this.withFolder(ctx, { checkMediaType: true }, (f) =>
				ok(200, 'Folder retrieved', this.present(f)),
			),
		'PATCH /folders/{folderId}': (ctx) => this.move(ctx),
		'DELETE /folders/{folderId}': (ctx) =>
			this.withFolder(ctx, { checkMediaType: false }, (f) => {
				for (const id of [f.id, ...this.descendantsOf(f.id)]) {
					this.folders.delete(id);
					this.members.delete(id);
				}
				return ok(200, 'Folder deleted', { id: f.id, deleted: true });
			}),
		'GET /folders/{folderId}/ancestors': (ctx) =>
			this.withFolder(ctx, { checkMediaType: false }, (f) =>
				ok(200, 'Folder ancestors retrieved', {
					ancestors: this.ancestorsOf(f).map((a, depth) => ({
						id: a.id,
						name: a.name,
						parent_folder_id: a.parent_folder_id,
						depth,
					})),
				}),
			),
		'GET /folders/{folderId}/items': (ctx) => this.listItems(ctx),
		'POST /folders/{folderId}/items': (ctx) => this.changeItems(ctx, 'add'),
		'DELETE /folders/{folderId}/items': (ctx) => this.changeItems(ctx, 'remove'),
	};

	reset(): void {
		this.folders.clear();
		this.members.clear();
		this.seq = 0;
		this.fileLookup = undefined;
		this.slideshowLookup = undefined;
	}

	/** The folder with this id in this scope, as GET returns it. */
	find(scope: string, id: string): Record<string, unknown> | undefined {
		const folder = this.folders.get(id.toLowerCase());
		return folder && folder.scope === scope ? this.present(folder) : undefined;
	}

	/** Put a folder in place (default: a root `upload` folder of the default workspace key). */
	seed(fields: Partial<StoredFolder> = {}): StoredFolder {
		const now = new Date().toISOString();
		const folder: StoredFolder = {
			id: randomUUID(),
			name: `Folder ${this.seq + 1}`,
			media_type: 'upload',
			parent_folder_id: null,
			created_at: now,
			updated_at: now,
			scope: this.fake.scopeOf(DEFAULT_TOKEN),
			...fields,
			seq: ++this.seq,
		};
		folder.id = folder.id.toLowerCase();
		this.folders.set(folder.id, folder);
		return folder;
	}

	/** Put items in a folder without any check (the ids should exist in the files/slideshows modules). */
	seedItems(folderId: string, itemIds: string[]): void {
		const list = this.members.get(folderId) ?? [];
		for (const itemId of itemIds) {
			if (!list.some((m) => m.itemId === itemId.toLowerCase())) {
				list.push({ itemId: itemId.toLowerCase(), addedAt: new Date().toISOString() });
			}
		}
		this.members.set(folderId, list);
	}

	/** The ids a folder holds (tests). */
	itemIdsOf(folderId: string): string[] {
		return (this.members.get(folderId.toLowerCase()) ?? []).map((m) => m.itemId);
	}

	private list(ctx: RouteContext): Reply {
		const query = ctx.req.query;
		if (!(FOLDER_MEDIA_TYPES as readonly string[]).includes(query.media_type)) {
			return fail(
				400,
				`media_type must be one of ${FOLDER_MEDIA_TYPES.join(', ')}`,
				'invalid_query_parameter',
			);
		}
		const parent = query.parent_folder_id;
		if (parent !== undefined && !isUuid(parent)) {
			return fail(400, 'parent_folder_id must be a UUID', 'invalid_query_parameter');
		}
		const page = readOffsetPage(query, { defaultLimit: 50, maxLimit: 100 });
		if ('error' in page) return fail(400, page.error, 'invalid_query_parameter');
		const level = [...this.folders.values()]
			.filter((f) => f.scope === ctx.scope && f.media_type === query.media_type)
			.filter((f) => f.parent_folder_id === (parent?.toLowerCase() ?? null))
			.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.seq - b.seq));
		return ok(200, 'Folders retrieved', {
			folders: level.slice(page.offset, page.offset + page.limit).map((f) => this.present(f)),
			total: level.length,
			limit: page.limit,
			offset: page.offset,
		});
	}

	private create(ctx: RouteContext): Reply {
		if (ctx.body === INVALID_JSON) {
			const { status, errorCode } = FOLDERS_INFERRED.createInvalidJson;
			return fail(status, 'Invalid JSON body', errorCode);
		}
		const body = ctx.body;
		if (typeof body !== 'object' || body === null || Array.isArray(body))
			return invalidPayload('Body must be a JSON object');
		const {
			name,
			media_type: mediaType,
			parent_folder_id: parentId,
		} = body as Record<string, unknown>;
		if (typeof name !== 'string' || name.trim().length < 1 || name.trim().length > 255) {
			return invalidPayload('name must be 1-255 characters');
		}
		if (!(FOLDER_MEDIA_TYPES as readonly unknown[]).includes(mediaType)) {
			return invalidPayload(`media_type must be one of ${FOLDER_MEDIA_TYPES.join(', ')}`);
		}
		if (parentId !== undefined && parentId !== null && !isUuid(parentId)) {
			return invalidPayload('parent_folder_id must be a UUID');
		}
		let parent: StoredFolder | undefined;
		if (typeof parentId === 'string') {
			parent = this.visible(ctx, parentId);
			if (!parent) {
				const { status, errorCode } = FOLDERS_INFERRED.createParentNotFound;
				return fail(status, 'Parent folder not found', errorCode);
			}
			if (parent.media_type !== mediaType) return mediaTypeMismatch('parent folder');
		}
		const trimmed = name.trim();
		if (this.nameTakenAt(ctx.scope, mediaType as string, parent?.id ?? null, trimmed)) {
			return fail(409, `A folder named "${trimmed}" already exists here`, 'folder_name_conflict');
		}
		const folder = this.seed({
			name: trimmed,
			media_type: mediaType as string,
			parent_folder_id: parent?.id ?? null,
			scope: ctx.scope,
		});
		return ok(201, 'Folder created', this.present(folder));
	}

	private move(ctx: RouteContext): Reply {
		if (!isUuid(ctx.params.folderId)) return invalidPath();
		if (ctx.body === INVALID_JSON) return fail(400, 'Invalid JSON body', 'invalid_json');
		const body = ctx.body;
		if (
			typeof body !== 'object' ||
			body === null ||
			Array.isArray(body) ||
			!('parent_folder_id' in body)
		) {
			return invalidPayload('parent_folder_id is required (a folder UUID, or null for the root)');
		}
		const target = (body as Record<string, unknown>).parent_folder_id;
		if (target !== null && !isUuid(target))
			return invalidPayload('parent_folder_id must be a UUID or null');
		return this.withFolder(ctx, { checkMediaType: true }, (folder) => {
			let destination: StoredFolder | undefined;
			if (target !== null) {
				destination = this.visible(ctx, target);
				if (!destination) return fail(404, 'Destination folder not found', 'not_found');
				if (
					destination.id === folder.id ||
					this.descendantsOf(folder.id).includes(destination.id)
				) {
					return fail(
						409,
						'A folder cannot be moved into itself or one of its sub-folders',
						'folder_move_conflict',
					);
				}
				if (destination.media_type !== folder.media_type)
					return mediaTypeMismatch('destination folder');
			}
			const parentId = destination?.id ?? null;
			if (this.nameTakenAt(folder.scope, folder.media_type, parentId, folder.name, folder.id)) {
				return fail(
					409,
					`The destination already has a folder named "${folder.name}"`,
					'folder_move_conflict',
				);
			}
			folder.parent_folder_id = parentId;
			folder.updated_at = new Date().toISOString();
			return ok(200, 'Folder updated', this.present(folder));
		});
	}

	private listItems(ctx: RouteContext): Reply {
		if (!isUuid(ctx.params.folderId)) return invalidPath();
		const page = readOffsetPage(ctx.req.query, { defaultLimit: 50, maxLimit: 100 });
		if ('error' in page) return fail(400, page.error, 'invalid_query_parameter');
		return this.withFolder(ctx, { checkMediaType: true }, (folder) => {
			const items = this.itemsOf(folder);
			return ok(200, 'Folder items retrieved', {
				media_type: folder.media_type,
				item_type: itemTypeOf(folder),
				items: items.slice(page.offset, page.offset + page.limit),
				total: items.length,
				limit: page.limit,
				offset: page.offset,
			});
		});
	}

	private changeItems(ctx: RouteContext, change: 'add' | 'remove'): Reply {
		if (!isUuid(ctx.params.folderId)) return invalidPath();
		if (ctx.body === INVALID_JSON) return fail(400, 'Invalid JSON body', 'invalid_json');
		const body = ctx.body;
		const ids =
			typeof body === 'object' && body !== null && !Array.isArray(body)
				? (body as Record<string, unknown>).item_ids
				: undefined;
		if (!Array.isArray(ids) || ids.length < 1 || ids.length > 200) {
			return invalidPayload('item_ids must be an array of 1-200 ids');
		}
		if (!ids.every(isUuid)) return invalidPayload('every item id must be a UUID');
		const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
		return this.withFolder(ctx, { checkMediaType: true }, (folder) => {
			const list = this.members.get(folder.id) ?? [];
			const itemType = itemTypeOf(folder);
			if (change === 'add') {
				const missing = unique.find((id) => !this.lookup(itemType)(ctx.scope, id));
				if (missing) {
					return fail(
						404,
						`No ${itemType === 'file' ? 'file' : 'slideshow'} with id ${missing} in this scope`,
						'item_not_found',
					);
				}
				const fresh = unique.filter((id) => !list.some((m) => m.itemId === id));
				const addedAt = new Date().toISOString();
				list.push(...fresh.map((itemId) => ({ itemId, addedAt })));
				this.members.set(folder.id, list);
				if (fresh.length > 0) folder.updated_at = addedAt;
				return ok(200, 'Folder items added', {
					folder_id: folder.id,
					item_type: itemType,
					added_count: FOLDERS_INFERRED.addedCountIsNewMemberships ? fresh.length : unique.length,
				});
			}
			const missing = unique.find((id) => !list.some((m) => m.itemId === id));
			if (missing) return fail(404, `Item ${missing} is not in this folder`, 'item_not_found');
			this.members.set(
				folder.id,
				list.filter((m) => !unique.includes(m.itemId)),
			);
			folder.updated_at = new Date().toISOString();
			return ok(200, 'Folder items removed', {
				folder_id: folder.id,
				item_type: itemType,
				removed_count: unique.length,
			});
		});
	}

	/** invalid_path (not a UUID) → not_found (not in scope) → invalid_folder_media_type, then the route. */
	private withFolder(
		ctx: RouteContext,
		{ checkMediaType }: { checkMediaType: boolean },
		then: (folder: StoredFolder) => Reply,
	): Reply {
		const id = ctx.params.folderId;
		if (!isUuid(id)) return invalidPath();
		const folder = this.visible(ctx, id);
		if (!folder) return fail(404, 'Folder not found', 'not_found');
		if (checkMediaType && !(FOLDER_MEDIA_TYPES as readonly string[]).includes(folder.media_type)) {
			return fail(
				422,
				`Folders of media type "${folder.media_type}" are not supported by the Partner API`,
				'invalid_folder_media_type',
			);
		}
		return then(folder);
	}

	private visible(ctx: RouteContext, id: string): StoredFolder | undefined {
		const folder = this.folders.get(id.toLowerCase());
		return folder && folder.scope === ctx.scope ? folder : undefined;
	}

	private lookup(itemType: 'file' | 'slideshow'): ItemLookup {
		if (itemType === 'file')
			return (
				this.fileLookup ??
				((scope, id) =>
					this.fake.modules.files.find(scope, id) as unknown as Record<string, unknown> | undefined)
			);
		return this.slideshowLookup ?? ((scope, id) => this.fake.modules.slideshows.find(scope, id));
	}

	/** The folder's items as listItems returns them (items no longer visible are left out). */
	private itemsOf(folder: StoredFolder): Array<Record<string, unknown>> {
		const itemType = itemTypeOf(folder);
		const lookup = this.lookup(itemType);
		return (this.members.get(folder.id) ?? []).flatMap((m) => {
			const item = lookup(folder.scope, m.itemId);
			if (!item) return [];
			if (itemType === 'slideshow') return [item];
			return [
				{
					id: item.id,
					url: item.url,
					// The files module may hold rows as GET /files shows them (camelCase).
					content_type: item.content_type ?? item.contentType ?? null,
					filename: item.filename ?? null,
					size: item.size ?? null,
					created_at: item.created_at ?? item.createdAt ?? null,
					added_at: m.addedAt,
				},
			];
		});
	}

	private ancestorsOf(folder: StoredFolder): StoredFolder[] {
		const chain: StoredFolder[] = [];
		let parentId = folder.parent_folder_id;
		while (parentId !== null) {
			const parent = this.folders.get(parentId);
			if (!parent || chain.includes(parent)) break;
			chain.unshift(parent);
			parentId = parent.parent_folder_id;
		}
		return chain;
	}

	private descendantsOf(id: string): string[] {
		const children = [...this.folders.values()]
			.filter((f) => f.parent_folder_id === id)
			.map((f) => f.id);
		return children.flatMap((child) => [child, ...this.descendantsOf(child)]);
	}

	private nameTakenAt(
		scope: string,
		mediaType: string,
		parentId: string | null,
		name: string,
		exceptId?: string,
	): boolean {
		const key = FOLDERS_INFERRED.nameKey(name);
		return [...this.folders.values()].some(
			(f) =>
				f.id !== exceptId &&
				f.scope === scope &&
				f.media_type === mediaType &&
				f.parent_folder_id === parentId &&
				FOLDERS_INFERRED.nameKey(f.name) === key,
		);
	}

	private present(folder: StoredFolder): Record<string, unknown> {
		const items = this.itemsOf(folder);
		return {
			id: folder.id,
			name: folder.name,
			media_type: folder.media_type,
			parent_folder_id: folder.parent_folder_id,
			path: `/${[...this.ancestorsOf(folder).map((a) => a.id), folder.id].join('/')}`,
			file_count: items.length,
			subfolder_count: [...this.folders.values()].filter((f) => f.parent_folder_id === folder.id)
				.length,
			preview_files:
				itemTypeOf(folder) === 'file'
					? items
							.slice(0, FOLDERS_INFERRED.previewFiles)
							.map((i) => ({ id: i.id, url: i.url, content_type: i.content_type }))
					: [],
			created_at: folder.created_at,
			updated_at: folder.updated_at,
		};
	}
}

function itemTypeOf(folder: StoredFolder): 'file' | 'slideshow' {
	return folder.media_type === 'slideshow' ? 'slideshow' : 'file';
}

function invalidPayload(message: string): Reply {
	return fail(422, message, 'invalid_payload');
}

function invalidPath(): Reply {
	return fail(422, 'folderId must be a UUID', 'invalid_path');
}

function mediaTypeMismatch(what: string): Reply {
	const { status, errorCode } = FOLDERS_INFERRED.parentMediaTypeMismatch;
	return fail(status, `The ${what} holds another media type`, errorCode);
}
