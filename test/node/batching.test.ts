import { createTarget, useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const handles = Array.from({ length: 25 }, (_v, i) => `@acct${i}`);
const items = handles.map((handle) => ({ json: { handle } }));

describe('Batching option', () => {
	const env = useFakeGenviral();

	test('off (the default): one request at a time, in input order', async () => {
		env.fake.latencyMs = 5;
		const { items: out } = await runGenviral(
			env.fake,
			createTarget({ identifier: '={{ $json.handle }}' }),
			{ items },
		);
		expect(env.fake.maxInFlight).toBe(1);
		expect(out.map((i) => i.json.identifier)).toEqual(handles);
	});

	test('on: up to Items per Batch requests at once; outputs keep input order and pairing', async () => {
		env.fake.latencyMs = 30;
		const { items: out, error } = await runGenviral(
			env.fake,
			createTarget({
				identifier: '={{ $json.handle }}',
				options: { batching: { batch: { batchSize: 10, batchInterval: 0 } } },
			}),
			{ items },
		);
		expect(error).toBeUndefined();
		expect(env.fake.maxInFlight).toBe(10);
		expect(env.fake.requests).toHaveLength(25);
		expect(out.map((i) => i.json.identifier)).toEqual(handles);
		expect(out.map((i) => i.pairedItem)).toEqual(handles.map((_h, item) => ({ item })));
	});

	test('the interval separates batches', async () => {
		await runGenviral(
			env.fake,
			createTarget({
				identifier: '={{ $json.handle }}',
				options: { batching: { batch: { batchSize: 10, batchInterval: 300 } } },
			}),
			{ items },
		);
		const starts = [0, 10, 20].map((k) => env.fake.requests[k].at);
		expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(290);
		expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(290);
	});

	test('with Continue, failures inside a batch stay in place', async () => {
		env.fake.faultFor = (r) =>
			(r.body as { identifier: string }).identifier.endsWith('3')
				? { kind: 'error', status: 400, message: 'nope' }
				: undefined;
		const { items: out } = await runGenviral(
			env.fake,
			createTarget({
				identifier: '={{ $json.handle }}',
				options: { batching: { batch: { batchSize: 8, batchInterval: 0 } } },
			}),
			{ items, continueOnFail: true },
		);
		expect(out).toHaveLength(25);
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			if (handles[i].endsWith('3'))
				expect(item.json).toMatchObject({ error: 'nope', itemIndex: i });
			else expect(item.json.identifier).toBe(handles[i]);
		});
	});

	test('without Continue, the first failed item in input order stops the run', async () => {
		env.fake.faultFor = (r) =>
			['@acct6', '@acct4'].includes((r.body as { identifier: string }).identifier)
				? {
						kind: 'error',
						status: 400,
						message: `bad ${(r.body as { identifier: string }).identifier}`,
					}
				: undefined;
		const { error } = await runGenviral(
			env.fake,
			createTarget({
				identifier: '={{ $json.handle }}',
				options: { batching: { batch: { batchSize: 8, batchInterval: 0 } } },
			}),
			{ items },
		);
		expect(error?.message).toBe('bad @acct4');
		expect(error?.context.itemIndex).toBe(4);
		// The first batch was sent whole; nothing after it.
		expect(env.fake.requests).toHaveLength(8);
	});
});
