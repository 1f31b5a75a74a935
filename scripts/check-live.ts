/**
 * `npm run check:live`: before a release, compare the real Partner API with the reference the
 * fake follows. With GENVIRAL_API_TOKEN set it calls every list and get endpoint of the
 * reference (GET only: never a write, never a paid call), compares each answer with the
 * documented fields (top-level keys, row keys, the types of the documented example) and, where
 * the node ships one, with the operation's output schema, and prints a drift report: missing,
 * extra and retyped fields, other status codes. Exit 0 = no drift, 1 = drift, 2 = refused.
 * It never runs in CI (CI is set there) and never prints the token.
 * GENVIRAL_API_BASE_URL overrides the base URL (the tests point it at the fake).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { COVERED } from '../test/harness/coverage';
import { REPO_ROOT } from '../test/harness/engine';
import type { EndpointReference } from '../test/harness/reference';
import { endpoints } from '../test/harness/reference';

export const DEFAULT_BASE_URL = 'https://www.genviral.io/api/partner/v1';
/** Per request; the whole run is bounded by the number of endpoints. */
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_ANSWER_BYTES = 5 * 1024 * 1024;
/** Lists are asked for a few rows: enough to compare a row and take an ID. */
const LIST_LIMIT = 5;
/** Required free-text query parameters (no enum, no default) need a harmless sample value. */
const SAMPLE_QUERY: Record<string, string> = { keyword: 'n8n' };

interface Field {
	name: string;
	required: boolean;
	default: unknown;
	enum: string[] | null;
}

export interface ReferenceEndpoint extends EndpointReference {
	summary?: string;
	pathParams: Field[];
	query: Field[];
	responseDataKeys: string[];
	responseNotes: string[];
	responseExample: { data?: unknown } | null;
	successStatus: number | string;
}

export type Finding =
	| { kind: 'missing' | 'extra'; field: string; source: 'reference' | 'schema' }
	| {
			kind: 'retyped';
			field: string;
			expected: string;
			actual: string;
			source: 'reference' | 'schema';
	  }
	| { kind: 'status'; expected: number; actual: number; detail: string }
	| { kind: 'error'; detail: string };

export interface EndpointResult {
	endpoint: string;
	name: string;
	query: Record<string, string>;
	status: 'ok' | 'drift' | 'skipped';
	findings: Finding[];
	reason?: string;
}

/** Paid or state-changing endpoints are never called: only GETs the reference does not bill. */
export function isReadOnly(endpoint: ReferenceEndpoint): boolean {
	const paid = endpoint.errors.some((e) => e.error_code === 'insufficient_credits');
	return endpoint.method === 'GET' && !paid;
}

function assertReadOnly(endpoint: ReferenceEndpoint): void {
	if (!isReadOnly(endpoint))
		throw new Error(`refusing ${endpoint.method} ${endpoint.path}: the live check only reads`);
}

const nameOf = (e: ReferenceEndpoint) => `${e.resource}.${e.operation}`;
const kindOf = (value: unknown): string =>
	value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
const isObject = (value: unknown): value is Record<string, unknown> => kindOf(value) === 'object';

/** For a path with an ID (`/folders/{folderId}/items`): the list whose first row gives it (`GET /folders`). */
export function listFor(
	endpoint: ReferenceEndpoint,
	reference: ReferenceEndpoint[],
): ReferenceEndpoint | undefined {
	const brace = endpoint.path.indexOf('{');
	if (brace < 0) return undefined;
	const listPath = endpoint.path.slice(0, brace).replace(/\/$/, '');
	return reference.find((e) => e.method === 'GET' && e.path === listPath && isReadOnly(e));
}

