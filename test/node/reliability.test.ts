/**
 * Faults the network and the API can produce, each proven in both directions where a rule
 * applies: retried when safe (counting the requests the fake received), not retried when not.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { createTarget, useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const ID = '0a0a0a0a-0000-4000-8000-00000000a001';
/** Short waits so the suite stays fast; the defaults are 1 s doubling. */
const FAST = { retryDelay: 5, maxRetries: 3 };
const getMany = (options: INodeParameters = FAST): INodeParameters => ({
	resource: 'analyticsTarget',
	operation: 'getMany',
	returnAll: true,
	options,
});
const onTarget = (
	operation: string,
	extra: INodeParameters = {},
	options: INodeParameters = FAST,
): INodeParameters => ({
	resource: 'analyticsTarget',
	operation,
	targetId: { __rl: true, mode: 'id', value: ID },
	options,
	...extra,
});
const httpCode = (error: unknown) => (error as { httpCode?: string } | undefined)?.httpCode;
const serverError = (status: number) => ({
	kind: 'error' as const,
	status,
	message: `Injected ${status}`,
});
const rateLimited = (retryAfter?: string) => ({
	kind: 'error' as const,
	status: 429,
	error_code: 'rate_limited',
	message: 'Too many requests',
	headers: retryAfter === undefined ? undefined : { 'retry-after': retryAfter },
});

describe('retries: what is retried', () => {
	const env = useFakeGenviral();
	const seedId = () =>
		env.fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: '@acme', postCount: 0 });

	test.each([500, 502, 503, 504])('a read (GET) after HTTP %i', async (status) => {
		env.fake.inject('GET /analytics/targets', serverError(status));
		const { error, items } = await runGenviral(env.fake, getMany());
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(env.fake.requestsTo('GET /analytics/targets')).toHaveLength(2);
	});

	test('a read after an HTML 502 page from a proxy', async () => {
		env.fake.inject('GET /analytics/targets', {
			kind: 'raw',
			status: 502,
			body: '<html><h1>502 Bad Gateway</h1></html>',
		});
		const { error } = await runGenviral(env.fake, getMany());
		expect(error).toBeUndefined();
		expect(env.fake.requests).toHaveLength(2);
	});

	test('a read after the connection was reset', async () => {
		env.fake.inject('GET /analytics/targets', { kind: 'reset' }, { kind: 'reset' });
		const { error } = await runGenviral(env.fake, getMany());
		expect(error).toBeUndefined();
		expect(env.fake.requests).toHaveLength(3);
	});

	test('creating a target (idempotent POST) after a 503 and a reset', async () => {
		env.fake.inject('POST /analytics/targets', serverError(503), { kind: 'reset' });
		const { error, items } = await runGenviral(env.fake, createTarget({ options: FAST }));
		expect(error).toBeUndefined();
		expect(items[0].json.created).toBe(true);
		expect(env.fake.requests).toHaveLength(3);
	});

	test('an update (PATCH) after a 500', async () => {
		const id = seedId();
		env.fake.inject('PATCH /analytics/targets/{id}', serverError(500));
		const { error } = await runGenviral(env.fake, {
			...onTarget('update', { updateFields: { favorite: true } }),
			targetId: { __rl: true, mode: 'id', value: id },
		});
		expect(error).toBeUndefined();
		expect(env.fake.requests).toHaveLength(2);
	});

	test('a DELETE after a 429 (Genviral refused it before doing anything)', async () => {
		const id = seedId();
		env.fake.inject('DELETE /analytics/targets/{id}', rateLimited('0'));
		const { error, items } = await runGenviral(env.fake, {
			...onTarget('delete'),
			targetId: { __rl: true, mode: 'id', value: id },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ deleted: true, id });
		expect(env.fake.requests).toHaveLength(2);
	});

	test('a 429 without Retry-After falls back to the exponential backoff', async () => {
		env.fake.inject('GET /analytics/targets', rateLimited(), rateLimited());
		const { error } = await runGenviral(env.fake, getMany());
		expect(error).toBeUndefined();
		expect(env.fake.requests).toHaveLength(3);
	});

	test('a 429 with Retry-After in seconds waits at least that long', async () => {
		env.fake.inject('GET /analytics/targets', rateLimited('1'));
		const { error } = await runGenviral(env.fake, getMany());
		expect(error).toBeUndefined();
		const [first, second] = env.fake.requests;
		expect(second.at - first.at).toBeGreaterThanOrEqual(950);
	});

	test('a 429 with Retry-After as an HTTP date waits until then', async () => {
		const at = new Date(Date.now() + 2000);
		env.fake.inject('GET /analytics/targets', rateLimited(at.toUTCString()));
		const { error } = await runGenviral(env.fake, getMany());
		expect(error).toBeUndefined();
		const [, second] = env.fake.requests;
		// HTTP dates have whole seconds: the retry comes no earlier than the named second.
		expect(second.at).toBeGreaterThanOrEqual(Math.floor(at.getTime() / 1000) * 1000 - 50);
	});
});

