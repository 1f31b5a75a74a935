import type {
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkBaseUrl } from '../../../credentials/GenviralApi.credentials';
import { requestOptionsFor } from './options';
import type { GenviralEnvelope } from './errors';
import {
	ANSWER_CUT_OFF,
	genviralApiError,
	genviralNetworkError,
	genviralRedirectError,
	genviralTimeoutError,
	redact,
	redactDeep,
	secretsOf,
	snippetOf,
} from './errors';
import { MAX_TIMER_MS, cancelSignalOf, sleepUnlessCancelled } from './sleep';
import { isItemRun } from './itemMemory';
import { sendSpending } from './paid';
import { expectObject } from './shapes';
import type { GenviralContext, GenviralRequest, RetryPolicy } from './types';

export type { GenviralContext, GenviralRequest, RetryPolicy } from './types';

export const CREDENTIAL_TYPE = 'genviralApi';

/** What the transport needs from the credential, read once per node run. */
interface Connection {
	baseUrl: string;
	origin: string;
	/** The token and its secret part, removed from every text that came from the network. */
	secrets: string[];
}

const connectionByRun = new WeakMap<GenviralContext, Connection>();

/**
 * The credential's Base URL (checked by the one rule in the credential file, which its Test
 * applies too) and the token's secrets. Read once per node run: every item uses the node's
 * one credential. Only a good value is kept: a bad Base URL fails every item with that
 * item's own index.
 */
async function resolveConnection(
	ctx: GenviralContext,
	itemIndex: number | undefined,
): Promise<Connection> {
	const cached = connectionByRun.get(ctx);
	if (cached !== undefined) return cached;
	const credentials = await ctx.getCredentials<{ baseUrl?: string; apiToken?: string }>(
		CREDENTIAL_TYPE,
		itemIndex,
	);
	const checked = checkBaseUrl(credentials.baseUrl);
	if ('problem' in checked) {
		// The message never quotes the URL: it may hold a password or a key in its query.
		throw new NodeOperationError(
			ctx.getNode(),
			`The Base URL in the Genviral API credential ${checked.problem}`,
			{
				itemIndex,
				description:
					'Open the Genviral API credential and correct the Base URL. Leave it at https://www.genviral.io/api/partner/v1 unless you go through a proxy.',
			},
		);
	}
	const connection: Connection = {
		baseUrl: checked.baseUrl,
		origin: new URL(checked.baseUrl).origin,
		secrets: secretsOf(credentials.apiToken),
	};
	connectionByRun.set(ctx, connection);
	return connection;
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
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		typeof (value as IDataObject).ok === 'boolean'
	);
}

/**
 * Turn whatever the HTTP client handed back into an envelope, or say what it was. Every
 * text in it has the token's secrets removed before anything else sees it.
 */
function readBody(
	body: unknown,
	secrets: readonly string[],
): { envelope?: GenviralEnvelope; snippet?: string } {
	let value = body;
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return { snippet: snippetOf(redact(value as string, secrets)) };
		}
	}
	value = redactDeep(value, secrets);
	if (isEnvelope(value)) return { envelope: value };
	return { snippet: snippetOf(JSON.stringify(value) ?? String(value)) };
}

/** Statuses that say "try again later" rather than "this request is wrong". */
const TRANSIENT_STATUSES = [500, 502, 503, 504];
/** Connection failures that a second attempt may not meet (ANSWER_CUT_OFF: dropped mid-body). */
const TRANSIENT_NETWORK_CODES = [
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	ANSWER_CUT_OFF,
];
/** Exponential backoff never waits longer than this between two attempts. */
const MAX_BACKOFF_MS = 30_000;
/** Same-origin redirects followed at most (Genviral itself never redirects). */
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/** How one attempt failed, as plain data (the error is built once the retry decision is made). */
type AttemptFailure =
	| {
			kind: 'http';
			status: number;
			envelope?: GenviralEnvelope;
			snippet?: string;
			retryAfterMs?: number;
			message?: string;
	  }
	| { kind: 'network'; code: string; detail: string }
	| { kind: 'timeout' }
	/** Cut by the request's `deadline` (before the Timeout), or not sent: no time was left. */
	| { kind: 'deadline' };

