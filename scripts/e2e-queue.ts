/**
 * `npm run test:e2e:queue`: the package in n8n's queue mode. Starts, on loopback ports only,
 * Redis and a throw-away PostgreSQL cluster (Debian's packages, installed with apt-get when
 * missing), an n8n 2.41 main with EXECUTIONS_MODE=queue and one `n8n worker`, each with its own
 * user folder and the package installed there as the README tells users. Then proves:
 *
 *  - a worker without the package fails every Genviral run ("Unrecognized node type") while the
 *    main's editor still offers the node; the same worker, restarted after the package is
 *    installed into its own user folder, runs it (packages load at start-up, per process);
 *  - production executions (webhook, schedule, polling trigger) run on the worker, with the
 *    right output (scripts/e2e-queue-scenarios.ts: one entry per workflow);
 *  - a polling trigger polls on the main; manual runs stay on the main unless
 *    OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true (the main is restarted with it);
 *  - binary data mode is `database` (filesystem mode cannot be shared between processes);
 *  - no token in any log or stored execution.
 *
 * Everything it starts is stopped by process ID (process group) within a bounded time, also on
 * failure, Ctrl-C or the overall deadline. Not part of `npm test`.
 */
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { FakeGenviral } from '../test/fake-genviral/server';
import {
	N8N_BIN,
	N8nApi,
	Processes,
	REPO_ROOT,
	Report,
	ensureN8n,
	freePort,
	installPackage,
	n8nEnv,
	packPackage,
	run,
	signIn,
	sleep,
	waitFor,
	type Started,
} from './e2e-common';
import {
	MANUAL_HANDLE,
	MANUAL_WORKFLOW,
	QUEUE_CREDENTIALS,
	QUEUE_KEYS,
	SCENARIOS,
	VIDEO_BYTES,
	type RunView,
	type Scenario,
	type ScenarioContext,
} from './e2e-queue-scenarios';

const RESULTS = path.join(REPO_ROOT, 'e2e-results', 'queue');
const DEADLINE_MS = Number(process.env.GENVIRAL_E2E_QUEUE_TIMEOUT_MS ?? 15 * 60_000);
const DB = { name: 'n8n', user: 'n8n', password: 'queue-e2e-db-password' };
const GENVIRAL_TYPE = 'n8n-nodes-genviral.genviral';

const report = new Report('queue');
const procs = new Processes();
const timings: Record<string, number> = {};
/** Every stored execution the run read, for the token check at the end. */
const storedExecutions: string[] = [];

async function timed<T>(label: string, work: () => Promise<T> | T): Promise<T> {
	const begin = Date.now();
	try {
		return await work();
	} finally {
		timings[label] = (timings[label] ?? 0) + (Date.now() - begin);
	}
}

// ---------------------------------------------------------------- services (Debian packages)

interface Services {
	redisServer: string;
	pgBin: string;
}

function findPgBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(path.join(root, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

function which(binary: string): string | undefined {
	try {
		return run('sh', ['-c', `command -v ${binary}`]).trim() || undefined;
	} catch {
		return undefined;
	}
}

/** Redis and PostgreSQL from Debian's packages; installed with apt-get when missing (as root). */
function ensureServices(): Services {
	const missing: string[] = [];
	if (!which('redis-server')) missing.push('redis-server');
	if (!findPgBin()) missing.push('postgresql');
	if (missing.length > 0) {
		if (process.getuid?.() !== 0) {
			throw new Error(
				`missing ${missing.join(', ')}: run as root, or install them first: apt-get install ${missing.join(' ')}`,
			);
		}
		report.step(`installing Debian's ${missing.join(', ')} (apt-get)`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		run('apt-get', ['update'], { env });
		run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
	}
	const redisServer = which('redis-server');
	const pgBin = findPgBin();
	if (!redisServer || !pgBin)
		throw new Error('redis-server or PostgreSQL still missing after apt-get install');
	return { redisServer, pgBin };
}

/** Root may not run PostgreSQL: its files and processes belong to the `postgres` user then. */
function pgUser(): { uid: number; gid: number } {
	if (process.getuid?.() !== 0) return { uid: process.getuid!(), gid: process.getgid!() };
	return {
		uid: Number(run('id', ['-u', 'postgres']).trim()),
		gid: Number(run('id', ['-g', 'postgres']).trim()),
	};
}

/** A throw-away cluster in a temp dir (initdb), its postmaster run by this script (not the system service). */
async function startPostgres(
	pgBin: string,
): Promise<{ port: number; version: string; dir: string }> {
	const { uid, gid } = pgUser();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'genviral-queue-pg-'));
	chownSync(dir, uid, gid);
	chmodSync(dir, 0o700);
	const pwfile = path.join(dir, 'pwfile');
	writeFileSync(pwfile, `${DB.password}\n`);
	chownSync(pwfile, uid, gid);
	const data = path.join(dir, 'data');
	run(
		path.join(pgBin, 'initdb'),
		[
			'-D',
			data,
			'-U',
			DB.user,
			`--pwfile=${pwfile}`,
			'--auth=scram-sha-256',
			'--encoding=UTF8',
			'--no-locale',
			'--no-sync',
		],
		{ uid, gid, cwd: dir },
	);
	const port = await freePort();
	const postgres = procs.start(
		'postgres',
		path.join(pgBin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		{ uid, gid, cwd: dir, logFile: path.join(RESULTS, 'postgres.log') },
	);
	const pgEnv = { ...process.env, PGPASSWORD: DB.password };
	const until = Date.now() + 30_000;
	for (;;) {
		try {
			run(path.join(pgBin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
			break;
		} catch {
			if (!postgres.alive() || Date.now() > until)
				throw new Error(`PostgreSQL did not start (see ${postgres.logFile})`);
			await sleep(300);
		}
	}
	run(
		path.join(pgBin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', DB.user, DB.name],
		{ env: pgEnv },
	);
	const version = run(path.join(pgBin, 'postgres'), ['--version']).trim();
	return { port, version, dir };
}

async function redisPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			resolve(chunk.toString().startsWith('+PONG'));
			socket.destroy();
		});
		socket.on('error', () => resolve(false));
		socket.on('timeout', () => {
			resolve(false);
			socket.destroy();
		});
	});
}

async function startRedis(redisServer: string): Promise<{ port: number; dir: string }> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'genviral-queue-redis-'));
	const port = await freePort();
	const redis = procs.start(
		'redis',
		redisServer,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--protected-mode',
			'yes',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		{ cwd: dir, logFile: path.join(RESULTS, 'redis.log') },
	);
	const until = Date.now() + 15_000;
	while (!(await redisPing(port))) {
		if (!redis.alive() || Date.now() > until)
			throw new Error(`Redis did not start (see ${redis.logFile})`);
		await sleep(200);
	}
	return { port, dir };
}

// ---------------------------------------------------------------- n8n processes

interface Infra {
	pgPort: number;
	redisPort: number;
}

/** Main and worker share the database, Redis and the encryption key; each has its own user folder. */
async function queueEnv(
	infra: Infra,
	userFolder: string,
	port: number,
	extra: NodeJS.ProcessEnv = {},
): Promise<NodeJS.ProcessEnv> {
	return {
		...n8nEnv(userFolder, port, await freePort()),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(infra.pgPort),
		DB_POSTGRESDB_DATABASE: DB.name,
		DB_POSTGRESDB_USER: DB.user,
		DB_POSTGRESDB_PASSWORD: DB.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(infra.redisPort),
		// The default in queue mode (2.41), said out loud: filesystem mode would leave a
		// worker's files on the worker's disk, out of the main's reach.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'false',
		// debug: the worker's Host ID and the main's poll lines; json: the main's "finished"
		// line carries the worker's ID.
		N8N_LOG_LEVEL: 'debug',
		N8N_LOG_FORMAT: 'json',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		...extra,
	};
}

let cliRuns = 0;

