/**
 * The hints n8n's AI workflow builder reads (`builderHint` on the nodes, `propertyHint` on
 * parameters). Every pattern is run, with stand-ins for the workflow SDK's `node`, `trigger`,
 * `workflow` and `expr`, and each node it configures is checked against the node's own
 * description: a hint that names an operation, a parameter or an option value the node does not
 * have fails here, so the builder is never taught something that would not load.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type {
	IBuilderHint,
	INodeProperties,
	INodePropertyCollection,
	INodeTypeDescription,
} from 'n8n-workflow';

import { Genviral } from '../nodes/Genviral/Genviral.node';
import { GenviralTrigger } from '../nodes/GenviralTrigger/GenviralTrigger.node';

const node = new Genviral().description;
const trigger = new GenviralTrigger().description;

interface ConfiguredNode {
	type: string;
	version: number;
	config: { name: string; parameters: Record<string, unknown> };
}

/** The text of every pattern of a hint, with the condition it is shown under. */
function variations(hint: IBuilderHint) {
	return (hint.extraTypeDefContent ?? []).map((variation) => ({
		show: (variation.displayOptions?.show ?? {}) as Record<string, unknown[]>,
		content: variation.content,
	}));
}

/** Runs a pattern's code with SDK stand-ins and returns the nodes it configures. */
function nodesConfiguredBy(content: string): ConfiguredNode[] {
	const code = content
		.replace(/<\/?patterns>/g, '')
		.replace(/<pattern title="[^"]*">/g, '')
		.replace(/<\/pattern>/g, '')
		.replace(/export default /g, '');
	const configured: ConfiguredNode[] = [];
	const chain: unknown = new Proxy(() => chain, { get: () => () => chain });
	const record = (config: ConfiguredNode) => {
		configured.push(config);
		return chain;
	};
	const expr = (text: string) => `=${text}`;
	// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the pattern is our own text
	new Function('node', 'trigger', 'workflow', 'expr', code)(record, record, () => chain, expr);
	return configured;
}

/** Every property (and collection option) that `parameters` may hold for these shown values. */
function shownProperties(
	description: INodeTypeDescription,
	selected: Record<string, unknown>,
): INodeProperties[] {
	return description.properties.filter((property) => {
		const show = property.displayOptions?.show ?? {};
		return Object.entries(show).every(([name, values]) =>
			name in selected ? (values as unknown[]).includes(selected[name]) : true,
		);
	});
}

/** Problems with one configured node's parameters: unknown names, values not among the options. */
function checkParameters(
	description: INodeTypeDescription,
	parameters: Record<string, unknown>,
): string[] {
	const selectors = ['resource', 'operation', 'event'].filter((name) => name in parameters);
	const selected = Object.fromEntries(selectors.map((name) => [name, parameters[name]]));
	const properties = shownProperties(description, selected);
	const problems: string[] = [];
	const checkValue = (
		property: INodeProperties | undefined,
		name: string,
		value: unknown,
		where: string,
	) => {
		if (!property) {
			problems.push(`${where}${name} is not a parameter of ${JSON.stringify(selected)}`);
			return;
		}
		if (typeof value === 'string' && value.startsWith('=')) return;
		if (property.type === 'options' && property.options && property.options.length > 0) {
			const allowed = (property.options as Array<{ value: unknown }>).map((option) => option.value);
			if (!allowed.includes(value))
				problems.push(
					`${where}${name}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`,
				);
		}
		if (
			property.type === 'multiOptions' &&
			property.options &&
			property.options.length > 0 &&
			Array.isArray(value)
		) {
			const allowed = (property.options as Array<{ value: unknown }>).map((option) => option.value);
			for (const entry of value) {
				if (!allowed.includes(entry))
					problems.push(
						`${where}${name}: ${JSON.stringify(entry)} is not one of ${allowed.join(', ')}`,
					);
			}
		}
		if (property.type === 'collection' && value && typeof value === 'object') {
			for (const [option, optionValue] of Object.entries(value)) {
				const optionProperty = (property.options as INodeProperties[]).find(
					(candidate) => candidate.name === option,
				);
				checkValue(optionProperty, option, optionValue, `${where}${name}.`);
			}
		}
		if (property.type === 'resourceLocator') {
			const locator = value as { __rl?: boolean; mode?: string };
			const modes = (property.modes ?? []).map((mode) => mode.name);
			if (locator.__rl !== true || !modes.includes(locator.mode ?? '')) {
				problems.push(
					`${where}${name}: a locator needs { __rl: true, mode: ${modes.join(' | ')} }`,
				);
			}
		}
	};
	for (const [name, value] of Object.entries(parameters)) {
		if (selectors.includes(name)) continue;
		checkValue(
			properties.find((property) => property.name === name),
			name,
			value,
			'',
		);
	}
	for (const selector of selectors) {
		const property = description.properties.find(
			(candidate) =>
				candidate.name === selector &&
				Object.entries(candidate.displayOptions?.show ?? {}).every(([name, values]) =>
					(values as unknown[]).includes(selected[name]),
				),
		);
		const allowed =
			(property?.options as Array<{ value: unknown }> | undefined)?.map((option) => option.value) ??
			[];
		if (!allowed.includes(selected[selector]))
			problems.push(`${selector} ${JSON.stringify(selected[selector])} does not exist`);
	}
	return problems;
}