type Attempt = { ok: true; data: unknown } | { ok: false; failure: AttemptFailure };

/** What the retry rules said about a failure, for the error's wording. */
interface RetryVerdict {
	kind: 'rateLimit' | 'transient' | 'final';
	attempts: number;
	/** The request's retry policy allows this kind of retry. */
	allowedByPolicy: boolean;
	/** The node options have this kind of retry turned on. */
	enabledByOption: boolean;
	exhausted: boolean;
	/** A wait that was not made: too long for Max Retry Wait, or past the request's deadline. */
	refusedWait?: {
		waitMs: number;
		fromServer: boolean;
		limit: 'maxRetryWait' | 'deadline';
		maxRetryWaitMs: number;
	};
}

/**
 * The one place that talks to Genviral: builds the request, lets n8n apply the credential,
 * unwraps the `{ ok, code, message, data }` envelope, retries what is safe to retry, and
 * turns every failure into a NodeApiError that carries the API's message, HTTP status and
 * error_code. Returns the envelope's `data`.
 */
export async function genviralApiRequest(
	this: GenviralContext,
	request: GenviralRequest,
): Promise<unknown> {
	if (request.spends !== undefined) {
		return await sendSpending(
			isItemRun(this) ? this : undefined,
			request,
			async (plain) => await genviralApiRequest.call(this, plain),
		);
	}
	const { method, path, itemIndex } = request;
	const endpoint = `${method} ${path}`;
	const policy: RetryPolicy = request.retry ?? (method === 'GET' ? 'idempotent' : 'never');
	const connection = await resolveConnection(this, itemIndex);
	const options = requestOptionsFor(this, itemIndex);
	const timeoutMs = options.timeoutFromUser
		? options.timeoutMs
		: (request.timeoutMs ?? options.timeoutMs);

	for (let attempt = 1; ; attempt++) {
		const result = await sendOnce(this, request, connection, endpoint, timeoutMs).catch(
			(error: unknown) => {
				// A redirect that is not followed ends the request where it stands.
				if (error instanceof NodeApiError) withAttempts(error, attempt);
				throw error;
			},
		);
		if (result.ok) return result.data;
		const { failure } = result;

		const kind: RetryVerdict['kind'] =
			failure.kind === 'http' && failure.status === 429
				? 'rateLimit'
				: (failure.kind === 'http' && TRANSIENT_STATUSES.includes(failure.status)) ||
					  (failure.kind === 'network' && TRANSIENT_NETWORK_CODES.includes(failure.code))
					? 'transient'
					: 'final';
		const verdict: RetryVerdict = {
			kind,
			attempts: attempt,
			allowedByPolicy:
				kind === 'rateLimit' ? policy !== 'never' : kind === 'transient' && policy === 'idempotent',
			enabledByOption:
				kind === 'rateLimit'
					? options.retryOnRateLimit
					: kind === 'transient' && options.retryOnTransientErrors,
			exhausted: false,
		};
		if (!verdict.allowedByPolicy || !verdict.enabledByOption)
			throw buildError(this, failure, endpoint, itemIndex, timeoutMs, verdict);
		if (attempt > options.maxRetries) {
			throw buildError(this, failure, endpoint, itemIndex, timeoutMs, {
				...verdict,
				exhausted: true,
			});
		}

		const retryAfterMs = failure.kind === 'http' ? failure.retryAfterMs : undefined;
		const backoff = Math.min(MAX_BACKOFF_MS, options.retryDelayMs * 2 ** (attempt - 1));
		// Full jitter on the upper half, so many items that failed together do not come back together.
		const waitMs = retryAfterMs ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2);
		const refused = (limit: 'maxRetryWait' | 'deadline') =>
			buildError(this, failure, endpoint, itemIndex, timeoutMs, {
				...verdict,
				refusedWait: {
					waitMs,
					fromServer: retryAfterMs !== undefined,
					limit,
					maxRetryWaitMs: options.maxRetryWaitMs,
				},
			});
		if (waitMs > options.maxRetryWaitMs) throw refused('maxRetryWait');
		if (request.deadline !== undefined && Date.now() + waitMs > request.deadline)
			throw refused('deadline');
		await sleepUnlessCancelled(this, waitMs, `to retry ${endpoint}`, itemIndex);
	}
}

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;