async function n8nCli(
	env: NodeJS.ProcessEnv,
	args: string[],
): Promise<{ status: string; output: string }> {
	const started = procs.start(`cli ${args[0]}`, process.execPath, [N8N_BIN, ...args], {
		env,
		logFile: path.join(RESULTS, `cli-${++cliRuns}-${args[0].replace(/[^a-z]/gi, '-')}.log`),
	});
	const timedOut = await Promise.race([
		started.exited.then(() => false),
		sleep(180_000).then(() => true),
	]);
	if (timedOut) await procs.stop(started);
	const status = await started.exited;
	await sleep(250);
	return { status, output: started.log() };
}

interface N8nProcess {
	started: Started;
	/** The main's base URL, or the worker's health server. */
	baseUrl: string;
}

async function startMain(
	env: NodeJS.ProcessEnv,
	logName: string,
	label: string,
): Promise<N8nProcess> {
	const started = procs.start('n8n main', process.execPath, [N8N_BIN, 'start'], {
		env,
		logFile: path.join(RESULTS, logName),
	});
	const baseUrl = `http://127.0.0.1:${env.N8N_PORT}`;
	await timed(
		label,
		async () => await waitFor(`${baseUrl}/healthz/readiness`, 180_000, started.alive),
	);
	return { started, baseUrl };
}

async function startWorker(
	infra: Infra,
	userFolder: string,
	logName: string,
	label: string,
): Promise<N8nProcess & { hostId: string }> {
	const healthPort = await freePort();
	const env = await queueEnv(infra, userFolder, await freePort(), {
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	});
	const started = procs.start(
		'n8n worker',
		process.execPath,
		[N8N_BIN, 'worker', '--concurrency=5'],
		{ env, logFile: path.join(RESULTS, logName) },
	);
	const baseUrl = `http://127.0.0.1:${healthPort}`;
	await timed(
		label,
		async () => await waitFor(`${baseUrl}/healthz/readiness`, 180_000, started.alive),
	);
	const hostId = /Host ID: (worker-[\w-]+)/.exec(started.log())?.[1] ?? '';
	return { started, baseUrl, hostId };
}

interface LogLine {
	level?: string;
	message: string;
	metadata?: Record<string, unknown>;
}

function logLines(text: string): LogLine[] {
	return text
		.split('\n')
		.filter((l) => l.trim() !== '')
		.map((line) => {
			try {
				const parsed = JSON.parse(line) as LogLine;
				return typeof parsed.message === 'string' ? parsed : { message: line };
			} catch {
				return { message: line };
			}
		});
}

// ---------------------------------------------------------------- checks

/** The main enqueued the execution, the worker ran it, and the main recorded the worker's ID. */
function checkRanOnWorker(
	label: string,
	executionId: string,
	main: Started,
	worker: { started: Started; hostId: string },
): void {
	const mainLines = logLines(main.log());
	const workerLines = logLines(worker.started.log());
	const enqueued = mainLines.some((l) =>
		l.message.startsWith(`Enqueued execution ${executionId} `),
	);
	const startedOnWorker = workerLines.some((l) =>
		l.message.startsWith(`Worker started execution ${executionId} `),
	);
	// "Execution 7 (job 7) finished", or "... failed" when the worker could not run it at all.
	const finished = mainLines.find(
		(l) =>
			l.message.startsWith(`Execution ${executionId} (job `) &&
			/ (finished|failed)/.test(l.message),
	);
	const workerId = finished?.metadata?.workerId;
	report.check(
		`${label}: enqueued by the main, run on the worker (execution ${executionId})`,
		enqueued && startedOnWorker && workerId === worker.hostId && worker.hostId !== '',
		`enqueued ${enqueued}, worker log ${startedOnWorker}, the main's record names ${String(workerId)}, the worker is ${worker.hostId}`,
	);
}

function checkRanOnMain(label: string, executionId: string, main: Started, worker: Started): void {
	const enqueued = logLines(main.log()).some((l) =>
		l.message.startsWith(`Enqueued execution ${executionId} `),
	);
	const onWorker = logLines(worker.log()).some((l) =>
		l.message.startsWith(`Worker started execution ${executionId} `),
	);
	report.check(
		`${label}: not enqueued, run by the main itself (execution ${executionId})`,
		!enqueued && !onWorker,
		`enqueued ${enqueued}, worker log ${onWorker}`,
	);
}

