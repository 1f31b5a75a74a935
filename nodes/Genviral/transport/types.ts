import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

/** A call that spends credits or publishes, declared on its request (applied by paid.ts). */
export interface SpendDeclaration {
	/** `credits`: the call may spend credits; `publish`: it publishes (safe to resend only with its idempotency key). */
	kind: 'credits' | 'publish';
	/** What may have happened when the answer is lost, e.g. "the image may have been generated". */
	mayHaveRun?: string;
	/** Where the user checks whether it ran, e.g. "Slideshow → Get Many (newest first)". */
	lookUp?: string;
	/** The cost of this call for a credits refusal ("openai/sora-2 costs 40 credits."); read only then. */
	cost?: () => Promise<string | undefined>;
}

/** Every n8n context the transport serves: node runs, editor look-ups, trigger polls. */
export type GenviralContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface GenviralRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/analytics/targets`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** The input item this request is made for; errors name it, and the Options the router read for it apply. */
	itemIndex?: number;
	/** Defaults to `idempotent` for GET and `never` for everything else. */
	retry?: RetryPolicy;
	/**
	 * Epoch ms by which the request must be over (a poll's Max Wait): each attempt's Timeout is
	 * cut to the time left, and a Retry-After or backoff that would end later is not waited
	 * (the request fails at once and says so). An attempt cut by it fails with a
	 * `deadlineReached` error, which the wait loop turns into its own timeout error.
	 */
	deadline?: number;
	/**
	 * This operation's default Timeout (long synchronous calls such as a render): used unless
	 * the user set the Timeout option, which always wins.
	 */
	timeoutMs?: number;
	/** The call spends credits or publishes: sent once per item of a run (see paid.ts). */
	spends?: SpendDeclaration;
}

/**
 * Whether a request may be sent again after a failure:
 * - `idempotent`: sending it twice does no harm (reads, PATCH, creating a target, which
 *   returns the existing one): retried on 429 and on transient failures;
 * - `rateLimitOnly`: retried only on 429, which Genviral answers before doing anything;
 * - `never`: never sent twice (a refresh, anything that may spend credits).
 */
export type RetryPolicy = 'idempotent' | 'rateLimitOnly' | 'never';
