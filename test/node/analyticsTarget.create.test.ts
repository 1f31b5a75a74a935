import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { createTarget, useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const UUID = /^[0-9a-f-]{36}$/;

describe('Analytics Target → Create, in the engine', () => {
	const env = useFakeGenviral();

	test('sends exactly POST /analytics/targets {platform, identifier} with the credential applied', async () => {
		const { items, error } = await runGenviral(
			env.fake,
			createTarget({ platform: 'instagram', identifier: '@Acme' }),
		);

		expect(error).toBeUndefined();
		expect(env.fake.requests).toHaveLength(1);
		const [request] = env.fake.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/analytics/targets');
		expect(request.query).toEqual({});
		expect(request.headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`);
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(request.rawBody)).toEqual({ platform: 'instagram', identifier: '@Acme' });

		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			id: expect.stringMatching(UUID),
			user_id: '0a0a0a0a-0000-4000-8000-000000007001',
			workspace_id: '0a0a0a0a-0000-4000-8000-000000009001',
			platform: 'instagram',
			identifier: '@Acme',
			normalized_identifier: 'acme',
			display_name: null,
			last_refreshed_at: null,
			created: true,
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('sends the alias when given, and it becomes the display name', async () => {
		const { items } = await runGenviral(
			env.fake,
			createTarget({ additionalFields: { alias: '  Acme main  ' } }),
		);
		expect(env.fake.requests[0].body).toEqual({
			platform: 'tiktok',
			identifier: '@brand',
			alias: 'Acme main',
		});
		expect(items[0].json.display_name).toBe('Acme main');
	});

	test('leaves a blank alias out of the body', async () => {
		await runGenviral(env.fake, createTarget({ additionalFields: { alias: '   ' } }));
		expect(env.fake.requests[0].body).toEqual({ platform: 'tiktok', identifier: '@brand' });
	});

	test('trims the identifier before sending it', async () => {
		await runGenviral(env.fake, createTarget({ identifier: '  @brand \t' }));
		expect(env.fake.requests[0].body).toEqual({ platform: 'tiktok', identifier: '@brand' });
	});

	test('an already tracked account comes back as the existing target with created=false', async () => {
		const first = await runGenviral(env.fake, createTarget({ identifier: '@Brand' }));
		const second = await runGenviral(env.fake, createTarget({ identifier: 'brand' }));

		expect(second.error).toBeUndefined();
		expect(first.items[0].json.created).toBe(true);
		expect(second.items[0].json.created).toBe(false);
		expect(second.items[0].json.id).toBe(first.items[0].json.id);
		expect(second.items[0].json.identifier).toBe('@Brand');
	});

	test('the same handle on another platform is a new target', async () => {
		const tiktok = await runGenviral(env.fake, createTarget({ platform: 'tiktok' }));
		const youtube = await runGenviral(env.fake, createTarget({ platform: 'youtube' }));
		expect(youtube.items[0].json.created).toBe(true);
		expect(youtube.items[0].json.id).not.toBe(tiktok.items[0].json.id);
	});

	test('three items give three requests, in order, and three paired outputs', async () => {
		const handles = ['@one', '@two', '@three'];
		const { items } = await runGenviral(
			env.fake,
			createTarget({ identifier: '={{ $json.handle }}' }),
			{
				items: handles.map((handle) => ({ json: { handle } })),
			},
		);

		expect(env.fake.requests.map((r) => (r.body as { identifier: string }).identifier)).toEqual(
			handles,
		);
		expect(items.map((i) => i.json.identifier)).toEqual(handles);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('platform and alias can come from expressions', async () => {
		const { items } = await runGenviral(
			env.fake,
			createTarget({
				platform: '={{ $json.network }}',
				identifier: '={{ $json.handle }}',
				additionalFields: { alias: '={{ $json.client }}' },
			}),
			{ items: [{ json: { network: 'YouTube', handle: '@acmetv', client: 'Acme' } }] },
		);
		expect(env.fake.requests[0].body).toEqual({
			platform: 'youtube',
			identifier: '@acmetv',
			alias: 'Acme',
		});
		expect(items[0].json.platform).toBe('youtube');
	});
});

describe('Analytics Target → Create rejects bad input before sending anything', () => {
	const env = useFakeGenviral();

	const cases: Array<[string, Record<string, unknown>, IDataObject, RegExp]> = [
		[
			'platform from an expression outside the list',
			{ platform: '={{ $json.p }}' },
			{ p: 'facebook' },
			/Platform must be one of tiktok, instagram, youtube; got "facebook"/,
		],
		[
			'platform that is a number',
			{ platform: '={{ $json.p }}' },
			{ p: 3 },
			/Platform must be one of .*got number 3/,
		],
		['empty platform', { platform: '={{ $json.p }}' }, { p: '' }, /Platform must be one of/],
		[
			'empty identifier from an expression',
			{ identifier: '={{ $json.h }}' },
			{ h: '' },
			/Identifier is required and cannot be empty/,
		],
		[
			'whitespace identifier',
			{ identifier: '   ' },
			{},
			/Identifier is required and cannot be empty/,
		],
		[
			'identifier from a missing field',
			{ identifier: '={{ $json.nope }}' },
			{},
			/Identifier (is required|must be text)/,
		],
		[
			'identifier that is an object',
			{ identifier: '={{ $json.o }}' },
			{ o: { a: 1 } },
			/Identifier must be text, got an object/,
		],
		[
			'identifier with a line break',
			{ identifier: '@bra\nnd' },
			{},
			/Identifier contains control characters/,
		],
		[
			'identifier far too long',
			{ identifier: '@'.padEnd(600, 'x') },
			{},
			/Identifier is too long \(600 characters, at most 500\)/,
		],
		[
			'alias that is a list',
			{ additionalFields: { alias: '={{ $json.a }}' } },
			{ a: [1] },
			/Alias must be text, got a list/,
		],
	];

	test.each(cases)('%s', async (_name, fields, input, message) => {
		const { error, items } = await runGenviral(env.fake, createTarget(fields), {
			items: [{ json: input }],
		});

		expect(env.fake.requests).toHaveLength(0);
		expect(items).toHaveLength(0);
		// The engine keeps the error as data (what n8n persists and shows), not as an instance.
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
		expect(error?.message).toContain('[item 0]');
		expect(error?.context.itemIndex).toBe(0);
	});

	test('a literally empty Identifier is refused by n8n itself before the node runs', async () => {
		const { error } = await runGenviral(env.fake, createTarget({ identifier: '' }));
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.message).toContain('Parameter "Identifier" is required');
	});

	test('the item index in the error is the failing item, and earlier items were sent', async () => {
		const { error } = await runGenviral(env.fake, createTarget({ identifier: '={{ $json.h }}' }), {
			items: [{ json: { h: '@ok' } }, { json: { h: '@fine' } }, { json: { h: ' ' } }],
		});
		expect(env.fake.requests).toHaveLength(2);
		expect(error?.message).toContain('[item 2]');
		expect(error?.context.itemIndex).toBe(2);
	});
});
