/**
 * A workflow that runs every hour for a year meets every fault: with On Error: Continue, N
 * items in must give N items out, paired and in input order, whatever fails.
 */
import type { Fault, RecordedRequest } from '../fake-genviral/server';
import { createTarget, useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const N = 1000;
const handle = (i: number) => `@acct${String(i).padStart(4, '0')}`;

/** Every tenth account fails, always the same way for the same account, in assorted ways. */
const FAULTS: Array<[label: string, fault: Fault, expected: RegExp]> = [
	[
		'500',
		{ kind: 'error', status: 500, message: 'analytics service failure' },
		/^analytics service failure/,
	],
	[
		'429',
		{
			kind: 'error',
			status: 429,
			error_code: 'rate_limited',
			message: 'Too many requests',
			headers: { 'retry-after': '0' },
		},
		/^Too many requests/,
	],
	[
		'html 502',
		{ kind: 'raw', status: 502, body: '<html>Bad gateway</html>' },
		/^Genviral answered HTTP 502/,
	],
	['empty 200', { kind: 'raw', status: 200, body: '' }, /body is not a Genviral JSON envelope/],
	[
		'truncated',
		{ kind: 'raw', status: 200, body: '{"ok":true,"da' },
		/body is not a Genviral JSON envelope/,
	],
	[
		'ok:false',
		{
			kind: 'json',
			status: 200,
			body: { ok: false, code: 403, message: 'No access', error_code: 'tier_not_allowed' },
		},
		/^No access$/,
	],
	[
		'reset',
		{ kind: 'reset' },
		/^Could not reach Genviral for POST \/analytics\/targets: the connection was reset/,
	],
	[
		'400',
		{
			kind: 'error',
			status: 400,
			error_code: 'invalid_payload',
			message: 'Body must be a JSON object',
		},
		/^Body must be a JSON object$/,
	],
];

function failingIndex(i: number): number | undefined {
	return i % 10 === 9 ? Math.floor(i / 10) % FAULTS.length : undefined;
}

function faultFor(request: RecordedRequest): Fault | undefined {
	const identifier = (request.body as { identifier?: string } | undefined)?.identifier ?? '';
	const index = failingIndex(Number(identifier.slice(5)));
	return index === undefined ? undefined : FAULTS[index][1];
}

describe('nothing is lost', () => {
	const env = useFakeGenviral();
	const parameters = createTarget({
		identifier: '={{ $json.handle }}',
		options: { maxRetries: 1, retryDelay: 1 },
	});
	const items = Array.from({ length: N }, (_v, i) => ({ json: { handle: handle(i) } }));

	test(`${N} items with 10% failing in assorted ways, On Error: Continue → ${N} paired items in order`, async () => {
		env.fake.faultFor = faultFor;
		const { items: out, error } = await runGenviral(env.fake, parameters, {
			items,
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(out).toHaveLength(N);
		let failures = 0;
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			const index = failingIndex(i);
			if (index === undefined) {
				expect(item.json).toMatchObject({ identifier: handle(i), created: true });
			} else {
				failures++;
				expect(item.json.itemIndex).toBe(i);
				expect({ i, fault: FAULTS[index][0], error: item.json.error }).toEqual({
					i,
					fault: FAULTS[index][0],
					error: expect.stringMatching(FAULTS[index][2]),
				});
			}
		});
		expect(failures).toBe(N / 10);
	}, 60_000);

	test('without Continue the run stops at the first failure, naming that item', async () => {
		env.fake.faultFor = faultFor;
		const { items: out, error } = await runGenviral(env.fake, parameters, { items });
		expect(out).toEqual([]);
		expect(error?.context.itemIndex).toBe(9);
		expect(error?.message).toMatch(FAULTS[0][2]);
		// Items 0-8 once each, item 9 twice (one retry of a 500 on an idempotent POST).
		expect(env.fake.requests).toHaveLength(11);
	});
});
