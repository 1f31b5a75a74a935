/**
 * `npm run demo`: runs the workflows of examples/ (importable into n8n) in n8n-core's engine
 * against the embedded fake Genviral API. No token or network needed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(os.tmpdir(), 'n8n-genviral-demo-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

import type { IWorkflowBase } from 'n8n-workflow';

import { DEFAULT_TOKEN, FakeGenviral } from '../test/fake-genviral/server';
import { REPO_ROOT, runWorkflow } from '../test/harness/engine';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'create-analytics-targets.json');
const WEEKLY_KPIS = path.join(REPO_ROOT, 'examples', 'weekly-kpis.json');
const PUBLISH_VIDEO = path.join(REPO_ROOT, 'examples', 'publish-video.json');
const AI_SLIDESHOW = path.join(REPO_ROOT, 'examples', 'ai-slideshow-to-tiktok.json');
const APPROVE = path.join(REPO_ROOT, 'examples', 'approve-then-publish.json');

/** The example polls every 15 s, as suits the real API; the fake finishes at once. */
function withFastPolling(workflow: IWorkflowBase): IWorkflowBase {
	for (const node of workflow.nodes) {
		if (node.parameters.waitForCompletion === true) node.parameters.pollInterval = 0.2;
	}
	return workflow;
}

function show(title: string, value: unknown): void {
	process.stdout.write(`\n=== ${title}\n${JSON.stringify(value, null, 2)}\n`);
}

