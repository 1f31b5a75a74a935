import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export const GENVIRAL_DEFAULT_BASE_URL = 'https://www.genviral.io/api/partner/v1';

/*
 * The Base URL rule. The node (transport/request.ts) and the credential's Test (an n8n
 * expression, the only thing a declarative test request can run) both apply exactly these
 * patterns, in this order, to the trimmed value (empty means the default):
 * the token rides in a header of every request, so the URL must say plainly where it goes.
 */
const LOOPBACK_HOST = String.raw`(localhost|127(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}|\[::1\])`;
const HOST = String.raw`([a-z0-9_-]+(\.[a-z0-9_-]+)*\.?|\[::1\])`;
const PORT = String.raw`(:(6553[0-5]|655[0-2]\d|65[0-4]\d\d|6[0-4]\d\d\d|[1-5]\d\d\d\d|\d{1,4}))?`;
const PATH = String.raw`(\/[^?#\s\\]*)?`;

/** Refusals, checked first to last; the first that matches is the one reported. */
export const BASE_URL_REFUSALS: ReadonlyArray<{
	pattern: RegExp;
	problem: string;
	testHost: string;
}> = [
	{
		// "user:password@host" would make the HTTP client send Basic auth instead of the token,
		// and "trusted@evil" hides where the request really goes.
		pattern: /^[^/?#]*\/\/[^/?#]*@/,
		problem: 'must not contain a user name or password (user:password@)',
		testHost: 'base-url-must-not-contain-user-or-password.invalid',
	},
	{
		pattern: /\?/,
		problem: 'must not contain a query (?...): every request appends its own path to the Base URL',
		testHost: 'base-url-must-not-contain-a-query.invalid',
	},
	{
		pattern: /#/,
		problem:
			'must not contain a fragment (#...): every request appends its own path to the Base URL',
		testHost: 'base-url-must-not-contain-a-fragment.invalid',
	},
	{
		pattern: new RegExp(String.raw`^http:\/\/(?!${LOOPBACK_HOST}${PORT}(\/|$))`, 'i'),
		problem:
			'must use https://. Plain http:// is accepted only to this machine (localhost, 127.x.x.x, [::1]), so the token never crosses a network in clear',
		testHost: 'base-url-must-use-https.invalid',
	},
	{
		pattern: new RegExp(
			String.raw`^(?!(https:\/\/${HOST}|http:\/\/${LOOPBACK_HOST})${PORT}${PATH}$)`,
			'i',
		),
		problem: `is not a valid URL: it must look like ${GENVIRAL_DEFAULT_BASE_URL}`,
		testHost: 'base-url-is-not-a-valid-url.invalid',
	},
];

/** Apply the rule: the Base URL to use (trimmed, without trailing slashes), or what is wrong with it. */
export function checkBaseUrl(value: unknown): { baseUrl: string } | { problem: string } {
	const url = (typeof value === 'string' ? value : '').trim() || GENVIRAL_DEFAULT_BASE_URL;
	const refusal = BASE_URL_REFUSALS.find(({ pattern }) => pattern.test(url));
	if (refusal) return { problem: refusal.problem };
	return { baseUrl: url.replace(/\/+$/, '') };
}

/**
 * The same rule as an n8n expression for the credential Test: a refused Base URL is swapped
 * for a host that never resolves (.invalid) and whose name says what is wrong, before n8n
 * attaches the token.
 */
function baseUrlTestExpression(): string {
	const branches = BASE_URL_REFUSALS.map(
		({ pattern, testHost }) =>
			`/${pattern.source}/${pattern.flags}.test(u) ? "https://${testHost}" : `,
	).join('');
	return `={{ ((u) => ${branches}u)(String($credentials.baseUrl || "").trim() || "${GENVIRAL_DEFAULT_BASE_URL}") }}`;
}

export class GenviralApi implements ICredentialType {
	name = 'genviralApi';

	displayName = 'Genviral API';

	icon: Icon = {
		light: 'file:../nodes/Genviral/genviral.svg',
		dark: 'file:../nodes/Genviral/genviral.dark.svg',
	};

	documentationUrl = 'https://docs.genviral.io/api-reference/introduction';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'gva_live_0a1b2c.xxxxxxxxxxxxxxxx',
			description:
				'Partner API key from the Genviral dashboard (API Keys), in the form <public_id>.<secret>. A workspace key sees the workspace, a personal key sees your personal items.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: GENVIRAL_DEFAULT_BASE_URL,
			description:
				'Change only to go through a proxy or a test server. Must be https:// (plain http:// only to this machine: localhost, 127.x.x.x), without user:password@, query (?) or fragment (#).',
		},
	];

	// n8n applies this header to every request made with httpRequestWithAuthentication. A
	// function rather than a generic `={{ }}` template: n8n would evaluate an expression (and
	// build its whole expression context) for every request, the largest per-item cost the
	// node had over a bare request (see bench/RESULTS.md).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = typeof credentials.apiToken === 'string' ? credentials.apiToken.trim() : '';
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
		};
	}

	// GET /subscription is cheap and read-only; it is answered with the plan gate's errors,
	// which are exactly what a bad or under-privileged key runs into.
	test: ICredentialTestRequest = {
		request: {
			// The node's Base URL rule (checkBaseUrl above), as an expression.
			baseURL: baseUrlTestExpression(),
			url: '/subscription',
			method: 'GET',
			// Genviral never redirects; a redirect (a broken proxy, or worse) must not carry the
			// token anywhere. It fails the Test with the rule below instead.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Genviral rejected the API token (invalid_token): it is missing, malformed, unknown or revoked. Copy a fresh key (<public_id>.<secret>) from the Genviral dashboard.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 402,
					message:
						'The key is valid but its owner has no active Creator, Professional or Business plan (subscription_required).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The key is valid but its plan tier may not use the Partner API (tier_not_allowed), or it lacks access to this workspace.',
				},
			},
			...[301, 302, 303, 307, 308].map((status) => ({
				type: 'responseCode' as const,
				properties: {
					value: status,
					message: `The Base URL answered with a redirect (HTTP ${status}). Genviral does not redirect, so the token was not sent on: check the Base URL (a proxy in between may be misconfigured).`,
				},
			})),
		],
	};
}
