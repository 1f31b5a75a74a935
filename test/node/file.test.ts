/**
 * File → Upload and File → Get Many in the engine, against the fake API and its storage origin
 * (127.0.0.2). Upload runs in both of n8n's binary data modes: memory (the bytes in the item)
 * and filesystem (the item holds an id into n8n's binary store, and the node streams from it).
 */
import { Readable } from 'node:stream';

import type { IBinaryData, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ACCEPTED_CONTENT_TYPES } from '../fake-genviral/resources/files';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import type { BinaryMode } from '../harness/binary';
import { setBinaryDataMode, storeBinary } from '../harness/binary';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';
import { documentedErrorCases, endpoint } from '../harness/reference';

const SECRET = DEFAULT_TOKEN.split('.')[1];
const upload = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'file',
	operation: 'upload',
	binaryPropertyName: 'data',
	...extra,
});
const fast = { retryDelay: 1 };

async function item(
	content: Buffer | string,
	mimeType: string,
	fileName?: string,
	field = 'data',
): Promise<INodeExecutionData> {
	const binary = await storeBinary(typeof content === 'string' ? Buffer.from(content) : content, {
		mimeType,
		fileName,
	});
	return { json: { source: fileName ?? 'unnamed' }, binary: { [field]: binary } };
}

/** Every trace of a storage request: what the storage origin saw. */
function storageTraces(fake: ReturnType<typeof useFakeGenviral>['fake']): string {
	return JSON.stringify(
		fake.storage.requests.map((r) => ({ path: r.path, search: r.search, headers: r.headers })),
	);
}

