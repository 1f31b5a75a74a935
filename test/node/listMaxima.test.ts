/**
 * Issue 15, blind spot: a list of exactly its maximum must be accepted, one more refused. Every
 * list parameter declared with `minItems`/`maxItems` is found in the node's own description
 * (options of collections included), so a new list is tested as soon as it is declared: the
 * guard test below fails until it has its fixture. A list bounded in code rather than in a
 * declaration (template slides, inside the config JSON) is listed by hand.
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
	const visit = (
		list: INodeProperties[],
		prefix: string,
		labelPrefix: string,
		shown?: INodeProperties['displayOptions'],
	) => {
		for (const property of list) {
			const show = property.displayOptions?.show ?? shown?.show;
			const max = property.typeOptions?.maxItems as number | undefined;
			if (max !== undefined) {
				for (const resource of (show?.resource ?? []) as string[]) {
					for (const operation of (show?.operation ?? []) as string[]) {
						found.push({
							resource,
							operation,
							path: `${prefix}${property.name}`,
							label: `${labelPrefix}${property.displayName}`,
							max,
						});
					}
				}
			}
			if (property.type === 'collection') {
				visit(
					property.options as INodeProperties[],
					`${prefix}${property.name}.`,
					`${labelPrefix}${property.displayName} → `,
					{ show },
				);
			}
		}
	};
	visit(properties, '', '');
	return found;
}

/** n distinct IDs (the API is sent them; whether they exist is the API's business). */
const uuids = (n: number, tag: string) =>
	Array.from(
		{ length: n },
		(_v, i) => `0a0a0a0a-${tag}-4000-8000-${String(i + 1).padStart(12, '0')}`,
	);

const imageUrls = (n: number) =>
	Array.from({ length: n }, (_v, i) => `https://cdn.example.org/slide-${i + 1}.png`);
const tags = (n: number) => Array.from({ length: n }, (_v, i) => `tag${i + 1}`);
const binaryNames = (n: number) => Array.from({ length: n }, (_v, i) => `image${i + 1}`);
const slideshowByUrl = () => ({
	accountIds: [accounts().tiktok.id],
	caption: 'Slides',
	postMedia: 'slideshow',
	mediaSource: 'url',
});
const slideshowByBinary = () => ({
	accountIds: [accounts().tiktok.id],
	caption: 'Slides',
	postMedia: 'slideshow',
	mediaSource: 'binary',
});
const pin = () => ({
	accountIds: [accounts().pinterest.id],
	caption: 'Pin',
	postMedia: 'video',
	mediaSource: 'url',
	videoUrl: 'https://cdn.example.org/launch.mp4',
	pinterestSettings: { boardId: 'board-1' },
});

/**
 * What each declared list needs besides itself. Keyed by `resource.operation.path`. `notSent`:
 * the entries name binary fields of the input item (not given here), so the run stops at the
 * missing files after the count was accepted; only the count is checked.
 */
const FIXTURES: Record<
	string,
	{ base: () => INodeParameters; values?: (n: number) => string[]; notSent?: true }
> = {
	// Item Type Any: no folder read first (the folder need not exist for the count check).
	'folder.addItems.itemIds': {
		base: () => ({
			folderId: { __rl: true, mode: 'id', value: uuids(1, 'f01d')[0] },
			itemType: 'any',
		}),
	},
	'folder.removeItems.itemIds': {
		base: () => ({
			folderId: { __rl: true, mode: 'id', value: uuids(1, 'f01d')[0] },
			itemType: 'any',
		}),
	},
	'post.create.accountIds': {
		base: () => ({
			caption: 'Launch day',
			postMedia: 'video',
			mediaSource: 'url',
			videoUrl: 'https://cdn.example.org/launch.mp4',
		}),
	},
	'post.delete.postIds': { base: () => ({}) },
	'post.retry.postIds': { base: () => ({}) },
	'post.retry.retryAccountIds': { base: () => ({ postIds: uuids(1, 'b0b0')[0] }) },
	'post.update.updateFields.accountIds': { base: () => ({ postId: uuids(1, 'b0b0')[0] }) },
	'post.create.imageUrls': { base: slideshowByUrl, values: imageUrls },
	'post.create.binaryPropertyNames': {
		base: slideshowByBinary,
		values: binaryNames,
		notSent: true,
	},
	'post.create.pinterestSettings.tags': { base: pin, values: tags },
	'post.update.updateFields.imageUrls': {
		base: () => ({
			postId: uuids(1, 'b0b0')[0],
			updateFields: { postMedia: 'slideshow', mediaSource: 'url' },
		}),
		values: imageUrls,
	},
	'post.update.updateFields.binaryPropertyNames': {
		base: () => ({
			postId: uuids(1, 'b0b0')[0],
			updateFields: { postMedia: 'slideshow', mediaSource: 'binary' },
		}),
		values: binaryNames,
		notSent: true,
	},
	'post.update.updateFields.pinterestSettings.tags': {
		base: () => ({ postId: uuids(1, 'b0b0')[0], updateFields: { pinterestSettings: {} } }),
		values: tags,
	},
	'slideshow.importFromTiktok.packImages': {
		base: () => ({
			url: 'https://www.tiktok.com/@creator/photo/7000000000000000001',
			previewOnly: false,
			backgroundSource: 'images',
		}),
		values: imageUrls,
	},
	'studio.generateImage.imageUrls': {
		base: () => ({ model: 'google/nano-banana-2', prompt: 'A latte' }),
		values: imageUrls,
	},
	'studio.generateVideo.additionalFields.referenceImageUrls': {
		base: () => ({ model: 'bytedance/seedance-2.0', prompt: 'A latte' }),
		values: imageUrls,
	},
};

