/**
 * The workflows `npm run test:e2e:queue` activates in n8n's queue mode, and what each of their
 * production executions must show. EXTENSION POINT: to prove another operation or trigger on a
 * worker, add one entry to SCENARIOS: the workflow (as n8n exports it; Genviral nodes use
 * `genviral(...)` so they get the queue run's credential) and its `expect` checks on the run
 * data. The script does the rest for every scenario: imports it, activates it after the worker
 * with the package is up, starts it (POSTs `start.body` to a webhook; a schedule or a polling
 * trigger starts by itself), waits for its first finished execution, and checks that the main
 * enqueued it, the worker ran it (worker log + the main's "finished" record naming the worker's
 * ID), that it succeeded, and that no token shows in any log or in the stored execution.
 *
 * The scenarios: a webhook that creates an analytics target and waits for its refresh; a webhook
 * that downloads a video (binary data in the database, on the worker) and creates a post with
 * Wait for Publish; a schedule; and the Genviral Trigger, polled by the main, whose cursor (the
 * workflow's static data, stored in PostgreSQL) must hold between polls and across a restart of
 * the main while its executions run on the worker (`again`).
 */
import { accountId } from '../test/fake-genviral/resources/accounts';
import {
	DEFAULT_KEYS,
	DEFAULT_TOKEN,
	type FakeGenviral,
	type KeyProfile,
} from '../test/fake-genviral/server';
import { chain, type N8nWorkflow, type RunView } from './e2e-common';

export { chain, type N8nWorkflow, type RunView };

export const QUEUE_CREDENTIAL_ID = 'gvQueueCredGood1';
/** The credential's token: the fake's default workspace key. */
export const QUEUE_TOKEN = DEFAULT_TOKEN;
/**
 * The Genviral Trigger's credential: a workspace of its own, so that the posts the other
 * scenarios publish are not its events.
 */
export const TRIGGER_CREDENTIAL_ID = 'gvQueueCredTrig1';
export const TRIGGER_TOKEN = 'gva_live_7e7e7e.queue-trigger-secret-8a8b';
export const QUEUE_KEYS: Record<string, KeyProfile> = {
	...DEFAULT_KEYS,
	[TRIGGER_TOKEN]: {
		scope: 'workspace',
		userId: '0a0a0a0a-0000-4000-8000-000000007010',
		workspaceId: '0a0a0a0a-0000-4000-8000-000000009010',
		plan: 'active',
	},
};
/** Every credential the queue run imports. */
export const QUEUE_CREDENTIALS = [
	{ id: QUEUE_CREDENTIAL_ID, token: QUEUE_TOKEN },
	{ id: TRIGGER_CREDENTIAL_ID, token: TRIGGER_TOKEN },
];

export type Start =
	/** The script POSTs `body` to the production URL `/webhook/<path>` of the main. */
	| { kind: 'webhook'; path: string; body: Record<string, unknown> }
	/** A Schedule Trigger: it fires by itself once activated. */
	| { kind: 'schedule' }
	/** A polling trigger: the main polls, its executions go to the queue. */
	| { kind: 'poll' };

export interface ScenarioContext {
	fake: FakeGenviral;
	/** A video on the fake's storage origin (the post scenario downloads it on the worker). */
	videoUrl: string;
}

export type Expectation = [name: string, ok: boolean, detail?: string];

export interface Scenario {
	key: string;
	/** The n8n execution mode its production runs carry ('webhook', 'trigger'). */
	mode: string;
	start: Start;
	workflow(ctx: ScenarioContext): N8nWorkflow;
	/** State the fake needs before activation (seeded targets, a refresh plan...). */
	prepare?(ctx: ScenarioContext): void;
	/** After activation, before the first execution is awaited (e.g. a change after the trigger's first poll). */
	activated?(ctx: ScenarioContext): Promise<Expectation[]>;
	/**
	 * Checks on the first finished execution (and, for a webhook, the HTTP answer of the main);
	 * each is [name, ok, detail].
	 */
	expect(
		run: RunView,
		ctx: ScenarioContext,
		response?: { status: number; body: unknown },
	): Expectation[];
	/**
	 * A second act for a workflow that stays active while the main restarts: `before` runs while
	 * the main is down, `expect` reads the next execution after the restart.
	 */
	again?: {
		before(ctx: ScenarioContext): void;
		expect(run: RunView, ctx: ScenarioContext): Expectation[];
	};
}

