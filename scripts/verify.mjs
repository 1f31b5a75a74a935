// `npm run verify`: every check of n8n's community-node verification guidelines that can run
// offline, as a checklist (one line per guideline: PASS/FAIL and why). Exits 1 on a failure.
// Needs the build (`npm run build`): n8n loads dist/, so dist/ is what is checked.
// Not checkable here: that the npm publisher matches the repository owner and that the
// published version carries a provenance statement (the publish workflow provides it).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const checks = require('./verify-checks.cjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file) =>
	existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : undefined;
const pkg = JSON.parse(read('package.json'));

/** dist/**\/*.js, as n8n loads them: relative path → source. */
function distSources() {
	const sources = {};
	const walk = (dir) => {
		if (!existsSync(dir)) return;
		for (const entry of readdirSync(dir)) {
			const file = path.join(dir, entry);
			if (statSync(file).isDirectory()) walk(file);
			else if (file.endsWith('.js'))
				sources[path.relative(root, file)] = readFileSync(file, 'utf8');
		}
	};
	walk(path.join(root, 'dist'));
	return sources;
}

/** The node and credential descriptions n8n shows, from the built classes of the n8n block. */
function descriptions() {
	const found = {};
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		const exports = require(path.join(root, file));
		for (const [name, Type] of Object.entries(exports)) {
			if (typeof Type !== 'function') continue;
			const instance = new Type();
			found[name] = instance.description ?? {
				displayName: instance.displayName,
				properties: instance.properties,
			};
		}
	}
	return found;
}

/** Run an npm script quietly; its output is shown only when it fails. */
function npmRun(script) {
	const result = spawnSync('npm', ['run', '--silent', script], {
		cwd: root,
		encoding: 'utf8',
		env: { ...process.env, FORCE_COLOR: '0' },
	});
	if (result.status === 0) return [];
	process.stdout.write(`${result.stdout ?? ''}${result.stderr ?? ''}\n`);
	return [`npm run ${script} exited with ${result.status ?? result.signal}`];
}

const sources = distSources();
const checklist = [
	[
		'Built and linted with the official n8n-node tool (n8n-node lint, strict config)',
		() => npmRun('lint'),
	],
	['@n8n/scan-community-package finds nothing (tarball and source)', () => npmRun('scan')],
	['No runtime dependencies', () => checks.checkNoRuntimeDependencies(pkg, sources)],
	[
		'No environment variables, process or file access in node code (dist/)',
		() => checks.checkNodeCodeRestrictions(sources),
	],
	['MIT licence', () => checks.checkLicense(pkg, read('LICENSE'))],
	[
		'English UI text (Latin script in names, descriptions, options)',
		() => checks.checkEnglishUiText(descriptions()),
	],
	[
		'Package metadata (name, keywords, author, repository, homepage, bugs, n8n block)',
		() => checks.checkMetadata(pkg, (file) => existsSync(path.join(root, file))),
	],
	['Documentation (README.md)', () => checks.checkDocumentation(pkg, read('README.md'))],
	[
		'Published from GitHub Actions with provenance; CI runs .ci/run',
		() =>
			checks.checkWorkflows(
				read('.github/workflows/ci.yml'),
				read('.github/workflows/publish.yml'),
			),
	],
];

let failures = 0;
const lines = [];
for (const [guideline, run] of checklist) {
	let problems;
	try {
		problems = run();
	} catch (error) {
		problems = [`check crashed: ${error instanceof Error ? error.message : String(error)}`];
	}
	if (problems.length > 0) failures++;
	lines.push(
		`${problems.length === 0 ? 'PASS' : 'FAIL'}  ${guideline}${problems.length ? `\n        ${problems.slice(0, 10).join('\n        ')}` : ''}`,
	);
}
process.stdout.write(`\nn8n verification checklist (offline)\n${lines.join('\n')}\n`);
process.stdout.write(
	'n/a   npm publisher = repository owner, provenance on the published version: checked by npm/n8n at publish time\n',
);
process.stdout.write(`verify: ${checklist.length - failures} passed, ${failures} failed\n`);
process.exitCode = failures > 0 ? 1 : 0;
