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
 * For example, Posts → Create with Wait for Publish: a webhook scenario whose body carries the
 * caption, `expect` reading the post's final status. The Genviral Trigger: a `poll` scenario
 * whose trigger node polls the fake API (the script also checks that the polling happened on
 * the main, from n8n's own "Poll trigger initiated" log line).
 */
import { DEFAULT_TOKEN, type FakeGenviral } from '../test/fake-genviral/server';

export const QUEUE_CREDENTIAL_ID = 'gvQueueCredGood1';
/** The credential's token: the fake's default workspace key. */
export const QUEUE_TOKEN = DEFAULT_TOKEN;

/** What a scenario's checks read: one finished execution, run data by node name. */
export interface RunView {
	id: string;
	mode: string;
	status: string;
	/** The items each node put out on its first run, main output 0. */
	output: Record<string, Array<Record<string, unknown>>>;
	/** The execution's error message, if it failed. */
	error: string | undefined;
}

export type Start =
	/** The script POSTs `body` to the production URL `/webhook/<path>` of the main. */
	| { kind: 'webhook'; path: string; body: Record<string, unknown> }
	/** A Schedule Trigger: it fires by itself once activated. */
	| { kind: 'schedule' }
	/** A polling trigger: the main polls, its executions go to the queue. */
	| { kind: 'poll' };

export interface ScenarioContext {
	fake: FakeGenviral;
	/** A loopback RSS feed the script serves, for the built-in polling node (see `polled`). */
	feedUrl: string;
}

export interface Scenario {
	key: string;
	/** The n8n execution mode its production runs carry ('webhook', 'trigger'). */
	mode: string;
	start: Start;
	workflow(ctx: ScenarioContext): N8nWorkflow;
	/** State the fake needs before activation (seeded targets, a refresh plan...). */
	prepare?(ctx: ScenarioContext): void;
	/**
	 * Checks on the first finished execution (and, for a webhook, the HTTP answer of the main);
	 * each is [name, ok, detail].
	 */
	expect(run: RunView, ctx: ScenarioContext, response?: { status: number; body: unknown }): Array<[string, boolean, string?]>;
}

export interface N8nWorkflow {
	id: string;
	name: string;
	active: boolean;
	settings: Record<string, unknown>;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
}

/** A Genviral node with the queue run's credential and no blind retries. */
export function genviral(name: string, position: [number, number], parameters: Record<string, unknown>): Record<string, unknown> {
	return {
		id: `genviral-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		name,
		type: 'n8n-nodes-genviral.genviral',
		typeVersion: 1,
		position,
		parameters,
		credentials: { genviralApi: { id: QUEUE_CREDENTIAL_ID, name: QUEUE_CREDENTIAL_ID } },
	};
}

/** Nodes in a line, each connected to the next. */
export function chain(id: string, name: string, nodes: Array<Record<string, unknown>>): N8nWorkflow {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[String(nodes[i].name)] = { main: [[{ node: String(nodes[i + 1].name), type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

export const WEBHOOK_HANDLE = '@queue_webhook';
export const SCHEDULED_HANDLE = '@queue_scheduled';
export const POLLED_HANDLE = '@queue_polled';
export const MANUAL_HANDLE = '@queue_manual';

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
					parameters: { httpMethod: 'POST', path: 'genviral-queue-refresh', responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
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
			fake.refreshPlan = ['processing', 'processing', 'completed'];
		},
		expect: (run, { fake }, response) => {
			const created = first(run, 'Create Target');
			const refreshed = first(run, 'Refresh and Wait');
			const polls = fake.requests.filter((r) => r.method === 'GET' && r.path.includes(`/analytics/refreshes/${String(refreshed.id)}`)).length;
			return [
				['the target is created from the webhook body', created.identifier === WEBHOOK_HANDLE && created.created === true, JSON.stringify(created)],
				[
					'the refresh was waited for until completed (status read 3 times)',
					refreshed.status === 'completed' && refreshed.target_id === created.id && polls === 3,
					`status ${String(refreshed.status)}, ${polls} status reads`,
				],
				[
					'the main answers the webhook with the last node of the worker run',
					response?.status === 200 && (response.body as Record<string, unknown> | undefined)?.id === refreshed.id,
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
				genviral('Get Targets', [200, 0], { resource: 'analyticsTarget', operation: 'getMany', returnAll: true }),
			]),
		prepare: ({ fake }) => {
			fake.seedTarget(DEFAULT_TOKEN, { platform: 'instagram', identifier: SCHEDULED_HANDLE, postCount: 5 });
		},
		expect: (run) => {
			const targets = run.output['Get Targets'] ?? [];
			const seeded = targets.find((t) => t.identifier === SCHEDULED_HANDLE);
			return [['the scheduled run lists the seeded target, one item per target', seeded?.platform === 'instagram' && targets.every((t) => typeof t.id === 'string'), `${targets.length} targets`]];
		},
	},
	{
		key: 'poll',
		mode: 'trigger',
		start: { kind: 'poll' },
		workflow: ({ feedUrl }) =>
			chain('gvQueuePoll00001', 'Queue: RSS poll → create target', [
				{
					// n8n's own polling node, until the Genviral Trigger exists: the main polls,
					// the worker runs what the poll emits.
					id: 'rss',
					name: 'New Feed Item',
					type: 'n8n-nodes-base.rssFeedReadTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, feedUrl },
				},
				genviral('Create Target', [200, 0], {
					resource: 'analyticsTarget',
					operation: 'create',
					platform: 'youtube',
					identifier: '={{ $json.title }}',
					additionalFields: {},
				}),
			]),
		expect: (run) => {
			const created = first(run, 'Create Target');
			return [['the polled item becomes a target', created.identifier === POLLED_HANDLE && created.platform === 'youtube', JSON.stringify(created)]];
		},
	},
];

/** Manual runs (the editor's "Execute workflow"): they stay on the main by default. */
export const MANUAL_WORKFLOW = chain('gvQueueManual001', 'Queue: manual → create target', [
	{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
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

/** The RSS document the poll scenario's feed serves: one item dated ahead, so the first poll emits it. */
export function feedXml(): string {
	const ahead = new Date(Date.now() + 24 * 3600_000).toUTCString();
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Queue e2e</title><link>http://127.0.0.1/</link><description>accounts to track</description>
<item><title>${POLLED_HANDLE}</title><link>http://127.0.0.1/1</link><guid>queue-polled-1</guid><pubDate>${ahead}</pubDate></item>
</channel></rss>`;
}