/** A Genviral node with a queue run's credential (the default one unless named). */
export function genviral(
	name: string,
	position: [number, number],
	parameters: Record<string, unknown>,
	credentialId = QUEUE_CREDENTIAL_ID,
): Record<string, unknown> {
	return {
		id: `genviral-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		name,
		type: 'n8n-nodes-genviral.genviral',
		typeVersion: 1,
		position,
		parameters,
		credentials: { genviralApi: { id: credentialId, name: credentialId } },
	};
}

export const WEBHOOK_HANDLE = '@queue_webhook';
export const SCHEDULED_HANDLE = '@queue_scheduled';
export const MANUAL_HANDLE = '@queue_manual';
export const POST_CAPTION = 'Queue launch #e2e';
/** The size of the video the post scenario downloads and uploads. */
export const VIDEO_BYTES = 256 * 1024;
/** The Genviral Trigger's posts: the first is published before the main restarts, the second fails while it is down. */
export const TRIGGER_POSTS = ['Queue trigger: first', 'Queue trigger: second'];

const first = (run: RunView, node: string): Record<string, unknown> => run.output[node]?.[0] ?? {};

export const SCENARIOS: Scenario[] = [
	{
		key: 'webhook',
		mode: 'webhook',
		start: { kind: 'webhook', path: 'genviral-queue-refresh', body: { handle: WEBHOOK_HANDLE } },
		workflow: () =>
			chain('gvQueueWebhook01', 'Queue: webhook → create → refresh and wait', [
				{
					id: 'webhook',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: '5b0f6a62-2f7e-4d3b-9d55-0a0a0a0a0001',
					parameters: {
						httpMethod: 'POST',
						path: 'genviral-queue-refresh',
						responseMode: 'lastNode',
						responseData: 'firstEntryJson',
						options: {},
					},
				},
				genviral('Create Target', [200, 0], {
					resource: 'analyticsTarget',
					operation: 'create',
					platform: 'tiktok',
					identifier: '={{ $json.body.handle }}',
					additionalFields: {},
				}),
				genviral('Refresh and Wait', [400, 0], {
					resource: 'analyticsTarget',
					operation: 'refresh',
					targetId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					waitForCompletion: true,
					pollInterval: 0.2,
					maxWait: 60,
				}),
			]),
		prepare: ({ fake }) => {
			// Progress follows the clock: about 1.5 s until completed, read every 0.2 s.
			fake.refreshPlan = ['processing', 'processing', 'completed'];
			fake.refreshStepMs = 500;
		},
		expect: (run, { fake }, response) => {
			const created = first(run, 'Create Target');
			const refreshed = first(run, 'Refresh and Wait');
			const polls = fake.requests.filter(
				(r) =>
					r.method === 'GET' && r.path.includes(`/analytics/refreshes/${String(refreshed.id)}`),
			).length;
			return [
				[
					'the target is created from the webhook body',
					created.identifier === WEBHOOK_HANDLE && created.created === true,
					JSON.stringify(created),
				],
				[
					'the refresh was waited for until completed (its status read several times)',
					refreshed.status === 'completed' && refreshed.target_id === created.id && polls >= 3,
					`status ${String(refreshed.status)}, ${polls} status reads`,
				],
				[
					'the main answers the webhook with the last node of the worker run',
					response?.status === 200 &&
						(response.body as Record<string, unknown> | undefined)?.id === refreshed.id,
					`HTTP ${response?.status}`,
				],
			];
		},
	},
	{
		key: 'post',
		mode: 'webhook',
		start: { kind: 'webhook', path: 'genviral-queue-post', body: { caption: POST_CAPTION } },
		workflow: ({ fake, videoUrl }) =>
			chain('gvQueuePost00001', 'Queue: webhook → download → create post and wait for publish', [
				{
					id: 'webhook-post',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: '5b0f6a62-2f7e-4d3b-9d55-0a0a0a0a0002',
					parameters: {
						httpMethod: 'POST',
						path: 'genviral-queue-post',
						responseMode: 'lastNode',
						responseData: 'firstEntryJson',
						options: {},
					},
				},
				{
					id: 'download-video',
					name: 'Download Video',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [200, 0],
					parameters: {
						url: videoUrl,
						options: { response: { response: { responseFormat: 'file' } } },
					},
				},
				genviral('Create Post and Wait', [400, 0], {
					resource: 'post',
					operation: 'create',
					accountIds: [accountId(fake.scopeOf(QUEUE_TOKEN), 'tiktok')],
					caption: "={{ $('Webhook').item.json.body.caption }}",
					postMedia: 'video',
					mediaSource: 'binary',
					binaryPropertyName: 'data',
					schedule: 'now',
					additionalFields: { videoDuration: 12 },
					tiktokSettings: {},
					pinterestSettings: {},
					waitForPublish: true,
					pollInterval: 1,
					maxWait: 120,
				}),
			]),
		prepare: ({ fake }) => {
			fake.modules.posts.stepMs = 1500;
		},
		expect: (run, { fake }, response) => {
			const post = first(run, 'Create Post and Wait');
			const created = fake
				.requestsTo('POST /posts')
				.filter((r) => JSON.stringify(r.body).includes(POST_CAPTION));
			const mediaUrl =
				(created[0]?.body as { media?: { url?: string } } | undefined)?.media?.url ?? '';
			const stored = fake.storage.object(mediaUrl);
			const reads = fake
				.requestsTo('GET /posts/{id}')
				.filter((r) => r.path.endsWith(String(post.id))).length;
			return [
				[
					'the video the worker downloaded (binary data in the database) is uploaded whole',
					stored !== undefined && stored.size === VIDEO_BYTES,
					`${stored?.size ?? 'no'} of ${VIDEO_BYTES} bytes at ${mediaUrl.slice(0, 60)}`,
				],
				[
					'Post → Create with Wait for Publish: created once, its status read until posted',
					post.status === 'posted' && reads >= 2 && created.length === 1,
					`status ${String(post.status)}, ${reads} status reads, ${created.length} POST /posts`,
				],
				[
					'the main answers the webhook with the published post',
					response?.status === 200 &&
						(response.body as Record<string, unknown> | undefined)?.id === post.id,
					`HTTP ${response?.status}`,
				],
			];
		},
	},
	{
		key: 'schedule',
		mode: 'trigger',
		start: { kind: 'schedule' },
		workflow: () =>
			chain('gvQueueSchedule1', 'Queue: every 5 s → get many targets', [
				{
					id: 'schedule',
					name: 'Every 5 Seconds',
					type: 'n8n-nodes-base.scheduleTrigger',
					typeVersion: 1.2,
					position: [0, 0],
					parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: 5 }] } },
				},
				genviral('Get Targets', [200, 0], {
					resource: 'analyticsTarget',
					operation: 'getMany',
					returnAll: true,
				}),
			]),
		prepare: ({ fake }) => {
			fake.seedTarget(DEFAULT_TOKEN, {
				platform: 'instagram',
				identifier: SCHEDULED_HANDLE,
				postCount: 5,
			});
		},
		expect: (run) => {
			const targets = run.output['Get Targets'] ?? [];
			const seeded = targets.find((t) => t.identifier === SCHEDULED_HANDLE);
			return [
				[
					'the scheduled run lists the seeded target, one item per target',
					seeded?.platform === 'instagram' && targets.every((t) => typeof t.id === 'string'),
					`${targets.length} targets`,
				],
			];
		},
	},
	{
		key: 'trigger',
		mode: 'trigger',
		start: { kind: 'poll' },
		workflow: () =>
			chain('gvQueuePoll00001', 'Queue: Genviral Trigger (post posted or failed) → get post', [
				{
					id: 'genviral-trigger',
					name: 'Post Published or Failed',
					type: 'n8n-nodes-genviral.genviralTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						event: 'postStatusChanged',
						statuses: ['posted', 'failed'],
						postFilters: {},
					},
					credentials: { genviralApi: { id: TRIGGER_CREDENTIAL_ID, name: TRIGGER_CREDENTIAL_ID } },
				},
				genviral(
					'Get Post',
					[200, 0],
					{
						resource: 'post',
						operation: 'get',
						postId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					},
					TRIGGER_CREDENTIAL_ID,
				),
			]),
		prepare: ({ fake }) => {
			const scope = fake.scopeOf(TRIGGER_TOKEN);
			for (const caption of TRIGGER_POSTS) {
				fake.modules.posts.seedPost(scope, {
					status: 'pending',
					caption,
					created_at: new Date(Date.now() - 60_000).toISOString(),
					accounts: [{ id: accountId(scope, 'tiktok'), status: 'pending' }],
				});
			}
		},
		activated: async ({ fake }) => {
			// The activation poll records the two pending posts and emits nothing; then the first is published.
			const until = Date.now() + 60_000;
			while (triggerPolls(fake) === 0 && Date.now() < until)
				await new Promise((resolve) => setTimeout(resolve, 250));
			const polls = triggerPolls(fake);
			finish(fake, TRIGGER_POSTS[0], 'posted');
			return [
				[
					'the activation poll read the posts (GET /posts) before the first one changed',
					polls > 0,
					`${polls} poll(s)`,
				],
			];
		},
		expect: (run, { fake }) => {
			const emitted = run.output['Post Published or Failed'] ?? [];
			const published = postOf(fake, TRIGGER_POSTS[0]);
			return [
				[
					'the next poll (Every Minute, on the main) emits the published post, and only it',
					emitted.length === 1 && emitted[0].id === published?.id && emitted[0].status === 'posted',
					JSON.stringify(emitted.map((p) => [p.caption, p.status])),
				],
				[
					'the worker reads it with Post → Get',
					first(run, 'Get Post').id === published?.id && first(run, 'Get Post').status === 'posted',
					'',
				],
			];
		},
		again: {
			before: ({ fake }) => finish(fake, TRIGGER_POSTS[1], 'failed'),
			expect: (run, { fake }) => {
				const emitted = run.output['Post Published or Failed'] ?? [];
				const failed = postOf(fake, TRIGGER_POSTS[1]);
				return [
					[
						'after the restart of the main: the post that failed meanwhile, not the one emitted before (the cursor was read back from the database)',
						emitted.length === 1 && emitted[0].id === failed?.id && emitted[0].status === 'failed',
						JSON.stringify(emitted.map((p) => [p.caption, p.status])),
					],
				];
			},
		},
	},
];

/** Manual runs (the editor's "Execute workflow"): they stay on the main by default. */
export const MANUAL_WORKFLOW = chain('gvQueueManual001', 'Queue: manual → create target', [
	{
		id: 'start',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	},
	{
		id: 'set',
		name: 'Account',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [200, 0],
		parameters: { mode: 'raw', jsonOutput: JSON.stringify({ handle: MANUAL_HANDLE }), options: {} },
	},
	genviral('Create Target', [400, 0], {
		resource: 'analyticsTarget',
		operation: 'create',
		platform: 'tiktok',
		identifier: '={{ $json.handle }}',
		additionalFields: {},
	}),
]);

/** Polls of the Genviral Trigger (its own workspace key). */
export function triggerPolls(fake: FakeGenviral): number {
	return fake
		.requestsTo('GET /posts')
		.filter((r) => r.headers.authorization === `Bearer ${TRIGGER_TOKEN}`).length;
}

function triggerPostsWith(fake: FakeGenviral, caption: string) {
	return fake.modules.posts.all(fake.scopeOf(TRIGGER_TOKEN)).filter((p) => p.caption === caption);
}

function postOf(fake: FakeGenviral, caption: string): { id: string } | undefined {
	return triggerPostsWith(fake, caption)[0];
}

/** A seeded post reaches its end, with every delivery. */
function finish(fake: FakeGenviral, caption: string, status: 'posted' | 'failed'): void {
	for (const post of triggerPostsWith(fake, caption)) {
		post.fixedStatus = status;
		for (const delivery of post.deliveries) delivery.fixed = status;
	}
}
