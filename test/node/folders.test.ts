/**
 * Folder: Create, Get, Get Many, Move, Delete, Get Ancestors, Get Items, Add Items, Remove
 * Items, and the Folder picker, run in the real engine against the fake API.
 */
import { randomUUID } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { callNodeMethod } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';
import { seedMedia } from './folderMedia';

const FAST = { retryDelay: 5, maxRetries: 3 };
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const folder = (operation: string, fields: INodeParameters = {}): INodeParameters => ({
	resource: 'folder',
	operation,
	...fields,
});
const httpCode = (error: unknown) => (error as { httpCode?: string } | undefined)?.httpCode;
const serverError = (status: number) => ({
	kind: 'error' as const,
	status,
	message: `Injected ${status}`,
});

describe('Folder operations', () => {
	const env = useFakeGenviral();
	const seed = (fields: Parameters<typeof env.fake.modules.folders.seed>[0] = {}) =>
		env.fake.modules.folders.seed(fields);

	describe('Create', () => {
		test('a top-level folder: name, media_type; no parent sent', async () => {
			const { items, error } = await runGenviral(
				env.fake,
				folder('create', { name: ' Clients ', mediaType: 'slideshow' }),
			);
			expect(error).toBeUndefined();
			expect(env.fake.requests[0]).toMatchObject({ method: 'POST', path: '/folders' });
			expect(env.fake.requests[0].body).toEqual({ name: 'Clients', media_type: 'slideshow' });
			expect(items[0].json).toMatchObject({
				name: 'Clients',
				media_type: 'slideshow',
				parent_folder_id: null,
				file_count: 0,
				subfolder_count: 0,
			});
		});

		test('a sub-folder: parent_folder_id from the Parent Folder picker', async () => {
			const parent = seed({ name: 'Clients' });
			const { items } = await runGenviral(
				env.fake,
				folder('create', { name: 'Acme', mediaType: 'upload', parentFolderId: byId(parent.id) }),
			);
			expect(env.fake.requests[0].body).toEqual({
				name: 'Acme',
				media_type: 'upload',
				parent_folder_id: parent.id,
			});
			expect(items[0].json).toMatchObject({
				parent_folder_id: parent.id,
				path: `/${parent.id}/${items[0].json.id as string}`,
			});
		});

		test.each([
			[
				{ name: '={{ "  " }}', mediaType: 'upload' },
				'Name is required and cannot be empty [item 0]',
			],
			[
				{ name: 'x'.repeat(256), mediaType: 'upload' },
				/Name is too long \(256 characters, at most 255\)/,
			],
			[
				{ name: 'ok', mediaType: '={{ "video" }}' },
				'Media Type must be one of ai_image, ai_video, slideshow, upload; got "video" [item 0]',
			],
			[
				{ name: 'ok', mediaType: 'upload', parentFolderId: byId('={{ "root" }}') },
				'Parent Folder: Not a valid folder ID (a UUID); got "root" [item 0]',
			],
		])('bad input %j is refused before sending', async (fields, message) => {
			const { error } = await runGenviral(env.fake, folder('create', fields));
			expect(env.fake.requests).toHaveLength(0);
			if (typeof message === 'string') expect(error?.message).toBe(message);
			else expect(error?.message).toMatch(message);
		});

		test('a name already used at that place: 409 folder_name_conflict', async () => {
			seed({ name: 'Clients' });
			const { error } = await runGenviral(
				env.fake,
				folder('create', { name: 'Clients', mediaType: 'upload' }),
			);
			expect(httpCode(error)).toBe('409');
			expect(error?.context.errorCode).toBe('folder_name_conflict');
		});

		test('never retried after a 500 or a dropped connection (a second create would clash)', async () => {
			for (const fault of [serverError(500), { kind: 'reset' as const }]) {
				env.fake.requests.length = 0;
				env.fake.inject('POST /folders', fault);
				await runGenviral(
					env.fake,
					folder('create', { name: 'Once', mediaType: 'upload', options: FAST }),
				);
				expect(env.fake.requests).toHaveLength(1);
			}
		});
	});

	describe('Get and Get Many', () => {
		test('Get: the folder with counts and preview files', async () => {
			const { fileIds } = seedMedia(env.fake, { files: 5 });
			const f = seed({ name: 'Shots' });
			env.fake.modules.folders.seedItems(f.id, fileIds);
			seed({ parent_folder_id: f.id });
			const { items } = await runGenviral(env.fake, folder('get', { folderId: byId(f.id) }));
			expect(env.fake.requests.map((r) => [r.method, r.path, r.query])).toEqual([
				['GET', `/folders/${f.id}`, {}],
			]);
			expect(items[0].json).toMatchObject({
				id: f.id,
				name: 'Shots',
				file_count: 5,
				subfolder_count: 1,
				path: `/${f.id}`,
			});
			expect(items[0].json.preview_files).toHaveLength(4);
		});

		test('Get: a folder whose media type the Partner API does not serve: 422 invalid_folder_media_type', async () => {
			const f = seed({ media_type: 'brand_kit' });
			const { error } = await runGenviral(env.fake, folder('get', { folderId: byId(f.id) }));
			expect(httpCode(error)).toBe('422');
			expect(error?.context.errorCode).toBe('invalid_folder_media_type');
		});

		test('Get Many: one media type, the top level, all pages', async () => {
			Array.from({ length: 120 }, (_v, i) =>
				seed({ name: `F${String(i).padStart(3, '0')}`, media_type: 'ai_image' }),
			);
			seed({ name: 'Other type', media_type: 'upload' });
			const { items } = await runGenviral(
				env.fake,
				folder('getMany', { mediaType: 'ai_image', returnAll: true }),
			);
			expect(env.fake.requests.map((r) => r.query)).toEqual([
				{ media_type: 'ai_image', limit: '100', offset: '0' },
				{ media_type: 'ai_image', limit: '100', offset: '100' },
			]);
			expect(items).toHaveLength(120);
			expect(items[0].json.name).toBe('F000');
		});

		test('Get Many: the sub-folders of a parent, with a Limit', async () => {
			const parent = seed({ name: 'Clients', media_type: 'slideshow' });
			['C', 'A', 'B'].forEach((name) =>
				seed({ name, media_type: 'slideshow', parent_folder_id: parent.id }),
			);
			const { items } = await runGenviral(
				env.fake,
				folder('getMany', {
					mediaType: 'slideshow',
					parentFolderId: byId(parent.id),
					returnAll: false,
					limit: 2,
				}),
			);
			expect(env.fake.requests[0].query).toEqual({
				media_type: 'slideshow',
				parent_folder_id: parent.id,
				limit: '2',
				offset: '0',
			});
			expect(items.map((i) => i.json.name)).toEqual(['A', 'B']);
		});
	});

	describe('Move', () => {
		test('into another folder: parent_folder_id; to the root: JSON null', async () => {
			const a = seed({ name: 'A' });
			const b = seed({ name: 'B' });
			const into = await runGenviral(
				env.fake,
				folder('move', { folderId: byId(b.id), moveTo: 'folder', parentFolderId: byId(a.id) }),
			);
			expect(env.fake.requests[0]).toMatchObject({
				method: 'PATCH',
				path: `/folders/${b.id}`,
				body: { parent_folder_id: a.id },
			});
			expect(into.items[0].json).toMatchObject({
				id: b.id,
				parent_folder_id: a.id,
				path: `/${a.id}/${b.id}`,
			});
			const root = await runGenviral(
				env.fake,
				folder('move', { folderId: byId(b.id), moveTo: 'root', parentFolderId: byId(a.id) }),
			);
			expect(env.fake.requests[1].rawBody).toBe('{"parent_folder_id":null}');
			expect(root.items[0].json).toMatchObject({ parent_folder_id: null, path: `/${b.id}` });
		});

		test('into one of its own sub-folders: 409 folder_move_conflict', async () => {
			const a = seed({ name: 'A' });
			const child = seed({ name: 'Child', parent_folder_id: a.id });
			const { error } = await runGenviral(
				env.fake,
				folder('move', { folderId: byId(a.id), moveTo: 'folder', parentFolderId: byId(child.id) }),
			);
			expect(httpCode(error)).toBe('409');
			expect(error?.context.errorCode).toBe('folder_move_conflict');
		});

		test('Inside a Folder without a Parent Folder is refused before sending', async () => {
			const a = seed();
			const { error } = await runGenviral(
				env.fake,
				folder('move', {
					folderId: byId(a.id),
					moveTo: 'folder',
					parentFolderId: byId('={{ "" }}'),
				}),
			);
			expect(env.fake.requests).toHaveLength(0);
			expect(error?.message).toBe(
				'Parent Folder is required: pick one from the list or give its ID [item 0]',
			);
		});

		test('retried after a 500 (moving where it already is changes nothing)', async () => {
			const a = seed();
			env.fake.inject('PATCH /folders/{folderId}', serverError(500));
			const { error } = await runGenviral(
				env.fake,
				folder('move', { folderId: byId(a.id), moveTo: 'root', options: FAST }),
			);
			expect(error).toBeUndefined();
			expect(env.fake.requests).toHaveLength(2);
		});
	});

	describe('Delete and Get Ancestors', () => {
		test('Delete cascades to sub-folders; the items themselves stay', async () => {
			const { fileIds } = seedMedia(env.fake, { files: 1 });
			const a = seed({ name: 'A' });
			const child = seed({ name: 'Child', parent_folder_id: a.id });
			env.fake.modules.folders.seedItems(child.id, fileIds);
			const { items } = await runGenviral(env.fake, folder('delete', { folderId: byId(a.id) }));
			expect(env.fake.requests[0]).toMatchObject({
				method: 'DELETE',
				path: `/folders/${a.id}`,
				rawBody: '',
			});
			expect(items[0].json).toEqual({ id: a.id, deleted: true });
			expect(
				env.fake.modules.folders.find(env.fake.scopeOf(DEFAULT_TOKEN), child.id),
			).toBeUndefined();
			expect(
				env.fake.modules.folders.fileLookup?.(env.fake.scopeOf(DEFAULT_TOKEN), fileIds[0]),
			).toBeDefined();
		});

		test('Delete is never retried after a 500 or a dropped connection', async () => {
			const a = seed();
			for (const fault of [serverError(500), { kind: 'reset' as const }]) {
				env.fake.requests.length = 0;
				env.fake.inject('DELETE /folders/{folderId}', fault);
				await runGenviral(env.fake, folder('delete', { folderId: byId(a.id), options: FAST }));
				expect(env.fake.requests).toHaveLength(1);
			}
		});

		test('Get Ancestors: one item per ancestor, root first', async () => {
			const a = seed({ name: 'A' });
			const b = seed({ name: 'B', parent_folder_id: a.id });
			const c = seed({ name: 'C', parent_folder_id: b.id });
			const { items } = await runGenviral(
				env.fake,
				folder('getAncestors', { folderId: byId(c.id) }),
				{
					items: [{ json: {} }, { json: {} }],
				},
			);
			expect(env.fake.requests.map((r) => r.path)).toEqual([
				`/folders/${c.id}/ancestors`,
				`/folders/${c.id}/ancestors`,
			]);
			expect(items.map((i) => [i.json.name, i.json.depth, i.pairedItem])).toEqual([
				['A', 0, { item: 0 }],
				['B', 1, { item: 0 }],
				['A', 0, { item: 1 }],
				['B', 1, { item: 1 }],
			]);
		});

		test('Get Ancestors of a top-level folder gives no items', async () => {
			const a = seed();
			const { items, error } = await runGenviral(
				env.fake,
				folder('getAncestors', { folderId: byId(a.id) }),
			);
			expect(error).toBeUndefined();
			expect(items).toEqual([]);
		});
	});

	describe('Get Items', () => {
		test('file rows (snake_case), all pages', async () => {
			const { fileIds } = seedMedia(env.fake, { files: 130 });
			const f = seed();
			env.fake.modules.folders.seedItems(f.id, fileIds);
			const { items } = await runGenviral(
				env.fake,
				folder('getItems', { folderId: byId(f.id), returnAll: true }),
			);
			expect(env.fake.requests.map((r) => [r.path, r.query])).toEqual([
				[`/folders/${f.id}/items`, { limit: '100', offset: '0' }],
				[`/folders/${f.id}/items`, { limit: '100', offset: '100' }],
			]);
			expect(items).toHaveLength(130);
			expect(Object.keys(items[0].json).sort()).toEqual([
				'added_at',
				'content_type',
				'created_at',
				'filename',
				'id',
				'size',
				'url',
			]);
		});

		test('slideshow objects in a slideshow folder, with a Limit', async () => {
			const { slideshowIds } = seedMedia(env.fake, { slideshows: 3 });
			const f = seed({ media_type: 'slideshow' });
			env.fake.modules.folders.seedItems(f.id, slideshowIds);
			const { items } = await runGenviral(
				env.fake,
				folder('getItems', { folderId: byId(f.id), returnAll: false, limit: 2 }),
			);
			expect(env.fake.requests[0].query).toEqual({ limit: '2', offset: '0' });
			expect(items.map((i) => i.json.title)).toEqual(['Slideshow 0', 'Slideshow 1']);
		});
	});

	describe('Add Items and Remove Items', () => {
		test('File IDs into an Upload folder: one GET of the folder, then the IDs (deduplicated)', async () => {
			const { fileIds } = seedMedia(env.fake, { files: 2 });
			const f = seed();
			const { items, error } = await runGenviral(
				env.fake,
				folder('addItems', {
					folderId: byId(f.id),
					itemType: 'file',
					itemIds: `${fileIds[0]}, ${fileIds[1].toUpperCase()},${fileIds[0]}`,
				}),
			);
			expect(error).toBeUndefined();
			expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
				`GET /folders/${f.id}`,
				`POST /folders/${f.id}/items`,
			]);
			expect(env.fake.requests[1].body).toEqual({ item_ids: fileIds });
			expect(items[0].json).toEqual({ folder_id: f.id, item_type: 'file', added_count: 2 });
			expect(env.fake.modules.folders.itemIdsOf(f.id)).toEqual(fileIds);
		});

		test('IDs as a list from an expression', async () => {
			const { slideshowIds } = seedMedia(env.fake, { slideshows: 2 });
			const f = seed({ media_type: 'slideshow' });
			await runGenviral(
				env.fake,
				folder('addItems', {
					folderId: byId(f.id),
					itemType: 'slideshow',
					itemIds: '={{ $json.ids }}',
				}),
				{
					items: [{ json: { ids: slideshowIds } }],
				},
			);
			expect(env.fake.requests[1].body).toEqual({ item_ids: slideshowIds });
		});

		test.each([
			[
				'slideshow',
				'upload',
				'Item Type is "Slideshow IDs" but folder {id} has media type Upload and holds file IDs: give file IDs with Item Type "File IDs", or pick a Slideshow folder [item 0]',
			],
			[
				'file',
				'slideshow',
				'Item Type is "File IDs" but folder {id} has media type Slideshow and holds slideshow IDs: give slideshow IDs with Item Type "Slideshow IDs", or pick an Upload, AI Image or AI Video folder [item 0]',
			],
			['file', 'ai_video', undefined],
		])('Item Type %s with a %s folder', async (itemType, mediaType, message) => {
			const { fileIds } = seedMedia(env.fake, { files: 1 });
			const f = seed({ media_type: mediaType });
			for (const operation of ['addItems', 'removeItems']) {
				env.fake.requests.length = 0;
				if (operation === 'removeItems') env.fake.modules.folders.seedItems(f.id, fileIds);
				const { error } = await runGenviral(
					env.fake,
					folder(operation, { folderId: byId(f.id), itemType, itemIds: fileIds[0] }),
				);
				if (message === undefined) {
					expect(error).toBeUndefined();
					expect(env.fake.requests).toHaveLength(2);
				} else {
					expect(error?.name).toBe('NodeOperationError');
					expect(error?.message).toBe(message.replace('{id}', f.id));
					// Only the folder was read: nothing was added or removed.
					expect(env.fake.requests.map((r) => r.method)).toEqual(['GET']);
				}
			}
		});

		test('Either (No Check): no GET; a wrong-kind ID is 404 item_not_found from Genviral', async () => {
			const { slideshowIds } = seedMedia(env.fake, { slideshows: 1 });
			const f = seed({ media_type: 'upload' });
			const { error } = await runGenviral(
				env.fake,
				folder('addItems', { folderId: byId(f.id), itemType: 'any', itemIds: slideshowIds[0] }),
			);
			expect(env.fake.requests.map((r) => r.method)).toEqual(['POST']);
			expect(httpCode(error)).toBe('404');
			expect(error?.context.errorCode).toBe('item_not_found');
		});

		test.each([
			['={{ [] }}', 'Item Names or IDs needs at least 1 (got 0) [item 0]'],
			[
				'abc',
				'Item Names or IDs contains "abc", which is not an ID like 0a0a0a0a-0000-4000-8000-00000000a001 [item 0]',
			],
			[
				Array.from({ length: 201 }, () => randomUUID()).join(','),
				'Item Names or IDs takes at most 200 (got 201) [item 0]',
			],
			['={{ { "id": 1 } }}', /^Item Names or IDs must be a list/],
		])('Item IDs %#: refused before sending', async (itemIds, message) => {
			const f = seed();
			const { error } = await runGenviral(
				env.fake,
				folder('removeItems', { folderId: byId(f.id), itemType: 'any', itemIds }),
			);
			expect(env.fake.requests).toHaveLength(0);
			if (typeof message === 'string') expect(error?.message).toBe(message);
			else expect(error?.message).toMatch(message);
		});

		test('Remove Items: a JSON body on DELETE; the items stay where else they are', async () => {
			const { fileIds } = seedMedia(env.fake, { files: 3 });
			const f = seed();
			env.fake.modules.folders.seedItems(f.id, fileIds);
			const { items } = await runGenviral(
				env.fake,
				folder('removeItems', {
					folderId: byId(f.id),
					itemType: 'any',
					itemIds: fileIds.slice(0, 2).join(','),
				}),
			);
			expect(env.fake.requests[0]).toMatchObject({
				method: 'DELETE',
				path: `/folders/${f.id}/items`,
				body: { item_ids: fileIds.slice(0, 2) },
			});
			expect(items[0].json).toEqual({ folder_id: f.id, item_type: 'file', removed_count: 2 });
			expect(env.fake.modules.folders.itemIdsOf(f.id)).toEqual([fileIds[2]]);
		});

		test('Remove Items is never retried after a 500; Add Items is', async () => {
			const { fileIds } = seedMedia(env.fake, { files: 1 });
			const f = seed();
			env.fake.inject('POST /folders/{folderId}/items', serverError(500));
			const added = await runGenviral(
				env.fake,
				folder('addItems', {
					folderId: byId(f.id),
					itemType: 'any',
					itemIds: fileIds[0],
					options: FAST,
				}),
			);
			expect(added.error).toBeUndefined();
			expect(env.fake.requestsTo('POST /folders/{folderId}/items')).toHaveLength(2);
			for (const fault of [serverError(500), { kind: 'reset' as const }]) {
				env.fake.requests.length = 0;
				env.fake.inject('DELETE /folders/{folderId}/items', fault);
				await runGenviral(
					env.fake,
					folder('removeItems', {
						folderId: byId(f.id),
						itemType: 'any',
						itemIds: fileIds[0],
						options: FAST,
					}),
				);
				expect(env.fake.requests).toHaveLength(1);
			}
		});
	});
});

