/** `npm run check:live` (scripts/check-live.ts) against the fake: no drift when it answers as documented, drift when it does not. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { main, runLiveCheck, isReadOnly, type ReferenceEndpoint } from '../scripts/check-live';
import { DEFAULT_TOKEN } from './fake-genviral/server';
import { useFakeGenviral } from './harness/fixtures';
import { endpoints } from './harness/reference';

const reference = endpoints() as ReferenceEndpoint[];
const ctx = useFakeGenviral();

/** One row in every list, so that each get has an ID to read. */
function seedOneOfEach(): { packId: string } {
	const { fake } = ctx;
	const scope = fake.scopeOf(DEFAULT_TOKEN);
	fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: '@brand', postCount: 3 });
	const pack = fake.modules.packs.seedPack(scope, {
		images: [{ url: 'https://cdn.example.org/a.jpg' }],
	});
	fake.modules.posts.seedPost(scope, {});
	fake.modules.folders.seed({});
	fake.modules.templates.seed({});
	fake.modules.slideshows.seedSlideshow(scope, {});
	fake.modules.files.seedFile(scope, { contentType: 'image/png' });
	return { packId: String(pack.id) };
}

async function check(options: { schemaDir?: string } = {}) {
	const lines: string[] = [];
	const report = await runLiveCheck({
		baseUrl: ctx.fake.baseUrl,
		token: DEFAULT_TOKEN,
		out: (line) => lines.push(line),
		...options,
	});
	return { report, lines, output: lines.join('\n') };
}

describe('check:live refuses', () => {
	test('without GENVIRAL_API_TOKEN: exit 2 and says what to set', async () => {
		const lines: string[] = [];
		expect(await main({ GENVIRAL_API_BASE_URL: ctx.fake.baseUrl }, (l) => lines.push(l))).toBe(2);
		expect(lines.join('\n')).toMatch(/GENVIRAL_API_TOKEN is not set/);
		expect(ctx.fake.requests).toHaveLength(0);
	});

	test('in CI, even with a token, without printing the token', async () => {
		const lines: string[] = [];
		expect(
			await main(
				{ CI: 'true', GENVIRAL_API_TOKEN: DEFAULT_TOKEN, GENVIRAL_API_BASE_URL: ctx.fake.baseUrl },
				(l) => lines.push(l),
			),
		).toBe(2);
		expect(lines.join('\n')).toMatch(/refusing to run in CI/);
		expect(lines.join('\n')).not.toContain(DEFAULT_TOKEN);
		expect(ctx.fake.requests).toHaveLength(0);
	});

	test('a base URL that would send the token in clear text to another machine', async () => {
		const lines: string[] = [];
		expect(
			await main(
				{ GENVIRAL_API_TOKEN: DEFAULT_TOKEN, GENVIRAL_API_BASE_URL: 'http://api.example.org/v1' },
				(l) => lines.push(l),
			),
		).toBe(2);
		expect(lines.join('\n')).toMatch(/must be https/);
		expect(lines.join('\n')).not.toContain(DEFAULT_TOKEN);
	});
});

