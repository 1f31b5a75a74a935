import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const posts = (fields: Record<string, unknown> = {}) => ({
	resource: 'analytics',
	operation: 'getPosts',
	...fields,
});
const summary = (fields: Record<string, unknown> = {}) => ({
	resource: 'analytics',
	operation: 'getSummary',
	...fields,
});

describe('Analytics → Get Summary', () => {
	const env = useFakeGenviral();

	test('defaults to the last 30 days, one item with the summary', async () => {
		env.fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: '@acme', postCount: 20 });
		const { items } = await runGenviral(env.fake, summary());
		expect(env.fake.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/analytics/summary', { range: '30d' }],
		]);
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0].json)).toEqual([
			'kpis',
			'interactionSeries',
			'engagementSeries',
			'postingHeatmap',
			'postingStreak',
			'contentMix',
		]);
		expect(items[0].json.kpis).toMatchObject({ publishedVideos: { value: 20 } });
	});

	test('custom range, platforms and targets become start/end/platforms/accounts', async () => {
		const a = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'tiktok',
			identifier: '@a',
			postCount: 5,
		});
		const b = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'youtube',
			identifier: '@b',
			postCount: 5,
		});
		await runGenviral(
			env.fake,
			summary({
				dateRange: 'custom',
				startDate: '2026-01-01T00:00:00',
				endDate: '2026-03-31',
				filters: { platforms: ['tiktok', 'youtube'], targets: [a, b.toUpperCase()] },
			}),
		);
		expect(env.fake.requests[0].query).toEqual({
			start: '2026-01-01',
			end: '2026-03-31',
			platforms: 'tiktok,youtube',
			accounts: `${a},${b}`,
		});
	});

	test.each([
		[
			'start after end',
			{ startDate: '2026-05-01', endDate: '2026-04-01' },
			/Start Date \(2026-05-01\) must not be after End Date \(2026-04-01\)/,
		],
		[
			'malformed start',
			{ startDate: '2026-13-45', endDate: '2026-04-01' },
			/Start Date must be a date like 2026-01-31 \(or a date-time\); got "2026-13-45"/,
		],
		[
			'missing end (from an expression)',
			{ startDate: '2026-01-01', endDate: '={{ "" }}' },
			/End Date is required/,
		],
	])('custom range: %s is refused before sending', async (_name, dates, message) => {
		const { error } = await runGenviral(env.fake, summary({ dateRange: 'custom', ...dates }));
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.message).toMatch(message);
	});

	test.each([
		[
			'a platform outside the list',
			{ filters: { platforms: '={{ ["tiktok", "facebook"] }}' } },
			/Platforms contains "facebook", which is not allowed/,
		],
		[
			'a target that is not an ID',
			{ filters: { targets: '={{ ["@acme"] }}' } },
			/Target Names or IDs contains "@acme", which is not an ID/,
		],
		[
			'an unknown date range',
			{ dateRange: '={{ "7d" }}' },
			/Date Range must be one of all, custom, 14d, 30d, 90d, 1y; got "7d"/,
		],
	])('%s is refused before sending', async (_name, fields, message) => {
		const { error } = await runGenviral(env.fake, summary(fields));
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.message).toMatch(message);
	});
});

