/**
 * Bad input across operations, mostly arriving through expressions (the UI's own checks do
 * not apply to those): each gives a NodeOperationError naming the field and the item, and
 * nothing is sent.
 */
import type { INodeParameters } from 'n8n-workflow';

import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const ID = '0a0a0a0a-0000-4000-8000-00000000a001';
const expr = (value: unknown) => `={{ ${JSON.stringify(value)} }}`;
const create = (p: INodeParameters = {}) => ({
	resource: 'analyticsTarget',
	operation: 'create',
	platform: 'tiktok',
	identifier: '@brand',
	...p,
});
const byId = (operation: string, p: INodeParameters = {}, id: unknown = ID) => ({
	resource: 'analyticsTarget',
	operation,
	// Through an expression: a literal bad ID is already stopped by the locator's own check.
	targetId: { __rl: true, mode: 'id', value: id === ID ? ID : expr(id) },
	...p,
});
const summary = (p: INodeParameters = {}) => ({
	resource: 'analytics',
	operation: 'getSummary',
	...p,
});
const posts = (p: INodeParameters = {}) => ({ resource: 'analytics', operation: 'getPosts', ...p });
const brief = (p: INodeParameters = {}) => ({
	resource: 'trend',
	operation: 'getBrief',
	keyword: 'skincare',
	...p,
});
const refreshGet = (refreshId: unknown) => ({
	resource: 'analyticsRefresh',
	operation: 'get',
	refreshId: expr(refreshId),
});

