/**
 * What the end-to-end scripts share: the cached n8n install, packing this package and
 * installing its tarball the way users do, n8n's environment, processes started and stopped by
 * process ID within a bounded time, and the PASS/FAIL report with its closing line.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from '../test/harness/engine';

/**
 * The n8n versions docs/compatibility.md claims, proven by `npm run test:e2e` with
 * GENVIRAL_E2E_N8N_VERSION set to each: the newest 2.x that installs from the registry this
 * project's machines use (2.41.3 does not: one of its dependency versions is missing) and the
 * oldest that does (before 2.32.0, n8n-nodes-base fetches xlsx from cdn.sheetjs.com instead of a
 * registry; 2.32.0, 2.34.0 and 2.38.0 name @n8n/agents versions that registry lacks; 2.36.0
 * installs). See docs/compatibility.md.
 */
export const CLAIMED_N8N_VERSIONS = { newest: '2.41.1', oldest: '2.36.0' } as const;
export const N8N_VERSION = process.env.GENVIRAL_E2E_N8N_VERSION ?? CLAIMED_N8N_VERSIONS.newest;
export const CACHE =
	process.env.GENVIRAL_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-genviral-e2e');
export const N8N_DIR = path.join(CACHE, `n8n-${N8N_VERSION}`);
export const N8N_BIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
export const ENCRYPTION_KEY = 'e2e-only-encryption-key-0123456789';
export const OWNER = {
	email: 'e2e@example.org',
	firstName: 'E2E',
	lastName: 'Runner',
	password: 'E2e-password-1234',
};
export { REPO_ROOT };

/** PASS/FAIL lines as they happen, then `<label>: N passed, N failed` and checks.json. */
export class Report {
	readonly checks: Array<{ name: string; ok: boolean; detail: string }> = [];

	constructor(private readonly label: string) {}

	step(message: string): void {
		process.stdout.write(`\n[${this.label}] ${message}\n`);
	}

	note(message: string): void {
		process.stdout.write(`[${this.label}] ${message}\n`);
	}

	check(name: string, ok: boolean, detail = ''): boolean {
		this.checks.push({ name, ok, detail });
		process.stdout.write(
			`[${this.label}] ${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}\n`,
		);
		return ok;
	}

	/** Writes checks.json, prints the closing line; returns whether everything passed. */
	finish(resultsDir: string): boolean {
		const failed = this.checks.filter((c) => !c.ok);
		writeFileSync(path.join(resultsDir, 'checks.json'), JSON.stringify(this.checks, null, 2));
		process.stdout.write(
			`\n${this.label}: ${this.checks.length - failed.length} passed, ${failed.length} failed\n`,
		);
		return failed.length === 0 && this.checks.length > 0;
	}
}

export function run(
	command: string,
	args: string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {},
): string {
	return execFileSync(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		uid: options.uid,
		gid: options.gid,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024,
	});
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

