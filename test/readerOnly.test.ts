/**
 * Every parameter goes through the one reader (helpers/parameters.ts), where its checks live in
 * its declaration: a direct `getNodeParameter(` elsewhere in nodes/ would read a value the
 * reader never checked. The router reads Resource and Operation to route (n8n's own options,
 * never from expressions); the Options collection goes through the reader too (the router reads
 * it once per item), and transport/ reads no parameter (test/layers.test.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const NODES = path.join(__dirname, '..', 'nodes');

/** Where a direct read is the design, and what it may read there. */
const ALLOWED: Record<string, RegExp> = {
	'Genviral/helpers/parameters.ts': /./,
	'Genviral/actions/router.ts': /getNodeParameter\('(resource|operation)'/,
};

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return sourceFiles(full);
		return name.endsWith('.ts') ? [full] : [];
	});
}

/** Every `getNodeParameter(` call outside the places allowed to read directly, as `file:line: code`. */
export function directReads(files: Array<{ file: string; text: string }>): string[] {
	const found: string[] = [];
	for (const { file, text } of files) {
		const allowed = ALLOWED[file];
		text.split('\n').forEach((line, index) => {
			if (!/getNodeParameter\s*\(/.test(line)) return;
			if (allowed !== undefined && allowed.test(line)) return;
			found.push(`${file}:${index + 1}: ${line.trim()}`);
		});
	}
	return found;
}

describe('parameters are read through the one reader', () => {
	const files = sourceFiles(NODES).map((full) => ({
		file: path.relative(NODES, full).split(path.sep).join('/'),
		text: readFileSync(full, 'utf8'),
	}));

	test('the scan sees the node and the trigger sources, and the allowed reads', () => {
		expect(files.length).toBeGreaterThan(50);
		expect(files.map((f) => f.file)).toEqual(
			expect.arrayContaining(
				Object.keys(ALLOWED).concat('GenviralTrigger/settings.ts', 'Genviral/transport/options.ts'),
			),
		);
	});

	test('no getNodeParameter( outside the reader and the router (Resource, Operation)', () => {
		expect(directReads(files)).toEqual([]);
	});

	test('the scan finds a direct read, and one the router makes of anything but Resource and Operation', () => {
		expect(
			directReads([
				{
					file: 'Genviral/actions/post/update.operation.ts',
					text: "const raw = this.getNodeParameter('updateFields', i, {});",
				},
				{
					file: 'Genviral/actions/router.ts',
					text: "const x = ctx.getNodeParameter('updateFields', i);",
				},
				{ file: 'GenviralTrigger/settings.ts', text: "ctx.getNodeParameter ('event')" },
			]),
		).toHaveLength(3);
	});
});
