/**
 * The Genviral Trigger in a real n8n (part of `npm run test:e2e`, kept in its own module so the
 * e2e script only calls it): the editor's node panel lists it as a trigger, and a published
 * workflow with it (examples/notify-on-publish.json, Every Minute) is activated by `n8n start`,
 * polls on its own, and its executions carry the posts the fake API published meanwhile.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { FakeGenviral } from '../test/fake-genviral/server';
import { DEFAULT_TOKEN } from '../test/fake-genviral/server';
import { accountId } from '../test/fake-genviral/resources/accounts';

export const TRIGGER_WORKFLOW_ID = 'gvE2eTrigger0001';

type Check = (name: string, ok: boolean, detail?: string) => void;
type Cli = (args: string[]) => Promise<{ status: number; output: string }>;

/** Before `n8n start`: import the example with the e2e credential and publish it (active). */
export async function prepareTriggerWorkflow(options: {
	repoRoot: string;
	userFolder: string;
	credentialId: string;
	cli: Cli;
	check: Check;
	fake: FakeGenviral;
}): Promise<{ postIds: string[] }> {
	const { fake } = options;
	// Two posts publishing when n8n starts: the activation poll records them as pending.
	const scope = fake.scopeOf(DEFAULT_TOKEN);
	const posts = ['E2E launch', 'E2E teaser'].map((caption) =>
		fake.modules.posts.seedPost(scope, {
			status: 'pending',
			caption,
			created_at: new Date(Date.now() - 60_000).toISOString(),
			accounts: [{ id: accountId(scope, 'tiktok'), status: 'pending' }],
		}),
	);
	const example = JSON.parse(readFileSync(path.join(options.repoRoot, 'examples', 'notify-on-publish.json'), 'utf8')) as {
		id: string;
		name: string;
		nodes: Array<{ credentials?: Record<string, { id: string; name: string }> }>;
	};
	example.id = TRIGGER_WORKFLOW_ID;
	example.name = 'E2E: Genviral Trigger';
	for (const node of example.nodes) {
		if (node.credentials?.genviralApi) node.credentials.genviralApi = { id: options.credentialId, name: options.credentialId };
	}
	const file = path.join(options.userFolder, `${TRIGGER_WORKFLOW_ID}.json`);
	writeFileSync(file, JSON.stringify(example));
	const imported = await options.cli(['import:workflow', `--input=${file}`]);
	options.check('the trigger workflow imports', imported.status === 0, imported.status === 0 ? '' : imported.output.slice(-500));
	const published = await options.cli(['publish:workflow', `--id=${TRIGGER_WORKFLOW_ID}`]);
	options.check('the trigger workflow is published (active)', published.status === 0, published.status === 0 ? '' : published.output.slice(-500));
	return { postIds: posts.map((p) => p.id) };
}

/**
 * After `n8n start`: the activation poll reached the fake; the posts finish publishing; within
 * two minutes n8n's own cron runs the next poll and an execution carries them.
 */
export async function checkTriggerRuns(options: {
	baseUrl: string;
	cookie: string;
	fake: FakeGenviral;
	postIds: string[];
	check: Check;
	results: string;
	timeoutMs?: number;
}): Promise<void> {
	const { fake, check } = options;
	const headers = { cookie: options.cookie };
	const until = Date.now() + (options.timeoutMs ?? 150_000);
	const polls = () => fake.requestsTo('GET /posts').length;
	while (polls() === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 500));
	check('the active trigger polled at activation (GET /posts)', polls() > 0, `${polls()} request(s)`);

	// The posts finish: one published, one failed.
	const scope = fake.scopeOf(DEFAULT_TOKEN);
	const [launch, teaser] = fake.modules.posts.all(scope).filter((p) => options.postIds.includes(p.id));
	launch.fixedStatus = 'posted';
	launch.deliveries.forEach((d) => (d.fixed = 'posted'));
	teaser.fixedStatus = 'failed';
	teaser.deliveries.forEach((d) => (d.fixed = 'failed'));
	const pollsBefore = polls();

	let executions: Array<{ id: string; status: string; mode: string }> = [];
	while (Date.now() < until) {
		const list = await fetch(`${options.baseUrl}/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: TRIGGER_WORKFLOW_ID }))}`, { headers })
			.then(async (r) => (await r.json()) as { data?: { results?: typeof executions } })
			.catch(() => ({ data: { results: [] } }));
		executions = list.data?.results ?? [];
		if (executions.some((e) => e.status === 'success')) break;
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
	check(
		'n8n polled again on its own schedule (Every Minute)',
		polls() > pollsBefore,
		`${polls() - pollsBefore} poll(s) after the change`,
	);
	const done = executions.find((e) => e.status === 'success');
	check('the poll started an execution of the workflow', done !== undefined, JSON.stringify(executions.map((e) => [e.mode, e.status])));
	if (!done) return;
	const detail = await fetch(`${options.baseUrl}/rest/executions/${done.id}`, { headers }).then(async (r) => await r.text());
	writeFileSync(path.join(options.results, 'trigger-execution.json'), detail);
	check(
		'the execution carries both posts, with a message each (published URL, error)',
		options.postIds.every((id) => detail.includes(id)) && detail.includes('✅ Published: E2E launch') && detail.includes('❌ Failed: E2E teaser'),
		`execution ${done.id}, mode ${done.mode}`,
	);
	check('executions report every post once', executions.filter((e) => e.status === 'success').length === 1, `${executions.length} execution(s)`);
}

/** In the editor: the node panel lists the Genviral Trigger, and Genviral has triggers. */
export async function checkTriggerInNodePanel(options: {
	page: import('playwright-core').Page;
	baseUrl: string;
	results: string;
	check: Check;
}): Promise<void> {
	const { page, check } = options;
	const shot = async (file: string) => await page.screenshot({ path: path.join(options.results, file) });
	await page.goto(`${options.baseUrl}/workflow/new`, { waitUntil: 'networkidle', timeout: 60_000 });
	const search = page.locator('input[placeholder*="Search" i]:not([data-test-id="inline-edit-input"])').first();
	for (const open of [
		async () => await page.locator('[data-test-id="canvas-add-button"], [data-test-id="node-creator-plus-button"]').first().click(),
		async () => await page.getByText('Add first step', { exact: false }).first().click(),
	]) {
		await open().catch(() => undefined);
		if (await search.waitFor({ timeout: 5000 }).then(() => true).catch(() => false)) break;
	}
	await search.fill('Genviral');
	await page.waitForTimeout(1500);
	await shot('t1-trigger-panel-search.png');
	const text = await page.locator('body').innerText();
	writeFileSync(path.join(options.results, 'trigger-panel.txt'), text);
	check('the trigger panel ("What triggers this workflow?") finds Genviral', /Genviral/.test(text));
	const item = page.locator('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-item-name"]', { hasText: 'Genviral' }).first();
	await item.click().catch(() => undefined);
	await page.waitForTimeout(1500);
	await shot('t2-genviral-triggers.png');
	const opened = await page.locator('body').innerText();
	writeFileSync(path.join(options.results, 'trigger-panel-genviral.txt'), opened);
	const triggers = /Triggers \((\d+)\)/.exec(opened)?.[1];
	check(
		'Genviral has triggers: its four events, no "No Genviral Triggers available"',
		!/No Genviral Triggers available/i.test(opened) && triggers === '4' && /On post status changed/i.test(opened) && /On new file/i.test(opened),
		`Triggers (${triggers ?? 'none'})`,
	);
}
