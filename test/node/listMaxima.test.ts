/**
 * Issue 15, blind spot: a list of exactly its maximum must be accepted, one more refused. Every
 * list parameter declared with `minItems`/`maxItems` is found in the node's own description
 * (options of collections included), so a new list is tested as soon as it is declared: the
 * guard test below fails until it has its fixture. Lists bounded in code rather than in a
 * declaration (slideshow image URLs, Pinterest tags, template slides, Studio image URLs) are
 * listed by hand.
 * Each case runs in the engine against the fake: max entries reach the API whole, max + 1 are
 * refused before any request.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { GENVIRAL_NODE_TYPE, loadTypes } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
const accounts = () => env.fake.modules.accounts.defaults(scope());

interface DeclaredList {
	resource: string;
	operation: string;
	/** The parameter, or `collection.option`. */
	path: string;
	label: string;
	max: number;
}

/** Every parameter whose declaration bounds a list, with where it is shown. */
function declaredLists(properties: INodeProperties[]): DeclaredList[] {
	const found: DeclaredList[] = [];
	const visit = (list: INodeProperties[], prefix: string, labelPrefix: string, shown?: INodeProperties['displayOptions']) => {
		for (const property of list) {
			const show = property.displayOptions?.show ?? shown?.show;
			const max = property.typeOptions?.maxItems as number | undefined;
			if (max !== undefined) {
				for (const resource of (show?.resource ?? []) as string[]) {
					for (const operation of (show?.operation ?? []) as string[]) {
						found.push({ resource, operation, path: `${prefix}${property.name}`, label: `${labelPrefix}${property.displayName}`, max });
					}
				}
			}
			if (property.type === 'collection') {
				visit(property.options as INodeProperties[], `${property.name}.`, `${property.displayName} → `, { show });
			}
		}
	};
	visit(properties, '', '');
	return found;
}

/** n distinct IDs (the API is sent them; whether they exist is the API's business). */
const uuids = (n: number, tag: string) => Array.from({ length: n }, (_v, i) => `0a0a0a0a-${tag}-4000-8000-${String(i + 1).padStart(12, '0')}`);

/** What each declared list needs besides itself. Keyed by `resource.operation.path`. */
const FIXTURES: Record<string, { base: () => INodeParameters; values?: (n: number) => string[] }> = {
	// Item Type Any: no folder read first (the folder need not exist for the count check).
	'folder.addItems.itemIds': { base: () => ({ folderId: { __rl: true, mode: 'id', value: uuids(1, 'f01d')[0] }, itemType: 'any' }) },
	'folder.removeItems.itemIds': { base: () => ({ folderId: { __rl: true, mode: 'id', value: uuids(1, 'f01d')[0] }, itemType: 'any' }) },
	'post.create.accountIds': {
		base: () => ({ caption: 'Launch day', postMedia: 'video', mediaSource: 'url', videoUrl: 'https://cdn.example.org/launch.mp4' }),
	},
	'post.delete.postIds': { base: () => ({}) },
	'post.retry.postIds': { base: () => ({}) },
	'post.retry.retryAccountIds': { base: () => ({ postIds: uuids(1, 'b0b0')[0] }) },
	'post.update.updateFields.accountIds': { base: () => ({ postId: uuids(1, 'b0b0')[0] }) },
};

/** Parameters with `values` set at `path` (inside its collection when it has one). */
function withList(base: INodeParameters, path: string, values: string[]): INodeParameters {
	const [first, option] = path.split('.');
	if (option === undefined) return { ...base, [first]: values.join(',') };
	return { ...base, [first]: { ...((base[first] as INodeParameters | undefined) ?? {}), [option]: values } };
}

/** Every text the fake was sent (paths, queries, bodies). */
const everythingSent = () => env.fake.requests.map((r) => `${r.path} ${JSON.stringify(r.query)} ${r.rawBody}`).join('\n');

let lists: DeclaredList[] = [];
beforeAll(async () => {
	const { nodeTypes } = await loadTypes();
	lists = declaredLists(nodeTypes.getByNameAndVersion(GENVIRAL_NODE_TYPE, 1).description.properties);
});

