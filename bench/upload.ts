/**
 * `npm run bench:upload`: File → Upload of a 200 MB video through the Genviral node in n8n-core's
 * engine, against the fake API and its storage origin on loopback (storage keeps no bodies).
 * In one run:
 *   - filesystem binary mode (n8n's default): the node streams the binary from n8n's store; the
 *     process's peak memory growth (RSS and heap, sampled every 5 ms) must stay ≤ 64 MiB;
 *   - a bare streamed `fetch` of the same two steps (POST /files, then PUT the file from disk)
 *     to the same fake storage: the floor the node's time is compared with;
 *   - memory binary mode, reported: there the binary already sits in the item (base64), so the
 *     bytes are in memory before the node runs.
 * Writes bench/RESULTS-upload.md (`BENCH_QUICK=1`: 20 MB, one repeat, nothing written).
 */
import { execFileSync } from 'node:child_process';
import {
	createReadStream,
	createWriteStream,
	mkdtempSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(os.tmpdir(), 'n8n-genviral-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

import type { IBinaryData, INode, IWorkflowBase } from 'n8n-workflow';

import { DEFAULT_TOKEN, FakeGenviral } from '../test/fake-genviral/server';
import { setBinaryDataMode, storeBinary } from '../test/harness/binary';
import {
	GENVIRAL_NODE_TYPE,
	MANUAL_TRIGGER_TYPE,
	REPO_ROOT,
	runWorkflow,
} from '../test/harness/engine';

const QUICK = process.env.BENCH_QUICK === '1';
const MiB = 2 ** 20;
const SIZE = Number(process.env.BENCH_UPLOAD_MB ?? (QUICK ? 20 : 200)) * MiB;
const REPEATS = QUICK ? 1 : 3;
const MEMORY_BUDGET = 64 * MiB;

const fake = new FakeGenviral();
const credentials = () => ({ genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: fake.baseUrl } });

function uploadWorkflow(): Pick<IWorkflowBase, 'nodes' | 'connections'> {
	const nodes: INode[] = [
		{
			id: 't',
			name: 'Manual Trigger',
			type: MANUAL_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'n',
			name: 'Under Test',
			type: GENVIRAL_NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: {
				resource: 'file',
				operation: 'upload',
				binaryPropertyName: 'data',
				options: {},
			},
			credentials: { genviralApi: { id: 'c', name: 'Genviral' } },
		},
	];
	return {
		nodes,
		connections: { 'Manual Trigger': { main: [[{ node: 'Under Test', type: 'main', index: 0 }]] } },
	};
}

/** A file of `size` bytes on disk (not all zeros, written in 1 MiB chunks). */
async function makeVideo(file: string, size: number): Promise<void> {
	const chunk = Buffer.alloc(MiB);
	for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) % 251;
	const out = createWriteStream(file);
	for (let written = 0; written < size; written += chunk.length) {
		if (!out.write(chunk.subarray(0, Math.min(chunk.length, size - written)))) {
			await new Promise<void>((resolve) => out.once('drain', () => resolve()));
		}
	}
	out.end();
	await finished(out);
}

