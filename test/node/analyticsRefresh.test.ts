import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const refresh = (id: string, fields: Record<string, unknown> = {}) => ({
	resource: 'analyticsTarget',
	operation: 'refresh',
	targetId: { __rl: true, mode: 'id', value: id },
	...fields,
});
// Short intervals so the suite stays fast; the node's defaults are 10 s and 300 s.
const WAIT = { waitForCompletion: true, pollInterval: 0.05, maxWait: 5 };

describe('Analytics Target → Refresh', () => {
	const env = useFakeGenviral();
	const seed = () =>
		env.fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: '@acme', postCount: 0 });
	const sent = (endpoint: string) => env.fake.requestsTo(endpoint).length;

	test('without waiting: the queued refresh, free the first time today', async () => {
		const id = seed();
		const { items } = await runGenviral(env.fake, refresh(id));
		expect(env.fake.requests.map((r) => [r.method, r.path, r.rawBody])).toEqual([
			['POST', `/analytics/targets/${id}/refresh`, ''],
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			target_id: id,
			status: 'pending',
			credits_used: 0,
			free_refresh_used: true,
			wasFree: true,
		});
	});

	test('the second refresh of the day costs credits (wasFree false, credits_used > 0)', async () => {
		const id = seed();
		await runGenviral(env.fake, refresh(id, WAIT));
		const { items } = await runGenviral(env.fake, refresh(id));
		expect(items[0].json).toMatchObject({ wasFree: false, credits_used: 5 });
	});

	test('waiting: polls the refresh status until completed and returns the final row', async () => {
		const id = seed();
		// pending → processing → processing → completed, one step every 100 ms (by the clock).
		env.fake.refreshPlan = ['processing', 'processing', 'completed'];
		env.fake.refreshStepMs = 100;
		const { items, error } = await runGenviral(env.fake, refresh(id, WAIT));
		expect(error).toBeUndefined();
		const refreshId = items[0].json.id as string;
		expect(sent(`POST /analytics/targets/{id}/refresh`)).toBe(1);
		const reads = env.fake.requests.slice(1).map((r) => `${r.method} ${r.path}`);
		expect(new Set(reads)).toEqual(new Set([`GET /analytics/refreshes/${refreshId}`]));
		// 300 ms of progress at one read per 50 ms: about 6 reads, never hundreds.
		expect(reads.length).toBeGreaterThanOrEqual(4);
		expect(reads.length).toBeLessThanOrEqual(9);
		expect(items[0].json).toMatchObject({
			id: refreshId,
			status: 'completed',
			wasFree: true,
			credits_used: 0,
		});
		expect(items[0].json.completed_at).toEqual(expect.any(String));
	});

	test('waiting: a failed refresh is an error that says so', async () => {
		const id = seed();
		env.fake.refreshPlan = ['processing', 'failed'];
		const { error } = await runGenviral(env.fake, refresh(id, WAIT));
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(
			new RegExp(
				`^Refresh [0-9a-f-]{36} of target ${id} failed: The profile could not be fetched \\(private or removed\\) \\[item 0\\]$`,
			),
		);
		expect(sent('POST /analytics/targets/{id}/refresh')).toBe(1);
	});

	test('waiting: a refresh that never ends stops at Max Wait with an error naming the refresh', async () => {
		const id = seed();
		env.fake.refreshPlan = Array(1000).fill('processing');
		const { error } = await runGenviral(env.fake, refresh(id, { ...WAIT, maxWait: 1 }));
		expect(error?.message).toMatch(/did not finish within 1 s \(last status: processing\)/);
		expect(error?.description).toMatch(/Analytics Refresh → Get \(ID [0-9a-f-]{36}\)/);
		expect(sent('POST /analytics/targets/{id}/refresh')).toBe(1);
		expect(sent('GET /analytics/refreshes/{id}')).toBeGreaterThan(1);
	});

	test('a refresh already running: 409 analytics_conflict', async () => {
		const id = seed();
		await runGenviral(env.fake, refresh(id));
		const { error } = await runGenviral(env.fake, refresh(id));
		expect((error as unknown as { httpCode: string }).httpCode).toBe('409');
		expect(error?.context.errorCode).toBe('analytics_conflict');
		expect(error?.description).toContain('already running');
	});

	test('no credits left for a paid refresh: 402', async () => {
		const id = seed();
		env.fake.setCredits(DEFAULT_TOKEN, 2);
		await runGenviral(env.fake, refresh(id, WAIT));
		const { error } = await runGenviral(env.fake, refresh(id));
		expect((error as unknown as { httpCode: string }).httpCode).toBe('402');
		expect(error?.message).toBe('Not enough credits for a paid refresh');
	});

	test('Wait options from expressions are checked before anything is sent', async () => {
		const id = seed();
		const { error } = await runGenviral(
			env.fake,
			refresh(id, { ...WAIT, pollInterval: '={{ -1 }}' }),
		);
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.message).toBe(
			'Poll Interval (Seconds) must be a number from 0.05 to 3600; got number -1 [item 0]',
		);
	});
});

describe('Analytics Refresh → Get', () => {
	const env = useFakeGenviral();

	test('reads the status of a refresh by its ID', async () => {
		const id = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'tiktok',
			identifier: '@acme',
			postCount: 0,
		});
		const queued = await runGenviral(env.fake, refresh(id));
		const refreshId = queued.items[0].json.id as string;
		const { items } = await runGenviral(env.fake, {
			resource: 'analyticsRefresh',
			operation: 'get',
			refreshId,
		});
		expect(env.fake.requests[1].path).toBe(`/analytics/refreshes/${refreshId}`);
		expect(items[0].json).toMatchObject({ id: refreshId, target_id: id });
		expect(['pending', 'processing', 'completed']).toContain(items[0].json.status);
	});

	test('an unknown refresh: 404 refresh_not_found', async () => {
		const { error } = await runGenviral(env.fake, {
			resource: 'analyticsRefresh',
			operation: 'get',
			refreshId: '0b0b0b0b-0000-4000-8000-00000000ffff',
		});
		expect(error?.context.errorCode).toBe('refresh_not_found');
		expect((error as unknown as { httpCode: string }).httpCode).toBe('404');
	});

	test('a Refresh ID that is not a UUID is refused before sending', async () => {
		const { error } = await runGenviral(env.fake, {
			resource: 'analyticsRefresh',
			operation: 'get',
			refreshId: 'latest',
		});
		expect(env.fake.requests).toHaveLength(0);
		expect(error?.message).toMatch(/^Refresh ID must be an ID like/);
	});
});
