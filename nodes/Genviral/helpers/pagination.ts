import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { booleanValue, integerInRange } from './validation';

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

export function readReturnAllOrLimit(
	ctx: IExecuteFunctions,
	itemIndex: number,
	maxLimit = Number.MAX_SAFE_INTEGER,
): { returnAll: boolean; limit: number } {
	const returnAll = booleanValue(ctx, ctx.getNodeParameter('returnAll', itemIndex, false), 'Return All', itemIndex);
	if (returnAll) return { returnAll, limit: maxLimit };
	const limit = integerInRange(ctx, ctx.getNodeParameter('limit', itemIndex, 50), 'Limit', itemIndex, 1, maxLimit);
	return { returnAll, limit };
}
