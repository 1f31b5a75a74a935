/**
 * What comes back from the network and ends up in messages: the token and its secret are
 * stripped wherever a server echoes them, every quoted text is bounded, and every message
 * says what really happened (who asked to wait, whether a retry could have helped).
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_KEYS, FakeGenviral } from '../fake-genviral/server';
import { createTarget } from '../harness/fixtures';
import type { GenviralRun } from '../harness/genviral';
import { runGenviral } from '../harness/genviral';

const PUBLIC_ID = 'gva_live_ec40ec';
const SECRET = 'echoed-secret-5f1d2c9b7a';
const TOKEN = `${PUBLIC_ID}.${SECRET}`;
const ONCE = { maxRetries: 0 };
const getMany = (options: INodeParameters = ONCE): INodeParameters => ({
	resource: 'analyticsTarget',
	operation: 'getMany',
	returnAll: true,
	options,
});

/** Every place a run can show text: the error, its JSON, the items, the run data. */
function surfaces(run: GenviralRun): Record<string, string> {
	const { error } = run;
	return {
		message: String(error?.message),
		description: String(error?.description),
		errorJson: JSON.stringify(error ?? null),
		items: JSON.stringify(run.items),
		errorItems: JSON.stringify(run.errorItems),
		runData: JSON.stringify(run.run?.data.resultData.runData ?? null),
	};
}

describe('secrets echoed by a server are stripped before they reach an error or an item', () => {
	const fake = new FakeGenviral({
		...DEFAULT_KEYS,
		[TOKEN]: { ...Object.values(DEFAULT_KEYS)[0] },
	});
	beforeAll(async () => {
		await fake.start();
	});
	afterAll(async () => {
		await fake.stop();
	});
	beforeEach(() => fake.reset());

	const echoes: Array<[string, () => void]> = [
		[
			'a 401 envelope whose message quotes the key',
			() =>
				fake.inject('GET /analytics/targets', {
					kind: 'error',
					status: 401,
					error_code: 'invalid_token',
					message: `API key ${TOKEN} was revoked`,
				}),
		],
		[
			'a proxy error page that prints the request headers',
			() =>
				fake.inject('GET /analytics/targets', {
					kind: 'raw',
					status: 502,
					body: `<html><pre>GET /analytics/targets\nAuthorization: Bearer ${TOKEN}\nAccept: application/json</pre></html>`,
				}),
		],
		[
			'a message that quotes only the secret part',
			() =>
				fake.inject('GET /analytics/targets', {
					kind: 'error',
					status: 400,
					message: `secret "${SECRET}" does not match`,
				}),
		],
		[
			'an error_code that carries the token',
			() =>
				fake.inject('GET /analytics/targets', {
					kind: 'error',
					status: 403,
					error_code: `bad_key_${TOKEN}`,
				}),
		],
		[
			'a non-JSON 200 that echoes the token',
			() =>
				fake.inject('GET /analytics/targets', {
					kind: 'raw',
					status: 200,
					body: `debug: token=${TOKEN}`,
				}),
		],
	];

	test.each(echoes)('%s', async (_name, inject) => {
		for (const continueOnFail of [false, true]) {
			inject();
			const run = await runGenviral(fake, getMany(), { token: TOKEN, continueOnFail });
			for (const [surface, text] of Object.entries(surfaces(run))) {
				expect({ surface, continueOnFail, leaked: text.includes(SECRET) }).toEqual({
					surface,
					continueOnFail,
					leaked: false,
				});
			}
			const shown = continueOnFail
				? JSON.stringify(run.items)
				: `${run.error?.message} ${run.error?.description}`;
			expect(shown).toContain('[redacted]');
		}
	});

	test('the 401 message keeps its words around the stripped key (the public id alone is kept)', async () => {
		fake.inject('GET /analytics/targets', {
			kind: 'error',
			status: 401,
			error_code: 'invalid_token',
			message: `API key ${TOKEN} was revoked (${PUBLIC_ID})`,
		});
		const { error } = await runGenviral(fake, getMany(), { token: TOKEN });
		expect(error?.message).toBe(`API key [redacted] was revoked (${PUBLIC_ID})`);
	});

	test('a success whose data echoes the token gives items without it', async () => {
		fake.inject('POST /analytics/targets', {
			kind: 'json',
			status: 201,
			body: {
				ok: true,
				code: 201,
				message: 'Created',
				data: {
					created: true,
					target: {
						id: 't-1',
						platform: 'tiktok',
						identifier: '@brand',
						note: `made with ${TOKEN}`,
					},
				},
			},
		});
		const run = await runGenviral(fake, createTarget({ options: ONCE }), { token: TOKEN });
		expect(run.error).toBeUndefined();
		expect(JSON.stringify(run.items)).not.toContain(SECRET);
		expect(JSON.stringify(run.items)).toContain('made with [redacted]');
	});
});

