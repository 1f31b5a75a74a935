/**
 * The parameter reader's declarations (helpers/parameters.ts) beyond n8n's own: list formats,
 * set-or-clear pairs, "Nothing to update", blanks kept, JSON objects, allowed hosts, and reading
 * for a poll.
 * Small unit tests on a minimal context; the operations that use each declaration are tested
 * in the engine (posts, studio, slideshow, templates, analytics targets, the trigger).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	READ_AHEAD_FRESH_MS,
	checkValue,
	readAhead,
	readParameters,
} from '../../nodes/Genviral/helpers/parameters';

const node = { name: 'Genviral', type: 'n8n-nodes-genviral.genviral', typeVersion: 1 } as INode;

/** An execute context holding `parameters` (the reader asks for the node, a parameter and the time zone). */
function executeContext(parameters: IDataObject = {}): IExecuteFunctions {
	return {
		getNode: () => node,
		getTimezone: () => 'UTC',
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
	} as unknown as IExecuteFunctions;
}

/** A poll context: `getNodeParameter(name, fallback)`, without an item index, as n8n-core's PollContext. */
function pollContext(parameters: IDataObject): IPollFunctions {
	return {
		__emit: () => undefined,
		getNode: () => node,
		getTimezone: () => 'UTC',
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
	} as unknown as IPollFunctions;
}

const read = (property: INodeProperties, value: unknown, itemIndex = 2) =>
	checkValue(executeContext(), property, value, itemIndex);

function refusal(property: INodeProperties, value: unknown): string {
	try {
		read(property, value);
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return (error as Error).message;
	}
	throw new Error(`${JSON.stringify(value)} was accepted`);
}

const text = (
	displayName: string,
	name: string,
	typeOptions: IDataObject,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	typeOptions,
	...extra,
});

describe("format: 'urlList'", () => {
	const images = text('Image URLs', 'imageUrls', {
		format: 'urlList',
		rows: 3,
		minItems: 1,
		maxItems: 3,
		itemNoun: 'images',
	});
	const a = 'https://cdn.example.org/a.png';
	const b = 'https://cdn.example.org/c_fill,w_1080/b.png';

	test('one per line keeps commas inside a URL; one line splits on commas; a list is taken as it is', () => {
		expect(read(images, `${a}\n${b}`)).toEqual([a, b]);
		expect(read(images, `${a}, https://cdn.example.org/c.png`)).toEqual([
			a,
			'https://cdn.example.org/c.png',
		]);
		expect(read(images, [a, b])).toEqual([a, b]);
	});

	test('each entry is an http(s) URL, text, one URL; the count is bounded by the declaration', () => {
		expect(refusal(images, 'ftp://x.org/a.png')).toBe(
			'Image URLs must be an http(s) URL; got "ftp://x.org/a.png" [item 2]',
		);
		expect(refusal(images, [a, 42])).toBe(
			'Image URLs contains number 42, which is not text [item 2]',
		);
		expect(refusal(images, `${a} ${b}\n${a}`)).toMatch(
			/^Image URLs contains ".*", which is not one URL/,
		);
		expect(refusal(images, [a, a, a, a])).toBe(
			'Image URLs takes at most 3 images (got 4) [item 2]',
		);
		expect(refusal(images, ',')).toBe('Image URLs needs at least 1 image (got 0) [item 2]');
		expect(refusal(images, { url: a })).toMatch(/^Image URLs must be a list of URLs/);
	});

	test('unique drops repeats; an optional empty list is absent; a required one is refused', () => {
		expect(
			read(text('Input Image URLs', 'imageUrls', { format: 'urlList', unique: true }), [a, a, b]),
		).toEqual([a, b]);
		expect(read(images, '')).toBeUndefined();
		expect(read(images, [])).toBeUndefined();
		expect(refusal({ ...images, required: true }, '  ')).toBe(
			'Image URLs is required and cannot be empty [item 2]',
		);
	});
});

describe("format: 'textList' with entryPattern", () => {
	const contexts = text('Context', 'context', {
		format: 'textList',
		entryPattern: '^[a-z-]+$',
		entryHint: 'a context such as ai-studio',
	});

	test('entries by the one list rule, each matched against the pattern', () => {
		expect(read(contexts, 'ai-studio, media-upload')).toEqual(['ai-studio', 'media-upload']);
		expect(refusal(contexts, 'ai-studio,AI Studio!')).toBe(
			'Context contains "AI Studio!", which is not a context such as ai-studio [item 2]',
		);
		expect(refusal(contexts, ['ai-studio', true])).toBe(
			'Context contains boolean true, which is not text [item 2]',
		);
	});
});

