// The offline checks of n8n's community-node verification guidelines that need no tool run:
// each takes what it inspects (package.json, file texts, node descriptions, workflow YAML) and
// returns the problems found ([] = pass). scripts/verify.mjs runs them on this repository and
// prints the checklist; test/verify.test.ts runs them on good and bad inputs.
'use strict';

const YAML = require('yaml');

const REPOSITORY = /^(?:git\+)?https:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?$/;

/** Package metadata as n8n's tool generates it, consistent with the repository. */
function checkMetadata(pkg, existing = () => true) {
	const problems = [];
	if (!/^(@[\w.-]+\/)?n8n-nodes-[\w.-]+$/.test(pkg.name ?? ''))
		problems.push(`name "${pkg.name}" is not n8n-nodes-<name>`);
	if (!(pkg.keywords ?? []).includes('n8n-community-node-package'))
		problems.push('keywords lack "n8n-community-node-package"');
	if (!pkg.author?.name || !pkg.author?.email) problems.push('author needs a name and an email');
	const repoUrl = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
	const match = REPOSITORY.exec(repoUrl ?? '');
	if (!match) problems.push(`repository "${repoUrl}" is not a GitHub repository URL`);
	else {
		const base = `https://github.com/${match[1]}/${match[2]}`;
		if (!String(pkg.homepage ?? '').startsWith(base))
			problems.push(`homepage "${pkg.homepage}" is not under ${base}`);
		const bugs = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url;
		if (bugs !== `${base}/issues`) problems.push(`bugs "${bugs}" is not ${base}/issues`);
	}
	const n8n = pkg.n8n ?? {};
	if (n8n.n8nNodesApiVersion !== 1) problems.push('n8n.n8nNodesApiVersion is not 1');
	if (n8n.strict !== true) problems.push('n8n.strict is not true (n8n Cloud needs strict mode)');
	const declared = [...(n8n.nodes ?? []), ...(n8n.credentials ?? [])];
	if ((n8n.nodes ?? []).length === 0) problems.push('n8n.nodes is empty');
	for (const file of declared) {
		if (!file.startsWith('dist/')) problems.push(`n8n block path ${file} is outside dist/`);
		else if (!existing(file)) problems.push(`n8n block path ${file} does not exist (build first)`);
	}
	if (JSON.stringify(pkg.files) !== JSON.stringify(['dist']))
		problems.push(`files is ${JSON.stringify(pkg.files)}, not ["dist"]`);
	return problems;
}

/**
 * What built code may require without a dependency: n8n-workflow (the peer) and Node's crypto,
 * which n8n's own community rule (`no-restricted-imports`) allows on Cloud. Nothing else, even
 * of what that rule tolerates (lodash, luxon...): this package declares no runtime dependency.
 */
const PROVIDED_MODULES = new Set(['n8n-workflow', 'crypto', 'node:crypto']);

/** No runtime dependencies: nothing installed beside the package but n8n itself. */
function checkNoRuntimeDependencies(pkg, distSources = {}) {
	const problems = [];
	for (const field of [
		'dependencies',
		'optionalDependencies',
		'bundleDependencies',
		'bundledDependencies',
	]) {
		const names = Object.keys(pkg[field] ?? {});
		if (names.length > 0) problems.push(`${field}: ${names.join(', ')}`);
	}
	const peers = Object.keys(pkg.peerDependencies ?? {}).filter((name) => name !== 'n8n-workflow');
	if (peers.length > 0) problems.push(`peerDependencies beyond n8n-workflow: ${peers.join(', ')}`);
	for (const [file, source] of Object.entries(distSources)) {
		for (const [, name] of source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
			if (!name.startsWith('.') && !PROVIDED_MODULES.has(name))
				problems.push(`${file} requires "${name}"`);
		}
	}
	return problems;
}