/** The row keys the reference names in a note such as "packs[]: {id, name, image_count}". */
export function documentedRowKeys(endpoint: ReferenceEndpoint): Map<string, string[]> {
	const rows = new Map<string, string[]>();
	for (const note of endpoint.responseNotes) {
		const match = /^(\w+)\[\]: \{?(.*)$/.exec(note.trim());
		if (!match) continue;
		// Split the list at depth 0 (nested {...} and (...) belong to their field), up to the closing brace.
		const names: string[] = [];
		let depth = 0;
		let token = '';
		let closed = false;
		for (const ch of match[2]) {
			if (ch === '{' || ch === '(' || ch === '[') depth++;
			else if (ch === ')' || ch === ']' || (ch === '}' && depth > 0)) depth--;
			else if (ch === '}' && depth === 0) {
				closed = true;
				break;
			}
			if (ch === ',' && depth === 0) {
				names.push(token);
				token = '';
			} else token += ch;
		}
		if (closed || /\S/.test(token))
			names.push(closed ? token : token.replace(/\s+-\s.*$|\.\s*$/, ''));
		// A note that is prose, not a key list ("folder summaries with ..."), names nothing.
		const keys = names.map((n) => /^\s*(\w+)(?:\{.*\}|\[\])?(?:\s*\(.*\))?\s*$/s.exec(n)?.[1]);
		if (keys.length > 1 && keys.every((k): k is string => k !== undefined))
			rows.set(match[1], keys);
	}
	return rows;
}

function compareKeys(
	findings: Finding[],
	where: string,
	documented: string[],
	actual: Record<string, unknown>,
	source: 'reference' | 'schema',
): void {
	for (const key of documented)
		if (!(key in actual)) findings.push({ kind: 'missing', field: `${where}${key}`, source });
	for (const key of Object.keys(actual))
		if (!documented.includes(key))
			findings.push({ kind: 'extra', field: `${where}${key}`, source });
}

/** Types of the documented example, where both sides hold a value (null = documented nullable). */
function compareTypes(
	findings: Finding[],
	where: string,
	example: unknown,
	actual: unknown,
	depth = 0,
): void {
	if (depth > 3 || example === null || actual === null || actual === undefined) return;
	if (kindOf(example) !== kindOf(actual)) {
		findings.push({
			kind: 'retyped',
			field: where || '(data)',
			expected: kindOf(example),
			actual: kindOf(actual),
			source: 'reference',
		});
		return;
	}
	if (Array.isArray(example) && Array.isArray(actual) && example.length > 0 && actual.length > 0) {
		compareTypes(findings, `${where}[]`, example[0], actual[0], depth + 1);
	} else if (isObject(example) && isObject(actual)) {
		for (const [key, value] of Object.entries(example)) {
			if (key in actual)
				compareTypes(findings, where ? `${where}.${key}` : key, value, actual[key], depth + 1);
		}
	}
}

interface JsonSchema {
	type?: string | string[];
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
	required?: string[];
}

/** The node's output schema (dist/nodes/Genviral/__schema__/v1.0.0/<resource>/<operation>.json) against one output item. */
function compareSchema(
	findings: Finding[],
	where: string,
	schema: JsonSchema,
	actual: unknown,
	depth = 0,
): void {
	if (depth > 4 || actual === null || actual === undefined) return;
	const types =
		schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
	const actualType =
		kindOf(actual) === 'number' && Number.isInteger(actual)
			? ['number', 'integer']
			: [kindOf(actual)];
	if (types.length > 0 && !types.some((t) => actualType.includes(t))) {
		findings.push({
			kind: 'retyped',
			field: where || '(item)',
			expected: types.join('|'),
			actual: kindOf(actual),
			source: 'schema',
		});
		return;
	}
	if (schema.properties && isObject(actual)) {
		const prefix = where ? `${where}.` : '';
		compareKeys(findings, prefix, Object.keys(schema.properties), actual, 'schema');
		for (const [key, child] of Object.entries(schema.properties)) {
			if (key in actual) compareSchema(findings, `${prefix}${key}`, child, actual[key], depth + 1);
		}
	} else if (schema.items && Array.isArray(actual) && actual.length > 0) {
		compareSchema(findings, `${where}[]`, schema.items, actual[0], depth + 1);
	}
}

function schemaFor(endpoint: ReferenceEndpoint, schemaDir: string): JsonSchema | undefined {
	const covered = COVERED.find(
		([resource, operation]) => resource === endpoint.resource && operation === endpoint.operation,
	);
	if (!covered) return undefined;
	const file = path.join(
		schemaDir,
		String(covered[2].resource),
		`${String(covered[2].operation)}.json`,
	);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as JsonSchema) : undefined;
}

/** The array of rows of a list answer (`packs`, `posts`, or a bare array), if any. */
function rowsOf(data: unknown): { key: string; rows: unknown[] } | undefined {
	if (Array.isArray(data)) return { key: '', rows: data };
	if (!isObject(data)) return undefined;
	const arrays = Object.entries(data).filter(
		([, value]) => Array.isArray(value) && value.every(isObject),
	);
	const withIds = arrays.find(([, value]) =>
		(value as unknown[]).some((row) => isObject(row) && 'id' in row),
	);
	const [key, rows] = withIds ?? arrays[0] ?? [];
	return key === undefined ? undefined : { key, rows: rows as unknown[] };
}

