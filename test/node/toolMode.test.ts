/**
 * The node as an AI Agent tool: the `genviralTool` type n8n derives from the `usableAsTool`
 * node (test/harness/tool.ts), run by the real WorkflowExecute. Files never become binary data
 * there (a model cannot read them): Studio and Render downloads give the file's URL, name and
 * type instead, and nothing is downloaded. The plain node still downloads.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { loadTypes, GENVIRAL_TOOL_NODE_TYPE } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const WAIT = { waitForCompletion: true, pollInterval: 0.05, maxWait: 5 };

describe('Tool mode (the genviralTool type n8n derives)', () => {
	const env = useFakeGenviral();
	const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
	const runTool = (parameters: INodeParameters) =>
		runGenviral(env.fake, parameters, { tool: true });
	const mediaGets = () => env.fake.storage.requests.filter((r) => r.method === 'GET');

	test("the tool's description says files come back as URLs, not binary data", async () => {
		const { nodeTypes } = await loadTypes();
		const description = nodeTypes.getByNameAndVersion(GENVIRAL_TOOL_NODE_TYPE, 1).description;
		expect(description.name).toBe('genviralTool');
		expect(description.description).toMatch(/URL, file name and type, never as binary data/);
		const toolDescription = description.properties.find((p) => p.name === 'toolDescription');
		expect(toolDescription?.default).toBe(description.description);
	});

	test('Studio → Generate Image with Download Image: the file as URL, name and type, nothing downloaded', async () => {
		const { items, error } = await runTool({
			resource: 'studio',
			operation: 'generateImage',
			model: 'google/nano-banana-2',
			prompt: 'A matcha latte',
			download: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].binary).toBeUndefined();
		const url = items[0].json.output_url as string;
		expect(items[0].json.file).toEqual({
			url,
			fileName: `${items[0].json.file_id as string}.png`,
			mimeType: 'image/png',
			binary: false,
		});
		expect(mediaGets()).toHaveLength(0);
	});

	test('Studio → Generate Video (wait) and Get Video with Download Video: the MP4 as a reference, nothing downloaded', async () => {
		env.fake.modules.studio.videoPlan = { outcome: 'succeeded', durationMs: 60 };
		const generated = await runTool({
			resource: 'studio',
			operation: 'generateVideo',
			model: 'openai/sora-2',
			prompt: 'Steam rising from a latte',
			...WAIT,
			download: true,
		});
		expect(generated.error).toBeUndefined();
		const videoId = generated.items[0].json.video_id as string;
		const file = {
			url: generated.items[0].json.output_url,
			fileName: `${videoId}.mp4`,
			mimeType: 'video/mp4',
			binary: false,
		};
		expect(generated.items[0].binary).toBeUndefined();
		expect(generated.items[0].json.file).toEqual(file);

		const read = await runTool({
			resource: 'studio',
			operation: 'getVideo',
			videoId,
			download: true,
		});
		expect(read.items[0].binary).toBeUndefined();
		expect(read.items[0].json.file).toEqual(file);
		expect(mediaGets()).toHaveLength(0);
	});

	test('Slideshow → Render with Download Images: one reference per slide, in slide order, nothing downloaded', async () => {
		const seeded = env.fake.modules.slideshows.seedSlideshow(scope(), { slideCount: 2 });
		const id = seeded.id as string;
		const { items, error } = await runTool({
			resource: 'slideshow',
			operation: 'render',
			slideshowId: rl(id),
			downloadImages: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].binary).toBeUndefined();
		const urls = items[0].json.rendered_image_urls as string[];
		expect(urls).toHaveLength(2);
		expect(items[0].json.files).toEqual(
			urls.map((url) => ({
				url,
				fileName: expect.stringMatching(/\.png$/),
				mimeType: 'image/png',
				binary: false,
			})),
		);
		expect(mediaGets()).toHaveLength(0);
	});

	test('the plain node still downloads (Render with Download Images gives binary fields)', async () => {
		const seeded = env.fake.modules.slideshows.seedSlideshow(scope(), { slideCount: 2 });
		const { items } = await runGenviral(env.fake, {
			resource: 'slideshow',
			operation: 'render',
			slideshowId: rl(seeded.id as string),
			downloadImages: true,
		});
		expect(Object.keys(items[0].binary ?? {})).toEqual(['slide_0', 'slide_1']);
		expect(items[0].json.files).toBeUndefined();
	});

	test('a delete through the tool: { deleted: true, id }', async () => {
		const seeded = env.fake.modules.slideshows.seedSlideshow(scope(), {});
		const id = seeded.id as string;
		const { items, error } = await runTool({
			resource: 'slideshow',
			operation: 'delete',
			slideshowId: rl(id),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ deleted: true, id }]);
	});
});

describe('Simplify (Slideshow → Get, Template → Get and Get Many): off in a workflow, on by default as a tool', () => {
	const env = useFakeGenviral();
	const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
	const SLIDESHOW_FIELDS = [
		'id',
		'title',
		'status',
		'slideshow_type',
		'slide_count',
		'preview_image_url',
		'image_urls',
		'last_rendered_at',
		'updated_at',
	];
	const TEMPLATE_FIELDS = [
		'id',
		'name',
		'description',
		'visibility',
		'is_owner',
		'preview_url',
		'use_count',
		'updated_at',
	];

	test('Slideshow → Get: the raw slideshow in a workflow; simplified as a tool, or when switched on', async () => {
		const seeded = env.fake.modules.slideshows.seedSlideshow(scope(), {
			status: 'rendered',
			slideCount: 2,
		});
		const get = { resource: 'slideshow', operation: 'get', slideshowId: rl(seeded.id as string) };

		const raw = await runGenviral(env.fake, get);
		expect(raw.items[0].json).toHaveProperty('slides');
		const slides = raw.items[0].json.slides as Array<{ rendered_image_url: string }>;

		const tool = await runGenviral(env.fake, get, { tool: true });
		expect(Object.keys(tool.items[0].json)).toEqual(SLIDESHOW_FIELDS);
		expect(tool.items[0].json).toMatchObject({
			id: seeded.id,
			slide_count: 2,
			image_urls: slides.map((s) => s.rendered_image_url),
		});

		const switchedOn = await runGenviral(env.fake, { ...get, simplify: true });
		expect(switchedOn.items[0].json).toEqual(tool.items[0].json);
		const switchedOffInTool = await runGenviral(
			env.fake,
			{ ...get, simplify: false },
			{ tool: true },
		);
		expect(switchedOffInTool.items[0].json).toEqual(raw.items[0].json);
	});

	test('Template → Get Many and Get: config left out when simplified (as a tool by default)', async () => {
		const id = env.fake.modules.templates.seed({ name: 'Listicle' }).id as string;
		const many = await runGenviral(
			env.fake,
			{ resource: 'template', operation: 'getMany', returnAll: true },
			{ tool: true },
		);
		expect(many.items.length).toBeGreaterThan(0);
		for (const item of many.items) expect(Object.keys(item.json)).toEqual(TEMPLATE_FIELDS);
		const raw = await runGenviral(env.fake, {
			resource: 'template',
			operation: 'getMany',
			returnAll: true,
		});
		expect(raw.items[0].json).toHaveProperty('config');
		const one = await runGenviral(
			env.fake,
			{ resource: 'template', operation: 'get', templateId: rl(id) },
			{ tool: true },
		);
		expect(Object.keys(one.items[0].json)).toEqual(TEMPLATE_FIELDS);
		expect(one.items[0].json).toMatchObject({ id, name: 'Listicle' });
	});
});
