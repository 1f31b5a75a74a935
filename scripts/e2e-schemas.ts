/**
 * Output schemas in real n8n (issue #17 part 1), called from e2e.ts's editor step, or alone:
 *   npm run build && npm run build:scripts && node build/scripts/e2e-schemas.js
 *  - every schema URL the editor and the AI builder ask for answers 200 with a valid JSON Schema
 *    (`/schemas/<node type>/1.0.0/<resource>/<operation>.json`, and for the trigger, which has no
 *    resource/operation, `/schemas/<node type>/1.0.0.json`);
 *  - a node after Post → Create shows Post fields in its input panel before anything ran
 *    (screenshot `schema-preview-post-create.png`: n8n's "Usually outputs the following fields" preview).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Ajv from 'ajv';
import type { Page } from 'playwright-core';

import {
	N8N_BIN,
	Processes,
	REPO_ROOT,
	Report,
	ensureN8n,
	freePort,
	genviralNode,
	graph,
	installPackage,
	n8nEnv,
	packPackage,
	signIn,
	waitFor,
} from './e2e-common';

type Check = (name: string, ok: boolean, detail?: string) => boolean;

export const SCHEMA_WORKFLOW_NAME = 'E2E: schema preview';

/** Every schema URL n8n must serve: one per operation of the node, the trigger's, one per event. */
export function schemaUrls(): string[] {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { RESOURCES } = require(
		path.join(REPO_ROOT, 'dist/nodes/Genviral/actions/resources.js'),
	) as {
		RESOURCES: Array<{ value: string; operations: Record<string, unknown> }>;
	};
	const { eventOptions } = require(
		path.join(REPO_ROOT, 'dist/nodes/GenviralTrigger/description.js'),
	) as { eventOptions: Array<{ value: string }> };
	/* eslint-enable @typescript-eslint/no-require-imports */
	return [
		...RESOURCES.flatMap((r) =>
			Object.keys(r.operations).map(
				(op) => `/schemas/n8n-nodes-genviral.genviral/1.0.0/${r.value}/${op}.json`,
			),
		),
		'/schemas/n8n-nodes-genviral.genviralTrigger/1.0.0.json',
		...eventOptions.map(
			(e) => `/schemas/n8n-nodes-genviral.genviralTrigger/1.0.0/event/${e.value}.json`,
		),
	];
}

/** GET every schema URL from the running server: 200 and a JSON Schema Ajv compiles (strict). */
export async function checkSchemaUrls(baseUrl: string, check: Check): Promise<void> {
	const ajv = new Ajv({ strict: true, allowUnionTypes: true });
	const failures: string[] = [];
	const urls = schemaUrls();
	for (const url of urls) {
		const response = await fetch(`${baseUrl}${url}`).catch((error: Error) => ({
			status: 0,
			text: async () => error.message,
		}));
		const text = await response.text();
		if (response.status !== 200) {
			failures.push(`${url}: HTTP ${response.status}`);
			continue;
		}
		try {
			const schema = JSON.parse(text) as { type?: string; properties?: object };
			if (!ajv.validateSchema(schema) || schema.type !== 'object' || !schema.properties)
				throw new Error(ajv.errorsText());
			ajv.compile(schema);
		} catch (error) {
			failures.push(`${url}: ${(error as Error).message}`);
		}
	}
	check(
		`n8n serves every output schema (${urls.length} URLs: 200, valid JSON Schema)`,
		failures.length === 0,
		failures.slice(0, 5).join('; '),
	);
}

/** Manual Trigger → Post → Create → No Operation, never run. */
function previewWorkflow(credentialId: string) {
	const workflow = graph(
		'gvE2eSchemas0001',
		SCHEMA_WORKFLOW_NAME,
		[
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			genviralNode(credentialId, 'Create Post', [260, 0], {
				resource: 'post',
				operation: 'create',
				accountIds: [],
				postMedia: 'video',
				mediaSource: 'url',
				videoUrl: '',
			}),
			{
				id: 'next',
				name: 'Next Step',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [520, 0],
				parameters: {},
			},
		],
		[
			['Start', 'Create Post'],
			['Create Post', 'Next Step'],
		],
	);
	const { id: _id, ...body } = workflow;
	return body;
}

/**
 * Creates the workflow through the REST API, opens the node after Post → Create and screenshots
 * its input panel: the schema preview lists Post fields though nothing ran.
 */
