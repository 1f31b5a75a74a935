import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	DEFAULT_DOWNLOAD_TIMEOUT_MS,
	DEFAULT_MAX_DOWNLOAD_MB,
	DEFAULT_TIMEOUT_MS,
	requestOptionsDescription,
} from '../descriptions/requestOptions';
import { checkValue } from '../helpers/parameters';
import type { GenviralContext } from './request';

export { DEFAULT_TIMEOUT_MS };

export const REQUEST_OPTION_DEFAULTS = {
	timeoutMs: DEFAULT_TIMEOUT_MS,
	retryOnRateLimit: true,
	retryOnTransientErrors: true,
	maxRetries: 3,
	retryDelayMs: 1000,
	maxRetryWaitMs: 60_000,
	/** Whether the user set Timeout (it then wins over an operation's own default). */
	timeoutFromUser: false,
	downloadTimeoutMs: DEFAULT_DOWNLOAD_TIMEOUT_MS,
	maxDownloadBytes: DEFAULT_MAX_DOWNLOAD_MB * 1024 * 1024,
};

export type RequestOptions = typeof REQUEST_OPTION_DEFAULTS;

/**
 * The node's Options collection for an item, checked by the same reader and declaration as
 * every other parameter (so "false" is false, "0x10" is refused, and nothing exceeds what
 * Node's timers hold). Editor look-ups and trigger polls have no items: they use the defaults.
 */
function readOptions(ctx: GenviralContext, itemIndex: number | undefined): IDataObject {
	if (!('getInputData' in ctx)) return {};
	const index = itemIndex ?? 0;
	const raw = ctx.getNodeParameter('options', index, {}) as IDataObject;
	return (checkValue(ctx as IExecuteFunctions, requestOptionsDescription, raw, index) ?? {}) as IDataObject;
}

export function readRequestOptions(ctx: GenviralContext, itemIndex: number | undefined): RequestOptions {
	if (itemIndex === undefined) return { ...REQUEST_OPTION_DEFAULTS };
	const options = readOptions(ctx, itemIndex);
	const d = REQUEST_OPTION_DEFAULTS;
	const pick = <T>(value: unknown, fallback: T): T => (value === undefined ? fallback : (value as T));
	return {
		timeoutMs: pick(options.timeout, d.timeoutMs),
		retryOnRateLimit: pick(options.retryOnRateLimit, d.retryOnRateLimit),
		retryOnTransientErrors: pick(options.retryOnTransientErrors, d.retryOnTransientErrors),
		maxRetries: pick(options.maxRetries, d.maxRetries),
		retryDelayMs: pick(options.retryDelay, d.retryDelayMs),
		maxRetryWaitMs: pick<number>(options.maxRetryWait, d.maxRetryWaitMs / 1000) * 1000,
		timeoutFromUser: options.timeout !== undefined,
		downloadTimeoutMs: pick(options.downloadTimeout, d.downloadTimeoutMs),
		maxDownloadBytes: Math.round(pick<number>(options.maxDownloadSize, d.maxDownloadBytes / 1024 / 1024) * 1024 * 1024),
	};
}

/**
 * The Batching option, read once for the whole run (from the first item). Without it items
 * run one after the other, which is what a rate-limited API wants.
 */
export function readBatching(ctx: GenviralContext): { batchSize: number; batchIntervalMs: number } {
	const options = readOptions(ctx, 0);
	// The option is on as soon as it was added (a collection only holds what was added).
	if (options.batching === undefined) return { batchSize: 1, batchIntervalMs: 0 };
	const batch = ((options.batching as IDataObject).batch ?? {}) as IDataObject;
	return {
		batchSize: (batch.batchSize as number | undefined) ?? 10,
		batchIntervalMs: (batch.batchInterval as number | undefined) ?? 1000,
	};
}