/** The error a user sees, worded from what happened and what the retry rules decided. */
function buildError(
	ctx: GenviralContext,
	failure: AttemptFailure,
	endpoint: string,
	itemIndex: number | undefined,
	timeoutMs: number,
	verdict: RetryVerdict,
): NodeApiError {
	const node = ctx.getNode();
	if (failure.kind === 'timeout')
		return withAttempts(
			genviralTimeoutError(node, endpoint, timeoutMs, itemIndex),
			verdict.attempts,
		);
	if (failure.kind === 'deadline')
		return withAttempts(deadlineReachedError(node, endpoint, itemIndex), verdict.attempts);

	let messageSuffix = '';
	const { refusedWait } = verdict;
	if (refusedWait !== undefined) {
		const wait = refusedWait.fromServer
			? `Genviral asked to wait ${seconds(refusedWait.waitMs)} before retrying`
			: `the next retry would have waited ${seconds(refusedWait.waitMs)}`;
		messageSuffix =
			refusedWait.limit === 'maxRetryWait'
				? ` (${wait}, more than the Max Retry Wait of ${refusedWait.maxRetryWaitMs / 1000} s)`
				: ` (not retried: ${wait}, which would end after the time allowed for this operation)`;
	} else if (verdict.exhausted && verdict.attempts > 1) {
		const last =
			failure.kind === 'http'
				? `HTTP ${failure.status}`
				: failure.code === ANSWER_CUT_OFF
					? 'answer cut off'
					: failure.code;
		messageSuffix = ` (gave up after ${verdict.attempts} attempts; last: ${last})`;
	}
	const advice = adviceFor(verdict);

	const error =
		failure.kind === 'network'
			? genviralNetworkError({
					node,
					endpoint,
					code: failure.code,
					detail: failure.detail,
					itemIndex,
					messageSuffix,
					advice,
				})
			: genviralApiError({
					node,
					status: failure.status,
					envelope: failure.envelope,
					snippet: failure.snippet,
					endpoint,
					itemIndex,
					retryAfterMs: failure.retryAfterMs,
					message: failure.message,
					messageSuffix,
					advice,
				});
	// Whether Genviral itself answered (its envelope): a 5xx page from anything else (a proxy)
	// says nothing about whether the work was done.
	error.context.genviralAnswered = failure.kind === 'http' && failure.envelope !== undefined;
	return withAttempts(error, verdict.attempts);
}

/**
 * The time given to the operation (a wait's Max Wait) ran out during an attempt. Marked with
 * `context.deadlineReached`: the wait loop that set the deadline answers with its own error,
 * which names the job's ID. Not retried: no time is left for it.
 */
function deadlineReachedError(
	node: INode,
	endpoint: string,
	itemIndex: number | undefined,
): NodeApiError {
	const message = `Genviral did not answer ${endpoint} within the time allowed for this operation`;
	const error = new NodeApiError(node, { message, networkError: 'ETIMEDOUT' } as JsonObject, {
		message,
		description:
			'The request was ended when the time allowed for the operation (its Max Wait) ran out.',
		itemIndex,
	});
	error.context.errorCode = null;
	error.context.networkError = 'ETIMEDOUT';
	error.context.endpoint = endpoint;
	error.context.deadlineReached = true;
	return error;
}

/** Whether an error is an attempt cut by its request's `deadline` (see deadlineReachedError). */
export function isDeadlineReached(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.deadlineReached === true;
}

function withAttempts(error: NodeApiError, attempts: number): NodeApiError {
	error.context.attempts = attempts;
	return error;
}

