/** The Genviral Trigger as n8n loads it from the package (dist/), and as the editor shows it. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { REPO_ROOT, loadTypes } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { loadTriggerOptions } from '../harness/poll';

describe('Genviral Trigger node', () => {
	const env = useFakeGenviral();

	test('loads as a polling trigger with Poll Times, its icon, codex and the shared credential', async () => {
		const { genviralLoader } = await loadTypes();
		const node = genviralLoader.types.nodes.find((n) => n.name === 'genviralTrigger')!;
		expect(node).toMatchObject({
			displayName: 'Genviral Trigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			outputs: ['main'],
		});
		expect(node.credentials).toEqual([{ name: 'genviralApi', required: true }]);
		// n8n adds Poll Times to every polling node; the Event comes right after it.
		expect(node.properties.map((p) => p.name).slice(0, 2)).toEqual(['pollTimes', 'event']);
		expect(node.codex?.categories).toEqual(['Marketing', 'Analytics']);
		const icons = node.iconUrl as { light: string; dark: string };
		for (const icon of [icons.light, icons.dark]) {
			expect(icon).toMatch(
				/^icons\/n8n-nodes-genviral\/dist\/nodes\/GenviralTrigger\/genviral(\.dark)?\.svg$/,
			);
			expect(
				readFileSync(path.join(REPO_ROOT, icon.replace('icons/n8n-nodes-genviral/', '')), 'utf8'),
			).toContain('<svg');
		}
		expect(
			existsSync(path.join(REPO_ROOT, 'dist/nodes/GenviralTrigger/GenviralTrigger.node.json')),
		).toBe(true);
		// Every parameter an editor or an AI agent fills has a description (collections: their options).
		const fields = node.properties
			.filter((p) => p.type !== 'notice')
			.flatMap((p) =>
				p.type === 'collection' ? ((p.options ?? []) as typeof node.properties) : [p],
			);
		for (const property of fields) {
			expect({ name: property.name, description: property.description ?? '' }).toEqual({
				name: property.name,
				description: expect.stringMatching(/\w{3,}/),
			});
		}
	});

	test('the filter lists load from the API: accounts (GET /accounts) and tracked profiles (GET /analytics/targets)', async () => {
		env.fake.seedTarget(DEFAULT_TOKEN, {
			platform: 'tiktok',
			identifier: '@rival',
			postCount: 0,
			display_name: 'Rival',
		});
		const accounts = (await loadTriggerOptions(env.fake, 'getAccounts')) as Array<{
			name: string;
			value: string;
		}>;
		expect(accounts.length).toBeGreaterThan(3);
		expect(accounts).toContainEqual({ name: 'Acme · tiktok · @acme', value: expect.any(String) });
		const targets = (await loadTriggerOptions(env.fake, 'getTargets')) as Array<{
			name: string;
			value: string;
		}>;
		expect(targets).toEqual([{ name: 'Rival · TikTok · @rival', value: expect.any(String) }]);
		expect(
			env.fake.requests.every((r) => r.headers.authorization === `Bearer ${DEFAULT_TOKEN}`),
		).toBe(true);
	});
});
