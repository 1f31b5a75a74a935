/**
 * The pickers of every ID field (issue 17 point 4), called as the editor calls them (n8n-core's
 * LoadOptionsContext) against the fake, and the operations run in the engine with what the
 * pickers give: a locator `{ __rl, mode: 'list' }`, a list of ticked IDs, and, as before, IDs by
 * expression (one, a list, comma text) with the same checks.
 */
import { randomUUID } from 'node:crypto';

import type { INodeListSearchResult, INodeParameters, INodePropertyOptions } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { callNodeMethod } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
const credentials = () => ({ genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl } });
const seedPost = (fields: Parameters<typeof env.fake.modules.posts.seedPost>[1] = {}) =>
	env.fake.modules.posts.seedPost(scope(), fields);
const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });

async function search(
	method: string,
	options: { filter?: string; paginationToken?: string; parameters?: INodeParameters } = {},
) {
	return (await callNodeMethod('listSearch', method, {
		credentials: credentials(),
		...options,
	})) as INodeListSearchResult;
}

async function load(method: string, parameters: INodeParameters = {}) {
	return (await callNodeMethod('loadOptions', method, {
		credentials: credentials(),
		parameters,
	})) as INodePropertyOptions[];
}

describe('Post picker (searchPosts)', () => {
	test('newest first, labelled caption excerpt · status · date (in the workflow time zone; a scheduled post by its time)', async () => {
		const older = seedPost({
			caption: 'Morning   routine\npart 1',
			status: 'posted',
			created_at: '2026-03-01T18:00:00.000Z',
		});
		const scheduled = seedPost({
			caption:
				'A caption long enough to be cut short in the picker because it goes on and on and on',
			status: 'scheduled',
			created_at: '2026-03-02T09:00:00.000Z',
			scheduled_at: '2026-03-10T15:30:00.000Z',
		});
		const blank = seedPost({
			caption: '',
			status: 'draft',
			created_at: '2026-03-03T09:00:00.000Z',
		});
		const page = await search('searchPosts');
		expect(page).toEqual({
			results: [
				// The test workflows run in n8n's default time zone, America/New_York.
				{ name: '(No caption) · draft · 2026-03-03 04:00', value: blank.id },
				{
					name: 'A caption long enough to be cut short in the picker because… · scheduled · 2026-03-10 11:30',
					value: scheduled.id,
				},
				{ name: 'Morning routine part 1 · posted · 2026-03-01 13:00', value: older.id },
			],
		});
		expect(env.fake.requests.map((r) => r.query)).toEqual([{ limit: '100' }]);
	});

	test('pages by time window: the token ends the next page at the oldest instant shown, posts on it are not shown twice', async () => {
		const base = Date.parse('2026-01-01T00:00:00.000Z');
		// 99 posts a minute apart, then 3 on one instant that straddle the first page's end.
		const ids = Array.from(
			{ length: 99 },
			(_v, i) =>
				seedPost({
					caption: `Post ${i}`,
					created_at: new Date(base + (200 - i) * 60_000).toISOString(),
				}).id,
		);
		const boundary = '2026-01-01T00:10:00.000Z';
		ids.push(
			...Array.from(
				{ length: 3 },
				(_v, i) => seedPost({ caption: `Same instant ${i}`, created_at: boundary }).id,
			),
		);
		ids.push(seedPost({ caption: 'Oldest', created_at: '2025-12-31T00:00:00.000Z' }).id);

		const first = await search('searchPosts');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBeDefined();
		const second = await search('searchPosts', { paginationToken: first.paginationToken });
		expect(second.paginationToken).toBeUndefined();
		const shown = [...first.results, ...second.results].map((r) => r.value);
		expect(new Set(shown).size).toBe(shown.length);
		expect([...shown].sort()).toEqual([...ids].sort());
		expect(second.results.at(-1)?.name).toMatch(/^Oldest · posted · /);
		expect(env.fake.requests.map((r) => r.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', until: boundary },
		]);
	});

	test('the filter matches caption, status or a whole ID, over more pages until it has enough', async () => {
		const base = Date.parse('2026-02-01T00:00:00.000Z');
		const wanted = seedPost({
			caption: 'Launch day teaser',
			status: 'failed',
			created_at: new Date(base).toISOString(),
		});
		for (let i = 0; i < 150; i++)
			seedPost({
				caption: `Daily tip ${i}`,
				status: 'posted',
				created_at: new Date(base + (i + 1) * 60_000).toISOString(),
			});

		const byCaption = await search('searchPosts', { filter: 'LAUNCH' });
		expect(byCaption).toEqual({
			results: [
				{ name: expect.stringMatching(/^Launch day teaser · failed · /), value: wanted.id },
			],
		});
		// The match is on the second page: one call walked both.
		expect(env.fake.requests).toHaveLength(2);
		expect((await search('searchPosts', { filter: 'failed' })).results.map((r) => r.value)).toEqual(
			[wanted.id],
		);
		expect(
			(await search('searchPosts', { filter: wanted.id.toUpperCase() })).results.map(
				(r) => r.value,
			),
		).toEqual([wanted.id]);
	});

	test('Post → Get takes the picked post; By ID keeps the UUID check before any request', async () => {
		const post = seedPost({ status: 'posted' });
		const picked = await runGenviral(env.fake, {
			resource: 'post',
			operation: 'get',
			postId: rl(post.id),
		});
		expect(picked.error).toBeUndefined();
		expect(picked.items[0].json).toMatchObject({ id: post.id });
		expect(env.fake.requests.map((r) => r.path)).toEqual([`/posts/${post.id}`]);

		env.fake.requests.length = 0;
		const bad = await runGenviral(env.fake, {
			resource: 'post',
			operation: 'get',
			postId: rl('={{ "post-1" }}', 'id'),
		});
		expect(bad.error?.message).toBe('Post: Not a valid post ID (a UUID); got "post-1" [item 0]');
		// Left empty, n8n itself refuses to run the node; an expression that gives nothing is ours to refuse.
		const empty = await runGenviral(env.fake, {
			resource: 'post',
			operation: 'get',
			postId: rl('', 'list'),
		});
		expect(empty.error?.message).toContain('Parameter "Post" is required');
		const blank = await runGenviral(env.fake, {
			resource: 'post',
			operation: 'get',
			postId: rl('={{ "" }}', 'id'),
		});
		expect(blank.error?.message).toBe(
			'Post is required: pick one from the list or give its ID [item 0]',
		);
		expect(env.fake.requests).toHaveLength(0);
	});
});

