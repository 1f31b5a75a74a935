import type { IDataObject } from 'n8n-workflow';

import type { GenviralContext } from './request';

/** Default per-request timeout. The skill client allows 120 s; reads answer far sooner. */
export const DEFAULT_TIMEOUT_MS = 60_000;

export const REQUEST_OPTION_DEFAULTS = {
	timeoutMs: DEFAULT_TIMEOUT_MS,
	retryOnRateLimit: true,
	retryOnTransientErrors: true,
	maxRetries: 3,
	retryDelayMs: 1000,
	maxRetryWaitMs: 60_000,
};

export type RequestOptions = typeof REQUEST_OPTION_DEFAULTS;

function numberOr(value: unknown, fallback: number, min: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) && number >= min ? number : fallback;
}

export function readRequestOptions(ctx: GenviralContext, itemIndex: number | undefined): RequestOptions {
	// Load-options calls (list searches) have no item; they use the defaults.
	const options =
		itemIndex === undefined || !('getInputData' in ctx)
			? {}
			: (ctx.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const d = REQUEST_OPTION_DEFAULTS;
	return {
		timeoutMs: numberOr(options.timeout, d.timeoutMs, 1),
		retryOnRateLimit: options.retryOnRateLimit === undefined ? d.retryOnRateLimit : options.retryOnRateLimit !== false,
		retryOnTransientErrors:
			options.retryOnTransientErrors === undefined ? d.retryOnTransientErrors : options.retryOnTransientErrors !== false,
		maxRetries: Math.min(10, Math.floor(numberOr(options.maxRetries, d.maxRetries, 0))),
		retryDelayMs: numberOr(options.retryDelay, d.retryDelayMs, 0),
		maxRetryWaitMs: numberOr(options.maxRetryWait, d.maxRetryWaitMs / 1000, 0) * 1000,
	};
}

/**
 * The Batching option, read once for the whole run (from the first item). Without it items
 * run one after the other, which is what a rate-limited API wants.
 */
export function readBatching(ctx: GenviralContext): { batchSize: number; batchIntervalMs: number } {
	const options = 'getInputData' in ctx ? (ctx.getNodeParameter('options', 0, {}) as IDataObject) : {};
	// The option is on as soon as it was added (a collection only holds what was added).
	if (options.batching === undefined) return { batchSize: 1, batchIntervalMs: 0 };
	const batch = ((options.batching as IDataObject).batch ?? {}) as IDataObject;
	return {
		batchSize: Math.min(100, Math.floor(numberOr(batch.batchSize, 10, 1))),
		batchIntervalMs: numberOr(batch.batchInterval, 1000, 0),
	};
}
