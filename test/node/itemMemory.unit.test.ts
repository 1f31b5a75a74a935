/**
 * The item memory's bounds and keys, as a small unit test (a stub context: only the four
 * read-only accessors the memory uses). What it remembers for is tested in the real engine
 * (retryOnFail.test.ts, reliability.publish.test.ts).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import {
	ITEM_MEMORY_MAX_AGE_MS,
	ITEM_MEMORY_MAX_ENTRIES,
	itemMemorySize,
	oncePerItemRun,
	recall,
	remember,
} from '../../nodes/Genviral/transport/itemMemory';

function context({
	executionId = 'e1',
	runIndex = 0,
	nodeId = 'n1',
	workflowId = 'w1',
	instanceId = 'i1',
} = {}): IExecuteFunctions {
	return {
		getInstanceId: () => instanceId,
		getWorkflow: () => ({ id: workflowId, active: false }),
		getExecutionId: () => executionId,
		getNode: () => ({ id: nodeId }),
		getWorkflowDataProxy: () => ({ $runIndex: runIndex }),
	} as unknown as IExecuteFunctions;
}

describe('item memory', () => {
	afterEach(() => jest.restoreAllMocks());

	test('keyed by instance, workflow, execution, node, run, item and what is done', () => {
		const base = context();
		remember(base, 0, 'POST /x', 'first');
		expect(recall(base, 0, 'POST /x')).toBe('first');
		expect(recall(base, 1, 'POST /x')).toBeUndefined();
		expect(recall(base, 0, 'POST /y')).toBeUndefined();
		for (const other of [
			{ runIndex: 1 },
			{ executionId: 'e2' },
			{ nodeId: 'n2' },
			{ workflowId: 'w2' },
			{ instanceId: 'i2' },
		]) {
			expect(recall(context(other), 0, 'POST /x')).toBeUndefined();
		}
	});

	test('oncePerItemRun: a second call with the same key returns the first result; a failure is not remembered', async () => {
		const ctx = context({ executionId: 'once' });
		let calls = 0;
		const work = async () => ++calls;
		expect(await oncePerItemRun(ctx, 0, 'upload a', work)).toBe(1);
		expect(await oncePerItemRun(ctx, 0, 'upload a', work)).toBe(1);
		await expect(
			oncePerItemRun(ctx, 0, 'upload b', async () => await Promise.reject(new Error('lost'))),
		).rejects.toThrow('lost');
		expect(await oncePerItemRun(ctx, 0, 'upload b', work)).toBe(2);
	});

	test('holds at most ITEM_MEMORY_MAX_ENTRIES, dropping the oldest', () => {
		const ctx = context({ executionId: 'many' });
		for (let i = 0; i < ITEM_MEMORY_MAX_ENTRIES + 50; i++) remember(ctx, i, 'POST /x', i);
		expect(itemMemorySize()).toBe(ITEM_MEMORY_MAX_ENTRIES);
		expect(recall(ctx, 0, 'POST /x')).toBeUndefined();
		expect(recall(ctx, ITEM_MEMORY_MAX_ENTRIES + 49, 'POST /x')).toBe(ITEM_MEMORY_MAX_ENTRIES + 49);
	});

	test('forgets entries older than ITEM_MEMORY_MAX_AGE_MS', () => {
		const ctx = context({ executionId: 'old' });
		const start = Date.now();
		const now = jest.spyOn(Date, 'now').mockReturnValue(start);
		remember(ctx, 0, 'POST /x', 'kept a while');
		now.mockReturnValue(start + ITEM_MEMORY_MAX_AGE_MS - 1);
		expect(recall(ctx, 0, 'POST /x')).toBe('kept a while');
		now.mockReturnValue(start + ITEM_MEMORY_MAX_AGE_MS + 1);
		expect(recall(ctx, 0, 'POST /x')).toBeUndefined();
	});
});