describe('Post IDs of Retry and Delete (multi-post pickers)', () => {
	test('Retry lists the failed and partial posts, Delete the posts not published yet; newest first', async () => {
		const at = (minute: number) =>
			new Date(Date.parse('2026-03-01T00:00:00.000Z') + minute * 60_000).toISOString();
		const byStatus = Object.fromEntries(
			['draft', 'pending', 'scheduled', 'posted', 'failed', 'partial', 'retry'].map((status, i) => [
				status,
				seedPost({ status, caption: status, created_at: at(i) }).id,
			]),
		);
		const retryable = await load('getRetryablePosts');
		expect(retryable.map((o) => o.value)).toEqual([byStatus.partial, byStatus.failed]);
		expect(retryable[0].name).toMatch(/^partial · partial · 2026-02-28 19:05$/);
		expect(env.fake.requests.map((r) => r.query.status)).toEqual(['failed', 'partial']);

		const deletable = await load('getDeletablePosts');
		expect(deletable.map((o) => o.value)).toEqual([
			byStatus.retry,
			byStatus.failed,
			byStatus.scheduled,
			byStatus.pending,
			byStatus.draft,
		]);
	});

	test('Retry and Delete run with the ticked posts and accounts; comma text from an expression still works', async () => {
		const accounts = env.fake.modules.accounts.defaults(scope());
		const failed = seedPost({
			status: 'failed',
			accounts: [{ id: accounts.tiktok.id, status: 'failed' }],
		});
		const retried = await runGenviral(env.fake, {
			resource: 'post',
			operation: 'retry',
			postIds: [failed.id],
			retryAccountIds: [accounts.tiktok.id.toUpperCase()],
		});
		expect(retried.error).toBeUndefined();
		expect(env.fake.requestsTo('POST /posts/retry')[0].body).toEqual({
			post_ids: [failed.id],
			account_ids: [accounts.tiktok.id],
		});

		const drafts = [seedPost({ status: 'draft' }).id, seedPost({ status: 'draft' }).id];
		const deleted = await runGenviral(env.fake, {
			resource: 'post',
			operation: 'delete',
			postIds: `={{ "${drafts.join(', ')}" }}`,
		});
		expect(deleted.items.map((i) => i.json)).toEqual(
			drafts.map((id) => ({ deleted: true, id, outcome: 'deleted' })),
		);
	});

	test('the same checks as before: a non-ID and an empty pick are refused before any request', async () => {
		const notAnId = await runGenviral(env.fake, {
			resource: 'post',
			operation: 'delete',
			postIds: ['abc'],
		});
		expect(notAnId.error?.message).toBe(
			'Post Names or IDs contains "abc", which is not an ID like 0a0a0a0a-0000-4000-8000-00000000a001 [item 0]',
		);
		const none = await runGenviral(env.fake, {
			resource: 'post',
			operation: 'retry',
			postIds: '={{ [] }}',
		});
		expect(none.error?.message).toBe('Post Names or IDs needs at least 1 (got 0) [item 0]');
		const badAccount = await runGenviral(env.fake, {
			resource: 'post',
			operation: 'retry',
			postIds: [randomUUID()],
			retryAccountIds: ['@acme'],
		});
		expect(badAccount.error?.message).toMatch(
			/^Account Names or IDs contains "@acme", which is not an ID/,
		);
		expect(env.fake.requests).toHaveLength(0);
	});
});