describe("format: 'accountIds'", () => {
	const A = '0a0a0a0a-0000-4000-8000-00000000c001';
	const accounts: INodeProperties = {
		displayName: 'Account Names or IDs',
		name: 'accountIds',
		type: 'multiOptions',
		default: [],
		typeOptions: {
			loadOptionsMethod: 'getAccounts',
			format: 'accountIds',
			minItems: 1,
			maxItems: 2,
		},
	};

	test('account objects, JSON text and case repeats become one list of IDs; bounds from the declaration', () => {
		expect(read(accounts, [{ id: A.toUpperCase() }, `["${A}"]`])).toEqual([A]);
		expect(refusal(accounts, [])).toBe(
			'Account Names or IDs is required: pick at least 1 account [item 2]',
		);
		expect(refusal(accounts, 'tiktok')).toMatch(
			/^Account Names or IDs contains "tiktok", which is not an account ID/,
		);
	});
});

describe('allowedHosts', () => {
	const tiktokUrl = text('TikTok URL', 'url', {
		format: 'url',
		allowedHosts: ['tiktok.com', 'vm.tiktok.com'],
	});

	test('a URL on another host is refused, naming the host', () => {
		expect(read(tiktokUrl, 'https://VM.TikTok.com/abc')).toBe('https://VM.TikTok.com/abc');
		expect(refusal(tiktokUrl, 'https://www.instagram.com/p/1')).toBe(
			'TikTok URL must be a tiktok.com link; got www.instagram.com [item 2]',
		);
	});
});

describe('jsonObject', () => {
	const raw: INodeProperties = {
		displayName: 'Raw Parameters (JSON)',
		name: 'rawParams',
		type: 'json',
		default: '{}',
		typeOptions: { jsonObject: true, jsonExample: '{"seed": 42}' },
	};

	test('a JSON field declared as an object takes an object, refuses a list or a number', () => {
		expect(read(raw, '{"seed": 42}')).toEqual({ seed: 42 });
		expect(refusal(raw, '[1, 2]')).toBe(
			'Raw Parameters (JSON) must be a JSON object such as {"seed": 42}; got a list [item 2]',
		);
		expect(refusal(raw, '7')).toBe(
			'Raw Parameters (JSON) must be a JSON object such as {"seed": 42}; got number 7 [item 2]',
		);
	});
});

describe('jsonKeys, jsonKeysElsewhere, jsonValues', () => {
	const perProvider: INodeProperties = {
		displayName: 'Provider Settings (JSON)',
		name: 'providerSettings',
		type: 'json',
		default: '{}',
		typeOptions: {
			jsonObject: true,
			jsonKeys: ['x', 'youtube'],
			jsonKeyNoun: 'provider',
			jsonKeysElsewhere: { tiktok: 'TikTok Settings' },
			jsonValues: 'object',
		},
	};

	test('keys from the declaration, where a misplaced key goes instead, and object values', () => {
		expect(read(perProvider, '{"youtube": {"title": "a"}}')).toEqual({ youtube: { title: 'a' } });
		expect(read(perProvider, '{}')).toEqual({});
		expect(refusal(perProvider, '{"tiktok": {}}')).toBe(
			'Provider Settings (JSON) has an unknown provider "tiktok" (allowed: x, youtube); use TikTok Settings instead [item 2]',
		);
		expect(refusal(perProvider, '{"myspace": {}}')).toBe(
			'Provider Settings (JSON) has an unknown provider "myspace" (allowed: x, youtube) [item 2]',
		);
		expect(refusal(perProvider, '{"x": "public"}')).toBe(
			'Provider Settings (JSON) → x must be an object; got "public" [item 2]',
		);
	});
});

describe('minLength', () => {
	const language = text('Language', 'language', { minLength: 2, maxLength: 32 });

	test('a text shorter than minLength is refused with both bounds; blank stays absent', () => {
		expect(read(language, 'en')).toBe('en');
		expect(refusal(language, 'e')).toBe('Language must be 2-32 characters; got "e" [item 2]');
		expect(read(language, '')).toBeUndefined();
	});
});