/** Parameters with `values` set at `path` (inside its collection when it has one). */
function withList(base: INodeParameters, path: string, values: string[]): INodeParameters {
	const [first, ...rest] = path.split('.');
	if (rest.length === 0) return { ...base, [first]: values.join(',') };
	if (rest.length === 1)
		return {
			...base,
			[first]: { ...((base[first] as INodeParameters | undefined) ?? {}), [rest[0]]: values },
		};
	return {
		...base,
		[first]: withList((base[first] as INodeParameters | undefined) ?? {}, rest.join('.'), values),
	};
}

/** Every text the fake was sent (paths, queries, bodies). */
const everythingSent = () =>
	env.fake.requests.map((r) => `${r.path} ${JSON.stringify(r.query)} ${r.rawBody}`).join('\n');

let lists: DeclaredList[] = [];
beforeAll(async () => {
	const { nodeTypes } = await loadTypes();
	lists = declaredLists(
		nodeTypes.getByNameAndVersion(GENVIRAL_NODE_TYPE, 1).description.properties,
	);
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
			const parameters = (n: number) => ({
				resource: list.resource,
				operation: list.operation,
				...withList(fixture.base(), list.path, values.slice(0, n)),
			});

			env.fake.reset();
			const atMax = await runGenviral(env.fake, parameters(list.max));
			// Accepted: the API got every entry (it may still refuse them: that is not the node's count check).
			expect({
				key,
				refused: /takes at most|needs at least/.test(atMax.error?.message ?? ''),
			}).toEqual({ key, refused: false });
			const sent = everythingSent();
			if (!fixture.notSent)
				expect({
					key,
					missing: values.slice(0, list.max).filter((v) => !sent.includes(v)),
				}).toEqual({ key, missing: [] });

			env.fake.reset();
			const overMax = await runGenviral(env.fake, parameters(list.max + 1));
			expect({ key, message: overMax.error?.message }).toEqual({
				key,
				message: expect.stringMatching(
					new RegExp(
						`^${escape(list.label)} takes at most ${list.max}( [A-Za-z]+)? \\(got ${list.max + 1}\\)`,
					),
				),
			});
			expect({ key, requests: env.fake.requests.length }).toEqual({ key, requests: 0 });
		}
	});
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('lists bounded in code (not in a declaration)', () => {
	const slide = (i: number) => ({
		type: 'custom',
		id: `3f0c6a52-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
		pinnedImageUrl: null,
		textElements: [],
	});
	const cases: Array<{
		name: string;
		max: number;
		parameters: (n: number) => INodeParameters;
		refused: RegExp;
		sentWhole: (n: number) => void;
	}> = [
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
					content: {
						mode: 'manual',
						productId: null,
						language: 'en',
						slideshowType: 'educational',
					},
					visuals: { packId: null, aspectRatio: '4:5' },
				}),
			}),
			refused: /must have 1-10 slides in structure\.slides; got 11/,
			sentWhole: (n) =>
				expect(
					(
						env.fake.requestsTo('POST /templates')[0].body as {
							config: { structure: { slides: unknown[] } };
						}
					).config.structure.slides,
				).toHaveLength(n),
		},
	];

	test.each(cases)(
		'$name: the maximum is sent whole, one more is refused before any request',
		async ({ max, parameters, refused, sentWhole }) => {
			const atMax = await runGenviral(env.fake, parameters(max));
			expect(atMax.error?.message ?? '').not.toMatch(/takes at most|must have 1-/);
			sentWhole(max);

			env.fake.reset();
			const overMax = await runGenviral(env.fake, parameters(max + 1));
			expect(overMax.error?.message).toMatch(refused);
			expect(env.fake.requests).toHaveLength(0);
		},
	);
});
