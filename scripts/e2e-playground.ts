/**
 * The playground (`npm run playground`) as a newcomer uses it, part of `npm run test:e2e`: started
 * as its own process, signed in with the login it prints, an example opened in the editor and run
 * there, the active trigger example firing when the seeded post goes live, then Ctrl-C (SIGINT)
 * stopping everything it started.
 */
import path from 'node:path';

import { N8nApi, Processes, REPO_ROOT, freePort, signIn, sleep, type Started } from './e2e-common';
import { READY_PREFIX } from './playground';

type Check = (name: string, ok: boolean, detail?: string) => boolean;

const READY_TIMEOUT_MS = 8 * 60_000;
/** The seeded post goes live 3 minutes after seeding; the trigger polls every minute. */
const TRIGGER_TIMEOUT_MS = 6 * 60_000;
const EXAMPLE_ID = 'gvExampleTrack01';
const TRIGGER_EXAMPLE_ID = 'gvExampleNotify01';

interface Ready {
	url: string;
	email: string;
	password: string;
	workflows: string[];
}

async function whenReady(playground: Started): Promise<Ready | undefined> {
	const until = Date.now() + READY_TIMEOUT_MS;
	while (Date.now() < until && playground.alive()) {
		const line = playground
			.log()
			.split('\n')
			.find((l) => l.startsWith(READY_PREFIX));
		if (line) return JSON.parse(line.slice(READY_PREFIX.length)) as Ready;
		await sleep(500);
	}
	return undefined;
}

/** The playground process of this run, for the e2e's deadline to stop too. */
const processes = new Processes();

/** Last resort (the e2e's deadline): the playground and, by SIGINT, what it started. */
export function stopPlaygroundNow(): void {
	processes.killAllNow('SIGINT');
}

export async function checkPlayground(options: {
	check: Check;
	results: string;
	chromiumPath: string;
}): Promise<void> {
	const { check, results, chromiumPath } = options;
	const port = await freePort();
	const playground = processes.start(
		'playground',
		process.execPath,
		[path.join(REPO_ROOT, 'build', 'scripts', 'playground.js')],
		{
			env: { ...process.env, GENVIRAL_PLAYGROUND_PORT: String(port) },
			logFile: path.join(results, 'playground.log'),
		},
	);
	try {
		const ready = await whenReady(playground);
		if (
			!check(
				'the playground starts n8n and prints the URL and the login',
				ready !== undefined && ready.url === `http://127.0.0.1:${port}`,
				ready ? ready.url : playground.log().slice(-600),
			)
		)
			return;
		check(
			`the playground imports every example (${ready!.workflows.length})`,
			ready!.workflows.includes(EXAMPLE_ID) && ready!.workflows.includes('gvExampleApprove01'),
			ready!.workflows.join(', '),
		);
		const { url, email, password } = ready!;

		const { chromium } = await import('playwright-core');
		const browser = await chromium.launch({
			executablePath: chromiumPath,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
		});
		try {
			const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
			const page = await context.newPage();
			await page.goto(`${url}/signin`, { waitUntil: 'networkidle', timeout: 60_000 });
			await page
				.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
				.first()
				.fill(email);
			await page.locator('input[type="password"]').first().fill(password);
			await page.keyboard.press('Enter');
			const signedIn = await page
				.waitForURL((u) => !u.pathname.includes('signin'), { timeout: 30_000 })
				.then(() => true)
				.catch(() => false);
			await page.screenshot({ path: path.join(results, '20-playground-signed-in.png') });
			check('the playground: the printed login signs in to the editor', signedIn, page.url());

			await page.goto(`${url}/workflow/${EXAMPLE_ID}`, {
				waitUntil: 'networkidle',
				timeout: 60_000,
			});
			await page
				.locator('[data-test-id="execute-workflow-button"]')
				.first()
				.click({ timeout: 30_000 })
				.catch(() => undefined);
			// The Genviral node (Create Analytics Target, from the trigger's pinned accounts) succeeds;
			// the pinned trigger shows no status of its own.
			const ran = await page
				.locator('[data-test-id="canvas-node-status-success"]')
				.first()
				.waitFor({ timeout: 90_000 })
				.then(() => true)
				.catch(() => false);
			await page.screenshot({ path: path.join(results, '21-playground-example-run.png') });
			// n8n binds the browser's session to its browser ID: the REST checks sign in on their own.
			const api = new N8nApi(url, (await signIn(url)).cookie);
			let runs: Array<{ status: string }> = [];
			for (let tries = 0; tries < 20 && !runs.some((r) => r.status === 'success'); tries++) {
				runs = await api.executionsOf(EXAMPLE_ID);
				if (!runs.some((r) => r.status === 'success')) await sleep(1500);
			}
			check(
				'the playground: an example opened in the editor runs against the fake API',
				ran && runs.some((r) => r.status === 'success'),
				runs.map((r) => r.status).join(', '),
			);

			const until = Date.now() + TRIGGER_TIMEOUT_MS;
			let fired: Array<{ status: string }> = [];
			while (Date.now() < until && fired.length === 0) {
				fired = (await api.executionsOf(TRIGGER_EXAMPLE_ID)).filter((r) => r.status === 'success');
				if (fired.length === 0) await sleep(5000);
			}
			check(
				'the playground: the active trigger example fires when the seeded post goes live',
				fired.length > 0,
				`${fired.length} executions`,
			);
		} finally {
			await browser.close();
		}
	} finally {
		// Ctrl-C, as a user stops it: the playground stops n8n and the fake, then exits.
		const n8nUrl = `http://127.0.0.1:${port}/healthz`;
		const tookMs = await processes.stop(playground, 'SIGINT', 45_000);
		const code = await playground.exited;
		const n8nGone = await fetch(n8nUrl)
			.then(() => false)
			.catch(() => true);
		check(
			'the playground: Ctrl-C stops n8n and the fake API, and it exits',
			code === '0' && n8nGone && /\[playground\] stopped/.test(playground.log()),
			`exit ${code} after ${(tookMs / 1000).toFixed(1)} s; n8n ${n8nGone ? 'gone' : 'still answering'}`,
		);
		processes.killAllNow();
	}
}