export async function schemaPreviewScreen(options: {
	page: Page;
	baseUrl: string;
	cookie: string;
	credentialId: string;
	results: string;
	check: Check;
}): Promise<string | undefined> {
	const { page, baseUrl, cookie, credentialId, results, check } = options;
	const created = await fetch(`${baseUrl}/rest/workflows`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json', 'browser-id': 'genviral-e2e' },
		body: JSON.stringify(previewWorkflow(credentialId)),
	});
	const id = ((await created.json().catch(() => ({}))) as { data?: { id?: string } }).data?.id;
	if (
		!check(
			'the schema-preview workflow is created',
			created.status === 200 && typeof id === 'string',
			`HTTP ${created.status}`,
		) ||
		!id
	)
		return undefined;

	const schemaRequests: string[] = [];
	page.on('request', (request) => {
		if (request.url().includes('/schemas/')) schemaRequests.push(new URL(request.url()).pathname);
	});
	await page.goto(`${baseUrl}/workflow/${id}`, { waitUntil: 'networkidle', timeout: 60_000 });
	const node = page.locator('[data-test-id="canvas-node"][data-node-name="Next Step"]').first();
	const ndv = page.locator('[data-test-id="ndv"]').first();
	let opened = false;
	// The canvas fits the view after loading: a double-click during that may miss, so retry.
	for (let attempt = 0; attempt < 3 && !opened; attempt++) {
		await node.waitFor({ timeout: 15_000 }).catch(() => undefined);
		await page.waitForTimeout(1000);
		await node.dblclick({ timeout: 10_000 }).catch(() => undefined);
		opened = await ndv
			.waitFor({ timeout: 10_000 })
			.then(() => true)
			.catch(() => false);
	}
	const inputPanel = page.locator('[data-test-id="ndv-input-panel"]').first();
	const input = (await inputPanel.isVisible().catch(() => false)) ? inputPanel : ndv;
	// The preview lists field names alphabetically in a virtual list (the first screen only): wait
	// for some a Post → Create item has near the top.
	const fields = ['accounts', 'duplicate', 'external_id', 'failed_accounts'];
	const shown = opened
		? await Promise.all(
				fields.map(
					async (field) =>
						await input
							.getByText(field, { exact: true })
							.first()
							.waitFor({ timeout: 20_000 })
							.then(() => true)
							.catch(() => false),
				),
			)
		: [];
	const file = 'schema-preview-post-create.png';
	await page.screenshot({ path: path.join(results, file) });
	writeFileSync(path.join(results, 'schema-preview.html'), await page.content());
	check(
		'the editor asks n8n for the Post → Create schema',
		schemaRequests.some((p) => p.endsWith('/n8n-nodes-genviral.genviral/1.0.0/post/create.json')),
		schemaRequests.join(', '),
	);
	check(
		'the node after Post → Create shows Post fields in its input panel before any run',
		opened && shown.every(Boolean),
		opened
			? fields
					.filter((_, i) => !shown[i])
					.map((f) => `missing ${f}`)
					.join(', ')
			: 'the input panel did not open',
	);
	await page.keyboard.press('Escape');
	return file;
}

/** Alone: n8n with this package installed, the two checks, nothing else. */
async function main(): Promise<void> {
	const results = path.join(REPO_ROOT, 'e2e-results', 'schemas');
	rmSync(results, { recursive: true, force: true });
	mkdirSync(results, { recursive: true });
	const report = new Report('e2e-schemas');
	const check = (name: string, ok: boolean, detail = ''): boolean => report.check(name, ok, detail);
	await ensureN8n((m) => report.step(m), { sqlite: true });
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'n8n-genviral-schemas-'));
	const processes = new Processes();
	try {
		const tarball = packPackage();
		installPackage(userFolder, tarball);
		rmSync(path.dirname(tarball), { recursive: true, force: true });
		const port = await freePort();
		const env = n8nEnv(userFolder, port, await freePort());
		report.step(`starting n8n on 127.0.0.1:${port}`);
		const server = processes.start('n8n', process.execPath, [N8N_BIN, 'start'], {
			env,
			logFile: path.join(results, 'n8n-server.log'),
		});
		const baseUrl = `http://127.0.0.1:${port}`;
		await waitFor(`${baseUrl}/healthz/readiness`, 180_000, () => server.alive());
		await checkSchemaUrls(baseUrl, check);
		const { cookie } = await signIn(baseUrl);
		check('signed in to the editor', cookie !== '');
		const { chromium } = await import('playwright-core');
		const browser = await chromium.launch({
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			headless: true,
			args: ['--no-sandbox', '--disable-gpu'],
		});
		try {
			const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
			const [name, value] = cookie.split(';')[0].split('=');
			await context.addCookies([{ name, value, url: baseUrl }]);
			await schemaPreviewScreen({
				page: await context.newPage(),
				baseUrl,
				cookie,
				credentialId: 'none',
				results,
				check,
			});
		} finally {
			await browser.close();
		}
	} finally {
		await processes.stopAll();
		rmSync(userFolder, { recursive: true, force: true });
	}
	process.exitCode = report.finish(results) ? 0 : 1;
}

if (require.main === module) {
	main().catch((error: Error) => {
		process.stderr.write(`${error.stack ?? error.message}\n`);
		process.exit(1);
	});
}