// ---------------------------------------------------------------- the run

async function main(): Promise<void> {
	const begin = Date.now();
	rmSync(RESULTS, { recursive: true, force: true });
	mkdirSync(RESULTS, { recursive: true });
	const tempDirs: string[] = [];
	let fake: FakeGenviral | undefined;
	try {
		report.step('n8n from the cache (or the npm registry), Redis and PostgreSQL from Debian');
		await timed(
			'installs (n8n cache, apt-get)',
			async () => await ensureN8n((m) => report.note(m), { sqlite: false }),
		);
		const services = await timed('installs (n8n cache, apt-get)', () => ensureServices());
		const tarball = await timed('npm pack + installs into user folders', () => packPackage());
		tempDirs.push(path.dirname(tarball));

		const work = mkdtempSync(path.join(os.tmpdir(), 'genviral-queue-'));
		tempDirs.push(work);
		const mainFolder = path.join(work, 'main');
		const workerFolder = path.join(work, 'worker');
		mkdirSync(workerFolder, { recursive: true });
		await timed('npm pack + installs into user folders', () => installPackage(mainFolder, tarball));

		report.step('starting PostgreSQL and Redis on loopback');
		const pg = await timed('start PostgreSQL', async () => await startPostgres(services.pgBin));
		tempDirs.push(pg.dir);
		const redis = await timed('start Redis', async () => await startRedis(services.redisServer));
		tempDirs.push(redis.dir);
		report.check(
			'PostgreSQL (throw-away cluster) and Redis answer on 127.0.0.1',
			true,
			`${pg.version} on :${pg.port}, Redis on :${redis.port}`,
		);
		const infra: Infra = { pgPort: pg.port, redisPort: redis.port };

		fake = await new FakeGenviral(QUEUE_KEYS).start();
		const ctx: ScenarioContext = {
			fake,
			videoUrl: fake!.storage.putMedia('queue-clip.mp4', 'video/mp4', Buffer.alloc(VIDEO_BYTES, 3)),
		};
		report.note(`fake Genviral API at ${fake.baseUrl} (in this process)`);

		report.step(
			'importing the credential and the workflows with the n8n CLI (migrates the database first)',
		);
		const mainPort = await freePort();
		const mainEnv = await queueEnv(infra, mainFolder, mainPort);
		const importDir = path.join(work, 'import');
		mkdirSync(importDir);
		writeFileSync(
			path.join(work, 'credentials.json'),
			JSON.stringify(
				QUEUE_CREDENTIALS.map(({ id, token }) => ({
					id,
					name: id,
					type: 'genviralApi',
					data: { apiToken: token, baseUrl: fake!.baseUrl },
				})),
			),
		);
		const workflows = [...SCENARIOS.map((s) => s.workflow(ctx)), MANUAL_WORKFLOW];
		for (const workflow of workflows)
			writeFileSync(path.join(importDir, `${workflow.id}.json`), JSON.stringify(workflow));
		const credentials = await timed(
			'CLI imports',
			async () =>
				await n8nCli(mainEnv, [
					'import:credentials',
					`--input=${path.join(work, 'credentials.json')}`,
				]),
		);
		report.check(
			`${QUEUE_CREDENTIALS.length} credentials imported (CLI, PostgreSQL)`,
			credentials.status === '0',
			credentials.status === '0' ? '' : credentials.output.slice(-600),
		);
		const imported = await timed(
			'CLI imports',
			async () => await n8nCli(mainEnv, ['import:workflow', '--separate', `--input=${importDir}`]),
		);
		report.check(
			`${workflows.length} workflows imported`,
			imported.status === '0',
			imported.status === '0' ? '' : imported.output.slice(-600),
		);

		// ---- phase 1: a worker whose user folder has no package
		report.step('phase 1: main (package installed) + worker WITHOUT the package');
		let mainProc = await startMain(mainEnv, 'main-1.log', 'start main (until ready)');
		let worker = await startWorker(
			infra,
			workerFolder,
			'worker-1-without-package.log',
			'start worker without the package',
		);
		report.check(
			'main and worker are up in queue mode',
			worker.hostId !== '',
			`worker ${worker.hostId}`,
		);
		let session = await signIn(mainProc.baseUrl);
		report.check(
			'signed in to the main',
			session.cookie !== '',
			`owner setup HTTP ${session.status}`,
		);
		let api = new N8nApi(mainProc.baseUrl, session.cookie, (raw) => storedExecutions.push(raw));

		const settings = (await (
			await fetch(`${mainProc.baseUrl}/rest/settings`, { headers: { cookie: session.cookie } })
		).json()) as {
			data?: { executionMode?: string; binaryDataMode?: string };
		};
		report.check(
			"the main runs in queue mode with binary data in the database (queue mode's default in 2.41)",
			settings.data?.executionMode === 'queue' && settings.data?.binaryDataMode === 'database',
			`executionMode ${settings.data?.executionMode}, binaryDataMode ${settings.data?.binaryDataMode}`,
		);
		const types = (await fetch(`${mainProc.baseUrl}/types/nodes.json`, {
			headers: { cookie: session.cookie },
		})
			.then(async (r) => (await r.json()) as unknown)
			.catch(() => [])) as Array<{ name?: string }>;
		report.check(
			"the main's editor offers the Genviral node (the main has the package)",
			Array.isArray(types) && types.some((t) => t.name === GENVIRAL_TYPE),
			Array.isArray(types) ? `${types.length} node types` : 'no list',
		);

		const webhook = SCENARIOS.find((s) => s.start.kind === 'webhook')!;
		const webhookWorkflow = webhook.workflow(ctx);
		const activated = await api.activate(webhookWorkflow.id);
		report.check(
			`"${webhookWorkflow.name}" activated through the REST API`,
			activated.ok,
			activated.detail,
		);
		const seen = new Set<string>();
		const requestsBefore = fake.requests.length;
		const failing = await postWebhook(mainProc.baseUrl, webhook);
		const failed = await api.nextFinished(webhookWorkflow.id, seen, 60_000);
		if (failed) seen.add(failed.id);
		report.check(
			'on a worker without the package, the Genviral run fails: "Unrecognized node type"',
			failed?.status === 'error' &&
				/Unrecognized node type/i.test(failed.error ?? '') &&
				(failed.error ?? '').includes(GENVIRAL_TYPE),
			`${failed?.status}: ${failed?.error}; webhook HTTP ${failing.status} ${JSON.stringify(failing.body).slice(0, 120)}`,
		);
		report.check(
			'no request reached the Genviral API from that run',
			fake.requests.length === requestsBefore,
			`${fake.requests.length - requestsBefore} requests`,
		);
		if (failed) checkRanOnWorker('the failed run', failed.id, mainProc.started, worker);

		// Packages load when a process starts: installing into a running worker's folder changes nothing.
		report.step("installing the package into the running worker's user folder");
		await timed('npm pack + installs into user folders', () =>
			installPackage(workerFolder, tarball),
		);
		const stillFailing = await postWebhook(mainProc.baseUrl, webhook);
		const failedAgain = await api.nextFinished(webhookWorkflow.id, seen, 60_000);
		if (failedAgain) seen.add(failedAgain.id);
		report.check(
			'installed while the worker runs: still "Unrecognized node type" (packages load at start-up)',
			failedAgain?.status === 'error' && /Unrecognized node type/i.test(failedAgain.error ?? ''),
			`${failedAgain?.status}: ${failedAgain?.error}; webhook HTTP ${stillFailing.status}`,
		);

		// ---- phase 2: the same worker, restarted with the package in its folder
		report.step('phase 2: restart the worker (same user folder, now with the package)');
		timings['stop worker (phase 1)'] = await procs.stop(worker.started);
		report.check(
			'the worker stopped on SIGTERM',
			!worker.started.alive(),
			`${timings['stop worker (phase 1)']} ms`,
		);
		worker = await startWorker(
			infra,
			workerFolder,
			'worker-2-with-package.log',
			'start worker with the package',
		);
		report.check('the worker is back up', worker.hostId !== '', `worker ${worker.hostId}`);

		for (const scenario of SCENARIOS) scenario.prepare?.(ctx);
		const responses = new Map<string, { status: number; body: unknown }>();
		for (const scenario of SCENARIOS) {
			const workflow = scenario.workflow(ctx);
			if (scenario.start.kind === 'webhook') {
				if (scenario !== webhook) {
					const result = await api.activate(workflow.id);
					report.check(`"${workflow.name}" activated`, result.ok, result.detail);
				}
				responses.set(scenario.key, await postWebhook(mainProc.baseUrl, scenario));
			} else {
				const result = await api.activate(workflow.id);
				report.check(`"${workflow.name}" activated`, result.ok, result.detail);
			}
		}
		for (const scenario of SCENARIOS) {
			for (const [name, ok, detail] of (await scenario.activated?.(ctx)) ?? [])
				report.check(`${scenario.key}: ${name}`, ok, detail);
		}
		for (const scenario of SCENARIOS) {
			const workflow = scenario.workflow(ctx);
			// A polling trigger polls once a minute at the least (n8n refuses shorter intervals).
			const waitMs = scenario.start.kind === 'poll' ? 150_000 : 90_000;
			const runView = await timed(
				`wait for the ${scenario.key} execution`,
				async () => await api.nextFinished(workflow.id, seen, waitMs),
			);
			if (!runView) {
				report.check(
					`${scenario.key}: a production execution finished within ${waitMs / 1000} s`,
					false,
				);
				continue;
			}
			seen.add(runView.id);
			report.check(
				`${scenario.key}: production execution succeeded, mode "${scenario.mode}"`,
				runView.status === 'success' && runView.mode === scenario.mode,
				`${runView.status}, ${runView.mode}${runView.error ? `: ${runView.error}` : ''}`,
			);
			checkRanOnWorker(scenario.key, runView.id, mainProc.started, worker);
			for (const [name, ok, detail] of scenario.expect(runView, ctx, responses.get(scenario.key)))
				report.check(`${scenario.key}: ${name}`, ok, detail);
			if (scenario.start.kind === 'poll') {
				const polledOnMain = logLines(mainProc.started.log()).some(
					(l) =>
						l.message.startsWith('Poll trigger initiated') &&
						l.metadata?.workflowId === workflow.id,
				);
				const polledOnWorker = logLines(worker.started.log()).some((l) =>
					l.message.startsWith('Poll trigger initiated'),
				);
				report.check(
					`${scenario.key}: the main polls (n8n's "Poll trigger initiated" in the main's log, not the worker's)`,
					polledOnMain && !polledOnWorker,
					`main ${polledOnMain}, worker ${polledOnWorker}`,
				);
			}
		}
		// Workflows with a second act stay active through the restart of the main (phase 3).
		for (const scenario of SCENARIOS) {
			if (scenario.start.kind !== 'webhook' && !scenario.again)
				await api.deactivate(scenario.workflow(ctx).id);
		}

		report.step('manual run ("Execute workflow" in the editor) with the default settings');
		const manual1 = await runManually(api, seen);
		if (manual1) {
			report.check(
				'manual run succeeded',
				manual1.status === 'success' && manual1.mode === 'manual',
				`${manual1.status}, ${manual1.mode}`,
			);
			const created = manual1.output['Create Target']?.[0];
			report.check(
				'manual run: the target is created',
				created?.identifier === MANUAL_HANDLE && created.created === true,
				JSON.stringify(created),
			);
			checkRanOnMain('manual run', manual1.id, mainProc.started, worker.started);
		} else report.check('manual run finished within 60 s', false);

		// ---- phase 3: the main again, now offloading manual runs
		report.step('phase 3: restart the main with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true');
		timings['stop main (phase 2)'] = await procs.stop(mainProc.started);
		report.check(
			'the main stopped on SIGTERM',
			!mainProc.started.alive(),
			`${timings['stop main (phase 2)']} ms`,
		);
		for (const scenario of SCENARIOS) scenario.again?.before(ctx);
		mainProc = await startMain(
			{
				...mainEnv,
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			},
			'main-2-offload.log',
			'restart main with offloading',
		);
		session = await signIn(mainProc.baseUrl);
		api = new N8nApi(mainProc.baseUrl, session.cookie, (raw) => storedExecutions.push(raw));
		const manual2 = await runManually(api, seen);
		if (manual2) {
			const created = manual2.output['Create Target']?.[0];
			report.check(
				'offloaded manual run succeeded: the same target, created: false',
				manual2.status === 'success' &&
					manual2.mode === 'manual' &&
					created?.identifier === MANUAL_HANDLE &&
					created.created === false,
				`${manual2.status}, ${JSON.stringify(created)}`,
			);
			checkRanOnWorker('offloaded manual run', manual2.id, mainProc.started, worker);
		} else report.check('offloaded manual run finished within 60 s', false);

		for (const scenario of SCENARIOS.filter((s) => s.again)) {
			const workflow = scenario.workflow(ctx);
			report.step(`${scenario.key}: still active after the restart; its next execution`);
			const runView = await timed(
				`wait for the ${scenario.key} execution after the restart`,
				async () => await api.nextFinished(workflow.id, seen, 150_000),
			);
			if (!runView) {
				report.check(`${scenario.key}: an execution after the restart within 150 s`, false);
				continue;
			}
			seen.add(runView.id);
			report.check(
				`${scenario.key}: after the restart, a production execution succeeded`,
				runView.status === 'success' && runView.mode === scenario.mode,
				`${runView.status}, ${runView.mode}${runView.error ? `: ${runView.error}` : ''}`,
			);
			checkRanOnWorker(`${scenario.key} (after the restart)`, runView.id, mainProc.started, worker);
			for (const [name, ok, detail] of scenario.again!.expect(runView, ctx))
				report.check(`${scenario.key}: ${name}`, ok, detail);
			const stored = await api.call('GET', `/workflows/${workflow.id}`);
			const staticData = JSON.stringify(stored.data?.staticData ?? null);
			const triggerName = String(workflow.nodes[0].name);
			report.check(
				`${scenario.key}: the workflow's static data in the database holds the trigger's cursor (node "${triggerName}")`,
				staticData.includes(`node:${triggerName}`),
				`${staticData.length} characters`,
			);
			await api.deactivate(workflow.id);
		}

		// ---- secrets
		report.step(
			'the tokens: only in the Authorization header, never in a log or a stored execution',
		);
		const secrets = QUEUE_CREDENTIALS.map(({ token }) => token.split('.')[1]);
		const leaks = readdirSync(RESULTS)
			.filter((f) => f.endsWith('.log'))
			.filter((f) => {
				const text = readFileSync(path.join(RESULTS, f), 'utf8');
				return secrets.some((secret) => text.includes(secret));
			});
		report.check(
			'no token in the main, worker, CLI, PostgreSQL or Redis logs (debug level)',
			leaks.length === 0,
			leaks.join(', '),
		);
		const storedLeak = storedExecutions.some((raw) =>
			secrets.some((secret) => raw.includes(secret)),
		);
		report.check(
			`no token in the ${storedExecutions.length} stored executions read back`,
			!storedLeak && storedExecutions.length > 0,
		);
		const apiRequests = fake.requests;
		report.check(
			"every request the worker and main made carried its credential's token as a Bearer header",
			apiRequests.length > 0 &&
				apiRequests.every((r) =>
					QUEUE_CREDENTIALS.some(({ token }) => r.headers.authorization === `Bearer ${token}`),
				),
			`${apiRequests.length} requests`,
		);
	} finally {
		report.step('stopping everything this run started (by process ID)');
		const stopBegin = Date.now();
		await procs.stopAll();
		timings['stop all'] = Date.now() - stopBegin;
		await fake?.stop();
		if (process.env.GENVIRAL_E2E_KEEP !== '1')
			for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
		timings.total = Date.now() - begin;
	}
	report.check(
		'every process it started has exited',
		procs.allExited(),
		`stopped in ${timings['stop all']} ms`,
	);
	writeFileSync(path.join(RESULTS, 'timings.json'), JSON.stringify(timings, null, 2));
	report.note(
		`timings (s): ${Object.entries(timings)
			.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
			.join('; ')}`,
	);
}