describe('retries: what is never retried', () => {
	const env = useFakeGenviral();
	const seedId = () =>
		env.fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: '@acme', postCount: 0 });
	const refresh = (id: string) => ({
		...onTarget('refresh'),
		targetId: { __rl: true, mode: 'id', value: id },
	});

	test.each([
		['HTTP 503', serverError(503)],
		['HTTP 500', serverError(500)],
		['a reset connection', { kind: 'reset' as const }],
		['a 429, even with Retry-After: 0', rateLimited('0')],
	])('a refresh (it may spend credits) after %s', async (_name, fault) => {
		const id = seedId();
		env.fake.inject('POST /analytics/targets/{id}/refresh', fault);
		const { error } = await runGenviral(env.fake, refresh(id));
		expect(error).toBeDefined();
		expect(env.fake.requestsTo('POST /analytics/targets/{id}/refresh')).toHaveLength(1);
		expect(error?.context.attempts).toBe(1);
	});

	test('a DELETE after a 503 (a lost answer could hide a deletion that worked)', async () => {
		const id = seedId();
		env.fake.inject('DELETE /analytics/targets/{id}', serverError(503));
		const { error } = await runGenviral(env.fake, {
			...onTarget('delete'),
			targetId: { __rl: true, mode: 'id', value: id },
		});
		expect(httpCode(error)).toBe('503');
		expect(env.fake.requests).toHaveLength(1);
	});

	test.each([400, 401, 402, 403, 404, 409, 422])(
		'a read after HTTP %i (the request itself is wrong)',
		async (status) => {
			env.fake.inject('GET /analytics/targets', serverError(status));
			const { error } = await runGenviral(env.fake, getMany());
			expect(httpCode(error)).toBe(String(status));
			expect(env.fake.requests).toHaveLength(1);
		},
	);

	test('a read that timed out (it already waited the whole Timeout)', async () => {
		env.fake.inject('GET /analytics/targets', { kind: 'hang' });
		const { error } = await runGenviral(env.fake, getMany({ ...FAST, timeout: 200 }));
		expect(error?.message).toBe('Genviral did not answer GET /analytics/targets in time');
		expect(env.fake.requests).toHaveLength(1);
	});

	test('a 429 with Retry on Rate Limit off', async () => {
		env.fake.inject('GET /analytics/targets', rateLimited('0'));
		const { error } = await runGenviral(env.fake, getMany({ ...FAST, retryOnRateLimit: false }));
		expect(httpCode(error)).toBe('429');
		expect(error?.context.errorCode).toBe('rate_limited');
		expect(env.fake.requests).toHaveLength(1);
	});

	test('a 503 with Retry on Transient Errors off', async () => {
		env.fake.inject('GET /analytics/targets', serverError(503));
		const { error } = await runGenviral(
			env.fake,
			getMany({ ...FAST, retryOnTransientErrors: false }),
		);
		expect(httpCode(error)).toBe('503');
		expect(env.fake.requests).toHaveLength(1);
	});

	test('a Retry-After longer than Max Retry Wait fails at once and says why', async () => {
		env.fake.inject('GET /analytics/targets', rateLimited('120'));
		const { error } = await runGenviral(env.fake, getMany({ ...FAST, maxRetryWait: 10 }));
		expect(env.fake.requests).toHaveLength(1);
		expect(error?.message).toBe(
			'Too many requests (Genviral asked to wait 120 s before retrying, more than the Max Retry Wait of 10 s)',
		);
		expect((error as unknown as { failure: unknown }).failure).toEqual({
			cause: 'rate-limited',
			retryAfterMs: 120_000,
		});
	});
});

