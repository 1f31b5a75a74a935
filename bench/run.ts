/**
 * `npm run bench`: one process, one run, against the fake Genviral API on loopback with a
 * fixed injected latency. Compares, in n8n-core's engine:
 *   A  the Genviral node creating targets for N items,
 *   B  n8n's HTTP Request node (n8n-nodes-base, same 2.41 line) making the identical requests
 *      with the same credential (its "predefined credential type" mode, so the same header),
 *   C  a bare loop of the same requests with Node's own fetch (the floor).
 * Then Get Posts with Return All over 10,000 rows, the Batching option at 20 ms, the tarball
 * size and the time to require the built node. Writes bench/RESULTS.md.
 *
 * BENCH_BEFORE=<package root with a built dist/> adds that version of the node (say, the
 * commit before a change) to the same run: the sequential 20 ms comparison then runs A before,
 * A now and C interleaved, so both ratios over C come from one machine state.
 * BENCH_SEQUENTIAL_ONLY=1 runs only that comparison (for profiling: `node --cpu-prof`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(os.tmpdir(), 'n8n-genviral-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

import type {
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IVersionedNodeType,
	IWorkflowBase,
} from 'n8n-workflow';

import { PackageDirectoryLoader } from 'n8n-core';
import { NodeHelpers } from 'n8n-workflow';

import { FLOOR_NODE_TYPE, FloorNode } from './floorNode';
import { DEFAULT_TOKEN, FakeGenviral } from '../test/fake-genviral/server';
import {
	GENVIRAL_NODE_TYPE,
	HTTP_REQUEST_TYPE,
	MANUAL_TRIGGER_TYPE,
	REPO_ROOT,
	loadTypes,
	runWorkflow,
} from '../test/harness/engine';

const QUICK = process.env.BENCH_QUICK === '1';
const BEFORE_ROOT = process.env.BENCH_BEFORE;
const SEQUENTIAL_ONLY = process.env.BENCH_SEQUENTIAL_ONLY === '1';
/** The node type the BENCH_BEFORE version is registered under, beside the current one. */
const BEFORE_NODE_TYPE = 'n8n-nodes-genviral-before.genviral';
const SIZES = QUICK ? [100] : [100, 1000];
const LATENCIES = [0, 20];
const repeatsFor = (n: number, latency: number) =>
	QUICK ? 2 : n * Math.max(latency, 1) >= 20_000 ? 3 : 5;

const fake = new FakeGenviral();
const credentials = () => ({ genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: fake.baseUrl } });
const handles = (n: number): INodeExecutionData[] =>
	Array.from({ length: n }, (_v, i) => ({
		json: { handle: `@bench${String(i).padStart(5, '0')}` },
	}));

