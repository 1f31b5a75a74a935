import type { INodeProperties } from 'n8n-workflow';

/** The usual n8n pair: Return All, or a Limit shown when it is off. */
export function returnAllOrLimit({ maxLimit }: { maxLimit?: number } = {}): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxLimit !== undefined ? { maxValue: maxLimit } : {}) },
			default: 50,
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}
