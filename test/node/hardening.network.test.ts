/**
 * What the network can do to a request beyond plain errors, each run in the real engine
 * against a programmable loopback server: redirects (the token must not follow them to
 * another origin), bodies that drip or stop, headers followed by silence, and a cancelled
 * execution while a request is in flight or a retry is waited for.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { FakeGenviral } from '../fake-genviral/server';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { testCredential } from '../harness/credentialTest';
import { runGenviral } from '../harness/genviral';
import type { Behaviour } from '../harness/testServer';
import {
	TestServer,
	cutMidBody,
	drip,
	headersThenSilence,
	json,
	redirect,
} from '../harness/testServer';

const BASE_PATH = '/api/partner/v1';
const SECRET = DEFAULT_TOKEN.slice(DEFAULT_TOKEN.indexOf('.') + 1);
const TARGETS_OK = {
	ok: true,
	code: 200,
	message: 'OK',
	data: { targets: [{ id: 't-1', platform: 'tiktok', identifier: '@acme' }] },
};
const getMany = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'analyticsTarget',
	operation: 'getMany',
	returnAll: true,
	options: { retryDelay: 5, maxRetries: 3, ...options },
});
const createTarget = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'analyticsTarget',
	operation: 'create',
	platform: 'tiktok',
	identifier: '@brand',
	options: { retryDelay: 5, ...options },
});
const deleteTarget = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'analyticsTarget',
	operation: 'delete',
	targetId: { __rl: true, mode: 'id', value: '0a0a0a0a-0000-4000-8000-00000000a001' },
	options: { retryDelay: 5, ...options },
});

/** Two loopback origins: the Base URL's, and another one a redirect may point at. */
function useServers() {
	const servers = { api: new TestServer('127.0.0.1'), other: new TestServer('127.0.0.2') };
	beforeAll(async () => {
		await servers.api.start();
		await servers.other.start();
	});
	afterAll(async () => {
		await servers.api.stop();
		await servers.other.stop();
	});
	beforeEach(() => {
		servers.api.reset();
		servers.other.reset();
		servers.api.otherwise(json(200, TARGETS_OK));
		servers.other.otherwise(json(200, TARGETS_OK));
	});
	return servers;
}

/** Run the node with the credential's Base URL on a test server. */
async function run(
	server: TestServer,
	parameters: INodeParameters,
	options: { continueOnFail?: boolean; cancelAfterMs?: number } = {},
) {
	const started = Date.now();
	const result = await runGenviral(
		{ baseUrl: server.url(BASE_PATH) } as unknown as FakeGenviral,
		parameters,
		{
			baseUrl: server.url(BASE_PATH),
			...options,
		},
	);
	return { ...result, elapsedMs: Date.now() - started };
}

const everything = (value: unknown) =>
	JSON.stringify(value) +
	String((value as Error | undefined)?.message) +
	String((value as { description?: string } | undefined)?.description);

