/**
 * The Genviral Trigger in a real n8n (part of `npm run test:e2e`): a workflow with it
 * (examples/notify-on-publish.json, Every Minute: the shortest schedule n8n 2.41 accepts for a
 * polling node; it refuses sub-minute crons) is published through the REST API as the editor's
 * Publish does, polls on its own, and the execution it starts carries exactly the events the
 * fake API produced meanwhile. The node panel's listing of the trigger is checked with the
 * other editor screens (scripts/e2e-editor.ts).
 *
 * The trigger has a workspace (API key) of its own: the posts the other e2e workflows publish
 * meanwhile are not its events, and its polls are told apart from their requests.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { accountId } from '../test/fake-genviral/resources/accounts';
import type { FakeGenviral, KeyProfile } from '../test/fake-genviral/server';
import type { N8nApi, N8nWorkflow } from './e2e-common';

export const TRIGGER_WORKFLOW_ID = 'gvE2eTrigger0001';
export const TRIGGER_CREDENTIAL_ID = 'gvE2eCredTrig001';
export const TRIGGER_TOKEN = 'gva_live_7e7e7e.e2e-trigger-secret-5d6e';
export const TRIGGER_KEY: Record<string, KeyProfile> = {
	[TRIGGER_TOKEN]: {
		scope: 'workspace',
		userId: '0a0a0a0a-0000-4000-8000-000000007011',
		workspaceId: '0a0a0a0a-0000-4000-8000-000000009011',
		plan: 'active',
	},
};
const CAPTIONS = ['E2E launch', 'E2E teaser'];

type Check = (name: string, ok: boolean, detail?: string) => boolean;

/** The example as shipped, but for its id, name and credential (the trigger's own workspace). */
export function triggerWorkflow(repoRoot: string): N8nWorkflow {
	const example = JSON.parse(
		readFileSync(path.join(repoRoot, 'examples', 'notify-on-publish.json'), 'utf8'),
	) as N8nWorkflow;
	example.id = TRIGGER_WORKFLOW_ID;
	example.name = 'E2E: Genviral Trigger (examples/notify-on-publish.json)';
	for (const node of example.nodes as Array<{
		credentials?: Record<string, { id: string; name: string }>;
	}>) {
		if (node.credentials?.genviralApi)
			node.credentials.genviralApi = { id: TRIGGER_CREDENTIAL_ID, name: TRIGGER_CREDENTIAL_ID };
	}
	return example;
}

/** Two posts publishing when the workflow is activated: the activation poll records them as pending. */
export function seedTriggerPosts(fake: FakeGenviral): string[] {
	const scope = fake.scopeOf(TRIGGER_TOKEN);
	return CAPTIONS.map(
		(caption) =>
			fake.modules.posts.seedPost(scope, {
				status: 'pending',
				caption,
				created_at: new Date(Date.now() - 60_000).toISOString(),
				accounts: [{ id: accountId(scope, 'tiktok'), status: 'pending' }],
			}).id,
	);
}

/**
 * Publishes the workflow; the activation poll reaches the fake; the posts finish (one posted,
 * one failed); n8n's own schedule runs the next poll and its execution carries both, once.
 */
export async function checkTriggerRuns(options: {
	api: N8nApi;
	fake: FakeGenviral;
	postIds: string[];
	check: Check;
	results: string;
	timeoutMs?: number;
}): Promise<void> {
	const { api, fake, check } = options;
	const polls = () =>
		fake
			.requestsTo('GET /posts')
			.filter((r) => r.headers.authorization === `Bearer ${TRIGGER_TOKEN}`).length;
	const activated = await api.activate(TRIGGER_WORKFLOW_ID);
	if (
		!check(
			"the trigger workflow is published (active), as the editor's Publish does",
			activated.ok,
			activated.detail,
		)
	)
		return;
	const until = Date.now() + (options.timeoutMs ?? 150_000);
	while (polls() === 0 && Date.now() < until)
		await new Promise((resolve) => setTimeout(resolve, 500));
	check(
		"the activation poll reads the posts (GET /posts, the trigger's key)",
		polls() > 0,
		`${polls()} request(s)`,
	);

	const scope = fake.scopeOf(TRIGGER_TOKEN);
	const [launch, teaser] = fake.modules.posts
		.all(scope)
		.filter((p) => options.postIds.includes(p.id));
	launch.fixedStatus = 'posted';
	launch.deliveries.forEach((d) => (d.fixed = 'posted'));
	teaser.fixedStatus = 'failed';
	teaser.deliveries.forEach((d) => (d.fixed = 'failed'));
	const pollsBefore = polls();
	const changedAt = Date.now();

	let executions: Array<{ id: string; status: string; mode: string }> = [];
	while (Date.now() < until) {
		executions = await api.executionsOf(TRIGGER_WORKFLOW_ID).catch(() => []);
		if (executions.some((e) => e.status === 'success')) break;
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
	check(
		'n8n polled again on its own schedule (Every Minute)',
		polls() > pollsBefore,
		`${polls() - pollsBefore} poll(s), the execution ${((Date.now() - changedAt) / 1000).toFixed(0)} s after the change`,
	);
	const done = executions.find((e) => e.status === 'success');
	check(
		'that poll started an execution (mode "trigger")',
		done?.mode === 'trigger',
		JSON.stringify(executions.map((e) => [e.mode, e.status])),
	);
	if (!done) return;
	const run = await api.execution(String(done.id));
	writeFileSync(path.join(options.results, 'trigger-execution.json'), JSON.stringify(run, null, 2));
	const emitted = run.output['Genviral Trigger'] ?? [];
	const messages = (run.output.Message ?? []).map((m) => String(m.message));
	check(
		'the execution carries both posts, oldest change first, with a message each (published URL, error)',
		JSON.stringify(emitted.map((p) => [p.id, p.status]).sort()) ===
			JSON.stringify(
				[
					[launch.id, 'posted'],
					[teaser.id, 'failed'],
				].sort(),
			) &&
			messages.some((m) => m.startsWith('✅ Published: E2E launch')) &&
			messages.some((m) => m.startsWith('❌ Failed: E2E teaser')),
		`execution ${done.id}: ${JSON.stringify(emitted.map((p) => [p.caption, p.status]))}`,
	);
	// Let one more poll pass when there is time: it must not report the posts again.
	const oneMore = Math.min(until, Date.now() + 65_000);
	const pollsNow = polls();
	while (polls() === pollsNow && Date.now() < oneMore)
		await new Promise((resolve) => setTimeout(resolve, 1000));
	executions = await api.executionsOf(TRIGGER_WORKFLOW_ID).catch(() => executions);
	check(
		'every post is reported once (later polls start no execution)',
		executions.length === 1,
		`${executions.length} execution(s), ${polls() - pollsNow} later poll(s)`,
	);
	await api.deactivate(TRIGGER_WORKFLOW_ID);
}