function workflowWith(
	node: Omit<INode, 'id' | 'position' | 'name'>,
): Pick<IWorkflowBase, 'nodes' | 'connections'> {
	return {
		nodes: [
			{
				id: 't',
				name: 'Manual Trigger',
				type: MANUAL_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{ id: 'n', name: 'Under Test', position: [200, 0], ...node },
		],
		connections: { 'Manual Trigger': { main: [[{ node: 'Under Test', type: 'main', index: 0 }]] } },
	};
}

const genviralNode = (options: INodeParameters = {}, type = GENVIRAL_NODE_TYPE) =>
	workflowWith({
		type,
		typeVersion: 1,
		parameters: {
			resource: 'analyticsTarget',
			operation: 'create',
			platform: 'tiktok',
			identifier: '={{ $json.handle }}',
			options,
		},
		credentials: { genviralApi: { id: 'c', name: 'Genviral' } },
	});

/** The floor (bench/floorNode.ts): the same request, with nothing but n8n's own per-item work. */
const floorNode = (identifierFromInput = false) =>
	workflowWith({
		type: FLOOR_NODE_TYPE,
		typeVersion: 1,
		parameters: { platform: 'tiktok', identifier: '={{ $json.handle }}', identifierFromInput },
		credentials: { genviralApi: { id: 'c', name: 'Genviral' } },
	});

const allAtOnce = (n: number): INodeParameters => ({
	batching: { batch: { batchSize: Math.min(100, n), batchInterval: 0 } },
});

const httpRequestNode = () =>
	workflowWith({
		type: HTTP_REQUEST_TYPE,
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${fake.baseUrl}/analytics/targets`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'genviralApi',
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [
					{ name: 'platform', value: 'tiktok' },
					{ name: 'identifier', value: '={{ $json.handle }}' },
				],
			},
			options: {},
		},
		credentials: { genviralApi: { id: 'c', name: 'Genviral' } },
	});

async function timed(run: () => Promise<unknown>): Promise<number> {
	const latency = fake.latencyMs;
	fake.reset(); // fresh state for every run (reset() also clears the latency: keep it)
	fake.latencyMs = latency;
	const started = process.hrtime.bigint();
	await run();
	return Number(process.hrtime.bigint() - started) / 1e6;
}

async function engineRun(
	workflow: Pick<IWorkflowBase, 'nodes' | 'connections'>,
	items: INodeExecutionData[],
): Promise<void> {
	const result = await runWorkflow(workflow, {
		credentials: credentials(),
		pinData: { 'Manual Trigger': items },
		// Timed: the node's work only (the tests check output schemas, the bench counts items).
		skipOutputSchemas: true,
	});
	if (result.error) throw new Error(`bench run failed: ${result.error.message}`);
	const out = result.output('Under Test');
	if (out.length !== items.length)
		throw new Error(`expected ${items.length} items, got ${out.length}`);
}

async function fetchLoop(items: INodeExecutionData[]): Promise<void> {
	for (const item of items) {
		const response = await fetch(`${fake.baseUrl}/analytics/targets`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${DEFAULT_TOKEN}`,
				'content-type': 'application/json',
				accept: 'application/json',
			},
			body: JSON.stringify({ platform: 'tiktok', identifier: item.json.handle }),
		});
		const body = (await response.json()) as { ok: boolean };
		if (!body.ok) throw new Error('fetch loop failed');
	}
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const perItem = (value: number, n: number) => `${((value / n) * 1000).toFixed(0)} µs`;

/** Makes `type` known to the engine under `name`, beside the package's own nodes. */
async function registerNodeType(name: string, type: INodeType | IVersionedNodeType): Promise<void> {
	const { nodeTypes } = await loadTypes();
	const { getByName, getByNameAndVersion } = nodeTypes;
	nodeTypes.getByName = (wanted) => (wanted === name ? type : getByName(wanted));
	nodeTypes.getByNameAndVersion = (wanted, version) =>
		wanted === name
			? NodeHelpers.getVersionedNodeType(type, version)
			: getByNameAndVersion(wanted, version);
}

/** Loads the BENCH_BEFORE package and registers its Genviral node as BEFORE_NODE_TYPE. */
async function registerBefore(root: string): Promise<void> {
	const loader = new PackageDirectoryLoader(root);
	await loader.loadAll();
	const before = loader.nodeTypes.genviral?.type;
	if (before === undefined) throw new Error(`no Genviral node in ${root}/dist`);
	await registerNodeType(BEFORE_NODE_TYPE, before);
}

/** Medians of one contender's repeats: wall time, and the event loop's busy time. */
interface Contender {
	label: string;
	run: () => Promise<unknown>;
	wall: number[];
	busy: number[];
}

/**
 * Sequential Create Target at 20 ms latency, N = 1000: A (the Genviral node), F (the floor:
 * bench/floorNode.ts), C (the bare fetch loop) and, with BENCH_BEFORE, A before, one after the
 * other in each repeat, in one process. Returns the lines of its section.
 */
