/**
 * Output schemas cannot drift from what the nodes emit: every item a Genviral node or the
 * Genviral Trigger outputs in an engine run is validated against the JSON Schema n8n would
 * serve for it, found in dist/ by n8n-core's own `resolveOutputSchemaPath` (the function n8n's
 * server uses). An item with a field its schema lacks, or a value of the wrong type, fails the
 * run; so does an operation or event without a schema.
 *
 * Error items ("On Error: Continue") are exempt: they are n8n's error shape, not the operation's.
 *
 * With GENVIRAL_SCHEMA_RECORD=<folder> the items are appended to `<folder>/<key>.jsonl` instead
 * (one JSON line each) and nothing is checked: scripts/generate-schemas.mjs drafts schemas from
 * such recordings and the reference.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { resolveOutputSchemaPath } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, IRun, Workflow } from 'n8n-workflow';

// engine.ts imports this module: its exports are read when the functions run, not at load.
import {
	GENVIRAL_NODE_TYPE,
	GENVIRAL_TOOL_NODE_TYPE,
	GENVIRAL_TRIGGER_TYPE,
	REPO_ROOT,
} from './engine';

/**
 * The built node folders, where n8n looks for `__schema__` (a function: engine.ts imports this
 * module). The AI Agent tool variant runs the same node, so its items meet the same schemas.
 */
function nodeDir(type: string): string | undefined {
	const folder = {
		[GENVIRAL_NODE_TYPE]: 'Genviral',
		[GENVIRAL_TOOL_NODE_TYPE]: 'Genviral',
		[GENVIRAL_TRIGGER_TYPE]: 'GenviralTrigger',
	}[type];
	return folder ? path.join(REPO_ROOT, 'dist', 'nodes', folder) : undefined;
}

/**
 * The schema files an item of this node must satisfy, found exactly as n8n's `/schemas/...`
 * route finds them (no version fallback): for the Genviral node `v1.0.0/<resource>/<operation>.json`
 * (the editor asks with the node's resource and operation); for the trigger, which has neither,
 * `v1.0.0.json` (every event) and, stricter, the event's own `v1.0.0/event/<event>.json`.
 */
export function schemaPathsFor(node: Pick<INode, 'type' | 'typeVersion' | 'parameters'>): string[] {
	const dir = nodeDir(node.type);
	if (!dir) return [];
	const version = node.typeVersion;
	const resolve = (resource?: string, operation?: string) => {
		const file = resolveOutputSchemaPath({ nodeDir: dir, version, resource, operation });
		if (!file || !existsSync(file)) {
			throw new Error(
				`No output schema for ${node.type} v${version}${resource ? ` ${resource}/${operation}` : ''} ` +
					`(add it under nodes/*/__schema__ and run npm run build)`,
			);
		}
		return file;
	};
	if (node.type === GENVIRAL_TRIGGER_TYPE) {
		return [resolve(), resolve('event', String(node.parameters.event))];
	}
	return [resolve(String(node.parameters.resource), String(node.parameters.operation))];
}

// Strict: a schema with an unknown keyword or a contradiction is itself an error.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const compiled = new Map<string, ValidateFunction>();

export function compileSchemaFile(file: string): ValidateFunction {
	let validate = compiled.get(file);
	if (!validate) {
		const schema = JSON.parse(readFileSync(file, 'utf8')) as object;
		validate = ajv.compile(schema);
		compiled.set(file, validate);
	}
	return validate;
}

function recordingKey(node: Pick<INode, 'type' | 'parameters'>): string {
	return node.type === GENVIRAL_TRIGGER_TYPE
		? `trigger__${String(node.parameters.event)}`
		: `node__${String(node.parameters.resource)}__${String(node.parameters.operation)}`;
}

/** Throws when an item of `node` does not match its schema(s). */
export function checkItems(node: INode, items: INodeExecutionData[]): void {
	const continuing =
		node.onError === 'continueRegularOutput' ||
		node.onError === 'continueErrorOutput' ||
		node.continueOnFail === true;
	const outputs = items.filter((item) => !(continuing && isErrorItem(item.json)));
	if (outputs.length === 0 || !nodeDir(node.type)) return;
	const recordTo = process.env.GENVIRAL_SCHEMA_RECORD;
	if (recordTo) {
		mkdirSync(recordTo, { recursive: true });
		appendFileSync(
			path.join(recordTo, `${recordingKey(node)}.jsonl`),
			outputs.map((item) => JSON.stringify(item.json) + '\n').join(''),
		);
		return;
	}
	for (const file of schemaPathsFor(node)) {
		const validate = compileSchemaFile(file);
		outputs.forEach((item, index) => {
			if (!validate(item.json)) {
				const errors = (validate.errors ?? []).map(
					(e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
				);
				throw new Error(
					`Output item ${index} of ${node.name} does not match ${path.relative(REPO_ROOT, file)}:\n  ${errors.join('\n  ')}\n` +
						`item: ${JSON.stringify(item.json).slice(0, 2000)}`,
				);
			}
		});
	}
}

/** What the router emits for a failed item with "On Error: Continue" (error message and item index). */
function isErrorItem(json: IDataObject): boolean {
	return typeof json.error === 'string' && typeof json.itemIndex === 'number';
}

/**
 * Every main-output item of every Genviral node in a finished run (the first output only: a
 * second output is "using error output"). Parameters are the workflow's, defaults filled in.
 */
export function checkRunOutputs(workflow: Workflow, run: IRun | undefined): void {
	if (!run) return;
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		const node = workflow.getNode(name);
		if (!node || !nodeDir(node.type)) continue;
		for (const task of tasks) checkItems(node, task.data?.main?.[0] ?? []);
	}
}
