/**
 * The package's operations in a running n8n (part of `npm run test:e2e`): one workflow per area
 * that together touch every resource the node offers, plus every workflow in examples/, each
 * run the way the editor's "Execute workflow" runs it (REST `POST /workflows/:id/run`, so the
 * examples' pinned data applies as it does for a user), with binary data in n8n's filesystem
 * mode. EXTENSION POINT: a new resource or chain is one more entry in `tourCases`; the coverage
 * check fails when a resource the node offers is in none of them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { DEFAULT_TOKEN, type FakeGenviral } from '../test/fake-genviral/server';
import {
	REPO_ROOT,
	genviralNode,
	graph,
	parseRunData,
	type N8nApi,
	type N8nWorkflow,
	type RunView,
} from './e2e-common';

/** The credential the examples reference (by id and name), imported with the fake's key. */
export const EXAMPLE_CREDENTIAL = { id: 'genviral-demo', name: 'Genviral account' };

export const TOUR_HANDLE = '@e2e_tour';

export type Expectation = [name: string, ok: boolean, detail?: string];

export interface TourContext {
	fake: FakeGenviral;
	credentialId: string;
	/** n8n's filesystem binary data folder (`<user folder>/.n8n/storage` in n8n 2.x). */
	binaryDataDir: string;
	media: { videoUrl: string; video: Buffer; imageUrl: string; image: Buffer };
}

export interface TourCase {
	key: string;
	/** The manual trigger it starts from. */
	trigger: string;
	timeoutMs: number;
	workflow: N8nWorkflow;
	/** Genviral nodes that may put out no item (a list that can be empty). */
	mayBeEmpty?: string[];
	expect(run: RunView): Expectation[];
}

/** A 1×1 PNG: the image the tour downloads and uploads. */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64',
);

/** A small "video": an MP4 header followed by 300 KB (n8n and the node only move bytes). */
function fakeVideo(): Buffer {
	const header = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');
	return Buffer.concat([header, Buffer.alloc(300 * 1024, 7)]);
}