async function sequentialBeforeAfter(repeats: number): Promise<{
	lines: string[];
	ratio: number;
	floorRatio: number;
	overFloor: number;
	ratioBefore?: number;
}> {
	const n = QUICK ? 100 : 1000;
	const items = handles(n);
	fake.latencyMs = 20;
	fake.exactLatency = true;
	const contender = (label: string, run: () => Promise<unknown>): Contender => ({
		label,
		run,
		wall: [],
		busy: [],
	});
	const before =
		BEFORE_ROOT === undefined
			? undefined
			: contender(
					'A before (BENCH_BEFORE)',
					async () => await engineRun(genviralNode({}, BEFORE_NODE_TYPE), items),
				);
	const a = contender('A Genviral node', async () => await engineRun(genviralNode(), items));
	const f = contender('F floor node', async () => await engineRun(floorNode(), items));
	// The parts of F − C: the item's expression (F − F0), and the rest of n8n's per-item work
	// (F0 − C: engine, request helper, credential).
	const f0 = contender(
		'F0 floor node, identifier taken from the item without an expression',
		async () => await engineRun(floorNode(true), items),
	);
	const c = contender('C bare fetch loop', async () => await fetchLoop(items));
	const all = [...(before ? [before] : []), a, f, f0, c];
	for (let r = 0; r < repeats; r++) {
		for (const one of all) {
			// The event loop's busy time: the work done on the one JavaScript thread (the
			// in-process fake's share is the same for everyone), which a loaded machine
			// disturbs less than the wall clock and other threads (GC, compilers) not at all.
			const startLoop = performance.eventLoopUtilization();
			one.wall.push(await timed(one.run));
			one.busy.push(performance.eventLoopUtilization(startLoop).active);
		}
	}
	fake.exactLatency = false;
	const wallOf = (one: Contender) => median(one.wall);
	const busyOf = (one: Contender) => median(one.busy);
	const lines = [
		`## Sequential at 20 ms latency: the node, n8n's floor and a bare fetch loop (N = ${n}, ${repeats} interleaved repeats)`,
		'',
		'| contender | wall time | / C | per item over C | loop busy per item |',
		'|---|---|---|---|---|',
	];
	for (const one of all) {
		lines.push(
			`| ${one.label} | ${ms(wallOf(one))} | ${(wallOf(one) / wallOf(c)).toFixed(3)}× | ${one === c ? '—' : perItem(wallOf(one) - wallOf(c), n)} | ${perItem(busyOf(one), n)} |`,
		);
	}
	const part = (label: string, more: Contender, less: Contender) =>
		lines.push(
			`| ${label} | ${perItem(wallOf(more) - wallOf(less), n)} | ${perItem(busyOf(more) - busyOf(less), n)} |`,
		);
	lines.push(
		'',
		'Where the time per item goes (differences of the medians above):',
		'',
		'| part | wall | loop busy |',
		'|---|---|---|',
	);
	part(
		'the Genviral node over the floor (A − F): its own work, less the expression evaluation it moves into the wait',
		a,
		f,
	);
	part("n8n: evaluating the item's expression (F − F0)", f, f0);
	part('n8n: the rest (engine, request helper, credential) (F0 − C)', f0, c);
	part('all of it (A − C)', a, c);
	lines.push(
		'',
		`Each repeat runs ${all.map((one) => one.label.split(' ')[0] + (one === before ? ' before' : '')).join(', ')} one after the other on the same ${n} items; every figure is the median over the repeats. The fake waits the 20 ms to the microsecond (\`exactLatency\`: a timer alone answers on whole milliseconds of the event loop's clock, which turns a run's time per item into whole-millisecond steps). "Loop busy" is the event loop's active time (\`performance.eventLoopUtilization\`), the in-process fake's share (the same for all, its last 2 ms of waiting included) with it. F is the least any n8n node can do for this request (bench/floorNode.ts: one \`getNodeParameter\` with the item's expression and one \`httpRequestWithAuthentication\` per item, nothing else).`,
	);
	return {
		lines,
		ratio: wallOf(a) / wallOf(c),
		floorRatio: wallOf(f) / wallOf(c),
		overFloor: wallOf(a) / wallOf(f),
		ratioBefore: before === undefined ? undefined : wallOf(before) / wallOf(c),
	};
}