describe('redirects: the token never follows one to another origin', () => {
	const servers = useServers();

	test.each([
		[
			'307 to another host (127.0.0.2), same scheme',
			307,
			() => servers.other.url('/steal/path?key=abc'),
		],
		[
			'302 to another port of the same host',
			302,
			() => `http://127.0.0.1:${new URL(servers.other.origin).port}/steal`,
		],
		['308 to plain http on another host', 308, () => servers.other.url('/steal')],
	])(
		'%s: fails naming the target origin, the other origin receives nothing',
		async (_name, status, target) => {
			const location = target();
			servers.api.answer(redirect(status, location));
			const { error, items } = await run(servers.api, getMany());
			const origin = new URL(location).origin;
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toBe(
				`Genviral's Base URL answered GET /analytics/targets with a redirect to another origin (${origin}); the request was not sent there`,
			);
			expect(error?.context.attempts).toBe(1);
			expect(items).toEqual([]);
			// Not the path or query of the target, never the token.
			expect(everything(error)).not.toContain('/steal');
			expect(everything(error)).not.toContain(SECRET);
			expect(servers.other.requests).toEqual([]);
			// The first origin is the configured one: it got the token, once.
			expect(servers.api.requests.map((r) => r.headers.authorization)).toEqual([
				`Bearer ${DEFAULT_TOKEN}`,
			]);
		},
	);

	test('a POST redirected with 307 to another origin is not re-sent there either, and with Continue On Fail it becomes an error item', async () => {
		servers.api.answer(redirect(307, servers.other.url(`${BASE_PATH}/analytics/targets`)));
		const { error, items } = await run(servers.api, createTarget(), { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toContain(`a redirect to another origin (${servers.other.origin})`);
		expect(servers.other.requests).toEqual([]);
	});

	test('a redirect inside the Base URL origin (a proxy adding a slash) is followed, with the token, to that origin only', async () => {
		servers.api.answer(redirect(301, `${BASE_PATH}/analytics/targets/`));
		const { error, items } = await run(servers.api, getMany());
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(['t-1']);
		expect(servers.api.requests.map((r) => r.url)).toEqual([
			`${BASE_PATH}/analytics/targets`,
			`${BASE_PATH}/analytics/targets/`,
		]);
		expect(servers.api.requests[1].headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`);
	});

	test('a same-origin 302 on a POST is not followed (it would turn the request into a GET)', async () => {
		servers.api.answer(redirect(302, `${BASE_PATH}/elsewhere`));
		const { error } = await run(servers.api, createTarget());
		expect(error?.message).toBe(
			"Genviral's Base URL answered POST /analytics/targets with a redirect (HTTP 302) that would change the request into a GET; it was not followed",
		);
		expect(servers.api.requests).toHaveLength(1);
	});

	test('endless same-origin redirects stop after a few hops', async () => {
		servers.api.otherwise(redirect(307, `${BASE_PATH}/analytics/targets`));
		const { error } = await run(servers.api, getMany());
		expect(error?.message).toBe(
			"Genviral's Base URL answered GET /analytics/targets with too many redirects; the last one was not followed",
		);
		expect(servers.api.requests).toHaveLength(4);
	});

	test('the credential Test does not follow a redirect either, and says what happened', async () => {
		servers.api.answer(redirect(307, servers.other.url(`${BASE_PATH}/subscription`)));
		const result = await testCredential('genviralApi', {
			apiToken: DEFAULT_TOKEN,
			baseUrl: servers.api.url(BASE_PATH),
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain('The Base URL answered with a redirect (HTTP 307)');
		expect(servers.other.requests).toEqual([]);
	});
});

describe('Timeout bounds the whole request', () => {
	const servers = useServers();

	test('a body that drips one byte every 50 ms fails at the 1 s Timeout, not when the last byte arrives', async () => {
		servers.api.answer(drip(TARGETS_OK, 50));
		const { error, elapsedMs } = await run(servers.api, getMany({ timeout: 1000 }));
		expect(error?.message).toBe('Genviral did not answer GET /analytics/targets in time');
		expect(error?.description).toContain('No complete answer within the Timeout of 1 s');
		expect(elapsedMs).toBeLessThan(2500);
		// A timeout is not retried: it already waited the whole Timeout.
		expect(servers.api.requests).toHaveLength(1);
	});

	test('the same drip within a long enough Timeout succeeds (slow is not broken)', async () => {
		servers.api.answer(drip(TARGETS_OK, 5));
		const { error, items } = await run(servers.api, getMany({ timeout: 10_000 }));
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(['t-1']);
	});

	test('headers followed by silence is a timeout, not "could not reach"', async () => {
		servers.api.answer(headersThenSilence());
		const { error, elapsedMs } = await run(servers.api, getMany({ timeout: 500 }));
		expect(error?.message).toBe('Genviral did not answer GET /analytics/targets in time');
		expect(error?.context.networkError).toBe('ETIMEDOUT');
		expect(elapsedMs).toBeLessThan(2000);
		expect(servers.api.requests).toHaveLength(1);
	});
});

describe('a connection dropped in the middle of the answer', () => {
	const servers = useServers();

	test('is retried for a read, like a reset', async () => {
		servers.api.answer(cutMidBody(1000, 30));
		const { error, items } = await run(servers.api, getMany());
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(['t-1']);
		expect(servers.api.requests).toHaveLength(2);
	});

	test('is named as such when retries run out', async () => {
		servers.api.otherwise(cutMidBody(1000, 30));
		const { error } = await run(servers.api, getMany({ maxRetries: 1 }));
		expect(error?.message).toBe(
			"Genviral's answer to GET /analytics/targets was cut off: the connection closed before the whole answer arrived (gave up after 2 attempts; last: answer cut off)",
		);
		expect(error?.context.networkError).toBe('EANSWERCUTOFF');
		expect(servers.api.requests).toHaveLength(2);
	});

	test('is not retried for a request that may already have acted (Delete)', async () => {
		servers.api.answer(cutMidBody(1000, 30));
		const { error } = await run(servers.api, deleteTarget());
		expect(error?.message).toBe(
			"Genviral's answer to DELETE /analytics/targets/0a0a0a0a-0000-4000-8000-00000000a001 was cut off: the connection closed before the whole answer arrived",
		);
		expect(error?.description).toContain('may already have taken effect');
		expect(servers.api.requests).toHaveLength(1);
	});
});

describe('cancelling the execution', () => {
	const servers = useServers();
	const rateLimited = (retryAfter: string): Behaviour =>
		json(
			429,
			{ ok: false, code: 429, message: 'Too many requests', error_code: 'rate_limited' },
			{ 'Retry-After': retryAfter },
		);

	test('while a retry is waited for ends the wait at once, reported as cancelled', async () => {
		servers.api.answer(rateLimited('5'));
		const { nodeError, items, elapsedMs } = await run(servers.api, getMany(), {
			cancelAfterMs: 300,
		});
		expect(nodeError?.message).toBe(
			'The execution was cancelled while waiting to retry GET /analytics/targets',
		);
		expect(nodeError?.name).toBe('NodeOperationError');
		expect(items).toEqual([]);
		expect(elapsedMs).toBeLessThan(2000);
		expect(servers.api.requests).toHaveLength(1);
	});

	test('while a request is in flight aborts it, reported as cancelled (not as a network error)', async () => {
		servers.api.answer(headersThenSilence());
		const { nodeError, elapsedMs } = await run(servers.api, getMany({ timeout: 20_000 }), {
			cancelAfterMs: 300,
		});
		expect(nodeError?.message).toBe(
			'The execution was cancelled while waiting for Genviral to answer GET /analytics/targets',
		);
		expect(elapsedMs).toBeLessThan(2000);
		expect(servers.api.requests).toHaveLength(1);
	});

	test('with Continue On Fail the cancelled item is not retried either', async () => {
		servers.api.answer(rateLimited('5'));
		const { elapsedMs } = await run(servers.api, getMany(), {
			cancelAfterMs: 300,
			continueOnFail: true,
		});
		expect(elapsedMs).toBeLessThan(2000);
		expect(servers.api.requests).toHaveLength(1);
	});
});