/** Media on the fake's storage origin, and the fake's knobs for a quick run (credits, publishing pace). */
export function prepareTour(fake: FakeGenviral): TourContext['media'] {
	fake.setCredits(DEFAULT_TOKEN, 100_000);
	fake.modules.posts.stepMs = 500;
	// publish-video.json schedules 10 minutes ahead; the fake starts scheduled posts soon.
	fake.modules.posts.scheduledStartsAfterMs = 1000;
	fake.modules.studio.videoPlan = { outcome: 'succeeded', durationMs: 2000 };
	const video = fakeVideo();
	return {
		video,
		videoUrl: fake.storage.putMedia('e2e-clip.mp4', 'video/mp4', video),
		image: PNG,
		imageUrl: fake.storage.putMedia('e2e-background.png', 'image/png', PNG),
	};
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const manual = (name = 'Start') => ({
	id: 'start',
	name,
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});
const download = (name: string, url: string, position: [number, number]) => ({
	id: name.toLowerCase().replace(/\W+/g, '-'),
	name,
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	position,
	parameters: { url, options: { response: { response: { responseFormat: 'file' } } } },
});

/**
 * A binary reference of n8n's filesystem mode: its id names a file under the binary data folder
 * holding exactly the expected bytes.
 */
export function onDisk(
	binaryDataDir: string,
	reference: Record<string, unknown> | undefined,
	expected?: Buffer,
): { ok: boolean; detail: string } {
	const id = String(reference?.id ?? '');
	if (!id.startsWith('filesystem')) return { ok: false, detail: `binary id ${id || '(none)'}` };
	const file = path.join(binaryDataDir, id.slice(id.indexOf(':') + 1));
	if (!existsSync(file)) return { ok: false, detail: `${id}: no file at ${file}` };
	const size = statSync(file).size;
	if (expected && sha(readFileSync(file)) !== sha(expected))
		return {
			ok: false,
			detail: `${id}: ${size} bytes on disk, not the expected ${expected.length}`,
		};
	return { ok: size > 0, detail: `${id.split(':')[0]}, ${size} bytes on disk` };
}

export function tourCases(ctx: TourContext): TourCase[] {
	const { fake, credentialId, media, binaryDataDir } = ctx;
	const g = (
		name: string,
		position: [number, number],
		parameters: Record<string, unknown>,
		settings: Record<string, unknown> = {},
	) => genviralNode(credentialId, name, position, parameters, settings);
	const scope = fake.scopeOf(DEFAULT_TOKEN);
	const accounts = fake.modules.accounts.defaults(scope);
	const first = (run: RunView, node: string) => run.output[node]?.[0] ?? {};

	return [
		{
			key: 'account, subscription, analytics, trend',
			trigger: 'Start',
			timeoutMs: 90_000,
			mayBeEmpty: ['Get Post Analytics'],
			workflow: graph(
				'gvE2eTourReads01',
				'E2E tour: subscription, accounts, tracking, analytics, trends',
				[
					manual(),
					g('Get Subscription', [250, -300], { resource: 'subscription', operation: 'get' }),
					g('Get Accounts', [250, -150], {
						resource: 'account',
						operation: 'getMany',
						filters: {},
					}),
					g('Track Profile', [250, 0], {
						resource: 'analyticsTarget',
						operation: 'create',
						platform: 'tiktok',
						identifier: TOUR_HANDLE,
						additionalFields: { alias: 'E2E tour' },
					}),
					g('Refresh and Wait', [500, 0], {
						resource: 'analyticsTarget',
						operation: 'refresh',
						targetId: rl('={{ $json.id }}'),
						waitForCompletion: true,
						pollInterval: 0.5,
						maxWait: 60,
					}),
					g('Get Refresh', [750, 0], {
						resource: 'analyticsRefresh',
						operation: 'get',
						refreshId: '={{ $json.id }}',
					}),
					g('Get Summary', [1000, 0], {
						resource: 'analytics',
						operation: 'getSummary',
						dateRange: '30d',
						filters: { targets: "={{ [$('Track Profile').item.json.id] }}" },
					}),
					g('Get Post Analytics', [1250, 0], {
						resource: 'analytics',
						operation: 'getPosts',
						dateRange: 'all',
						filters: { targets: "={{ [$('Track Profile').item.json.id] }}" },
						returnAll: false,
						limit: 5,
					}),
					g('Get Suggestions', [250, 150], {
						resource: 'analytics',
						operation: 'getWorkspaceSuggestions',
					}),
					g('Get Trend Brief', [250, 300], {
						resource: 'trend',
						operation: 'getBrief',
						keyword: 'matcha',
						range: '7d',
						sampleVideos: 3,
					}),
				],
				[
					['Start', 'Get Subscription'],
					['Start', 'Get Accounts'],
					['Start', 'Track Profile'],
					['Track Profile', 'Refresh and Wait'],
					['Refresh and Wait', 'Get Refresh'],
					['Get Refresh', 'Get Summary'],
					['Get Summary', 'Get Post Analytics'],
					['Start', 'Get Suggestions'],
					['Start', 'Get Trend Brief'],
				],
			),
			expect: (run) => {
				const target = first(run, 'Track Profile');
				const refresh = first(run, 'Refresh and Wait');
				const accountIds = (run.output['Get Accounts'] ?? []).map((a) => a.id);
				return [
					[
						'Subscription → Get: the plan',
						typeof (first(run, 'Get Subscription').subscription as { status?: unknown } | undefined)
							?.status === 'string',
						JSON.stringify(first(run, 'Get Subscription')).slice(0, 160),
					],
					[
						'Account → Get Many: the default accounts, one item each',
						accountIds.includes(accounts.tiktok.id) && accountIds.includes(accounts.instagram.id),
						`${accountIds.length} accounts`,
					],
					[
						'Analytics Target → Create, then Refresh with Wait for Completion: completed',
						target.identifier === TOUR_HANDLE &&
							refresh.status === 'completed' &&
							refresh.target_id === target.id,
						`refresh ${String(refresh.status)}`,
					],
					[
						'Analytics Refresh → Get: the same refresh',
						first(run, 'Get Refresh').id === refresh.id,
						String(first(run, 'Get Refresh').status),
					],
					[
						'Analytics → Get Summary: KPIs',
						typeof first(run, 'Get Summary').kpis === 'object',
						Object.keys(first(run, 'Get Summary')).join(','),
					],
					[
						'Trend → Get Brief',
						Object.keys(first(run, 'Get Trend Brief')).length > 0,
						Object.keys(first(run, 'Get Trend Brief')).slice(0, 6).join(','),
					],
				];
			},
		},
		{
			key: 'files and folders (binary upload, filesystem mode)',
			trigger: 'Start',
			timeoutMs: 90_000,
			workflow: graph(
				'gvE2eTourFiles01',
				'E2E tour: download a video, upload it, file it in a folder',
				[
					manual(),
					download('Download Video', media.videoUrl, [250, 0]),
					g('Upload File', [500, 0], {
						resource: 'file',
						operation: 'upload',
						binaryPropertyName: 'data',
						additionalFields: {},
					}),
					// The API answers an upload with its URL only: the file's ID comes from the list.
					g('Get Files', [750, 0], {
						resource: 'file',
						operation: 'getMany',
						filters: {},
						returnAll: false,
						limit: 10,
					}),
					g(
						'Create Folder',
						[1000, 0],
						{ resource: 'folder', operation: 'create', name: 'E2E uploads', mediaType: 'upload' },
						{ executeOnce: true },
					),
					g(
						'Add File to Folder',
						[1250, 0],
						{
							resource: 'folder',
							operation: 'addItems',
							folderId: rl('={{ $json.id }}'),
							itemType: 'file',
							itemIds:
								"={{ $('Get Files').all().find((file) => file.json.url === $('Upload File').first().json.url).json.id }}",
						},
						{ executeOnce: true },
					),
					g(
						'Get Folder Items',
						[1500, 0],
						{
							resource: 'folder',
							operation: 'getItems',
							folderId: rl("={{ $('Create Folder').first().json.id }}"),
							returnAll: true,
						},
						{ executeOnce: true },
					),
				],
				[
					['Start', 'Download Video'],
					['Download Video', 'Upload File'],
					['Upload File', 'Get Files'],
					['Get Files', 'Create Folder'],
					['Create Folder', 'Add File to Folder'],
					['Add File to Folder', 'Get Folder Items'],
				],
			),
			expect: (run) => {
				const uploaded = first(run, 'Upload File');
				const stored =
					typeof uploaded.url === 'string' ? fake.storage.object(uploaded.url) : undefined;
				const downloaded = onDisk(
					binaryDataDir,
					run.binary['Download Video']?.[0]?.data,
					media.video,
				);
				const items = run.output['Get Folder Items'] ?? [];
				const listed = (run.output['Get Files'] ?? []).find((f) => f.url === uploaded.url);
				return [
					[
						"the HTTP Request's file is in n8n's filesystem binary store",
						downloaded.ok,
						downloaded.detail,
					],
					[
						'File → Upload: the same bytes reached storage (read from the filesystem store)',
						stored !== undefined &&
							stored.size === media.video.length &&
							sha(stored.data) === sha(media.video),
						`${stored?.size ?? 'no'} bytes stored, ${media.video.length} sent`,
					],
					[
						'File → Get Many lists the upload (by its URL)',
						listed !== undefined,
						`${run.output['Get Files']?.length ?? 0} files`,
					],
					[
						'Folder → Create, Add Items, Get Items: the upload is in the folder',
						listed !== undefined &&
							items.some((i) => JSON.stringify(i).includes(String(listed.id))),
						`${items.length} item(s)`,
					],
				];
			},
		},
		{
			key: 'image pack → slideshow → render → post and wait',
			trigger: 'Start',
			timeoutMs: 150_000,
			workflow: graph(
				'gvE2eTourSlides1',
				'E2E tour: image pack, slideshow generate → render → post and wait, template',
				[
					manual(),
					g('Create Image Pack', [250, 0], {
						resource: 'imagePack',
						operation: 'create',
						name: 'E2E backgrounds',
						additionalFields: {},
					}),
					download('Download Image', media.imageUrl, [500, 0]),
					g('Add Image to Pack', [750, 0], {
						resource: 'imagePack',
						operation: 'addImage',
						packId: rl("={{ $('Create Image Pack').item.json.id }}"),
						source: 'binary',
						binaryPropertyName: 'data',
						additionalFields: {},
					}),
					g('Generate Slideshow', [1000, 0], {
						resource: 'slideshow',
						operation: 'generate',
						prompt: '3 morning habits that stick',
						packId: rl("={{ $('Create Image Pack').item.json.id }}"),
						additionalFields: { slideCount: 3 },
					}),
					g('Render Slideshow', [1250, 0], {
						resource: 'slideshow',
						operation: 'render',
						slideshowId: rl('={{ $json.id }}'),
						downloadImages: true,
						binaryPropertyPrefix: 'slide_',
					}),
					g('Post and Wait', [1500, 0], {
						resource: 'post',
						operation: 'create',
						accountIds: [accounts.tiktok.id, accounts.instagram.id],
						caption: '3 morning habits that stick #e2e',
						postMedia: 'slideshow',
						mediaSource: 'url',
						imageUrls: '={{ $json.rendered_image_urls }}',
						schedule: 'now',
						additionalFields: {},
						tiktokSettings: {},
						pinterestSettings: {},
						waitForPublish: true,
						pollInterval: 1,
						maxWait: 120,
					}),
					g('Get Posts', [1750, 0], {
						resource: 'post',
						operation: 'getMany',
						filters: {},
						returnAll: false,
						limit: 10,
					}),
					g('Template From Slideshow', [1500, 200], {
						resource: 'template',
						operation: 'createFromSlideshow',
						slideshowId: rl("={{ $('Generate Slideshow').item.json.id }}"),
						additionalFields: { name: 'E2E habits layout' },
					}),
					g('Get Templates', [1750, 200], {
						resource: 'template',
						operation: 'getMany',
						filters: {},
						returnAll: false,
						limit: 10,
					}),
					g('Get Slideshows', [1500, 400], {
						resource: 'slideshow',
						operation: 'getMany',
						filters: {},
						returnAll: false,
						limit: 10,
					}),
					g('Get Image Packs', [1000, 200], {
						resource: 'imagePack',
						operation: 'getMany',
						includePublic: false,
						filters: {},
						returnAll: false,
						limit: 10,
					}),
				],
				[
					['Start', 'Create Image Pack'],
					['Create Image Pack', 'Download Image'],
					['Download Image', 'Add Image to Pack'],
					['Add Image to Pack', 'Generate Slideshow'],
					['Add Image to Pack', 'Get Image Packs'],
					['Generate Slideshow', 'Render Slideshow'],
					['Render Slideshow', 'Post and Wait'],
					['Post and Wait', 'Get Posts'],
					['Render Slideshow', 'Template From Slideshow'],
					['Template From Slideshow', 'Get Templates'],
					['Render Slideshow', 'Get Slideshows'],
				],
			),
			expect: (run) => {
				const pack = first(run, 'Create Image Pack');
				const slideshow = first(run, 'Generate Slideshow');
				const rendered = first(run, 'Render Slideshow');
				const urls = (rendered.rendered_image_urls ?? []) as string[];
				const slides = run.binary['Render Slideshow']?.[0] ?? {};
				const slideFiles = Object.keys(slides)
					.sort()
					.map((key) => [key, onDisk(binaryDataDir, slides[key])] as const);
				const post = first(run, 'Post and Wait');
				const sent = fake
					.requestsTo('POST /posts')
					.find((r) => JSON.stringify(r.body).includes('3 morning habits that stick'));
				const sentMedia = (sent?.body as { media?: { type?: string; urls?: string[] } } | undefined)
					?.media;
				return [
					[
						'Image Pack → Create, Add Image from a binary file (filesystem mode)',
						pack.id !== undefined &&
							fake.requestsTo('POST /packs/{packId}/images').length > 0 &&
							Object.keys(first(run, 'Add Image to Pack')).length > 0,
						`pack ${String(pack.id)}`,
					],
					[
						'Slideshow → Generate from the pack',
						slideshow.id !== undefined && Array.isArray(slideshow.slides),
						`${String(slideshow.slide_count ?? (slideshow.slides as unknown[])?.length)} slides`,
					],
					[
						'Slideshow → Render: the rendered image URLs, in slide order',
						rendered.id === slideshow.id && urls.length === 3,
						`${urls.length} URLs`,
					],
					[
						'Render with Download Images: slide_0..slide_2 in the filesystem binary store',
						slideFiles.length === 3 && slideFiles.every(([, f]) => f.ok),
						slideFiles.map(([k, f]) => `${k}: ${f.detail}`).join('; ') || 'no binary',
					],
					[
						'Post → Create (slideshow of the rendered images) with Wait for Publish: posted',
						post.status === 'posted' &&
							sentMedia?.type === 'slideshow' &&
							JSON.stringify(sentMedia.urls) === JSON.stringify(urls),
						`status ${String(post.status)}, media ${JSON.stringify(sentMedia)?.slice(0, 80)}`,
					],
					[
						'Post → Get Many lists it',
						(run.output['Get Posts'] ?? []).some((p) => p.id === post.id),
						`${run.output['Get Posts']?.length ?? 0} posts`,
					],
					[
						'Template → Create From Slideshow, Get Many',
						(run.output['Get Templates'] ?? []).some(
							(t) => t.id === first(run, 'Template From Slideshow').id,
						),
						'',
					],
					[
						'Slideshow → Get Many, Image Pack → Get Many list them',
						(run.output['Get Slideshows'] ?? []).some((s) => s.id === slideshow.id) &&
							(run.output['Get Image Packs'] ?? []).some((p) => p.id === pack.id),
						'',
					],
				];
			},
		},
		{
			key: 'Studio video: wait and download',
			trigger: 'Start',
			timeoutMs: 90_000,
			workflow: graph(
				'gvE2eTourStudio1',
				'E2E tour: Studio video, wait for completion, download',
				[
					manual(),
					g('Get Video Models', [250, -150], {
						resource: 'studio',
						operation: 'getModels',
						filters: { mode: 'video' },
						returnAll: true,
					}),
					g('Generate Video', [250, 50], {
						resource: 'studio',
						operation: 'generateVideo',
						model: 'openai/sora-2',
						prompt: 'A barista hands over a latte and smiles',
						additionalFields: {},
						speech: {},
						modelParameters: { durationSeconds: 4 },
						waitForCompletion: true,
						pollInterval: 0.5,
						maxWait: 60,
						download: true,
						binaryPropertyName: 'data',
					}),
				],
				[
					['Start', 'Get Video Models'],
					['Start', 'Generate Video'],
				],
			),
			expect: (run) => {
				const video = first(run, 'Generate Video');
				const file = onDisk(binaryDataDir, run.binary['Generate Video']?.[0]?.data);
				const models = run.output['Get Video Models'] ?? [];
				return [
					[
						'Studio → Get Models (video): one item per model',
						models.length > 0 && models.every((m) => m.mode === 'video'),
						`${models.length} models`,
					],
					[
						'Studio → Generate Video with Wait for Completion: succeeded',
						video.status === 'succeeded',
						`status ${String(video.status)}`,
					],
					[
						'… and Download: the video in the filesystem binary store',
						file.ok &&
							String(run.binary['Generate Video']?.[0]?.data?.mimeType).startsWith('video/'),
						file.detail,
					],
				];
			},
		},
	];
}

// ---------------------------------------------------------------- examples/

export interface ExampleCase {
	file: string;
	trigger: string;
	timeoutMs: number;
	/** The workflow as imported: as shipped, but for what a loopback run must change (said in `changed`). */
	workflow: N8nWorkflow;
	changed?: string;
	expect(run: RunView): Expectation[];
	/** When the run waits (a Wait node): resumes it as a person would, with what it saw checked. */
	onWaiting?: (api: N8nApi, executionId: string) => Promise<Expectation[]>;
}

const loadExample = (file: string) =>
	JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8')) as N8nWorkflow & {
		pinData: Record<string, Array<{ json: Record<string, unknown> }>>;
	};

