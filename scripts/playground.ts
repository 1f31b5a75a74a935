/**
 * `npm run playground` (or `./scripts/dev playground`): the real n8n editor with this package and
 * no Genviral account. A fresh `npm pack` of the package is installed into a new n8n user folder
 * (the e2e's cached n8n), the embedded fake Genviral API starts with a believable workspace
 * (test/fake-genviral/seed.ts), n8n starts with an owner and a Genviral credential pointing at the
 * fake, every example workflow is imported (the trigger example active), and the URL and login are
 * printed. Ctrl-C (SIGINT) or SIGTERM stops n8n and the fake and removes the user folder.
 *
 * Environment: GENVIRAL_PLAYGROUND_PORT (default 5678, or a free port when that one is taken),
 * GENVIRAL_PLAYGROUND_KEEP=1 keeps the user folder, GENVIRAL_E2E_N8N_VERSION picks the cached n8n.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { DEFAULT_TOKEN, FakeGenviral } from '../test/fake-genviral/server';
import { seedWorkspace } from '../test/fake-genviral/seed';
import {
	N8N_BIN,
	N8N_VERSION,
	N8nApi,
	OWNER,
	Processes,
	REPO_ROOT,
	ensureN8n,
	freePort,
	installPackage,
	n8nEnv,
	packPackage,
	signIn,
	waitFor,
	type N8nWorkflow,
} from './e2e-common';
import { EXAMPLE_CREDENTIAL } from './e2e-tour';

/** What the e2e reads from the output: the line starts with this, then JSON. */
export const READY_PREFIX = 'PLAYGROUND READY ';
const START_TIMEOUT_MS = 180_000;
const CLI_TIMEOUT_MS = 180_000;

const say = (message: string): void => void process.stdout.write(`[playground] ${message}\n`);

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** The examples as shipped, but for pinned data naming things only a real account has. */
function examplesFor(seeded: ReturnType<typeof seedWorkspace>): {
	workflows: N8nWorkflow[];
	changes: string[];
} {
	const changes: string[] = [];
	const workflows = readdirSync(path.join(REPO_ROOT, 'examples'))
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(
				readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8'),
			) as N8nWorkflow & {
				pinData?: Record<string, Array<{ json: Record<string, unknown> }>>;
			};
			for (const item of Object.values(workflow.pinData ?? {}).flat()) {
				if ('image_pack_id' in item.json) {
					item.json.image_pack_id = seeded.packId;
					changes.push(`${file}: pinned image_pack_id → the "Linen summer" pack`);
				}
				if ('video_url' in item.json) {
					item.json.video_url = seeded.videoUrl;
					changes.push(`${file}: pinned video_url → a video in the fake's storage`);
				}
			}
			return workflow;
		});
	return { workflows, changes };
}

