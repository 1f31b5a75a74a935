import type { Failure, IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

const SNIPPET_LENGTH = 200;

/** A short, one-line excerpt of a text that came back from the network. */
export function snippetOf(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat === '') return '(empty body)';
	return flat.length > SNIPPET_LENGTH ? `${flat.slice(0, SNIPPET_LENGTH)}...` : flat;
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
	invalid_json: 'Genviral could not parse the request body. This is a bug in the node: please report it.',
	invalid_payload:
		'Genviral rejected the request body. Check the values of the fields sent (platform, identifier, ...).',
	analytics_conflict: 'A refresh of this target is already running. Wait for it instead of starting another.',
	rate_limited: 'Too many requests in a short time. Wait a little, or turn on retries in the node options.',
	insufficient_credits: 'Not enough Genviral credits for this action. Top up credits in Genviral.',
};

const HINTS_BY_STATUS: Record<number, string> = {
	400: 'Genviral rejected the request. Check the parameters (for a target: platform must be TikTok, Instagram or YouTube, and the identifier must not be empty).',
	401: HINTS_BY_CODE.invalid_token,
	402: 'Payment required: no active plan, or not enough credits for this action.',
	403: "The API token may not access this workspace or scope. Check which workspace the key belongs to in the Genviral API credential (workspace keys and personal keys see different items).",
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
		(status >= 500 ? HINTS_BY_STATUS[500] : 'Genviral rejected the request.')
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
}

/**
 * Build the NodeApiError a user sees for a failed Genviral call: the API's own message,
 * its HTTP status as httpCode, its error_code in the description and in `context.errorCode`.
 * Always built fresh from plain data, never from the HTTP client's error, so that no request
 * header (the token) can travel inside it.
 */
export function genviralApiError(input: ApiErrorInput): NodeApiError {
	const { node, status, envelope, endpoint, itemIndex } = input;
	const errorCode =
		typeof envelope?.error_code === 'string' && envelope.error_code !== ''
			? envelope.error_code
			: undefined;
	const apiMessage =
		typeof envelope?.message === 'string' && envelope.message.trim() !== ''
			? envelope.message
			: undefined;
	const message =
		input.message ?? apiMessage ?? `Genviral answered HTTP ${status} to ${endpoint}`;
	const parts = [
		`HTTP ${status} from ${endpoint}${errorCode !== undefined ? `, error_code: ${errorCode}` : ''}.`,
		hintFor(status, errorCode),
		input.snippet !== undefined ? `Response: ${input.snippet}` : undefined,
	].filter((part): part is string => part !== undefined);

	const errorResponse: IDataObject = {
		message,
		httpCode: String(status),
		...(errorCode !== undefined ? { error_code: errorCode } : {}),
	};
	const error = new NodeApiError(node, errorResponse as JsonObject, {
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

/** For a connection that failed before any HTTP answer: refused, reset, timed out. */
export function genviralNetworkError(
	node: INode,
	endpoint: string,
	code: string,
	detail: string,
	itemIndex: number | undefined,
): NodeApiError {
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
	// The message never names the system code itself: n8n replaces any message that mentions
	// one (ECONNREFUSED, ...) with a generic sentence that would drop the endpoint.
	const message = timedOut
		? `Genviral did not answer ${endpoint} in time`
		: `Could not reach Genviral for ${endpoint}: ${NETWORK_FAILURES[code] ?? 'network error'}`;
	const description = timedOut
		? `The request timed out (${detail}). Raise the Timeout option, or try again later.`
		: `Network error ${code}: the connection failed before Genviral answered. Check the Base URL in the Genviral API credential and your network, then try again.`;
	const error = new NodeApiError(node, { message, networkError: code } as JsonObject, {
		message,
		description,
		itemIndex,
		failure: { cause: 'temporarily-unavailable' },
	});
	error.context.errorCode = null;
	error.context.networkError = code;
	error.context.endpoint = endpoint;
	return error;
}
