import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { createTarget, useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const CREATE = 'POST /analytics/targets';

describe('the plan gate, reached with real keys of different owners', () => {
	const env = useFakeGenviral();

	test('a wrong token: 401 invalid_token, pointing at the credential', async () => {
		const { error } = await runGenviral(env.fake, createTarget(), {
			token: 'gva_live_000000.not-a-real-key',
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('API key not found');
		expect((error as unknown as { httpCode: string }).httpCode).toBe('401');
		expect(error?.context.errorCode).toBe('invalid_token');
		expect(error?.description).toContain('error_code: invalid_token');
		expect(error?.description).toContain('Open the Genviral API credential');
		expect((error as unknown as { failure: unknown }).failure).toEqual({
			cause: 'credential-invalid',
		});
	});

	test('an empty token still reaches the API and gets the same 401', async () => {
		const { error } = await runGenviral(env.fake, createTarget(), { token: '' });
		expect(env.fake.requests[0].headers.authorization).toBe('Bearer');
		expect(error?.context.errorCode).toBe('invalid_token');
	});

	test('an owner without a plan: 402 subscription_required', async () => {
		const { error } = await runGenviral(env.fake, createTarget(), {
			token: 'gva_live_d0d0d0.unpaid-secret',
		});
		expect((error as unknown as { httpCode: string }).httpCode).toBe('402');
		expect(error?.context.errorCode).toBe('subscription_required');
		expect(error?.message).toBe('An active plan is required');
		expect(error?.description).toContain('no active Creator, Professional or Business plan');
	});

	test('a Scheduler-tier owner: 403 tier_not_allowed', async () => {
		const { error } = await runGenviral(env.fake, createTarget(), {
			token: 'gva_live_5c5c5c.scheduler-secret',
		});
		expect((error as unknown as { httpCode: string }).httpCode).toBe('403');
		expect(error?.context.errorCode).toBe('tier_not_allowed');
		expect(error?.description).toContain('Scheduler');
	});

	test('the fake itself answers an unsupported platform with 400 (the node never sends one)', async () => {
		// Direct call: the node refuses such a platform before sending (see the validation tests).
		const response = await fetch(`${env.fake.baseUrl}/analytics/targets`, {
			method: 'POST',
			headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({ platform: 'facebook', identifier: '@x' }),
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ ok: false, code: 400 });
	});
});

describe('errors name the item that failed', () => {
	const env = useFakeGenviral();

	test('the third of three items fails: the run stops there with item index 2', async () => {
		env.fake.inject(
			CREATE,
			{ kind: 'pass' },
			{ kind: 'pass' },
			{ kind: 'error', status: 500, message: 'database down' },
		);
		const { error } = await runGenviral(
			env.fake,
			createTarget({ identifier: '={{ $json.h }}', options: { maxRetries: 0 } }),
			{
				items: [{ json: { h: '@a' } }, { json: { h: '@b' } }, { json: { h: '@c' } }],
			},
		);
		expect(env.fake.requests).toHaveLength(3);
		expect(error?.message).toBe('database down');
		expect(error?.context.itemIndex).toBe(2);
	});
});

describe('network failures', () => {
	const env = useFakeGenviral();

	test('connection refused: a clear error naming the endpoint', async () => {
		const closed = env.fake.baseUrl.replace(/:\d+\//, ':1/');
		const { error } = await runGenviral(env.fake, createTarget({ options: { maxRetries: 0 } }), {
			baseUrl: closed,
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'Could not reach Genviral for POST /analytics/targets: the connection was refused',
		);
		expect(error?.description).toContain('ECONNREFUSED');
		expect(error?.context.networkError).toBe('ECONNREFUSED');
		expect(error?.context.itemIndex).toBe(0);
	});

	test('a server that never answers ends in a timeout error after the Timeout option', async () => {
		env.fake.inject(CREATE, { kind: 'hang' });
		const started = Date.now();
		const { error } = await runGenviral(env.fake, createTarget({ options: { timeout: 300 } }));
		expect(error?.message).toBe('Genviral did not answer POST /analytics/targets in time');
		expect(error?.description).toContain('Timeout option');
		// Not a speed assertion: proves the option, not the default minute, was applied.
		expect(Date.now() - started).toBeLessThan(20_000);
	});

	test('a connection reset before any answer', async () => {
		env.fake.inject(CREATE, { kind: 'reset' });
		const { error } = await runGenviral(env.fake, createTarget({ options: { maxRetries: 0 } }));
		expect(error?.message).toBe(
			'Could not reach Genviral for POST /analytics/targets: the connection was reset',
		);
	});
});

describe('the Base URL of the credential', () => {
	const env = useFakeGenviral();

	test('plain http to a non-loopback host is refused before sending the token', async () => {
		const { error } = await runGenviral(env.fake, createTarget(), {
			baseUrl: 'http://genviral.example.org/api/partner/v1',
		});
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain('must use https://');
		expect(env.fake.requests).toHaveLength(0);
	});

	test('a value that is not a URL is refused', async () => {
		const { error } = await runGenviral(env.fake, createTarget(), { baseUrl: 'not a url' });
		expect(error?.message).toContain('is not a valid URL');
	});

	test('a trailing slash is tolerated', async () => {
		const { error } = await runGenviral(env.fake, createTarget(), {
			baseUrl: `${env.fake.baseUrl}/`,
		});
		expect(error).toBeUndefined();
		expect(env.fake.requests[0].path).toBe('/analytics/targets');
	});
});
