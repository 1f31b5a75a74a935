/** The workflows in examples/ (importable into n8n) run as shipped, in the engine. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IWorkflowBase } from 'n8n-workflow';

import { DEFAULT_TOKEN } from './fake-genviral/server';
import { REPO_ROOT, runWorkflow } from './harness/engine';
import { useFakeGenviral } from './harness/fixtures';

const load = (name: string) =>
	JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples', name), 'utf8')) as IWorkflowBase;

describe('examples/', () => {
	const env = useFakeGenviral();
	const credentials = () => ({ genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl } });

	test('create-analytics-targets.json tracks the three pinned accounts', async () => {
		const run = await runWorkflow(load('create-analytics-targets.json'), { credentials: credentials() });
		expect(run.error).toBeUndefined();
		expect(run.output('Genviral').map((i) => [i.json.platform, i.json.identifier, i.json.display_name, i.json.created])).toEqual([
			['tiktok', '@acme', 'Acme (tiktok)', true],
			['instagram', '@acme.official', 'Acme (instagram)', true],
			['youtube', '@AcmeTV', 'Acme (youtube)', true],
		]);
	});

	test('weekly-kpis.json: track, refresh and wait, 7-day KPIs, one text line per account', async () => {
		const workflow = load('weekly-kpis.json');
		// Same workflow, polling faster than the example's 15 s.
		for (const node of workflow.nodes) if (node.parameters.waitForCompletion === true) node.parameters.pollInterval = 0.05;

		const run = await runWorkflow(workflow, { credentials: credentials() });

		expect(run.error).toBeUndefined();
		expect(run.output('Refresh and Wait').map((i) => i.json.status)).toEqual(['completed', 'completed']);
		const summaries = env.fake.requestsTo('GET /analytics/summary');
		const targetIds = run.output('Track Account').map((i) => i.json.id);
		expect(summaries.map((r) => r.query.accounts)).toEqual(targetIds);
		expect(summaries[0].query.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(run.output('KPI Line').map((i) => i.json.text)).toEqual([
			expect.stringMatching(/^@acme \(tiktok\): \d+ posts, [\d,]+ views, [\d.]+% engagement in the last 7 days$/),
			expect.stringMatching(/^@acme\.official \(instagram\): \d+ posts/),
		]);
	});
});
