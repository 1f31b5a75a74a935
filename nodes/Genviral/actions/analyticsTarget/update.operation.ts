import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { targetLocator } from '../../descriptions/locators';
import { patchObject } from '../../transport';

const properties: INodeProperties[] = [
	targetLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		typeOptions: {
			notEmpty: true,
			setOrClear: [
				{ set: ['displayName'], clear: 'clearDisplayName' },
				{ set: ['freeDailyRefresh', 'maxPosts'], clear: 'clearRefreshPolicy' },
			],
		},
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
				description: 'A new label for the target, shown in Genviral instead of the handle',
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
	const values = readParameters(this, properties, itemIndex);
	const id = values.targetId as string;
	const fields = (values.updateFields ?? {}) as IDataObject;
	const body: IDataObject = {};

	// Set-or-clear pairs and an empty Update Fields are refused by the reader (their declaration).
	if (fields.clearDisplayName === true) {
		body.displayName = null;
	} else if (fields.displayName !== undefined) {
		body.displayName = fields.displayName;
	}

	if (fields.favorite !== undefined) body.favorite = fields.favorite;

	const policy: IDataObject = {};
	if (fields.freeDailyRefresh !== undefined) policy.freeDailyRefresh = fields.freeDailyRefresh;
	if (fields.maxPosts !== undefined) policy.maxPosts = fields.maxPosts;
	if (fields.clearRefreshPolicy === true) {
		body.refreshPolicy = null;
	} else if (Object.keys(policy).length > 0) {
		body.refreshPolicy = policy;
	}

	const path = `/analytics/targets/${id}`;
	return await patchObject.call(this, path, body, itemIndex);
}