/** Compare one answer's data with the reference (and the output schema, when given). */
export function compareAnswer(
	endpoint: ReferenceEndpoint,
	data: unknown,
	schema?: JsonSchema,
): Finding[] {
	const findings: Finding[] = [];
	const bareArray = endpoint.responseDataKeys.every((k) => k.startsWith('[] '));
	if (bareArray) {
		if (!Array.isArray(data))
			findings.push({
				kind: 'retyped',
				field: '(data)',
				expected: 'array',
				actual: kindOf(data),
				source: 'reference',
			});
		else if (isObject(data[0]))
			compareKeys(
				findings,
				'[].',
				endpoint.responseDataKeys.map((k) => k.slice(3)),
				data[0],
				'reference',
			);
	} else if (!isObject(data)) {
		findings.push({
			kind: 'retyped',
			field: '(data)',
			expected: 'object',
			actual: kindOf(data),
			source: 'reference',
		});
	} else {
		compareKeys(findings, '', endpoint.responseDataKeys, data, 'reference');
		for (const [key, rowKeys] of documentedRowKeys(endpoint)) {
			const rows = data[key];
			if (Array.isArray(rows) && isObject(rows[0]))
				compareKeys(findings, `${key}[].`, rowKeys, rows[0], 'reference');
		}
	}
	if (endpoint.responseExample?.data !== undefined)
		compareTypes(findings, '', endpoint.responseExample.data, data);
	if (schema) {
		// A list operation outputs one item per row; a get outputs the object.
		const list = endpoint.path.indexOf('{') < 0 && rowsOf(data);
		const item = list ? list.rows[0] : data;
		if (item !== undefined) compareSchema(findings, '', schema, item);
	}
	return findings;
}

export interface LiveCheckOptions {
	baseUrl: string;
	token: string;
	reference?: ReferenceEndpoint[];
	/** Where the built output schemas are; absent = no schema comparison. */
	schemaDir?: string;
	out: (line: string) => void;
}

export interface LiveCheckReport {
	results: EndpointResult[];
	drift: number;
	/** Every request made: method and path (for the read-only guarantee). */
	requests: string[];
}

/** Replace every occurrence of the token (and its Bearer header form) in a text. */
export function redact(text: string, token: string): string {
	return token === '' ? text : text.split(token).join('[token]');
}

export async function runLiveCheck(options: LiveCheckOptions): Promise<LiveCheckReport> {
	const reference = options.reference ?? (endpoints() as ReferenceEndpoint[]);
	const base = new URL(options.baseUrl.replace(/\/+$/, ''));
	const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname);
	if (base.protocol !== 'https:' && !(base.protocol === 'http:' && loopback)) {
		throw new Error(
			`GENVIRAL_API_BASE_URL must be https:// (http:// only to this machine): ${base.origin}`,
		);
	}
	const out = (line: string) => options.out(redact(line, options.token));
	const requests: string[] = [];

	const call = async (
		endpoint: ReferenceEndpoint,
		ids: Record<string, string>,
		query: Record<string, string>,
	) => {
		assertReadOnly(endpoint);
		const filled = endpoint.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
			encodeURIComponent(ids[name]),
		);
		const url = new URL(`${base.pathname}${filled}`, base.origin);
		for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
		requests.push(`GET ${filled}`);
		const response = await fetch(url, {
			method: 'GET',
			headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/json' },
			// A redirect could carry the token elsewhere: it is reported, not followed.
			redirect: 'error',
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
		});
		const bytes = await response.arrayBuffer();
		if (bytes.byteLength > MAX_ANSWER_BYTES)
			throw new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`);
		let body: unknown;
		try {
			body = JSON.parse(Buffer.from(bytes).toString('utf8'));
		} catch {
			body = undefined;
		}
		return { status: response.status, body };
	};

	const firstIds = new Map<string, string | undefined>();
	const results: EndpointResult[] = [];
	const readable = reference.filter(isReadOnly);
	// Lists first: their first rows give the IDs of the gets.
	const ordered = [
		...readable.filter((e) => !e.path.includes('{')),
		...readable.filter((e) => e.path.includes('{')),
	];
	for (const endpoint of ordered) {
		const name = nameOf(endpoint);
		const label = `GET ${endpoint.path}`;
		const ids: Record<string, string> = {};
		if (endpoint.pathParams.length > 0) {
			const list = listFor(endpoint, reference);
			if (!list) {
				results.push({
					endpoint: label,
					name,
					query: {},
					status: 'skipped',
					findings: [],
					reason: 'its ID comes only from a write or paid call',
				});
				continue;
			}
			const id = firstIds.get(nameOf(list));
			if (id === undefined) {
				results.push({
					endpoint: label,
					name,
					query: {},
					status: 'skipped',
					findings: [],
					reason: `${nameOf(list)} returned no row to take an ID from`,
				});
				continue;
			}
			ids[endpoint.pathParams[0].name] = id;
		}
		// Required enums: each value (a folder list per media type); other required fields: a sample.
		let variants: Array<Record<string, string>> = [{}];
		let unfillable: string | undefined;
		for (const field of endpoint.query.filter((f) => f.required)) {
			const values =
				field.enum ?? (SAMPLE_QUERY[field.name] !== undefined ? [SAMPLE_QUERY[field.name]] : []);
			if (values.length === 0) unfillable = field.name;
			variants = variants.flatMap((v) => values.map((value) => ({ ...v, [field.name]: value })));
		}
		if (unfillable) {
			results.push({
				endpoint: label,
				name,
				query: {},
				status: 'skipped',
				findings: [],
				reason: `no sample value for the required query parameter ${unfillable}`,
			});
			continue;
		}
		if (endpoint.query.some((f) => f.name === 'limit'))
			variants = variants.map((v) => ({ ...v, limit: String(LIST_LIMIT) }));
		const schema = options.schemaDir ? schemaFor(endpoint, options.schemaDir) : undefined;
		const expected = Number(endpoint.successStatus);
		for (const query of variants) {
			const findings: Finding[] = [];
			try {
				const { status, body } = await call(endpoint, ids, query);
				const envelope = isObject(body) ? body : undefined;
				if (status !== expected || envelope?.ok !== true) {
					const code = envelope?.error_code ? ` error_code=${String(envelope.error_code)}` : '';
					const message = envelope?.message
						? ` message="${String(envelope.message)}"`
						: envelope
							? ''
							: ' (not a JSON envelope)';
					findings.push({
						kind: 'status',
						expected,
						actual: status,
						detail: `${code}${message}`.trim(),
					});
				} else {
					findings.push(...compareAnswer(endpoint, envelope.data, schema));
					const rows = endpoint.pathParams.length === 0 ? rowsOf(envelope.data)?.rows : undefined;
					const id = rows
						?.map((row) => (isObject(row) ? row.id : undefined))
						.find((v): v is string => typeof v === 'string' && /^[\w-]+$/.test(v));
					if (!firstIds.get(name)) firstIds.set(name, id);
				}
			} catch (error) {
				findings.push({
					kind: 'error',
					detail:
						error instanceof Error
							? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}`
							: String(error),
				});
			}
			results.push({
				endpoint: label,
				name,
				query,
				status: findings.length === 0 ? 'ok' : 'drift',
				findings,
			});
		}
	}

	out(
		`Live check of ${base.origin}${base.pathname} against the reference (${readable.length} read-only endpoints)`,
	);
	for (const result of results) {
		const query = Object.keys(result.query).length
			? `?${new URLSearchParams(result.query).toString()}`
			: '';
		const head = `${result.status === 'ok' ? 'OK   ' : result.status === 'drift' ? 'DRIFT' : 'SKIP '}  ${result.endpoint}${query} (${result.name})`;
		out(result.reason ? `${head}: ${result.reason}` : head);
		for (const finding of result.findings) out(`         ${describe(finding)}`);
	}
	const count = (status: EndpointResult['status']) =>
		results.filter((r) => r.status === status).length;
	const drift = count('drift');
	out(
		`check:live: ${count('ok')} ok, ${drift} with drift, ${count('skipped')} skipped${drift ? ' - update the reference, the fake and the node before releasing' : ''}`,
	);
	return { results, drift, requests };
}

