import { DEFAULT_TOKEN } from './fake-genviral/server';
import { testCredential } from './harness/credentialTest';
import { useFakeGenviral } from './harness/fixtures';

describe('the Genviral API credential', () => {
	const env = useFakeGenviral();

	test('Test succeeds with a good token, with one read-only GET /subscription', async () => {
		const result = await testCredential('genviralApi', {
			apiToken: DEFAULT_TOKEN,
			baseUrl: env.fake.baseUrl,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /subscription']);
		expect(env.fake.requests[0].headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`);
	});

	test('Test fails with a wrong token and says what to do', async () => {
		const result = await testCredential('genviralApi', {
			apiToken: 'gva_live_000000.wrong',
			baseUrl: env.fake.baseUrl,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain('rejected the API token (invalid_token)');
	});

	test('Test tells a key without a plan from a bad key', async () => {
		const unpaid = await testCredential('genviralApi', {
			apiToken: 'gva_live_d0d0d0.unpaid-secret',
			baseUrl: env.fake.baseUrl,
		});
		const scheduler = await testCredential('genviralApi', {
			apiToken: 'gva_live_5c5c5c.scheduler-secret',
			baseUrl: env.fake.baseUrl,
		});
		expect(unpaid.message).toContain('subscription_required');
		expect(scheduler.message).toContain('tier_not_allowed');
	});

	test('Test reports an unreachable server', async () => {
		const result = await testCredential('genviralApi', {
			apiToken: DEFAULT_TOKEN,
			baseUrl: env.fake.baseUrl.replace(/:\d+\//, ':1/'),
		});
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	test('the token field is masked and the Base URL defaults to the public API', async () => {
		const { loadTypes } = await import('./harness/engine');
		const { credentialTypes } = await loadTypes();
		const [token, baseUrl] = credentialTypes.genviralApi.properties;
		expect(token).toMatchObject({
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
		});
		expect(baseUrl).toMatchObject({
			name: 'baseUrl',
			default: 'https://www.genviral.io/api/partner/v1',
		});
	});
});

describe('the credential Test never sends the token over plain HTTP to another machine', () => {
	const env = useFakeGenviral();

	test.each([
		['http://genviral.example.org/api/partner/v1', 'https://base-url-must-use-https.invalid'],
		['http://127.0.0.1.example.org/v1', 'https://base-url-must-use-https.invalid'],
		['ftp://127.0.0.1/v1', 'https://base-url-is-not-a-valid-url.invalid'],
	])(
		'%s is swapped for an unresolvable placeholder before the token is attached',
		async (baseUrl, placeholder) => {
			const sent: Array<{ baseURL?: string }> = [];
			const result = await testCredential(
				'genviralApi',
				{ apiToken: DEFAULT_TOKEN, baseUrl },
				sent as never,
			);
			expect(result.status).toBe('Error');
			expect(sent.map((r) => r.baseURL)).toEqual([placeholder]);
			expect(env.fake.requests).toHaveLength(0);
		},
	);

	test.each(['http://127.0.0.1', 'http://localhost', 'HTTP://127.0.0.1'])(
		'%s is allowed (local test servers)',
		async (prefix) => {
			const baseUrl = env.fake.baseUrl.replace('http://127.0.0.1', prefix);
			const result = await testCredential('genviralApi', { apiToken: DEFAULT_TOKEN, baseUrl });
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		},
	);
});
