import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { callNodeMethod } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const target = (
	operation: string,
	id: string,
	fields: Record<string, unknown> = {},
	mode = 'id',
) => ({
	resource: 'analyticsTarget',
	operation,
	targetId: { __rl: true, mode, value: id },
	...fields,
});

const OTHER_SCOPE_TOKEN = 'gva_live_9f9f9f.personal-secret';

describe('Analytics Target: Get, Get Many, Update, Delete', () => {
	const env = useFakeGenviral();
	const seed = (identifier: string, platform = 'tiktok', postCount = 10) =>
		env.fake.seedTarget(DEFAULT_TOKEN, {
			platform,
			identifier,
			postCount,
			display_name: `${identifier} name`,
		});

	test('Get Many: one item per target, no pagination parameters sent', async () => {
		const ids = [seed('@a'), seed('@b', 'instagram'), seed('@c', 'youtube')];
		const { items } = await runGenviral(env.fake, {
			resource: 'analyticsTarget',
			operation: 'getMany',
			returnAll: true,
		});
		expect(env.fake.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/analytics/targets', {}],
		]);
		expect(items.map((i) => i.json.id)).toEqual(ids);
		expect(items[1].json).toMatchObject({
			id: ids[1],
			target_id: ids[1],
			platform: 'instagram',
			identifier: '@b',
		});
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Get Many: Limit cuts the list', async () => {
		seed('@a');
		seed('@b');
		seed('@c');
		const { items } = await runGenviral(env.fake, {
			resource: 'analyticsTarget',
			operation: 'getMany',
			returnAll: false,
			limit: 2,
		});
		expect(items).toHaveLength(2);
	});

	test('Get Many of an empty scope gives no items and no error', async () => {
		const { items, error } = await runGenviral(env.fake, {
			resource: 'analyticsTarget',
			operation: 'getMany',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	test('Get: the target with its summary, as the API gives it', async () => {
		const id = seed('@acme');
		const { items } = await runGenviral(env.fake, target('get', id));
		expect(env.fake.requests[0].path).toBe(`/analytics/targets/${id}`);
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0].json)).toEqual(['target', 'summary']);
		expect(items[0].json.target).toMatchObject({ id, identifier: '@acme' });
		expect(Object.keys(items[0].json.summary as object)).toEqual([
			'profile',
			'totals',
			'timeline',
			'topPosts',
			'refresh',
		]);
	});

	test('Get: the From List mode takes the chosen ID', async () => {
		const id = seed('@acme');
		const { items } = await runGenviral(env.fake, target('get', id, {}, 'list'));
		expect((items[0].json.target as { id: string }).id).toBe(id);
	});

	test('Get: a literal ID that is not a UUID is refused by the locator itself', async () => {
		const { error } = await runGenviral(env.fake, target('get', 'acme'));
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.message).toContain('Not a valid target ID (a UUID)');
	});

	test('Get: an ID from an expression that is not a UUID is refused before sending', async () => {
		const { error } = await runGenviral(env.fake, target('get', '={{ "acme" }}'));
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Target: Not a valid target ID (a UUID); got "acme" [item 0]');
	});

	test("Get: another scope's target is a 404, like a missing one", async () => {
		const id = env.fake.seedTarget(OTHER_SCOPE_TOKEN, {
			platform: 'tiktok',
			identifier: '@private',
			postCount: 1,
		});
		const { error } = await runGenviral(env.fake, target('get', id));
		expect(error?.name).toBe('NodeApiError');
		expect((error as unknown as { httpCode: string }).httpCode).toBe('404');
		expect(error?.description).toContain("Not found in this key's scope");
	});

	test('Update: camelCase body with only the fields set', async () => {
		const id = seed('@acme');
		const { items } = await runGenviral(
			env.fake,
			target('update', id, {
				updateFields: {
					displayName: ' Acme HQ ',
					favorite: true,
					maxPosts: 20,
					freeDailyRefresh: false,
				},
			}),
		);
		expect(env.fake.requests[0]).toMatchObject({
			method: 'PATCH',
			path: `/analytics/targets/${id}`,
		});
		expect(env.fake.requests[0].body).toEqual({
			displayName: 'Acme HQ',
			favorite: true,
			refreshPolicy: { freeDailyRefresh: false, maxPosts: 20 },
		});
		expect(items[0].json).toEqual({
			id,
			platform: 'tiktok',
			identifier: '@acme',
			display_name: 'Acme HQ',
			metadata: { favorite: true, refreshPolicy: { freeDailyRefresh: false, maxPosts: 20 } },
		});
	});

	test('Update: clearing the display name and the refresh policy sends null', async () => {
		const id = seed('@acme');
		await runGenviral(
			env.fake,
			target('update', id, { updateFields: { clearDisplayName: true, clearRefreshPolicy: true } }),
		);
		expect(env.fake.requests[0].body).toEqual({ displayName: null, refreshPolicy: null });
	});

	test('Update: favorite false is sent (false is a value, not an absence)', async () => {
		const id = seed('@acme');
		await runGenviral(env.fake, target('update', id, { updateFields: { favorite: false } }));
		expect(env.fake.requests[0].body).toEqual({ favorite: false });
	});

	test.each([
		[{}, /Nothing to update/],
		[{ displayName: '   ' }, /Nothing to update/],
		[
			{ displayName: 'x', clearDisplayName: true },
			/^Set either Update Fields → Display Name or Update Fields → Clear Display Name, not both \[item 0\]$/,
		],
		[
			{ maxPosts: 5, clearRefreshPolicy: true },
			/^Set either Update Fields → Max Posts or Update Fields → Clear Refresh Policy, not both/,
		],
		[
			{ maxPosts: 5, freeDailyRefresh: false, clearRefreshPolicy: true },
			/^Set either Update Fields → Free Daily Refresh and Update Fields → Max Posts or Update Fields → Clear Refresh Policy, not both/,
		],
		[{ clearDisplayName: false }, /^Nothing to update/],
		[{ maxPosts: '={{ 0 }}' }, /Max Posts must be a whole number from 1 to 1000; got number 0/],
		[{ favorite: '={{ "yes" }}' }, /Favorite must be true or false; got "yes"/],
	])('Update refuses %j before sending', async (updateFields, message) => {
		const id = seed('@acme');
		const { error } = await runGenviral(env.fake, target('update', id, { updateFields }));
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.message).toMatch(message);
	});

	test('Delete: says what was deleted, and the target is gone', async () => {
		const id = seed('@acme');
		const { items } = await runGenviral(env.fake, target('delete', id));
		expect(env.fake.requests[0]).toMatchObject({
			method: 'DELETE',
			path: `/analytics/targets/${id}`,
		});
		expect(items[0].json).toEqual({ deleted: true, id });
		const after = await runGenviral(env.fake, {
			resource: 'analyticsTarget',
			operation: 'getMany',
			returnAll: true,
		});
		expect(after.items).toEqual([]);
	});

	test('Delete of an unknown target: 404 NodeApiError', async () => {
		const { error } = await runGenviral(
			env.fake,
			target('delete', '0a0a0a0a-0000-4000-8000-00000000ffff'),
		);
		expect((error as unknown as { httpCode: string }).httpCode).toBe('404');
		expect(error?.context.errorCode).toBe('not_found');
	});
});

