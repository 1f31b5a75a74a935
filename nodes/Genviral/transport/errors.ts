import type { Failure, IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

type NodeApiErrorOptions = NonNullable<ConstructorParameters<typeof NodeApiError>[2]>;

import { GENVIRAL_DEFAULT_BASE_URL } from '../../../credentials/GenviralApi.credentials';

/** How much of a text from the network a message or description may quote. */
const SNIPPET_LENGTH = 200;
/** An API message is shown whole up to this length (the documented ones are far shorter). */
const MESSAGE_LENGTH = 300;
const ERROR_CODE_LENGTH = 60;

/** A short, one-line excerpt of a text that came back from the network. */
export function snippetOf(text: string, length = SNIPPET_LENGTH): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat === '') return '(empty body)';
	return flat.length > length ? `${flat.slice(0, length)}...` : flat;
}

export const REDACTED = '[redacted]';

/**
 * What a server may echo back that must never reach an error, an item or a log: the whole
 * token and its secret (the part after the first '.'). The public id alone names the key
 * (the dashboard shows it) and is kept, which helps telling keys apart.
 */
export function secretsOf(token: unknown): string[] {
	if (typeof token !== 'string' || token.trim() === '') return [];
	const whole = token.trim();
	const dot = whole.indexOf('.');
	const secret = dot >= 0 ? whole.slice(dot + 1) : '';
	// A very short "secret" would match ordinary words; the whole token is always removed.
	const parts = [whole, ...(secret.length >= 4 ? [secret] : [])];
	const encoded = parts
		.map((part) => encodeURIComponent(part))
		.filter((part) => !parts.includes(part));
	// Longest first, so the whole token is replaced before its secret part.
	return [...parts, ...encoded].sort((a, b) => b.length - a.length);
}

/** Replace every secret in a text. */
export function redact(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (result.includes(secret)) result = result.split(secret).join(REDACTED);
	}
	return result;
}

/** The same for parsed JSON: every string (keys included) is redacted; other values are kept. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
	if (secrets.length === 0) return value;
	const text = JSON.stringify(value);
	if (text === undefined || !secrets.some((secret) => text.includes(secret))) return value;
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return redact(v, secrets);
		if (Array.isArray(v)) return v.map(walk);
		if (typeof v === 'object' && v !== null) {
			return Object.fromEntries(
				Object.entries(v).map(([k, inner]) => [redact(k, secrets), walk(inner)]),
			);
		}
		return v;
	};
	return walk(value) as T;
}

/**
 * A NodeApiError that keeps the message it was given. NodeApiError swaps a message that
 * mentions a system code (ECONNRESET, ETIMEDOUT, ...) for a generic sentence, which would drop
 * what ours say (the endpoint, the file, the step, the attempts): every error the node builds
 * from plain data goes through here, API and storage alike.
 */
export function apiErrorKeepingMessage(
	node: INode,
	response: JsonObject,
	options: NodeApiErrorOptions & { message: string },
): NodeApiError {
	const error = new NodeApiError(node, response, options);
	error.message = options.message;
	return error;
}

/** The envelope every Genviral answer comes in (reference section 1.5). */
export interface GenviralEnvelope {
	ok: boolean;
	code: number;
	message: string;
	data?: unknown;
	error_code?: string;
}

/**
 * What a user should do about each documented error. Keyed by error_code first, then by
 * HTTP status for the documented failures that carry no code (several analytics pages).
 */
const HINTS_BY_CODE: Record<string, string> = {
	invalid_token:
		'The API token is missing, malformed, unknown or revoked. Open the Genviral API credential and paste a current key (<public_id>.<secret>) from the Genviral dashboard.',
	unauthorized:
		'The API token is missing, malformed, unknown or revoked. Open the Genviral API credential and paste a current key (<public_id>.<secret>) from the Genviral dashboard.',
	subscription_required:
		'The key owner has no active Creator, Professional or Business plan. Renew the Genviral subscription, or use a key of an account that has one.',
	tier_not_allowed:
		"The key owner's plan tier (Scheduler) may not use the Partner API. Upgrade the plan or use another account's key.",
	invalid_json:
		'Genviral could not parse the request body. This is a bug in the node: please report it.',
	invalid_payload:
		'Genviral rejected the request body. Check the values of the fields sent (platform, identifier, ...).',
	analytics_conflict:
		'A refresh of this target is already running. Wait for it instead of starting another.',
	// What to do about a 429 depends on the request's retry policy: see retry advice below.
	rate_limited: 'Genviral limits how many requests a key may send in a short time.',
	insufficient_credits: 'Not enough Genviral credits for this action. Top up credits in Genviral.',
};

