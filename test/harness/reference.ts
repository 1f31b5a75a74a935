/** The Partner API reference (../shared/genviral-api/endpoints.json): the contract tests follow. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './engine';

export interface DocumentedError {
	status: number | string;
	error_code: string | null;
	meaning: string;
	inferred?: boolean;
}

export interface EndpointReference {
	resource: string;
	operation: string;
	method: string;
	path: string;
	errors: DocumentedError[];
}

export const REFERENCE_PATH =
	process.env.GENVIRAL_API_REFERENCE ??
	path.resolve(REPO_ROOT, '..', 'shared', 'genviral-api', 'endpoints.json');

let cache: EndpointReference[] | undefined;

export function endpoints(): EndpointReference[] {
	cache ??= JSON.parse(readFileSync(REFERENCE_PATH, 'utf8')) as EndpointReference[];
	return cache;
}

export function endpoint(resource: string, operation: string): EndpointReference {
	const found = endpoints().find((e) => e.resource === resource && e.operation === operation);
	if (!found) throw new Error(`No ${resource}.${operation} in ${REFERENCE_PATH}`);
	return found;
}

/** The documented errors of an endpoint as concrete (status, error_code) cases; "401/403" gives two. */
export function documentedErrorCases(
	ref: EndpointReference,
): Array<{ status: number; errorCode: string | null; meaning: string }> {
	return ref.errors.flatMap((e) =>
		String(e.status)
			.split('/')
			.map((status) => ({ status: Number(status), errorCode: e.error_code, meaning: e.meaning })),
	);
}

/** The allowed values of a body field of an endpoint, as the reference lists them. */
export function referenceEnum(resource: string, operation: string, field: string): string[] {
	const ref = endpoint(resource, operation) as EndpointReference & {
		body?: Array<{ name: string; enum: string[] | null }>;
	};
	const values = ref.body?.find((f) => f.name === field)?.enum;
	if (!values)
		throw new Error(`No enum for ${field} of ${resource}.${operation} in ${REFERENCE_PATH}`);
	return values;
}
