/**
 * Publishing you can trust, in n8n's real engine against the fake API: posts made in a real
 * Loop Over Items, a real Retry On Fail after the post was stored, the default External ID
 * across executions, workflows and instances, and binary media that is checked whole before
 * the first upload. Each test says what the user would see: how many posts Genviral holds and
 * what each output item says.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { setBinaryDataMode, storeBinary } from '../harness/binary';
import { GENVIRAL_NODE_TYPE, MANUAL_TRIGGER_TYPE, runWorkflow } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { GENVIRAL_NODE_NAME, runGenviral, runGenviralInLoop } from '../harness/genviral';

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
const accounts = () => env.fake.modules.accounts.defaults(scope());
const posts = () => env.fake.modules.posts.all(scope());
const sentTo = (endpoint: string) => env.fake.requestsTo(endpoint);

const VIDEO_URL = 'https://cdn.example.org/launch.mp4';
const create = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'post',
	operation: 'create',
	accountIds: [accounts().tiktok.id],
	caption: '={{ $json.caption }}',
	postMedia: 'video',
	mediaSource: 'url',
	videoUrl: VIDEO_URL,
	...fields,
});
/** n8n's Retry On Fail: the whole node runs again (same execution, same run index, same items). */
const RETRY_ON_FAIL = { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 };
/** The transport does not retry by itself, so a lost answer reaches n8n's Retry On Fail. */
const NO_TRANSPORT_RETRY = { options: { retryOnTransientErrors: false } };

const runInLoop = (parameters: INodeParameters, items: INodeExecutionData[], settings = {}) =>
	runGenviralInLoop(env.fake, parameters, items, settings);

const captions = (...texts: string[]) => texts.map((caption) => ({ json: { caption } }));

describe('the default External ID in Loop Over Items (each iteration is item 0 of a new run)', () => {
	test('three different captions make three posts (no 409 create_failed from the second on)', async () => {
		const { error, runs, outputs } = await runInLoop(
			create(),
			captions('Monday', 'Tuesday', 'Wednesday'),
		);
		expect(error).toBeUndefined();
		expect(runs).toHaveLength(3);
		expect(runs.map((run) => run.error)).toEqual([undefined, undefined, undefined]);
		expect(
			posts()
				.map((post) => post.caption)
				.sort(),
		).toEqual(['Monday', 'Tuesday', 'Wednesday']);
		expect(outputs.map((items) => items.map((item) => item.json.duplicate))).toEqual([
			[false],
			[false],
			[false],
		]);
	});

	test('three identical captions (a daily repost) make three posts: no iteration gets an earlier post back', async () => {
		const { error, outputs } = await runInLoop(
			create(),
			captions('Same every day', 'Same every day', 'Same every day'),
		);
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(3);
		const ids = outputs.map((items) => items[0].json.id);
		expect(new Set(ids).size).toBe(3);
		expect(outputs.map((items) => items[0].json.duplicate)).toEqual([false, false, false]);
		const externalIds = sentTo('POST /posts').map(
			(request) => (request.body as { external_id: string }).external_id,
		);
		expect(new Set(externalIds).size).toBe(3);
	});

	test('Retry On Fail inside the loop: the iteration whose answer was lost replays its post, and the loop goes on', async () => {
		env.fake.modules.posts.dropConnectionAfterStore = 1;
		const { error, outputs } = await runInLoop(
			create(NO_TRANSPORT_RETRY),
			captions('One', 'Two'),
			RETRY_ON_FAIL,
		);
		expect(error).toBeUndefined();
		expect(
			posts()
				.map((post) => post.caption)
				.sort(),
		).toEqual(['One', 'Two']);
		expect(sentTo('POST /posts')).toHaveLength(3);
		expect(outputs[0][0].json).toMatchObject({
			duplicate: true,
			id: posts().find((post) => post.caption === 'One')?.id,
		});
		expect(outputs[1][0].json).toMatchObject({ duplicate: false });
	});
});

