import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export const GENVIRAL_DEFAULT_BASE_URL = 'https://www.genviral.io/api/partner/v1';

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
				'Change only to go through a proxy or a test server. Plain http:// is accepted for localhost only, so the token never travels in clear.',
		},
	];

	// n8n applies this header to every request made with httpRequestWithAuthentication.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	// GET /subscription is cheap and read-only; it is answered with the plan gate's errors,
	// which are exactly what a bad or under-privileged key runs into.
	test: ICredentialTestRequest = {
		request: {
			// As in the node's transport, the token only travels over HTTPS, or plain HTTP to this
			// machine; any other Base URL is swapped for a host that never resolves (.invalid).
			baseURL:
				'={{ /^(https:\\/\\/|http:\\/\\/(localhost|127\\.\\d+\\.\\d+\\.\\d+|\\[::1\\])([:\\/]|$))/i.test($credentials.baseUrl) ? $credentials.baseUrl : "https://base-url-must-use-https.invalid" }}',
			url: '/subscription',
			method: 'GET',
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
		],
	};
}
