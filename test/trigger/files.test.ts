/**
 * Genviral Trigger, New File, polled by n8n-core's machinery against the fake API: files
 * appear by upload (POST /files, then the bytes to storage) and as Studio outputs.
 */
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { deactivateAll, fetchTestEvent, PollHarness, triggerWorkflow } from '../harness/poll';

/** Every clock API jest can fake except Date: the tests below move the calendar, not the timers. */
const TIMERS_EXCEPT_DATE: NonNullable<
	Extract<Parameters<typeof jest.useFakeTimers>[0], { doNotFake?: unknown }>['doNotFake']
> = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'requestAnimationFrame',
	'cancelAnimationFrame',
	'requestIdleCallback',
	'cancelIdleCallback',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
];

describe('Genviral Trigger: New File', () => {
	const env = useFakeGenviral();
	afterEach(deactivateAll);

	const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
	const files = () => env.fake.modules.files;
	const listRequests = () => env.fake.requestsTo('GET /files');

	/** POST /files signs an upload; the file is listed once its bytes are stored. */
	async function signUpload(filename: string): Promise<{ uploadUrl: string; url: string }> {
		const answer = await fetch(`${env.fake.baseUrl}/files`, {
			method: 'POST',
			headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({ contentType: 'image/png', filename }),
		});
		expect(answer.status).toBe(201);
		return ((await answer.json()) as { data: { uploadUrl: string; url: string } }).data;
	}
	async function putBytes(uploadUrl: string): Promise<void> {
		const put = await fetch(uploadUrl, {
			method: 'PUT',
			headers: { 'content-type': 'image/png' },
			body: Buffer.alloc(512, 1),
		});
		expect(put.ok).toBe(true);
	}

	test('first poll silent; each new file once, oldest first; nothing new is one request', async () => {
		files().seedFile(scope(), { contentType: 'image/png', filename: 'old.png' });
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newFile' }));
		await trigger.activate();
		let before = listRequests().length;
		expect((await trigger.poll()).items).toEqual([]);
		expect(listRequests().length - before).toBe(1);
		expect(listRequests().at(-1)!.query).toEqual({ limit: '100', offset: '0' });

		const upload = await signUpload('cover.png');
		await putBytes(upload.uploadUrl);
		await new Promise((resolve) => setTimeout(resolve, 5)); // a later instant: the order below is by time
		const video = files().seedFile(scope(), {
			contentType: 'video/mp4',
			filename: 'clip.mp4',
			durationSeconds: 12,
		});
		before = listRequests().length;
		const poll = await trigger.poll();
		expect(poll.items.map((i) => i.filename)).toEqual(['cover.png', 'clip.mp4']);
		expect(poll.items[0]).toEqual({
			id: expect.any(String),
			url: upload.url,
			contentType: 'image/png',
			filename: 'cover.png',
			size: 512,
			createdAt: expect.any(String),
		});
		expect(poll.items[1].id).toBe(video.id);
		expect(listRequests().length - before).toBe(1);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('an upload that finishes after newer files appeared is still reported, once', async () => {
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newFile' }));
		await trigger.activate();
		const slow = await signUpload('slow.png'); // createdAt: now; listed only once stored
		await new Promise((resolve) => setTimeout(resolve, 5));
		files().seedFile(scope(), { contentType: 'image/png', filename: 'quick.png' });
		expect((await trigger.poll()).items.map((i) => i.filename)).toEqual(['quick.png']);
		await putBytes(slow.uploadUrl);
		expect((await trigger.poll()).items.map((i) => i.filename)).toEqual(['slow.png']);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test("an upload finished minutes after newer files appeared (within its signed URL's 600 s) is still reported, once", async () => {
		// Only the Date clock is faked (and keeps running): HTTP, timers and the engine run for real.
		jest.useFakeTimers({ advanceTimers: true, doNotFake: TIMERS_EXCEPT_DATE });
		try {
			const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newFile' }));
			await trigger.activate();
			const slow = await signUpload('slow.png'); // createdAt: the signing instant
			const seen: unknown[] = [];
			// Nine and a half minutes of normal traffic: a new file, then a poll, every minute.
			for (let minute = 1; minute <= 9; minute++) {
				jest.setSystemTime(Date.now() + 60_000);
				files().seedFile(scope(), { contentType: 'image/png', filename: `minute-${minute}.png` });
				seen.push(...(await trigger.poll()).items.map((i) => i.filename));
			}
			expect(seen).toEqual(Array.from({ length: 9 }, (_v, i) => `minute-${i + 1}.png`));
			jest.setSystemTime(Date.now() + 30_000);
			await putBytes(slow.uploadUrl); // the signed URL is still valid (signed 570 s ago)
			expect((await trigger.poll()).items.map((i) => i.filename)).toEqual(['slow.png']);
			expect((await trigger.poll()).items).toEqual([]);
		} finally {
			jest.useRealTimers();
		}
	});

	test('a file stamped a day ahead is reported, and does not hide the files that come after it', async () => {
		files().seedFile(scope(), { contentType: 'image/png', filename: 'old.png' });
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newFile' }));
		await trigger.activate();
		const future = files().seedFile(scope(), {
			contentType: 'image/png',
			filename: 'tomorrow.png',
			createdAt: new Date(Date.now() + 24 * 3_600_000).toISOString(),
		});
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([future.id]);
		await new Promise((resolve) => setTimeout(resolve, 5));
		const next = files().seedFile(scope(), { contentType: 'image/png', filename: 'next.png' });
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([next.id]);
		// A late upload (older than the newest normal file) is still inside the window.
		const late = files().seedFile(scope(), {
			contentType: 'image/png',
			filename: 'late.png',
			createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
		});
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([late.id]);
		expect((await trigger.poll()).items).toEqual([]);
		// The stored watermark never passes the clock.
		const feed = (trigger.staticData.cursor as { cursor: { feed: { watermark: number } } }).cursor
			.feed;
		expect(feed.watermark).toBeLessThanOrEqual(Date.now());
	});

	test('files deleted while a late one arrives further down: the smaller row count does not end the walk early', async () => {
		const base = Date.now() - 10 * 60_000;
		const rows = Array.from({ length: 300 }, (_v, i) =>
			files().seedFile(scope(), {
				contentType: 'image/png',
				filename: `r${i}.png`,
				createdAt: new Date(base + i * 1000).toISOString(),
			}),
		);
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newFile' }));
		await trigger.activate();
		expect((await trigger.poll()).items).toEqual([]);
		// Two of the newest files go; one arrives late between rows on the third page (the 250th newest).
		files().remove(scope(), rows[299].id);
		files().remove(scope(), rows[298].id);
		const late = files().seedFile(scope(), {
			contentType: 'image/png',
			filename: 'late.png',
			createdAt: new Date(base + 50_500).toISOString(),
		});
		const before = listRequests().length;
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([late.id]);
		expect(listRequests().length - before).toBeGreaterThanOrEqual(3);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('Type and Context filters go to the API: Studio outputs only', async () => {
		const trigger = new PollHarness(
			env.fake,
			triggerWorkflow({ event: 'newFile', fileFilters: { type: 'image', context: 'ai-studio' } }),
		);
		await trigger.activate();
		files().seedFile(scope(), { contentType: 'image/png', filename: 'upload.png' });
		files().seedFile(scope(), {
			contentType: 'video/mp4',
			filename: 'studio.mp4',
			context: 'ai-studio',
		});
		files().seedFile(scope(), {
			contentType: 'image/webp',
			filename: 'studio.webp',
			context: 'ai-studio',
		});
		expect((await trigger.poll()).items.map((i) => i.filename)).toEqual(['studio.webp']);
		expect(listRequests().at(-1)!.query).toEqual({
			limit: '100',
			offset: '0',
			type: 'image',
			context: 'ai-studio',
		});
	});

	test('a burst of 1,500 files is emitted in full; the cursor stays bounded and nothing comes twice', async () => {
		const trigger = new PollHarness(env.fake, triggerWorkflow({ event: 'newFile' }));
		await trigger.activate();
		const base = Date.now() - 60_000;
		for (let i = 0; i < 1500; i++) {
			files().seedFile(scope(), {
				contentType: 'image/png',
				filename: `f${i}.png`,
				createdAt: new Date(base + i * 10).toISOString(),
			});
		}
		const poll = await trigger.poll();
		expect(poll.items).toHaveLength(1500);
		expect(new Set(poll.items.map((i) => i.id)).size).toBe(1500);
		expect(poll.items[0].filename).toBe('f0.png');
		expect(poll.items[1499].filename).toBe('f1499.png');
		const cursor = (trigger.staticData.cursor as { cursor: { feed: { seen: unknown[] } } }).cursor
			.feed;
		expect(cursor.seen.length).toBeLessThanOrEqual(1000);
		expect((await trigger.poll()).items).toEqual([]);
		const newer = files().seedFile(scope(), { contentType: 'image/png', filename: 'after.png' });
		expect((await trigger.poll()).items.map((i) => i.id)).toEqual([newer.id]);
	});

	test('Fetch Test Event: the newest file; none → a clear error', async () => {
		const none = await fetchTestEvent(env.fake, { event: 'newFile' });
		expect(none.error?.message).toBe('No file found (with the current filters)');
		files().seedFile(scope(), {
			contentType: 'image/png',
			filename: 'a.png',
			createdAt: new Date(Date.now() - 1000).toISOString(),
		});
		files().seedFile(scope(), { contentType: 'image/png', filename: 'b.png' });
		const sample = await fetchTestEvent(env.fake, { event: 'newFile' });
		expect(sample.output('Genviral Trigger').map((i) => i.json.filename)).toEqual(['b.png']);
		expect(listRequests().at(-1)!.query).toEqual({ limit: '1', offset: '0' });
	});

	test('a bad Context is refused before any request', async () => {
		const run = await fetchTestEvent(env.fake, {
			event: 'newFile',
			fileFilters: { context: 'AI Studio!' },
		});
		expect(run.error?.message).toBe(
			'Filters → Context contains "AI Studio!", which is not a context such as ai-studio or media-upload (or "all")',
		);
		expect(env.fake.requests).toHaveLength(0);
	});
});
