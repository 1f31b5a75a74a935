/**
 * Workflows the end-to-end run imports into a real n8n. They create their items with n8n's
 * own Set and Split Out nodes (the CLI runs workflows in "cli" mode, where pinned data does
 * not apply).
 */
export const GOOD_CREDENTIAL_ID = 'gvE2eCredGood001';
export const BAD_CREDENTIAL_ID = 'gvE2eCredBad0001';

export const E2E_HANDLES = ['@e2e_one', '@e2e_two', '@e2e_three'];
/** The fake answers this handle with 402 subscription_required (see the e2e script). */
export const FAILING_HANDLE = '@e2e_unpaid';

function workflow(
	id: string,
	name: string,
	handles: string[],
	credentialId: string,
	continueOnFail = false,
) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-1`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-2`,
				name: 'Accounts',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ handles }), options: {} },
			},
			{
				id: `${id}-3`,
				name: 'One Item per Account',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'handles', options: {} },
			},
			{
				id: `${id}-4`,
				name: 'Genviral',
				type: 'n8n-nodes-genviral.genviral',
				typeVersion: 1,
				position: [600, 0],
				parameters: {
					resource: 'analyticsTarget',
					operation: 'create',
					platform: 'tiktok',
					identifier: '={{ $json.handles }}',
					additionalFields: {},
					options: { maxRetries: 0 },
				},
				credentials: { genviralApi: { id: credentialId, name: credentialId } },
				...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
			},
		],
		connections: {
			Start: { main: [[{ node: 'Accounts', type: 'main', index: 0 }]] },
			Accounts: { main: [[{ node: 'One Item per Account', type: 'main', index: 0 }]] },
			'One Item per Account': { main: [[{ node: 'Genviral', type: 'main', index: 0 }]] },
		},
	};
}

export const WORKFLOWS = {
	create: workflow('gvE2eCreate00001', 'E2E: create targets', E2E_HANDLES, GOOD_CREDENTIAL_ID),
	wrongKey: workflow('gvE2eWrongKey001', 'E2E: wrong key', ['@e2e_one'], BAD_CREDENTIAL_ID),
	continueOnFail: workflow(
		'gvE2eContinue001',
		'E2E: continue on fail',
		['@e2e_ok', FAILING_HANDLE, '@e2e_fine'],
		GOOD_CREDENTIAL_ID,
		true,
	),
};
