/**
 * Template: Create, Create From Slideshow, Get, Get Many, Update, Delete, and the Template
 * picker, run in the real engine against the fake API.
 */
import { randomUUID } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { sampleTemplateConfig } from '../fake-genviral/resources/templates';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { callNodeMethod } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const PERSONAL_TOKEN = 'gva_live_9f9f9f.personal-secret';
const FAST = { retryDelay: 5, maxRetries: 3 };
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const template = (operation: string, fields: INodeParameters = {}): INodeParameters => ({
	resource: 'template',
	operation,
	...fields,
});
const httpCode = (error: unknown) => (error as { httpCode?: string } | undefined)?.httpCode;
const serverError = (status: number) => ({
	kind: 'error' as const,
	status,
	message: `Injected ${status}`,
});

/** A slideshow as GET /slideshows/{id} gives it (snake_case), for the lookup hook. */
function slideshow(id: string, slides = 2): Record<string, unknown> {
	return {
		id,
		title: 'Three habits',
		status: 'draft',
		slideshow_type: 'educational',
		product_id: null,
		preview_image_url: 'https://cdn.example.org/preview.jpg',
		settings: {
			image_pack_id: null,
			aspect_ratio: '9:16',
			slideshow_type: 'educational',
			advanced_settings: { font_size: 'default', text_preset: 'tiktok', text_width: 'default' },
			pack_assignments: null,
		},
		slides: Array.from({ length: slides }, (_v, index) => ({
			index,
			image_url: `https://cdn.example.org/${index}.jpg`,
			rendered_image_url: null,
			text_elements: [
				{ id: randomUUID(), content: `Habit ${index + 1}`, x: 50, y: 30, font_size: 48, width: 70 },
			],
		})),
	};
}

