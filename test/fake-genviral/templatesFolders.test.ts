/**
 * The fake's templates and folders routes, spoken to directly over HTTP: the rules the node's
 * engine tests rely on (reference sections 6 and 9).
 */
import { randomUUID } from 'node:crypto';

import { useFakeGenviral } from '../harness/fixtures';
import { sampleTemplateConfig } from './resources/templates';
import { DEFAULT_TOKEN } from './server';

const PERSONAL_TOKEN = 'gva_live_9f9f9f.personal-secret';

describe('fake Genviral: templates and folders', () => {
	const env = useFakeGenviral();

	async function call(method: string, path: string, body?: unknown, token = DEFAULT_TOKEN) {
		const response = await fetch(`${env.fake.baseUrl}${path}`, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		return { status: response.status, json: (await response.json()) as Record<string, any> };
	}

	describe('templates', () => {
		test('create, read, list with search and paging, update, delete', async () => {
			const created = await call('POST', '/templates', {
				name: '  Hooks  ',
				config: sampleTemplateConfig(2),
			});
			expect(created.status).toBe(201);
			expect(created.json).toMatchObject({ ok: true, code: 201, message: 'Template created' });
			expect(created.json.data).toMatchObject({
				name: 'Hooks',
				description: null,
				visibility: 'private',
				is_owner: true,
				use_count: 0,
			});
			expect(Object.keys(created.json.data).sort()).toEqual(
				[
					'config',
					'created_at',
					'description',
					'id',
					'is_owner',
					'last_used_at',
					'name',
					'preview_url',
					'updated_at',
					'use_count',
					'visibility',
				].sort(),
			);
			const id = created.json.data.id as string;
			for (let i = 0; i < 3; i++)
				await call('POST', '/templates', { name: `Other ${i}`, config: sampleTemplateConfig() });

			expect((await call('GET', `/templates/${id}`)).json.data.name).toBe('Hooks');
			const searched = await call('GET', '/templates?search=oTHer&limit=2&offset=1');
			expect(searched.json.data).toMatchObject({ total: 3, limit: 2, offset: 1 });
			expect(searched.json.data.templates).toHaveLength(2);
			expect((await call('GET', '/templates?limit=0')).json).toMatchObject({
				code: 422,
				error_code: 'invalid_query',
			});

			const updated = await call('PATCH', `/templates/${id}`, {
				description: 'x',
				visibility: 'workspace',
			});
			expect(updated.json.data).toMatchObject({ description: 'x', visibility: 'workspace' });
			expect(
				(await call('PATCH', `/templates/${id}`, { description: null })).json.data.description,
			).toBeNull();
			expect((await call('PATCH', `/templates/${id}`, {})).json).toMatchObject({
				code: 422,
				error_code: 'invalid_payload',
			});
			expect((await call('PATCH', `/templates/${id}`, { name: 'Other 1' })).json).toMatchObject({
				code: 409,
				error_code: 'template_name_conflict',
			});

			expect((await call('DELETE', `/templates/${id}`)).json).toMatchObject({
				code: 200,
				data: { id, deleted: true },
			});
			expect((await call('GET', `/templates/${id}`)).json).toMatchObject({
				code: 404,
				error_code: 'not_found',
			});
		});

		test('config v1: version and slide count, then the rest of the schema', async () => {
			const bad = async (config: unknown) =>
				(await call('POST', '/templates', { name: randomUUID(), config })).json;
			expect(await bad({ ...sampleTemplateConfig(), version: 2 })).toMatchObject({
				code: 422,
				error_code: 'invalid_template_config',
			});
			expect(await bad(sampleTemplateConfig(11))).toMatchObject({
				code: 422,
				error_code: 'invalid_template_config',
			});
			const empty = sampleTemplateConfig();
			(empty.structure as { slides: unknown[] }).slides = [];
			expect(await bad(empty)).toMatchObject({ error_code: 'invalid_template_config' });
			expect(
				await bad({ ...sampleTemplateConfig(), visuals: { aspectRatio: '16:9' } }),
			).toMatchObject({ error_code: 'invalid_template_config' });
			expect((await call('POST', '/templates', { name: 'n' })).json).toMatchObject({
				code: 422,
				error_code: 'invalid_payload',
			});
			expect((await call('POST', '/templates', '{nope')).json).toMatchObject({
				code: 400,
				error_code: 'invalid_json',
			});
			expect(
				(
					await call('POST', '/templates', {
						name: 'n',
						visibility: 'public',
						config: sampleTemplateConfig(),
					})
				).json,
			).toMatchObject({
				error_code: 'invalid_payload',
			});
			expect(
				(
					await call(
						'POST',
						'/templates',
						{ name: 'n', visibility: 'workspace', config: sampleTemplateConfig() },
						PERSONAL_TOKEN,
					)
				).json,
			).toMatchObject({ code: 422 });
		});

		test('readable but not yours: forbidden_template; another scope: not_found', async () => {
			const publicOne = env.fake.modules.templates.seed({
				visibility: 'public',
				scope: 'elsewhere',
				ownerUserId: randomUUID(),
			});
			const colleagues = env.fake.modules.templates.seed({
				visibility: 'workspace',
				ownerUserId: randomUUID(),
			});
			const personal = env.fake.modules.templates.seed({ scope: env.fake.scopeOf(PERSONAL_TOKEN) });
			expect((await call('GET', `/templates/${publicOne.id}`)).json.data.is_owner).toBe(false);
			for (const t of [publicOne, colleagues]) {
				expect((await call('PATCH', `/templates/${t.id}`, { name: 'mine' })).json).toMatchObject({
					code: 403,
					error_code: 'forbidden_template',
				});
				expect((await call('DELETE', `/templates/${t.id}`)).json).toMatchObject({
					code: 403,
					error_code: 'forbidden_template',
				});
			}
			expect((await call('GET', `/templates/${personal.id}`)).json).toMatchObject({
				code: 404,
				error_code: 'not_found',
			});
			expect((await call('GET', '/templates')).json.data.total).toBe(2);
		});

		test('from a slideshow: looked up in scope, converted, named automatically', async () => {
			const slideshowId = randomUUID();
			env.fake.modules.templates.slideshowLookup = (scope, id) =>
				scope === env.fake.scopeOf(DEFAULT_TOKEN) && id === slideshowId
					? {
							id,
							title: 'Three habits',
							slides: [
								{
									image_url: 'https://cdn.example.org/0.jpg',
									text_elements: [{ content: 'Habit one', x: 50, y: 30 }],
								},
							],
						}
					: undefined;
			const first = await call('POST', `/templates/from-slideshow/${slideshowId}`, {});
			expect(first.status).toBe(201);
			expect(first.json.data).toMatchObject({
				name: 'Three habits template',
				visibility: 'private',
			});
			expect(first.json.data.config.structure.slides[0].textElements[0].content).toBe('Habit one');
			const second = await call('POST', `/templates/from-slideshow/${slideshowId}`, {
				preserve_text: false,
			});
			expect(second.json.data.name).toBe('Three habits template (2)');
			expect(second.json.data.config.structure.slides[0].textElements[0].content).toBe('');
			expect(
				(
					await call('POST', `/templates/from-slideshow/${slideshowId}`, {
						name: 'Three habits template',
					})
				).json,
			).toMatchObject({
				code: 409,
				error_code: 'template_name_conflict',
			});
			expect(
				(await call('POST', `/templates/from-slideshow/${randomUUID()}`, {})).json,
			).toMatchObject({ code: 404, error_code: 'slideshow_not_found' });
			expect(
				(await call('POST', `/templates/from-slideshow/${slideshowId}`, '{')).json,
			).toMatchObject({ code: 400, error_code: 'invalid_json' });
			expect(
				(await call('POST', `/templates/from-slideshow/${slideshowId}`, { preserve_text: 'yes' }))
					.json,
			).toMatchObject({ error_code: 'invalid_payload' });

			const tooLong = randomUUID();
			env.fake.modules.templates.slideshowLookup = (_scope, id) =>
				id === tooLong
					? { id, slides: Array.from({ length: 11 }, () => ({ text_elements: [] })) }
					: undefined;
			expect((await call('POST', `/templates/from-slideshow/${tooLong}`, {})).json).toMatchObject({
				code: 422,
				error_code: 'invalid_template_config',
			});
		});
	});

	describe('folders', () => {
		test('hierarchy: create, list a level with paging, path, ancestors', async () => {
			const root = (await call('POST', '/folders', { name: 'Root', media_type: 'upload' })).json;
			expect(root).toMatchObject({
				ok: true,
				code: 201,
				data: {
					name: 'Root',
					parent_folder_id: null,
					file_count: 0,
					subfolder_count: 0,
					preview_files: [],
				},
			});
			const rootId = root.data.id as string;
			const child = (
				await call('POST', '/folders', {
					name: 'Child',
					media_type: 'upload',
					parent_folder_id: rootId,
				})
			).json.data;
			const grandchild = (
				await call('POST', '/folders', {
					name: 'Grandchild',
					media_type: 'upload',
					parent_folder_id: child.id,
				})
			).json.data;
			expect(grandchild.path).toBe(`/${rootId}/${child.id}/${grandchild.id}`);
			expect(
				(
					await call('POST', '/folders', {
						name: 'Child',
						media_type: 'upload',
						parent_folder_id: rootId,
					})
				).json,
			).toMatchObject({
				code: 409,
				error_code: 'folder_name_conflict',
			});
			expect(
				(
					await call('POST', '/folders', {
						name: 'Child',
						media_type: 'slideshow',
						parent_folder_id: rootId,
					})
				).json.code,
			).toBe(422);

			const ancestors = (await call('GET', `/folders/${grandchild.id}/ancestors`)).json.data
				.ancestors;
			expect(ancestors).toEqual([
				{ id: rootId, name: 'Root', parent_folder_id: null, depth: 0 },
				{ id: child.id, name: 'Child', parent_folder_id: rootId, depth: 1 },
			]);
			expect((await call('GET', `/folders/${rootId}`)).json.data.subfolder_count).toBe(1);
			expect((await call('GET', '/folders?media_type=upload')).json.data).toMatchObject({
				total: 1,
				limit: 50,
				offset: 0,
			});
			expect(
				(await call('GET', `/folders?media_type=upload&parent_folder_id=${rootId}`)).json.data
					.folders[0].id,
			).toBe(child.id);
			expect((await call('GET', '/folders?media_type=slideshow')).json.data.total).toBe(0);
			expect((await call('GET', '/folders')).json).toMatchObject({
				code: 400,
				error_code: 'invalid_query_parameter',
			});
			expect((await call('GET', '/folders?media_type=upload&limit=101')).json).toMatchObject({
				code: 400,
				error_code: 'invalid_query_parameter',
			});
		});

		test('move: root and back, cycles and name clashes are conflicts', async () => {
			const a = env.fake.modules.folders.seed({ name: 'A' });
			const b = env.fake.modules.folders.seed({ name: 'B', parent_folder_id: a.id });
			const c = env.fake.modules.folders.seed({ name: 'C', parent_folder_id: b.id });
			env.fake.modules.folders.seed({ name: 'C' });
			expect(
				(await call('PATCH', `/folders/${a.id}`, { parent_folder_id: c.id })).json,
			).toMatchObject({ code: 409, error_code: 'folder_move_conflict' });
			expect(
				(await call('PATCH', `/folders/${a.id}`, { parent_folder_id: a.id })).json,
			).toMatchObject({ code: 409, error_code: 'folder_move_conflict' });
			expect(
				(await call('PATCH', `/folders/${c.id}`, { parent_folder_id: null })).json,
			).toMatchObject({ code: 409, error_code: 'folder_move_conflict' });
			const moved = await call('PATCH', `/folders/${b.id}`, { parent_folder_id: null });
			expect(moved.json).toMatchObject({
				code: 200,
				message: 'Folder updated',
				data: { parent_folder_id: null, path: `/${b.id}` },
			});
			expect((await call('PATCH', `/folders/${b.id}`, {})).json).toMatchObject({
				code: 422,
				error_code: 'invalid_payload',
			});
			expect((await call('PATCH', `/folders/${b.id}`, '{')).json).toMatchObject({
				code: 400,
				error_code: 'invalid_json',
			});
			expect(
				(await call('PATCH', `/folders/${b.id}`, { parent_folder_id: randomUUID() })).json,
			).toMatchObject({ code: 404, error_code: 'not_found' });
			expect(
				(await call('PATCH', '/folders/not-a-uuid', { parent_folder_id: null })).json,
			).toMatchObject({ code: 422, error_code: 'invalid_path' });
		});

		test('items: file ids in file folders, slideshow ids in slideshow folders; delete cascades', async () => {
			const files = new Map<string, Record<string, unknown>>(
				[randomUUID(), randomUUID()].map((id, i) => [
					id,
					{
						id,
						url: `https://cdn.example.org/${i}.png`,
						contentType: 'image/png',
						filename: `${i}.png`,
						size: 10,
						createdAt: '2026-01-01T00:00:00.000Z',
					},
				]),
			);
			const slideshowId = randomUUID();
			env.fake.modules.folders.fileLookup = (_scope, id) => files.get(id);
			env.fake.modules.folders.slideshowLookup = (_scope, id) =>
				id === slideshowId ? { id, title: 'S' } : undefined;
			const uploads = env.fake.modules.folders.seed({ media_type: 'upload' });
			const sub = env.fake.modules.folders.seed({ parent_folder_id: uploads.id });
			const shows = env.fake.modules.folders.seed({ media_type: 'slideshow' });
			const [f1, f2] = [...files.keys()];

			const added = await call('POST', `/folders/${uploads.id}/items`, { item_ids: [f1, f2, f1] });
			expect(added.json).toMatchObject({
				code: 200,
				message: 'Folder items added',
				data: { folder_id: uploads.id, item_type: 'file', added_count: 2 },
			});
			expect(
				(await call('POST', `/folders/${uploads.id}/items`, { item_ids: [slideshowId] })).json,
			).toMatchObject({ code: 404, error_code: 'item_not_found' });
			expect(
				(await call('POST', `/folders/${shows.id}/items`, { item_ids: [f1] })).json,
			).toMatchObject({ code: 404, error_code: 'item_not_found' });
			expect(
				(await call('POST', `/folders/${shows.id}/items`, { item_ids: [slideshowId] })).json.data,
			).toMatchObject({ item_type: 'slideshow', added_count: 1 });
			expect(
				(await call('POST', `/folders/${shows.id}/items`, { item_ids: [] })).json,
			).toMatchObject({ code: 422, error_code: 'invalid_payload' });

			const listed = (await call('GET', `/folders/${uploads.id}/items?limit=1&offset=1`)).json.data;
			expect(listed).toMatchObject({
				media_type: 'upload',
				item_type: 'file',
				total: 2,
				limit: 1,
				offset: 1,
			});
			expect(listed.items[0]).toMatchObject({
				id: f2,
				content_type: 'image/png',
				filename: '1.png',
				created_at: '2026-01-01T00:00:00.000Z',
			});
			expect((await call('GET', `/folders/${uploads.id}`)).json.data).toMatchObject({
				file_count: 2,
				preview_files: [{ id: f1, content_type: 'image/png' }, { id: f2 }],
			});

			expect((await call('DELETE', `/folders/${uploads.id}/items`)).json).toMatchObject({
				code: 422,
				error_code: 'invalid_payload',
			});
			expect(
				(await call('DELETE', `/folders/${uploads.id}/items`, { item_ids: [slideshowId] })).json,
			).toMatchObject({ code: 404, error_code: 'item_not_found' });
			expect(
				(await call('DELETE', `/folders/${uploads.id}/items`, { item_ids: [f1] })).json.data,
			).toMatchObject({ removed_count: 1, item_type: 'file' });

			expect((await call('DELETE', `/folders/${uploads.id}`)).json).toMatchObject({
				code: 200,
				data: { id: uploads.id, deleted: true },
			});
			expect((await call('GET', `/folders/${sub.id}`)).json).toMatchObject({
				code: 404,
				error_code: 'not_found',
			});
			expect(files.size).toBe(2);
		});

		test('scope isolation and unsupported media types', async () => {
			const personal = env.fake.modules.folders.seed({ scope: env.fake.scopeOf(PERSONAL_TOKEN) });
			expect((await call('GET', `/folders/${personal.id}`)).json).toMatchObject({
				code: 404,
				error_code: 'not_found',
			});
			expect(
				(await call('GET', `/folders/${personal.id}`, undefined, PERSONAL_TOKEN)).json.code,
			).toBe(200);
			const legacy = env.fake.modules.folders.seed({ media_type: 'brand_kit' });
			for (const [method, path, body] of [
				['GET', `/folders/${legacy.id}`],
				['GET', `/folders/${legacy.id}/items`],
				['PATCH', `/folders/${legacy.id}`, { parent_folder_id: null }],
			] as const) {
				expect((await call(method, path, body)).json).toMatchObject({
					code: 422,
					error_code: 'invalid_folder_media_type',
				});
			}
			expect(
				env.fake.modules.folders.find(env.fake.scopeOf(DEFAULT_TOKEN), legacy.id),
			).toMatchObject({ id: legacy.id });
			expect(
				env.fake.modules.folders.find(env.fake.scopeOf(DEFAULT_TOKEN), personal.id),
			).toBeUndefined();
		});
	});
});