describe('Analytics → Get Posts', () => {
	const env = useFakeGenviral();

	test('one simplified item per post, metrics flat, correlation IDs kept', async () => {
		env.fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: '@acme', postCount: 3 });
		const { items } = await runGenviral(env.fake, posts());
		expect(env.fake.requests[0].query).toEqual({
			range: '30d',
			sortBy: 'published_at',
			sortOrder: 'desc',
			limit: '50',
			offset: '0',
		});
		expect(items).toHaveLength(3);
		expect(Object.keys(items[0].json)).toEqual([
			'analyticsId',
			'genviralPostId',
			'externalId',
			'platformPostId',
			'platform',
			'account',
			'publishedAt',
			'permalink',
			'caption',
			'views',
			'likes',
			'comments',
			'shares',
			'saves',
			'engagementRate',
		]);
		expect(items[0].json.genviralPostId).toMatch(/^0d0d0d0d-/);
		expect(items[0].json.externalId).toBe('run-1-0');
		expect(typeof items[0].json.views).toBe('number');
	});

	test('Simplify off: the API rows untouched', async () => {
		env.fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: '@acme', postCount: 2 });
		const { items } = await runGenviral(env.fake, posts({ simplify: false }));
		expect(items[0].json).toMatchObject({
			metrics: expect.any(Object),
			analyticsId: expect.any(String),
			accountIdentifier: '@acme',
		});
	});

	test('sort and filters are sent as the API names them', async () => {
		const a = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'instagram',
			identifier: '@acme',
			postCount: 30,
		});
		const { items } = await runGenviral(
			env.fake,
			posts({
				sortBy: 'views',
				sortOrder: 'asc',
				dateRange: 'all',
				filters: { targets: [a], platforms: ['instagram'] },
			}),
		);
		expect(env.fake.requests[0].query).toEqual({
			range: 'all',
			platforms: 'instagram',
			accounts: a,
			sortBy: 'views',
			sortOrder: 'asc',
			limit: '50',
			offset: '0',
		});
		const views = items.map((i) => i.json.views as number);
		expect(views).toEqual([...views].sort((x, y) => x - y));
	});

	test('Limit 150 takes two pages (100 + 50)', async () => {
		env.fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: '@acme', postCount: 400 });
		const { items } = await runGenviral(env.fake, posts({ dateRange: 'all', limit: 150 }));
		expect(env.fake.requests.map((r) => [r.query.limit, r.query.offset])).toEqual([
			['100', '0'],
			['50', '100'],
		]);
		expect(items).toHaveLength(150);
		expect(new Set(items.map((i) => i.json.analyticsId)).size).toBe(150);
	});

	test('Return All pages 100 at a time until hasMore is false', async () => {
		env.fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: '@acme', postCount: 250 });
		env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'youtube',
			identifier: '@acme',
			postCount: 100,
		});
		const { items } = await runGenviral(env.fake, posts({ dateRange: 'all', returnAll: true }));
		expect(env.fake.requests.map((r) => r.query.offset)).toEqual(['0', '100', '200', '300']);
		expect(items).toHaveLength(350);
		expect(new Set(items.map((i) => i.json.analyticsId)).size).toBe(350);
	});

	test('Return All stops at the offset cap and says how many posts were left out', async () => {
		env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'tiktok',
			identifier: '@big',
			postCount: 10_250,
		});
		const { items, run } = await runGenviral(
			env.fake,
			posts({ dateRange: 'all', returnAll: true }),
		);
		expect(env.fake.requests).toHaveLength(101);
		expect(env.fake.requests.at(-1)?.query.offset).toBe('10000');
		expect(items).toHaveLength(10_100);
		const hints = run?.data.resultData.runData.Genviral[0].hints ?? [];
		expect(hints).toEqual([
			expect.objectContaining({
				type: 'warning',
				message: expect.stringContaining('10100 of 10250 matching posts were returned'),
			}),
		]);
	});

	test.each([
		[
			'Limit above what the API can reach',
			{ limit: 20_000 },
			/Limit must be a whole number from 1 to 10100; got number 20000/,
		],
		[
			'Limit 0 from an expression',
			{ limit: '={{ 0 }}' },
			/Limit must be a whole number from 1 to 10100/,
		],
		[
			'an unknown sort field',
			{ sortBy: '={{ "saves" }}' },
			/Sort By must be one of comments, likes, published_at, shares, views; got "saves"/,
		],
	])('%s is refused before sending', async (_name, fields, message) => {
		const { error } = await runGenviral(env.fake, posts(fields));
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.message).toMatch(message);
	});
});

describe('Analytics → Get Workspace Suggestions', () => {
	const env = useFakeGenviral();

	test('one item per suggested scope', async () => {
		const { items } = await runGenviral(env.fake, {
			resource: 'analytics',
			operation: 'getWorkspaceSuggestions',
		});
		expect(env.fake.requests[0].path).toBe('/analytics/workspace-suggestions');
		expect(items.map((i) => i.json.workspaceName)).toEqual(['Old brand space', 'Personal']);
	});
});

describe('Trend → Get Brief', () => {
	const env = useFakeGenviral();
	const brief = (fields: Record<string, unknown> = {}) => ({
		resource: 'trend',
		operation: 'getBrief',
		keyword: 'skincare routine',
		...fields,
	});

	test('sends keyword, platform tiktok, range and limit; one item with the brief', async () => {
		const { items } = await runGenviral(env.fake, brief({ range: '30d', sampleVideos: 3 }));
		expect(env.fake.requests[0].path).toBe('/trends/brief');
		expect(env.fake.requests[0].query).toEqual({
			keyword: 'skincare routine',
			platform: 'tiktok',
			range: '30d',
			limit: '3',
		});
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0].json)).toEqual([
			'platform',
			'keyword',
			'range',
			'generated_at',
			'summary',
			'recommendations',
			'evidence',
		]);
		expect((items[0].json.evidence as { sample_videos: unknown[] }).sample_videos).toHaveLength(3);
	});

	test.each([
		['an empty keyword', { keyword: '={{ "  " }}' }, /Keyword is required/],
		[
			'31 sample videos',
			{ sampleVideos: '={{ 31 }}' },
			/Sample Videos must be a whole number from 1 to 30; got number 31/,
		],
		['an unknown range', { range: '={{ "1y" }}' }, /Range must be one of 24h, 30d, 7d; got "1y"/],
	])('%s is refused before sending', async (_name, fields, message) => {
		const { error } = await runGenviral(env.fake, brief(fields));
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.message).toMatch(message);
	});
});