describe('every declared list with a maximum (found in the description)', () => {
	test('the description declares the lists this file knows, and each has a fixture', () => {
		const keys = lists.map((l) => `${l.resource}.${l.operation}.${l.path}`);
		expect(keys.length).toBeGreaterThanOrEqual(7);
		expect(keys.filter((key) => FIXTURES[key] === undefined)).toEqual([]);
	});

	test('exactly the maximum is accepted and sent whole; one more is refused before any request', async () => {
		for (const list of lists) {
			const key = `${list.resource}.${list.operation}.${list.path}`;
			const fixture = FIXTURES[key];
			const values = (fixture.values ?? ((n: number) => uuids(n, 'a1a1')))(list.max + 1);
			const parameters = (n: number) => ({ resource: list.resource, operation: list.operation, ...withList(fixture.base(), list.path, values.slice(0, n)) });

			env.fake.reset();
			const atMax = await runGenviral(env.fake, parameters(list.max));
			// Accepted: the API got every entry (it may still refuse them: that is not the node's count check).
			expect({ key, refused: /takes at most|needs at least/.test(atMax.error?.message ?? '') }).toEqual({ key, refused: false });
			const sent = everythingSent();
			expect({ key, missing: values.slice(0, list.max).filter((v) => !sent.includes(v)) }).toEqual({ key, missing: [] });

			env.fake.reset();
			const overMax = await runGenviral(env.fake, parameters(list.max + 1));
			expect({ key, message: overMax.error?.message }).toEqual({
				key,
				message: expect.stringMatching(new RegExp(`^${escape(list.label)} takes at most ${list.max}( [a-z]+)? \\(got ${list.max + 1}\\)`)),
			});
			expect({ key, requests: env.fake.requests.length }).toEqual({ key, requests: 0 });
		}
	});
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('lists bounded in code (not in a declaration)', () => {
	const imageUrls = (n: number) => Array.from({ length: n }, (_v, i) => `https://cdn.example.org/slide-${i + 1}.png`);
	const slide = (i: number) => ({ type: 'custom', id: `3f0c6a52-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, pinnedImageUrl: null, textElements: [] });
	const cases: Array<{ name: string; max: number; parameters: (n: number) => INodeParameters; refused: RegExp; sentWhole: (n: number) => void }> = [
		{
			name: 'Post → Create: slideshow image URLs (35)',
			max: 35,
			parameters: (n) => ({
				resource: 'post',
				operation: 'create',
				accountIds: [accounts().tiktok.id],
				caption: 'Slides',
				postMedia: 'slideshow',
				mediaSource: 'url',
				imageUrls: imageUrls(n).join('\n'),
			}),
			refused: /^Image URLs takes at most 35 images \(got 36\)/,
			sentWhole: (n) => expect((env.fake.requestsTo('POST /posts')[0].body as { media: { urls: string[] } }).media.urls).toEqual(imageUrls(n)),
		},
		{
			name: 'Post → Create: Pinterest tags (30)',
			max: 30,
			parameters: (n) => ({
				resource: 'post',
				operation: 'create',
				accountIds: [accounts().pinterest.id],
				caption: 'Pin',
				postMedia: 'video',
				mediaSource: 'url',
				videoUrl: 'https://cdn.example.org/launch.mp4',
				pinterestSettings: { boardId: 'board-1', tags: Array.from({ length: n }, (_v, i) => `tag${i + 1}`).join(',') },
			}),
			refused: /Tags takes at most 30 tags \(got 31\)/,
			sentWhole: (n) => expect((env.fake.requestsTo('POST /posts')[0].body as { pinterest: { tags: string[] } }).pinterest.tags).toHaveLength(n),
		},
		{
			name: 'Template → Create: config slides (10)',
			max: 10,
			parameters: (n) => ({
				resource: 'template',
				operation: 'create',
				name: 'Ten slides',
				config: JSON.stringify({
					version: 1,
					structure: { slides: Array.from({ length: n }, (_v, i) => slide(i)) },
					content: { mode: 'manual', productId: null, language: 'en', slideshowType: 'educational' },
					visuals: { packId: null, aspectRatio: '4:5' },
				}),
			}),
			refused: /must have 1-10 slides in structure\.slides; got 11/,
			sentWhole: (n) =>
				expect((env.fake.requestsTo('POST /templates')[0].body as { config: { structure: { slides: unknown[] } } }).config.structure.slides).toHaveLength(n),
		},
		{
			name: 'Studio → Generate Image: input image URLs (20)',
			max: 20,
			parameters: (n) => ({ resource: 'studio', operation: 'generateImage', model: 'google/nano-banana-2', prompt: 'A latte', imageUrls: imageUrls(n).join(',') }),
			refused: /^Input Image URLs takes at most 20 URLs \(got 21\)/,
			sentWhole: (n) => expect((env.fake.requestsTo('POST /studio/images/generate')[0].body as { image_urls: string[] }).image_urls).toEqual(imageUrls(n)),
		},
		{
			name: 'Studio → Generate Video: reference image URLs (20)',
			max: 20,
			parameters: (n) => ({
				resource: 'studio',
				operation: 'generateVideo',
				model: 'bytedance/seedance-2.0',
				prompt: 'A latte',
				additionalFields: { referenceImageUrls: imageUrls(n).join(',') },
			}),
			refused: /Reference Image URLs takes at most 20 URLs \(got 21\)/,
			sentWhole: (n) =>
				expect(JSON.stringify(env.fake.requestsTo('POST /studio/videos/generate')[0].body)).toContain(JSON.stringify(imageUrls(n))),
		},
	];

	test.each(cases)('$name: the maximum is sent whole, one more is refused before any request', async ({ max, parameters, refused, sentWhole }) => {
		const atMax = await runGenviral(env.fake, parameters(max));
		expect(atMax.error?.message ?? '').not.toMatch(/takes at most|must have 1-/);
		sentWhole(max);

		env.fake.reset();
		const overMax = await runGenviral(env.fake, parameters(max + 1));
		expect(overMax.error?.message).toMatch(refused);
		expect(env.fake.requests).toHaveLength(0);
	});
});
