import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { platformOptions } from '../../descriptions/platforms';
import { checkHandle } from '../../helpers/validation';
import { expectObject, genviralApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		required: true,
		options: platformOptions,
		default: 'tiktok',
		description: 'Social network of the profile to track',
	},
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		required: true,
		default: '',
		placeholder: '@brand',
		hint: "The profile's handle, with or without @. Any public profile works, competitors included.",
		description:
			"Handle of the profile to track, e.g. @brand (letters, digits, '.', '_' or '-'; YouTube handles may use letters of any script, e.g. @みずき).",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Alias',
				name: 'alias',
				type: 'string',
				default: '',
				description: 'Label for the target, stored as its display name in Genviral',
			},
		],
	},
];

export const description = properties;

/**
 * POST /analytics/targets. Creating a target that is already tracked is not an error: the
 * API returns the existing row with created=false, and so do we.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const values = readParameters(this, properties, itemIndex);
	const platform = values.platform as string;
	const identifier = checkHandle(
		this,
		values.identifier as string,
		platform,
		'Identifier',
		itemIndex,
	);
	const alias = (values.additionalFields as IDataObject | undefined)?.alias;

	const body: IDataObject = { platform, identifier };
	if (alias !== undefined) body.alias = alias;

	const data = await genviralApiRequest.call(this, {
		method: 'POST',
		path: '/analytics/targets',
		body,
		itemIndex,
		// Creating a tracked account twice returns the existing target: safe to repeat.
		retry: 'idempotent',
	});
	const endpoint = 'POST /analytics/targets';
	const { target, created } = expectObject(this, data, endpoint, itemIndex);
	return {
		...expectObject(this, target, endpoint, itemIndex, 'target'),
		created: created !== false,
	};
}
