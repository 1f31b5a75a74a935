/**
 * One Base URL rule for the node and the credential Test. A table of URL shapes goes through
 * both: the node in the real engine (refused = a NodeOperationError before any request) and
 * the Test the way n8n's tester runs it (refused = the request goes to a `.invalid` host named
 * after the problem, never to the URL). Both must decide the same way, for the same reason.
 */
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { testCredential } from '../harness/credentialTest';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';
import { TestServer } from '../harness/testServer';

const PASSWORD = 'pa55-w0rd-in-url';
const QUERY_SECRET = 'tenant-key-in-query';

type Verdict = 'accepted' | 'userinfo' | 'query' | 'fragment' | 'https' | 'invalid';

const NODE_MESSAGES: Record<Exclude<Verdict, 'accepted'>, string> = {
	userinfo:
		'The Base URL in the Genviral API credential must not contain a user name or password (user:password@)',
	query:
		'The Base URL in the Genviral API credential must not contain a query (?...): every request appends its own path to the Base URL',
	fragment:
		'The Base URL in the Genviral API credential must not contain a fragment (#...): every request appends its own path to the Base URL',
	https:
		'The Base URL in the Genviral API credential must use https://. Plain http:// is accepted only to this machine (localhost, 127.x.x.x, [::1]), so the token never crosses a network in clear',
	invalid:
		'The Base URL in the Genviral API credential is not a valid URL: it must look like https://www.genviral.io/api/partner/v1',
};
const TEST_HOSTS: Record<Exclude<Verdict, 'accepted'>, string> = {
	userinfo: 'https://base-url-must-not-contain-user-or-password.invalid',
	query: 'https://base-url-must-not-contain-a-query.invalid',
	fragment: 'https://base-url-must-not-contain-a-fragment.invalid',
	https: 'https://base-url-must-use-https.invalid',
	invalid: 'https://base-url-is-not-a-valid-url.invalid',
};

describe('the Base URL rule is the same for the node and the credential Test', () => {
	const env = useFakeGenviral();
	/** Another loopback origin: a `user@host` trick must not reach it. */
	const other = new TestServer('127.0.0.2');
	beforeAll(async () => {
		await other.start();
	});
	afterAll(async () => {
		await other.stop();
	});
	beforeEach(() => other.reset());

	const base = () => env.fake.baseUrl; // http://127.0.0.1:<port>/api/partner/v1
	const hostPort = () => new URL(base()).host;
	const table: Array<[string, () => string, Verdict]> = [
		['the plain Base URL', () => base(), 'accepted'],
		['surrounded by spaces and a tab', () => `  ${base()}\t`, 'accepted'],
		['with a trailing slash', () => `${base()}/`, 'accepted'],
		['with an upper-case scheme', () => base().replace('http://', 'HTTP://'), 'accepted'],
		['with a query', () => `${base()}?tenant=${QUERY_SECRET}`, 'query'],
		['with an empty query', () => `${base()}?`, 'query'],
		['with a fragment', () => `${base()}#section`, 'fragment'],
		[
			'with user:password@',
			() => base().replace('http://', `http://user:${PASSWORD}@`),
			'userinfo',
		],
		[
			'with a user@host trick towards another loopback origin',
			() => `http://${hostPort()}@${other.origin.slice('http://'.length)}/api/partner/v1`,
			'userinfo',
		],
		['plain http to another machine', () => 'http://genviral.example.org/api/partner/v1', 'https'],
		[
			'plain http to a look-alike of 127.0.0.1',
			() => 'http://127.0.0.1.example.org/api/partner/v1',
			'https',
		],
		['ftp to this machine', () => 'ftp://127.0.0.1/v1', 'invalid'],
		['no scheme', () => 'www.genviral.io/api/partner/v1', 'invalid'],
		['a space inside', () => base().replace('/partner', '/part ner'), 'invalid'],
		['a port out of range', () => 'https://www.genviral.io:70000/api/partner/v1', 'invalid'],
	];

	test.each(table)('%s', async (_name, url, verdict) => {
		const baseUrl = url();

		// The node, in the real engine.
		const node = await runGenviral(
			env.fake,
			{ resource: 'analyticsTarget', operation: 'getMany', returnAll: true },
			{ baseUrl },
		);
		const nodeRequests = env.fake.requests.length;
		env.fake.reset();

		// The credential Test, as n8n's tester runs it.
		const sent: Array<{ baseURL?: string }> = [];
		const tested = await testCredential(
			'genviralApi',
			{ apiToken: DEFAULT_TOKEN, baseUrl },
			sent as never,
		);

		if (verdict === 'accepted') {
			expect(node.error).toBeUndefined();
			expect(nodeRequests).toBe(1);
			expect(tested).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(env.fake.requests.map((r) => r.path)).toEqual(['/subscription']);
		} else {
			expect(node.error?.name).toBe('NodeOperationError');
			expect(node.error?.message).toBe(NODE_MESSAGES[verdict]);
			expect(nodeRequests).toBe(0);
			expect(tested.status).toBe('Error');
			expect(sent.map((r) => r.baseURL)).toEqual([TEST_HOSTS[verdict]]);
			expect(env.fake.requests).toHaveLength(0);
		}
		expect(other.requests).toEqual([]);
		// Whatever is wrong with a URL, neither side repeats what it may hide.
		const shown = JSON.stringify([
			node.error ?? null,
			node.error?.message,
			node.error?.description,
			tested,
		]);
		expect(shown).not.toContain(PASSWORD);
		expect(shown).not.toContain(QUERY_SECRET);
	});

	test('an empty Base URL means the default for both (checked without sending: the default is the public API)', async () => {
		const { checkBaseUrl, BASE_URL_REFUSALS } =
			await import('../../credentials/GenviralApi.credentials');
		expect(checkBaseUrl('  ')).toEqual({ baseUrl: 'https://www.genviral.io/api/partner/v1' });
		const { credentialTypes } = await (await import('../harness/engine')).loadTypes();
		const expression = String(credentialTypes.genviralApi.test?.request.baseURL);
		// The Test falls back to the same default, and carries every refusal of the node's rule.
		expect(expression).toContain('.trim() || "https://www.genviral.io/api/partner/v1"');
		for (const { pattern, testHost } of BASE_URL_REFUSALS) {
			expect(expression).toContain(
				`/${pattern.source}/${pattern.flags}.test(u) ? "https://${testHost}"`,
			);
		}
	});
});
