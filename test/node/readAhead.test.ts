/**
 * Items one after the other: while an item waits for Genviral's answer, the next item's
 * expressions are evaluated (actions/router.ts `readAheadWhile`, helpers/parameters.ts
 * `readAhead`), so that n8n's largest share of work per item overlaps the wait. In the engine,
 * against the fake with a latency long enough for the read-ahead to happen. What must not
 * change: each expression is evaluated once per item, nothing is sent ahead, a failed item
 * still stops the run before the next item sends, and an expression that fails does so in its
 * own item's turn with that item's index.
 */
import { WorkflowDataProxy } from 'n8n-workflow';

import { READ_AHEAD_FRESH_MS } from '../../nodes/Genviral/helpers/parameters';
import { createTarget, useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

/** Long enough that the read-ahead (a few ms after an item starts) happens inside the wait. */
const LATENCY_MS = 300;

describe('reading the next item ahead, in the engine', () => {
	const env = useFakeGenviral();

	/** Each expression evaluation (n8n builds one data proxy per evaluation), by item and time. */
	let evaluations: Array<{ item: number; at: number }>;
	/** Each request's arrival at the fake, by identifier and time. */
	let arrivals: Array<{ identifier: string; at: number }>;

	beforeEach(() => {
		evaluations = [];
		arrivals = [];
		const original = WorkflowDataProxy.prototype.getDataProxy;
		jest.spyOn(WorkflowDataProxy.prototype, 'getDataProxy').mockImplementation(function (
			this: WorkflowDataProxy,
			...args: Parameters<typeof original>
		) {
			evaluations.push({
				item: (this as unknown as { itemIndex: number }).itemIndex,
				at: performance.now(),
			});
			return original.apply(this, args);
		});
		env.fake.latencyFor = (request) => {
			arrivals.push({
				identifier: String((request.body as { identifier?: unknown }).identifier),
				at: performance.now(),
			});
			return LATENCY_MS;
		};
	});

	afterEach(() => {
		jest.restoreAllMocks();
	});

	const handles = ['@first', '@second', '@third'];
	const items = handles.map((handle) => ({ json: { handle } }));

	test("the next item's expression is evaluated while the item waits for its answer, once per item", async () => {
		const { items: out, error } = await runGenviral(
			env.fake,
			createTarget({ identifier: '={{ $json.handle }}' }),
			{ items },
		);
		expect(error).toBeUndefined();
		expect(out.map((item) => item.json.identifier)).toEqual(handles);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// One evaluation per item: what was read ahead is what the item used.
		expect(evaluations.map((e) => e.item)).toEqual([0, 1, 2]);
		// Requests one after the other, in input order.
		expect(arrivals.map((a) => a.identifier)).toEqual(handles);
		for (const next of [1, 2]) {
			// After the previous item's own, before the previous item's answer came back.
			expect(evaluations[next].at).toBeGreaterThan(evaluations[next - 1].at);
			expect(evaluations[next].at).toBeLessThan(arrivals[next - 1].at + LATENCY_MS);
		}
	});

	test('a failed item still stops the run: the next item, read ahead, sends nothing', async () => {
		env.fake.inject('POST /analytics/targets', {
			kind: 'error',
			status: 422,
			error_code: 'invalid_identifier',
			message: 'Identifier is not valid',
		});
		const { error } = await runGenviral(
			env.fake,
			createTarget({ identifier: '={{ $json.handle }}' }),
			{ items },
		);
		expect(error?.message).toContain('Identifier is not valid');
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
		expect(env.fake.requests).toHaveLength(1);
		// The case is the one meant: item 1 was read ahead before item 0 failed.
		expect(evaluations.map((e) => e.item)).toEqual([0, 1]);
	});

	const withoutHandle = [
		{ json: { handle: '@first' } },
		{ json: {} },
		{ json: { handle: '@third' } },
	];
	const trimmed = createTarget({ identifier: '={{ $json.handle.trim() }}' });

	test("an expression that fails for the next item stops the run in that item's own turn", async () => {
		const { error } = await runGenviral(env.fake, trimmed, { items: withoutHandle });
		expect(error).toBeDefined();
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(env.fake.requests.map((r) => (r.body as { identifier: string }).identifier)).toEqual([
			'@first',
		]);
	});

	test("with On Error: Continue, it becomes that item's error item, in its place", async () => {
		const { items: out, error } = await runGenviral(env.fake, trimmed, {
			items: withoutHandle,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(out).toHaveLength(3);
		expect(out[0].json.identifier).toBe('@first');
		expect(out[1].json).toMatchObject({ itemIndex: 1 });
		expect(typeof out[1].json.error).toBe('string');
		expect(out[2].json.identifier).toBe('@third');
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(env.fake.requests.map((r) => (r.body as { identifier: string }).identifier)).toEqual([
			'@first',
			'@third',
		]);
	});

	test('after an item slower than READ_AHEAD_FRESH_MS, the next item is evaluated again in its turn', async () => {
		env.fake.latencyFor = (request) => {
			arrivals.push({
				identifier: String((request.body as { identifier?: unknown }).identifier),
				at: performance.now(),
			});
			return arrivals.length === 1 ? READ_AHEAD_FRESH_MS + 300 : 0;
		};
		const { items: out, error } = await runGenviral(
			env.fake,
			createTarget({ identifier: '={{ $json.handle }}' }),
			{ items: items.slice(0, 2) },
		);
		expect(error).toBeUndefined();
		expect(out.map((item) => item.json.identifier)).toEqual(handles.slice(0, 2));
		// Item 1: once ahead (during item 0's long wait), once more in its own turn.
		expect(evaluations.map((e) => e.item)).toEqual([0, 1, 1]);
	});

	test('with Batching (items at once) nothing is read ahead', async () => {
		const { error } = await runGenviral(
			env.fake,
			createTarget({
				identifier: '={{ $json.handle }}',
				options: { batching: { batch: { batchSize: 3, batchInterval: 0 } } },
			}),
			{ items },
		);
		expect(error).toBeUndefined();
		expect(env.fake.maxInFlight).toBe(3);
		expect(evaluations.map((e) => e.item)).toEqual([0, 1, 2]);
	});
});