describe('Item IDs of Folder → Add Items and Remove Items (file picker)', () => {
	test('Add Items, File IDs: the files of every context, newest first, labelled name · type · size · date', async () => {
		const files = env.fake.modules.files;
		const upload = files.seedFile(scope(), {
			contentType: 'image/png',
			filename: 'cover.png',
			size: 2048,
			createdAt: '2026-03-01T10:00:00.000Z',
		});
		const studio = files.seedFile(scope(), {
			contentType: 'video/mp4',
			filename: 'clip.mp4',
			size: 2_516_582,
			context: 'ai-studio',
			createdAt: '2026-03-02T10:00:00.000Z',
		});
		const options = await load('getFolderItemChoices', {
			resource: 'folder',
			operation: 'addItems',
			itemType: 'file',
		});
		expect(options).toEqual([
			{ name: 'clip.mp4 · video/mp4 · 2.4 MB · 2026-03-02', value: studio.id },
			{ name: 'cover.png · image/png · 2 KB · 2026-03-01', value: upload.id },
		]);
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /files']);
		expect(env.fake.requests[0].query).toMatchObject({ context: 'all', offset: '0' });
	});

	test('Add Items, Slideshow IDs: the slideshows, every page up to the 200 one call takes', async () => {
		for (let i = 0; i < 60; i++)
			env.fake.modules.slideshows.seedSlideshow(scope(), { title: `Habit ${i}` });
		const options = await load('getFolderItemChoices', {
			resource: 'folder',
			operation: 'addItems',
			itemType: 'slideshow',
		});
		expect(options).toHaveLength(60);
		expect(options[0].name).toBe('Habit 59 · draft slideshow');
		expect(env.fake.requests.map((r) => r.query.offset)).toEqual(['0', '50']);
	});

	test('Remove Items: what the chosen folder holds; nothing to list before a folder is chosen', async () => {
		const file = env.fake.modules.files.seedFile(scope(), {
			contentType: 'image/png',
			filename: 'kept.png',
			size: 4096,
			createdAt: '2026-03-01T10:00:00.000Z',
		});
		env.fake.modules.files.seedFile(scope(), {
			contentType: 'image/png',
			filename: 'elsewhere.png',
		});
		const folder = env.fake.modules.folders.seed({
			name: 'Covers',
			media_type: 'upload',
			scope: scope(),
		});
		env.fake.modules.folders.seedItems(folder.id, [file.id]);
		const options = await load('getFolderItemChoices', {
			resource: 'folder',
			operation: 'removeItems',
			folderId: rl(folder.id),
			itemType: 'file',
		});
		expect(options).toEqual([{ name: 'kept.png · image/png · 4 KB · 2026-03-01', value: file.id }]);
		expect(env.fake.requests.map((r) => r.path)).toEqual([`/folders/${folder.id}/items`]);

		env.fake.requests.length = 0;
		expect(
			await load('getFolderItemChoices', {
				resource: 'folder',
				operation: 'removeItems',
				folderId: rl(''),
				itemType: 'file',
			}),
		).toEqual([]);
		expect(env.fake.requests).toHaveLength(0);
	});

	test('Add Items runs with the ticked files', async () => {
		const file = env.fake.modules.files.seedFile(scope(), { contentType: 'image/png' });
		const folder = env.fake.modules.folders.seed({
			name: 'Covers',
			media_type: 'upload',
			scope: scope(),
		});
		const { error } = await runGenviral(env.fake, {
			resource: 'folder',
			operation: 'addItems',
			folderId: rl(folder.id),
			itemType: 'file',
			itemIds: [file.id],
		});
		expect(error).toBeUndefined();
		expect(env.fake.modules.folders.itemIdsOf(folder.id)).toEqual([file.id]);
	});
});

