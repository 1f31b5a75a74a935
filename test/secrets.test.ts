/**
 * The API token must never appear in an output item, an error (message, description,
 * context, cause, serialized form) or anything logged, whatever happens during a run.
 */
import { inspect } from 'node:util';

import { LoggerProxy } from 'n8n-workflow';

import type { Fault } from './fake-genviral/server';
import { DEFAULT_KEYS, FakeGenviral } from './fake-genviral/server';
import { testCredential } from './harness/credentialTest';
import { callNodeMethod } from './harness/engine';
import { COVERED } from './harness/coverage';
import { createTarget } from './harness/fixtures';
import type { GenviralRun } from './harness/genviral';
import { runGenviral } from './harness/genviral';
import { documentedErrorCases, endpoint } from './harness/reference';

const SECRET = 'S3CRET-never-print-me-7f3a9c';
const TOKEN = `gva_live_5ec12e.${SECRET}`;
const WRONG_TOKEN = `gva_live_badbad.${SECRET}-wrong`;

describe('the token never leaks', () => {
	const fake = new FakeGenviral({
		...DEFAULT_KEYS,
		[TOKEN]: { ...Object.values(DEFAULT_KEYS)[0] },
	});
	const logged: string[] = [];
	const spies: jest.SpyInstance[] = [];

	beforeAll(async () => {
		await fake.start();
		const capture = (...args: unknown[]) => {
			logged.push(
				args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 8 }))).join(' '),
			);
		};
		LoggerProxy.init({ error: capture, warn: capture, info: capture, debug: capture } as never);
		for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			spies.push(jest.spyOn(console, method).mockImplementation(capture));
		}
		for (const stream of [process.stdout, process.stderr]) {
			spies.push(
				jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown) => {
					logged.push(String(chunk));
					return true;
				}) as never),
			);
		}
	});

	afterAll(async () => {
		for (const spy of spies) spy.mockRestore();
		await fake.stop();
	});

	function assertNoSecret(label: string, run: GenviralRun) {
		const error = run.error;
		const surfaces: Record<string, string> = {
			items: JSON.stringify(run.items),
			run: JSON.stringify(run.run ?? null),
			errorJson: JSON.stringify(error ?? null),
			errorInspect: inspect(error, { depth: 12, showHidden: true }),
			message: String(error?.message),
			description: String(error?.description),
			context: JSON.stringify(error?.context ?? null),
			cause: inspect((error as { cause?: unknown } | undefined)?.cause, { depth: 12 }),
		};
		for (const [surface, text] of Object.entries(surfaces)) {
			expect({ label, surface, leaked: text.includes(SECRET) }).toEqual({
				label,
				surface,
				leaked: false,
			});
		}
	}

	const scenarios: Array<[string, () => Promise<GenviralRun>]> = [
		['success', async () => await runGenviral(fake, createTarget(), { token: TOKEN })],
		[
			'success, continue on fail',
			async () => await runGenviral(fake, createTarget(), { token: TOKEN, continueOnFail: true }),
		],
		['wrong token', async () => await runGenviral(fake, createTarget(), { token: WRONG_TOKEN })],
		[
			'wrong token, continue on fail',
			async () =>
				await runGenviral(fake, createTarget(), { token: WRONG_TOKEN, continueOnFail: true }),
		],
		[
			'validation error',
			async () =>
				await runGenviral(fake, createTarget({ identifier: '={{ " " }}' }), { token: TOKEN }),
		],
		[
			'connection refused',
			async () =>
				await runGenviral(fake, createTarget(), {
					token: TOKEN,
					baseUrl: fake.baseUrl.replace(/:\d+\//, ':1/'),
				}),
		],
		[
			'http base URL refused',
			async () =>
				await runGenviral(fake, createTarget(), { token: TOKEN, baseUrl: 'http://example.org/v1' }),
		],
		[
			'list search with a wrong token',
			async () => {
				const error = await callNodeMethod('listSearch', 'searchTargets', {
					credentials: { genviralApi: { apiToken: WRONG_TOKEN, baseUrl: fake.baseUrl } },
				}).catch((e: unknown) => e);
				return { items: [], error, run: undefined } as unknown as GenviralRun;
			},
		],
		...(
			[
				{ kind: 'reset' },
				{ kind: 'raw', status: 502, body: '<html><body>Bad gateway</body></html>' },
				{ kind: 'raw', status: 200, body: '{"ok":true,"data":' },
				{ kind: 'raw', status: 200, body: '' },
				{ kind: 'json', status: 200, body: { ok: false, code: 403, message: 'no' } },
				{ kind: 'error', status: 429, message: 'slow down', headers: { 'retry-after': '999' } },
			] as Fault[]
		).map((fault): [string, () => Promise<GenviralRun>] => [
			`fault ${fault.kind} ${'status' in fault ? fault.status : ''}`,
			async () => {
				fake.inject('POST /analytics/targets', fault);
				return await runGenviral(fake, createTarget({ options: { maxRetries: 0 } }), {
					token: TOKEN,
				});
			},
		]),
		...COVERED.flatMap(([resource, operation, parameters, items]) => {
			const ref = endpoint(resource, operation);
			const target = `${ref.method} ${ref.path}`;
			return documentedErrorCases(ref).map(
				({ status, errorCode }): [string, () => Promise<GenviralRun>] => [
					`${target} documented ${status} ${errorCode ?? ''}`,
					async () => {
						fake.inject(target, { kind: 'error', status, error_code: errorCode });
						return await runGenviral(
							fake,
							{ ...parameters, options: { maxRetries: 0 } },
							{
								token: TOKEN,
								items,
								continueOnFail: status % 2 === 0,
							},
						);
					},
				],
			);
		}),
		[
			'retries exhausted',
			async () => {
				fake.inject('GET /analytics/targets', { kind: 'error', status: 503 }, { kind: 'reset' });
				return await runGenviral(
					fake,
					{
						resource: 'analyticsTarget',
						operation: 'getMany',
						returnAll: true,
						options: { maxRetries: 1, retryDelay: 1 },
					},
					{ token: TOKEN },
				);
			},
		],
		[
			'timeout',
			async () => {
				fake.inject('POST /analytics/targets', { kind: 'hang' });
				return await runGenviral(fake, createTarget({ options: { timeout: 100 } }), {
					token: TOKEN,
				});
			},
		],
	];

	test.each(scenarios)('%s', async (label, scenario) => {
		const run = await scenario();
		assertNoSecret(label, run);
	});

	test('the token was really sent (the scan looks for the right string)', () => {
		expect(fake.requests.some((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
	});

	test('the credential test result does not echo the token', async () => {
		const result = await testCredential('genviralApi', {
			apiToken: WRONG_TOKEN,
			baseUrl: fake.baseUrl,
		});
		expect(result.status).toBe('Error');
		expect(JSON.stringify(result)).not.toContain(SECRET);
	});

	test('nothing logged during all of the above holds the token', () => {
		expect(logged.filter((line) => line.includes(SECRET))).toEqual([]);
	});
});