describe('Update Fields: setOrClear, notEmpty, keepBlank', () => {
	const updateFields: INodeProperties = {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		default: {},
		typeOptions: {
			notEmpty: true,
			setOrClear: [
				{ set: ['description'], clear: 'clearDescription' },
				{ set: ['maxPosts', 'settings'], clear: 'clearPolicy' },
			],
		},
		options: [
			{
				displayName: 'Clear Description',
				name: 'clearDescription',
				type: 'boolean',
				default: false,
			},
			{ displayName: 'Clear Policy', name: 'clearPolicy', type: 'boolean', default: false },
			text('Description', 'description', {}),
			{ displayName: 'Favorite', name: 'favorite', type: 'boolean', default: false },
			{ displayName: 'Max Posts', name: 'maxPosts', type: 'number', default: 1 },
			{ displayName: 'Settings', name: 'settings', type: 'json', default: '{}' },
			text('Caption', 'caption', { keepBlank: true }),
		],
	};

	test('a value set and cleared at once is refused, naming both fields', () => {
		expect(refusal(updateFields, { description: 'x', clearDescription: true })).toBe(
			'Set either Update Fields → Description or Update Fields → Clear Description, not both [item 2]',
		);
		expect(refusal(updateFields, { maxPosts: 3, settings: '{"a":1}', clearPolicy: true })).toBe(
			'Set either Update Fields → Max Posts and Update Fields → Settings or Update Fields → Clear Policy, not both [item 2]',
		);
		// A clear flag left off, a blank text or an empty object is not a value: no conflict.
		expect(read(updateFields, { description: '  ', clearDescription: true })).toEqual({
			clearDescription: true,
		});
		expect(read(updateFields, { description: 'x', clearDescription: false })).toEqual({
			description: 'x',
			clearDescription: false,
		});
		expect(read(updateFields, { settings: '{}', clearPolicy: true })).toEqual({
			settings: {},
			clearPolicy: true,
		});
	});

	test('nothing given is refused; false is a value unless it is a clear flag; a kept blank is a value', () => {
		const nothing =
			'Nothing to update: add at least one of Clear Description, Clear Policy, Description, Favorite, Max Posts, Settings or Caption under Update Fields [item 2]';
		expect(refusal(updateFields, {})).toBe(nothing);
		expect(
			refusal(updateFields, { clearDescription: false, description: ' ', settings: '{}' }),
		).toBe(nothing);
		expect(read(updateFields, { favorite: false })).toEqual({ favorite: false });
		expect(read(updateFields, { caption: '' })).toEqual({ caption: '' });
	});

	test('a long collection (Post → Update) is not listed field by field', () => {
		const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
		const long: INodeProperties = {
			...updateFields,
			typeOptions: { notEmpty: true },
			options: names.map((name) => text(name.toUpperCase(), name, {})),
		};
		expect(refusal(long, { a: '' })).toBe(
			'Nothing to update: add at least one field under Update Fields [item 2]',
		);
	});
});

describe('reading for a poll (the trigger)', () => {
	const properties: INodeProperties[] = [
		{
			displayName: 'Event',
			name: 'event',
			type: 'options',
			default: 'a',
			options: [
				{ name: 'A', value: 'a' },
				{ name: 'B', value: 'b' },
			],
		},
		{
			displayName: 'Hours',
			name: 'hours',
			type: 'number',
			default: 48,
			typeOptions: { minValue: 0, maxValue: 720 },
			displayOptions: { show: { event: ['b'] } },
		},
	];

	test('parameters are read without an item index, defaults from the declaration, messages without an item', () => {
		expect(readParameters(pollContext({}), properties, 0)).toEqual({ event: 'a' });
		expect(readParameters(pollContext({ event: 'b' }), properties, 0)).toEqual({
			event: 'b',
			hours: 48,
		});
		expect(() => readParameters(pollContext({ event: 'b', hours: 721 }), properties, 0)).toThrow(
			new NodeOperationError(node, 'Hours must be a whole number from 0 to 720; got number 721'),
		);
		expect(() => readParameters(pollContext({ event: 'c' }), properties, 0)).toThrow(
			/^Event must be one of a, b; got "c"$/,
		);
	});
});