describe('texts from the network are bounded', () => {
	const fake = new FakeGenviral();
	beforeAll(async () => {
		await fake.start();
	});
	afterAll(async () => {
		await fake.stop();
	});
	beforeEach(() => fake.reset());

	test('a 10 MB message in a 400 envelope becomes a short message, description and error item', async () => {
		const huge = `Bad value: ${'x'.repeat(10 * 1024 * 1024)}`;
		for (const continueOnFail of [false, true]) {
			fake.inject('POST /analytics/targets', {
				kind: 'error',
				status: 400,
				error_code: `invalid_payload${'y'.repeat(100_000)}`,
				message: huge,
			});
			const run = await runGenviral(fake, createTarget({ options: ONCE }), { continueOnFail });
			if (continueOnFail) {
				expect(JSON.stringify(run.items).length).toBeLessThan(3000);
				expect(String(run.items[0].json.error)).toMatch(/^Bad value: x+\.\.\.$/);
			} else {
				expect(run.error?.message).toMatch(/^Bad value: x+\.\.\.$/);
				expect(run.error?.message.length).toBeLessThanOrEqual(303);
				expect(String(run.error?.description).length).toBeLessThan(1000);
				expect(JSON.stringify(run.error).length).toBeLessThan(5000);
			}
		}
	});
});

describe('messages say what happened', () => {
	const fake = new FakeGenviral();
	beforeAll(async () => {
		await fake.start();
	});
	afterAll(async () => {
		await fake.stop();
	});
	beforeEach(() => fake.reset());
	const seedId = () =>
		fake.seedTarget(Object.keys(DEFAULT_KEYS)[0], {
			platform: 'tiktok',
			identifier: '@acme',
			postCount: 0,
		});
	const refresh = (id: string): INodeParameters => ({
		resource: 'analyticsTarget',
		operation: 'refresh',
		targetId: { __rl: true, mode: 'id', value: id },
		options: { retryDelay: 5 },
	});
	const rateLimited = {
		kind: 'error' as const,
		status: 429,
		error_code: 'rate_limited',
		message: 'Too many requests',
		headers: { 'retry-after': '0' },
	};

	test('our own backoff above Max Retry Wait is not called a Genviral request to wait', async () => {
		fake.inject('GET /analytics/targets', { kind: 'error', status: 503, message: 'Injected 503' });
		const { error } = await runGenviral(fake, getMany({ retryDelay: 5000, maxRetryWait: 1 }));
		expect(error?.message).toMatch(
			/^Injected 503 \(the next retry would have waited [3-5] s, more than the Max Retry Wait of 1 s\)$/,
		);
		expect(error?.description).toContain('Raise Max Retry Wait');
		expect(fake.requests).toHaveLength(1);
	});

	test.each([
		['truncated JSON', '{"ok":true,"code":200,"data":{"targets":['],
		['an HTML page', '<html><body>Welcome to the hotel Wi-Fi</body></html>'],
	])('a 200 with %s does not say Genviral rejected the request', async (_name, body) => {
		fake.inject('GET /analytics/targets', { kind: 'raw', status: 200, body });
		const { error } = await runGenviral(fake, getMany());
		expect(error?.message).toBe(
			'Genviral answered GET /analytics/targets with HTTP 200 but the body is not a Genviral JSON envelope',
		);
		expect(error?.description).not.toMatch(/rejected/i);
		expect(error?.description).toContain('This is not an answer Genviral gives');
	});

	test('a refresh answered 429 does not advise turning on retries (a refresh is never retried)', async () => {
		const id = seedId();
		fake.inject('POST /analytics/targets/{id}/refresh', rateLimited);
		const { error } = await runGenviral(fake, refresh(id));
		expect(error?.context.errorCode).toBe('rate_limited');
		expect(error?.description).not.toMatch(/turn on/i);
		expect(error?.description).toContain(
			'This request is never retried automatically, since it may spend credits or act twice',
		);
		expect(fake.requestsTo('POST /analytics/targets/{id}/refresh')).toHaveLength(1);
	});

	test('a read answered 429 with Retry on Rate Limit off does advise turning it on', async () => {
		fake.inject('GET /analytics/targets', rateLimited);
		const { error } = await runGenviral(fake, getMany({ retryOnRateLimit: false }));
		expect(error?.description).toContain("Turn on Retry on Rate Limit in the node's options");
	});

	test('a read that ran out of retries on 429 advises more retries or fewer requests', async () => {
		fake.inject('GET /analytics/targets', rateLimited, rateLimited);
		const { error } = await runGenviral(fake, getMany({ retryDelay: 5, maxRetries: 1 }));
		expect(error?.message).toBe('Too many requests (gave up after 2 attempts; last: HTTP 429)');
		expect(error?.description).toContain('Retries ran out: raise Max Retries');
		expect(error?.description).not.toMatch(/turn on/i);
	});

	test('a Delete answered 503 says why it was not retried', async () => {
		const id = seedId();
		fake.inject('DELETE /analytics/targets/{id}', {
			kind: 'error',
			status: 503,
			message: 'Injected 503',
		});
		const { error } = await runGenviral(fake, {
			resource: 'analyticsTarget',
			operation: 'delete',
			targetId: { __rl: true, mode: 'id', value: id },
		});
		expect(error?.message).toBe('Injected 503');
		expect(error?.description).toContain(
			'not retried automatically, since it may already have taken effect',
		);
	});
});
