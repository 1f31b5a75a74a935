import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { templateLocator } from '../../descriptions/locators';
import { readParameters } from '../../helpers/parameters';
import { patchObject } from '../../transport';
import {
	checkTemplateConfig,
	configUpdateProperty,
	descriptionProperty,
	nameProperty,
	visibilityProperty,
} from './descriptions';

const properties: INodeProperties[] = [
	{ ...templateLocator, description: 'The template to change; it must be yours' },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		typeOptions: {
			notEmpty: true,
			setOrClear: [{ set: ['description'], clear: 'clearDescription' }],
		},
		options: [
			{
				displayName: 'Clear Description',
				name: 'clearDescription',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the description',
			},
			configUpdateProperty,
			descriptionProperty,
			{
				...nameProperty(false),
				description: 'New name, 1-100 characters; must be unique among your templates',
			},
			visibilityProperty,
		],
	},
];

export const description = properties;

/** PATCH /templates/{templateId}: only the fields set; the config, when given, replaces the whole config. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const values = readParameters(this, properties, itemIndex);
	const fields = (values.updateFields ?? {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.name !== undefined) body.name = fields.name;
	// Set-or-clear and an empty Update Fields are refused by the reader (their declaration).
	if (fields.clearDescription === true) {
		body.description = null;
	} else if (fields.description !== undefined) {
		body.description = fields.description;
	}
	if (fields.visibility !== undefined) body.visibility = fields.visibility;
	if (fields.config !== undefined)
		body.config = checkTemplateConfig(
			this,
			fields.config,
			itemIndex,
			'Update Fields → Config (JSON)',
		);
	const path = `/templates/${values.templateId as string}`;
	return await patchObject.call(this, path, body, itemIndex, 'PATCH /templates/{templateId}');
}
