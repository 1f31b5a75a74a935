import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { RESOURCES } from './actions/resources';
import { router } from './actions/router';
import { genviralBuilderHint } from './descriptions/builderHint';
import { requestOptionsDescription } from './descriptions/requestOptions';
import { listSearch, loadOptions } from './methods';

export class Genviral implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genviral',
		name: 'genviral',
		icon: { light: 'file:genviral.svg', dark: 'file:genviral.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Publish posts to TikTok, Instagram, YouTube and more, create AI slideshows and Studio videos, manage media and track analytics with the Genviral Partner API',
		documentationUrl: 'https://github.com/genviral/n8n-nodes-genviral#readme',
		defaults: { name: 'Genviral' },
		usableAsTool: true,
		builderHint: genviralBuilderHint,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'genviralApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES.map(({ name, value, description }) => ({ name, value, description })),
				default: 'analyticsTarget',
			},
			...RESOURCES.flatMap((resource) => resource.properties),
			requestOptionsDescription,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
