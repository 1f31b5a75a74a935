/**
 * The AI Agent tool variant of the Genviral node, derived as n8n derives it for a
 * `usableAsTool` node when it loads a package (convertNodeToAiTool in n8n's loader): the type
 * is named `<name>Tool`, its description gets the tool's `replacements`, a Tool Description
 * picker and text, and the same `execute` runs. Only the connections differ from n8n's: n8n
 * gives the tool an `ai_tool` output for an agent to call; here it keeps its main input and
 * output so that WorkflowExecute runs it from a trigger, with the node type n8n would give it.
 */
import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

export function toolVariant(nodeType: INodeType): INodeType {
	const base = nodeType.description;
	const replacements =
		typeof base.usableAsTool === 'object' ? (base.usableAsTool.replacements ?? {}) : {};
	const description = { ...deepCopy(base), ...replacements } as INodeTypeDescription;
	description.name += 'Tool';
	description.displayName += ' Tool';
	delete description.usableAsTool;
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Set Automatically', value: 'auto' },
			{ name: 'Set Manually', value: 'manual' },
		],
		default: 'auto',
	};
	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: description.description,
		required: true,
		displayOptions: { show: { descriptionType: ['manual'] } },
	};
	description.properties = [descriptionType, toolDescription, ...description.properties];
	return {
		...nodeType,
		description,
		execute: nodeType.execute,
		methods: nodeType.methods,
	} as INodeType;
}
