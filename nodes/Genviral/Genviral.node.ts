import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as analytics from './actions/analytics';
import * as analyticsRefresh from './actions/analyticsRefresh';
import * as analyticsTarget from './actions/analyticsTarget';
import { router } from './actions/router';
import * as trend from './actions/trend';
import { requestOptionsDescription } from './helpers/requestOptions';
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
			'Track TikTok, Instagram and YouTube accounts and read their analytics with the Genviral Partner API',
		documentationUrl: 'https://github.com/genviral/n8n-nodes-genviral#readme',
		defaults: { name: 'Genviral' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'genviralApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Analytics',
						value: 'analytics',
						description: 'KPIs and post-level metrics across tracked profiles',
					},
					{
						name: 'Analytics Refresh',
						value: 'analyticsRefresh',
						description: 'A run that fetches fresh numbers for a tracked profile',
					},
					{
						name: 'Analytics Target',
						value: 'analyticsTarget',
						description: 'A public TikTok, Instagram or YouTube profile whose numbers Genviral tracks',
					},
					{
						name: 'Trend',
						value: 'trend',
						description: 'What works on TikTok for a keyword right now',
					},
				],
				default: 'analyticsTarget',
			},
			...analyticsTarget.description,
			...analyticsRefresh.description,
			...analytics.description,
			...trend.description,
			requestOptionsDescription,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