const HINTS_BY_STATUS: Record<number, string> = {
	400: 'Genviral rejected the request. Check the parameters (for a target: platform must be TikTok, Instagram or YouTube, and the identifier must not be empty).',
	401: HINTS_BY_CODE.invalid_token,
	402: 'Payment required: no active plan, or not enough credits for this action.',
	403: 'The API token may not access this workspace or scope. Check which workspace the key belongs to in the Genviral API credential (workspace keys and personal keys see different items).',
	404: "Not found in this key's scope. A workspace key cannot see personal items and a personal key cannot see workspace items.",
	409: 'The request conflicts with the current state of the resource.',
	422: 'Genviral could not accept the values sent. Check the parameters.',
	429: HINTS_BY_CODE.rate_limited,
	500: 'Genviral failed while processing the request. Try again later; if it persists, contact Genviral support.',
	502: 'Genviral could not reach an upstream service. Try again later.',
	503: 'Genviral is temporarily unavailable. Try again later.',
};

function hintFor(status: number, errorCode: string | undefined): string {
	return (
		(errorCode !== undefined ? HINTS_BY_CODE[errorCode] : undefined) ??
		HINTS_BY_STATUS[status] ??
		(status >= 500
			? HINTS_BY_STATUS[500]
			: status < 400
				? // Genviral answers 2xx with its envelope and never redirects: something else answered.
					'This is not an answer Genviral gives: a proxy or captive portal between n8n and Genviral may have answered, or the answer was cut off. Check the Base URL in the Genviral API credential; if it persists, report it.'
				: `Genviral refused the request (HTTP ${status}).`)
	);
}

/** Tell n8n the cause where it is certain (see NodeApiError's `failure`). */
function failureFor(status: number, retryAfterMs: number | undefined): Failure | undefined {
	if (status === 401) return { cause: 'credential-invalid' };
	if (status === 429) {
		return retryAfterMs === undefined
			? { cause: 'rate-limited' }
			: { cause: 'rate-limited', retryAfterMs };
	}
	if (status === 503) return { cause: 'temporarily-unavailable' };
	return undefined;
}

export interface ApiErrorInput {
	node: INode;
	status: number;
	/** The parsed envelope, when the body was one. */
	envelope?: Partial<GenviralEnvelope>;
	/** What came back when it was not an envelope (already shortened). */
	snippet?: string;
	endpoint: string;
	itemIndex?: number;
	retryAfterMs?: number;
	/** Overrides the message (used for answers that are not Genviral envelopes). */
	message?: string;
	/** Appended to the message, e.g. why no retry was made. */
	messageSuffix?: string;
	/** What to do, from the transport's retry decision (replaces nothing, comes after the hint). */
	advice?: string;
}

/**
 * Build the NodeApiError a user sees for a failed Genviral call: the API's own message,
 * its HTTP status as httpCode, its error_code in the description and in `context.errorCode`.
 * Always built fresh from plain data, never from the HTTP client's error, so that no request
 * header (the token) can travel inside it.
 */
export function genviralApiError(input: ApiErrorInput): NodeApiError {
	const { node, status, envelope, endpoint, itemIndex } = input;
	// Texts from the network are bounded here, whoever built the input.
	const errorCode =
		typeof envelope?.error_code === 'string' && envelope.error_code.trim() !== ''
			? snippetOf(envelope.error_code, ERROR_CODE_LENGTH)
			: undefined;
	const apiMessage =
		typeof envelope?.message === 'string' && envelope.message.trim() !== ''
			? snippetOf(envelope.message, MESSAGE_LENGTH)
			: undefined;
	const message =
		(input.message ?? apiMessage ?? `Genviral answered HTTP ${status} to ${endpoint}`) +
		(input.messageSuffix ?? '');
	const parts = [
		`HTTP ${status} from ${endpoint}${errorCode !== undefined ? `, error_code: ${errorCode}` : ''}.`,
		hintFor(status, errorCode),
		input.advice,
		input.snippet !== undefined ? `Response: ${snippetOf(input.snippet)}` : undefined,
	].filter((part): part is string => part !== undefined);

	const errorResponse: IDataObject = {
		message,
		httpCode: String(status),
		...(errorCode !== undefined ? { error_code: errorCode } : {}),
	};
	// The API's own message is kept even when it mentions a system code.
	const error = apiErrorKeepingMessage(node, errorResponse as JsonObject, {
		message,
		description: parts.join(' '),
		httpCode: String(status),
		itemIndex,
		failure: failureFor(status, input.retryAfterMs),
	});
	error.context.errorCode = errorCode ?? null;
	error.context.endpoint = endpoint;
	return error;
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset',
	EPIPE: 'the connection was closed',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
};