/** The node's operations as resource.operation, from its own Operation lists. */
function operations(): Array<{ resource: string; operation: string }> {
	return node.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as Array<{ value: string }>).map((option) => ({
				resource: String(property.displayOptions?.show?.resource?.[0]),
				operation: option.value,
			})),
		);
}

/** Every text a builder reads: node hints and every parameter's (collections included). */
function allHintTexts(): string[] {
	const texts: string[] = [];
	const walk = (properties: Array<INodeProperties | INodePropertyCollection>) => {
		for (const property of properties) {
			if (property.builderHint) texts.push(property.builderHint.propertyHint);
			if ('options' in property && Array.isArray(property.options)) {
				walk(
					property.options.filter(
						(option): option is INodeProperties =>
							typeof option === 'object' &&
							'name' in option &&
							('type' in option || 'values' in option),
					),
				);
			}
			if ('values' in property && Array.isArray(property.values)) walk(property.values);
		}
	};
	for (const description of [node, trigger]) {
		const hint = description.builderHint ?? {};
		texts.push(
			hint.searchHint ?? '',
			...(hint.relatedNodes ?? []).map((related) => related.relationHint),
		);
		texts.push(...variations(hint).map((variation) => variation.content));
		walk(description.properties);
	}
	return texts;
}

describe('builder hints', () => {
	test('both nodes have a search hint and related nodes', () => {
		for (const description of [node, trigger]) {
			expect(description.builderHint?.searchHint?.length).toBeGreaterThan(100);
			expect(description.builderHint?.relatedNodes?.length).toBeGreaterThan(0);
		}
	});

	test('every operation of the node is covered by at least one pattern', () => {
		const shown = variations(node.builderHint!);
		const uncovered = operations().filter(
			({ resource, operation }) =>
				!shown.some(
					({ show }) => show.resource?.includes(resource) && show.operation?.includes(operation),
				),
		);
		expect(uncovered).toEqual([]);
		expect(operations().length).toBeGreaterThanOrEqual(56);
	});

	test('every event of the trigger is covered by a pattern', () => {
		const events = (
			trigger.properties.find((property) => property.name === 'event')!.options as Array<{
				value: string;
			}>
		).map((option) => option.value);
		const shown = variations(trigger.builderHint!);
		expect(
			events.filter((event) => !shown.some(({ show }) => show.event?.includes(event))),
		).toEqual([]);
	});

	test('every node a pattern configures exists and uses only its real parameters and option values', () => {
		const problems: string[] = [];
		let configuredCount = 0;
		for (const description of [node, trigger]) {
			for (const { show, content } of variations(description.builderHint!)) {
				for (const configured of nodesConfiguredBy(content)) {
					const own = configured.type.split('.')[1];
					const target = own === node.name ? node : own === trigger.name ? trigger : undefined;
					if (!target) {
						problems.push(`${configured.type} is not a node of this package`);
						continue;
					}
					configuredCount++;
					expect(configured.version).toBe(target.version);
					problems.push(
						...checkParameters(target, configured.config.parameters).map(
							(problem) => `${configured.config.name}: ${problem}`,
						),
					);
				}
				expect(show).toBeDefined();
			}
		}
		expect(problems).toEqual([]);
		expect(configuredCount).toBeGreaterThanOrEqual(15);
	});

	test('related nodes exist: in n8n-nodes-base or in this package', () => {
		const base = JSON.parse(
			readFileSync(path.join(require.resolve('n8n-nodes-base/package.json')), 'utf8'),
		) as { n8n: { nodes: string[] } };
		const baseNames = new Set(
			base.n8n.nodes.map(
				(file) =>
					`n8n-nodes-base.${path
						.basename(file)
						.replace(/\.node\.js$/, '')
						.replace(/^./, (c) => c.toLowerCase())}`,
			),
		);
		const own = new Set([`n8n-nodes-genviral.${node.name}`, `n8n-nodes-genviral.${trigger.name}`]);
		const related = [node, trigger].flatMap(
			(description) => description.builderHint?.relatedNodes ?? [],
		);
		const unknown = related
			.map((entry) => entry.nodeType)
			.filter((type) => !own.has(type) && !baseNames.has(type));
		expect(unknown).toEqual([]);
	});

	test('no hint holds a raw ={{ }} expression: values from other nodes are written with expr()', () => {
		const texts = allHintTexts();
		expect(texts.length).toBeGreaterThan(20);
		for (const text of texts) {
			expect(text).not.toMatch(/=\{\{/);
			// Every {{ }} sits inside expr('...') (or is a Luxon example in prose after "expr(").
			const outside = text.replace(/expr\('(?:[^'\\]|\\.)*'\)/g, '');
			expect(outside).not.toMatch(/\{\{/);
		}
	});

	test('parameters a builder tends to get wrong carry a property hint', () => {
		const hinted = new Set<string>();
		const walk = (properties: INodeProperties[]) => {
			for (const property of properties) {
				if (property.builderHint) hinted.add(property.name);
				if (property.type === 'collection' && Array.isArray(property.options))
					walk(property.options as INodeProperties[]);
			}
		};
		walk(node.properties);
		for (const name of [
			'externalId',
			'mediaSource',
			'accountIds',
			'waitForPublish',
			'maxWait',
			'scheduledAt',
			'startDate',
			'imageUrls',
		]) {
			expect([name, hinted.has(name)]).toEqual([name, true]);
		}
	});
});
