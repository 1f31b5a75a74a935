/**
 * The node called as an agent calls it: n8n-core's own createNodeAsTool builds the LangChain
 * tool from the `genviralTool` node (its arguments from the node's $fromAI() parameters), and
 * n8n-core's makeHandleToolInvocation runs the node's execute in a SupplyDataContext with the
 * model's arguments as the input item, returning what the model reads: the items' JSON as text.
 * A file never crosses that boundary: Render with Download Images answers with URLs.
 */
import { ExecutionLifecycleHooks, SupplyDataContext } from 'n8n-core';
import type { INode, INodeType, IWorkflowBase } from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import {
	buildAdditionalData,
	GENVIRAL_TOOL_NODE_TYPE,
	loadTypes,
	TestCredentialsHelper,
} from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';

// Not in n8n-core's public index: the same modules n8n's agent path (getInputConnectionData) uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createNodeAsTool } =
	require('n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool') as typeof import('n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeHandleToolInvocation } =
	require('n8n-core/dist/execution-engine/node-execution-context/utils/get-input-connection-data') as {
		makeHandleToolInvocation: (
			contextFactory: (runIndex: number) => SupplyDataContext,
			node: INode,
			nodeType: INodeType,
			runExecutionData: unknown,
		) => (args: object) => Promise<string>;
	};

describe('Invoked through n8n-core createNodeAsTool (the agent path)', () => {
	const env = useFakeGenviral();

	async function agentTool(parameters: INode['parameters']) {
		const { nodeTypes, credentialTypes } = await loadTypes();
		const node: INode = {
			id: 'tool',
			name: 'Genviral',
			type: GENVIRAL_TOOL_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { genviralApi: { id: 'cred-1', name: 'Genviral account' } },
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const credentialsHelper = new TestCredentialsHelper(credentialTypes, {
			genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl },
		});
		const hooks = new ExecutionLifecycleHooks('manual', 'agent-run', {
			id: 'agent',
			nodes: [node],
			connections: {},
		} as unknown as IWorkflowBase);
		const additionalData = buildAdditionalData(credentialsHelper, hooks, 'agent-run');
		const runExecutionData = createRunExecutionData();
		const nodeType = nodeTypes.getByNameAndVersion(GENVIRAL_TOOL_NODE_TYPE, 1) as INodeType;
		const executeData = { node, data: { main: [[{ json: {} }]] }, source: null };
		const contextFactory = (runIndex: number) =>
			new SupplyDataContext(
				workflow,
				workflow.getNode('Genviral')!,
				additionalData,
				'manual',
				runExecutionData,
				runIndex,
				[],
				{},
				NodeConnectionTypes.AiTool,
				executeData,
				[],
				new AbortController().signal,
			);
		return createNodeAsTool({
			node: workflow.getNode('Genviral')!,
			nodeType,
			handleToolInvocation: makeHandleToolInvocation(
				contextFactory,
				workflow.getNode('Genviral')!,
				nodeType,
				runExecutionData,
			),
		}).response;
	}

	test("Render with Download Images: the model's argument fills $fromAI, the answer is JSON with file URLs, no file downloaded", async () => {
		const seeded = env.fake.modules.slideshows.seedSlideshow(env.fake.scopeOf(DEFAULT_TOKEN), {
			slideCount: 2,
		});
		const tool = await agentTool({
			resource: 'slideshow',
			operation: 'render',
			slideshowId: {
				__rl: true,
				mode: 'id',
				value: "={{ $fromAI('slideshowId', 'The slideshow to render', 'string') }}",
			},
			downloadImages: true,
		});
		expect(Object.keys((tool.schema as { shape: object }).shape)).toEqual(['slideshowId']);
		const answer = JSON.parse(String(await tool.invoke({ slideshowId: seeded.id }))) as Array<
			Record<string, unknown>
		>;
		expect(answer).toHaveLength(1);
		expect(answer[0]).toMatchObject({ id: seeded.id, status: 'rendered' });
		const urls = answer[0].rendered_image_urls as string[];
		expect(answer[0].files).toEqual(
			urls.map((url) => ({
				url,
				fileName: expect.stringMatching(/\.png$/),
				mimeType: 'image/png',
				binary: false,
			})),
		);
		expect(env.fake.storage.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
	});

	test('Slideshow → Get answers simplified by default', async () => {
		const seeded = env.fake.modules.slideshows.seedSlideshow(env.fake.scopeOf(DEFAULT_TOKEN), {
			slideCount: 2,
		});
		const tool = await agentTool({
			resource: 'slideshow',
			operation: 'get',
			slideshowId: {
				__rl: true,
				mode: 'id',
				value: "={{ $fromAI('slideshowId', 'The slideshow to read', 'string') }}",
			},
		});
		const answer = JSON.parse(String(await tool.invoke({ slideshowId: seeded.id }))) as Array<
			Record<string, unknown>
		>;
		expect(Object.keys(answer[0])).toEqual([
			'id',
			'title',
			'status',
			'slideshow_type',
			'slide_count',
			'preview_image_url',
			'image_urls',
			'last_rendered_at',
			'updated_at',
		]);
	});
});