function resetFake(): void {
	fake.reset();
	fake.storage.keepBodies = false; // reset() turns it back on
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

interface Measured {
	ms: number;
	rssGrowth: number;
	heapGrowth: number;
	/** Off-heap memory V8 tracks: Buffers, and large strings Node keeps outside the heap. */
	externalGrowth: number;
}

/** Time `run`, sampling RSS and heap every 5 ms against a baseline taken after a GC. */
async function measure(run: () => Promise<void>): Promise<Measured> {
	gc();
	const before = process.memoryUsage();
	let rss = before.rss;
	let heap = before.heapUsed;
	let external = before.external;
	const sample = () => {
		const now = process.memoryUsage();
		rss = Math.max(rss, now.rss);
		heap = Math.max(heap, now.heapUsed);
		external = Math.max(external, now.external);
	};
	const sampler = setInterval(sample, 5);
	const started = process.hrtime.bigint();
	try {
		await run();
	} finally {
		clearInterval(sampler);
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	sample();
	return {
		ms,
		rssGrowth: rss - before.rss,
		heapGrowth: heap - before.heapUsed,
		externalGrowth: external - before.external,
	};
}

async function nodeUpload(binary: IBinaryData, expectedSize: number): Promise<void> {
	resetFake();
	const result = await runWorkflow(uploadWorkflow(), {
		credentials: credentials(),
		pinData: { 'Manual Trigger': [{ json: {}, binary: { data: binary } }] },
	});
	if (result.error) throw new Error(`upload failed: ${result.error.message}`);
	const out = result.output('Under Test');
	const put = fake.storage.requests.find((r) => r.method === 'PUT');
	if (out.length !== 1 || put?.size !== expectedSize || out[0].json.size !== expectedSize) {
		throw new Error(`upload incomplete: stored ${put?.size} of ${expectedSize} bytes`);
	}
}

/** The floor: the same two steps with Node's own fetch, the file streamed from disk. */
async function bareFetchUpload(file: string, size: number): Promise<void> {
	resetFake();
	const signed = await fetch(`${fake.baseUrl}/files`, {
		method: 'POST',
		headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify({ contentType: 'video/mp4', filename: 'bench.mp4', size }),
	});
	const { data } = (await signed.json()) as { data: { uploadUrl: string } };
	const put = await fetch(data.uploadUrl, {
		method: 'PUT',
		headers: { 'content-type': 'video/mp4', 'content-length': String(size) },
		body: Readable.toWeb(createReadStream(file)) as ReadableStream,
		duplex: 'half',
	} as RequestInit);
	if (put.status !== 200) throw new Error(`bare PUT failed: ${put.status}`);
	await put.arrayBuffer();
	if (fake.storage.requests.find((r) => r.method === 'PUT')?.size !== size)
		throw new Error('bare upload incomplete');
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const throughput = (value: number) => `${(SIZE / MiB / (value / 1000)).toFixed(0)} MiB/s`;

async function main(): Promise<void> {
	await fake.start();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'genviral-upload-bench-'));
	const video = path.join(dir, 'bench.mp4');
	const warmVideo = path.join(dir, 'warm.mp4');
	await makeVideo(video, SIZE);
	await makeVideo(warmVideo, 4 * MiB);
	const lines: string[] = [];
	const log = (line = '') => {
		lines.push(line);
		process.stdout.write(`${line}\n`);
	};

	// Filesystem mode: the binaries are stored once, as an upstream node (Read File) stores them.
	await setBinaryDataMode('filesystem');
	const fsBinary = await storeBinary(createReadStream(video), {
		mimeType: 'video/mp4',
		fileName: 'bench.mp4',
	});
	const fsWarm = await storeBinary(createReadStream(warmVideo), {
		mimeType: 'video/mp4',
		fileName: 'warm.mp4',
	});
	// Warm up both paths (module loading, JIT, sockets) before any measurement.
	await nodeUpload(fsWarm, 4 * MiB);
	await bareFetchUpload(warmVideo, 4 * MiB);

	const node: Measured[] = [];
	const bare: Measured[] = [];
	for (let r = 0; r < REPEATS; r++) {
		node.push(await measure(async () => await nodeUpload(fsBinary, SIZE)));
		bare.push(await measure(async () => await bareFetchUpload(video, SIZE)));
	}

	// Memory mode, in a fresh process (this one's allocator already holds the pages used above,
	// which would hide growth): there the item itself carries the bytes (base64).
	const memoryMode = JSON.parse(
		execFileSync(process.execPath, ['--expose-gc', __filename, '--memory-mode', video], {
			encoding: 'utf8',
			env: { ...process.env },
			maxBuffer: 1024 * 1024,
		})
			.trim()
			.split('\n')
			.pop()!,
	) as { itemCost: Measured; run: Measured };
	const { itemCost, run: memoryRun } = memoryMode;

	const peakRss = Math.max(...node.map((m) => m.rssGrowth));
	const peakHeap = Math.max(...node.map((m) => m.heapGrowth));
	const nodeMs = median(node.map((m) => m.ms));
	const bareMs = median(bare.map((m) => m.ms));
	const met = peakRss <= MEMORY_BUDGET && peakHeap <= MEMORY_BUDGET;

	log('# Upload benchmark');
	log();
	log(
		`Run on ${new Date().toISOString()} — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.release()}.`,
	);
	log(
		`File → Upload of a ${mib(statSync(video).size)} \`video/mp4\` binary through the Genviral node in n8n-core 2.41's engine (\`WorkflowExecute\`), against the fake API (127.0.0.1) and its storage origin (127.0.0.2) in the same process; the storage counts the bytes and keeps none. ${REPEATS} repeats, node and bare fetch interleaved; times are medians, memory the worst repeat.`,
	);
	log('Reproduce: `npm run bench:upload` (writes this file).');
	log();
	const worst = (list: Measured[], key: keyof Measured) => Math.max(...list.map((m) => m[key]));
	log(
		'| binary mode | path | time | throughput | peak RSS growth | peak heap growth | peak external growth |',
	);
	log('|---|---|---|---|---|---|---|');
	log(
		`| filesystem | Genviral node (POST /files + streamed PUT) | ${ms(nodeMs)} | ${throughput(nodeMs)} | ${mib(peakRss)} | ${mib(peakHeap)} | ${mib(worst(node, 'externalGrowth'))} |`,
	);
	log(
		`| filesystem | bare \`fetch\` (POST /files + PUT streamed from disk) | ${ms(bareMs)} | ${throughput(bareMs)} | ${mib(worst(bare, 'rssGrowth'))} | ${mib(worst(bare, 'heapGrowth'))} | ${mib(worst(bare, 'externalGrowth'))} |`,
	);
	log(
		`| memory | Genviral node (binary already in the item) | ${ms(memoryRun.ms)} | ${throughput(memoryRun.ms)} | ${mib(memoryRun.rssGrowth)} | ${mib(memoryRun.heapGrowth)} | ${mib(memoryRun.externalGrowth)} |`,
	);
	log(
		`| memory | (for scale, before that run: the binary put into the item) | ${ms(itemCost.ms)} | | ${mib(itemCost.rssGrowth)} | ${mib(itemCost.heapGrowth)} | ${mib(itemCost.externalGrowth)} |`,
	);
	log();
	log(
		'Growth is measured from a baseline taken after a garbage collection, right before each run. Memory mode runs in a fresh process. "External" is memory V8 tracks off its heap: Buffers, and the large base64 strings n8n keeps binaries in, in memory mode.',
	);
	log();
	log('## Against the targets');
	log();
	log(
		`- Filesystem mode, peak memory growth ≤ 64 MiB: RSS ${mib(peakRss)}, heap ${mib(peakHeap)} — ${met ? 'met' : 'missed'}. The node streams the file from n8n's binary store; a video is never buffered.`,
	);
	log(
		`- Time against a bare streamed fetch of the same file: ${(nodeMs / bareMs).toFixed(2)}× (${ms(nodeMs)} vs ${ms(bareMs)}).`,
	);
	log(
		'- Memory mode is reported only: n8n keeps the whole file (base64) in the item in that mode, and the upload sends it from a buffer, so memory follows the file size there.',
	);

	if (!QUICK)
		writeFileSync(path.join(REPO_ROOT, 'bench', 'RESULTS-upload.md'), `${lines.join('\n')}\n`);
	rmSync(dir, { recursive: true, force: true });
	await fake.stop();
	if (!met) process.exitCode = 1;
}

/** `--memory-mode <file>`: the memory-mode measurement, alone in this process; prints one JSON line. */
async function memoryModeChild(file: string): Promise<void> {
	await fake.start();
	const size = statSync(file).size;
	await setBinaryDataMode('memory');
	const warm = await storeBinary(Buffer.alloc(4 * MiB, 1), {
		mimeType: 'video/mp4',
		fileName: 'warm.mp4',
	});
	await nodeUpload(warm, 4 * MiB);
	let binary: IBinaryData | undefined;
	const itemCost = await measure(async () => {
		binary = await storeBinary(createReadStream(file), {
			mimeType: 'video/mp4',
			fileName: 'bench.mp4',
		});
	});
	const run = await measure(async () => await nodeUpload(binary!, size));
	await fake.stop();
	process.stdout.write(`${JSON.stringify({ itemCost, run })}\n`);
}

const memoryModeArg = process.argv.indexOf('--memory-mode');
(memoryModeArg >= 0 ? memoryModeChild(process.argv[memoryModeArg + 1]) : main()).catch(
	(error: unknown) => {
		process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
		process.exitCode = 1;
	},
);
