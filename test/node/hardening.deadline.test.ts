/**
 * `deadline` on a transport request (what a poll's Max Wait passes): a retry wait that would
 * end after it is not waited. The transport is called directly, from the built package,
 * inside n8n-core's real ExecuteContext (real request helper, the credential applied by its
 * own `authenticate` block) against a loopback server; then through an operation that polls.
 */
import path from 'node:path';

import { ExecuteContext, ExecutionLifecycleHooks } from 'n8n-core';
import type { INode, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { RequestOptions } from '../../nodes/Genviral/transport/options';
import type { GenviralRequest } from '../../nodes/Genviral/transport/request';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import {
	GENVIRAL_NODE_TYPE,
	REPO_ROOT,
	TestCredentialsHelper,
	buildAdditionalData,
	loadTypes,
} from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';
import { TestServer, json } from '../harness/testServer';

const BASE_PATH = '/api/partner/v1';
const TARGETS_OK = { ok: true, code: 200, message: 'OK', data: { targets: [] } };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const transport = require(path.join(REPO_ROOT, 'dist/nodes/Genviral/transport')) as {
	genviralApiRequest: (this: unknown, request: GenviralRequest) => Promise<unknown>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const requestOptions = require(path.join(REPO_ROOT, 'dist/nodes/Genviral/transport/options')) as {
	DEFAULT_REQUEST_OPTIONS: RequestOptions;
	setItemRequestOptions: (ctx: unknown, itemIndex: number, options: RequestOptions) => void;
};

/**
 * One genviralApiRequest call in a real ExecuteContext of a Genviral node, for item 0 with
 * these request options (as the router hands them to the transport after reading Options);
 * `deadlineInMs` is counted from the call itself (after the engine is set up), since the
 * deadline also cuts the attempt's Timeout.
 */
async function callTransport(
	baseUrl: string,
	request: GenviralRequest,
	options: Partial<RequestOptions> = {},
	deadlineInMs?: number,
) {
	const { nodeTypes, credentialTypes } = await loadTypes();
	const node: INode = {
		id: 'genviral',
		name: 'Genviral',
		type: GENVIRAL_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'analyticsTarget', operation: 'getMany', returnAll: true },
		credentials: { genviralApi: { id: 'cred-1', name: 'Genviral account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, {
		genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'transport', {
		id: 'transport',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase);
	const input = { main: [[{ json: {} }]] };
	const context = new ExecuteContext(
		workflow,
		node,
		buildAdditionalData(credentialsHelper, hooks, 'transport'),
		'manual',
		{ resultData: { runData: {} } } as never,
		0,
		input.main[0],
		input,
		{ node, data: input, source: null },
		[],
		new AbortController().signal,
	);
	requestOptions.setItemRequestOptions(context, 0, {
		...requestOptions.DEFAULT_REQUEST_OPTIONS,
		...options,
	});
	const started = Date.now();
	if (deadlineInMs !== undefined) request = { ...request, deadline: started + deadlineInMs };
	const outcome = await transport.genviralApiRequest.call(context, request).then(
		(data) => ({ data, error: undefined }),
		(error: unknown) => ({
			data: undefined,
			error: error as Error & { description?: string; context: Record<string, unknown> },
		}),
	);
	return { ...outcome, elapsedMs: Date.now() - started };
}

describe('a request deadline caps retry waits', () => {
	const server = new TestServer('127.0.0.1');
	beforeAll(async () => {
		await server.start();
	});
	afterAll(async () => {
		await server.stop();
	});
	beforeEach(() => {
		server.reset();
		server.otherwise(json(200, TARGETS_OK));
	});
	const rateLimited = (retryAfter: string) =>
		json(
			429,
			{ ok: false, code: 429, message: 'Too many requests', error_code: 'rate_limited' },
			{ 'Retry-After': retryAfter },
		);
	const read: GenviralRequest = { method: 'GET', path: '/analytics/targets', itemIndex: 0 };

	test('a 5 s Retry-After is not waited when the deadline is 2 s away: it fails at once and says why', async () => {
		server.answer(rateLimited('5'));
		const { error, elapsedMs } = await callTransport(server.url(BASE_PATH), read, {}, 2000);
		expect(error?.message).toBe(
			'Too many requests (not retried: Genviral asked to wait 5 s before retrying, which would end after the time allowed for this operation)',
		);
		expect(error?.description).toContain('Try again later, or allow this operation more time.');
		expect(elapsedMs).toBeLessThan(1000);
		expect(server.requests).toHaveLength(1);
	});

	test('a backoff that would end past the deadline is not waited either, and is not called a Genviral request', async () => {
		server.answer(json(503, { ok: false, code: 503, message: 'Service unavailable' }));
		const { error, elapsedMs } = await callTransport(
			server.url(BASE_PATH),
			read,
			{ retryDelayMs: 4000 },
			500,
		);
		expect(error?.message).toMatch(
			/^Service unavailable \(not retried: the next retry would have waited [2-4] s, which would end after the time allowed for this operation\)$/,
		);
		expect(elapsedMs).toBeLessThan(1000);
		expect(server.requests).toHaveLength(1);
	});

	test('a wait that ends before the deadline is waited and the retry succeeds', async () => {
		server.answer(rateLimited('1'));
		const { data, error } = await callTransport(server.url(BASE_PATH), read, {}, 5000);
		expect(error).toBeUndefined();
		expect(data).toEqual({ targets: [] });
		expect(server.requests).toHaveLength(2);
		expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(950);
	});

	test('without a deadline the same 5 s Retry-After would be waited (Max Retry Wait allows it)', async () => {
		server.answer(rateLimited('5'));
		const { error } = await callTransport(server.url(BASE_PATH), read, { maxRetryWaitMs: 1000 });
		// Bounded by Max Retry Wait instead: the deadline is what made the difference above.
		expect(error?.message).toBe(
			'Too many requests (Genviral asked to wait 5 s before retrying, more than the Max Retry Wait of 1 s)',
		);
	});
});

describe('through an operation: Analytics Target → Refresh with Wait for Completion', () => {
	const env = useFakeGenviral();

	test('a 5 s Retry-After on a status read cannot stretch a 2 s Max Wait', async () => {
		const id = env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'tiktok',
			identifier: '@acme',
			postCount: 0,
		});
		env.fake.refreshPlan = ['pending', 'processing', 'processing', 'completed'];
		env.fake.inject('GET /analytics/refreshes/{id}', {
			kind: 'error',
			status: 429,
			error_code: 'rate_limited',
			message: 'Too many requests',
			headers: { 'retry-after': '5' },
		});
		const started = Date.now();
		const { error } = await runGenviral(env.fake, {
			resource: 'analyticsTarget',
			operation: 'refresh',
			targetId: { __rl: true, mode: 'id', value: id },
			waitForCompletion: true,
			pollInterval: 0.05,
			maxWait: 2,
		});
		expect(Date.now() - started).toBeLessThan(2000);
		expect(error?.message).toBe(
			'Too many requests (not retried: Genviral asked to wait 5 s before retrying, which would end after the time allowed for this operation)',
		);
		// The refresh itself was sent once; its status was read once, not again after 5 s.
		expect(env.fake.requestsTo('POST /analytics/targets/{id}/refresh')).toHaveLength(1);
		expect(env.fake.requestsTo('GET /analytics/refreshes/{id}')).toHaveLength(1);
	});
});
