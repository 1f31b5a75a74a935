import type { INodeProperties } from 'n8n-workflow';

/** Node's timers hold at most 2^31-1 ms; a longer delay would fire at once. Every wait is capped by it. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Default per-request timeout. Reads answer far sooner; renders and generations get their own. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Longest a media download (rendered slides, Studio outputs) may take, from request to last byte. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 300_000;

/** Largest media file a download keeps (Studio videos are tens of MB; a slide a few hundred KB). */
export const DEFAULT_MAX_DOWNLOAD_MB = 500;

/** Node-wide options that shape every request the node sends (read once per item by the router). */
export const requestOptionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Batching',
			name: 'batching',
			placeholder: 'Add Batching',
			type: 'fixedCollection',
			typeOptions: { multipleValues: false },
			default: { batch: {} },
			description:
				'Send the requests of several items at once. Off by default: items go one after the other. For accounts with a generous rate limit.',
			options: [
				{
					displayName: 'Batching',
					name: 'batch',
					values: [
						{
							displayName: 'Items per Batch',
							name: 'batchSize',
							type: 'number',
							typeOptions: { minValue: 1, maxValue: 100 },
							default: 10,
							description: 'How many items run at the same time',
						},
						{
							displayName: 'Batch Interval (Ms)',
							name: 'batchInterval',
							type: 'number',
							typeOptions: { minValue: 0, maxValue: MAX_TIMER_MS },
							default: 1000,
							description: 'Time to wait between two batches, in milliseconds',
						},
					],
				},
			],
		},
		{
			displayName: 'Download Timeout',
			name: 'downloadTimeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMER_MS },
			default: DEFAULT_DOWNLOAD_TIMEOUT_MS,
			description:
				'Time in milliseconds a media download (Slideshow → Render with Download Images, Studio with Download Image or Download Video) may take in all, from the request to the last byte. A download still running then fails with an error naming the file and the ID it belongs to. Timeout does not apply to downloads.',
		},
		{
			displayName: 'Max Download Size (MB)',
			name: 'maxDownloadSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10_000 },
			default: DEFAULT_MAX_DOWNLOAD_MB,
			description:
				'Largest media file a download may bring into n8n, in megabytes. A larger file is refused (by its announced size before any byte is read, or as soon as more bytes arrive), with an error naming the file and the ID it belongs to.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How many times to retry a request that may be retried (see Retry on Rate Limit and Retry on Transient Errors). Refreshes are never retried.',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 86_400 },
			default: 60,
			description:
				'Longest wait before a retry. When Genviral asks for a longer wait (Retry-After), the node fails at once instead.',
		},
		{
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelay',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 600_000 },
			default: 1000,
			description:
				'First wait before a retry when Genviral gives no Retry-After; it doubles with each attempt (up to 30 s), with jitter',
		},
		{
			displayName: 'Retry on Rate Limit',
			name: 'retryOnRateLimit',
			type: 'boolean',
			default: true,
			description:
				'Whether to wait and retry when Genviral answers 429 (too many requests), honouring its Retry-After. Refreshes are never retried.',
		},
		{
			displayName: 'Retry on Transient Errors',
			name: 'retryOnTransientErrors',
			type: 'boolean',
			default: true,
			description:
				'Whether to retry reads and other repeatable requests after a 500, 502, 503, 504 or a dropped connection. Requests that change state or spend credits are never retried.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMER_MS },
			default: DEFAULT_TIMEOUT_MS,
			description:
				'Time in milliseconds to wait for Genviral to answer a request before giving up with a timeout error',
		},
	],
};