describe('Template operations', () => {
	const env = useFakeGenviral();
	const seed = (fields: Parameters<typeof env.fake.modules.templates.seed>[0] = {}) =>
		env.fake.modules.templates.seed(fields);

	describe('Create', () => {
		test('sends name, config (from JSON text) and the additional fields; outputs the template', async () => {
			const config = sampleTemplateConfig(3);
			const { items, error } = await runGenviral(
				env.fake,
				template('create', {
					name: '  Listicle  ',
					config: JSON.stringify(config),
					additionalFields: { description: 'Five tips', visibility: 'workspace' },
				}),
			);
			expect(error).toBeUndefined();
			expect(env.fake.requests).toHaveLength(1);
			expect(env.fake.requests[0]).toMatchObject({ method: 'POST', path: '/templates', query: {} });
			expect(env.fake.requests[0].body).toEqual({
				name: 'Listicle',
				config,
				description: 'Five tips',
				visibility: 'workspace',
			});
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				name: 'Listicle',
				description: 'Five tips',
				visibility: 'workspace',
				is_owner: true,
				config,
			});
			expect(items[0].pairedItem).toEqual({ item: 0 });
		});

		test('the config can be an object from an expression, e.g. the config of another template', async () => {
			const source = seed({ name: 'Source', config: sampleTemplateConfig(2) });
			const { items } = await runGenviral(
				env.fake,
				template('create', { name: 'Copy', config: '={{ $json.config }}' }),
				{
					items: [{ json: { config: source.config } }],
				},
			);
			expect(env.fake.requests[0].body).toEqual({ name: 'Copy', config: source.config });
			expect(items[0].json.config).toEqual(source.config);
		});

		test('the default config is a valid one-slide template', async () => {
			const { error, items } = await runGenviral(env.fake, {
				...template('create', { name: 'From the default' }),
			});
			expect(error).toBeUndefined();
			expect((items[0].json.config as { version: number }).version).toBe(1);
		});

		test.each([
			['not JSON', '{"version": 1,', /Config \(JSON\) is not valid JSON/],
			['a list', '[1, 2]', /Config \(JSON\) must be a JSON object; got a list/],
			[
				'version 2',
				JSON.stringify({ ...sampleTemplateConfig(), version: 2 }),
				/must have "version": 1 \(the only config version\); got number 2/,
			],
			[
				'version "1"',
				JSON.stringify({ ...sampleTemplateConfig(), version: '1' }),
				/"version": 1 .*got "1"/,
			],
			[
				'no slides array',
				JSON.stringify({ version: 1, structure: {} }),
				/must have "structure": \{"slides": \[\.\.\.\]\} with 1-10 slides/,
			],
			[
				'no slides',
				JSON.stringify({ ...sampleTemplateConfig(), structure: { slides: [] } }),
				/must have 1-10 slides in structure.slides; got 0/,
			],
			[
				'11 slides',
				JSON.stringify(sampleTemplateConfig(11)),
				/must have 1-10 slides in structure.slides; got 11/,
			],
		])('a config with %s is refused before sending', async (_what, config, message) => {
			const { error } = await runGenviral(env.fake, template('create', { name: 'Bad', config }));
			expect(env.fake.requests).toHaveLength(0);
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toMatch(message);
			expect(error?.message).toMatch(/\[item 0\]$/);
		});

		test.each([
			[{ name: '   ' }, /Name is required and cannot be empty/],
			[{ name: 'x'.repeat(101) }, /Name is too long \(101 characters, at most 100\)/],
			[
				{ name: 'ok', additionalFields: { visibility: '={{ "public" }}' } },
				/Additional Fields → Visibility must be one of private, workspace; got "public"/,
			],
			[
				{ name: 'ok', additionalFields: { description: 'd'.repeat(501) } },
				/Description is too long/,
			],
		])('bad input %j is refused before sending', async (fields, message) => {
			const { error } = await runGenviral(
				env.fake,
				template('create', { config: JSON.stringify(sampleTemplateConfig()), ...fields }),
			);
			expect(env.fake.requests).toHaveLength(0);
			expect(error?.message).toMatch(message);
		});

		test('a name you already use: 409 template_name_conflict', async () => {
			seed({ name: 'Listicle' });
			const { error } = await runGenviral(
				env.fake,
				template('create', { name: 'Listicle', config: JSON.stringify(sampleTemplateConfig()) }),
			);
			expect(httpCode(error)).toBe('409');
			expect(error?.context.errorCode).toBe('template_name_conflict');
		});

		test('never retried after a 500 or a dropped connection (a second create would clash or make a twin)', async () => {
			for (const fault of [serverError(500), { kind: 'reset' as const }]) {
				env.fake.reset();
				env.fake.inject('POST /templates', fault);
				const { error } = await runGenviral(
					env.fake,
					template('create', {
						name: 'Once',
						config: JSON.stringify(sampleTemplateConfig()),
						options: FAST,
					}),
				);
				expect(error).toBeDefined();
				expect(env.fake.requestsTo('POST /templates')).toHaveLength(1);
			}
		});

		test('retried after a 429 (sent before Genviral acts)', async () => {
			env.fake.inject('POST /templates', {
				kind: 'error',
				status: 429,
				error_code: 'rate_limited',
				message: 'slow down',
				headers: { 'retry-after': '0' },
			});
			const { error } = await runGenviral(
				env.fake,
				template('create', {
					name: 'Twice',
					config: JSON.stringify(sampleTemplateConfig()),
					options: FAST,
				}),
			);
			expect(error).toBeUndefined();
			expect(env.fake.requestsTo('POST /templates')).toHaveLength(2);
		});
	});

	describe('Create From Slideshow', () => {
		test('no fields when nothing is set; Genviral names and converts it', async () => {
			const id = randomUUID();
			env.fake.modules.templates.slideshowLookup = (_scope, wanted) =>
				wanted === id ? slideshow(id) : undefined;
			const { items, error } = await runGenviral(
				env.fake,
				template('createFromSlideshow', { slideshowId: id.toUpperCase() }),
			);
			expect(error).toBeUndefined();
			expect(env.fake.requests[0]).toMatchObject({
				method: 'POST',
				path: `/templates/from-slideshow/${id}`,
			});
			// n8n's HTTP helper drops an empty JSON object, so nothing is sent (the fake reads it as {}).
			expect(env.fake.requests[0].rawBody).toBe('');
			expect(items[0].json).toMatchObject({
				name: 'Three habits template',
				visibility: 'private',
				preview_url: 'https://cdn.example.org/preview.jpg',
			});
			expect(
				(items[0].json.config as { structure: { slides: unknown[] } }).structure.slides,
			).toHaveLength(2);
		});

		test('the additional fields go in snake_case; Preserve Text off empties the text', async () => {
			const id = randomUUID();
			env.fake.modules.templates.slideshowLookup = (_scope, wanted) =>
				wanted === id ? slideshow(id) : undefined;
			const { items } = await runGenviral(
				env.fake,
				template('createFromSlideshow', {
					slideshowId: id,
					additionalFields: {
						name: 'Habits',
						description: 'Blank habits',
						visibility: 'workspace',
						preserveText: false,
					},
				}),
			);
			expect(env.fake.requests[0].body).toEqual({
				name: 'Habits',
				description: 'Blank habits',
				visibility: 'workspace',
				preserve_text: false,
			});
			const slides = (
				items[0].json.config as {
					structure: { slides: Array<{ textElements: Array<{ content: string }> }> };
				}
			).structure.slides;
			expect(slides[0].textElements[0].content).toBe('');
		});

		test('a Slideshow ID that is not a UUID is refused before sending', async () => {
			const { error } = await runGenviral(
				env.fake,
				template('createFromSlideshow', { slideshowId: 'my-slideshow' }),
			);
			expect(env.fake.requests).toHaveLength(0);
			expect(error?.message).toBe(
				'Slideshow: Not a valid slideshow ID (a UUID); got "my-slideshow" [item 0]',
			);
		});

		test('a slideshow of another scope: 404 slideshow_not_found', async () => {
			const { error } = await runGenviral(
				env.fake,
				template('createFromSlideshow', { slideshowId: randomUUID() }),
			);
			expect(httpCode(error)).toBe('404');
			expect(error?.context.errorCode).toBe('slideshow_not_found');
		});

		test('never retried after a 500 or a dropped connection', async () => {
			for (const fault of [serverError(500), { kind: 'reset' as const }]) {
				env.fake.reset();
				env.fake.inject('POST /templates/from-slideshow/{slideshowId}', fault);
				await runGenviral(
					env.fake,
					template('createFromSlideshow', { slideshowId: randomUUID(), options: FAST }),
				);
				expect(env.fake.requests).toHaveLength(1);
			}
		});
	});

	describe('Get', () => {
		test('By ID and From List both send the ID; the output is the template', async () => {
			const t = seed({ name: 'Hooks' });
			for (const mode of ['id', 'list']) {
				env.fake.requests.length = 0;
				const { items } = await runGenviral(
					env.fake,
					template('get', { templateId: { __rl: true, mode, value: t.id } }),
				);
				expect(env.fake.requests.map((r) => [r.method, r.path, r.query])).toEqual([
					['GET', `/templates/${t.id}`, {}],
				]);
				expect(items).toHaveLength(1);
				expect(Object.keys(items[0].json).sort()).toEqual(
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
			}
		});

		test('a public template of someone else is readable, with is_owner false', async () => {
			const t = seed({
				visibility: 'public',
				scope: 'another-workspace',
				ownerUserId: randomUUID(),
			});
			const { items } = await runGenviral(env.fake, template('get', { templateId: byId(t.id) }));
			expect(items[0].json).toMatchObject({ id: t.id, visibility: 'public', is_owner: false });
		});

		test('a private template of another scope is a 404, like a missing one', async () => {
			const t = seed({ scope: env.fake.scopeOf(PERSONAL_TOKEN) });
			const { error } = await runGenviral(env.fake, template('get', { templateId: byId(t.id) }));
			expect(httpCode(error)).toBe('404');
			expect(error?.context.errorCode).toBe('not_found');
		});

		test.each([
			// n8n itself checks literal values against the locator's regex and required flag.
			[byId('nope'), "The 'Genviral' node has issues:\n- Not a valid template ID (a UUID)"],
			[
				{ __rl: true, mode: 'list', value: '' },
				'The \'Genviral\' node has issues:\n- Parameter "Template" is required.',
			],
			// Expressions are only known at run time: the node checks them itself.
			[byId('={{ 42 }}'), 'Template: Not a valid template ID (a UUID); got "42" [item 0]'],
			[byId('={{ "" }}'), 'Template is required: pick one from the list or give its ID [item 0]'],
		])('a bad template %j is refused before sending', async (templateId, message) => {
			const { error } = await runGenviral(env.fake, template('get', { templateId }));
			expect(env.fake.requests).toHaveLength(0);
			expect(error?.message).toBe(message);
		});
	});

	describe('Get Many', () => {
		test('Return All walks the pages (100 each) and gives one item per template, newest first', async () => {
			const seeded = Array.from({ length: 230 }, (_v, i) => seed({ name: `T${i}` }));
			const { items } = await runGenviral(env.fake, template('getMany', { returnAll: true }));
			expect(env.fake.requests.map((r) => r.query)).toEqual([
				{ limit: '100', offset: '0' },
				{ limit: '100', offset: '100' },
				{ limit: '100', offset: '200' },
			]);
			expect(items).toHaveLength(230);
			expect(items[0].json.id).toBe(seeded[229].id);
			expect(new Set(items.map((i) => i.json.id)).size).toBe(230);
			expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		});

		test('Limit asks for no more than it needs', async () => {
			Array.from({ length: 130 }, (_v, i) => seed({ name: `T${i}` }));
			const { items } = await runGenviral(
				env.fake,
				template('getMany', { returnAll: false, limit: 120 }),
			);
			expect(env.fake.requests.map((r) => r.query)).toEqual([
				{ limit: '100', offset: '0' },
				{ limit: '20', offset: '100' },
			]);
			expect(items).toHaveLength(120);
		});

		test('Filters → Search is sent as search; readable templates only', async () => {
			seed({ name: 'Listicle A' });
			seed({ name: 'Story' });
			seed({
				name: 'listicle public',
				visibility: 'public',
				scope: 'elsewhere',
				ownerUserId: randomUUID(),
			});
			seed({ name: 'Listicle hidden', scope: 'elsewhere', ownerUserId: randomUUID() });
			const { items } = await runGenviral(
				env.fake,
				template('getMany', { returnAll: true, filters: { search: ' listicle ' } }),
			);
			expect(env.fake.requests[0].query).toEqual({ search: 'listicle', limit: '100', offset: '0' });
			expect(items.map((i) => i.json.name).sort()).toEqual(['Listicle A', 'listicle public']);
		});

		test('none gives no items and no error; a Limit of 0 is refused', async () => {
			const empty = await runGenviral(env.fake, template('getMany', { returnAll: true }));
			expect(empty.error).toBeUndefined();
			expect(empty.items).toEqual([]);
			const { error } = await runGenviral(
				env.fake,
				template('getMany', { returnAll: false, limit: 0 }),
			);
			expect(error?.message).toMatch(/^Limit must be a whole number/);
			expect(env.fake.requests).toHaveLength(1);
		});
	});

	describe('Update', () => {
		test('only the fields set are sent; the config replaces the whole config', async () => {
			const t = seed({ name: 'Old' });
			const config = sampleTemplateConfig(4);
			const { items } = await runGenviral(
				env.fake,
				template('update', {
					templateId: byId(t.id),
					updateFields: { name: 'New', visibility: 'workspace', config: JSON.stringify(config) },
				}),
			);
			expect(env.fake.requests[0]).toMatchObject({ method: 'PATCH', path: `/templates/${t.id}` });
			expect(env.fake.requests[0].body).toEqual({ name: 'New', visibility: 'workspace', config });
			expect(items[0].json).toMatchObject({
				id: t.id,
				name: 'New',
				visibility: 'workspace',
				config,
			});
		});

		test('Clear Description sends null', async () => {
			const t = seed({ description: 'old' });
			const { items } = await runGenviral(
				env.fake,
				template('update', { templateId: byId(t.id), updateFields: { clearDescription: true } }),
			);
			expect(env.fake.requests[0].body).toEqual({ description: null });
			expect(items[0].json.description).toBeNull();
		});

		test.each([
			[
				{},
				/^Nothing to update: add at least one of Clear Description, Config \(JSON\), Description, Name or Visibility under Update Fields \[item 0\]$/,
			],
			[{ name: '  ' }, /^Nothing to update/],
			[
				{ description: 'x', clearDescription: true },
				/^Set either Update Fields → Description or Update Fields → Clear Description, not both/,
			],
			[
				{ config: JSON.stringify(sampleTemplateConfig(12)) },
				/Update Fields → Config \(JSON\) must have 1-10 slides in structure.slides; got 12/,
			],
			[{ config: '{oops' }, /Update Fields → Config \(JSON\) is not valid JSON/],
			[{ name: 'n'.repeat(101) }, /Update Fields → Name is too long/],
		])('Update refuses %j before sending', async (updateFields, message) => {
			const t = seed();
			const { error } = await runGenviral(
				env.fake,
				template('update', { templateId: byId(t.id), updateFields }),
			);
			expect(env.fake.requests).toHaveLength(0);
			expect(error?.message).toMatch(message);
		});

		test('a template you can read but do not own: 403 forbidden_template', async () => {
			const t = seed({ visibility: 'workspace', ownerUserId: randomUUID() });
			const { error } = await runGenviral(
				env.fake,
				template('update', { templateId: byId(t.id), updateFields: { name: 'Mine now' } }),
			);
			expect(httpCode(error)).toBe('403');
			expect(error?.context.errorCode).toBe('forbidden_template');
		});

		test('retried after a 500 (the same PATCH gives the same template)', async () => {
			const t = seed();
			env.fake.inject('PATCH /templates/{templateId}', serverError(500));
			const { error } = await runGenviral(
				env.fake,
				template('update', {
					templateId: byId(t.id),
					updateFields: { name: 'Again' },
					options: FAST,
				}),
			);
			expect(error).toBeUndefined();
			expect(env.fake.requests).toHaveLength(2);
		});
	});

	describe('Delete', () => {
		test('outputs { id, deleted } and the template is gone', async () => {
			const t = seed();
			const { items } = await runGenviral(env.fake, template('delete', { templateId: byId(t.id) }));
			expect(env.fake.requests[0]).toMatchObject({
				method: 'DELETE',
				path: `/templates/${t.id}`,
				rawBody: '',
			});
			expect(items[0].json).toEqual({ id: t.id, deleted: true });
			expect(
				env.fake.modules.templates.find(env.fake.scopeOf(DEFAULT_TOKEN), t.id),
			).toBeUndefined();
		});

		test('never retried after a 500 or a dropped connection (a lost answer may hide a deletion that worked)', async () => {
			const t = seed();
			for (const fault of [serverError(500), { kind: 'reset' as const }]) {
				env.fake.requests.length = 0;
				env.fake.inject('DELETE /templates/{templateId}', fault);
				await runGenviral(env.fake, template('delete', { templateId: byId(t.id), options: FAST }));
				expect(env.fake.requests).toHaveLength(1);
			}
		});
	});

	test('several items: each its own request, outputs paired; with Continue a failed item keeps its place', async () => {
		const a = seed({ name: 'A' });
		const b = seed({ name: 'B' });
		const { items } = await runGenviral(
			env.fake,
			template('get', { templateId: byId('={{ $json.id }}') }),
			{
				items: [{ json: { id: a.id } }, { json: { id: randomUUID() } }, { json: { id: b.id } }],
				continueOnFail: true,
			},
		);
		expect(items.map((i) => [i.json.name ?? i.json.error_code, i.pairedItem])).toEqual([
			['A', { item: 0 }],
			['not_found', { item: 1 }],
			['B', { item: 2 }],
		]);
	});
});