function describe(finding: Finding): string {
	const source = 'source' in finding && finding.source === 'schema' ? ' (output schema)' : '';
	switch (finding.kind) {
		case 'missing':
			return `missing: ${finding.field}${source}`;
		case 'extra':
			return `extra: ${finding.field}${source}`;
		case 'retyped':
			return `retyped: ${finding.field}: documented ${finding.expected}, got ${finding.actual}${source}`;
		case 'status':
			return `status: ${finding.actual}, documented ${finding.expected}${finding.detail ? ` ${finding.detail}` : ''}`;
		case 'error':
			return `error: ${finding.detail}`;
	}
}

/** The command: refuses in CI and without a token (exit 2); 1 = drift, 0 = none. */
export async function main(
	env: Record<string, string | undefined>,
	out: (line: string) => void,
): Promise<number> {
	if (env.CI) {
		out(
			'check:live: refusing to run in CI (CI is set): it calls the real API with a real token; run it by hand before a release.',
		);
		return 2;
	}
	const token = (env.GENVIRAL_API_TOKEN ?? '').trim();
	if (token === '') {
		out(
			'check:live: GENVIRAL_API_TOKEN is not set. Export a Partner API token (read-only calls only) and run again.',
		);
		return 2;
	}
	try {
		const report = await runLiveCheck({
			baseUrl: env.GENVIRAL_API_BASE_URL?.trim() || DEFAULT_BASE_URL,
			token,
			schemaDir: path.join(REPO_ROOT, 'dist', 'nodes', 'Genviral', '__schema__', 'v1.0.0'),
			out,
		});
		return report.drift > 0 ? 1 : 0;
	} catch (error) {
		out(redact(`check:live: ${error instanceof Error ? error.message : String(error)}`, token));
		return 2;
	}
}

if (require.main === module) {
	void main(process.env, (line) => process.stdout.write(`${line}\n`)).then((code) => {
		process.exitCode = code;
	});
}