/** Every example with a manual trigger (examples with a Genviral Trigger are proven by the trigger check). */
export function exampleCases(ctx: TourContext): ExampleCase[] {
	const { fake, media } = ctx;
	const scope = fake.scopeOf(DEFAULT_TOKEN);
	const publish = loadExample('publish-video.json');
	publish.pinData['Manual Trigger'][0].json.video_url = media.videoUrl;
	const slideshow = loadExample('ai-slideshow-to-tiktok.json');
	const pack = fake.modules.packs.seedPack(scope, {
		name: 'Morning glow',
		images: [1, 2, 3].map((n) => ({
			url: fake.storage.putMedia(`glow-${n}.png`, 'image/png', media.image),
		})),
	});
	slideshow.pinData['Manual Trigger'][0].json.image_pack_id = pack.id;
	return [
		...approvalCases(fake, pack.id as string),
		{
			file: 'create-analytics-targets.json',
			trigger: 'Manual Trigger',
			timeoutMs: 60_000,
			workflow: loadExample('create-analytics-targets.json'),
			expect: (run) => {
				const out = run.output.Genviral ?? [];
				return [
					[
						'its three pinned accounts are tracked',
						JSON.stringify(out.map((t) => t.identifier)) ===
							JSON.stringify(['@acme', '@acme.official', '@AcmeTV']),
						JSON.stringify(out.map((t) => [t.identifier, t.display_name])),
					],
				];
			},
		},
		{
			file: 'weekly-kpis.json',
			trigger: 'Manual Trigger',
			timeoutMs: 120_000,
			workflow: loadExample('weekly-kpis.json'),
			expect: (run) => {
				const lines = (run.output['KPI Line'] ?? []).map((i) => String(i.text));
				return [
					[
						'refresh and wait (15 s polls), then one KPI line per account',
						lines.length === 2 &&
							/^@acme \(tiktok\): \d+ posts, [\d,]+ views/.test(lines[0]) &&
							lines[1].startsWith('@acme.official (instagram)'),
						lines.join(' | '),
					],
				];
			},
		},
		{
			file: 'publish-video.json',
			trigger: 'Manual Trigger',
			timeoutMs: 150_000,
			workflow: publish,
			changed: "its pinned video_url points at the fake's storage instead of cdn.example.com",
			expect: (run) => {
				const links = run.output['Published Links']?.[0] ?? {};
				const posts = fake.modules.posts.all(scope).filter((p) => p.id === links.post_id);
				return [
					[
						'download, upload, schedule on two accounts, wait (30 s polls): posted, with both links',
						links.status === 'posted' &&
							posts.length === 1 &&
							/^https:\/\/www\.tiktok\.com\/\S+ https:\/\/www\.instagram\.com\/\S+$/.test(
								String(links.links),
							),
						JSON.stringify(links).slice(0, 200),
					],
				];
			},
		},
		{
			file: 'ai-slideshow-to-tiktok.json',
			trigger: 'Manual Trigger',
			timeoutMs: 150_000,
			workflow: slideshow,
			changed: "its pinned image_pack_id names a pack of the fake's library",
			expect: (run) => {
				const rendered = (run.output['Render Slides']?.[0]?.rendered_image_urls ?? []) as string[];
				const post = run.output['Post to TikTok']?.[0] ?? {};
				const summary = run.output.Summary?.[0] ?? {};
				return [
					[
						'generate (5 slides) → render → post to TikTok with the rendered images, wait (30 s polls): posted; the account tracked',
						rendered.length === 5 &&
							post.status === 'posted' &&
							summary.post_id === post.id &&
							run.output['Track TikTok Account']?.[0]?.identifier === '@acme',
						JSON.stringify(summary).slice(0, 200),
					],
				];
			},
		},
	];
}

