/**
 * Issue 15.5 and 15.6: media downloads (Slideshow → Render's Download Images, Studio's Download
 * Image / Video) are bounded in time (Download Timeout: the whole download, not an idle gap) and
 * size (Max Download Size: the announced length before any byte, a running count after), obey
 * the cancel signal, and end with an error naming the media URL (never its signed query) and
 * the ID it belongs to. File names never carry a directory and survive malformed escapes; the
 * MIME type is the response's, and an HTML page where an image was promised is refused.
 * In both of n8n's binary data modes, against loopback storage answers of the fake.
 */
import type http from 'node:http';

import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { readBinary, setBinaryDataMode } from '../harness/binary';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

type Respond = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Headers, then one byte every `everyMs` for as long as the client listens. */
const drip =
	(everyMs: number, headers: http.OutgoingHttpHeaders = { 'Content-Type': 'image/png' }): Respond =>
	(_req, res) => {
		res.writeHead(200, headers);
		res.flushHeaders();
		const timer = setInterval(() => res.write(Buffer.from([0x89])), everyMs);
		res.on('close', () => clearInterval(timer));
	};

/**
 * Headers without a length, then 64 KB chunks forever: as fast as the client reads, or one
 * every `everyMs` (a steady stream that only the time limit can end).
 */
const forever =
	(everyMs?: number): Respond =>
	(_req, res) => {
		res.writeHead(200, { 'Content-Type': 'image/png' });
		const chunk = Buffer.alloc(64 * 1024, 7);
		let closed = false;
		let timer: NodeJS.Timeout | undefined;
		res.on('close', () => {
			closed = true;
			clearInterval(timer);
		});
		if (everyMs !== undefined) {
			timer = setInterval(() => res.write(chunk), everyMs);
			return;
		}
		const pump = () => {
			while (!closed && res.write(chunk)) {
				/* until the socket's buffer is full */
			}
			if (!closed) res.once('drain', pump);
		};
		pump();
	};

/** A Content-Length that is not what comes: announced, then streamed past it on a raw socket. */
const lyingLength =
	(announced: number): Respond =>
	(_req, res) => {
		const socket = res.socket!;
		socket.write(
			`HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: ${announced}\r\nConnection: close\r\n\r\n`,
		);
		const chunk = Buffer.alloc(64 * 1024, 9);
		let closed = false;
		socket.on('close', () => (closed = true));
		const pump = () => {
			while (!closed && socket.write(chunk)) {
				/* until the socket's buffer is full */
			}
			if (!closed) socket.once('drain', pump);
		};
		pump();
	};

const page =
	(contentType: string, body: string): Respond =>
	(_req, res) => {
		res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
		res.end(body);
	};

const image = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'studio',
	operation: 'generateImage',
	model: 'google/nano-banana-2',
	prompt: 'A matcha latte',
	download: true,
	options,
});

const heapUsed = () => process.memoryUsage().heapUsed;