export async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One install at a time into the cache: a second script (or a second engineer's run) waits for
 * the first instead of installing into the same folder at once. A lock older than 20 minutes is
 * left over from a killed run and is taken over.
 */
async function withCacheLock<T>(log: (message: string) => void, work: () => T): Promise<T> {
	mkdirSync(CACHE, { recursive: true });
	const lock = path.join(CACHE, `.install-${N8N_VERSION}.lock`);
	const until = Date.now() + 20 * 60_000;
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
			if (age > 20 * 60_000 || Date.now() > until) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			log(`another run is installing n8n into ${CACHE}; waiting`);
			await sleep(5000);
		}
	}
	try {
		return work();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * n8n from the npm registry into the cache, once (`--ignore-scripts`: see the README). With
 * `sqlite`, its sqlite3 module is built for this Node (node-gyp); PostgreSQL setups skip that.
 */
export async function ensureN8n(
	log: (message: string) => void,
	{ sqlite }: { sqlite: boolean },
): Promise<void> {
	if (!/^\d+\.\d+\.\d+$/.test(N8N_VERSION)) {
		throw new Error(
			`GENVIRAL_E2E_N8N_VERSION must be one exact n8n version (e.g. ${CLAIMED_N8N_VERSIONS.oldest}), not "${N8N_VERSION}"`,
		);
	}
	await withCacheLock(log, () => {
		if (!existsSync(path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json'))) {
			log(`installing n8n@${N8N_VERSION} into ${N8N_DIR} (first run only, a few minutes)`);
			mkdirSync(N8N_DIR, { recursive: true });
			writeFileSync(
				path.join(N8N_DIR, 'package.json'),
				JSON.stringify({ name: 'n8n-e2e-cache', private: true }),
			);
			run('npm', ['install', `n8n@${N8N_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund'], {
				cwd: N8N_DIR,
			});
		}
		const installed = installedN8nVersion();
		if (installed !== N8N_VERSION) {
			throw new Error(
				`${N8N_DIR} holds n8n ${installed ?? '(none: the install did not finish)'}, not the claimed ${N8N_VERSION}: delete that folder and run again`,
			);
		}
		const sqlite3 = path.join(N8N_DIR, 'node_modules', 'sqlite3');
		if (sqlite && !existsSync(path.join(sqlite3, 'build', 'Release', 'node_sqlite3.node'))) {
			log('building sqlite3 for this Node (node-gyp, about a minute)');
			const gyp = path.join(N8N_DIR, 'node_modules', '.bin', 'node-gyp');
			const nodedir = process.env.npm_config_nodedir;
			run(
				gyp,
				[
					'rebuild',
					'--release',
					'-j',
					String(os.cpus().length),
					...(nodedir ? [`--nodedir=${nodedir}`] : []),
				],
				{ cwd: sqlite3 },
			);
		}
	});
}

/** The version of the n8n package in the cache folder (undefined when there is none). */
export function installedN8nVersion(): string | undefined {
	const file = path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json');
	return existsSync(file)
		? String((JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version)
		: undefined;
}

/** The version of a package as n8n's install resolved it (e.g. the n8n-workflow its nodes load). */
export function n8nDependencyVersion(name: string): string | undefined {
	try {
		const file = createRequire(path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json')).resolve(
			`${name}/package.json`,
		);
		return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
	} catch {
		return undefined;
	}
}

/**
 * Whether `version` is in a peerDependencies range written as space-separated `>=x.y.z` /
 * `<x.y.z` / exact bounds (the forms package.json uses; `*` accepts everything).
 */
export function inRange(version: string, range: string): boolean {
	const parse = (v: string) => v.split('.').map(Number);
	const compare = (a: string, b: string) => {
		const [x, y] = [parse(a), parse(b)];
		for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
		return 0;
	};
	return range
		.trim()
		.split(/\s+/)
		.every((bound) => {
			const match = /^(>=|<=|>|<|=)?(\d+\.\d+\.\d+|\*)$/.exec(bound);
			if (!match)
				throw new Error(
					`peerDependencies range "${range}": "${bound}" is not a bound this check reads`,
				);
			if (match[2] === '*') return true;
			const c = compare(version, match[2]);
			return (
				{ '>=': c >= 0, '<=': c <= 0, '>': c > 0, '<': c < 0, '=': c === 0, '': c === 0 }[
					match[1] ?? ''
				] ?? false
			);
		});
}

/** `npm pack` of this package (built beforehand by the npm script) into a temporary folder. */
export function packPackage(): string {
	const packDir = mkdtempSync(path.join(os.tmpdir(), 'genviral-pack-'));
	run('npm', ['pack', '--pack-destination', packDir, '--ignore-scripts'], { cwd: REPO_ROOT });
	return path.join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz')) ?? '');
}

/**
 * The tarball into `<user folder>/.n8n/nodes`, as the README tells users and as n8n's
 * community-package installer lays it out (n8n loads `nodes/node_modules/*` at start-up).
 */
export function installPackage(userFolder: string, tarball: string): void {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }),
	);
	run(
		'npm',
		[
			'install',
			tarball,
			'--omit=peer',
			'--omit=dev',
			'--ignore-scripts',
			'--install-strategy=shallow',
			'--no-audit',
			'--no-fund',
			'--package-lock=false',
		],
		{ cwd: nodesDir },
	);
}

/**
 * n8n on loopback with telemetry, templates and version checks off. The task runner broker
 * (n8n 2.x starts one in every main and worker, 5679 by default) gets its own port, so that two
 * n8n processes on one machine do not collide.
 */
export function n8nEnv(
	userFolder: string,
	port: number,
	runnerBrokerPort: number,
): NodeJS.ProcessEnv {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_BROKER_PORT: String(runnerBrokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		DB_SQLITE_POOL_SIZE: '2',
		NODE_OPTIONS: '--max-old-space-size=4096',
	};
}

/** Polls `url` until it answers 2xx; gives up early when `alive()` says the server died. */
export async function waitFor(
	url: string,
	timeoutMs: number,
	alive: () => boolean = () => true,
): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (!alive()) throw new Error(`the process serving ${url} exited before it came up`);
		try {
			const response = await fetch(url);
			if (response.ok) return;
		} catch {
			// not up yet
		}
		await sleep(500);
	}
	throw new Error(`${url} did not come up within ${timeoutMs / 1000} s`);
}

/** Sets up the owner account (first start) or signs in; the session cookie. */
export async function signIn(baseUrl: string): Promise<{ cookie: string; status: number }> {
	const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	let cookie = setup.headers.get('set-cookie') ?? '';
	if (!setup.ok || !cookie) {
		const login = await fetch(`${baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		cookie = login.headers.get('set-cookie') ?? '';
	}
	return { cookie: cookie.split(';')[0], status: setup.status };
}

/** A process this script started: its own process group, its output in a log file. */
export interface Started {
	name: string;
	child: ChildProcess;
	logFile: string;
	/** Resolves with the exit code (or signal) when the process has exited. */
	exited: Promise<string>;
	alive(): boolean;
	/** What it has written so far. */
	log(): string;
}

/**
 * Starts and stops processes by process ID. Each runs in its own process group (n8n starts
 * task runners; PostgreSQL starts backends), so stopping kills the group; nothing is killed by
 * name.
 */
export class Processes {
	private readonly list: Started[] = [];

	start(
		name: string,
		command: string,
		args: string[],
		options: { env?: NodeJS.ProcessEnv; cwd?: string; uid?: number; gid?: number; logFile: string },
	): Started {
		const child = spawn(command, args, {
			env: options.env ?? process.env,
			cwd: options.cwd,
			uid: options.uid,
			gid: options.gid,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		const out = createWriteStream(options.logFile);
		child.stdout?.pipe(out, { end: false });
		child.stderr?.pipe(out, { end: false });
		const exited = new Promise<string>((resolve) => {
			child.on('error', (error) => resolve(`spawn error: ${error.message}`));
			child.on('exit', (code, signal) => resolve(signal ?? String(code)));
		});
		let done = false;
		void exited.then(() => {
			done = true;
			// Let the pipes drain, then close the log.
			setTimeout(() => out.end(), 200);
		});
		const started: Started = {
			name,
			child,
			logFile: options.logFile,
			exited,
			alive: () => !done,
			log: () => (existsSync(options.logFile) ? readFileSync(options.logFile, 'utf8') : ''),
		};
		this.list.push(started);
		return started;
	}

	/**
	 * `signal` to the process, then SIGKILL to its group after `graceMs`; resolves once it has
	 * exited (at most graceMs + 5 s). Returns how long it took.
	 */
	async stop(
		started: Started,
		signal: NodeJS.Signals = 'SIGTERM',
		graceMs = 15_000,
	): Promise<number> {
		const begin = Date.now();
		const pid = started.child.pid;
		if (pid === undefined || !started.alive()) return 0;
		try {
			process.kill(pid, signal);
		} catch {
			// already gone
		}
		const timedOut = await Promise.race([
			started.exited.then(() => false),
			sleep(graceMs).then(() => true),
		]);
		if (timedOut) {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				// already gone
			}
			await Promise.race([started.exited, sleep(5000)]);
		}
		// Children left in its group (a task runner, a backend) go with it.
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// none left
		}
		return Date.now() - begin;
	}

	/** Stops everything still running, newest first (n8n before the services it uses). */
	async stopAll(graceMs = 15_000): Promise<void> {
		for (const started of [...this.list].reverse()) {
			if (started.alive())
				await this.stop(
					started,
					started.name.startsWith('postgres') ? 'SIGINT' : 'SIGTERM',
					graceMs,
				);
		}
	}

	allExited(): boolean {
		return this.list.every((started) => !started.alive());
	}

	/**
	 * Last resort on exit: SIGKILL to every group still running (or another signal, e.g. SIGINT
	 * to a process that stops what it started itself).
	 */
	killAllNow(signal: NodeJS.Signals = 'SIGKILL'): void {
		for (const started of this.list) {
			if (started.child.pid !== undefined && started.alive()) {
				try {
					process.kill(-started.child.pid, signal);
				} catch {
					// already gone
				}
			}
		}
	}
}

// ---------------------------------------------------------------- workflows and n8n's REST API

/** A workflow as n8n exports it (what `n8n import:workflow` reads). */
export interface N8nWorkflow {
	id: string;
	name: string;
	active: boolean;
	settings: Record<string, unknown>;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	pinData?: Record<string, unknown>;
}

/** A Genviral node using the credential `credentialId`. */
export function genviralNode(
	credentialId: string,
	name: string,
	position: [number, number],
	parameters: Record<string, unknown>,
	settings: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		id: `genviral-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		name,
		type: 'n8n-nodes-genviral.genviral',
		typeVersion: 1,
		position,
		parameters,
		credentials: { genviralApi: { id: credentialId, name: credentialId } },
		...settings,
	};
}

/** Nodes in a line, each connected to the next. */
export function chain(
	id: string,
	name: string,
	nodes: Array<Record<string, unknown>>,
): N8nWorkflow {
	return graph(
		id,
		name,
		nodes,
		nodes.slice(1).map((node, i) => [String(nodes[i].name), String(node.name)]),
	);
}

/** Nodes and [from, to] main connections (a node may feed several). */
export function graph(
	id: string,
	name: string,
	nodes: Array<Record<string, unknown>>,
	edges: Array<[string, string]>,
): N8nWorkflow {
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	> = {};
	for (const [from, to] of edges) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	}
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** What checks read from one finished execution: run data by node name. */
export interface RunView {
	id: string;
	mode: string;
	status: string;
	/** The items each node put out on its first run, main output 0. */
	output: Record<string, Array<Record<string, unknown>>>;
	/** The binary data of those items (n8n's references: id, fileName, mimeType, fileSize). */
	binary: Record<string, Array<Record<string, Record<string, unknown>>>>;
	/** Node name → its error message, for nodes that failed. */
	nodeErrors: Record<string, string>;
	/** The execution's error message, if it failed. */
	error: string | undefined;
}

/** n8n stores run data as `flatted` JSON; its own copy of flatted reads it. */
export function parseRunData(raw: string): any {
	const flatted = createRequire(path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json'))(
		'flatted',
	) as { parse: (s: string) => unknown };
	try {
		return flatted.parse(raw);
	} catch {
		try {
			return JSON.parse(raw);
		} catch {
			return undefined;
		}
	}
}

const UNFINISHED = ['new', 'running', 'waiting', 'unknown'];

/** n8n's REST API as the editor calls it, signed in with the owner's session cookie. */
export class N8nApi {
	constructor(
		readonly baseUrl: string,
		private readonly cookie: string,
		/** Sees every stored execution read (e.g. to look for a token in it). */
		private readonly onExecution: (raw: string) => void = () => undefined,
	) {}

	async call(
		method: string,
		route: string,
		body?: unknown,
	): Promise<{ status: number; data: any }> {
		const response = await fetch(`${this.baseUrl}/rest${route}`, {
			method,
			headers: {
				cookie: this.cookie,
				'content-type': 'application/json',
				'browser-id': 'genviral-e2e',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed: any = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON
		}
		return { status: response.status, data: parsed?.data ?? parsed };
	}

	/** What the editor's "Publish"/"Activate" does. */
	async activate(workflowId: string): Promise<{ ok: boolean; detail: string }> {
		const workflow = await this.call('GET', `/workflows/${workflowId}`);
		const activated = await this.call('POST', `/workflows/${workflowId}/activate`, {
			versionId: workflow.data?.versionId,
		});
		return {
			ok: activated.status === 200,
			detail:
				activated.status === 200
					? ''
					: `HTTP ${activated.status} ${JSON.stringify(activated.data).slice(0, 300)}`,
		};
	}

	async deactivate(workflowId: string): Promise<boolean> {
		return (await this.call('POST', `/workflows/${workflowId}/deactivate`, {})).status === 200;
	}

	async executionsOf(
		workflowId: string,
	): Promise<Array<{ id: string; status: string; mode: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await this.call('GET', `/executions?filter=${filter}&limit=50`);
		return (list.data?.results ?? []) as Array<{ id: string; status: string; mode: string }>;
	}

	/** The first finished execution of a workflow not in `skip`, within `timeoutMs`. */
	async nextFinished(
		workflowId: string,
		skip: Set<string>,
		timeoutMs: number,
	): Promise<RunView | undefined> {
		const until = Date.now() + timeoutMs;
		while (Date.now() < until) {
			const done = (await this.executionsOf(workflowId))
				.filter((e) => !skip.has(String(e.id)) && !UNFINISHED.includes(e.status))
				.sort((a, b) => Number(a.id) - Number(b.id));
			if (done.length > 0) return await this.execution(String(done[0].id));
			await sleep(500);
		}
		return undefined;
	}

	/**
	 * "Execute workflow" in the editor: a manual run from `trigger` (pinned data applies, as in
	 * the editor), then its stored execution once finished (undefined after `timeoutMs`).
	 */
	async runManually(
		workflowId: string,
		trigger: string,
		timeoutMs: number,
		/** Called once when the execution waits (a Wait node): e.g. submits its form to resume it. */
		onWaiting?: (executionId: string) => Promise<void>,
	): Promise<{ started: number; detail: string; run?: RunView }> {
		const started = await this.call('POST', `/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: trigger },
		});
		const executionId = started.data?.executionId as string | undefined;
		if (started.status !== 200 || executionId === undefined) {
			return {
				started: started.status,
				detail: `HTTP ${started.status} ${JSON.stringify(started.data).slice(0, 300)}`,
			};
		}
		const until = Date.now() + timeoutMs;
		let resumed = false;
		while (Date.now() < until) {
			const { data } = await this.call('GET', `/executions/${executionId}`);
			if (data?.status === 'waiting' && onWaiting && !resumed) {
				resumed = true;
				await onWaiting(String(executionId));
				continue;
			}
			if (
				data?.status !== undefined &&
				!UNFINISHED.includes(String(data.status)) &&
				data.finished !== undefined
			) {
				return {
					started: 200,
					detail: `execution ${executionId}`,
					run: await this.execution(String(executionId)),
				};
			}
			await sleep(500);
		}
		return {
			started: 200,
			detail: `execution ${executionId} did not finish within ${timeoutMs / 1000} s`,
		};
	}

	async execution(id: string): Promise<RunView> {
		const { data } = await this.call('GET', `/executions/${id}`);
		const raw = typeof data?.data === 'string' ? data.data : JSON.stringify(data?.data ?? {});
		this.onExecution(raw);
		const runData = parseRunData(raw);
		const output: RunView['output'] = {};
		const binary: RunView['binary'] = {};
		const nodeErrors: RunView['nodeErrors'] = {};
		for (const [node, runs] of Object.entries(runData?.resultData?.runData ?? {})) {
			const first = (runs as any[])[0];
			const items = (first?.data?.main?.[0] ?? []) as Array<{
				json: Record<string, unknown>;
				binary?: Record<string, Record<string, unknown>>;
			}>;
			output[node] = items.map((item) => item.json);
			binary[node] = items.map((item) => item.binary ?? {});
			if (first?.error)
				nodeErrors[node] = String(first.error.message ?? first.error.description ?? 'error');
		}
		const error = runData?.resultData?.error;
		return {
			id,
			mode: String(data?.mode),
			status: String(data?.status),
			output,
			binary,
			nodeErrors,
			error: error ? String(error.message ?? error.description ?? '') : undefined,
		};
	}
}
