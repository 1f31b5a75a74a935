import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readTargetId, targetLocator } from '../../helpers/targetLocator';
import { booleanValue, failValidation, integerInRange, optionalString } from '../../helpers/validation';
import { expectObject, genviralApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	targetLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Clear Display Name',
				name: 'clearDisplayName',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the display name (Genviral then shows the handle)',
			},
			{
				displayName: 'Clear Refresh Policy',
				name: 'clearRefreshPolicy',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the refresh policy and go back to the defaults',
			},
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				description: 'New label for the target',
			},
			{
				displayName: 'Favorite',
				name: 'favorite',
				type: 'boolean',
				default: false,
				description: 'Whether the target is marked as a favorite',
			},
			{
				displayName: 'Free Daily Refresh',
				name: 'freeDailyRefresh',
				type: 'boolean',
				default: true,
				description: 'Whether Genviral refreshes the target once a day in the free refresh window',
			},
			{
				displayName: 'Max Posts',
				name: 'maxPosts',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 50,
				description: 'How many of the latest posts a refresh collects',
			},
		],
	},
];

export const description = properties;

/**
 * PATCH /analytics/targets/{id}. The API takes camelCase here (displayName, refreshPolicy:
 * {freeDailyRefresh, maxPosts}, favorite) and answers in snake_case.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readTargetId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};

	if (fields.clearDisplayName === true) {
		if (optionalString(this, fields.displayName, 'Display Name', itemIndex) !== undefined) {
			failValidation(this, itemIndex, 'Set either Display Name or Clear Display Name, not both');
		}
		body.displayName = null;
	} else {
		const displayName = optionalString(this, fields.displayName, 'Display Name', itemIndex);
		if (displayName !== undefined) body.displayName = displayName;
	}

	if (fields.favorite !== undefined) body.favorite = booleanValue(this, fields.favorite, 'Favorite', itemIndex);

	const policy: IDataObject = {};
	if (fields.freeDailyRefresh !== undefined) {
		policy.freeDailyRefresh = booleanValue(this, fields.freeDailyRefresh, 'Free Daily Refresh', itemIndex);
	}
	if (fields.maxPosts !== undefined) {
		policy.maxPosts = integerInRange(this, fields.maxPosts, 'Max Posts', itemIndex, 1, 1000);
	}
	if (fields.clearRefreshPolicy === true) {
		if (Object.keys(policy).length > 0) {
			failValidation(this, itemIndex, 'Set either refresh policy fields or Clear Refresh Policy, not both');
		}
		body.refreshPolicy = null;
	} else if (Object.keys(policy).length > 0) {
		body.refreshPolicy = policy;
	}

	if (Object.keys(body).length === 0) {
		failValidation(
			this,
			itemIndex,
			'Nothing to update: add at least one of Display Name, Clear Display Name, Favorite, Free Daily Refresh, Max Posts or Clear Refresh Policy',
		);
	}

	const path = `/analytics/targets/${id}`;
	const data = await genviralApiRequest.call(this, { method: 'PATCH', path, body, itemIndex, retry: 'idempotent' });
	return expectObject(this, data, `PATCH ${path}`, itemIndex);
}
