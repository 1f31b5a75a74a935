/**
 * Hardening of what sits above the transport: waits (batches, polls) end at once on cancel and
 * stay inside Max Wait, answers that would make a wait loop wrong are errors, rows are always
 * the data of an item, pagination moves by what it kept, timers cannot overflow, dates come
 * from expressions, and every field reads "true"/"false", numbers and handles the same way.
 * Each test failed on the code before these changes (see CHANGELOG 0.2.0).
 */
import { DEFAULT_TOKEN, OFFSET_CAP } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const targetParams = (operation: string, id: string, fields: Record<string, unknown> = {}) => ({
	resource: 'analyticsTarget',
	operation,
	targetId: { __rl: true, mode: 'id', value: id },
	...fields,
});
const WAIT = { waitForCompletion: true, pollInterval: 0.05, maxWait: 5 };

describe('waits end at once when the execution is cancelled (6)', () => {
	const env = useFakeGenviral();

	test('between two batches', async () => {
		const started = Date.now();
		const { nodeError, items } = await runGenviral(
			env.fake,
			{
				resource: 'subscription',
				operation: 'get',
				options: { batching: { batch: { batchSize: 1, batchInterval: 60_000 } } },
			},
			{ items: [{ json: {} }, { json: {} }, { json: {} }], cancelAfterMs: 300 },
		);
		expect(Date.now() - started).toBeLessThan(3000);
		expect(nodeError?.message).toMatch(
			/^The execution was cancelled while waiting between two batches/,
		);
		expect(items).toEqual([]);
		expect(env.fake.requestsTo('GET /subscription')).toHaveLength(1);
	});

	test('between two status reads of a refresh', async () => {
		const id = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'tiktok',
			identifier: '@acme',
			postCount: 0,
		});
		env.fake.refreshPlan = ['processing', 'completed'];
		env.fake.refreshStepMs = 60_000;
		const started = Date.now();
		const { nodeError } = await runGenviral(
			env.fake,
			targetParams('refresh', id, { ...WAIT, pollInterval: 30, maxWait: 600 }),
			{
				cancelAfterMs: 300,
			},
		);
		expect(Date.now() - started).toBeLessThan(3000);
		expect(nodeError?.message).toMatch(
			/^The execution was cancelled while waiting for refresh [0-9a-f-]{36}/,
		);
		expect(env.fake.requestsTo('POST /analytics/targets/{id}/refresh')).toHaveLength(1);
	});
});

describe('waits: cadence, ids and statuses from the API (7, 16)', () => {
	const env = useFakeGenviral();
	const seed = () =>
		env.fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: '@acme', postCount: 0 });

	test('status reads keep the Poll Interval: never two reads closer than the interval', async () => {
		const id = seed();
		env.fake.refreshPlan = ['processing', 'processing', 'completed'];
		env.fake.refreshStepMs = 200;
		const { error } = await runGenviral(
			env.fake,
			targetParams('refresh', id, { ...WAIT, pollInterval: 0.15 }),
		);
		expect(error).toBeUndefined();
		const reads = env.fake.requestsTo('GET /analytics/refreshes/{id}').map((r) => r.at);
		expect(reads.length).toBeGreaterThanOrEqual(3);
		expect(reads.length).toBeLessThanOrEqual(7);
		for (let i = 1; i < reads.length; i++)
			expect(reads[i] - reads[i - 1]).toBeGreaterThanOrEqual(140);
	});

	test.each([
		['no id', { status: 'pending' }],
		['an id that is not a UUID', { id: '../../targets', status: 'pending' }],
	])(
		'a queued refresh with %s is an error, never a read of /analytics/refreshes/undefined',
		async (_name, refresh) => {
			const id = seed();
			env.fake.inject('POST /analytics/targets/{id}/refresh', {
				kind: 'json',
				status: 200,
				body: {
					ok: true,
					code: 200,
					message: 'Analytics refresh queued',
					data: { refresh: { target_id: id, ...refresh }, wasFree: true },
				},
			});
			const { error } = await runGenviral(env.fake, targetParams('refresh', id, WAIT));
			expect(error?.message).toMatch(/without the expected refresh "id" \(a UUID\)/);
			expect(env.fake.requestsTo('GET /analytics/refreshes/{id}')).toHaveLength(0);
		},
	);

	test.each(['COMPLETED', 'cancelled', 'error'])(
		'an unknown refresh status (%s) is an error that names it, at once',
		async (status) => {
			const id = seed();
			env.fake.faultFor = (request) =>
				request.method === 'GET' && request.path.startsWith('/analytics/refreshes/')
					? {
							kind: 'json',
							status: 200,
							body: {
								ok: true,
								code: 200,
								message: 'ok',
								data: { id: request.path.split('/').pop(), status },
							},
						}
					: undefined;
			const started = Date.now();
			const { error } = await runGenviral(env.fake, targetParams('refresh', id, WAIT));
			expect(error?.message).toMatch(
				new RegExp(`^Refresh [0-9a-f-]{36} has a status the node does not know: "${status}"`),
			);
			expect(error?.description).toMatch(/Analytics Refresh → Get \(ID [0-9a-f-]{36}\)/);
			expect(env.fake.requestsTo('GET /analytics/refreshes/{id}')).toHaveLength(1);
			expect(Date.now() - started).toBeLessThan(2000);
		},
	);
});

