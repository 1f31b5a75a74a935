/**
 * Verification-ready: the checks `npm run verify` prints (scripts/verify-checks.cjs) pass on
 * this repository and fail on what n8n's guidelines reject; the GitHub workflows (which cannot
 * run here) are parsed and checked: triggers, permissions, steps.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import YAML from 'yaml';

import { REPO_ROOT, loadTypes } from './harness/engine';

type Problems = string[];
interface Pkg {
	name: string;
	license: string;
	homepage: string;
	author: { name: string; email: string; url?: string };
	repository: { type: string; url: string };
	bugs: { url: string };
	[key: string]: unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const checks = require('../scripts/verify-checks.cjs') as {
	checkMetadata(pkg: unknown, existing?: (file: string) => boolean): Problems;
	checkNoRuntimeDependencies(pkg: unknown, dist?: Record<string, string>): Problems;
	checkNodeCodeRestrictions(dist: Record<string, string>): Problems;
	checkLicense(pkg: unknown, licenseText: string | undefined): Problems;
	checkEnglishUiText(descriptions: Record<string, unknown>): Problems;
	checkDocumentation(pkg: unknown, readme: string | undefined): Problems;
	checkWorkflows(ci: string | undefined, publish: string | undefined): Problems;
};

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as Pkg;
const ciYaml = read('.github/workflows/ci.yml');
const publishYaml = read('.github/workflows/publish.yml');

describe('package.json metadata', () => {
	test('repository, homepage, bugs and author point to one GitHub repository', () => {
		expect(pkg.repository).toEqual({
			type: 'git',
			url: 'git+https://github.com/genviral/n8n-nodes-genviral.git',
		});
		expect(pkg.homepage).toBe('https://github.com/genviral/n8n-nodes-genviral#readme');
		expect(pkg.bugs).toEqual({ url: 'https://github.com/genviral/n8n-nodes-genviral/issues' });
		expect(pkg.author.name).toMatch(/\S/);
		expect(pkg.author.email).toMatch(/@/);
		expect(checks.checkMetadata(pkg)).toEqual([]);
	});

	test('lint is the official n8n-node tool in strict mode, with the config it generates, and npm test runs verify', () => {
		const scripts = pkg.scripts as Record<string, string>;
		expect(scripts.lint).toMatch(/\bn8n-node lint$/);
		expect(scripts.test).toMatch(/npm run verify && jest$/);
		expect(read('eslint.config.mjs').replace(/\s+/g, ' ').trim()).toBe(
			"import { config } from '@n8n/node-cli/eslint'; export default config;",
		);
		expect((pkg.devDependencies as Record<string, string>)['@n8n/node-cli']).toMatch(
			/^\d+\.\d+\.\d+$/,
		);
	});

	test('a repository elsewhere, a homepage or bugs URL off it, or a missing author is reported', () => {
		const problems = checks.checkMetadata({
			...pkg,
			author: { name: 'x' },
			homepage: 'https://www.genviral.io',
			bugs: { url: 'https://github.com/someone/else/issues' },
			n8n: { ...(pkg.n8n as object), strict: false },
		});
		expect(problems).toEqual([
			'author needs a name and an email',
			'homepage "https://www.genviral.io" is not under https://github.com/genviral/n8n-nodes-genviral',
			'bugs "https://github.com/someone/else/issues" is not https://github.com/genviral/n8n-nodes-genviral/issues',
			'n8n.strict is not true (n8n Cloud needs strict mode)',
		]);
	});
});

describe('verification checks on bad input', () => {
	test('a runtime dependency, or a built file that requires a package, fails', () => {
		expect(checks.checkNoRuntimeDependencies({ ...pkg, dependencies: { axios: '1.0.0' } })).toEqual(
			['dependencies: axios'],
		);
		expect(
			checks.checkNoRuntimeDependencies(pkg, {
				'dist/a.js':
					'const x = require("lodash"); const y = require("./y"); require("n8n-workflow"); require("node:crypto");',
			}),
		).toEqual(['dist/a.js requires "lodash"']);
	});

	test('process, globalThis or the file system in built node code fails', () => {
		expect(
			checks.checkNodeCodeRestrictions({
				'dist/a.js': 'const key = process.env.KEY;',
				'dist/b.js': 'const fs = require("node:fs");',
				'dist/c.js': "description: 'Whether to process the file system entries'",
			}),
		).toEqual(['dist/a.js uses process', 'dist/b.js uses a file system / process module']);
	});

	test('a licence other than MIT fails', () => {
		expect(checks.checkLicense({ license: 'ISC' }, 'ISC License')).toEqual([
			'license is "ISC", not MIT',
			'LICENSE is not the MIT text with a copyright line',
		]);
		expect(checks.checkLicense(pkg, read('LICENSE'))).toEqual([]);
	});

	test('UI text mostly in another script fails; an English text quoting a handle in another script passes', () => {
		const description = {
			displayName: 'Genviral',
			properties: [
				{
					displayName: 'Handle',
					name: 'handle',
					description: 'Handle to track, e.g. @みずき',
					default: 'データ',
				},
				{
					displayName: 'Operation',
					name: 'operation',
					options: [{ name: 'Создать пост', value: 'create' }],
				},
			],
		};
		expect(checks.checkEnglishUiText({ Genviral: description })).toEqual([
			'Genviral.properties[1].options[0].name: "Создать пост"',
		]);
	});

	test('the node and credential descriptions n8n loads are English', async () => {
		const { genviralLoader } = await loadTypes();
		const descriptions = Object.fromEntries(
			[...genviralLoader.types.nodes, ...genviralLoader.types.credentials].map((d) => [d.name, d]),
		);
		expect(Object.keys(descriptions).sort()).toEqual([
			'genviral',
			'genviralApi',
			'genviralTrigger',
		]);
		expect(checks.checkEnglishUiText(descriptions)).toEqual([]);
	});

	test('a README that never names the package fails', () => {
		expect(checks.checkDocumentation(pkg, 'Short.')).toEqual([
			'README.md has only 6 characters',
			'README.md never names the package "n8n-nodes-genviral" (install instructions)',
			'README.md does not explain the credentials',
		]);
		expect(checks.checkDocumentation(pkg, read('README.md'))).toEqual([]);
	});
});

describe('GitHub workflows', () => {
	const ci = YAML.parse(ciYaml);
	const publish = YAML.parse(publishYaml);
	const runsOf = (workflow: {
		jobs: Record<string, { steps: Array<{ run?: string; uses?: string }> }>;
	}) =>
		Object.values(workflow.jobs).flatMap((job) =>
			job.steps.map((step) => step.run ?? step.uses ?? ''),
		);

	test('CI runs bash .ci/run on Node 24 for every push and pull request, with read-only permissions', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.permissions).toEqual({ contents: 'read' });
		const steps = runsOf(ci);
		expect(steps).toContain('bash .ci/run');
		const setupNode = Object.values(
			ci.jobs as Record<
				string,
				{ steps: Array<{ uses?: string; with?: { 'node-version'?: number } }> }
			>,
		)[0].steps.find((s) => s.uses?.startsWith('actions/setup-node'));
		expect(setupNode?.with?.['node-version']).toBe(24);
	});

	test('publish runs on version tags only, tests first, then npm publish --provenance --access public, with id-token: write and no token secret', () => {
		expect(publish.on).toEqual({ push: { tags: ['v*.*.*'] } });
		expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		const steps = runsOf(publish);
		const test = steps.indexOf('bash .ci/run');
		const release = steps.indexOf('npm publish --provenance --access public');
		expect(test).toBeGreaterThan(-1);
		expect(release).toBeGreaterThan(test);
		expect(release).toBe(steps.length - 1);
		expect(publishYaml).not.toMatch(/secrets\.|NODE_AUTH_TOKEN/);
		expect(checks.checkWorkflows(ciYaml, publishYaml)).toEqual([]);
	});

	test('the workflow check catches a publish without provenance or id-token, or before the tests', () => {
		const broken = publishYaml
			.replace('  id-token: write\n', '')
			.replace('npm publish --provenance --access public', 'npm publish')
			.replace('run: bash .ci/run', 'run: echo skipped');
		expect(checks.checkWorkflows(ciYaml, broken)).toEqual([
			'publish.yml lacks permissions id-token: write',
			'publish.yml does not run `npm publish --provenance --access public`',
			'publish.yml does not run the tests before publishing',
		]);
		expect(checks.checkWorkflows(ciYaml.replace('  pull_request:\n', ''), publishYaml)).toEqual([
			'ci.yml does not run on push and pull_request',
		]);
	});
});