const CASES: Array<[name: string, parameters: INodeParameters, field: string]> = [
	// Analytics Target → Create
	['create: empty identifier', create({ identifier: expr('') }), 'Identifier'],
	['create: whitespace identifier', create({ identifier: expr(' \t ') }), 'Identifier'],
	['create: identifier is a number list', create({ identifier: '={{ [1, 2] }}' }), 'Identifier'],
	['create: identifier is an object', create({ identifier: '={{ { a: 1 } }}' }), 'Identifier'],
	['create: identifier is null', create({ identifier: '={{ null }}' }), 'Identifier'],
	['create: identifier is a boolean', create({ identifier: '={{ true }}' }), 'Identifier'],
	['create: emoji handle', create({ identifier: expr('@brand🔥') }), 'Identifier'],
	['create: unicode handle', create({ identifier: expr('@марка') }), 'Identifier'],
	['create: handle with a space', create({ identifier: expr('@my brand') }), 'Identifier'],
	['create: handle with a newline', create({ identifier: expr('@brand\nx') }), 'Identifier'],
	[
		'create: huge handle (10,000 chars)',
		create({ identifier: expr('@'.padEnd(10_000, 'a')) }),
		'Identifier',
	],
	['create: 101-char handle', create({ identifier: expr('a'.repeat(101)) }), 'Identifier'],
	[
		'create: a URL instead of a handle',
		create({ identifier: expr('https://tiktok.com/@brand') }),
		'Identifier',
	],
	['create: platform not allowed', create({ platform: expr('facebook') }), 'Platform'],
	['create: platform empty', create({ platform: expr('') }), 'Platform'],
	['create: platform is a number', create({ platform: '={{ 1 }}' }), 'Platform'],
	['create: platform is a list', create({ platform: '={{ ["tiktok"] }}' }), 'Platform'],
	[
		'create: alias is an object',
		create({ additionalFields: { alias: '={{ { a: 1 } }}' } }),
		'Alias',
	],
	[
		'create: alias with control characters',
		create({ additionalFields: { alias: expr('a\u0007b') } }),
		'Alias',
	],
	['create: huge alias', create({ additionalFields: { alias: expr('x'.repeat(501)) } }), 'Alias'],
	// Target IDs
	['get: ID not a UUID', byId('get', {}, 'acme'), 'Target'],
	['get: ID empty', byId('get', {}, ''), 'Target'],
	['get: ID a number', byId('get', {}, 42), 'Target'],
	['get: UUID with an extra character', byId('get', {}, `${ID}0`), 'Target'],
	[
		'delete: ID with spaces inside',
		byId('delete', {}, '0a0a0a0a 0000 4000 8000 00000000a001'),
		'Target',
	],
	[
		'refresh: ID is an object',
		{ ...byId('refresh'), targetId: { __rl: true, mode: 'id', value: '={{ { id: 1 } }}' } },
		'Target',
	],
	['refresh get: Refresh ID not a UUID', refreshGet('latest'), 'Refresh ID'],
	['refresh get: Refresh ID empty', refreshGet(''), 'Refresh ID'],
	// Update
	['update: nothing to update', byId('update', { updateFields: {} }), 'Nothing to update'],
	['update: Max Posts 0', byId('update', { updateFields: { maxPosts: '={{ 0 }}' } }), 'Max Posts'],
	[
		'update: Max Posts 1.5',
		byId('update', { updateFields: { maxPosts: '={{ 1.5 }}' } }),
		'Max Posts',
	],
	[
		'update: Max Posts text',
		byId('update', { updateFields: { maxPosts: expr('many') } }),
		'Max Posts',
	],
	[
		'update: Favorite not a boolean',
		byId('update', { updateFields: { favorite: expr('yes') } }),
		'Favorite',
	],
	[
		'update: Display Name is a list',
		byId('update', { updateFields: { displayName: '={{ ["a"] }}' } }),
		'Display Name',
	],
	// Refresh waiting
	[
		'refresh: Max Wait 0',
		byId('refresh', { waitForCompletion: true, pollInterval: 1, maxWait: '={{ 0 }}' }),
		'Max Wait (Seconds)',
	],
	[
		'refresh: Max Wait a day',
		byId('refresh', { waitForCompletion: true, pollInterval: 1, maxWait: '={{ 86400 }}' }),
		'Max Wait (Seconds)',
	],
	[
		'refresh: Poll Interval negative',
		byId('refresh', { waitForCompletion: true, pollInterval: '={{ -5 }}', maxWait: 10 }),
		'Poll Interval (Seconds)',
	],
	[
		'refresh: Wait for Completion not a boolean',
		byId('refresh', { waitForCompletion: expr('soon') }),
		'Wait for Completion',
	],
	// Summary / posts filters
	['summary: unknown date range', summary({ dateRange: expr('7d') }), 'Date Range'],
	[
		'summary: custom without start',
		summary({ dateRange: 'custom', startDate: expr(''), endDate: '2026-01-31' }),
		'Start Date',
	],
	[
		'summary: custom without end',
		summary({ dateRange: 'custom', startDate: '2026-01-01', endDate: expr('') }),
		'End Date',
	],
	[
		'summary: custom reversed',
		summary({ dateRange: 'custom', startDate: '2026-02-01', endDate: '2026-01-01' }),
		'Start Date',
	],
	[
		'summary: malformed date',
		summary({ dateRange: 'custom', startDate: expr('01/02/2026'), endDate: '2026-03-01' }),
		'Start Date',
	],
	[
		'summary: impossible date',
		summary({ dateRange: 'custom', startDate: expr('2026-02-30'), endDate: '2026-03-01' }),
		'Start Date',
	],
	[
		'summary: platform not allowed',
		summary({ filters: { platforms: '={{ ["myspace"] }}' } }),
		'Platforms',
	],
	[
		'summary: platforms not a list',
		summary({ filters: { platforms: '={{ { a: 1 } }}' } }),
		'Platforms',
	],
	[
		'summary: target not an ID',
		summary({ filters: { targets: '={{ ["acme"] }}' } }),
		'Target Names or IDs',
	],
	['posts: Limit 0', posts({ limit: '={{ 0 }}' }), 'Limit'],
	['posts: Limit negative', posts({ limit: '={{ -10 }}' }), 'Limit'],
	['posts: Limit beyond reach', posts({ limit: '={{ 1000000 }}' }), 'Limit'],
	['posts: Limit not a number', posts({ limit: expr('all') }), 'Limit'],
	['posts: unknown sort field', posts({ sortBy: expr('saves') }), 'Sort By'],
	['posts: unknown sort order', posts({ sortOrder: expr('up') }), 'Sort Order'],
	['posts: Return All not a boolean', posts({ returnAll: expr('always') }), 'Return All'],
	[
		'getMany: Limit 0',
		{ resource: 'analyticsTarget', operation: 'getMany', returnAll: false, limit: '={{ 0 }}' },
		'Limit',
	],
	// Trend
	['trend: empty keyword', brief({ keyword: expr('') }), 'Keyword'],
	['trend: keyword is an object', brief({ keyword: '={{ { k: 1 } }}' }), 'Keyword'],
	['trend: 0 sample videos', brief({ sampleVideos: '={{ 0 }}' }), 'Sample Videos'],
	['trend: 31 sample videos', brief({ sampleVideos: '={{ 31 }}' }), 'Sample Videos'],
	['trend: unknown range', brief({ range: expr('1y') }), 'Range'],
];

describe('bad input is refused before any request, naming field and item', () => {
	const env = useFakeGenviral();

	test('the table is large enough', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(40);
	});

	test.each(CASES)('%s', async (_name, parameters, field) => {
		// Two items with the same bad parameters: the run stops at item 0, nothing is sent.
		const { error, items } = await runGenviral(env.fake, parameters, {
			items: [{ json: {} }, { json: { second: true } }],
		});

		expect(env.fake.requests).toHaveLength(0);
		expect(items).toHaveLength(0);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain(field);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(error?.context.itemIndex).toBe(0);
	});

	test('the item index is the failing item: only item 2 is bad', async () => {
		const { error } = await runGenviral(env.fake, create({ identifier: '={{ $json.h }}' }), {
			items: [{ json: { h: '@ok' } }, { json: { h: '@fine' } }, { json: { h: '@bad handle' } }],
		});
		expect(env.fake.requests).toHaveLength(2);
		expect(error?.message).toMatch(/^Identifier must be a handle .*\[item 2\]$/);
		expect(error?.context.itemIndex).toBe(2);
	});
});