/** What strict mode forbids, looked for in the built code that n8n loads (lint checks the source). */
const FORBIDDEN_IN_NODE_CODE = [
	[/\bprocess\s*\.\s*(env|exit|cwd|argv|platform|kill)\b/, 'process'],
	[/\bglobalThis\b/, 'globalThis'],
	[
		/\brequire\(\s*["'](node:)?(fs|fs\/promises|child_process|os|worker_threads|vm)["']\s*\)/,
		'a file system / process module',
	],
	[/\b(__dirname|__filename)\b/, '__dirname/__filename'],
	[/\beval\s*\(|\bnew Function\s*\(/, 'eval / new Function'],
];

function checkNodeCodeRestrictions(distSources) {
	const problems = [];
	for (const [file, source] of Object.entries(distSources)) {
		for (const [pattern, what] of FORBIDDEN_IN_NODE_CODE) {
			if (pattern.test(source)) problems.push(`${file} uses ${what}`);
		}
	}
	if (Object.keys(distSources).length === 0)
		problems.push('no built node code found (build first)');
	return problems;
}

/** The MIT licence, declared and shipped. */
function checkLicense(pkg, licenseText) {
	const problems = [];
	if (pkg.license !== 'MIT') problems.push(`license is "${pkg.license}", not MIT`);
	if (licenseText === undefined) problems.push('no LICENSE file');
	else if (!/^\s*MIT License/.test(licenseText) || !/Copyright/i.test(licenseText))
		problems.push('LICENSE is not the MIT text with a copyright line');
	return problems;
}

/** UI text fields of node and credential descriptions (options and nested collections included). */
const TEXT_FIELDS = [
	'displayName',
	'description',
	'action',
	'placeholder',
	'hint',
	'subtitle',
	'name',
];
/**
 * A heuristic for English UI text: text written mostly in another script than Latin is another
 * language. A quoted example in another script (a YouTube handle such as @みずき) is fine, so a
 * text fails when more than a quarter of its letters are not Latin.
 */
const NON_LATIN_LETTER = /(?![\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}])\p{L}/gu;
function mostlyNonLatin(text) {
	const letters = text.match(/\p{L}/gu)?.length ?? 0;
	const nonLatin = text.match(NON_LATIN_LETTER)?.length ?? 0;
	return nonLatin > 0 && nonLatin * 4 > letters;
}

function checkEnglishUiText(descriptions) {
	const problems = [];
	const visit = (value, where, key) => {
		if (typeof value === 'string') {
			if (TEXT_FIELDS.includes(key) && mostlyNonLatin(value))
				problems.push(`${where}: "${value.slice(0, 60)}"`);
			return;
		}
		if (Array.isArray(value)) value.forEach((entry, i) => visit(entry, `${where}[${i}]`, key));
		else if (value && typeof value === 'object') {
			for (const [childKey, child] of Object.entries(value)) {
				// Defaults, routing and values are data, not UI text.
				if (
					['default', 'routing', 'value', 'requestDefaults', 'authenticate', 'test'].includes(
						childKey,
					)
				)
					continue;
				visit(child, `${where}.${childKey}`, childKey);
			}
		}
	};
	for (const [name, description] of Object.entries(descriptions)) visit(description, name, '');
	return problems;
}

/** User documentation: a README in the tarball that says how to install the package. */
function checkDocumentation(pkg, readmeText) {
	if (readmeText === undefined) return ['no README.md'];
	const problems = [];
	if (readmeText.length < 1000) problems.push(`README.md has only ${readmeText.length} characters`);
	if (!readmeText.includes(pkg.name))
		problems.push(`README.md never names the package "${pkg.name}" (install instructions)`);
	if (!/credential/i.test(readmeText)) problems.push('README.md does not explain the credentials');
	return problems;
}

const stepsText = (job) => (job?.steps ?? []).map((step) => String(step.run ?? '')).join('\n');
const onOf = (workflow) => workflow?.on ?? workflow?.true ?? {};

/** CI on pushes and pull requests; publishing from a version tag with provenance and no token secret. */
function checkWorkflows(ciYaml, publishYaml) {
	const problems = [];
	if (ciYaml === undefined) problems.push('no .github/workflows/ci.yml');
	else {
		const ci = YAML.parse(ciYaml);
		const on = onOf(ci);
		if (!('push' in on) || !('pull_request' in on))
			problems.push('ci.yml does not run on push and pull_request');
		const runs = Object.values(ci.jobs ?? {})
			.map(stepsText)
			.join('\n');
		if (!/\bbash \.ci\/run\b/.test(runs)) problems.push('ci.yml does not run `bash .ci/run`');
	}
	if (publishYaml === undefined) problems.push('no .github/workflows/publish.yml');
	else {
		const publish = YAML.parse(publishYaml);
		const on = onOf(publish);
		const tags = on.push?.tags ?? [];
		if (!Array.isArray(tags) || tags.length === 0 || Object.keys(on).length !== 1)
			problems.push('publish.yml does not run on version tags only');
		if (publish.permissions?.['id-token'] !== 'write')
			problems.push('publish.yml lacks permissions id-token: write');
		const jobs = Object.values(publish.jobs ?? {});
		const runs = jobs.map(stepsText).join('\n');
		const testAt = runs.search(/\bbash \.ci\/run\b|\bnpm (run )?test\b/);
		const publishAt = runs.search(
			/\bnpm publish\b.*--provenance\b.*--access public|\bnpm publish\b.*--access public\b.*--provenance\b/,
		);
		if (publishAt < 0)
			problems.push('publish.yml does not run `npm publish --provenance --access public`');
		if (testAt < 0 || (publishAt >= 0 && testAt > publishAt))
			problems.push('publish.yml does not run the tests before publishing');
		if (/secrets\.NPM_TOKEN|NODE_AUTH_TOKEN/.test(publishYaml))
			problems.push('publish.yml uses a token secret (trusted publishing needs none)');
	}
	return problems;
}

module.exports = {
	checkMetadata,
	checkNoRuntimeDependencies,
	checkNodeCodeRestrictions,
	checkLicense,
	checkEnglishUiText,
	checkDocumentation,
	checkWorkflows,
};