for (const mode of ['memory', 'filesystem'] as const) {
	describe(`Media downloads are bounded (${mode} binary mode)`, () => {
		const env = useFakeGenviral();
		beforeAll(async () => {
			await setBinaryDataMode(mode);
		});
		const serve = (respond: Respond) =>
			env.fake.storage.faults.get.push({ kind: 'respond', respond });
		const mediaGets = () => env.fake.storage.requests.filter((r) => r.method === 'GET');
		/** From the media request's arrival to now (the engine's start-up is not the download's). */
		const sinceDownloadStarted = () => Date.now() - mediaGets()[0].at;

		test('a host that drips a byte every 200 ms is stopped at the Download Timeout, naming the file and the image ID', async () => {
			serve(drip(200));
			const { error, items } = await runGenviral(env.fake, image({ downloadTimeout: 1500 }));
			expect(error?.message).toMatch(
				/^The download of the media file http:\/\/127\.0\.0\.2:\d+\/media\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.png of Studio image [0-9a-f-]{36} did not finish within the Download Timeout of 1\.5 s \[item 0\]$/,
			);
			expect(error?.description).toMatch(
				/The image itself was generated \(ID [0-9a-f-]{36}\); only the download failed\./,
			);
			expect(items).toEqual([]);
			expect(sinceDownloadStarted()).toBeLessThan(3500);
			expect(mediaGets()).toHaveLength(1);
			expect(env.fake.requestsTo('POST /studio/images/generate')).toHaveLength(1);
		});

		test('a host that streams forever is stopped by the Download Timeout when the size cap is far', async () => {
			serve(forever(10));
			const { error } = await runGenviral(
				env.fake,
				image({ downloadTimeout: 1000, maxDownloadSize: 10_000 }),
			);
			expect(error?.message).toMatch(
				/did not finish within the Download Timeout of 1 s \[item 0\]$/,
			);
			expect(sinceDownloadStarted()).toBeLessThan(3500);
		});

		test('a host that streams forever is stopped at Max Download Size, and the heap never held much more', async () => {
			serve(forever());
			const before = heapUsed();
			const { error } = await runGenviral(env.fake, image({ maxDownloadSize: 2 }));
			expect(error?.message).toMatch(
				/^The media file http:\/\/127\.0\.0\.2:\d+\/media\/\S+\.png of Studio image [0-9a-f-]{36} is larger than Max Download Size \(2 MB\) \[item 0\]$/,
			);
			expect(error?.description).toContain(
				'More than 2 MB arrived; the download was stopped and nothing was kept.',
			);
			expect(heapUsed() - before).toBeLessThan(64 * 1024 * 1024);
		});

		test('an announced Content-Length over the cap is refused before the body is read', async () => {
			serve(lyingLength(5 * 1024 * 1024 * 1024));
			const { error } = await runGenviral(env.fake, image({ maxDownloadSize: 2 }));
			expect(error?.message).toMatch(/is larger than Max Download Size \(2 MB\) \[item 0\]$/);
			expect(error?.description).toContain('The host announced 5120 MB; nothing was downloaded.');
			expect(sinceDownloadStarted()).toBeLessThan(3000);
		});

		test('a Content-Length under the cap that the host then streams past: only the announced bytes are kept', async () => {
			serve(lyingLength(1000));
			const { error, items } = await runGenviral(env.fake, image({ maxDownloadSize: 2 }));
			expect(error).toBeUndefined();
			const file = items[0].binary!.data;
			expect((await readBinary(file)).length).toBe(1000);
			expect(file.mimeType).toBe('image/png');
		});

		test('the cancel signal ends a running download at once, reported as cancelled', async () => {
			serve(drip(50));
			const { nodeError } = await runGenviral(env.fake, image({ downloadTimeout: 60_000 }), {
				cancelAfterMs: 700,
			});
			expect(nodeError?.message).toMatch(
				/^The execution was cancelled while downloading the media file http:\/\/127\.0\.0\.2:\d+\/media\/\S+\.png of Studio image [0-9a-f-]{36} \[item 0\]$/,
			);
			expect(sinceDownloadStarted()).toBeLessThan(3000);
		});

		test('Slideshow → Render: Download Images obeys the same limits and names the slideshow', async () => {
			const seeded = env.fake.modules.slideshows.seedSlideshow(env.fake.scopeOf(DEFAULT_TOKEN), {
				slideCount: 1,
			});
			serve(drip(200));
			const { error } = await runGenviral(env.fake, {
				resource: 'slideshow',
				operation: 'render',
				slideshowId: { __rl: true, mode: 'id', value: String(seeded.id) },
				downloadImages: true,
				options: { downloadTimeout: 1000 },
			});
			expect(error?.message).toMatch(
				new RegExp(
					`^The download of the media file http://127\\.0\\.0\\.2:\\d+/media/\\S+\\.png of slideshow ${String(seeded.id)} \\(slide 0\\) did not finish within the Download Timeout of 1 s \\[item 0\\]$`,
				),
			);
		});

		test('On Error: Continue: each item gets its own bounded failure, paired', async () => {
			serve(drip(200));
			const { items } = await runGenviral(
				env.fake,
				image({ downloadTimeout: 800, maxDownloadSize: 2 }),
				{
					items: [{ json: {} }, { json: {} }],
					continueOnFail: true,
				},
			);
			// The first download drips past its timeout; the second one is an ordinary PNG.
			expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(items[0].json.error).toMatch(/did not finish within the Download Timeout of 0\.8 s/);
			expect(items[1].binary?.data.mimeType).toBe('image/png');
		});
	});
}

