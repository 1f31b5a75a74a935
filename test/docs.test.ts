/**
 * The docs against the node: README's operations table and the pages in docs/resources/ hold
 * exactly the node's operations, with the reference endpoint each `defineResource` entry
 * names; and every relative link in README.md, CONTRIBUTING.md and docs/ resolves (the file
 * exists, and a `#anchor` is a heading of the target).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { RESOURCES } from '../nodes/Genviral/actions/resources';
import { REPO_ROOT } from './harness/engine';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** Markdown files checked for links, relative to the repository root. */
function markdownFiles(): string[] {
	const found: string[] = ['README.md', 'CONTRIBUTING.md'];
	const walk = (dir: string) => {
		for (const name of readdirSync(path.join(REPO_ROOT, dir)).sort()) {
			const relative = `${dir}/${name}`;
			if (statSync(path.join(REPO_ROOT, relative)).isDirectory()) walk(relative);
			else if (name.endsWith('.md')) found.push(relative);
		}
	};
	walk('docs');
	return found;
}

/** The lines of a Markdown text outside fenced code blocks. */
function proseLines(text: string): string[] {
	let fenced = false;
	return text.split('\n').filter((line) => {
		if (line.trimStart().startsWith('```')) {
			fenced = !fenced;
			return false;
		}
		return !fenced;
	});
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
	return heading
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\p{M}_\- ]/gu, '')
		.replace(/ /g, '-');
}

/** Every anchor of a Markdown text, numbered as GitHub numbers repeated headings (-1, -2, …). */
function anchorsOf(text: string): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	for (const line of proseLines(text)) {
		const heading = /^#{1,6} (.*)$/.exec(line);
		if (!heading) continue;
		const base = anchorOf(heading[1]);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.add(count === 0 ? base : `${base}-${count}`);
	}
	return anchors;
}

/** Headings of a given level, as written. */
function headings(text: string, level: number): string[] {
	const marker = `${'#'.repeat(level)} `;
	return proseLines(text)
		.filter((line) => line.startsWith(marker))
		.map((line) => line.slice(marker.length).trim());
}

/** The page of a resource: `analyticsTarget` → docs/resources/analytics-target.md. */
const pageOf = (resourceValue: string) =>
	`docs/resources/${resourceValue.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.md`;

/** Sections of a resource page that are not operations (checked so a stale operation cannot hide). */
const NON_OPERATION_SECTIONS: Record<string, string[]> = {
	post: ["Posts and n8n's Retry On Fail"],
};

/** One row per operation, as the node declares it: `Resource | Operation | endpoints | page#anchor`. */
function declaredRows(): string[] {
	return RESOURCES.flatMap((resource) =>
		Object.values(resource.operationRecords).map(
			({ name, reference }) =>
				`${resource.name} | ${name} | ${reference.join(', ')} | ${pageOf(resource.value)}#${anchorOf(name)}`,
		),
	).sort();
}

/** The rows of README's Operations table in the same form. */
function readmeRows(): string[] {
	const readme = read('README.md');
	const start = readme.indexOf('\n## Operations\n');
	const end = readme.indexOf('\n## ', start + 1);
	expect(start).toBeGreaterThan(0);
	return readme
		.slice(start, end)
		.split('\n')
		.filter(
			(line) =>
				line.startsWith('| ') && !line.startsWith('| Resource ') && !line.startsWith('|---'),
		)
		.map((line) => {
			const cells = line
				.split('|')
				.slice(1, -1)
				.map((cell) => cell.trim());
			const link = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(cells[1]);
			const endpoints = [...cells[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
			return `${cells[0]} | ${link?.[1] ?? `(no link) ${cells[1]}`} | ${endpoints.join(', ')} | ${link?.[2] ?? ''}`;
		})
		.sort();
}

describe('docs', () => {
	test("README's operations table lists exactly the node's operations, each with its reference endpoint and its docs section", () => {
		expect(declaredRows().length).toBeGreaterThanOrEqual(56);
		expect(readmeRows()).toEqual(declaredRows());
	});

	test('each resource has a page in docs/resources/ with one section per operation, and no page or section without one', () => {
		const expectedPages = RESOURCES.map((resource) => pageOf(resource.value)).sort();
		const pages = readdirSync(path.join(REPO_ROOT, 'docs', 'resources'))
			.map((name) => `docs/resources/${name}`)
			.sort();
		expect(pages).toEqual(expectedPages);
		for (const resource of RESOURCES) {
			const page = read(pageOf(resource.value));
			expect({ page: pageOf(resource.value), title: headings(page, 1) }).toEqual({
				page: pageOf(resource.value),
				title: [resource.name],
			});
			const operations = Object.values(resource.operationRecords).map(({ name }) => name);
			const sections = headings(page, 2).filter(
				(heading) => !(NON_OPERATION_SECTIONS[resource.value] ?? []).includes(heading),
			);
			expect({ page: pageOf(resource.value), sections: [...sections].sort() }).toEqual({
				page: pageOf(resource.value),
				sections: [...operations].sort(),
			});
		}
	});

	test('every relative link in README.md, CONTRIBUTING.md and docs/ resolves: the file exists and the #anchor is a heading there', () => {
		const broken: string[] = [];
		let checked = 0;
		for (const file of markdownFiles()) {
			const text = read(file);
			for (const line of proseLines(text)) {
				// Inline code cannot hold a link; drop it so `[a](b)` inside backticks is not read as one.
				const prose = line.replace(/`[^`]*`/g, '');
				for (const match of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
					const target = match[1];
					if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
					checked++;
					const [pathPart, anchor] = target.split('#') as [string, string | undefined];
					const resolved =
						pathPart === ''
							? file
							: path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart));
					if (!existsSync(path.join(REPO_ROOT, resolved))) {
						broken.push(`${file}: ${target} (no file ${resolved})`);
						continue;
					}
					if (anchor === undefined) continue;
					if (!resolved.endsWith('.md')) {
						broken.push(`${file}: ${target} (an anchor into a file that is not Markdown)`);
						continue;
					}
					if (!anchorsOf(read(resolved)).has(anchor))
						broken.push(`${file}: ${target} (no heading #${anchor} in ${resolved})`);
				}
			}
		}
		expect(broken).toEqual([]);
		expect(checked).toBeGreaterThan(100);
	});

	test('the documentation URLs of the nodes and the credential point at headings that exist in README.md', () => {
		const sources = [
			'nodes/Genviral/Genviral.node.ts',
			'nodes/Genviral/Genviral.node.json',
			'nodes/GenviralTrigger/GenviralTrigger.node.ts',
			'nodes/GenviralTrigger/GenviralTrigger.node.json',
			'credentials/GenviralApi.credentials.ts',
		];
		const anchors = anchorsOf(read('README.md'));
		const urls = sources.flatMap((file) =>
			[...read(file).matchAll(/https:\/\/github\.com\/genviral\/n8n-nodes-genviral#([\w-]+)/g)].map(
				(m) => ({ file, anchor: m[1] }),
			),
		);
		expect(urls.length).toBeGreaterThanOrEqual(4);
		// GitHub shows the README for #readme itself.
		expect(urls.filter(({ anchor }) => anchor !== 'readme' && !anchors.has(anchor))).toEqual([]);
	});

	test('README stays short and starts with the demo and test commands', () => {
		const readme = read('README.md');
		expect(readme.split('\n').length).toBeLessThanOrEqual(400);
		const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
		expect(firstBlock).toMatch(/^\.\/scripts\/dev demo\b/m);
		expect(firstBlock).toMatch(/^\.\/scripts\/dev test\b/m);
		expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('\n## '));
	});
});
