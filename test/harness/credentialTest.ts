/**
 * The credential's Test button, as n8n's CredentialsTester runs a declarative test request:
 * a throw-away node whose one property routes the credential's `test.request`, executed by
 * n8n-core's RoutingNode with the credential applied through our credentials helper; a
 * non-2xx answer is matched against the credential's `test.rules`.
 */
import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
	INodeType,
	INodeTypes,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper, buildAdditionalData, loadTypes, withDefaults } from './engine';

export async function testCredential(
	typeName: string,
	data: ICredentialDataDecryptedObject,
	/** Receives the test request as sent (after the credential was applied). */
	sent: IHttpRequestOptions[] = [],
): Promise<INodeCredentialTestResult> {
	const { credentialTypes } = await loadTypes();
	const credentialType = credentialTypes[typeName];
	const test = credentialType?.test;
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };

	const nodeType: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: test.request },
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [typeName]: { id: 'cred-test', name: 'credential under test' } },
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const decrypted = withDefaults(credentialType, data);
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, { [typeName]: decrypted });
	const hooks = new ExecutionLifecycleHooks('internal', 'cred-test', {
		id: 'cred-test',
		name: 'credential test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase);
	const additionalData = buildAdditionalData(credentialsHelper, hooks, 'cred-test');
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		{ resultData: { runData: {} } } as never,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, {
		id: 'cred-test',
		name: 'credential under test',
		type: typeName,
		data: decrypted,
	});
	try {
		await routingNode.runNode().finally(() => sent.push(...credentialsHelper.authenticated));
	} catch (error) {
		const response = (error as { cause?: { response?: { status: number; statusText?: string } } })
			.cause?.response;
		if (response) {
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === response.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		}
		const code = (error as { cause?: { code?: string } }).cause?.code;
		return { status: 'Error', message: code ?? (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