describe('check:live only reads', () => {
	test('no write and no paid endpoint of the reference counts as read-only', () => {
		const readOnly = reference.filter(isReadOnly);
		expect(readOnly.length).toBeGreaterThan(20);
		expect(readOnly.every((e) => e.method === 'GET')).toBe(true);
		expect(
			reference
				.filter((e) => e.errors.some((x) => x.error_code === 'insufficient_credits'))
				.filter(isReadOnly),
		).toEqual([]);
	});

	test('every request it makes is a GET of a read-only endpoint, with the token only in the Authorization header', async () => {
		seedOneOfEach();
		const { report, output } = await check();
		expect(ctx.fake.requests.length).toBeGreaterThan(20);
		const allowed = new Set(reference.filter(isReadOnly).map((e) => `GET ${e.path}`));
		for (const request of ctx.fake.requests) {
			expect({
				method: request.method,
				endpoint: allowed.has(ctx.fake.endpointOf(request.method, request.path)),
			}).toEqual({ method: 'GET', endpoint: true });
			expect(request.headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`);
		}
		expect(report.requests).toHaveLength(ctx.fake.requests.length);
		expect(output).not.toContain(DEFAULT_TOKEN);
	});
});

describe('check:live against the fake', () => {
	test('no drift when every answer is as the reference documents it; every get is read with an ID from its list', async () => {
		seedOneOfEach();
		const { report, output } = await check();
		expect(report.results.filter((r) => r.status === 'drift')).toEqual([]);
		expect(report.drift).toBe(0);
		// Only the gets whose ID comes from a write (a refresh, a Studio video) are skipped.
		expect(
			report.results
				.filter((r) => r.status === 'skipped')
				.map((r) => r.name)
				.sort(),
		).toEqual(['Analytics.getRefresh', 'Studio.getVideo']);
		const checked = new Set(report.results.filter((r) => r.status === 'ok').map((r) => r.name));
		for (const get of [
			'Analytics.getTarget',
			'Folders.get',
			'Folders.ancestors',
			'Folders.listItems',
			'Posts.get',
			'Packs.get',
			'Templates.get',
			'Slideshows.get',
		]) {
			expect({ get, checked: checked.has(get) }).toEqual({ get, checked: true });
		}
		// Folders are listed once per documented media type.
		expect(
			report.results.filter((r) => r.name === 'Folders.list').map((r) => r.query.media_type),
		).toEqual(['ai_image', 'ai_video', 'upload', 'slideshow']);
		expect(output).toMatch(/check:live: \d+ ok, 0 with drift, 2 skipped/);
	});

	test('a changed answer shape is reported: missing, extra and retyped fields, and another status code', async () => {
		const { packId } = seedOneOfEach();
		const { fake } = ctx;
		fake.inject('GET /packs', {
			kind: 'json',
			status: 200,
			body: {
				ok: true,
				code: 200,
				message: 'Packs retrieved',
				data: {
					packs: [
						{
							id: packId,
							image_count: 1,
							preview_image_url: null,
							is_public: false,
							created_at: 'x',
							cover: 'new',
						},
					],
					total: '1',
					limit: 5,
				},
			},
		});
		fake.inject('GET /analytics/workspace-suggestions', {
			kind: 'json',
			status: 200,
			body: {
				ok: true,
				code: 200,
				message: 'ok',
				data: [{ workspaceId: 'w', workspaceName: 7, totalItems: 4, isPersonal: false }],
			},
		});
		fake.inject('GET /subscription', {
			kind: 'error',
			status: 500,
			error_code: 'internal_error',
			message: 'Database unavailable',
		});
		const { report, output } = await check();
		const findingsOf = (name: string) => report.results.find((r) => r.name === name)!.findings;
		expect(findingsOf('Packs.list')).toEqual(
			expect.arrayContaining([
				{ kind: 'missing', field: 'offset', source: 'reference' },
				{ kind: 'missing', field: 'packs[].name', source: 'reference' },
				{ kind: 'extra', field: 'packs[].cover', source: 'reference' },
			]),
		);
		expect(findingsOf('Analytics.listWorkspaceSuggestions')).toEqual([
			{
				kind: 'retyped',
				field: '[].workspaceName',
				expected: 'string',
				actual: 'number',
				source: 'reference',
			},
		]);
		expect(findingsOf('Subscription.get')).toEqual([
			{
				kind: 'status',
				expected: 200,
				actual: 500,
				detail: 'error_code=internal_error message="Database unavailable"',
			},
		]);
		// The get still reads the pack whose ID the changed list gave.
		expect(report.results.find((r) => r.name === 'Packs.get')!.status).toBe('ok');
		expect(report.drift).toBe(3);
		expect(output).toContain('DRIFT  GET /packs?limit=5 (Packs.list)');
		expect(output).toContain('missing: packs[].name');
		expect(output).toContain('retyped: [].workspaceName: documented string, got number');
		expect(output).toContain('status: 500, documented 200 error_code=internal_error');
		expect(output).toMatch(/3 with drift/);
	});

	test("with the operation's output schema: a field the schema types differently is reported", async () => {
		seedOneOfEach();
		const schemaDir = mkdtempSync(path.join(os.tmpdir(), 'genviral-schema-'));
		mkdirSync(path.join(schemaDir, 'imagePack'));
		writeFileSync(
			path.join(schemaDir, 'imagePack', 'getMany.json'),
			JSON.stringify({
				type: 'object',
				properties: {
					id: { type: 'string' },
					name: { type: 'number' },
					image_count: { type: 'integer' },
					gone: { type: 'string' },
				},
			}),
		);
		const { report } = await check({ schemaDir });
		const packs = report.results.find((r) => r.name === 'Packs.list')!;
		expect(packs.findings).toEqual(
			expect.arrayContaining([
				{ kind: 'retyped', field: 'name', expected: 'number', actual: 'string', source: 'schema' },
				{ kind: 'missing', field: 'gone', source: 'schema' },
			]),
		);
		// No schema file for the other operations: compared with the reference only, no drift.
		expect(report.results.filter((r) => r.status === 'drift').map((r) => r.name)).toEqual([
			'Packs.list',
		]);
	});
});
