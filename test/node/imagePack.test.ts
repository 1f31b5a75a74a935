/**
 * Image Pack operations in the real engine against the fake API: exact requests and outputs,
 * own vs public packs, Add Image from a URL or a binary file with Wait for Metadata (progress
 * by the clock), bad input refused before any request, the picker.
 */
import type { INodeParameters } from 'n8n-workflow';

import { tinyPng } from '../fake-genviral/media';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { callNodeMethod } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const OTHER_SCOPE_TOKEN = 'gva_live_9f9f9f.personal-secret';
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

describe('Image Pack operations', () => {
	const env = useFakeGenviral();
	const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
	const run = (parameters: INodeParameters, options: Parameters<typeof runGenviral>[2] = {}) =>
		runGenviral(env.fake, { resource: 'imagePack', ...parameters }, options);
	const seedPack = (options: Parameters<typeof env.fake.modules.packs.seedPack>[1] = {}) =>
		env.fake.modules.packs.seedPack(scope(), options).id as string;

	test('Create: name and public flag in the body; the empty pack as output', async () => {
		const { items } = await run({
			operation: 'create',
			name: 'Beach',
			additionalFields: { isPublic: true },
		});
		expect(env.fake.requests[0].body).toEqual({ name: 'Beach', is_public: true });
		expect(items[0].json).toMatchObject({
			name: 'Beach',
			is_public: true,
			image_count: 0,
			images: [],
		});
	});

	test('Create: a name over 120 characters is refused before any request', async () => {
		const { error } = await run({ operation: 'create', name: 'x'.repeat(121) });
		expect(error?.message).toContain('Name');
		expect(env.fake.requests).toHaveLength(0);
	});

	test('Get Many: own and public packs by default; Include Public Packs off sends include_public=false', async () => {
		seedPack({ name: 'Mine' });
		env.fake.modules.packs.seedPack(env.fake.scopeOf(OTHER_SCOPE_TOKEN), {
			name: 'Shared',
			is_public: true,
		});
		env.fake.modules.packs.seedPack(env.fake.scopeOf(OTHER_SCOPE_TOKEN), { name: 'Hidden' });
		const all = await run({ operation: 'getMany', returnAll: true });
		expect(all.items.map((i) => i.json.name)).toEqual(['Shared', 'Mine']);
		expect(env.fake.requests[0].query).toEqual({
			include_public: 'true',
			limit: '100',
			offset: '0',
		});
		const own = await run({
			operation: 'getMany',
			returnAll: true,
			includePublic: false,
			filters: { search: 'mi' },
		});
		expect(env.fake.requests[1].query).toEqual({
			include_public: 'false',
			search: 'mi',
			limit: '100',
			offset: '0',
		});
		expect(own.items.map((i) => i.json.name)).toEqual(['Mine']);
	});

	test('Get: a public pack of another scope is readable; Update of it is 404', async () => {
		const shared = env.fake.modules.packs.seedPack(env.fake.scopeOf(OTHER_SCOPE_TOKEN), {
			name: 'Shared',
			is_public: true,
			images: [{ url: 'https://x.org/a.jpg' }],
		});
		const { items } = await run({ operation: 'get', packId: rl(shared.id as string) });
		expect(items[0].json).toMatchObject({
			name: 'Shared',
			image_count: 1,
			images: [{ url: 'https://x.org/a.jpg', metadata: { status: 'completed' } }],
		});
		const { error } = await run({
			operation: 'update',
			packId: rl(shared.id as string),
			updateFields: { name: 'Mine now' },
		});
		expect(error?.context.errorCode).toBe('not_found');
	});

	test('Update: only the fields given; nothing to update is refused before any request', async () => {
		const id = seedPack({ name: 'Old' });
		const { items } = await run({
			operation: 'update',
			packId: rl(id),
			updateFields: { name: 'New' },
		});
		expect(env.fake.requests[0]).toMatchObject({
			method: 'PATCH',
			path: `/packs/${id}`,
			body: { name: 'New' },
		});
		expect(items[0].json).toMatchObject({ id, name: 'New' });
		const { error } = await run({ operation: 'update', packId: rl(id), updateFields: {} });
		expect(error?.message).toContain('Nothing to update');
		expect(env.fake.requests).toHaveLength(1);
	});

	test('Delete and Delete Image', async () => {
		const id = seedPack({ images: [{ url: 'https://x.org/a.jpg' }] });
		const imageId = (env.fake.modules.packs.find(scope(), id)!.images as Array<{ id: string }>)[0]
			.id;
		const removed = await run({ operation: 'deleteImage', packId: rl(id), imageId });
		expect(env.fake.requests[0]).toMatchObject({
			method: 'DELETE',
			path: `/packs/${id}/images/${imageId}`,
		});
		expect(removed.items[0].json).toEqual({ id: imageId, deleted: true });
		const again = await run({ operation: 'deleteImage', packId: rl(id), imageId });
		expect(again.error?.context.errorCode).toBe('image_not_found');
		const deleted = await run({ operation: 'delete', packId: rl(id) });
		expect(deleted.items[0].json).toEqual({ id, deleted: true });
		const gone = await run({ operation: 'deleteImage', packId: rl(id), imageId });
		expect(gone.error?.context.errorCode).toBe('pack_not_found');
	});

	test('Delete Image: an image ID that is not a UUID is refused before any request', async () => {
		const { error } = await run({
			operation: 'deleteImage',
			packId: rl(seedPack()),
			imageId: 'abc',
		});
		expect(error?.message).toContain('Image: Not a valid image ID (a UUID)');
		expect(env.fake.requests).toHaveLength(0);
	});

	describe('Add Image', () => {
		test('from a URL: image_url and file_name; the added image at once', async () => {
			const id = seedPack();
			const { items } = await run({
				operation: 'addImage',
				packId: rl(id),
				imageUrl: 'https://cdn.example.org/bg.webp',
				additionalFields: { fileName: 'bg.webp' },
			});
			expect(env.fake.requests.map((r) => [r.method, r.path, r.body])).toEqual([
				[
					'POST',
					`/packs/${id}/images`,
					{ image_url: 'https://cdn.example.org/bg.webp', file_name: 'bg.webp' },
				],
			]);
			expect(items[0].json).toMatchObject({
				url: 'https://cdn.example.org/bg.webp',
				file_name: 'bg.webp',
				content_type: 'image/webp',
			});
		});

		test('Wait for Metadata: re-reads the pack until completed, by the clock', async () => {
			env.fake.modules.packs.metadataStepMs = 150;
			const id = seedPack();
			const { items, error } = await run({
				operation: 'addImage',
				packId: rl(id),
				imageUrl: 'https://cdn.example.org/a.jpg',
				waitForMetadata: true,
				pollInterval: 0.1,
				maxWait: 10,
			});
			expect(error).toBeUndefined();
			expect(env.fake.requestsTo('POST /packs/{packId}/images')).toHaveLength(1);
			const reads = env.fake.requestsTo('GET /packs/{packId}');
			expect(reads.length).toBeGreaterThanOrEqual(3);
			expect(reads.length).toBeLessThanOrEqual(6);
			expect(items[0].json).toMatchObject({
				url: 'https://cdn.example.org/a.jpg',
				content_type: 'image/jpeg',
				metadata: { status: 'completed', description: expect.any(String) },
			});
		});

		test('Wait for Metadata: failed metadata is returned, not an error (the image is in the pack)', async () => {
			env.fake.modules.packs.metadataStepMs = 50;
			env.fake.modules.packs.metadataOutcome = () => 'failed';
			const { items, error } = await run({
				operation: 'addImage',
				packId: rl(seedPack()),
				imageUrl: 'https://cdn.example.org/a.jpg',
				waitForMetadata: true,
				pollInterval: 0.05,
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				metadata: { status: 'failed', error: expect.any(String) },
			});
		});

		test('Wait for Metadata: Max Wait ends in an error naming the image and the pack', async () => {
			env.fake.modules.packs.metadataStepMs = 60_000;
			const id = seedPack();
			const started = Date.now();
			const { error } = await run({
				operation: 'addImage',
				packId: rl(id),
				imageUrl: 'https://cdn.example.org/a.jpg',
				waitForMetadata: true,
				pollInterval: 0.2,
				maxWait: 1,
			});
			expect(Date.now() - started).toBeLessThan(5000);
			const imageId = (env.fake.modules.packs.find(scope(), id)!.images as Array<{ id: string }>)[0]
				.id;
			expect(error?.message).toContain(imageId);
			expect(error?.message).toContain('did not finish within 1 s');
			expect(error?.description).toContain(id);
			expect(env.fake.requestsTo('POST /packs/{packId}/images')).toHaveLength(1);
		});

		test('adding is not re-sent after a 500 (a second one would add the image twice)', async () => {
			env.fake.inject('POST /packs/{packId}/images', {
				kind: 'error',
				status: 500,
				error_code: 'pack_image_add_failed',
			});
			const { error } = await run({
				operation: 'addImage',
				packId: rl(seedPack()),
				imageUrl: 'https://cdn.example.org/a.jpg',
				options: { retryDelay: 1 },
			});
			expect(error?.context.errorCode).toBe('pack_image_add_failed');
			expect(env.fake.requestsTo('POST /packs/{packId}/images')).toHaveLength(1);
		});

		test('from a binary file: uploaded first (no token to storage), then added by its URL', async () => {
			const id = seedPack();
			const png = tinyPng(1, 2, 3);
			const { items, error } = await run(
				{ operation: 'addImage', packId: rl(id), source: 'binary', binaryPropertyName: 'photo' },
				{
					items: [
						{
							json: {},
							binary: {
								photo: {
									data: png.toString('base64'),
									mimeType: 'image/png',
									fileName: 'beach.png',
								},
							},
						},
					],
				},
			);
			expect(error).toBeUndefined();
			const [upload] = env.fake.storage.requests.filter((r) => r.method === 'PUT');
			expect(upload.headers.authorization).toBeUndefined();
			expect(upload.body?.equals(png)).toBe(true);
			const added = env.fake.requestsTo('POST /packs/{packId}/images')[0].body as {
				image_url: string;
				file_name: string;
			};
			expect(added.image_url.startsWith(env.fake.storage.origin)).toBe(true);
			expect(added.file_name).toBe('beach.png');
			expect(items[0].json).toMatchObject({ url: added.image_url, content_type: 'image/png' });
		});

		test('from a binary file: a video or a missing field is refused before any request', async () => {
			const id = seedPack();
			const video = await run(
				{ operation: 'addImage', packId: rl(id), source: 'binary' },
				{
					items: [
						{
							json: {},
							binary: {
								data: {
									data: Buffer.from('x').toString('base64'),
									mimeType: 'video/mp4',
									fileName: 'a.mp4',
								},
							},
						},
					],
				},
			);
			expect(video.error?.message).toContain('images only');
			const missing = await run({
				operation: 'addImage',
				packId: rl(id),
				source: 'binary',
				binaryPropertyName: 'nothing',
			});
			expect(missing.error?.message).toMatch(/nothing/);
			expect(env.fake.requests).toHaveLength(0);
			expect(env.fake.storage.requests).toHaveLength(0);
		});

		test('a URL that is not http(s) is refused before any request', async () => {
			const { error } = await run({
				operation: 'addImage',
				packId: rl(seedPack()),
				imageUrl: 'file:///etc/passwd',
			});
			expect(error?.message).toContain('Image URL');
			expect(env.fake.requests).toHaveLength(0);
		});
	});

	test('picker: own and public packs, searched by name on the server, labelled with image count', async () => {
		seedPack({ name: 'Beach', images: [{ url: 'https://x.org/a.jpg' }] });
		env.fake.modules.packs.seedPack(env.fake.scopeOf(OTHER_SCOPE_TOKEN), {
			name: 'Beach public',
			is_public: true,
		});
		seedPack({ name: 'City' });
		const credentials = { genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl } };
		const result = (await callNodeMethod('listSearch', 'searchImagePacks', {
			credentials,
			filter: 'beach',
		})) as { results: Array<{ name: string; value: string }>; paginationToken?: string };
		expect(result.results.map((r) => r.name)).toEqual([
			'Beach public · 0 images · public',
			'Beach · 1 image',
		]);
		expect(result.paginationToken).toBeUndefined();
		expect(env.fake.requests[0].query).toEqual({ search: 'beach', limit: '50', offset: '0' });
	});
});