async function main(): Promise<void> {
	const workflow = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as IWorkflowBase;
	const fake = await new FakeGenviral().start();
	const credentials = { genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: fake.baseUrl } };
	process.stdout.write(`Embedded fake Genviral API at ${fake.baseUrl}\nWorkflow: ${EXAMPLE}\n`);
	try {
		const first = await runWorkflow(workflow, { credentials });
		show(
			'Run 1: three accounts tracked (created: true)',
			first.output('Genviral').map((i) => i.json),
		);

		const second = await runWorkflow(workflow, { credentials });
		show(
			'Run 2: the same accounts again: the existing targets come back (created: false)',
			second
				.output('Genviral')
				.map((i) => ({ id: i.json.id, identifier: i.json.identifier, created: i.json.created })),
		);

		const wrongKey = await runWorkflow(workflow, {
			credentials: { genviralApi: { apiToken: 'gva_live_000000.wrong', baseUrl: fake.baseUrl } },
		});
		const error = wrongKey.error as unknown as Record<string, unknown> & {
			context: Record<string, unknown>;
		};
		show('Run 3: a wrong API token stops the run with a NodeApiError', {
			name: error.name,
			message: error.message,
			httpCode: error.httpCode,
			error_code: error.context.errorCode,
			itemIndex: error.context.itemIndex,
			description: error.description,
		});
		const kpiWorkflow = withFastPolling(
			JSON.parse(readFileSync(WEEKLY_KPIS, 'utf8')) as IWorkflowBase,
		);
		const kpis = await runWorkflow(kpiWorkflow, { credentials });
		show(
			`Run 4: ${path.basename(WEEKLY_KPIS)}: track, refresh (waiting), last 7 days KPIs, one line per account`,
			kpis.output('KPI Line').map((i) => i.json.text),
		);

		// The example downloads its video from a CDN and polls every 30 s: here the fake's storage
		// serves the video and the fake starts the scheduled post within a second.
		const publish = JSON.parse(readFileSync(PUBLISH_VIDEO, 'utf8')) as IWorkflowBase;
		publish.pinData!['Manual Trigger'][0].json.video_url = fake.storage.putMedia(
			'spring-launch.mp4',
			'video/mp4',
			Buffer.alloc(64 * 1024, 1),
		);
		for (const node of publish.nodes)
			if (node.parameters.waitForPublish === true) node.parameters.pollInterval = 0.2;
		fake.modules.posts.scheduledStartsAfterMs = 500;
		const published = await runWorkflow(publish, { credentials });
		show(
			`Run 5: ${path.basename(PUBLISH_VIDEO)}: download, upload, schedule on two accounts, wait until posted`,
			published.output('Published Links').map((i) => i.json),
		);

		// The example names an image pack of the user's library and polls every 30 s: here the fake
		// holds a pack with three backgrounds and publishes within a second.
		const aiSlideshow = JSON.parse(readFileSync(AI_SLIDESHOW, 'utf8')) as IWorkflowBase;
		const scope = fake.scopeOf(DEFAULT_TOKEN);
		const backgrounds = [1, 2, 3].map((n) => ({
			url: fake.storage.putMedia(`glow-${n}.jpg`, 'image/jpeg', Buffer.alloc(2048, n)),
		}));
		aiSlideshow.pinData!['Manual Trigger'][0].json.image_pack_id = fake.modules.packs.seedPack(
			scope,
			{ name: 'Morning glow', images: backgrounds },
		).id as string;
		for (const node of aiSlideshow.nodes)
			if (node.parameters.waitForPublish === true) node.parameters.pollInterval = 0.2;
		fake.modules.posts.stepMs = 300;
		const slideshowRun = await runWorkflow(aiSlideshow, { credentials });
		show(
			`Run 6: ${path.basename(AI_SLIDESHOW)}: AI slideshow from a prompt and a pack, rendered, posted to TikTok (waiting), account tracked`,
			slideshowRun.output('Summary').map((i) => i.json),
		);

		// The review form: n8n serves it and resumes the Wait node with the answer; this engine has
		// no form server, so the run stops waiting, then each answer is given as the node's output
		// (the e2e submits the real form in a real n8n).
		const approveWorkflow = () => {
			const workflow = JSON.parse(readFileSync(APPROVE, 'utf8')) as IWorkflowBase;
			workflow.pinData!['Manual Trigger'][0].json.image_pack_id =
				aiSlideshow.pinData!['Manual Trigger'][0].json.image_pack_id;
			for (const node of workflow.nodes)
				if (node.parameters.waitForPublish === true) node.parameters.pollInterval = 0.2;
			return workflow;
		};
		const postsBefore = fake.requestsTo('POST /posts').length;
		const waiting = await runWorkflow(approveWorkflow(), { credentials });
		const review = waiting.run?.data.resultData.runData['Review Slides']?.[0];
		show(`Run 7: ${path.basename(APPROVE)}: generate, render, then wait for the reviewer's form`, {
			status: waiting.run?.status,
			waitingAt: waiting.run?.data.resultData.lastNodeExecuted,
			formUrl: review?.metadata?.resumeFormUrl,
			resumesWithoutAnswerAt: waiting.run?.data.waitTill,
			slides: waiting.output('Render Slides')[0]?.json.rendered_image_urls,
			postsCreated: fake.requestsTo('POST /posts').length - postsBefore,
		});
		const answered = async (answer: { Decision: string; Note: string }) => {
			const workflow = approveWorkflow();
			workflow.pinData!['Review Slides'] = [{ json: answer }];
			return await runWorkflow(workflow, { credentials });
		};
		const approved = await answered({ Decision: 'Approve', Note: 'Good to go' });
		show(
			'Run 8: the reviewer approves: posted to both accounts (waiting until posted)',
			approved.output('Published').map((i) => i.json),
		);
		const rejected = await answered({ Decision: 'Reject', Note: 'Wrong colours' });
		show(
			'Run 9: the reviewer rejects: nothing posted, the run ends with the note',
			rejected.output('Not Published').map((i) => i.json),
		);

		const failed =
			first.error ??
			second.error ??
			kpis.error ??
			published.error ??
			slideshowRun.error ??
			waiting.error ??
			approved.error ??
			rejected.error ??
			(waiting.run?.status === 'waiting'
				? undefined
				: new Error(
						`approve-then-publish.json did not wait for the review (status ${String(waiting.run?.status)})`,
					));
		if (failed) throw new Error(`demo run failed: ${failed.message}`);
	} finally {
		await fake.stop();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${String(error)}\n`);
	process.exitCode = 1;
});