describe('Downloaded file names and types', () => {
	const env = useFakeGenviral();
	beforeAll(async () => {
		await setBinaryDataMode('filesystem');
	});
	const renderOne = async (segment: string) => {
		const seeded = env.fake.modules.slideshows.seedSlideshow(env.fake.scopeOf(DEFAULT_TOKEN), {
			slideCount: 1,
		});
		env.fake.storage.nextMediaSegments.push(segment);
		return await runGenviral(env.fake, {
			resource: 'slideshow',
			operation: 'render',
			slideshowId: { __rl: true, mode: 'id', value: String(seeded.id) },
			downloadImages: true,
		});
	};

	test('a malformed % escape in the media path is not an error: the raw segment is the name', async () => {
		const { error, items } = await renderOne('slide%E0%A4%A-1.png');
		expect(error).toBeUndefined();
		expect(items[0].binary!.slide_0).toMatchObject({
			fileName: 'slide%E0%A4%A-1.png',
			mimeType: 'image/png',
			fileExtension: 'png',
		});
		expect(items[0].binary!.slide_0.directory).toBeUndefined();
	});

	test('an encoded ../ in the media path gives a name only, never a directory', async () => {
		const { error, items } = await renderOne('..%2F..%2Fetc%2Fslide.png');
		expect(error).toBeUndefined();
		expect(items[0].binary!.slide_0.fileName).toBe('slide.png');
		expect(items[0].binary!.slide_0.directory).toBeUndefined();
	});

	test('Studio: an encoded ../ in the output URL gives a name only', async () => {
		env.fake.storage.nextMediaSegments.push('..%2F..%2Fpicked.png');
		const { error, items } = await runGenviral(env.fake, image());
		expect(error).toBeUndefined();
		expect(items[0].binary!.data.fileName).toBe('picked.png');
		expect(items[0].binary!.data.directory).toBeUndefined();
	});

	test('Studio: an HTML page where the image was promised is refused, not labelled image/png', async () => {
		env.fake.storage.faults.get.push({
			kind: 'respond',
			respond: page('text/html; charset=utf-8', '<html><body>Sign in</body></html>'),
		});
		const { error, items } = await runGenviral(env.fake, image());
		expect(items).toEqual([]);
		expect(error?.message).toMatch(
			/^The media file http:\/\/127\.0\.0\.2:\d+\/media\/\S+\.png of Studio image [0-9a-f-]{36} is not an image: the host answered text\/html \[item 0\]$/,
		);
		expect(error?.description).toContain('only the download failed');
	});

	test('Studio: the type comes from the response (a JPEG at a .png URL is image/jpeg)', async () => {
		env.fake.storage.faults.get.push({
			kind: 'respond',
			respond: page('image/jpeg', 'jpeg bytes'),
		});
		const { items } = await runGenviral(env.fake, image());
		expect(items[0].binary!.data.mimeType).toBe('image/jpeg');
	});

	test('a generic type falls back to the extension; a video where an image was promised is refused', async () => {
		env.fake.storage.faults.get.push({
			kind: 'respond',
			respond: page('application/octet-stream', 'png bytes'),
		});
		const generic = await runGenviral(env.fake, image());
		expect(generic.items[0].binary!.data.mimeType).toBe('image/png');
		env.fake.storage.faults.get.push({ kind: 'respond', respond: page('video/mp4', 'mp4 bytes') });
		const wrong = await runGenviral(env.fake, image());
		expect(wrong.error?.message).toMatch(
			/is not an image: the host answered video\/mp4 \[item 0\]$/,
		);
	});
});
