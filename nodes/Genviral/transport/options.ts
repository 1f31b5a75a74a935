import {
	DEFAULT_DOWNLOAD_TIMEOUT_MS,
	DEFAULT_MAX_DOWNLOAD_MB,
	DEFAULT_TIMEOUT_MS,
} from '../descriptions/requestOptions';
import type { GenviralContext } from './types';

/**
 * What the node's Options collection says about every request and download of an item, as
 * plain values. The router reads the collection once per item (actions/router.ts) and hands
 * the result here; the transport itself reads no parameter.
 */
export interface RequestOptions {
	timeoutMs: number;
	retryOnRateLimit: boolean;
	retryOnTransientErrors: boolean;
	maxRetries: number;
	retryDelayMs: number;
	maxRetryWaitMs: number;
	/** Whether the user set Timeout (it then wins over an operation's own default). */
	timeoutFromUser: boolean;
	downloadTimeoutMs: number;
	maxDownloadBytes: number;
}

/** The Options as they are when none is set: editor look-ups and trigger polls use these. */
export const DEFAULT_REQUEST_OPTIONS: Readonly<RequestOptions> = Object.freeze({
	timeoutMs: DEFAULT_TIMEOUT_MS,
	retryOnRateLimit: true,
	retryOnTransientErrors: true,
	maxRetries: 3,
	retryDelayMs: 1000,
	maxRetryWaitMs: 60_000,
	timeoutFromUser: false,
	downloadTimeoutMs: DEFAULT_DOWNLOAD_TIMEOUT_MS,
	maxDownloadBytes: DEFAULT_MAX_DOWNLOAD_MB * 1024 * 1024,
});

/** Per run of the node (its context), the Options of each item the router has started. */
const optionsByRun = new WeakMap<GenviralContext, Map<number, Readonly<RequestOptions>>>();

/** Called by the router before an item's operation runs. */
export function setItemRequestOptions(
	ctx: GenviralContext,
	itemIndex: number,
	options: Readonly<RequestOptions>,
): void {
	let byItem = optionsByRun.get(ctx);
	if (byItem === undefined) {
		byItem = new Map();
		optionsByRun.set(ctx, byItem);
	}
	byItem.set(itemIndex, options);
}

/** The Options that apply to a request made for an item (the defaults outside an item run). */
export function requestOptionsFor(
	ctx: GenviralContext,
	itemIndex: number | undefined,
): Readonly<RequestOptions> {
	if (itemIndex === undefined) return DEFAULT_REQUEST_OPTIONS;
	return optionsByRun.get(ctx)?.get(itemIndex) ?? DEFAULT_REQUEST_OPTIONS;
}
