/**
 * The package in n8n's editor (headless Chromium, part of `npm run test:e2e`): screenshots a new
 * user would see, each checked for what it must show.
 *  - the node panel on Genviral: the trigger's events under Triggers, every resource's actions;
 *  - Post → Create with the Accounts picker open, loaded from the fake API;
 *  - a resource locator in From List mode (Slideshow → Get), loaded from the fake API;
 *  - the Post picker (Post → Get, From List): recent posts by caption, status and date;
 *  - the output panel of Slideshow → Render with Download Images, run from the editor.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Locator, Page, Response } from 'playwright-core';

import { DEFAULT_TOKEN, type FakeGenviral } from '../test/fake-genviral/server';
import { REPO_ROOT, genviralNode, graph, type N8nWorkflow } from './e2e-common';

type Check = (name: string, ok: boolean, detail?: string) => void;

export const EDITOR_WORKFLOW_ID = 'gvE2eEditor00001';
export const SLIDESHOW_TITLES = ['Morning routine, 5 steps', 'Desk setup tour', 'Matcha vs coffee'];
/** Captions of the posts the Post picker must list (each shorter than the label's excerpt). */
export const POST_CAPTIONS = ['Launch day teaser', 'Behind the scenes, part 2', 'Weekly tips #14'];

/** What the node panel must list: every operation's action text, and the trigger's events. */
export function expectedPanel(): { actions: string[]; triggerEvents: string[] } {
	const load = (file: string) =>
		require(path.join(REPO_ROOT, 'dist', 'nodes', file)) as Record<
			string,
			new () => { description: { properties: Array<Record<string, any>> } }
		>;
	const { Genviral } = load('Genviral/Genviral.node.js');
	const actions = new Genviral().description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => (p.options as Array<{ action?: string }>).map((o) => o.action ?? ''))
		.filter((a) => a !== '');
	let triggerEvents: string[] = [];
	try {
		const { GenviralTrigger } = load('GenviralTrigger/GenviralTrigger.node.js');
		const event = new GenviralTrigger().description.properties.find((p) => p.name === 'event');
		triggerEvents = ((event?.options ?? []) as Array<{ name: string }>).map((o) => o.name);
	} catch {
		// no trigger node in this build: the check below says so
	}
	return { actions, triggerEvents };
}

/** A workflow to open in the editor: Post → Create and Slideshow → Get unconnected, a render to run. */
export function editorWorkflow(credentialId: string, fake: FakeGenviral): N8nWorkflow {
	const scope = fake.scopeOf(DEFAULT_TOKEN);
	const slideshows = SLIDESHOW_TITLES.map((title) =>
		fake.modules.slideshows.seedSlideshow(scope, { title, status: 'rendered', slideCount: 3 }),
	);
	for (const [i, caption] of POST_CAPTIONS.entries())
		fake.modules.posts.seedPost(scope, {
			caption,
			status: i === 0 ? 'scheduled' : 'posted',
			scheduled_at: i === 0 ? new Date(Date.now() + 86_400_000).toISOString() : null,
		});
	const g = (name: string, position: [number, number], parameters: Record<string, unknown>) =>
		genviralNode(credentialId, name, position, parameters);
	return graph(
		EDITOR_WORKFLOW_ID,
		'E2E: editor',
		[
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			g('Render Slideshow', [260, 0], {
				resource: 'slideshow',
				operation: 'render',
				slideshowId: {
					__rl: true,
					mode: 'list',
					value: String(slideshows[0].id),
					cachedResultName: SLIDESHOW_TITLES[0],
				},
				downloadImages: true,
				binaryPropertyPrefix: 'slide_',
			}),
			g('Create Post', [0, 260], {
				resource: 'post',
				operation: 'create',
				accountIds: [],
				postMedia: 'video',
				mediaSource: 'url',
				videoUrl: '',
			}),
			g('Get Slideshow', [260, 260], {
				resource: 'slideshow',
				operation: 'get',
				slideshowId: { __rl: true, mode: 'list', value: '' },
			}),
			g('Get Post', [520, 260], {
				resource: 'post',
				operation: 'get',
				postId: { __rl: true, mode: 'list', value: '' },
			}),
		],
		[['Start', 'Render Slideshow']],
	);
}

async function openNodePanel(page: Page): Promise<boolean> {
	const search = page
		.locator(
			'[data-test-id="node-creator-search-bar"] input, input[placeholder*="Search" i]:not([data-test-id="inline-edit-input"])',
		)
		.first();
	const openers = [
		async () =>
			await page
				.locator('[data-test-id="canvas-add-button"], [data-test-id="node-creator-plus-button"]')
				.first()
				.click(),
		async () => await page.getByText('Add first step', { exact: false }).first().click(),
		async () => {
			await page.mouse.click(500, 400);
			await page.keyboard.press('Tab');
		},
	];
	for (const open of openers) {
		await open().catch(() => undefined);
		if (
			await search
				.waitFor({ timeout: 5000 })
				.then(() => true)
				.catch(() => false)
		)
			return true;
	}
	return false;
}