describe('rows are always the data of an item (9)', () => {
	const env = useFakeGenviral();

	test('a row with "json" and "pairedItem" keys keeps all its fields and its true pairing', async () => {
		env.fake.workspaceSuggestions = [
			{
				workspaceId: null,
				workspaceName: 'Odd',
				json: { injected: true },
				pairedItem: { item: 7 },
				binary: 'x',
			},
		];
		const { items } = await runGenviral(
			env.fake,
			{ resource: 'analytics', operation: 'getWorkspaceSuggestions' },
			{
				items: [{ json: {} }, { json: {} }],
			},
		);
		expect(items).toHaveLength(2);
		for (const [index, item] of items.entries()) {
			expect(item.json).toEqual({
				workspaceId: null,
				workspaceName: 'Odd',
				json: { injected: true },
				pairedItem: { item: 7 },
				binary: 'x',
			});
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.binary).toBeUndefined();
		}
	});
});

describe('pagination moves by the rows it kept (10)', () => {
	const env = useFakeGenviral();

	test('a server that answers twice the rows asked for: Return All still gets every row once, in order', async () => {
		const total = 350;
		const all = Array.from({ length: total }, (_v, i) => ({ id: `row-${i}`, metrics: {} }));
		env.fake.faultFor = (request) => {
			if (request.path !== '/analytics/summary/posts') return undefined;
			const limit = Number(request.query.limit);
			const offset = Number(request.query.offset);
			const posts = all.slice(offset, offset + limit * 2);
			return {
				kind: 'json',
				status: 200,
				body: {
					ok: true,
					code: 200,
					message: 'ok',
					data: { posts, totalCount: total, hasMore: offset + limit < total },
				},
			};
		};
		const { items, error } = await runGenviral(env.fake, {
			resource: 'analytics',
			operation: 'getPosts',
			returnAll: true,
			simplify: false,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(all.map((r) => r.id));
		// Every row of a page is kept and the offset moves by them (the last request is the
		// server's own hasMore asking for more).
		expect(
			env.fake.requestsTo('GET /analytics/summary/posts').map((r) => Number(r.query.offset)),
		).toEqual([0, 200, 350]);
	});

	test('the offset-cap warning appears once per run, not once per item', async () => {
		env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'tiktok',
			identifier: '@big',
			postCount: OFFSET_CAP + 500,
		});
		const { run, error } = await runGenviral(
			env.fake,
			{
				resource: 'analytics',
				operation: 'getPosts',
				dateRange: 'all',
				returnAll: true,
				simplify: false,
			},
			{ items: [{ json: {} }, { json: {} }] },
		);
		expect(error).toBeUndefined();
		const hints =
			(
				run?.data.resultData.runData.Genviral?.[0] as unknown as {
					hints?: Array<{ message: string }>;
				}
			).hints ?? [];
		expect(hints.filter((h) => h.message.includes('offset limit'))).toHaveLength(1);
	});
});

describe('timers cannot overflow (11)', () => {
	const env = useFakeGenviral();

	test.each([
		[
			'Timeout',
			{ timeout: 3_000_000_000 },
			/^Options → Timeout must be a whole number from 1 to 2147483647/,
		],
		[
			'Batch Interval',
			{ batching: { batch: { batchSize: 1, batchInterval: 2_147_483_648 } } },
			/Batch Interval \(Ms\) must be a whole number from 0 to 2147483647/,
		],
	])('%s above 2,147,483,647 ms is refused before any request', async (_name, options, message) => {
		const { error } = await runGenviral(env.fake, {
			resource: 'subscription',
			operation: 'get',
			options,
		});
		expect(error?.message).toMatch(message);
		expect(env.fake.requests).toHaveLength(0);
	});

	test('the editor offers no value above the timer limit either', async () => {
		const { loadTypes } = await import('../harness/engine');
		const { genviralLoader } = await loadTypes();
		const options = genviralLoader.types.nodes[0].properties.find((p) => p.name === 'options');
		const timeout = (
			options?.options as Array<{ name: string; typeOptions?: { maxValue?: number } }>
		).find((o) => o.name === 'timeout');
		expect(timeout?.typeOptions?.maxValue).toBe(2_147_483_647);
	});
});

