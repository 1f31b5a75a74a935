import { createTarget, useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

describe('On Error: Continue', () => {
	const env = useFakeGenviral();

	test('N items in, N items out, each paired to its input, failures in place', async () => {
		// Items 0, 2, 3 and 5 reach the API (in that order); 1 and 4 fail validation.
		env.fake.inject(
			'POST /analytics/targets',
			{ kind: 'pass' },
			{ kind: 'error', status: 500, message: 'analytics service down', error_code: null },
			{
				kind: 'error',
				status: 402,
				message: 'An active plan is required',
				error_code: 'subscription_required',
			},
		);
		const handles = ['@zero', ' ', '@two', '@three', '', '@five'];

		const { items, error } = await runGenviral(
			env.fake,
			createTarget({ identifier: '={{ $json.handle }}', options: { maxRetries: 0 } }),
			{ items: handles.map((handle) => ({ json: { handle } })), continueOnFail: true },
		);

		expect(error).toBeUndefined();
		expect(env.fake.requests).toHaveLength(4);
		expect(items).toHaveLength(handles.length);
		expect(items.map((i) => i.pairedItem)).toEqual(handles.map((_h, item) => ({ item })));

		expect(items[0].json).toMatchObject({ identifier: '@zero', created: true });
		expect(items[1].json).toEqual({
			error: 'Identifier is required and cannot be empty [item 1]',
			error_code: null,
			httpCode: null,
			itemIndex: 1,
		});
		expect(items[2].json).toMatchObject({
			error: 'analytics service down',
			error_code: null,
			httpCode: '500',
			itemIndex: 2,
		});
		expect(items[3].json).toMatchObject({
			error: 'An active plan is required',
			error_code: 'subscription_required',
			httpCode: '402',
			itemIndex: 3,
		});
		expect(items[3].json.description).toContain('error_code: subscription_required');
		expect(items[4].json).toMatchObject({
			error: expect.stringContaining('[item 4]'),
			itemIndex: 4,
		});
		expect(items[5].json).toMatchObject({ identifier: '@five', created: true });
	});

	test('a network failure on one item does not stop the others', async () => {
		env.fake.inject('POST /analytics/targets', { kind: 'reset' });
		const { items } = await runGenviral(
			env.fake,
			createTarget({ identifier: '={{ $json.h }}', options: { maxRetries: 0 } }),
			{
				items: [{ json: { h: '@a' } }, { json: { h: '@b' } }],
				continueOnFail: true,
			},
		);
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toBe(
			'Could not reach Genviral for POST /analytics/targets: the connection was reset',
		);
		expect(items[1].json).toMatchObject({ identifier: '@b', created: true });
	});
});

describe('On Error: Continue (using error output)', () => {
	const env = useFakeGenviral();

	test('failed items go to the error output with their input merged in; the rest stay on the success output', async () => {
		env.fake.inject(
			'POST /analytics/targets',
			{ kind: 'pass' },
			{
				kind: 'error',
				status: 402,
				message: 'An active plan is required',
				error_code: 'subscription_required',
			},
		);
		const { items, errorItems, error } = await runGenviral(
			env.fake,
			createTarget({ identifier: '={{ $json.handle }}', options: { maxRetries: 0 } }),
			{
				items: ['@a', 'bad handle', '@c'].map((handle, i) => ({ json: { handle, row: i } })),
				errorOutput: true,
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.identifier, i.pairedItem])).toEqual([['@a', { item: 0 }]]);
		expect(errorItems.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(errorItems[0].json).toMatchObject({
			handle: 'bad handle',
			row: 1,
			error: expect.stringContaining('Identifier must be a handle'),
			details: { itemIndex: 1, error_code: null },
		});
		expect(errorItems[1].json).toMatchObject({
			handle: '@c',
			row: 2,
			error: 'An active plan is required',
			details: { error_code: 'subscription_required', httpCode: '402', itemIndex: 2 },
		});
	});
});