async function openNode(page: Page, name: string): Promise<boolean> {
	const node = page
		.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`)
		.or(page.locator('[data-test-id="canvas-node"]', { hasText: name }))
		.first();
	const panel = page
		.locator('[data-test-id="ndv"], .ndv-wrapper, [data-test-id="node-parameters"]')
		.first();
	// On a loaded machine the canvas draws late: wait for the node itself, then for its panel;
	// a double click that lands before the canvas handles it is tried again (twice at most).
	if (
		!(await node
			.waitFor({ timeout: 60_000 })
			.then(() => true)
			.catch(() => false))
	)
		return false;
	for (let attempt = 0; attempt < 3; attempt++) {
		await node.dblclick({ timeout: 15_000 }).catch(() => undefined);
		if (
			await panel
				.waitFor({ timeout: 20_000 })
				.then(() => true)
				.catch(() => false)
		)
			return true;
	}
	return false;
}

async function closeNode(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);
	if (
		await page
			.locator('[data-test-id="ndv"]')
			.first()
			.isVisible()
			.catch(() => false)
	) {
		await page
			.locator('[data-test-id="ndv-close-button"], [data-test-id="back-to-canvas"]')
			.first()
			.click()
			.catch(() => undefined);
	}
}

/** The editor's request for a node's load-options method (`POST /rest/dynamic-node-parameters/options`). */
function isLoadOptions(response: Response, method: string): boolean {
	if (!response.url().includes('/rest/dynamic-node-parameters/options')) return false;
	return (response.request().postData() ?? '').includes(`"${method}"`);
}

/** The option names in a load-options answer (`{ data: [{ name, value }] }`); throws on an error answer. */
async function optionNames(response: Response): Promise<string[]> {
	if (!response.ok())
		throw new Error(`HTTP ${response.status()} ${(await response.text()).slice(0, 200)}`);
	const body = (await response.json()) as { data?: Array<{ name?: string }> };
	return (body.data ?? []).map((option) => String(option.name ?? ''));
}

/** Waits until `locator` matches at least `count` elements; whether it did within `timeoutMs`. */
async function waitForCount(locator: Locator, count: number, timeoutMs: number): Promise<boolean> {
	return await locator
		.nth(count - 1)
		.waitFor({ timeout: timeoutMs })
		.then(() => true)
		.catch(() => false);
}

export async function editorScreens(options: {
	page: Page;
	baseUrl: string;
	results: string;
	check: Check;
	fake: FakeGenviral;
}): Promise<string[]> {
	const { page, baseUrl, results, check, fake } = options;
	const shots: string[] = [];
	const shot = async (file: string) => {
		await page.screenshot({ path: path.join(results, file) });
		shots.push(file);
	};
	const text = async () => await page.locator('body').innerText();

	// ---- the node panel on Genviral, tall enough to show every action at once
	const { actions, triggerEvents } = expectedPanel();
	await page.goto(`${baseUrl}/workflow/new`, { waitUntil: 'networkidle', timeout: 60_000 });
	if (await openNodePanel(page)) {
		await page
			.locator('[data-test-id="node-creator-search-bar"] input, input[placeholder*="Search" i]')
			.first()
			.fill('Genviral');
		await page.waitForTimeout(1500);
		await shot('10-node-panel-search.png');
		// The action node (not "Genviral Trigger"): the first item named exactly Genviral.
		const items = page.locator(
			'[data-test-id="node-creator-node-item"], [data-test-id="node-creator-item-name"], [class*="nodeItem" i]',
		);
		await items
			.filter({ hasText: /^\s*Genviral(?!\s*Trigger)/ })
			.first()
			.click({ timeout: 15_000 });
		await page.waitForTimeout(1500);
		// Sections may start collapsed ("Actions (56)" under the triggers): open each.
		for (const header of await page.getByText(/^(Triggers|Actions) \(\d+\)$/).all()) {
			const before = await text();
			await header.click().catch(() => undefined);
			await page.waitForTimeout(400);
			// A click on an open section closes it: open it again.
			if ((await text()).length < before.length) await header.click().catch(() => undefined);
		}
		// Tall enough for the whole list, then cut into three readable slices of the panel.
		await page.setViewportSize({ width: 1440, height: 4200 });
		await page.waitForTimeout(800);
		for (const [part, y] of [
			[1, 0],
			[2, 1400],
			[3, 2800],
		]) {
			const file = `11-node-panel-genviral-${part}.png`;
			await page.screenshot({
				path: path.join(results, file),
				clip: { x: 1040, y, width: 400, height: 1400 },
			});
			shots.push(file);
		}
		const panel = await text();
		writeFileSync(path.join(results, 'node-panel-genviral.txt'), panel);
		await page.setViewportSize({ width: 1440, height: 900 });
		const missing = actions.filter((a) => !panel.toLowerCase().includes(a.toLowerCase()));
		check(
			`the node panel lists all ${actions.length} actions of every resource`,
			missing.length === 0,
			missing.length ? `missing: ${missing.join('; ')}` : '',
		);
		const events = triggerEvents.filter((e) =>
			panel.toLowerCase().includes(`on ${e.toLowerCase()}`),
		);
		check(
			'the node panel lists the Genviral Trigger under Triggers, one entry per event',
			triggerEvents.length > 0 &&
				events.length === triggerEvents.length &&
				!/No Genviral Triggers available/i.test(panel),
			`${events.length}/${triggerEvents.length} events: ${triggerEvents.join(', ') || 'no trigger node in dist/'}`,
		);
	} else check('the node panel opens on a new workflow', false);

	// ---- the editor workflow: forms, pickers, a run
	await page.goto(`${baseUrl}/workflow/${EDITOR_WORKFLOW_ID}`, {
		waitUntil: 'networkidle',
		timeout: 60_000,
	});
	await page.waitForTimeout(1000);

	// n8n may load the options as the node opens or as the picker opens: listen from before both,
	// and wait for that request's answer and for its options to render, not for a fixed time (a
	// fixed wait saw 0 options on a loaded machine).
	const accountListsBefore = fake.requestsTo('GET /accounts').length;
	const accountOptions = page
		.waitForResponse((response) => isLoadOptions(response, 'getAccounts'), { timeout: 60_000 })
		.then(async (response) => await optionNames(response))
		.catch((error: Error) => error);
	if (await openNode(page, 'Create Post')) {
		const before = accountListsBefore;
		const picker = page.locator('[data-test-id="parameter-input-accountIds"]').first();
		await picker.click();
		const answered = await accountOptions;
		const expected = answered instanceof Error ? [] : answered;
		const visible = page.locator('.el-select-dropdown__item:visible, [role="option"]:visible');
		// A click that lands while the panel is still settling opens nothing: click again, a
		// bounded number of times, until the answered options are on screen.
		let rendered = false;
		for (let attempt = 0; attempt < 3 && !rendered; attempt++) {
			if (attempt > 0) await picker.click().catch(() => undefined);
			rendered = await waitForCount(visible, Math.max(1, expected.length), 10_000);
		}
		await shot('12-post-create-account-picker.png');
		const options = await visible.allInnerTexts();
		writeFileSync(path.join(results, 'post-create-account-picker.txt'), options.join('\n'));
		const missing = expected.filter((name) => !options.some((o) => o.includes(name)));
		check(
			'Post → Create: the Accounts picker loads the accounts from the API (GET /accounts)',
			!(answered instanceof Error) &&
				rendered &&
				expected.length > 0 &&
				missing.length === 0 &&
				fake.requestsTo('GET /accounts').length > before,
			answered instanceof Error
				? `no answer to the options request: ${answered.message.split('\n')[0]}`
				: `${expected.length} accounts answered, ${options.length} options shown: ${options.slice(0, 4).join(' | ').replace(/\s+/g, ' ')}${missing.length ? `; not shown: ${missing.join(', ')}` : ''}`,
		);
		await page.keyboard.press('Escape');
		await closeNode(page);
	} else check('Post → Create opens in the editor', false);

	const slideshowListsBefore = fake.requestsTo('GET /slideshows').length;
	const slideshowSearch = page
		.waitForResponse(
			(response) =>
				response.url().includes('/rest/dynamic-node-parameters/resource-locator-results') &&
				(response.request().postData() ?? '').includes('"searchSlideshows"'),
			{ timeout: 60_000 },
		)
		.catch((error: Error) => error);
	if (await openNode(page, 'Get Slideshow')) {
		const before = slideshowListsBefore;
		// The value box (not the From List / By ID mode selector beside it).
		const locator = page.locator('[data-test-id="resource-locator-slideshowId"]').first();
		await locator
			.locator('[data-test-id="rlc-input-container"], input[placeholder*="slideshow" i]')
			.last()
			.click()
			.catch(
				async () =>
					await locator
						.getByText(/Select a slideshow/i)
						.first()
						.click(),
			);
		// The search's answer, then every seeded title in the list (not a fixed wait).
		const answered = !((await slideshowSearch) instanceof Error);
		const rlcItems = page.locator('[data-test-id="rlc-item"]:visible');
		let loaded = answered;
		for (const title of SLIDESHOW_TITLES)
			loaded = loaded && (await waitForCount(rlcItems.filter({ hasText: title }), 1, 30_000));
		await shot('13-slideshow-from-list.png');
		// The dropdown is teleported out of the locator's container: read its items page-wide.
		const items = await page
			.locator('[data-test-id="rlc-item"]:visible')
			.allInnerTexts()
			.catch(() => [] as string[]);
		writeFileSync(path.join(results, 'slideshow-from-list.txt'), items.join('\n'));
		check(
			'Slideshow → Get: From List loads the slideshows by title (GET /slideshows)',
			loaded &&
				SLIDESHOW_TITLES.every((t) => items.some((i) => i.includes(t))) &&
				fake.requestsTo('GET /slideshows').length > before,
			`${items.length} items: ${items.slice(0, 4).join(' | ').replace(/\s+/g, ' ')}`,
		);
		await page.keyboard.press('Escape');
		await closeNode(page);
	} else check('Slideshow → Get opens in the editor', false);

	const postListsBefore = fake.requestsTo('GET /posts').length;
	if (await openNode(page, 'Get Post')) {
		const locator = page.locator('[data-test-id="resource-locator-postId"]').first();
		// n8n's resource-locator endpoint calls searchPosts: wait for its answer, then for every seeded caption.
		const postSearch = page
			.waitForResponse(
				(response) =>
					response.url().includes('/rest/dynamic-node-parameters/resource-locator-results') &&
					(response.request().postData() ?? '').includes('"searchPosts"'),
				{ timeout: 60_000 },
			)
			.catch((error: Error) => error);
		await locator
			.locator('[data-test-id="rlc-input-container"], input[placeholder*="post" i]')
			.last()
			.click()
			.catch(
				async () =>
					await locator
						.getByText(/Select a post/i)
						.first()
						.click(),
			);
		const rlcItems = page.locator('[data-test-id="rlc-item"]:visible');
		let loaded = !((await postSearch) instanceof Error);
		for (const caption of POST_CAPTIONS)
			loaded = loaded && (await waitForCount(rlcItems.filter({ hasText: caption }), 1, 30_000));
		await shot('15-post-from-list.png');
		const items = await page
			.locator('[data-test-id="rlc-item"]:visible')
			.allInnerTexts()
			.catch(() => [] as string[]);
		writeFileSync(path.join(results, 'post-from-list.txt'), items.join('\n'));
		check(
			'Post → Get: From List loads the recent posts as "caption · status · date" (GET /posts)',
			loaded &&
				POST_CAPTIONS.every((caption, i) =>
					items.some((item) =>
						item.includes(`${caption} · ${i === 0 ? 'scheduled' : 'posted'} · `),
					),
				) &&
				fake.requestsTo('GET /posts').length > postListsBefore,
			`${items.length} items: ${items.slice(0, 4).join(' | ').replace(/\s+/g, ' ')}`,
		);
		await page.keyboard.press('Escape');
		await closeNode(page);
	} else check('Post → Get opens in the editor', false);

	// Run the workflow from the editor, then open the render's output.
	const rendersBefore = fake.requestsTo('POST /slideshows/{slideshowId}/render').length;
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	const ran = await page
		.locator('[data-test-id="canvas-node-status-success"]')
		.first()
		.waitFor({ timeout: 60_000 })
		.then(() => true)
		.catch(() => false);
	check(
		'"Execute workflow" in the editor runs Slideshow → Render',
		ran && fake.requestsTo('POST /slideshows/{slideshowId}/render').length > rendersBefore,
	);
	if (await openNode(page, 'Render Slideshow')) {
		// The output panel's Binary view (the rightmost of its display modes).
		await page
			.getByText(/^Binary$/)
			.last()
			.click({ timeout: 5000 })
			.catch(() => undefined);
		await page.waitForTimeout(1200);
		await shot('14-render-output-binary.png');
		const shown = await text();
		writeFileSync(path.join(results, 'render-output.txt'), shown);
		check(
			'the Render output panel shows slide_0, slide_1, slide_2 as image files',
			['slide_0', 'slide_1', 'slide_2'].every((k) => shown.includes(k)) &&
				/image\/(png|jpeg|webp)/i.test(shown),
			shown.replace(/\s+/g, ' ').slice(0, 200),
		);
		await closeNode(page);
	} else check('Slideshow → Render opens in the editor', false);
	return shots;
}