describe.each<BinaryMode>(['memory', 'filesystem'])('File → Upload, %s binary mode', (mode) => {
	const env = useFakeGenviral();
	beforeAll(async () => {
		await setBinaryDataMode(mode);
	});

	test("POST /files with the binary's type, name and size, then PUT of the bytes to the signed URL; outputs the permanent URL", async () => {
		const bytes = Buffer.from('not really a video, but bytes all the same');
		const input = await item(bytes, 'video/mp4', 'teaser.mp4');
		expect(Boolean(input.binary!.data.id)).toBe(mode === 'filesystem');

		const { items, error } = await runGenviral(env.fake, upload(), { items: [input] });

		expect(error).toBeUndefined();
		const api = env.fake.requests;
		expect(api.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /files']);
		expect(api[0].body).toEqual({
			contentType: 'video/mp4',
			filename: 'teaser.mp4',
			size: bytes.length,
		});
		expect(api[0].headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`);

		const [put] = env.fake.storage.requests;
		expect(env.fake.storage.requests).toHaveLength(1);
		expect(put.method).toBe('PUT');
		expect(put.headers['content-type']).toBe('video/mp4');
		expect(put.headers['content-length']).toBe(String(bytes.length));
		expect(put.headers.authorization).toBeUndefined();
		expect(put.body).toEqual(bytes);

		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toEqual({
			url: expect.stringMatching(
				new RegExp(`^${env.fake.storage.origin}/media/partner-api/workspaces/`),
			),
			contentType: 'video/mp4',
			fileName: 'teaser.mp4',
			size: bytes.length,
		});
		// The URL works: the bytes are there, and the file is now listed by GET /files.
		expect(Buffer.from(await (await fetch(items[0].json.url as string)).arrayBuffer())).toEqual(
			bytes,
		);
		const listed = await runGenviral(env.fake, {
			resource: 'file',
			operation: 'getMany',
			returnAll: true,
		});
		expect(listed.items.map((i) => i.json.url)).toEqual([items[0].json.url]);
		expect(listed.items[0].json).toMatchObject({
			contentType: 'video/mp4',
			filename: 'teaser.mp4',
			size: bytes.length,
		});
	});

	test('the API token and any Authorization header never reach the storage origin', async () => {
		const items = [
			await item('one', 'image/png', 'a.png'),
			await item('two', 'video/webm', 'b.webm'),
		];
		env.fake.storage.faults.put.push({ kind: 'status', status: 503 }); // a retried PUT too
		env.fake.storage.expireNextUploads = 1; // and a re-signed one
		const { error } = await runGenviral(env.fake, upload({ options: fast }), { items });
		expect(error).toBeUndefined();
		expect(env.fake.storage.requests.length).toBeGreaterThanOrEqual(4);
		for (const request of env.fake.storage.requests) {
			expect(request.headers.authorization).toBeUndefined();
			expect(request.headers.cookie).toBeUndefined();
		}
		expect(storageTraces(env.fake)).not.toContain(SECRET);
		expect(storageTraces(env.fake)).not.toContain('gva_live_');
		// ...while the API itself got the token on every call.
		expect(
			env.fake.requests.every((r) => r.headers.authorization === `Bearer ${DEFAULT_TOKEN}`),
		).toBe(true);
	});

	test("Additional Fields override the file name and content type, and send a video's duration", async () => {
		const video = await item('v', 'application/octet-stream', 'raw.bin');
		await runGenviral(
			env.fake,
			upload({
				additionalFields: {
					fileName: 'final cut.mov',
					contentType: 'video/quicktime',
					durationSeconds: 42.5,
				},
			}),
			{
				items: [video],
			},
		);
		expect(env.fake.requests[0].body).toEqual({
			contentType: 'video/quicktime',
			filename: 'final cut.mov',
			size: 1,
			duration_seconds: 42.5,
		});
		expect(env.fake.storage.requests[0].headers['content-type']).toBe('video/quicktime');

		env.fake.reset();
		const { items } = await runGenviral(
			env.fake,
			upload({ additionalFields: { durationSeconds: 9 } }),
			{ items: [await item('i', 'image/webp', 'x.webp')] },
		);
		expect(env.fake.requests[0].body).toEqual({
			contentType: 'image/webp',
			filename: 'x.webp',
			size: 1,
		});
		expect(items[0].json.durationSeconds).toBeUndefined();
	});

	test.each([
		['application/octet-stream', 'clip.MOV', 'video/quicktime'],
		['', 'photo.jpeg', 'image/jpeg'],
		['image/jpg', 'photo', 'image/jpeg'],
		['video/mp4; codecs="avc1"', 'clip.mp4', 'video/mp4'],
	])('a binary typed %j named %j is sent as %s', async (mimeType, fileName, expected) => {
		const { error } = await runGenviral(env.fake, upload(), {
			items: [await item('x', mimeType, fileName)],
		});
		expect(error).toBeUndefined();
		expect(env.fake.requests[0].body).toMatchObject({ contentType: expected });
		expect(env.fake.storage.requests[0].headers['content-type']).toBe(expected);
	});

	test('a binary without a file name gets one from its type', async () => {
		const { items } = await runGenviral(env.fake, upload(), {
			items: [await item('x', 'image/heic')],
		});
		expect(items[0].json.fileName).toBe('upload.heic');
	});

	test('every content type the API accepts goes through', async () => {
		const items = await Promise.all(
			ACCEPTED_CONTENT_TYPES.map(async (type, i) => await item(`f${i}`, type, `f${i}`)),
		);
		const { items: out, error } = await runGenviral(env.fake, upload(), { items });
		expect(error).toBeUndefined();
		expect(out.map((o) => o.json.contentType)).toEqual([...ACCEPTED_CONTENT_TYPES]);
	});

	test.each<[string, () => Promise<INodeExecutionData>, INodeParameters, string]>([
		[
			'a type Genviral refuses',
			async () => await item('%PDF', 'application/pdf', 'doc.pdf'),
			{},
			'The file in the binary field "data" is "application/pdf", a type Genviral does not accept [item 0]',
		],
		[
			'no type and no known extension',
			async () => await item('??', 'application/octet-stream', 'blob.dat'),
			{},
			'is "application/octet-stream", a type Genviral does not accept',
		],
		[
			'a Content Type override Genviral refuses',
			async () => await item('x', 'image/png', 'a.png'),
			{ additionalFields: { contentType: '={{ "text/plain" }}' } },
			'Additional Fields → Content Type must be one of',
		],
		[
			'an empty file',
			async () => await item('', 'image/png', 'empty.png'),
			{},
			'The file in the binary field "data" is empty [item 0]',
		],
		[
			'another binary field than the item has',
			async () => await item('x', 'image/png', 'a.png', 'photo'),
			{},
			"The item has no binary field 'data' [item 0]",
		],
		[
			'an item without binary data',
			async () => ({ json: {} }),
			{},
			"expects the node's input data to contain a binary file 'data'",
		],
		[
			'a blank Input Binary Field',
			async () => await item('x', 'image/png', 'a.png'),
			{ binaryPropertyName: '  ' },
			'Input Binary Field is required',
		],
		[
			'a file name too long',
			async () => await item('x', 'image/png', 'a.png'),
			{ additionalFields: { fileName: 'n'.repeat(256) } },
			'File Name',
		],
		[
			'a negative duration',
			async () => await item('x', 'video/mp4', 'a.mp4'),
			{ additionalFields: { durationSeconds: -3 } },
			'Duration (Seconds)',
		],
	])('%s is refused before any request', async (_name, makeItem, parameters, message) => {
		const { error } = await runGenviral(env.fake, upload(parameters), {
			items: [await makeItem()],
		});
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain(message);
		expect(env.fake.requests).toEqual([]);
		expect(env.fake.storage.requests).toEqual([]);
	});

	test('with On Error: Continue, N items in give N items out, paired, the bad one as an error item', async () => {
		const items = [
			await item('a', 'image/png', 'a.png'),
			await item('b', 'text/csv', 'b.csv'),
			await item('c', 'video/mp4', 'c.mp4'),
		];
		const { items: out } = await runGenviral(env.fake, upload(), { items, continueOnFail: true });
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.url).toEqual(expect.any(String));
		expect(out[1].json.error).toContain('"text/csv", a type Genviral does not accept [item 1]');
		expect(out[2].json.fileName).toBe('c.mp4');
		expect(env.fake.requestsTo('POST /files')).toHaveLength(2);
	});

	test('an expired upload URL is signed anew once: one more POST /files, then the PUT succeeds', async () => {
		env.fake.storage.expireNextUploads = 1;
		const { items, error } = await runGenviral(env.fake, upload(), {
			items: [await item('late bytes', 'image/gif', 'a.gif')],
		});
		expect(error).toBeUndefined();
		expect(env.fake.requestsTo('POST /files')).toHaveLength(2);
		const puts = env.fake.storage.requests;
		expect(puts).toHaveLength(2);
		expect(puts[0].path).not.toBe(puts[1].path);
		expect(items[0].json.url).toBe(
			`${env.fake.storage.origin}${puts[1].path.replace('/upload/', '/media/')}`,
		);
		expect(env.fake.storage.object(items[0].json.url as string)?.size).toBe(10);
	});

	test('a URL that expires again is an error of the storage step, after exactly two signings', async () => {
		env.fake.storage.expireNextUploads = 2;
		const { error } = await runGenviral(env.fake, upload(), {
			items: [await item('x', 'image/png', 'a.png')],
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'The storage upload URL expired twice before the upload of "a.png" finished [item 0]',
		);
		expect(error?.description).toContain('Storage step: PUT');
		expect(env.fake.requestsTo('POST /files')).toHaveLength(2);
		expect(env.fake.storage.requests).toHaveLength(2);
	});

	test.each<[string, Parameters<typeof Array.prototype.push>[0]]>([
		['HTTP 500', { kind: 'status', status: 500 }],
		[
			'HTTP 503 (storage throttling)',
			{
				kind: 'status',
				status: 503,
				body: '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>',
			},
		],
		['a dropped connection', { kind: 'reset' }],
	])(
		'a storage PUT that fails with %s is retried, with the whole file again',
		async (_name, fault) => {
			const bytes = Buffer.alloc(300_000, 7);
			env.fake.storage.faults.put.push(fault as never);
			const { items, error } = await runGenviral(env.fake, upload({ options: fast }), {
				items: [await item(bytes, 'video/mp4', 'big.mp4')],
			});
			expect(error).toBeUndefined();
			expect(env.fake.requestsTo('POST /files')).toHaveLength(1);
			const puts = env.fake.storage.requests;
			expect(puts).toHaveLength(2);
			expect(puts[1].size).toBe(bytes.length);
			expect(puts[1].body).toEqual(bytes);
			expect(items[0].json.size).toBe(bytes.length);
		},
	);

	test('storage failures that stay: the error says it was the storage step, how many attempts, and never the signed query', async () => {
		env.fake.storage.faults.put.push(
			{ kind: 'status', status: 500 },
			{ kind: 'status', status: 502 },
			{ kind: 'status', status: 500 },
		);
		const { error } = await runGenviral(env.fake, upload({ options: { ...fast, maxRetries: 2 } }), {
			items: [await item('x', 'image/png', 'a.png')],
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'Genviral\'s storage did not accept the upload of "a.png" after 3 attempts (HTTP 500: storage error 500) [item 0]',
		);
		expect((error as unknown as { httpCode: string }).httpCode).toBe('500');
		expect(error?.context.step).toBe('storage');
		expect(env.fake.storage.requests).toHaveLength(3);
		expect(env.fake.requestsTo('POST /files')).toHaveLength(1);
	});

	test('a storage 4xx is not retried: one PUT, an error naming the storage step and its host, without the signature', async () => {
		env.fake.storage.faults.put.push({
			kind: 'status',
			status: 403,
			body: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message><CanonicalQueryString>X-Signature=abc</CanonicalQueryString></Error>',
		});
		const { error } = await runGenviral(env.fake, upload({ options: fast }), {
			items: [await item('x', 'image/png', 'a.png')],
		});
		expect(env.fake.storage.requests).toHaveLength(1);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'Genviral\'s storage did not accept the upload of "a.png" (HTTP 403: AccessDenied: Access Denied) [item 0]',
		);
		expect((error as unknown as { httpCode: string }).httpCode).toBe('403');
		expect(error?.context).toMatchObject({
			step: 'storage',
			storageCode: 'AccessDenied',
			itemIndex: 0,
		});
		expect(error?.description).toContain(
			`Storage step: PUT ${env.fake.storage.origin}/upload/partner-api/`,
		);
		expect(error?.description).toContain('not your API token');
		const everything = JSON.stringify({
			message: error?.message,
			description: error?.description,
			context: error?.context,
		});
		expect(everything).not.toContain('X-Signature');
		expect(everything).not.toContain('?');
	});

	test('with Retry on Transient Errors off, a storage 500 fails at once', async () => {
		env.fake.storage.faults.put.push({ kind: 'status', status: 500 });
		const { error } = await runGenviral(
			env.fake,
			upload({ options: { retryOnTransientErrors: false } }),
			{ items: [await item('x', 'image/png', 'a.png')] },
		);
		expect(error?.message).toContain("Genviral's storage did not accept the upload");
		expect(env.fake.storage.requests).toHaveLength(1);
	});

	test('POST /files is repeatable: a 500 or a dropped connection is retried before anything is uploaded', async () => {
		env.fake.inject('POST /files', { kind: 'error', status: 500 }, { kind: 'reset' });
		const { items, error } = await runGenviral(env.fake, upload({ options: fast }), {
			items: [await item('x', 'image/png', 'a.png')],
		});
		expect(error).toBeUndefined();
		expect(env.fake.requestsTo('POST /files')).toHaveLength(3);
		expect(env.fake.storage.requests).toHaveLength(1);
		expect(items[0].json.url).toEqual(expect.any(String));
	});
});

describe('File → Upload streams large files in filesystem mode', () => {
	const env = useFakeGenviral();
	beforeAll(async () => {
		await setBinaryDataMode('filesystem');
	});

	test("a 50 MB video from n8n's binary store arrives whole, with its Content-Length", async () => {
		const size = 50 * 2 ** 20;
		const chunk = Buffer.alloc(2 ** 20, 0x5a);
		const binary: IBinaryData = await storeBinary(
			Readable.from(
				(function* () {
					for (let sent = 0; sent < size; sent += chunk.length) yield chunk;
				})(),
			),
			{ mimeType: 'video/mp4', fileName: 'long.mp4' },
		);
		expect(binary.id).toEqual(expect.stringMatching(/^filesystem/));
		expect(binary.data).not.toHaveLength(size); // the item holds a reference, not the bytes
		env.fake.storage.keepBodies = false;
		env.fake.storage.faults.put.push({ kind: 'reset' }); // and the retry re-opens the stream

		const { items, error } = await runGenviral(env.fake, upload({ options: fast }), {
			items: [{ json: {}, binary: { data: binary } }],
		});

		expect(error).toBeUndefined();
		const puts = env.fake.storage.requests;
		expect(puts).toHaveLength(2);
		expect(puts[1].size).toBe(size);
		expect(puts[1].headers['content-length']).toBe(String(size));
		expect(puts[1].headers['transfer-encoding']).toBeUndefined();
		expect(env.fake.requests[0].body).toMatchObject({ size });
		expect(items[0].json).toMatchObject({ size, contentType: 'video/mp4', fileName: 'long.mp4' });
		expect(env.fake.storage.object(items[0].json.url as string)?.size).toBe(size);
	}, 60_000);
});

describe('documented errors of POST /files, through File → Upload', () => {
	const env = useFakeGenviral();
	beforeAll(async () => {
		await setBinaryDataMode('memory');
	});
	const cases = documentedErrorCases(endpoint('Files', 'createUpload'));

	test('the reference documents them', () => {
		expect(cases.map((c) => c.status).sort()).toEqual([400, 401, 402, 403, 422, 500]);
	});

	test.each(cases)(
		'HTTP $status $errorCode surfaces as a NodeApiError, and nothing is uploaded',
		async ({ status, errorCode }) => {
			const message = `Documented failure ${status} ${errorCode ?? ''}`.trim();
			env.fake.inject('POST /files', { kind: 'error', status, error_code: errorCode, message });
			const { error } = await runGenviral(env.fake, upload({ options: { maxRetries: 0 } }), {
				items: [await item('x', 'image/png', 'a.png')],
			});
			expect(env.fake.requestsTo('POST /files')).toHaveLength(1);
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toBe(message);
			expect((error as unknown as { httpCode: string }).httpCode).toBe(String(status));
			expect(error?.context.errorCode).toBe(errorCode);
			expect(error?.context.itemIndex).toBe(0);
			expect(error?.description).toContain(`HTTP ${status} from POST /files`);
			expect(env.fake.storage.requests).toEqual([]);
		},
	);

	test.each([
		['gva_live_0a1b2c.wrong-secret', 401, 'invalid_token'],
		['gva_live_d0d0d0.unpaid-secret', 402, 'subscription_required'],
		['gva_live_5c5c5c.scheduler-secret', 403, 'tier_not_allowed'],
	])('the plan gate, for real (token %s): HTTP %i %s', async (token, status, errorCode) => {
		const { error } = await runGenviral(env.fake, upload(), {
			token,
			items: [await item('x', 'image/png', 'a.png')],
		});
		expect((error as unknown as { httpCode: string }).httpCode).toBe(String(status));
		expect(error?.context.errorCode).toBe(errorCode);
		expect(env.fake.storage.requests).toEqual([]);
	});

	test('a signed answer without an http(s) upload URL is a broken answer, and its value is not shown', async () => {
		env.fake.inject('POST /files', {
			kind: 'json',
			status: 201,
			body: {
				ok: true,
				code: 201,
				message: 'x',
				data: { uploadUrl: 'ftp://signed?secret=1', url: 'https://cdn.example.org/a.png' },
			},
		});
		const { error } = await runGenviral(env.fake, upload(), {
			items: [await item('x', 'image/png', 'a.png')],
		});
		expect(error?.message).toContain('without the expected "uploadUrl" (an http(s) URL)');
		expect(JSON.stringify({ m: error?.message, d: error?.description })).not.toContain('secret=1');
		expect(env.fake.storage.requests).toEqual([]);
	});
});

describe('File → Get Many, in the engine', () => {
	const env = useFakeGenviral();
	const getMany = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'file',
		operation: 'getMany',
		...extra,
	});
	const seed = (n: number, spec: { contentType?: string; context?: string } = {}) => {
		const scope = env.fake.scopeOf(DEFAULT_TOKEN);
		for (let i = 0; i < n; i++) {
			env.fake.modules.files.seedFile(scope, {
				contentType: spec.contentType ?? 'image/png',
				context: spec.context,
				createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
			});
		}
	};

	test('Return All walks the pages (limit 100, offset by rows) until total, newest first', async () => {
		seed(130);
		const { items, error } = await runGenviral(env.fake, getMany({ returnAll: true }));
		expect(error).toBeUndefined();
		expect(env.fake.requests.map((r) => r.query)).toEqual([
			{ limit: '100', offset: '0' },
			{ limit: '100', offset: '100' },
		]);
		expect(items).toHaveLength(130);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(130);
		expect(Object.keys(items[0].json)).toEqual([
			'id',
			'url',
			'contentType',
			'filename',
			'size',
			'createdAt',
		]);
		expect(String(items[0].json.createdAt) > String(items[129].json.createdAt)).toBe(true);
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Limit asks for that many and stops', async () => {
		seed(30);
		const { items } = await runGenviral(env.fake, getMany({ returnAll: false, limit: 7 }));
		expect(env.fake.requests.map((r) => r.query)).toEqual([{ limit: '7', offset: '0' }]);
		expect(items).toHaveLength(7);
	});

	test('Filters → Type and Context go to the query as the API names them', async () => {
		seed(3, { contentType: 'video/mp4', context: 'ai-studio' });
		seed(2, { contentType: 'image/png', context: 'ai-studio' });
		seed(4, { contentType: 'video/mp4' });
		const { items } = await runGenviral(
			env.fake,
			getMany({ returnAll: true, filters: { type: 'video', context: 'ai-studio' } }),
		);
		expect(env.fake.requests[0].query).toEqual({
			limit: '100',
			offset: '0',
			type: 'video',
			context: 'ai-studio',
		});
		expect(items).toHaveLength(3);
		const all = await runGenviral(
			env.fake,
			getMany({ returnAll: true, filters: { context: 'all' } }),
		);
		expect(all.items).toHaveLength(9);
		const partnerOnly = await runGenviral(env.fake, getMany({ returnAll: true }));
		expect(partnerOnly.items).toHaveLength(4);
	});

	test('a context the API refuses comes back as its invalid_query_parameter error', async () => {
		const { error } = await runGenviral(
			env.fake,
			getMany({ returnAll: true, filters: { context: 'Not A Context' } }),
		);
		expect(error?.name).toBe('NodeApiError');
		expect((error as unknown as { httpCode: string }).httpCode).toBe('400');
		expect(error?.context.errorCode).toBe('invalid_query_parameter');
	});

	test.each([
		[{ filters: { type: 'audio' } }, 'Filters → Type must be one of image, video; got "audio"'],
		[{ returnAll: false, limit: 0 }, 'Limit'],
	])('bad input %j is refused before any request', async (parameters, message) => {
		const { error } = await runGenviral(env.fake, getMany(parameters as INodeParameters));
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain(message);
		expect(env.fake.requests).toEqual([]);
	});

	test('list_failed (500) is retried like any read', async () => {
		seed(2);
		env.fake.inject('GET /files', { kind: 'error', status: 500, error_code: 'list_failed' });
		const { items, error } = await runGenviral(
			env.fake,
			getMany({ returnAll: true, options: fast }),
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(env.fake.requestsTo('GET /files')).toHaveLength(2);
	});
});