/**
 * examples/approve-then-publish.json, twice: the reviewer approves in one run and rejects in the
 * other, each by submitting the Wait node's form at its resume URL (`/form-waiting/<execution
 * ID>`) the way the browser does (multipart, field-0 Decision, field-1 Note), after checking that
 * the form page shows every rendered slide as an image.
 */
function approvalCases(fake: FakeGenviral, packId: string): ExampleCase[] {
	const scope = fake.scopeOf(DEFAULT_TOKEN);
	/** Whether a post of the fake carries these slides. */
	const postedSlides = (slides: string[]) =>
		slides.length > 0 &&
		fake.modules.posts.all(scope).some((post) => JSON.stringify(post).includes(slides[0]));
	const workflowFor = (id: string, name: string) => {
		const workflow = loadExample('approve-then-publish.json');
		workflow.pinData['Manual Trigger'][0].json.image_pack_id = packId;
		return Object.assign(workflow, { id, name: `${workflow.name}${name}` });
	};
	const review =
		(decision: 'Approve' | 'Reject', note: string) =>
		async (api: N8nApi, executionId: string): Promise<Expectation[]> => {
			const waiting = await api.execution(executionId);
			const slides = (waiting.output['Render Slides']?.[0]?.rendered_image_urls ?? []) as string[];
			// The form's resume URL as the Wait node gives it to the editor (signed in n8n 2.41).
			const stored = parseRunData(
				String((await api.call('GET', `/executions/${executionId}`)).data?.data ?? ''),
			);
			const formUrl = String(
				stored?.resultData?.runData?.['Review Slides']?.[0]?.metadata?.resumeFormUrl ??
					`${api.baseUrl}/form-waiting/${executionId}`,
			);
			const page = await fetch(formUrl)
				.then(async (r) => `${r.status} ${await r.text()}`)
				.catch((e: Error) => e.message);
			const shown = slides.filter((url) =>
				new RegExp(`<img[^>]*src="${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(page),
			);
			const form = new FormData();
			form.set('field-0', decision);
			form.set('field-1', note);
			const submitted = await fetch(formUrl, { method: 'POST', body: form })
				.then((r) => r.status)
				.catch(() => 0);
			return [
				[
					'the run waits at the review form after Render, nothing posted yet; the form page shows every rendered slide as an image',
					waiting.status === 'waiting' &&
						slides.length === 4 &&
						shown.length === slides.length &&
						!postedSlides(slides),
					`${waiting.status}; ${shown.length}/${slides.length} slides shown`,
				],
				[
					`the form is submitted (${decision}) at its resume URL`,
					submitted === 200,
					`HTTP ${submitted}`,
				],
			];
		};
	return [
		{
			file: 'approve-then-publish.json',
			trigger: 'Manual Trigger',
			timeoutMs: 150_000,
			workflow: workflowFor('gvExampleApprove01', ''),
			changed: "its pinned image_pack_id names a pack of the fake's library; approved in the form",
			onWaiting: review('Approve', 'Good to go'),
			expect: (run) => {
				const published = run.output.Published?.[0] ?? {};
				const post = fake.modules.posts.all(scope).find((p) => p.id === published.post_id);
				const rendered = (run.output['Render Slides']?.[0]?.rendered_image_urls ?? []) as string[];
				return [
					[
						'approved: the rendered slides posted to both accounts, waited until posted (30 s polls), with the note',
						published.status === 'posted' &&
							post !== undefined &&
							/^https:\/\/www\.tiktok\.com\/\S+ https:\/\/www\.instagram\.com\/\S+$/.test(
								String(published.links),
							) &&
							published.note === 'Good to go' &&
							rendered.length === 4,
						JSON.stringify(published).slice(0, 240),
					],
				];
			},
		},
		{
			file: 'approve-then-publish.json',
			trigger: 'Manual Trigger',
			timeoutMs: 150_000,
			workflow: workflowFor('gvExampleApprove02', ' (rejected)'),
			changed:
				"its pinned image_pack_id names a pack of the fake's library; a copy rejected in the form",
			onWaiting: review('Reject', 'Wrong colours'),
			expect: (run) => {
				const stopped = run.output['Not Published']?.[0] ?? {};
				return [
					[
						'rejected: nothing posted, the run ends with the note',
						run.output['Post to Accounts'] === undefined &&
							!postedSlides(
								(run.output['Render Slides']?.[0]?.rendered_image_urls ?? []) as string[],
							) &&
							stopped.status === 'rejected' &&
							stopped.note === 'Rejected by the reviewer: Wrong colours',
						JSON.stringify(stopped).slice(0, 240),
					],
				];
			},
		},
	];
}
