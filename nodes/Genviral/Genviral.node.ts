import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
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
		// As a tool, results go into a model's context: the tool's description says how they differ.
		usableAsTool: {
			replacements: {
				description:
					'Publish posts to TikTok, Instagram, YouTube and more, create AI slideshows and Studio videos, manage media and track analytics with the Genviral Partner API. As a tool, files (Studio and Render downloads) come back as their URL, file name and type, never as binary data, and operations with a Simplify option return the simplified output unless it is turned off.',
			},
		},
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