describe('the Template picker (searchTemplates)', () => {
	const env = useFakeGenviral();
	const credentials = () => ({
		genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl },
	});

	test('name · visibility, marked when not yours; the filter is the API search', async () => {
		const mine = env.fake.modules.templates.seed({ name: 'Listicle' });
		const theirs = env.fake.modules.templates.seed({
			name: 'Public listicle',
			visibility: 'public',
			scope: 'x',
			ownerUserId: randomUUID(),
		});
		env.fake.modules.templates.seed({ name: 'Story' });
		const result = await callNodeMethod('listSearch', 'searchTemplates', {
			credentials: credentials(),
			filter: 'LIST',
		});
		expect(env.fake.requests[0].query).toEqual({ limit: '100', offset: '0', search: 'LIST' });
		expect(result).toEqual({
			results: [
				{ name: 'Public listicle · public · not yours', value: theirs.id },
				{ name: 'Listicle · private', value: mine.id },
			],
		});
	});

	test('pages of 100 with a pagination token', async () => {
		Array.from({ length: 150 }, (_v, i) => env.fake.modules.templates.seed({ name: `T${i}` }));
		const first = (await callNodeMethod('listSearch', 'searchTemplates', {
			credentials: credentials(),
		})) as {
			results: unknown[];
			paginationToken?: string;
		};
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		const second = (await callNodeMethod('listSearch', 'searchTemplates', {
			credentials: credentials(),
			paginationToken: first.paginationToken,
		})) as { results: unknown[]; paginationToken?: string };
		expect(env.fake.requests[1].query).toEqual({ limit: '100', offset: '100' });
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();
	});
});