async function main(): Promise<void> {
	await fake.start();
	await registerNodeType(FLOOR_NODE_TYPE, new FloorNode());
	if (BEFORE_ROOT !== undefined) await registerBefore(BEFORE_ROOT);
	if (SEQUENTIAL_ONLY) {
		fake.latencyMs = 0;
		await timed(async () => await engineRun(genviralNode(), handles(20)));
		if (BEFORE_ROOT !== undefined)
			await timed(async () => await engineRun(genviralNode({}, BEFORE_NODE_TYPE), handles(20)));
		await timed(async () => await engineRun(floorNode(), handles(20)));
		await timed(async () => await fetchLoop(handles(20)));
		const repeats = Number(process.env.BENCH_REPEATS ?? 3);
		for (const line of (await sequentialBeforeAfter(repeats)).lines)
			process.stdout.write(`${line}\n`);
		await fake.stop();
		return;
	}
	const lines: string[] = [];
	const log = (line = '') => {
		lines.push(line);
		process.stdout.write(`${line}\n`);
	};
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	log('# Benchmark results');
	log();
	log(
		`Run on ${new Date().toISOString()} — ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
	);
	log(
		'n8n-core 2.41 engine (`WorkflowExecute`) for A and B; fake Genviral API on 127.0.0.1 in the same process; medians of the repeats shown, runs of A, B and C interleaved.',
	);
	log('Reproduce: `npm run bench` (writes this file).');
	log();
	log('## Create targets: Genviral node (A), HTTP Request node (B), bare fetch loop (C)');
	log();
	log(
		"Note on B: n8n's HTTP Request node (v4) does not send items one after the other. It starts every item's request and then awaits them all (`Promise.allSettled`); its Batching option only spaces out the starts. So its default is *all items at once*. The Genviral node's default is one item after the other (Genviral rate-limits, and a failed item should stop the run before later items are sent); its opt-in Batching option runs a batch of items at once. The fair comparisons are therefore A sequential vs C (a sequential fetch loop), and A with Batching (100 items at once, the option's maximum) vs B's default (all at once).",
	);
	log();
	log(
		'| latency | N | repeats | A sequential | C fetch loop | A − C per item | A Batching 100 at once | B default (all at once) | A/B concurrent |',
	);
	log('|---|---|---|---|---|---|---|---|---|');

	// Warm up every path once (module loading, JIT).
	fake.latencyMs = 0;
	await timed(async () => await engineRun(genviralNode(), handles(20)));
	await timed(async () => await engineRun(genviralNode(allAtOnce(20)), handles(20)));
	await timed(async () => await engineRun(httpRequestNode(), handles(20)));
	await timed(async () => await engineRun(floorNode(), handles(20)));
	await timed(async () => await fetchLoop(handles(20)));

	const ratios: Array<{ latency: number; n: number; ratio: number }> = [];
	/** A − C per item at 0 ms latency, for the largest N (the overhead the node adds to a request). */
	let overheadUs = 0;
	const sequentialByLatency = new Map<number, number>();
	for (const latency of LATENCIES) {
		fake.latencyMs = latency;
		for (const n of SIZES) {
			const items = handles(n);
			const a: number[] = [];
			const aAll: number[] = [];
			const b: number[] = [];
			const c: number[] = [];
			for (let r = 0; r < repeatsFor(n, latency); r++) {
				a.push(await timed(async () => await engineRun(genviralNode(), items)));
				aAll.push(await timed(async () => await engineRun(genviralNode(allAtOnce(n)), items)));
				b.push(await timed(async () => await engineRun(httpRequestNode(), items)));
				c.push(await timed(async () => await fetchLoop(items)));
			}
			const [ma, mAll, mb, mc] = [median(a), median(aAll), median(b), median(c)];
			ratios.push({ latency, n, ratio: mAll / mb });
			if (latency === 0) overheadUs = ((ma - mc) / n) * 1000;
			if (n === SIZES[SIZES.length - 1]) sequentialByLatency.set(latency, ma);
			log(
				`| ${latency} ms | ${n} | ${a.length} | ${ms(ma)} | ${ms(mc)} | ${perItem(ma - mc, n)} | ${ms(mAll)} | ${ms(mb)} | ${(mAll / mb).toFixed(3)} |`,
			);
		}
	}

	log();
	const sequential = await sequentialBeforeAfter(Number(process.env.BENCH_REPEATS ?? 5));
	for (const line of sequential.lines) log(line);

	log();
	const batchN = SIZES[SIZES.length - 1];
	log(`## Batching at 20 ms latency (N = ${batchN})`);
	log();
	log('| configuration | time | items/s | vs A sequential | vs B default |');
	log('|---|---|---|---|---|');
	fake.latencyMs = 20;
	const batchItems = handles(batchN);
	const bDefault = median([
		await timed(async () => await engineRun(httpRequestNode(), batchItems)),
		await timed(async () => await engineRun(httpRequestNode(), batchItems)),
	]);
	const aSequential = sequentialByLatency.get(20) ?? bDefault;
	const row = (label: string, t: number) =>
		log(
			`| ${label} | ${ms(t)} | ${((batchN / t) * 1000).toFixed(0)} | ${(aSequential / t).toFixed(1)}× | ${(bDefault / t).toFixed(2)}× |`,
		);
	row('A Genviral, default (one item at a time)', aSequential);
	row('B HTTP Request, default (all items at once)', bDefault);
	let bestSpeedup = 0;
	let bestVsB = 0;
	for (const size of [10, 50, 100]) {
		const options = { batching: { batch: { batchSize: size, batchInterval: 0 } } };
		const t = median([
			await timed(async () => await engineRun(genviralNode(options), batchItems)),
			await timed(async () => await engineRun(genviralNode(options), batchItems)),
		]);
		bestSpeedup = Math.max(bestSpeedup, aSequential / t);
		bestVsB = Math.max(bestVsB, bDefault / t);
		row(`A Genviral, Batching ${size} items, 0 ms interval`, t);
	}

	log();
	log('## Get Posts, Return All over 10,000 rows (A)');
	log();
	// The fake runs in a process of its own here, so the heap measured is the n8n process's.
	const child = spawn(process.execPath, [path.join(__dirname, 'fake-process.js'), '10000'], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const remoteBaseUrl = await new Promise<string>((resolve, reject) => {
		child.stdout.once('data', (chunk: Buffer) =>
			resolve((JSON.parse(chunk.toString('utf8')) as { baseUrl: string }).baseUrl),
		);
		child.once('error', reject);
	});
	const postsWorkflow = workflowWith({
		type: GENVIRAL_NODE_TYPE,
		typeVersion: 1,
		parameters: {
			resource: 'analytics',
			operation: 'getPosts',
			dateRange: 'all',
			returnAll: true,
			options: {},
		},
		credentials: { genviralApi: { id: 'c', name: 'Genviral' } },
	});
	const remoteCredentials = { genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: remoteBaseUrl } };
	// Warm-up run (module loading, JIT) before measuring.
	await runWorkflow(postsWorkflow, {
		credentials: remoteCredentials,
		pinData: { 'Manual Trigger': [{ json: {} }] },
	});
	(globalThis as { gc?: () => void }).gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	let peak = heapBefore;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	}, 5);
	const started = process.hrtime.bigint();
	const postsRun = await runWorkflow(postsWorkflow, {
		credentials: remoteCredentials,
		pinData: { 'Manual Trigger': [{ json: {} }] },
	});
	const postsMs = Number(process.hrtime.bigint() - started) / 1e6;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().heapUsed);
	child.stdin.end();
	const rows = postsRun.output('Under Test');
	const rowsJsonBytes = rows.reduce(
		(sum, item) => sum + Buffer.byteLength(JSON.stringify(item.json)),
		0,
	);
	const growth = peak - heapBefore;
	log(
		'| rows | requests | time | peak heap growth (n8n process) | rows as JSON | growth / JSON | hint |',
	);
	log('|---|---|---|---|---|---|---|');
	log(
		`| ${rows.length} | ${Math.ceil(rows.length / 100)} | ${ms(postsMs)} | ${(growth / 2 ** 20).toFixed(1)} MiB | ${(rowsJsonBytes / 2 ** 20).toFixed(1)} MiB | ${(growth / rowsJsonBytes).toFixed(1)}× | ${postsRun.run?.data.resultData.runData['Under Test'][0].hints?.length ? 'truncation warning' : 'none'} |`,
	);
	log(
		'(The fake runs in a child process; the heap is the n8n process alone. Growth over the JSON size is the price of JS objects: the API page strings, the parsed rows, and the output items n8n keeps.)',
	);

	log();
	log('## Package');
	log();
	const pack = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	) as Array<{ size: number; unpackedSize: number; entryCount: number }>;
	const requireTimes = (code: string) =>
		median(
			Array.from({ length: 7 }, () =>
				Number(
					execFileSync(process.execPath, ['-e', code], { cwd: REPO_ROOT, encoding: 'utf8' }).trim(),
				),
			),
		);
	const workflowOnly = requireTimes(
		"const t=process.hrtime.bigint();require('n8n-workflow');console.log(Number(process.hrtime.bigint()-t)/1e6)",
	);
	const withNode = requireTimes(
		"require('n8n-workflow');const t=process.hrtime.bigint();const m=require('./dist/nodes/Genviral/Genviral.node.js');new m.Genviral();console.log(Number(process.hrtime.bigint()-t)/1e6)",
	);
	const pkg = JSON.parse(
		execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
		}),
	) as {
		dependencies?: Record<string, string>;
	};
	log('| measure | value | target |');
	log('|---|---|---|');
	log(
		`| tarball size | ${(pack[0].size / 1024).toFixed(1)} KB (${pack[0].entryCount} files, ${(pack[0].unpackedSize / 1024).toFixed(1)} KB unpacked) | ≤ 200 KB |`,
	);
	log(`| runtime dependencies | ${Object.keys(pkg.dependencies ?? {}).length} | 0 |`);
	log(
		`| require the built node (n8n-workflow already loaded), median of 7 fresh processes | ${ms(withNode)} | |`,
	);
	log(`| for scale: require n8n-workflow itself | ${ms(workflowOnly)} | |`);

	log();
	log('## Against the targets');
	log();
	const worst = Math.max(...ratios.map((r) => r.ratio));
	log(
		`- A/B ≤ 1.05 sequential: not measurable as specified, because B has no sequential mode (see the note above). Measured instead with both sending concurrently (A with Batching 100, B's default): worst ratio ${worst.toFixed(3)} — ${worst <= 1.05 ? 'met' : 'missed'} on that basis. A's sequential per-item overhead over a bare fetch loop is in the "A − C per item" column.`,
	);
	log(
		`- Batching ≥ 5× B's default throughput at 20 ms: best ${bestVsB.toFixed(2)}× — ${bestVsB >= 5 ? 'met' : 'missed'}. B's default already sends every item at once, so no batching can be 5× faster than it; against the sequential default Batching replaces (A's own), the best is ${bestSpeedup.toFixed(1)}×.`,
	);
	log(
		`- Per-item overhead of the node over a bare fetch loop ≤ 0.3 ms (0 ms latency, N = ${SIZES[SIZES.length - 1]}): ${(overheadUs / 1000).toFixed(3)} ms — ${overheadUs <= 300 ? 'met' : 'missed'}.`,
	);
	log(
		`- Sequential at 20 ms latency, A / C ≤ 1.02 (N = ${QUICK ? 100 : 1000}): ${sequential.ratio.toFixed(3)}×${sequential.ratioBefore !== undefined ? ` (the version before, same run: ${sequential.ratioBefore.toFixed(3)}×)` : ''} — ${sequential.ratio <= 1.02 ? 'met' : 'missed'}. n8n's own floor for the same request, F / C: ${sequential.floorRatio.toFixed(3)}× (${sequential.floorRatio <= 1.02 ? 'within' : 'above'} 1.02 before any node code runs); the node over that floor, A / F: ${sequential.overFloor.toFixed(3)}× — ${sequential.overFloor <= 1.02 ? 'met' : 'missed'}.`,
	);
	// The first budget (60 KB) was set for 11 analytics endpoints; the package now covers all 57,
	// two nodes and a README of every operation.
	log(
		`- Tarball ≤ 200 KB (all 57 endpoints, two nodes): ${(pack[0].size / 1024).toFixed(1)} KB — ${pack[0].size <= 200 * 1024 ? 'met' : 'missed'}.`,
	);
	log(
		`- Zero runtime dependencies: ${Object.keys(pkg.dependencies ?? {}).length === 0 ? 'met' : 'missed'}.`,
	);

	log();
	log('## Other benchmarks');
	log();
	log(
		'- Upload of a 200 MB video binary, filesystem and memory binary modes: [RESULTS-upload.md](RESULTS-upload.md) (`npm run bench:upload`).',
	);
	log(
		'- Genviral Trigger, requests per poll with nothing new and time per poll with 1,000 remembered IDs: [RESULTS-trigger.md](RESULTS-trigger.md) (`npm run bench:trigger`).',
	);
	log('`npm run bench` runs all three.');

	if (!QUICK) writeFileSync(path.join(REPO_ROOT, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`);
	await fake.stop();
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