describe('the Folder picker (searchFolders)', () => {
	const env = useFakeGenviral();
	const credentials = () => ({
		genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl },
	});
	type Page = { results: Array<{ name: string; value: string }>; paginationToken?: string };
	const search = async (
		options: { filter?: string; paginationToken?: string; parameters?: INodeParameters } = {},
	) =>
		(await callNodeMethod('listSearch', 'searchFolders', {
			credentials: credentials(),
			...options,
		})) as Page;

	test('walks every media type and the sub-folders, labelled with their path and media type', async () => {
		const clients = env.fake.modules.folders.seed({ name: 'Clients' });
		const acme = env.fake.modules.folders.seed({ name: 'Acme', parent_folder_id: clients.id });
		const shows = env.fake.modules.folders.seed({ name: 'Shows', media_type: 'slideshow' });
		const page = await search();
		expect(page).toEqual({
			results: [
				{ name: 'Shows · Slideshow', value: shows.id },
				{ name: 'Clients · Upload', value: clients.id },
				{ name: 'Clients / Acme · Upload', value: acme.id },
			],
		});
		// Four media types, then the one folder with sub-folders.
		expect(env.fake.requests.map((r) => r.query.media_type)).toEqual([
			'ai_image',
			'ai_video',
			'slideshow',
			'upload',
			'upload',
		]);
	});

	test("the filter matches the path; the operation's Media Type narrows the walk", async () => {
		const clients = env.fake.modules.folders.seed({ name: 'Clients' });
		const acme = env.fake.modules.folders.seed({ name: 'Acme', parent_folder_id: clients.id });
		env.fake.modules.folders.seed({ name: 'Acme', media_type: 'slideshow' });
		const page = await search({
			filter: 'clients / ac',
			parameters: { resource: 'folder', operation: 'getMany', mediaType: 'upload' },
		});
		expect(page.results).toEqual([{ name: 'Clients / Acme · Upload', value: acme.id }]);
		expect(env.fake.requests.every((r) => r.query.media_type === 'upload')).toBe(true);
	});

	test('a large tree comes in pages, each call sending at most 10 requests', async () => {
		const roots = Array.from({ length: 30 }, (_v, i) =>
			env.fake.modules.folders.seed({ name: `R${String(i).padStart(2, '0')}` }),
		);
		for (const root of roots)
			env.fake.modules.folders.seed({ name: 'Sub', parent_folder_id: root.id });
		const seen: string[] = [];
		let token: string | undefined;
		let calls = 0;
		do {
			const before = env.fake.requests.length;
			const page = await search({
				paginationToken: token,
				parameters: { resource: 'folder', operation: 'create', mediaType: 'upload' },
			});
			expect(env.fake.requests.length - before).toBeLessThanOrEqual(10);
			seen.push(...page.results.map((r) => r.value));
			token = page.paginationToken;
			calls++;
		} while (token !== undefined && calls < 20);
		expect(token).toBeUndefined();
		expect(seen).toHaveLength(60);
		expect(new Set(seen).size).toBe(60);
	});
});