/** What to do next, following what the retry rules allowed (never "turn on retries" when no retry could help). */
function adviceFor(verdict: RetryVerdict): string | undefined {
	const { kind } = verdict;
	if (kind === 'final') return undefined;
	if (!verdict.allowedByPolicy) {
		return kind === 'rateLimit'
			? 'This request is never retried automatically, since it may spend credits or act twice: wait a little, then run it again.'
			: 'This request is not retried automatically, since it may already have taken effect: check in Genviral before running it again.';
	}
	if (!verdict.enabledByOption) {
		return kind === 'rateLimit'
			? "Turn on Retry on Rate Limit in the node's options to have it retried after the wait Genviral asks for."
			: "Turn on Retry on Transient Errors in the node's options to have it retried.";
	}
	if (verdict.refusedWait !== undefined) {
		return verdict.refusedWait.limit === 'maxRetryWait'
			? 'Raise Max Retry Wait in the node options, or run the workflow later.'
			: 'Try again later, or allow this operation more time.';
	}
	if (verdict.exhausted && verdict.attempts === 1)
		return 'Max Retries is 0 in the node options, so it was not retried.';
	if (verdict.exhausted) {
		return kind === 'rateLimit'
			? 'Retries ran out: raise Max Retries, or send fewer requests at a time (Batching option).'
			: "Retries ran out: try again later; n8n's Retry On Fail setting can retry the whole node.";
	}
	return undefined;
}

/**
 * n8n's request helper replaces a request's abort signal with the execution's cancel signal.
 * To bound the whole exchange by the Timeout too, the helper is handed a view of the context
 * whose cancel signal is the combined one (cancel OR deadline); everything else is the context's.
 */
function withCancelSignal(ctx: GenviralContext, signal: AbortSignal): GenviralContext {
	if (!('getExecutionCancelSignal' in ctx)) return ctx;
	return Object.create(ctx, {
		getExecutionCancelSignal: { value: () => signal },
	}) as GenviralContext;
}

async function sendOnce(
	ctx: GenviralContext,
	request: GenviralRequest,
	connection: Connection,
	endpoint: string,
	timeoutMs: number,
): Promise<Attempt> {
	const { method, body, qs, itemIndex } = request;
	const { secrets } = connection;

	// The Timeout bounds the whole exchange (connect, wait, read every byte), not just a silent
	// socket: a body that drips one byte at a time cannot stretch it. A request with a deadline
	// (a wait's status read) gets only the time left before it, so a hanging read cannot
	// outlive Max Wait. The execution's cancel signal (Stop button, execution timeout) ends an
	// in-flight request too.
	const timeLeftMs =
		request.deadline === undefined ? Number.POSITIVE_INFINITY : request.deadline - Date.now();
	if (timeLeftMs <= 0) return { ok: false, failure: { kind: 'deadline' } };
	const cutByDeadline = timeLeftMs < timeoutMs;
	const cancelSignal = cancelSignalOf(ctx);
	const deadlineSignal = AbortSignal.timeout(Math.min(timeoutMs, timeLeftMs, MAX_TIMER_MS));
	const signal = cancelSignal ? AbortSignal.any([cancelSignal, deadlineSignal]) : deadlineSignal;
	const requester = withCancelSignal(ctx, signal);

	let url = `${connection.baseUrl}${request.path}`;
	let sendQs = qs !== undefined && Object.keys(qs).length > 0 ? qs : undefined;
	let response: IN8nHttpFullResponse | undefined;
	for (let hop = 0; ; hop++) {
		const options: IHttpRequestOptions = {
			method,
			url,
			json: true,
			// We read every status ourselves: n8n's own NodeApiError for non-2xx would hide the
			// API's error_code and the item index.
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
			// Redirects are read here, never followed by the client: it would carry the token
			// to wherever they point.
			disableFollowRedirect: true,
			abortSignal: signal,
			headers: { 'Content-Type': 'application/json' },
		};
		if (body !== undefined) options.body = body;
		if (sendQs !== undefined) options.qs = sendQs;

		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				requester,
				CREDENTIAL_TYPE,
				options,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			if (cancelSignal?.aborted) throw cancelledError(ctx, endpoint, itemIndex);
			if (deadlineSignal.aborted)
				return { ok: false, failure: { kind: cutByDeadline ? 'deadline' : 'timeout' } };
			// n8n's own refusals (no credential set, ...) are already worded for the user.
			const refusal = error instanceof NodeOperationError ? error : undefined;
			if (refusal !== undefined) throw refusal;
			return { ok: false, failure: networkFailure(error, secrets) };
		}

		const status = response.statusCode;
		if (!REDIRECT_STATUSES.includes(status)) break;
		// Genviral never redirects. A redirect within the Base URL's origin (a proxy adding a
		// slash) is followed while it keeps the method; anything else fails, the token unsent.
		const location = (response.headers as IDataObject | undefined)?.location;
		let target: URL | undefined;
		try {
			target = typeof location === 'string' ? new URL(location, url) : undefined;
		} catch {
			target = undefined;
		}
		const keepsMethod = status === 307 || status === 308 || method === 'GET';
		const reason =
			target === undefined || target.origin !== connection.origin
				? 'otherOrigin'
				: !keepsMethod
					? 'methodChange'
					: hop >= MAX_REDIRECTS
						? 'tooMany'
						: undefined;
		if (reason !== undefined) {
			// Only the origin is named: a path or query may carry anything, the token included.
			const targetOrigin = target === undefined ? undefined : redact(target.origin, secrets);
			throw genviralRedirectError({
				node: ctx.getNode(),
				endpoint,
				status,
				targetOrigin,
				reason,
				itemIndex,
			});
		}
		url = target!.href;
		sendQs = undefined;
	}

	const status = response.statusCode;
	const { envelope, snippet } = readBody(response.body, secrets);
	const retryAfterMs = parseRetryAfter(response.headers as IDataObject);
	const failed = (failure: AttemptFailure & { kind: 'http' }): Attempt => ({ ok: false, failure });

	if (status < 200 || status >= 300)
		return failed({ kind: 'http', status, envelope, snippet, retryAfterMs });
	if (envelope === undefined) {
		return failed({
			kind: 'http',
			status,
			snippet,
			message: `Genviral answered ${endpoint} with HTTP ${status} but the body is not a Genviral JSON envelope`,
		});
	}
	if (!envelope.ok) {
		// A failure inside a 2xx: the envelope's own code tells what kind.
		const envelopeStatus =
			typeof envelope.code === 'number' && envelope.code >= 400 ? envelope.code : status;
		return failed({ kind: 'http', status: envelopeStatus, envelope, retryAfterMs });
	}
	if (!('data' in envelope)) {
		return failed({
			kind: 'http',
			status,
			envelope: { ...envelope, message: '' },
			snippet: snippetOf(JSON.stringify(envelope)),
			message: `Genviral answered ${endpoint} with ok:true but without the expected "data" field`,
		});
	}
	return { ok: true, data: envelope.data };
}

