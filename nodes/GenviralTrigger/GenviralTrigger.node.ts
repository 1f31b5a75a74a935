import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { genviralTriggerBuilderHint } from './builderHint';
import { triggerProperties } from './description';
import { loadOptions } from './methods';
import { pollGenviral } from './poll';

export class GenviralTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genviral Trigger',
		name: 'genviralTrigger',
		icon: { light: 'file:genviral.svg', dark: 'file:genviral.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when a Genviral post is published or fails, a tracked profile posts or is refreshed, or a file appears',
		documentationUrl: 'https://github.com/genviral/n8n-nodes-genviral#genviral-trigger',
		defaults: { name: 'Genviral Trigger' },
		polling: true,
		builderHint: genviralTriggerBuilderHint,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'genviralApi', required: true }],
		properties: triggerProperties,
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollGenviral.call(this);
	}
}