describe('reading for the items of one run', () => {
	/**
	 * An execute context as n8n-core's: the node as stored (an expression starts with "="),
	 * and getNodeParameter evaluating it per item (here: "={{item}}" gives the item index).
	 * Counts what n8n was asked.
	 */
	function runContext(stored: IDataObject) {
		const asked: string[] = [];
		const ctx = {
			getNode: () => ({ ...node, parameters: stored }),
			getTimezone: () => 'UTC',
			getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
				asked.push(`${name}@${itemIndex}`);
				const value = name in stored ? stored[name] : fallback;
				if (value === '={{item}}') return String(itemIndex);
				if (value === '={{fails}}') throw new Error(`expression fails for item ${itemIndex}`);
				return typeof value === 'object' && value !== null ? structuredClone(value) : value;
			},
		} as unknown as IExecuteFunctions;
		return { ctx, asked };
	}
	const properties: INodeProperties[] = [
		text('Platform', 'platform', {}),
		text('Identifier', 'identifier', {}),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			default: {},
			options: [text('Note', 'note', {})],
		},
	];

	test('a value without an expression is asked of n8n once per run, an expression for every item', () => {
		const { ctx, asked } = runContext({
			platform: 'tiktok',
			identifier: '={{item}}',
			additionalFields: { note: 'same' },
		});
		const values = [0, 1, 2].map((itemIndex) => readParameters(ctx, properties, itemIndex));
		expect(values.map((v) => v.identifier)).toEqual(['0', '1', '2']);
		expect(values.every((v) => v.platform === 'tiktok')).toBe(true);
		expect(asked).toEqual([
			'platform@0',
			'identifier@0',
			'additionalFields@0',
			'identifier@1',
			'identifier@2',
		]);
	});

	test('an expression inside a collection makes the collection per item', () => {
		const { ctx, asked } = runContext({
			platform: 'tiktok',
			additionalFields: { note: '={{ 1 }}' },
		});
		[0, 1].forEach((itemIndex) => readParameters(ctx, properties, itemIndex));
		expect(asked.filter((a) => a.startsWith('additionalFields'))).toEqual([
			'additionalFields@0',
			'additionalFields@1',
		]);
	});

	test('each item gets a copy of its own: what one item does to its value, the next does not see', () => {
		const { ctx } = runContext({ additionalFields: { note: 'kept' } });
		const first = readParameters(ctx, properties, 0).additionalFields as IDataObject;
		first.note = 'changed by item 0';
		expect(readParameters(ctx, properties, 1).additionalFields).toEqual({ note: 'kept' });
	});

	test('a refused value read once still fails every item with its own index', () => {
		const platform: INodeProperties = {
			displayName: 'Platform',
			name: 'platform',
			type: 'options',
			default: 'tiktok',
			options: [{ name: 'TikTok', value: 'tiktok' }],
		};
		const { ctx, asked } = runContext({ platform: 'myspace' });
		for (const itemIndex of [0, 1, 2]) {
			expect(() => readParameters(ctx, [platform], itemIndex)).toThrow(
				`Platform must be one of tiktok; got "myspace" [item ${itemIndex}]`,
			);
		}
		expect(asked).toEqual(['platform@0']);
	});

	test('read ahead: the item takes what was evaluated for it, once; another item asks again', () => {
		const { ctx, asked } = runContext({ platform: 'tiktok', identifier: '={{item}}' });
		readParameters(ctx, properties, 0);
		readAhead(ctx, properties, 1);
		expect(readParameters(ctx, properties, 1).identifier).toBe('1');
		readAhead(ctx, properties, 2);
		// Item 3 comes instead (item 2 was never run): what was read for item 2 is not used.
		expect(readParameters(ctx, properties, 3).identifier).toBe('3');
		expect(asked).toEqual([
			'platform@0',
			'identifier@0',
			'additionalFields@0',
			'identifier@1',
			'identifier@2',
			'identifier@3',
		]);
	});

	test('read ahead checks too; a refused value is read again in its turn and fails there', () => {
		const shownFor: INodeProperties[] = [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				default: 'a',
				options: [
					{ name: 'A', value: 'a' },
					{ name: 'B', value: 'b' },
				],
			},
			text('Only For B', 'onlyB', {}, { displayOptions: { show: { mode: ['b'] } } }),
			text('Note', 'note', {}),
		];
		const { ctx, asked } = runContext({ mode: 'a', onlyB: '={{item}}', note: '={{fails}}' });
		readAhead(ctx, shownFor, 4);
		// Only B is hidden: not evaluated.
		expect(asked).toEqual(['mode@4', 'note@4']);
		expect(() => readParameters(ctx, shownFor, 4)).toThrow('expression fails for item 4');
		expect(asked).toEqual(['mode@4', 'note@4', 'note@4']);
	});

	test('what was read ahead is used only while fresh, and survives the current item reading more', () => {
		jest.useFakeTimers({ now: 0 });
		try {
			const { ctx, asked } = runContext({ platform: 'tiktok', identifier: '={{item}}' });
			readAhead(ctx, properties, 1);
			// Item 0 is still running and reads another list: item 1's values stay.
			readParameters(ctx, properties.slice(0, 1), 0);
			jest.setSystemTime(READ_AHEAD_FRESH_MS);
			expect(readParameters(ctx, properties, 1).identifier).toBe('1');
			readAhead(ctx, properties, 2);
			jest.setSystemTime(READ_AHEAD_FRESH_MS * 2 + 1);
			// Item 1 took longer than READ_AHEAD_FRESH_MS: item 2 is evaluated again in its turn.
			expect(readParameters(ctx, properties, 2).identifier).toBe('2');
			expect(asked.filter((a) => a.startsWith('identifier'))).toEqual([
				'identifier@1',
				'identifier@2',
				'identifier@2',
			]);
		} finally {
			jest.useRealTimers();
		}
	});
});
