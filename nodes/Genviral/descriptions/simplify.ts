import type { INodeProperties } from 'n8n-workflow';

const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/**
 * n8n's Simplify switch, for operations whose output has more than about ten fields: off by
 * default in a workflow, on by default when the node runs as an AI Agent tool (whose results
 * go into a model's context). n8n shows one of the two by its `@tool` display option, and
 * fills the shown one's default; the user can still turn either way.
 */
export const simplifyProperties: INodeProperties[] = [
	{ ...simplify, displayOptions: { hide: { '@tool': [true] } } },
	{ ...simplify, default: true, displayOptions: { show: { '@tool': [true] } } },
];
