import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { expectObject, genviralApiRequest } from '../../transport';
import {
	checkTemplateConfig,
	configProperty,
	descriptionProperty,
	nameProperty,
	visibilityProperty,
} from './descriptions';

const properties: INodeProperties[] = [
	nameProperty(true),
	configProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [descriptionProperty, visibilityProperty],
	},
];

export const description = properties;

/** POST /templates: a template from a config v1, checked for version and slide count first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const values = readParameters(this, properties, itemIndex);
	const config = checkTemplateConfig(this, values.config, itemIndex);
	const body: IDataObject = {
		name: values.name,
		config,
		...(values.additionalFields as IDataObject | undefined),
	};
	const data = await genviralApiRequest.call(this, {
		method: 'POST',
		path: '/templates',
		body,
		itemIndex,
		// A 429 comes before Genviral acts; after a lost answer a second create would clash on
		// the name (409) or make a twin, so nothing else is retried.
		retry: 'rateLimitOnly',
	});
	return expectObject(this, data, 'POST /templates', itemIndex);
}