describe('the Target list (resource locator and filter options)', () => {
	const env = useFakeGenviral();
	const credentials = () => ({
		genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl },
	});

	test('searchTargets lists name, platform and handle; the filter narrows it', async () => {
		const a = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'tiktok',
			identifier: '@acme',
			postCount: 0,
			display_name: 'Acme',
		});
		const b = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'youtube',
			identifier: '@zeta',
			postCount: 0,
		});
		const all = await callNodeMethod('listSearch', 'searchTargets', { credentials: credentials() });
		expect(all).toEqual({
			results: [
				{ name: '@zeta · YouTube', value: b },
				{ name: 'Acme · TikTok · @acme', value: a },
			],
		});
		const filtered = await callNodeMethod('listSearch', 'searchTargets', {
			credentials: credentials(),
			filter: 'tikt',
		});
		expect(filtered).toEqual({ results: [{ name: 'Acme · TikTok · @acme', value: a }] });
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /analytics/targets',
			'GET /analytics/targets',
		]);
	});

	test('getTargets fills the Targets filter', async () => {
		const a = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'instagram',
			identifier: '@acme',
			postCount: 0,
		});
		expect(
			await callNodeMethod('loadOptions', 'getTargets', { credentials: credentials() }),
		).toEqual([{ name: '@acme · Instagram', value: a }]);
	});

	test('a wrong token in the list search is a clear API error', async () => {
		await expect(
			callNodeMethod('listSearch', 'searchTargets', {
				credentials: {
					genviralApi: { apiToken: 'gva_live_000000.nope', baseUrl: env.fake.baseUrl },
				},
			}),
		).rejects.toMatchObject({ message: 'API key not found', httpCode: '401' });
	});
});
