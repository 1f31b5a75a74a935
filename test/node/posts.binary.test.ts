/**
 * Post → Create with media from binary fields, in n8n's default filesystem binary mode: each
 * file is uploaded (POST /files, then a PUT to the signed storage URL) and posted by its URL.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { setBinaryDataMode, storeBinary } from '../harness/binary';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
const accounts = () => env.fake.modules.accounts.defaults(scope());
const sentTo = (endpoint: string) => env.fake.requestsTo(endpoint);

beforeAll(async () => {
	await setBinaryDataMode('filesystem');
});

const create = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'post',
	operation: 'create',
	accountIds: [accounts().tiktok.id],
	caption: 'From a file',
	postMedia: 'video',
	mediaSource: 'binary',
	binaryPropertyName: 'data',
	...fields,
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
	return { json: {}, binary };
}

const video = (size = 256 * 1024) => ({
	bytes: Buffer.alloc(size, 7),
	mimeType: 'video/mp4',
	fileName: 'clip.mp4',
});
const image = (n: number) => ({
	bytes: Buffer.from(`png-${n}`.repeat(100)),
	mimeType: 'image/png',
	fileName: `slide-${n}.png`,
});

describe('Post → Create from binary fields', () => {
	test('a video: uploaded once (token never sent to storage), then posted by its URL with its duration', async () => {
		const { items, error } = await runGenviral(
			env.fake,
			create({ additionalFields: { videoDuration: 30 } }),
			{ items: [await item({ data: video() })] },
		);
		expect(error).toBeUndefined();
		expect(env.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /files',
			'POST /posts',
		]);
		expect(sentTo('POST /files')[0].body).toMatchObject({
			contentType: 'video/mp4',
			filename: 'clip.mp4',
			size: 256 * 1024,
			duration_seconds: 30,
		});
		const puts = env.fake.storage.requests.filter((r) => r.method === 'PUT');
		expect(puts).toHaveLength(1);
		expect(puts[0].size).toBe(256 * 1024);
		expect(puts[0].headers.authorization).toBeUndefined();
		expect(
			env.fake.storage.requests.every((r) => !JSON.stringify(r.headers).includes(DEFAULT_TOKEN)),
		).toBe(true);
		const media = (
			sentTo('POST /posts')[0].body as {
				media: { type: string; url: string; duration_sec: number };
			}
		).media;
		expect(media).toEqual({
			type: 'video',
			url: expect.stringContaining(env.fake.storage.origin),
			duration_sec: 30,
		});
		expect(env.fake.storage.object(media.url)?.size).toBe(256 * 1024);
		expect(items[0].json).toMatchObject({ status: 'pending', warnings: [] });
	});

	test('a slideshow from several binary fields: uploaded and posted in the order given', async () => {
		const input = await item({ first: image(1), second: image(2), third: image(3) });
		const { error } = await runGenviral(
			env.fake,
			create({ postMedia: 'slideshow', binaryPropertyNames: 'third, first, second' }),
			{ items: [input] },
		);
		expect(error).toBeUndefined();
		expect(sentTo('POST /files').map((r) => (r.body as { filename: string }).filename)).toEqual([
			'slide-3.png',
			'slide-1.png',
			'slide-2.png',
		]);
		const urls = (sentTo('POST /posts')[0].body as { media: { urls: string[] } }).media.urls;
		expect(urls.map((url) => env.fake.storage.object(url)?.data.toString().slice(0, 5))).toEqual([
			'png-3',
			'png-1',
			'png-2',
		]);
	});

	test('a missing field, or a file of the wrong kind, is refused before any upload', async () => {
		const input = await item({ first: image(1), clip: video(1024) });
		const missing = await runGenviral(
			env.fake,
			create({ postMedia: 'slideshow', binaryPropertyNames: 'first, nope' }),
			{ items: [input] },
		);
		expect(missing.error?.message).toMatch(/nope/);
		const wrongKind = await runGenviral(
			env.fake,
			create({ postMedia: 'slideshow', binaryPropertyNames: 'first, clip' }),
			{ items: [input] },
		);
		expect(wrongKind.error?.message).toBe(
			'Input Binary Fields: the file in "clip" is video/mp4 (clip.mp4), not an image [item 0]',
		);
		const imageAsVideo = await runGenviral(env.fake, create({ binaryPropertyName: 'first' }), {
			items: [input],
		});
		expect(imageAsVideo.error?.message).toMatch(/not a video \[item 0\]$/);
		expect(env.fake.requests).toHaveLength(0);
		expect(env.fake.storage.requests).toHaveLength(0);
	});

	test('a check that fails after the media fields uploads nothing', async () => {
		const { error } = await runGenviral(
			env.fake,
			create({ tiktokSettings: { title: 'a' }, pinterestSettings: { title: 'b' } }),
			{
				items: [await item({ data: video() })],
			},
		);
		expect(error?.message).toMatch(/cannot be used together/);
		expect(env.fake.requests).toHaveLength(0);
		expect(env.fake.storage.requests).toHaveLength(0);
	});
});
