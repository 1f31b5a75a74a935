/**
 * The shape of nodes/: no import cycle (type-only imports included: a cycle of types still
 * ties the files' order and tends to become a runtime one), no import that runs back up the
 * layers, and no parameter read in transport/ (the router reads the Options collection once
 * per item and hands the transport plain values).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const NODES = path.join(ROOT, 'nodes');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const full = path.join(dir, entry);
		if (statSync(full).isDirectory()) return sourceFiles(full);
		return entry.endsWith('.ts') ? [full] : [];
	});
}

/** Every relative module a file imports or re-exports, resolved to a file path. */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+'([^']+)'/gms)].map(
		(match) => match[1],
	);
	return specifiers
		.filter((specifier) => specifier.startsWith('.'))
		.map((specifier) => {
			const base = path.resolve(path.dirname(file), specifier);
			for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
				try {
					if (statSync(candidate).isFile()) return candidate;
				} catch {
					// not this one
				}
			}
			throw new Error(`${path.relative(ROOT, file)} imports ${specifier}, which is not a file`);
		});
}

const files = sourceFiles(NODES);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const rel = (file: string) => path.relative(NODES, file);

/** The import cycles of a graph, each once, as file lists (Tarjan's strongly connected components). */
export function cyclesOf(edges: Map<string, string[]>): string[][] {
	let next = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];
	const visit = (node: string) => {
		index.set(node, next);
		low.set(node, next);
		next++;
		stack.push(node);
		onStack.add(node);
		for (const target of edges.get(node) ?? []) {
			if (!index.has(target)) {
				visit(target);
				low.set(node, Math.min(low.get(node)!, low.get(target)!));
			} else if (onStack.has(target)) {
				low.set(node, Math.min(low.get(node)!, index.get(target)!));
			}
		}
		if (low.get(node) === index.get(node)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== node);
			const selfLoop = (edges.get(node) ?? []).includes(node);
			if (component.length > 1 || selfLoop) cycles.push(component.sort());
		}
	};
	for (const node of edges.keys()) if (!index.has(node)) visit(node);
	return cycles;
}

/** Layers of the Genviral node, lowest first: a file may import its own layer or a lower one. */
const LAYERS = ['helpers', 'descriptions', 'transport', 'actions', 'methods'];
const layerOf = (file: string): number | undefined => {
	const [top, second] = path.relative(path.join(NODES, 'Genviral'), file).split(path.sep);
	return second === undefined
		? undefined
		: LAYERS.indexOf(top) >= 0
			? LAYERS.indexOf(top)
			: undefined;
};

describe('the shape of nodes/', () => {
	it('the cycle finder finds a cycle, a self import, and nothing in a tree', () => {
		expect(
			cyclesOf(
				new Map([
					['a', ['b']],
					['b', ['c']],
					['c', ['a']],
					['d', ['a']],
				]),
			),
		).toEqual([['a', 'b', 'c']]);
		expect(cyclesOf(new Map([['a', ['a']]]))).toEqual([['a']]);
		expect(
			cyclesOf(
				new Map([
					['a', ['b', 'c']],
					['b', ['c']],
					['c', []],
				]),
			),
		).toEqual([]);
	});

	it('has no import cycle (type-only imports included)', () => {
		expect(files.length).toBeGreaterThan(50);
		expect(cyclesOf(graph).map((cycle) => cycle.map(rel))).toEqual([]);
	});

	it('has no import that runs back up (helpers < descriptions < transport < actions < methods)', () => {
		const upward: string[] = [];
		for (const [file, targets] of graph) {
			const from = layerOf(file);
			if (from === undefined) continue;
			for (const target of targets) {
				const to = layerOf(target);
				if (to !== undefined && to > from) upward.push(`${rel(file)} → ${rel(target)}`);
			}
		}
		expect(upward).toEqual([]);
	});

	it('transport/ reads no parameter: the router hands it the Options as plain values', () => {
		const readers = files
			.filter((file) => rel(file).startsWith(`Genviral${path.sep}transport${path.sep}`))
			.filter((file) =>
				/getNodeParameter|readParameters?\b|checkValue/.test(readFileSync(file, 'utf8')),
			)
			.map(rel);
		expect(readers).toEqual([]);
	});
});
