/**
 * Output schemas (issue #17 part 1): every operation and trigger event has one where n8n looks,
 * each is a valid JSON Schema, and every output item of the engine tests matches its schema
 * (test/harness/outputSchemas.ts checks that inside runWorkflow and the poll harness, so every
 * engine test checks its outputs; this suite proves the check itself bites).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import { resolveOutputSchemaPath } from 'n8n-core';
import type { INode, INodeExecutionData } from 'n8n-workflow';

import { GENVIRAL_NODE_TYPE, GENVIRAL_TRIGGER_TYPE, REPO_ROOT } from './harness/engine';
import { checkItems, compileSchemaFile, schemaPathsFor } from './harness/outputSchemas';

/* eslint-disable @typescript-eslint/no-require-imports */
const { RESOURCES } =
	require('../dist/nodes/Genviral/actions/resources') as typeof import('../nodes/Genviral/actions/resources');
const { eventOptions } =
	require('../dist/nodes/GenviralTrigger/description') as typeof import('../nodes/GenviralTrigger/description');
/* eslint-enable @typescript-eslint/no-require-imports */

const NODE_DIR = path.join(REPO_ROOT, 'dist', 'nodes', 'Genviral');
const TRIGGER_DIR = path.join(REPO_ROOT, 'dist', 'nodes', 'GenviralTrigger');

const OPERATIONS = RESOURCES.flatMap((resource) =>
	Object.keys(resource.operations).map((operation) => [resource.value, operation] as const),
);
const EVENTS = eventOptions.map((option) => String(option.value));

function genviralNode(resource: string, operation: string, extra: Partial<INode> = {}): INode {
	return {
		id: 'g',
		name: 'Genviral',
		type: GENVIRAL_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource, operation },
		...extra,
	};
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? filesUnder(full) : [full];
	});
}

describe('output schemas: one for every operation and event, where n8n looks', () => {
	test('the node has 56 operations and the trigger 4 events (a new one needs a schema)', () => {
		expect(OPERATIONS).toHaveLength(56);
		expect(EVENTS.sort()).toEqual([
			'newAnalyticsPost',
			'newFile',
			'postStatusChanged',
			'targetRefreshed',
		]);
	});

	test.each(OPERATIONS)(
		'%s → %s: n8n’s /schemas route and its AI-builder lookup find the same valid schema',
		(resource, operation) => {
			const served = resolveOutputSchemaPath({
				nodeDir: NODE_DIR,
				version: 1,
				resource,
				operation,
			});
			const lookedUp = resolveOutputSchemaPath({
				nodeDir: NODE_DIR,
				version: 1,
				resource,
				operation,
				versionFallback: true,
			});
			expect(served).toBe(
				path.join(NODE_DIR, '__schema__', 'v1.0.0', resource, `${operation}.json`),
			);
			expect(lookedUp).toBe(served);
			const validate = compileSchemaFile(served!);
			expect(validate.schema).toMatchObject({ type: 'object', properties: expect.any(Object) });
			expect(
				Object.keys((validate.schema as { properties: object }).properties).length,
			).toBeGreaterThan(0);
		},
	);

	test('the trigger: v1.0.0.json (the only name n8n serves for a node without resource/operation) and one file per event', () => {
		const served = resolveOutputSchemaPath({ nodeDir: TRIGGER_DIR, version: 1 });
		expect(served).toBe(path.join(TRIGGER_DIR, '__schema__', 'v1.0.0.json'));
		expect(
			resolveOutputSchemaPath({ nodeDir: TRIGGER_DIR, version: 1, versionFallback: true }),
		).toBe(served);
		const union = compileSchemaFile(served!).schema as { properties: object; anyOf: unknown[] };
		expect(union.anyOf).toHaveLength(EVENTS.length);
		for (const event of EVENTS) {
			const paths = schemaPathsFor({
				type: GENVIRAL_TRIGGER_TYPE,
				typeVersion: 1,
				parameters: { event },
			});
			expect(paths).toEqual([
				served,
				path.join(TRIGGER_DIR, '__schema__', 'v1.0.0', 'event', `${event}.json`),
			]);
			compileSchemaFile(paths[1]);
		}
	});

	test('every schema file is a valid draft-07 JSON Schema and belongs to an operation or event', () => {
		const meta = new Ajv({ strict: true, allowUnionTypes: true });
		const expected = new Set([
			...OPERATIONS.map(([resource, operation]) =>
				path.join(NODE_DIR, '__schema__', 'v1.0.0', resource, `${operation}.json`),
			),
			path.join(TRIGGER_DIR, '__schema__', 'v1.0.0.json'),
			...EVENTS.map((event) =>
				path.join(TRIGGER_DIR, '__schema__', 'v1.0.0', 'event', `${event}.json`),
			),
		]);
		const files = [
			...filesUnder(path.join(NODE_DIR, '__schema__')),
			...filesUnder(path.join(TRIGGER_DIR, '__schema__')),
		];
		expect(files.filter((file) => !expected.has(file))).toEqual([]);
		expect(files).toHaveLength(expected.size);
		for (const file of files) {
			const schema = compileSchemaFile(file).schema as object;
			expect(meta.validateSchema(schema)).toBe(true);
			expect(schema).toMatchObject({
				$schema: 'http://json-schema.org/draft-07/schema#',
				description: expect.any(String),
			});
		}
	});
});

describe('the drift check', () => {
	test('an operation without a schema fails', () => {
		expect(() => checkItems(genviralNode('post', 'publishTwice'), [{ json: { id: 'x' } }])).toThrow(
			/No output schema for n8n-nodes-genviral\.genviral v1 post\/publishTwice/,
		);
	});

	test('a trigger event without a schema fails', () => {
		const trigger: INode = {
			id: 't',
			name: 'Genviral Trigger',
			type: GENVIRAL_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { event: 'newComment' },
		};
		expect(() => checkItems(trigger, [{ json: {} }])).toThrow(
			/No output schema for n8n-nodes-genviral\.genviralTrigger v1 event\/newComment/,
		);
	});

	test('a field the schema lacks fails, and so does a value of the wrong type', () => {
		const node = genviralNode('subscription', 'get');
		expect(() => checkItems(node, [{ json: { scope: 'workspace', surprise: 1 } }])).toThrow(
			/must NOT have additional properties.*surprise/s,
		);
		expect(() => checkItems(node, [{ json: { scope: 42 } }])).toThrow(/\/scope must be string/);
	});

	test('a value outside a documented enum fails (post status)', () => {
		expect(() =>
			checkItems(genviralNode('post', 'get'), [{ json: { status: 'published' } }]),
		).toThrow(/\/status must be equal to one of the allowed values/);
	});

	test('error items of "On Error: Continue" are exempt; without it they are checked', () => {
		const errorItem: INodeExecutionData = {
			json: { error: 'Post not found', error_code: 'not_found', httpCode: '404', itemIndex: 0 },
		};
		expect(() =>
			checkItems(genviralNode('post', 'get', { onError: 'continueRegularOutput' }), [errorItem]),
		).not.toThrow();
		expect(() => checkItems(genviralNode('post', 'get'), [errorItem])).toThrow(/does not match/);
	});
});