/**
 * Our own name for an answer whose connection closed before the whole body arrived (the
 * HTTP client reports it as a reset or an abort, like a failure before any answer).
 */
export const ANSWER_CUT_OFF = 'EANSWERCUTOFF';

export interface NetworkErrorInput {
	node: INode;
	endpoint: string;
	/** A system code (ECONNREFUSED, ...) or ANSWER_CUT_OFF. */
	code: string;
	/** The client's own words, already redacted. */
	detail: string;
	itemIndex: number | undefined;
	messageSuffix?: string;
	advice?: string;
}

/** For a connection that failed before a complete HTTP answer: refused, reset, cut off. */
export function genviralNetworkError(input: NetworkErrorInput): NodeApiError {
	const { node, endpoint, code, itemIndex } = input;
	// The message never names the system code itself: n8n replaces any message that mentions
	// one (ECONNREFUSED, ...) with a generic sentence that would drop the endpoint.
	const cutOff = code === ANSWER_CUT_OFF;
	const message = cutOff
		? `Genviral's answer to ${endpoint} was cut off: the connection closed before the whole answer arrived`
		: `Could not reach Genviral for ${endpoint}: ${NETWORK_FAILURES[code] ?? 'network error'}`;
	const description = [
		cutOff
			? `The connection was dropped while the answer was being read (${snippetOf(input.detail)}): a network or proxy problem.`
			: `Network error ${code}: the connection failed before Genviral answered (${snippetOf(input.detail)}). Check the Base URL in the Genviral API credential and your network, then try again.`,
		input.advice,
	]
		.filter((part): part is string => part !== undefined)
		.join(' ');
	// The suffix may name a system code ("last: ECONNRESET"): the message is kept as written.
	const error = apiErrorKeepingMessage(node, { message, networkError: code } as JsonObject, {
		message: message + (input.messageSuffix ?? ''),
		description,
		itemIndex,
		failure: { cause: 'temporarily-unavailable' },
	});
	error.context.errorCode = null;
	error.context.networkError = code;
	error.context.endpoint = endpoint;
	return error;
}

/** No complete answer within the Timeout (the whole exchange, not just a silent socket). */
export function genviralTimeoutError(
	node: INode,
	endpoint: string,
	timeoutMs: number,
	itemIndex: number | undefined,
): NodeApiError {
	const message = `Genviral did not answer ${endpoint} in time`;
	const description = `No complete answer within the Timeout of ${timeoutMs / 1000} s (the whole request: connecting, waiting and reading the answer). It was not retried, since it already waited that long. Raise the Timeout option, or try again later.`;
	const error = apiErrorKeepingMessage(node, { message, networkError: 'ETIMEDOUT' } as JsonObject, {
		message,
		description,
		itemIndex,
		failure: { cause: 'temporarily-unavailable' },
	});
	error.context.errorCode = null;
	error.context.networkError = 'ETIMEDOUT';
	error.context.endpoint = endpoint;
	return error;
}

/** The Base URL (or something in front of it) answered with a redirect that is not followed. */
export function genviralRedirectError(input: {
	node: INode;
	endpoint: string;
	status: number;
	/** Where it pointed: only the origin, never the path or query (they may carry anything). */
	targetOrigin: string | undefined;
	reason: 'otherOrigin' | 'methodChange' | 'tooMany';
	itemIndex: number | undefined;
}): NodeApiError {
	const { node, endpoint, status, targetOrigin, reason, itemIndex } = input;
	const where = targetOrigin === undefined ? 'an invalid location' : targetOrigin;
	const message =
		reason === 'otherOrigin'
			? `Genviral's Base URL answered ${endpoint} with a redirect to another origin (${where}); the request was not sent there`
			: reason === 'methodChange'
				? `Genviral's Base URL answered ${endpoint} with a redirect (HTTP ${status}) that would change the request into a GET; it was not followed`
				: `Genviral's Base URL answered ${endpoint} with too many redirects; the last one was not followed`;
	const description = `HTTP ${status} from ${endpoint}. Genviral does not redirect, so the API token is never sent to another origin: a proxy in front of it, or the Base URL in the Genviral API credential, is wrong. Use ${GENVIRAL_DEFAULT_BASE_URL} unless you go through a proxy.`;
	const error = apiErrorKeepingMessage(node, { message, httpCode: String(status) } as JsonObject, {
		message,
		description,
		httpCode: String(status),
		itemIndex,
	});
	error.context.errorCode = null;
	error.context.endpoint = endpoint;
	error.context.redirectTo = targetOrigin ?? null;
	return error;
}