describe('dates from expressions (14)', () => {
	const env = useFakeGenviral();
	const custom = (startDate: string, endDate: string) => ({
		resource: 'analytics',
		operation: 'getSummary',
		dateRange: 'custom',
		startDate,
		endDate,
	});
	const sentQuery = () => env.fake.requestsTo('GET /analytics/summary')[0]?.query;
	const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

	test('Luxon DateTime ($now, $today) and JS Date are accepted and sent as their UTC date', async () => {
		const { error } = await runGenviral(
			env.fake,
			custom('={{ $now.minus({ days: 7 }) }}', '={{ new Date() }}'),
		);
		expect(error).toBeUndefined();
		expect(sentQuery()).toMatchObject({
			start: utcDate(Date.now() - 7 * 86_400_000),
			end: utcDate(Date.now()),
		});
	});

	test('a date-time with an offset becomes the UTC date it falls on, not its local date', async () => {
		const { error } = await runGenviral(
			env.fake,
			custom('2026-03-01T01:30:00+05:00', '2026-03-02T23:30:00-05:00'),
		);
		expect(error).toBeUndefined();
		expect(sentQuery()).toMatchObject({ start: '2026-02-28', end: '2026-03-03' });
	});

	test('{{ $today }} is accepted', async () => {
		const { error } = await runGenviral(
			env.fake,
			custom('={{ $today.minus({ days: 1 }) }}', '={{ $today }}'),
		);
		expect(error).toBeUndefined();
		expect(sentQuery()?.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	test.each(['2026-01-01T::::', '2026-02-30', 'yesterday'])(
		'garbage (%s) is refused before any request',
		async (value) => {
			const { error } = await runGenviral(env.fake, custom(value, '2026-03-01'));
			expect(error?.message).toMatch(/^Start Date must be a date like 2026-01-31/);
			expect(env.fake.requests).toHaveLength(0);
		},
	);
});

describe('every field reads values the same way (15)', () => {
	const env = useFakeGenviral();

	test('YouTube handles in other scripts are valid for YouTube, not for TikTok', async () => {
		const youtube = await runGenviral(env.fake, {
			resource: 'analyticsTarget',
			operation: 'create',
			platform: 'youtube',
			identifier: '@みずき',
		});
		expect(youtube.error).toBeUndefined();
		expect(env.fake.requestsTo('POST /analytics/targets')[0].body).toEqual({
			platform: 'youtube',
			identifier: '@みずき',
		});
		const tiktok = await runGenviral(env.fake, {
			resource: 'analyticsTarget',
			operation: 'create',
			platform: 'tiktok',
			identifier: '@みずき',
		});
		expect(tiktok.error?.message).toMatch(/^Identifier must be a handle such as @brand/);
	});

	test('"false" from an expression is false in every boolean field (Simplify, Return All, retry options)', async () => {
		env.fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: '@acme', postCount: 3 });
		env.fake.inject('GET /analytics/summary/posts', { kind: 'error', status: 503 });
		const { error } = await runGenviral(env.fake, {
			resource: 'analytics',
			operation: 'getPosts',
			returnAll: '={{ "false" }}',
			limit: 2,
			simplify: '={{ "false" }}',
			options: { retryOnTransientErrors: '={{ "false" }}' },
		});
		// Retries off: the 503 is not retried.
		expect(error?.message).toMatch(/503|Injected/);
		expect(env.fake.requestsTo('GET /analytics/summary/posts')).toHaveLength(1);
		const second = await runGenviral(env.fake, {
			resource: 'analytics',
			operation: 'getPosts',
			returnAll: '={{ "false" }}',
			limit: 2,
			simplify: '={{ "false" }}',
		});
		expect(second.items).toHaveLength(2);
		expect(second.items[0].json.metrics).toBeDefined();
	});

	test.each(['0x10', '1e', ' ', '16px'])('"%s" is not a number', async (value) => {
		const { error } = await runGenviral(env.fake, {
			resource: 'analytics',
			operation: 'getPosts',
			returnAll: false,
			limit: `={{ "${value}" }}`,
		});
		expect(error?.message).toMatch(/^Limit (must be a whole number|is required)/);
		expect(env.fake.requests).toHaveLength(0);
	});
});

describe('output order under uneven latency (16)', () => {
	const env = useFakeGenviral();

	test('with Batching, outputs keep input order though later items answer first', async () => {
		const ids = Array.from({ length: 6 }, (_v, i) =>
			env.fake.seedTarget(DEFAULT_TOKEN, {
				platform: 'tiktok',
				identifier: `@acct${i}`,
				postCount: 0,
			}),
		);
		// The first items answer last: completion order is the reverse of input order.
		env.fake.latencyFor = (request) => {
			const index = ids.findIndex((id) => request.path.endsWith(id));
			return index < 0 ? 0 : (ids.length - index) * 60;
		};
		const { items, error } = await runGenviral(
			env.fake,
			{
				...targetParams('get', '={{ $json.id }}'),
				options: { batching: { batch: { batchSize: 6, batchInterval: 0 } } },
			},
			{ items: ids.map((id) => ({ json: { id } })) },
		);
		expect(error).toBeUndefined();
		expect(env.fake.maxInFlight).toBe(6);
		expect(items.map((i) => (i.json.target as { id: string }).id)).toEqual(ids);
		expect(items.map((i) => i.pairedItem)).toEqual(ids.map((_id, item) => ({ item })));
	});
});