describe('Image picker of Image Pack → Delete Image (searchPackImages)', () => {
	const seedPack = (count: number) =>
		env.fake.modules.packs.seedPack(scope(), {
			images: Array.from({ length: count }, (_v, i) => ({
				url: `https://x.org/photo-${i}.jpg`,
				file_name: `photo-${i}.jpg`,
			})),
		});

	test('the images of the chosen pack, labelled by their AI description and keywords, filtered and paged', async () => {
		const pack = seedPack(60);
		const parameters = {
			resource: 'imagePack',
			operation: 'deleteImage',
			packId: rl(String(pack.id)),
		};
		const first = await search('searchPackImages', { parameters });
		expect(first.results).toHaveLength(50);
		expect(first.results[0].name).toBe(
			'A photo used as a slide background (photo-0.jpg) · background, photo-0.jpg',
		);
		expect(first.paginationToken).toBe('50');
		const second = await search('searchPackImages', {
			parameters,
			paginationToken: first.paginationToken,
		});
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
		const imageIds = (pack.images as Array<{ id: string }>).map((image) => image.id);
		expect([...first.results, ...second.results].map((r) => r.value)).toEqual(imageIds);

		const filtered = await search('searchPackImages', { parameters, filter: 'PHOTO-42' });
		expect(filtered.results.map((r) => r.value)).toEqual([imageIds[42]]);
	});

	test('no pack chosen: an empty list, no request; Delete Image runs with the picked image', async () => {
		expect(
			await search('searchPackImages', {
				parameters: { resource: 'imagePack', operation: 'deleteImage', packId: rl('') },
			}),
		).toEqual({ results: [] });
		expect(env.fake.requests).toHaveLength(0);
		const pack = seedPack(1);
		const imageId = (pack.images as Array<{ id: string }>)[0].id;
		const { error } = await runGenviral(env.fake, {
			resource: 'imagePack',
			operation: 'deleteImage',
			packId: rl(String(pack.id), 'id'),
			imageId: rl(imageId),
		});
		expect(error).toBeUndefined();
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`DELETE /packs/${String(pack.id)}/images/${imageId}`,
		]);
	});
});
