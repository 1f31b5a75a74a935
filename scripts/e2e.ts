/**
 * `npm run test:e2e`: the package in a real n8n (2.41.1, or GENVIRAL_E2E_N8N_VERSION), installed from its npm tarball the way
 * n8n's community-package installer lays it out, driven through n8n's CLI and its editor in
 * headless Chromium, against the fake Genviral API. Not part of `npm test` (it installs a
 * 2.9 GB n8n into a cache folder the first time). Bounded in time; kills only what it started.
 *
 * The parts: CLI imports and `n8n execute` runs (here); every resource and every example run as
 * the editor runs them, with binary data in filesystem mode (e2e-tour.ts); the Genviral Trigger
 * polling on its own (e2e-trigger.ts); the editor's screens (here and e2e-editor.ts); the playground
 * (e2e-playground.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DEFAULT_KEYS, DEFAULT_TOKEN, FakeGenviral } from '../test/fake-genviral/server';
import {
	BAD_CREDENTIAL_ID,
	E2E_HANDLES,
	FAILING_HANDLE,
	GOOD_CREDENTIAL_ID,
	WORKFLOWS,
} from '../test/e2e/workflows';
import {
	N8N_BIN,
	N8N_VERSION,
	N8nApi,
	REPO_ROOT,
	Report,
	ensureN8n,
	inRange,
	n8nDependencyVersion,
	freePort,
	installPackage,
	n8nEnv,
	packPackage,
	run,
	signIn,
	waitFor,
} from './e2e-common';
import { editorScreens, editorWorkflow } from './e2e-editor';
import { checkSchemaUrls, schemaPreviewScreen } from './e2e-schemas';
import { checkPlayground, stopPlaygroundNow } from './e2e-playground';
import {
	EXAMPLE_CREDENTIAL,
	exampleCases,
	prepareTour,
	tourCases,
	type Expectation,
	type TourContext,
} from './e2e-tour';
import {
	TRIGGER_CREDENTIAL_ID,
	TRIGGER_KEY,
	TRIGGER_TOKEN,
	checkTriggerRuns,
	seedTriggerPosts,
	triggerWorkflow,
} from './e2e-trigger';

/** GENVIRAL_E2E_RESULTS: another folder, so that two runs (e.g. two n8n versions) can run at once. */
const RESULTS = process.env.GENVIRAL_E2E_RESULTS ?? path.join(REPO_ROOT, 'e2e-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEADLINE_MS = Number(process.env.GENVIRAL_E2E_TIMEOUT_MS ?? 30 * 60_000);

const started: ChildProcess[] = [];
let cliRuns = 0;
const report = new Report('e2e');
const step = (message: string): void => report.step(message);
const check = (name: string, ok: boolean, detail = ''): boolean => report.check(name, ok, detail);

function ensureChromium(): void {
	if (existsSync(CHROMIUM)) return;
	step("installing Debian's chromium (apt-get)");
	run('apt-get', ['update']);
	run('apt-get', ['install', '-y', 'chromium'], {
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

/**
 * One n8n CLI command, run asynchronously: the fake Genviral API lives in this process and
 * must keep answering while n8n runs.
 */
async function n8nCli(
	env: NodeJS.ProcessEnv,
	args: string[],
): Promise<{ status: number; output: string }> {
	return await new Promise((resolve) => {
		const child = spawn(process.execPath, [N8N_BIN, ...args], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		started.push(child);
		const chunks: string[] = [];
		child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
		child.on('close', () =>
			writeFileSync(
				path.join(RESULTS, `cli-${args[0].replace(/[^a-z]/gi, '-')}-${++cliRuns}.log`),
				chunks.join(''),
			),
		);
		const timer = setTimeout(() => {
			if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
		}, 180_000);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ status: code ?? 1, output: chunks.join('') });
		});
	});
}

/** The run data printed by `n8n execute --rawOutput` (log lines may come before it). */
function parseExecution(output: string): {
	resultData: {
		runData: Record<
			string,
			Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
		>;
	};
} {
	// The run prints as indented JSON: from a line that is just "{" to a line that is just "}".
	const start = output.search(/^\{$/m);
	const end = output.lastIndexOf('\n}') + 2;
	const parsed = JSON.parse(output.slice(start, end)) as { data: never };
	return parsed.data;
}

function genviralOutput(output: string): Array<Record<string, unknown>> {
	try {
		return (
			parseExecution(output).resultData.runData.Genviral[0].data?.main[0].map((i) => i.json) ?? []
		);
	} catch {
		return [];
	}
}

async function ui(baseUrl: string, cookie: string, fake: FakeGenviral): Promise<void> {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const [name, value] = cookie.split(';')[0].split('=');
		await context.addCookies([{ name, value, url: baseUrl }]);
		const page = await context.newPage();
		const shot = async (file: string) => await page.screenshot({ path: path.join(RESULTS, file) });

		await page.goto(`${baseUrl}/workflow/new`, { waitUntil: 'networkidle', timeout: 60_000 });
		await shot('01-editor.png');

		// Open the node panel: the canvas "+" button, the "Add first step" box, or Tab.
		const search = page
			.locator('input[placeholder*="Search" i]:not([data-test-id="inline-edit-input"])')
			.first();
		const openers: Array<[string, () => Promise<void>]> = [
			[
				'plus button',
				async () => await page.locator('[data-test-id="node-creator-plus-button"]').first().click(),
			],
			[
				'add first step',
				async () => await page.getByText('Add first step', { exact: false }).first().click(),
			],
			[
				'Tab key',
				async () => {
					await page.mouse.click(300, 300);
					await page.keyboard.press('Tab');
				},
			],
		];
		let opened = '';
		for (const [label, open] of openers) {
			await open().catch(() => undefined);
			if (
				await search
					.waitFor({ timeout: 5000 })
					.then(() => true)
					.catch(() => false)
			) {
				opened = label;
				break;
			}
		}
		await shot('02-node-panel.png');
		writeFileSync(path.join(RESULTS, 'node-panel.html'), await page.content());
		check('the node panel opens', opened !== '', opened);
		if (!opened) return;
		await search.fill('Genviral');
		await page.waitForTimeout(1000);
		writeFileSync(path.join(RESULTS, 'node-panel-search.html'), await page.content());
		const item = page
			.locator(
				'[data-test-id="node-creator-node-item"], [data-test-id="node-creator-item-name"], [class*="nodeItem" i]',
				{ hasText: 'Genviral' },
			)
			.first();
		const found = await item.isVisible({ timeout: 10_000 }).catch(() => false);
		await shot('03-node-panel-search.png');
		check('the node panel finds "Genviral"', found);
		const icon = item.locator('img').first();
		const iconOk =
			found &&
			(await icon
				.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
				.catch(() => false));
		check(
			'its icon loads',
			iconOk,
			found ? String(await icon.getAttribute('src').catch(() => '')) : 'node not found',
		);
		if (!found) return;

		await item.click();
		await page.waitForTimeout(1000);
		await shot('04-node-actions.png');
		const action = page.getByText('Create an analytics target').first();
		// With the Genviral Trigger in the package, the first-step panel lists Genviral's triggers
		// first and its actions under a collapsed "Actions (n)" header.
		if (!(await action.isVisible().catch(() => false))) {
			await page
				.getByText(/^Actions \(\d+\)$/)
				.first()
				.click()
				.catch(() => undefined);
			await page.waitForTimeout(500);
		}
		check('its actions are listed', await action.isVisible().catch(() => false));
		await action.click();
		await page.waitForTimeout(1500);
		await shot('05-node-settings.png');

		// Credential: the select offers "Create new credential" when none exists.
		const credentialSelect = page.locator('[data-test-id="node-credentials-select"]').first();
		if (await credentialSelect.isVisible().catch(() => false)) {
			await credentialSelect.click();
			await page
				.getByText(/Create new credential/i)
				.first()
				.click();
		} else {
			await page
				.getByText(/Set up credential|Create new credential/i)
				.first()
				.click();
		}
		await page.waitForTimeout(1000);
		const modal = page.locator('[data-test-id="credential-edit-dialog"]').first();
		await modal.waitFor({ timeout: 15_000 });
		const tokenInput = modal.locator('[data-test-id="parameter-input-apiToken"] input').first();
		check(
			'the credential dialog masks the API Token',
			(await tokenInput.getAttribute('type')) === 'password',
		);
		await tokenInput.fill(DEFAULT_TOKEN);
		const baseUrlInput = modal.locator('[data-test-id="parameter-input-baseUrl"] input').first();
		await baseUrlInput.fill(process.env.GENVIRAL_E2E_FAKE_URL ?? '');
		await shot('06-credential-dialog.png');
		const subscriptionCallsBefore = fake.requestsTo('GET /subscription').length;
		await page.locator('[data-test-id="credential-save-button"]:visible').first().click();
		// n8n tests a credential when it is saved (its Test request: GET /subscription) and
		// closes the dialog when the test passes.
		const closed = await modal
			.waitFor({ state: 'hidden', timeout: 30_000 })
			.then(() => true)
			.catch(() => false);
		const testCalls = fake.requestsTo('GET /subscription').slice(subscriptionCallsBefore);
		await shot('07-credential-saved.png');
		check(
			'saving runs the credential Test against the fake API, with the token in the header',
			testCalls.length > 0 &&
				testCalls.every((r) => r.headers.authorization === `Bearer ${DEFAULT_TOKEN}`),
			`${testCalls.length} GET /subscription`,
		);
		check('the Test passes and the dialog closes', closed);

		// Reopen it: the dialog shows the result of the test it runs on opening.
		await page
			.locator(
				'[data-test-id="credential-edit-button"]:visible, .n8n-icon[data-icon="pen"]:visible',
			)
			.first()
			.click()
			.catch(() => undefined);
		const success = await page
			.locator('[data-test-id="credentials-config-container-test-success"]:visible')
			.first()
			.waitFor({ timeout: 30_000 })
			.then(() => true)
			.catch(() => false);
		await shot('08-credential-test-success.png');
		check('the reopened credential shows "Connection tested successfully"', success);
		await page.keyboard.press('Escape');

		const shots = await editorScreens({ page, baseUrl, results: RESULTS, check, fake }).catch(
			(error: Error) => {
				check('the editor screens', false, error.stack ?? error.message);
				return [];
			},
		);
		const schemaShot = await schemaPreviewScreen({
			page,
			baseUrl,
			cookie,
			credentialId: GOOD_CREDENTIAL_ID,
			results: RESULTS,
			check,
		}).catch(
			(error: Error) =>
				void check('the schema preview screen', false, error.stack ?? error.message),
		);
		report.note(`editor screenshots: ${[...shots, schemaShot ?? []].flat().join(', ')}`);
	} finally {
		await browser.close();
	}
}

async function main(): Promise<void> {
	const begin = Date.now();
	const deadline = setTimeout(() => {
		process.stderr.write(`[e2e] giving up after ${DEADLINE_MS / 1000} s\n`);
		cleanup();
		process.exit(2);
	}, DEADLINE_MS);
	rmSync(RESULTS, { recursive: true, force: true });
	mkdirSync(RESULTS, { recursive: true });

	await ensureN8n(step, { sqlite: true });
	ensureChromium();
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'n8n-genviral-e2e-'));
	const fake = await new FakeGenviral({ ...DEFAULT_KEYS, ...TRIGGER_KEY }).start();
	fake.faultFor = (request) =>
		(request.body as { identifier?: string } | undefined)?.identifier === FAILING_HANDLE
			? {
					kind: 'error',
					status: 402,
					error_code: 'subscription_required',
					message: 'An active plan is required',
				}
			: undefined;
	process.env.GENVIRAL_E2E_FAKE_URL = fake.baseUrl;
	const media = prepareTour(fake);
	const port = await freePort();
	// Binary data on disk, as n8n keeps it in regular mode: uploads stream from these files.
	const env = {
		...n8nEnv(userFolder, port, await freePort()),
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
	};
	const tourContext: TourContext = {
		fake,
		credentialId: GOOD_CREDENTIAL_ID,
		binaryDataDir: path.join(userFolder, '.n8n', 'storage'),
		media,
	};
	let server: ChildProcess | undefined;
	const timings: Record<string, number> = {};
	const lap = (label: string, since: number) => (timings[label] = Date.now() - since);
	try {
		let t = Date.now();
		step('packing this package and installing the tarball into the n8n user folder');
		const tarball = packPackage();
		installPackage(userFolder, tarball);
		rmSync(path.dirname(tarball), { recursive: true, force: true });
		step(`fake Genviral API at ${fake.baseUrl}; n8n user folder ${userFolder}`);
		lap('pack and install', t);

		t = Date.now();
		step('importing the credentials and every workflow with the n8n CLI');
		const credentialsFile = path.join(userFolder, 'credentials.json');
		writeFileSync(
			credentialsFile,
			JSON.stringify([
				{
					id: GOOD_CREDENTIAL_ID,
					name: GOOD_CREDENTIAL_ID,
					type: 'genviralApi',
					data: { apiToken: DEFAULT_TOKEN, baseUrl: fake.baseUrl },
				},
				{
					id: BAD_CREDENTIAL_ID,
					name: BAD_CREDENTIAL_ID,
					type: 'genviralApi',
					data: { apiToken: 'gva_live_000000.wrong', baseUrl: fake.baseUrl },
				},
				// The credential the shipped examples name: they import and run unchanged.
				{
					...EXAMPLE_CREDENTIAL,
					type: 'genviralApi',
					data: { apiToken: DEFAULT_TOKEN, baseUrl: fake.baseUrl },
				},
				{
					id: TRIGGER_CREDENTIAL_ID,
					name: TRIGGER_CREDENTIAL_ID,
					type: 'genviralApi',
					data: { apiToken: TRIGGER_TOKEN, baseUrl: fake.baseUrl },
				},
			]),
		);
		const imported = await n8nCli(env, ['import:credentials', `--input=${credentialsFile}`]);
		check(
			'credentials imported',
			imported.status === 0,
			imported.status === 0 ? '' : imported.output.slice(-500),
		);
		const tour = tourCases(tourContext);
		const examples = exampleCases(tourContext);
		const workflows = [
			...Object.values(WORKFLOWS),
			...tour.map((c) => c.workflow),
			...examples.map((e) => e.workflow),
			triggerWorkflow(REPO_ROOT),
			editorWorkflow(GOOD_CREDENTIAL_ID, fake),
		];
		const triggerPostIds = seedTriggerPosts(fake);
		const importDir = path.join(userFolder, 'workflows');
		mkdirSync(importDir);
		for (const workflow of workflows)
			writeFileSync(path.join(importDir, `${workflow.id}.json`), JSON.stringify(workflow));
		const importedWorkflows = await n8nCli(env, [
			'import:workflow',
			'--separate',
			`--input=${importDir}`,
		]);
		check(
			`${workflows.length} workflows imported in one CLI call (examples/ as shipped${examples.some((e) => e.changed) ? ', but for noted pinned data' : ''})`,
			importedWorkflows.status === 0,
			importedWorkflows.status === 0 ? '' : importedWorkflows.output.slice(-500),
		);
		lap('CLI imports', t);

		t = Date.now();
		step('running workflows with `n8n execute` (CLI mode)');
		// `n8n execute` prints the run through its logger, at level info.
		const execEnv = { ...env, N8N_LOG_LEVEL: 'info' };
		const first = await n8nCli(execEnv, ['execute', `--id=${WORKFLOWS.create.id}`, '--rawOutput']);
		const firstItems = first.status === 0 ? genviralOutput(first.output) : [];
		check(
			'create: three targets, created: true',
			JSON.stringify(firstItems.map((i) => [i.identifier, i.created])) ===
				JSON.stringify(E2E_HANDLES.map((h) => [h, true])),
			first.status === 0
				? JSON.stringify(firstItems.map((i) => i.identifier))
				: first.output.slice(-800),
		);
		const second = await n8nCli(execEnv, ['execute', `--id=${WORKFLOWS.create.id}`, '--rawOutput']);
		const secondItems = second.status === 0 ? genviralOutput(second.output) : [];
		check(
			'create again: the same targets, created: false',
			secondItems.length === 3 &&
				secondItems.every((i, k) => i.created === false && i.id === firstItems[k]?.id),
			second.status === 0 ? '' : second.output.slice(-800),
		);
		const wrong = await n8nCli(execEnv, [
			'execute',
			`--id=${WORKFLOWS.wrongKey.id}`,
			'--rawOutput',
		]);
		check(
			'a wrong key: the run fails with the API error and its error_code',
			wrong.status !== 0 &&
				wrong.output.includes('API key not found') &&
				wrong.output.includes('error_code: invalid_token'),
			wrong.output.includes('invalid_token') ? '' : wrong.output.slice(-800),
		);
		const cont = await n8nCli(execEnv, [
			'execute',
			`--id=${WORKFLOWS.continueOnFail.id}`,
			'--rawOutput',
		]);
		const contItems = genviralOutput(cont.output);
		check(
			'On Error: Continue: three items out, the failed one in place with error_code',
			contItems.length === 3 &&
				contItems[0].identifier === '@e2e_ok' &&
				contItems[1].error_code === 'subscription_required' &&
				contItems[1].httpCode === '402' &&
				contItems[2].identifier === '@e2e_fine',
			JSON.stringify(contItems.map((i) => i.error_code ?? i.identifier)),
		);
		writeFileSync(
			path.join(RESULTS, 'cli-runs.json'),
			JSON.stringify(
				{ first: firstItems, second: secondItems, continueOnFail: contItems },
				null,
				2,
			),
		);
		lap('CLI runs', t);

		t = Date.now();
		step(`starting n8n on 127.0.0.1:${port} (binary data mode: filesystem)`);
		server = spawn(process.execPath, [N8N_BIN, 'start'], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		started.push(server);
		const serverLog: string[] = [];
		server.stdout?.on('data', (chunk: Buffer) => serverLog.push(chunk.toString()));
		server.stderr?.on('data', (chunk: Buffer) => serverLog.push(chunk.toString()));
		const baseUrl = `http://127.0.0.1:${port}`;
		try {
			// /healthz answers as soon as the HTTP server listens; readiness waits for the app.
			await waitFor(`${baseUrl}/healthz/readiness`, 120_000);
		} finally {
			writeFileSync(path.join(RESULTS, 'n8n-server.log'), serverLog.join(''));
		}
		lap('n8n start', t);

		const { cookie, status: setupStatus } = await signIn(baseUrl);
		check('signed in to the editor', cookie !== '', `owner setup HTTP ${setupStatus}`);
		const api = new N8nApi(baseUrl, cookie);
		const types = (await fetch(`${baseUrl}/types/nodes.json`, { headers: { cookie } })
			.then(async (r) => (await r.json()) as unknown)
			.catch(() => [])) as Array<{
			name?: string;
			properties?: Array<{ name: string; options?: Array<{ value: string; name: string }> }>;
		}>;
		const genviralType = Array.isArray(types)
			? types.find((type) => type.name === 'n8n-nodes-genviral.genviral')
			: undefined;
		check(
			'n8n serves the Genviral node type to the editor',
			genviralType !== undefined,
			Array.isArray(types) ? `${types.length} node types` : 'no list',
		);
		const settings = await api.call('GET', '/settings');
		check(
			'n8n serves the Genviral Trigger node type (a polling trigger)',
			Array.isArray(types) &&
				types.some(
					(type) =>
						type.name === 'n8n-nodes-genviral.genviralTrigger' &&
						(type as { polling?: boolean }).polling === true,
				),
		);
		// The AI Agent tool n8n derives from a `usableAsTool` node (convertNodeToAiTool): the engine
		// tests run a copy built the same way; here the real server must build it from the package.
		const toolType = Array.isArray(types)
			? (types.find((type) => type.name === 'n8n-nodes-genviral.genviralTool') as
					| { description?: string; outputs?: unknown; properties?: Array<{ name: string }> }
					| undefined)
			: undefined;
		check(
			'n8n builds the Genviral Tool for AI Agents (ai_tool output, Tool Description, the tool text of usableAsTool)',
			toolType !== undefined &&
				JSON.stringify(toolType.outputs) === JSON.stringify(['ai_tool']) &&
				(toolType.properties ?? []).some((property) => property.name === 'toolDescription') &&
				(toolType.description ?? '').includes('never as binary data'),
			toolType
				? `outputs ${JSON.stringify(toolType.outputs)}, ${toolType.properties?.length ?? 0} parameters`
				: 'no genviralTool type',
		);
		await checkSchemaUrls(baseUrl, check);
		// The run proves the version it names, or fails: the server that answers is that version,
		// and the n8n-workflow it ships is inside the package's peerDependencies range.
		const workflowVersion = n8nDependencyVersion('n8n-workflow') ?? '(not found)';
		const peerRange = (
			JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
				peerDependencies: Record<string, string>;
			}
		).peerDependencies['n8n-workflow'];
		check(
			`the n8n that answers is the claimed ${N8N_VERSION}`,
			settings.data?.versionCli === N8N_VERSION,
			`versionCli ${String(settings.data?.versionCli)}`,
		);
		check(
			`its n8n-workflow ${workflowVersion} is in peerDependencies "${peerRange}"`,
			inRange(workflowVersion, peerRange),
		);
		check(
			"n8n's binary data mode is filesystem",
			settings.data?.binaryDataMode === 'filesystem',
			`binaryDataMode ${String(settings.data?.binaryDataMode)}`,
		);
		const listed = await api.call('GET', '/workflows?limit=200');
		const listedIds = new Set(
			((listed.data as Array<{ id: string }> | undefined) ?? []).map((w) => w.id),
		);
		const notListed = workflows.filter((w) => !listedIds.has(w.id)).map((w) => w.name);
		check(
			`n8n lists every imported workflow (${workflows.length})`,
			notListed.length === 0,
			notListed.join(', '),
		);

		t = Date.now();
		step(
			'every resource and every example, run as the editor runs them (manual runs, REST API); meanwhile the Genviral Trigger polls on its own',
		);
		// n8n adds a "Custom API Call" entry (__CUSTOM_API_CALL__) to nodes whose credential has a Test.
		const resourceOptions = (
			genviralType?.properties?.find((p) => p.name === 'resource')?.options ?? []
		).filter((o) => !o.value.startsWith('__'));
		const provenResources = new Set<string>();
		await Promise.all([
			checkTriggerRuns({ api, fake, postIds: triggerPostIds, check, results: RESULTS }),
			...tour.map(async (tourCase) => {
				const result = await api.runManually(
					tourCase.workflow.id,
					tourCase.trigger,
					tourCase.timeoutMs,
				);
				const run = result.run;
				const detail = run
					? `${run.status}${run.error ? `: ${run.error}` : ''}; ${Object.entries(run.nodeErrors)
							.map(([n, e]) => `${n}: ${e}`)
							.join('; ')}`
					: result.detail;
				if (
					!check(
						`${tourCase.key}: the run succeeds`,
						run?.status === 'success' && Object.keys(run.nodeErrors).length === 0,
						detail,
					) ||
					!run
				)
					return;
				writeFileSync(
					path.join(RESULTS, `tour-${tourCase.workflow.id}.json`),
					JSON.stringify(run, null, 2),
				);
				for (const node of tourCase.workflow.nodes.filter(
					(n) => n.type === 'n8n-nodes-genviral.genviral',
				)) {
					const parameters = node.parameters as { resource: string; operation: string };
					const items = run.output[String(node.name)] ?? [];
					if (items.length > 0 || tourCase.mayBeEmpty?.includes(String(node.name)))
						provenResources.add(parameters.resource);
					else
						check(
							`${tourCase.key}: "${String(node.name)}" (${parameters.resource} → ${parameters.operation}) puts out items`,
							false,
						);
				}
				for (const [name, ok, more] of tourCase.expect(run))
					check(`${tourCase.key}: ${name}`, ok, more);
			}),
			...examples.map(async (example) => {
				const reviewed: Expectation[] = [];
				const result = await api.runManually(
					example.workflow.id,
					example.trigger,
					example.timeoutMs,
					example.onWaiting &&
						(async (executionId) =>
							void reviewed.push(...(await example.onWaiting!(api, executionId)))),
				);
				for (const [name, ok, more] of reviewed)
					check(`examples/${example.file}: ${name}`, ok, more);
				const run = result.run;
				const detail = run ? `${run.status}${run.error ? `: ${run.error}` : ''}` : result.detail;
				if (
					!check(
						`examples/${example.file} runs${example.changed ? ` (${example.changed})` : ' as shipped'}, pinned data included`,
						run?.status === 'success',
						detail,
					) ||
					!run
				)
					return;
				writeFileSync(path.join(RESULTS, `example-${example.file}`), JSON.stringify(run, null, 2));
				for (const [name, ok, more] of example.expect(run))
					check(`examples/${example.file}: ${name}`, ok, more);
			}),
		]);
		const unproven = resourceOptions
			.filter((o) => !provenResources.has(o.value))
			.map((o) => o.name);
		check(
			`every resource the node offers in n8n (${resourceOptions.length}) ran at least one operation`,
			resourceOptions.length > 0 && unproven.length === 0,
			unproven.length
				? `not run: ${unproven.join(', ')}`
				: resourceOptions.map((o) => o.name).join(', '),
		);
		lap('manual runs (every resource, examples) and the trigger', t);

		t = Date.now();
		step('the editor in headless Chromium');
		if (cookie) await ui(baseUrl, cookie, fake);
		lap('editor', t);

		t = Date.now();
		step(
			'the playground (npm run playground): started, signed in, an example run in the editor, the trigger firing, Ctrl-C',
		);
		await checkPlayground({ check, results: RESULTS, chromiumPath: CHROMIUM });
		lap('playground', t);
		writeFileSync(path.join(RESULTS, 'n8n-server.log'), serverLog.join(''));
	} finally {
		clearTimeout(deadline);
		cleanup();
		await fake.stop();
		if (process.env.GENVIRAL_E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	}

	timings.total = Date.now() - begin;
	writeFileSync(path.join(RESULTS, 'timings.json'), JSON.stringify(timings, null, 2));
	report.note(
		`timings (s): ${Object.entries(timings)
			.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
			.join('; ')}`,
	);
	const passed = report.finish(RESULTS);
	process.stdout.write(`screenshots and logs in ${RESULTS}\n`);
	if (!passed) process.exitCode = 1;
}

/** Kill only the processes this script started (n8n and its children, by process group). */
function cleanup(): void {
	stopPlaygroundNow();
	for (const child of started) {
		if (child.pid !== undefined && child.exitCode === null) {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				// already gone
			}
		}
	}
}

main().catch((error: unknown) => {
	cleanup();
	process.stderr.write(`[e2e] ${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
