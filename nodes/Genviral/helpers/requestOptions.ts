import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { GenviralContext } from '../transport';

/** Default per-request timeout. The skill client allows 120 s; reads answer far sooner. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Node-wide options that shape every request the node sends (read by the transport). */
export const requestOptionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_MS,
			description:
				'Time in milliseconds to wait for Genviral to answer a request before giving up with a timeout error',
		},
	],
};

export interface RequestOptions {
	timeoutMs: number;
}

export function readRequestOptions(ctx: GenviralContext, itemIndex: number | undefined): RequestOptions {
	// Load-options calls (list searches) have no item; they use the defaults.
	const options =
		itemIndex === undefined || !('getInputData' in ctx)
			? {}
			: (ctx.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const timeout = Number(options.timeout);
	return {
		timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
	};
}