describe('retries: when they run out', () => {
	const env = useFakeGenviral();

	test('the error says how many attempts were made and how the last one ended', async () => {
		env.fake.inject(
			'GET /analytics/targets',
			serverError(503),
			serverError(502),
			serverError(503),
			serverError(503),
		);
		const { error } = await runGenviral(env.fake, getMany());
		expect(env.fake.requests).toHaveLength(4);
		expect(error?.message).toBe('Injected 503 (gave up after 4 attempts; last: HTTP 503)');
		expect(httpCode(error)).toBe('503');
		expect(error?.context.attempts).toBe(4);
	});

	test('Max Retries 0 sends once', async () => {
		env.fake.inject('GET /analytics/targets', serverError(503));
		const { error } = await runGenviral(env.fake, getMany({ maxRetries: 0 }));
		expect(env.fake.requests).toHaveLength(1);
		expect(error?.message).toBe('Injected 503');
	});

	test('connection resets until the end: the last network error is named', async () => {
		env.fake.inject('GET /analytics/targets', { kind: 'reset' }, { kind: 'reset' });
		const { error } = await runGenviral(env.fake, getMany({ ...FAST, maxRetries: 1 }));
		expect(error?.message).toBe(
			'Could not reach Genviral for GET /analytics/targets: the connection was reset (gave up after 2 attempts; last: ECONNRESET)',
		);
	});
});

describe('bad answers become NodeApiErrors that say what came back', () => {
	const env = useFakeGenviral();
	const once = { maxRetries: 0 };

	test.each([
		[
			'an HTML error page',
			{
				kind: 'raw' as const,
				status: 502,
				body: '<html><body><h1>502 Bad Gateway</h1>nginx</body></html>',
			},
			'Genviral answered HTTP 502 to POST /analytics/targets',
			'Response: <html><body><h1>502 Bad Gateway</h1>nginx</body></html>',
			'502',
		],
		[
			'an empty 200',
			{ kind: 'raw' as const, status: 200, body: '' },
			'Genviral answered POST /analytics/targets with HTTP 200 but the body is not a Genviral JSON envelope',
			'Response: (empty body)',
			'200',
		],
		[
			'truncated JSON',
			{
				kind: 'raw' as const,
				status: 200,
				body: '{"ok":true,"code":200,"data":{"target":{"id":"0a0a',
			},
			'Genviral answered POST /analytics/targets with HTTP 200 but the body is not a Genviral JSON envelope',
			'Response: {"ok":true,"code":200,"data":{"target":{"id":"0a0a',
			'200',
		],
		[
			'ok:false inside a 200',
			{
				kind: 'json' as const,
				status: 200,
				body: {
					ok: false,
					code: 403,
					message: 'Key may not access this workspace',
					error_code: 'tier_not_allowed',
				},
			},
			'Key may not access this workspace',
			'error_code: tier_not_allowed',
			'403',
		],
		[
			'ok:true without data',
			{
				kind: 'json' as const,
				status: 201,
				body: { ok: true, code: 201, message: 'Analytics target created' },
			},
			'Genviral answered POST /analytics/targets with ok:true but without the expected "data" field',
			'Response: {"ok":true,"code":201,"message":"Analytics target created"}',
			'201',
		],
		[
			'data of the wrong shape',
			{
				kind: 'json' as const,
				status: 201,
				body: { ok: true, code: 201, message: 'x', data: ['not', 'an', 'object'] },
			},
			'Genviral answered POST /analytics/targets without the expected "data" object',
			'Response: ["not","an","object"]',
			'200',
		],
		[
			'a target that is not an object',
			{
				kind: 'json' as const,
				status: 201,
				body: { ok: true, code: 201, message: 'x', data: { target: 'acme', created: true } },
			},
			'Genviral answered POST /analytics/targets without the expected "target" object',
			'Response: "acme"',
			'200',
		],
		[
			'JSON that is not an envelope',
			{ kind: 'json' as const, status: 200, body: { id: 'x' } },
			'Genviral answered POST /analytics/targets with HTTP 200 but the body is not a Genviral JSON envelope',
			'Response: {"id":"x"}',
			'200',
		],
	])('%s', async (_name, fault, message, described, status) => {
		env.fake.inject('POST /analytics/targets', fault);
		const { error } = await runGenviral(env.fake, createTarget({ options: once }));
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(message);
		expect(error?.description).toContain(described);
		expect(httpCode(error)).toBe(status);
		expect(error?.context.itemIndex).toBe(0);
	});

	test('a huge HTML page is cut to a short snippet', async () => {
		env.fake.inject('GET /analytics/targets', {
			kind: 'raw',
			status: 503,
			body: `<html>${'x'.repeat(100_000)}</html>`,
		});
		const { error } = await runGenviral(env.fake, getMany(once));
		expect(error?.description?.length).toBeLessThan(600);
		expect(error?.description).toMatch(/Response: <html>x+\.\.\.$/);
	});
});