/**
 * POSTs the scenario's body to its production webhook. n8n 2.41 applies an activation
 * asynchronously (its workflow publication outbox), so the webhook can answer 404 "not
 * registered" for a moment after the activate call returned: retried for up to 30 s (a 404
 * starts no execution).
 */
async function postWebhook(
	baseUrl: string,
	scenario: Scenario,
): Promise<{ status: number; body: unknown; notRegisteredFor: number }> {
	if (scenario.start.kind !== 'webhook')
		throw new Error(`${scenario.key} is not started by a webhook`);
	const begin = Date.now();
	for (;;) {
		const response = await post(
			`${baseUrl}/webhook/${scenario.start.path}`,
			JSON.stringify(scenario.start.body),
			120_000,
		);
		// Mid-registration the main may also say "not registered for POST requests".
		if (
			response.status === 404 &&
			response.text.includes('not registered') &&
			Date.now() - begin < 30_000
		) {
			await sleep(250);
			continue;
		}
		let body: unknown = response.text;
		try {
			body = JSON.parse(response.text);
		} catch {
			// not JSON
		}
		return { status: response.status, body, notRegisteredFor: Date.now() - begin };
	}
}

/**
 * A JSON POST on a connection of its own: a webhook call must never go out on a kept-alive
 * socket the server is closing (fetch does not resend a POST, and must not: it starts a run).
 */