async function main(): Promise<void> {
	await ensureN8n(say, { sqlite: true });
	const processes = new Processes();
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'n8n-genviral-playground-'));
	const fake = await new FakeGenviral().start();
	let stopping: Promise<void> | undefined;
	const stop = async (code: number): Promise<void> => {
		stopping ??= (async () => {
			say('stopping n8n and the fake Genviral API');
			await processes.stopAll();
			await fake.stop();
			if (process.env.GENVIRAL_PLAYGROUND_KEEP !== '1')
				rmSync(userFolder, { recursive: true, force: true });
			say('stopped');
			process.exit(code);
		})();
		await stopping;
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		say(`packing this package and installing it into a new n8n user folder (${userFolder})`);
		const tarball = packPackage();
		installPackage(userFolder, tarball);
		rmSync(path.dirname(tarball), { recursive: true, force: true });

		const seeded = seedWorkspace(fake);
		say(`fake Genviral API at ${fake.baseUrl} with a seeded workspace`);

		const wanted = Number(process.env.GENVIRAL_PLAYGROUND_PORT ?? 5678);
		const port = (await portIsFree(wanted)) ? wanted : await freePort();
		const env = n8nEnv(userFolder, port, await freePort());
		const cli = async (args: string[]): Promise<void> => {
			const started = processes.start(`n8n ${args[0]}`, process.execPath, [N8N_BIN, ...args], {
				env,
				logFile: path.join(userFolder, `${args[0].replace(/\W/g, '-')}.log`),
			});
			const code = await Promise.race([
				started.exited,
				new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), CLI_TIMEOUT_MS)),
			]);
			if (code !== '0') {
				await processes.stop(started, 'SIGKILL', 0);
				throw new Error(`n8n ${args.join(' ')} failed (${code}): ${started.log().slice(-800)}`);
			}
		};

		const credentialsFile = path.join(userFolder, 'credentials.json');
		writeFileSync(
			credentialsFile,
			JSON.stringify([
				{
					...EXAMPLE_CREDENTIAL,
					type: 'genviralApi',
					data: { apiToken: DEFAULT_TOKEN, baseUrl: fake.baseUrl },
				},
			]),
		);
		await cli(['import:credentials', `--input=${credentialsFile}`]);
		const { workflows, changes } = examplesFor(seeded);
		const importDir = path.join(userFolder, 'workflows');
		mkdirSync(importDir);
		for (const workflow of workflows)
			writeFileSync(path.join(importDir, `${workflow.id}.json`), JSON.stringify(workflow));
		await cli(['import:workflow', '--separate', `--input=${importDir}`]);
		say(
			`imported the credential "${EXAMPLE_CREDENTIAL.name}" and ${workflows.length} example workflows`,
		);

		say(`starting n8n ${N8N_VERSION} on 127.0.0.1:${port}`);
		const n8n = processes.start('n8n', process.execPath, [N8N_BIN, 'start'], {
			env,
			logFile: path.join(userFolder, 'n8n.log'),
		});
		const baseUrl = `http://127.0.0.1:${port}`;
		await waitFor(`${baseUrl}/healthz/readiness`, START_TIMEOUT_MS, n8n.alive);
		const { cookie } = await signIn(baseUrl);
		if (!cookie) throw new Error('could not create the owner account or sign in');
		const api = new N8nApi(baseUrl, cookie);
		const triggerWorkflows = workflows.filter((w) =>
			w.nodes.some((node) => node.type === 'n8n-nodes-genviral.genviralTrigger'),
		);
		for (const workflow of triggerWorkflows) {
			const activated = await api.activate(workflow.id);
			if (!activated.ok) say(`could not activate "${workflow.name}": ${activated.detail}`);
		}
		void n8n.exited.then((code) => {
			if (!stopping) {
				say(`n8n exited on its own (${code}); its log: ${n8n.logFile}`);
				void stop(1);
			}
		});

		const at = seeded.goesLiveAt.toISOString().slice(11, 16);
		process.stdout.write(
			[
				'',
				`  n8n ${N8N_VERSION} with n8n-nodes-genviral (this checkout), talking to a fake Genviral API`,
				'',
				`  Open      ${baseUrl}`,
				`  Email     ${OWNER.email}`,
				`  Password  ${OWNER.password}`,
				'',
				`  Workflows (Overview): ${workflows.map((w) => w.name.replace(/^Genviral: /, '')).join('; ')}`,
				...changes.map((change) => `    ${change}`),
				`  Active: ${triggerWorkflows.map((w) => `"${w.name}"`).join(', ')}: the scheduled post "One shirt, four looks" goes live at ${at} UTC; the trigger fires on its next poll (every minute).`,
				'  Approve-then-publish: run it, the review form opens in a new tab.',
				'',
				'  Ctrl-C stops n8n and the fake API.',
				'',
				`${READY_PREFIX}${JSON.stringify({ url: baseUrl, email: OWNER.email, password: OWNER.password, workflows: workflows.map((w) => w.id) })}`,
				'',
			].join('\n'),
		);
	} catch (error) {
		process.stderr.write(`[playground] ${(error as Error).message}\n`);
		await stop(1);
	}
}

// Run when started (`node build/scripts/playground.js`), not when the e2e imports READY_PREFIX.
if (require.main === module) void main();