function cancelledError(
	ctx: GenviralContext,
	endpoint: string,
	itemIndex: number | undefined,
): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`The execution was cancelled while waiting for Genviral to answer ${endpoint}`,
		{
			itemIndex,
		},
	);
}

/**
 * A failure before a complete HTTP answer: connection refused or reset, or dropped while the
 * body was read. Everything kept is the code and the client's message (redacted); the
 * client's error object (which holds the request, headers included) is dropped.
 */
function networkFailure(error: unknown, secrets: readonly string[]): AttemptFailure {
	const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
	const code =
		(typeof cause?.code === 'string' && cause.code) ||
		(typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code) ||
		'EUNKNOWN';
	const detail =
		(typeof cause?.message === 'string' && cause.message) ||
		(error instanceof Error ? error.message : String(error));
	return {
		kind: 'network',
		code: isCutOff(code, detail) ? ANSWER_CUT_OFF : code,
		detail: redact(detail, secrets),
	};
}

/** The HTTP client's words for a body that stopped before its announced end. */
function isCutOff(code: string, detail: string): boolean {
	return (
		/\baborted\b|stream has been aborted|premature close|unexpected end/i.test(detail) &&
		code !== 'ECONNREFUSED'
	);
}

/**
 * PATCH a resource and return the object Genviral answers with. A PATCH sets fields to the
 * values given, so the same request twice leaves the same state: retried when safe.
 * `endpoint` names it in a broken-answer error (the path, or its reference template).
 */
export async function patchObject(
	this: GenviralContext,
	path: string,
	body: IDataObject,
	itemIndex: number,
	endpoint = `PATCH ${path}`,
): Promise<IDataObject> {
	const data = await genviralApiRequest.call(this, {
		method: 'PATCH',
		path,
		body,
		itemIndex,
		retry: 'idempotent',
	});
	return expectObject(this, data, endpoint, itemIndex);
}