async function post(
	url: string,
	body: string,
	timeoutMs: number,
): Promise<{ status: number; text: string }> {
	return await new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{
				method: 'POST',
				agent: false,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
				timeout: timeoutMs,
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
				);
				response.on('error', reject);
			},
		);
		request.on('timeout', () =>
			request.destroy(new Error(`no answer from ${url} within ${timeoutMs / 1000} s`)),
		);
		request.on('error', reject);
		request.end(body);
	});
}

async function runManually(api: N8nApi, seen: Set<string>): Promise<RunView | undefined> {
	const started = await api.call('POST', `/workflows/${MANUAL_WORKFLOW.id}/run`, {
		triggerToStartFrom: { name: 'Start' },
	});
	const executionId = started.data?.executionId as string | undefined;
	report.check(
		'the REST API starts a manual run',
		started.status === 200 && executionId !== undefined,
		`HTTP ${started.status} ${JSON.stringify(started.data).slice(0, 200)}`,
	);
	const result = await api.nextFinished(MANUAL_WORKFLOW.id, seen, 60_000);
	if (result) seen.add(result.id);
	return result;
}

function bail(code: number, why: string): void {
	process.stderr.write(`[queue] ${why}: stopping what this run started\n`);
	void procs.stopAll(5000).finally(() => {
		report.finish(RESULTS);
		process.exit(code);
	});
}

const deadline = setTimeout(() => bail(2, `giving up after ${DEADLINE_MS / 1000} s`), DEADLINE_MS);
process.on('SIGINT', () => bail(130, 'interrupted'));
process.on('SIGTERM', () => bail(143, 'terminated'));
process.on('exit', () => procs.killAllNow());

main()
	.catch((error: unknown) => {
		const cause = (error as Error).cause;
		report.check(
			'the run completed',
			false,
			`${(error as Error).stack ?? String(error)}${cause ? `\ncause: ${String((cause as Error).stack ?? cause)}` : ''}`,
		);
	})
	.finally(() => {
		clearTimeout(deadline);
		if (!report.finish(RESULTS)) process.exitCode = 1;
		process.stdout.write(`logs in ${RESULTS}\n`);
	});
