import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { GENVIRAL_DEFAULT_BASE_URL } from '../../../credentials/GenviralApi.credentials';
import { readRequestOptions } from './options';
import type { GenviralEnvelope } from './errors';
import { genviralApiError, genviralNetworkError, snippetOf } from './errors';

export const CREDENTIAL_TYPE = 'genviralApi';

/** Every n8n context the transport serves: node runs, editor look-ups, trigger polls. */
export type GenviralContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface GenviralRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/analytics/targets`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** The input item this request is made for; errors name it and options are read for it. */
	itemIndex?: number;
	/** Defaults to `idempotent` for GET and `never` for everything else. */
	retry?: RetryPolicy;
	/** Epoch ms: retries never wait past it (a wait helper's Max Wait). */
	deadline?: number;
	/** Overrides the Timeout option for this request (long synchronous calls such as a render). */
	timeoutMs?: number;
}


function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The base URL from the credential, checked: the token rides in a header, so plain HTTP is
 * only accepted to this machine (local proxies and test servers).
 */
async function resolveBaseUrl(ctx: GenviralContext, itemIndex: number | undefined): Promise<string> {
	// Read once per node run: every item uses the node's one credential, and n8n's
	// request helper reads (and applies) it on its own for each request anyway.
	// Only a good value is kept: a bad Base URL fails every item with that item's own index.
	const cached = baseUrlByRun.get(ctx);
	if (cached !== undefined) return cached;
	const baseUrl = await readBaseUrl(ctx, itemIndex);
	baseUrlByRun.set(ctx, baseUrl);
	return baseUrl;
}

const baseUrlByRun = new WeakMap<GenviralContext, string>();

async function readBaseUrl(ctx: GenviralContext, itemIndex: number | undefined): Promise<string> {
	const credentials = await ctx.getCredentials<{ baseUrl?: string }>(CREDENTIAL_TYPE, itemIndex);
	const raw = (credentials.baseUrl ?? '').trim() || GENVIRAL_DEFAULT_BASE_URL;
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		throw new NodeOperationError(ctx.getNode(), `The Base URL "${raw}" in the Genviral API credential is not a valid URL`, {
			itemIndex,
			description: `Use ${GENVIRAL_DEFAULT_BASE_URL} unless you go through a proxy.`,
		});
	}
	if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname))) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The Base URL in the Genviral API credential must use https:// (got ${parsed.protocol}//${parsed.host})`,
			{
				itemIndex,
				description:
					'The API token is sent with every request, so it may only travel over HTTPS. Plain http:// is accepted for localhost only.',
			},
		);
	}
	return raw.replace(/\/+$/, '');
}

function parseRetryAfter(headers: IDataObject | undefined): number | undefined {
	const value = headers?.['retry-after'];
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function isEnvelope(value: unknown): value is GenviralEnvelope {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as IDataObject).ok === 'boolean';
}

/** Turn whatever the HTTP client handed back into an envelope, or say what it was. */
function readBody(body: unknown): { envelope?: GenviralEnvelope; snippet?: string } {
	let value = body;
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return { snippet: snippetOf(value as string) };
		}
	}
	if (isEnvelope(value)) return { envelope: value };
	return { snippet: snippetOf(JSON.stringify(value) ?? String(value)) };
}

/**
 * Whether a request may be sent again after a failure:
 * - `idempotent`: sending it twice does no harm (reads, PATCH, creating a target, which
 *   returns the existing one): retried on 429 and on transient failures;
 * - `rateLimitOnly`: retried only on 429, which Genviral answers before doing anything;
 * - `never`: never sent twice (a refresh, anything that may spend credits).
 */
export type RetryPolicy = 'idempotent' | 'rateLimitOnly' | 'never';

/** Statuses that say "try again later" rather than "this request is wrong". */
const TRANSIENT_STATUSES = [500, 502, 503, 504];
/** Connection failures before any answer that a second attempt may not meet. */
const TRANSIENT_NETWORK_CODES = ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'];
/** Exponential backoff never waits longer than this between two attempts. */
const MAX_BACKOFF_MS = 30_000;

type Attempt =
	| { ok: true; data: unknown }
	| { ok: false; error: NodeApiError; status?: number; networkCode?: string; retryAfterMs?: number };

/**
 * The one place that talks to Genviral: builds the request, lets n8n apply the credential,
 * unwraps the `{ ok, code, message, data }` envelope, retries what is safe to retry, and
 * turns every failure into a NodeApiError that carries the API's message, HTTP status and
 * error_code. Returns the envelope's `data`.
 */
