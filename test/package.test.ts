/** The package as n8n and npm see it: loader checks, tarball contents, no runtime dependencies. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT, loadTypes } from './harness/engine';

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
			expect({ file, exists: existsSync(path.join(REPO_ROOT, file)) }).toEqual({ file, exists: true });
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
		expect(node.usableAsTool).toBe(true);
		expect(node.codex?.categories).toEqual(['Marketing', 'Analytics']);
		const icons = node.iconUrl as { light: string; dark: string };
		for (const icon of [icons.light, icons.dark]) {
			expect(icon).toMatch(/^icons\/n8n-nodes-genviral\/dist\/nodes\/Genviral\/genviral(\.dark)?\.svg$/);
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
		expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['dist/nodes/Genviral/genviral.svg', 'dist/nodes/Genviral/genviral.dark.svg']));
	});
});

describe('the node description, as an editor or an AI agent reads it', () => {
	test('every resource and operation has a description, every operation an action', async () => {
		const { genviralLoader } = await loadTypes();
		const [node] = genviralLoader.types.nodes;
		const selectors = node.properties.filter((p) => p.name === 'resource' || p.name === 'operation');
		// The Resource selector and one Operation selector per resource (more as resources land).
		expect(selectors.length).toBeGreaterThanOrEqual(7);
		for (const selector of selectors) {
			for (const option of selector.options as Array<{ name: string; description?: string; action?: string }>) {
				expect({ option: option.name, description: typeof option.description }).toEqual({ option: option.name, description: 'string' });
				if (selector.name === 'operation') expect(option.action).toMatch(/^[A-Z][a-z]+ /);
			}
		}
		const operations = selectors.filter((s) => s.name === 'operation').flatMap((s) => s.options ?? []);
		expect(operations.length).toBeGreaterThanOrEqual(26);
	});

	test('every field an agent could fill has a description or is self-explaining', async () => {
		const { genviralLoader } = await loadTypes();
		const [node] = genviralLoader.types.nodes;
		const undocumented = node.properties
			.filter((p) => !['resource', 'operation', 'options', 'additionalFields', 'updateFields', 'filters', 'returnAll', 'sortOrder'].includes(p.name))
			.filter((p) => !p.description)
			.map((p) => p.name);
		expect(undocumented).toEqual([]);
	});
});
