/** The package as n8n and npm see it: loader checks, tarball contents, no runtime dependencies. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { RESOURCES } from '../nodes/Genviral/actions/resources';
import { COVERED } from './harness/coverage';
import { REPO_ROOT, loadTypes } from './harness/engine';
import { endpoints } from './harness/reference';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
	name: string;
	keywords: string[];
	files: string[];
	dependencies?: Record<string, string>;
	peerDependencies: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
};

describe('package.json', () => {
	test('is a community node package with no runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-genviral');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	});

	test('every path of the n8n block exists after the build', () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect({ file, exists: existsSync(path.join(REPO_ROOT, file)) }).toEqual({
				file,
				exists: true,
			});
		}
	});
});

describe('n8n-core PackageDirectoryLoader', () => {
	test('loads the node with its codex and icons, and the credential', async () => {
		const { genviralLoader } = await loadTypes();
		expect(Object.keys(genviralLoader.nodeTypes)).toEqual(['genviral', 'genviralTrigger']);
		expect(Object.keys(genviralLoader.credentialTypes)).toEqual(['genviralApi']);

		const [node] = genviralLoader.types.nodes;
		expect(node.name).toBe('genviral');
		expect(node.usableAsTool).toEqual({
			replacements: { description: expect.stringContaining('never as binary data') },
		});
		expect(node.codex?.categories).toEqual(['Marketing', 'Analytics']);
		const icons = node.iconUrl as { light: string; dark: string };
		for (const icon of [icons.light, icons.dark]) {
			expect(icon).toMatch(
				/^icons\/n8n-nodes-genviral\/dist\/nodes\/Genviral\/genviral(\.dark)?\.svg$/,
			);
			const file = path.join(REPO_ROOT, icon.replace('icons/n8n-nodes-genviral/', ''));
			expect(readFileSync(file, 'utf8')).toContain('<svg');
		}
		const [credential] = genviralLoader.types.credentials;
		expect(credential.name).toBe('genviralApi');
		expect(credential.iconUrl).toBeDefined();
	});
});

describe('npm pack', () => {
	test('the tarball holds only dist/, package.json, README.md and LICENSE', () => {
		const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		const [{ files }] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
		const outside = files.map((f) => f.path).filter((p) => !p.startsWith('dist/'));
		expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(files.map((f) => f.path)).toContain(file);
		}
		expect(files.map((f) => f.path)).toEqual(
			expect.arrayContaining([
				'dist/nodes/Genviral/genviral.svg',
				'dist/nodes/Genviral/genviral.dark.svg',
			]),
		);
	});
});

describe('the node description, as an editor or an AI agent reads it', () => {
	const selectorsOf = async () => {
		const { genviralLoader } = await loadTypes();
		const [node] = genviralLoader.types.nodes;
		return {
			node,
			resourceSelector: node.properties.find((p) => p.name === 'resource')!,
			operationSelectors: node.properties.filter((p) => p.name === 'operation'),
		};
	};
	type SelectorOption = { name: string; value: string; description?: string; action?: string };
	/** Collections that only group optional fields, named as n8n names them. */
	const CONTAINERS = ['additionalFields', 'updateFields', 'filters', 'options'];

	test('the Resource list is exactly actions/resources.ts, each with a description', async () => {
		const { node, resourceSelector } = await selectorsOf();
		expect(node.properties.filter((p) => p.name === 'resource')).toHaveLength(1);
		const options = resourceSelector.options as SelectorOption[];
		expect(options.map((o) => o.value)).toEqual(RESOURCES.map((r) => r.value));
		expect(options.map((o) => o.name)).toEqual(RESOURCES.map((r) => r.name));
		for (const option of options)
			expect({ resource: option.name, description: option.description }).toEqual({
				resource: option.name,
				description: expect.stringMatching(/.{20,}/),
			});
	});

	test('one Operation list per resource, exactly its operations, each with a description and an action', async () => {
		const { operationSelectors } = await selectorsOf();
		expect(operationSelectors).toHaveLength(RESOURCES.length);
		for (const resource of RESOURCES) {
			const selector = operationSelectors.find(
				(s) => s.displayOptions?.show?.resource?.[0] === resource.value,
			);
			expect({ resource: resource.value, selector: selector !== undefined }).toEqual({
				resource: resource.value,
				selector: true,
			});
			const options = selector!.options as SelectorOption[];
			expect(options.map((o) => o.value).sort()).toEqual(Object.keys(resource.operations).sort());
			for (const option of options) {
				// More than the action label: what it does and what comes back.
				expect({
					operation: `${resource.value}.${option.value}`,
					description: option.description,
				}).toEqual({
					operation: `${resource.value}.${option.value}`,
					description: expect.stringMatching(/.{25,}/),
				});
				expect(option.description?.toLowerCase()).not.toBe(option.action?.toLowerCase());
				expect({ operation: `${resource.value}.${option.value}`, action: option.action }).toEqual({
					operation: `${resource.value}.${option.value}`,
					action: expect.stringMatching(/^[A-Z][a-z]+ .{5,}/),
				});
			}
		}
	});

	test('every operation reaches the API, and together they reach every endpoint of the reference', async () => {
		const { operationSelectors } = await selectorsOf();
		const nodeOperations = operationSelectors
			.flatMap((s) =>
				(s.options as SelectorOption[]).map(
					(o) => `${String(s.displayOptions?.show?.resource?.[0])}.${o.value}`,
				),
			)
			.sort();
		const operationCount = RESOURCES.reduce((sum, r) => sum + Object.keys(r.operations).length, 0);
		expect(nodeOperations).toHaveLength(operationCount);
		// COVERED: reference endpoint → the node parameters that call it (each run against the fake elsewhere).
		const reached = [
			...new Set(
				COVERED.map(
					([, , parameters]) => `${String(parameters.resource)}.${String(parameters.operation)}`,
				),
			),
		].sort();
		expect(reached).toEqual(nodeOperations);
		const reference = endpoints()
			.map((e) => `${e.resource}.${e.operation}`)
			.sort();
		expect(reference).toHaveLength(57);
		expect(COVERED.map(([resource, operation]) => `${resource}.${operation}`).sort()).toEqual(
			reference,
		);
	});

	test('every field an agent could fill, nested options included, has a description that says what to give', async () => {
		const { node } = await selectorsOf();
		const problems: string[] = [];
		let nested = 0;
		const check = (property: INodeProperties, path: string): void => {
			if (property.type === 'notice') return;
			if (path.includes(' → ')) nested++;
			const description = property.description ?? '';
			const where = `${path} (${property.name})`;
			// n8n's standard containers explain themselves; what an agent fills are their options, checked below.
			const container = property.type === 'collection' && CONTAINERS.includes(property.name);
			if (description.trim() === '') {
				if (!container) problems.push(`${where}: no description`);
			} else if (description.trim().length < 20)
				problems.push(`${where}: too short to tell an agent what to give: "${description}"`);
			else if (description.trim().toLowerCase() === property.displayName.toLowerCase())
				problems.push(`${where}: only repeats its name`);
			else if (/\bto (act|work) on\b/i.test(description))
				problems.push(`${where}: says nothing about this operation: "${description}"`);
			if (property.type === 'collection') {
				for (const option of (property.options ?? []) as INodeProperties[])
					check(option, `${path} → ${option.displayName}`);
			}
			if (property.type === 'fixedCollection') {
				for (const group of (property.options ?? []) as INodePropertyCollection[]) {
					for (const value of group.values)
						check(value, `${path} → ${group.displayName} → ${value.displayName}`);
				}
			}
		};
		for (const property of node.properties) {
			if (property.name === 'resource' || property.name === 'operation') continue;
			const show = property.displayOptions?.show ?? {};
			const context = `${(show.resource ?? ['*']).join('|')}.${(show.operation ?? ['*']).join('|')}`;
			check(property, `${context}: ${property.displayName}`);
		}
		expect([...new Set(problems)]).toEqual([]);
		// The walk reached the options of collections and fixedCollections (Options → Batching → ...).
		expect(nested).toBeGreaterThan(100);
	});
});