describe("the default External ID under n8n's Retry On Fail", () => {
	test('the post was stored but its answer lost: the retry replays it, one post, and the output is that post', async () => {
		env.fake.modules.posts.dropConnectionAfterStore = 1;
		const { items, error } = await runGenviral(env.fake, create(NO_TRANSPORT_RETRY), {
			items: captions('Launch day'),
			nodeSettings: RETRY_ON_FAIL,
		});
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		const [first, second] = sentTo('POST /posts');
		expect(second.rawBody).toBe(first.rawBody);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: posts()[0].id, duplicate: true });
	});

	test('a later item fails and the node is retried: the earlier item is not sent again, and its output is its own new post', async () => {
		// Item 1 is refused once (a definitive error, not a lost answer): the whole node fails and n8n runs it again.
		env.fake.inject(
			'POST /posts',
			{ kind: 'pass' },
			{ kind: 'error', status: 400, error_code: 'invalid_payload', message: 'Try again' },
		);
		const { items, error } = await runGenviral(env.fake, create(), {
			items: captions('First', 'Second'),
			nodeSettings: RETRY_ON_FAIL,
		});
		expect(error).toBeUndefined();
		expect(
			posts()
				.map((post) => post.caption)
				.sort(),
		).toEqual(['First', 'Second']);
		const captionsSent = sentTo('POST /posts').map(
			(request) => (request.body as { caption: string }).caption,
		);
		expect(captionsSent).toEqual(['First', 'Second', 'Second']);
		expect(items.map((item) => item.json.duplicate)).toEqual([false, false]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('the default External ID across executions, workflows and instances', () => {
	test('the same content in a new execution is a new post', async () => {
		await runGenviral(env.fake, create(), { items: captions('Daily') });
		const again = await runGenviral(env.fake, create(), { items: captions('Daily') });
		expect(again.items[0].json.duplicate).toBe(false);
		expect(posts()).toHaveLength(2);
	});

	test('another workflow (or instance) whose execution has the same ID does not get the first post back', async () => {
		const run = async (workflowId: string) =>
			await runWorkflow(
				{
					id: workflowId,
					nodes: [
						{
							id: 'trigger',
							name: 'Manual Trigger',
							type: MANUAL_TRIGGER_TYPE,
							typeVersion: 1,
							position: [0, 0],
							parameters: {},
						},
						{
							id: 'genviral',
							name: GENVIRAL_NODE_NAME,
							type: GENVIRAL_NODE_TYPE,
							typeVersion: 1,
							position: [200, 0],
							parameters: create(),
							credentials: { genviralApi: { id: 'cred-1', name: 'Genviral account' } },
						},
					],
					connections: {
						'Manual Trigger': { main: [[{ node: GENVIRAL_NODE_NAME, type: 'main', index: 0 }]] },
					},
				},
				{
					credentials: { genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl } },
					pinData: { 'Manual Trigger': captions('Same text') },
					executionId: '42',
				},
			);
		const first = await run('workflow-a');
		const second = await run('workflow-b');
		expect(first.output(GENVIRAL_NODE_NAME)[0].json.duplicate).toBe(false);
		expect(second.output(GENVIRAL_NODE_NAME)[0].json.duplicate).toBe(false);
		expect(second.output(GENVIRAL_NODE_NAME)[0].json.id).not.toBe(
			first.output(GENVIRAL_NODE_NAME)[0].json.id,
		);
		expect(posts()).toHaveLength(2);
	});

	test('it fits the reference (at most 128 characters) and names the execution, node, run and item', async () => {
		const { items } = await runGenviral(env.fake, create(), {
			items: captions('A', 'B'),
			executionId: '9001',
		});
		const ids = items.map((item) => String(item.json.external_id));
		expect(ids).toEqual([
			expect.stringMatching(/^n8n-[0-9a-f]{10}-9001-genviral-0-0$/),
			expect.stringMatching(/^n8n-[0-9a-f]{10}-9001-genviral-0-1$/),
		]);
		expect(ids.every((id) => id.length <= 128)).toBe(true);
	});
});

describe('binary media under Retry On Fail, and checked whole before the first upload', () => {
	beforeAll(async () => {
		await setBinaryDataMode('memory');
	});

	const png = (n: number) => ({
		bytes: Buffer.from(`png-${n}`.repeat(100)),
		mimeType: 'image/png',
		fileName: `slide-${n}.png`,
	});
	async function item(
		files: Record<string, { bytes: Buffer; mimeType: string; fileName: string }>,
	): Promise<INodeExecutionData> {
		const binary: INodeExecutionData['binary'] = {};
		for (const [field, file] of Object.entries(files))
			binary[field] = await storeBinary(file.bytes, {
				mimeType: file.mimeType,
				fileName: file.fileName,
			});
		return { json: { caption: 'From files' }, binary };
	}
	const slideshow = (fields: INodeParameters = {}) =>
		create({
			postMedia: 'slideshow',
			mediaSource: 'binary',
			binaryPropertyNames: 'one, two, three',
			...fields,
		});

	test('the post was stored but its answer lost: the retry posts the files it already uploaded, and ends with the one post', async () => {
		env.fake.modules.posts.dropConnectionAfterStore = 1;
		const input = await item({ one: png(1), two: png(2), three: png(3) });
		const { items, error } = await runGenviral(env.fake, slideshow(NO_TRANSPORT_RETRY), {
			items: [input],
			nodeSettings: RETRY_ON_FAIL,
		});
		expect(error).toBeUndefined();
		expect(sentTo('POST /files')).toHaveLength(3);
		const [first, second] = sentTo('POST /posts');
		expect(second.rawBody).toBe(first.rawBody);
		expect(posts()).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: posts()[0].id, duplicate: true });
	});

	test.each([
		[
			'an SVG',
			{
				bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
				mimeType: 'image/svg+xml',
				fileName: 'logo.svg',
			},
			/is "image\/svg\+xml", a type Genviral does not accept/,
		],
		[
			'an empty file',
			{ bytes: Buffer.alloc(0), mimeType: 'image/png', fileName: 'blank.png' },
			/The file in the binary field "three" is empty/,
		],
	])('%s in the last field is refused before anything is uploaded', async (_name, bad, message) => {
		const input = await item({ one: png(1), two: png(2), three: bad });
		const { error } = await runGenviral(env.fake, slideshow(), { items: [input] });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
		expect(env.fake.requests).toHaveLength(0);
		expect(env.fake.storage.requests).toHaveLength(0);
	});
});
