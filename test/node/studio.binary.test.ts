/**
 * Download as binary: Generate Image, Generate Video (when done) and Get Video put the
 * generated file into a binary field (file name and MIME type set), in n8n's memory mode and
 * in its filesystem mode. The download goes to the media host without the API token.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { fakeMp4 } from '../fake-genviral/resources/studio';
import { readBinary, setBinaryDataMode } from '../harness/binary';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const WAIT = { waitForCompletion: true, pollInterval: 0.05, maxWait: 5 };
const generateImage = (fields: Record<string, unknown> = {}) => ({
	resource: 'studio',
	operation: 'generateImage',
	model: 'google/nano-banana-2',
	prompt: 'A matcha latte',
	download: true,
	...fields,
});
const generateVideo = (fields: Record<string, unknown> = {}) => ({
	resource: 'studio',
	operation: 'generateVideo',
	model: 'openai/sora-2',
	prompt: 'Steam rising from a latte',
	...WAIT,
	download: true,
	...fields,
});

for (const mode of ['memory', 'filesystem'] as const) {
	describe(`Studio downloads (${mode} binary mode)`, () => {
		const env = useFakeGenviral();
		beforeAll(async () => {
			await setBinaryDataMode(mode);
		});
		const storedBytes = (url: string) =>
			env.fake.storage.objects.get(new URL(url).pathname.slice('/media/'.length))?.data;
		const expectStoredAs = (binary: INodeExecutionData['binary'], field: string) => {
			const file = binary?.[field];
			expect(file).toBeDefined();
			if (mode === 'filesystem') expect(file?.id).toEqual(expect.stringMatching(/^filesystem/));
			else expect(file?.id).toBeUndefined();
			return file!;
		};
		const mediaGets = () => env.fake.storage.requests.filter((r) => r.method === 'GET');

		test('Generate Image → Download Image: the PNG in "data", named after the file, image/png', async () => {
			const { items, error } = await runGenviral(env.fake, generateImage());
			expect(error).toBeUndefined();
			const url = items[0].json.output_url as string;
			const file = expectStoredAs(items[0].binary, 'data');
			expect(file).toMatchObject({
				mimeType: 'image/png',
				fileName: `${items[0].json.file_id as string}.png`,
				fileExtension: 'png',
			});
			expect(await readBinary(file)).toEqual(storedBytes(url));
			expect(items[0].json).toMatchObject({ credits_used: 4, output_url: url });
			expect(mediaGets()).toHaveLength(1);
			expect(mediaGets()[0].headers.authorization).toBeUndefined();
			expect(JSON.stringify(mediaGets()[0].headers)).not.toContain(DEFAULT_TOKEN.split('.')[1]);
		});

		test('Put Output File in Field names the binary field; each item gets its own file, paired', async () => {
			const { items } = await runGenviral(
				env.fake,
				generateImage({ prompt: '={{ $json.p }}', binaryPropertyName: 'picture' }),
				{
					items: [{ json: { p: 'red' } }, { json: { p: 'blue' } }],
				},
			);
			expect(items.map((i) => Object.keys(i.binary ?? {}))).toEqual([['picture'], ['picture']]);
			expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			const [red, blue] = await Promise.all(
				items.map(async (i) => await readBinary(expectStoredAs(i.binary, 'picture'))),
			);
			expect(red.equals(blue)).toBe(false);
		});

		test('Generate Video → Wait + Download Video: the MP4 once succeeded, video/mp4, named after the video', async () => {
			env.fake.modules.studio.videoPlan = { outcome: 'succeeded', durationMs: 120 };
			const { items, error } = await runGenviral(env.fake, generateVideo());
			expect(error).toBeUndefined();
			const videoId = items[0].json.video_id as string;
			const file = expectStoredAs(items[0].binary, 'data');
			expect(file).toMatchObject({
				mimeType: 'video/mp4',
				fileName: `${videoId}.mp4`,
				fileExtension: 'mp4',
			});
			const bytes = await readBinary(file);
			expect(bytes).toEqual(fakeMp4(videoId));
			expect(bytes.subarray(4, 8).toString('ascii')).toBe('ftyp');
			expect(mediaGets()).toHaveLength(1);
			expect(mediaGets()[0].headers.authorization).toBeUndefined();
		});

		test('Get Video → Download Video: a file once succeeded; none (and no download) while processing', async () => {
			const scope = env.fake.scopeOf(DEFAULT_TOKEN);
			const done = env.fake.modules.studio.seedVideo(scope, { durationMs: 10, ageMs: 1000 });
			const running = env.fake.modules.studio.seedVideo(scope, { durationMs: 60_000 });
			const { items } = await runGenviral(
				env.fake,
				{
					resource: 'studio',
					operation: 'getVideo',
					videoId: '={{ $json.id }}',
					download: true,
					binaryPropertyName: 'video',
				},
				{
					items: [{ json: { id: done } }, { json: { id: running } }],
				},
			);
			expect(await readBinary(expectStoredAs(items[0].binary, 'video'))).toEqual(fakeMp4(done));
			expect(items[1].json.status).toBe('processing');
			expect(items[1].binary).toBeUndefined();
			expect(mediaGets()).toHaveLength(1);
		});

		test('a failed download names the file and says the image was generated (not to generate it again)', async () => {
			env.fake.storage.faults.get.push({ kind: 'status', status: 404 });
			const { error } = await runGenviral(env.fake, generateImage());
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toMatch(
				/^Could not download the media file http:\/\/127\.0\.0\.2:\d+\/media\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.png \(HTTP 404\) \[item 0\]$/,
			);
			expect(error?.description).toMatch(
				/The image itself was generated \(ID [0-9a-f-]{36}\); only the download failed\./,
			);
			expect(error?.description).toContain(
				'Running the item again would generate, and pay for, a new image.',
			);
			expect(env.fake.requestsTo('POST /studio/images/generate')).toHaveLength(1);
		});
	});
}