export async function genviralApiRequest(this: GenviralContext, request: GenviralRequest): Promise<unknown> {
	const { method, path, itemIndex } = request;
	const endpoint = `${method} ${path}`;
	const policy: RetryPolicy = request.retry ?? (method === 'GET' ? 'idempotent' : 'never');
	const baseUrl = await resolveBaseUrl(this, itemIndex);
	const options = readRequestOptions(this, itemIndex);

	for (let attempt = 1; ; attempt++) {
		const result = await sendOnce(this, request, `${baseUrl}${path}`, endpoint, request.timeoutMs ?? options.timeoutMs);
		if (result.ok) return result.data;

		const rateLimited = result.status === 429;
		const transient =
			(result.status !== undefined && TRANSIENT_STATUSES.includes(result.status)) ||
			(result.networkCode !== undefined && TRANSIENT_NETWORK_CODES.includes(result.networkCode));
		const mayRetry = rateLimited
			? options.retryOnRateLimit && policy !== 'never'
			: transient && options.retryOnTransientErrors && policy === 'idempotent';
		if (!mayRetry || attempt > options.maxRetries) {
			throw withAttempts(result, attempt, mayRetry);
		}

		const backoff = Math.min(MAX_BACKOFF_MS, options.retryDelayMs * 2 ** (attempt - 1));
		// Full jitter on the upper half, so many items that failed together do not come back together.
		const waitMs = result.retryAfterMs ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2);
		if (waitMs > options.maxRetryWaitMs) {
			result.error.message = `${result.error.message} (Genviral asked to wait ${Math.ceil(waitMs / 1000)} s before retrying, more than the Max Retry Wait of ${options.maxRetryWaitMs / 1000} s)`;
			throw withAttempts(result, attempt, false);
		}
		await sleep(waitMs);
	}
}

/** When retries ran out, the error says how many attempts were made and how the last ended. */
function withAttempts(result: Extract<Attempt, { ok: false }>, attempts: number, exhausted: boolean): NodeApiError {
	const { error } = result;
	error.context.attempts = attempts;
	if (attempts > 1 && exhausted) {
		const last = result.status !== undefined ? `HTTP ${result.status}` : (result.networkCode ?? 'network error');
		error.message = `${error.message} (gave up after ${attempts} attempts; last: ${last})`;
	}
	return error;
}

async function sendOnce(
	ctx: GenviralContext,
	request: GenviralRequest,
	url: string,
	endpoint: string,
	timeoutMs: number,
): Promise<Attempt> {
	const { method, body, qs, itemIndex } = request;
	const node = ctx.getNode();
	const options: IHttpRequestOptions = {
		method,
		url,
		json: true,
		// We read every status ourselves: n8n's own NodeApiError for non-2xx would hide the
		// API's error_code and the item index.
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		timeout: timeoutMs,
		headers: { 'Content-Type': 'application/json' },
	};
	if (body !== undefined) options.body = body;
	if (qs !== undefined && Object.keys(qs).length > 0) options.qs = qs;

	let response: IN8nHttpFullResponse;
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options)) as IN8nHttpFullResponse;
	} catch (error) {
		const transportError = toTransportError(ctx, error, endpoint, itemIndex);
		if (transportError instanceof NodeOperationError) throw transportError;
		return { ok: false, error: transportError, networkCode: transportError.context.networkError as string };
	}

	const status = response.statusCode;
	const { envelope, snippet } = readBody(response.body);
	const retryAfterMs = parseRetryAfter(response.headers as IDataObject);
	const failed = (failedStatus: number, error: NodeApiError): Attempt => ({ ok: false, error, status: failedStatus, retryAfterMs });

	if (status < 200 || status >= 300) {
		return failed(status, genviralApiError({ node, status, envelope, snippet, endpoint, itemIndex, retryAfterMs }));
	}
	if (envelope === undefined) {
		return failed(
			status,
			genviralApiError({
				node,
				status,
				snippet,
				endpoint,
				itemIndex,
				message: `Genviral answered ${endpoint} with HTTP ${status} but the body is not a Genviral JSON envelope`,
			}),
		);
	}
	if (!envelope.ok) {
		// A failure inside a 2xx: the envelope's own code tells what kind.
		const envelopeStatus = typeof envelope.code === 'number' && envelope.code >= 400 ? envelope.code : status;
		return failed(
			envelopeStatus,
			genviralApiError({ node, status: envelopeStatus, envelope, endpoint, itemIndex, retryAfterMs }),
		);
	}
	if (!('data' in envelope)) {
		return failed(
			status,
			genviralApiError({
				node,
				status,
				envelope: { ...envelope, message: undefined },
				snippet: snippetOf(JSON.stringify(envelope)),
				endpoint,
				itemIndex,
				message: `Genviral answered ${endpoint} with ok:true but without the expected "data" field`,
			}),
		);
	}
	return { ok: true, data: envelope.data };
}

/**
 * Errors thrown before any HTTP status: connection refused or reset, timeout. Everything we
 * keep is the error code and message; the client's error object (which holds the request,
 * headers included) is dropped.
 */
function toTransportError(
	ctx: GenviralContext,
	error: unknown,
	endpoint: string,
	itemIndex: number | undefined,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
	const code =
		(typeof cause?.code === 'string' && cause.code) ||
		(typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code) ||
		'EUNKNOWN';
	const detail =
		(typeof cause?.message === 'string' && cause.message) ||
		(error instanceof Error ? error.message : String(error));
	return genviralNetworkError(ctx.getNode(), endpoint, code, detail, itemIndex);
}

