/**
 * The accounts picker other operations share (descriptions/accounts.ts): the list the editor
 * loads from GET /accounts (in n8n-core's LoadOptionsContext), and the parameter reader's
 * `format: 'accountIds'`, which takes whatever an expression hands over and checks it before
 * any request.
 */
import type { IExecuteFunctions, INode, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { accountsProperty } from '../../nodes/Genviral/descriptions/accounts';
import { readParameter } from '../../nodes/Genviral/helpers/parameters';
import { accountId } from '../fake-genviral/resources/accounts';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { callNodeMethod } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';

const A = '0a0a0a0a-0000-4000-8000-00000000c001';
const B = '0a0a0a0a-0000-4000-8000-00000000c002';

/** A minimal execute context: the reader only asks for the node and one parameter. */
function contextWith(value: unknown): IExecuteFunctions {
	const node = { name: 'Genviral', type: 'n8n-nodes-genviral.genviral', typeVersion: 1 } as INode;
	return {
		getNode: () => node,
		getNodeParameter: (_name: string, _itemIndex: number, fallback?: unknown) =>
			value === undefined ? fallback : value,
	} as unknown as IExecuteFunctions;
}

/** The picker's value for an item, read by the reader from the picker's declaration. */
function readAccountIds(
	ctx: IExecuteFunctions,
	itemIndex: number,
	bounds: { min?: number; max?: number } = {},
): unknown {
	return readParameter(
		ctx,
		accountsProperty({ minCount: bounds.min, maxCount: bounds.max }),
		itemIndex,
	);
}

function refusal(value: unknown, bounds?: { min?: number; max?: number }): NodeOperationError {
	try {
		readAccountIds(contextWith(value), 3, bounds);
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error(`${JSON.stringify(value)} was accepted`);
}

describe('accounts picker', () => {
	const env = useFakeGenviral();

	test('getAccounts lists the active accounts, labelled "Platform · @handle (Type)", sorted', async () => {
		const options = (await callNodeMethod('loadOptions', 'getAccounts', {
			credentials: { genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl } },
		})) as INodePropertyOptions[];
		const scope = env.fake.scopeOf(DEFAULT_TOKEN);
		expect(options.find((o) => o.value === accountId(scope, 'tiktok'))).toEqual({
			name: 'TikTok · @acme (BYO)',
			value: accountId(scope, 'tiktok'),
			description: 'Acme — posts: video, slideshow',
		});
		expect(options.find((o) => o.value === accountId(scope, 'tiktokHosted'))?.name).toBe(
			'TikTok · @daily.glow (Hosted)',
		);
		expect(options.map((o) => o.name)).toEqual(
			[...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)),
		);
		expect(options.map((o) => o.value)).not.toContain(accountId(scope, 'pausedYoutube'));
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /accounts']);
	});

	test('the property is a multiOptions loaded by getAccounts, with its bounds in the declaration', () => {
		const property = accountsProperty({ maxCount: 5 });
		expect(property).toMatchObject({
			name: 'accountIds',
			displayName: 'Account Names or IDs',
			type: 'multiOptions',
			required: true,
			default: [],
			typeOptions: {
				loadOptionsMethod: 'getAccounts',
				format: 'accountIds',
				minItems: 1,
				maxItems: 5,
			},
		});
		expect(property.hint).toContain('Pick 1 to 5 accounts');
		expect(property.description).toContain('Choose from the list, or specify IDs using an');
		expect(accountsProperty({ required: false, name: 'retryAccounts' })).toMatchObject({
			required: false,
			typeOptions: { minItems: 0 },
		});
	});

	test.each([
		['one ID', A, [A]],
		['a list', [A, B], [A, B]],
		['comma-separated text', ` ${A} ,${B}, `, [A, B]],
		['JSON list text', JSON.stringify([A, B]), [A, B]],
		[
			'account objects (Account → Get Many output)',
			[{ id: A, platform: 'tiktok' }, { id: B }],
			[A, B],
		],
		['nested lists (an expression that maps items)', [[A], [B, A]], [A, B]],
		['duplicates in any case', [A, A.toUpperCase(), B], [A, B]],
	])('reads %s', (_name, value, expected) => {
		expect(readAccountIds(contextWith(value), 0)).toEqual(expected);
	});

	test('refuses what is not an account ID, naming the field, the value and the item', () => {
		const error = refusal([A, '@acme']);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'Account Names or IDs contains "@acme", which is not an account ID like 0a0a0a0a-0000-4000-8000-00000000c001 (get them with Account → Get Many) [item 3]',
		);
		expect(error.context.itemIndex).toBe(3);
		expect(refusal([{ name: 'no id' }]).message).toContain('contains an object');
		expect(refusal(42).message).toContain('contains number 42');
	});

	test('enforces the bounds after duplicates are dropped', () => {
		expect(refusal([]).message).toBe(
			'Account Names or IDs is required: pick at least 1 account [item 3]',
		);
		expect(refusal('').message).toContain('is required');
		expect(refusal([A, A], { min: 2 }).message).toBe(
			'Account Names or IDs needs at least 2 accounts (got 1) [item 3]',
		);
		const eleven = Array.from(
			{ length: 11 },
			(_v, i) => `0a0a0a0a-0000-4000-8000-${String(i).padStart(12, '0')}`,
		);
		expect(refusal(eleven).message).toBe(
			'Account Names or IDs takes at most 10 accounts (got 11) [item 3]',
		);
		expect(readAccountIds(contextWith([]), 0, { min: 0 })).toEqual([]);
	});
});
