/**
 * How a resource of the fake API plugs in: a module owns its routes (by template, as the
 * reference writes them: "GET /packs/{packId}") and its state. The fake core authenticates the
 * key (plan gate), applies queued faults and latency, then calls the route with the path
 * parameters. A module reaches other modules through `ctx.fake.modules`.
 */
import type { KeyProfile, RecordedRequest, Reply } from './server';
import type { FakeGenviral } from './server';

export interface RouteContext {
	req: RecordedRequest;
	key: KeyProfile;
	/** The parsed JSON body; `Symbol.for('invalid-json')` when the body was not JSON. */
	body: unknown;
	/** Path parameters by the names the template gives them. */
	params: Record<string, string>;
	fake: FakeGenviral;
	/** The scope the key's items live in (workspace id, or `user:<id>` for a personal key). */
	scope: string;
}

/** A reply with status 0 makes the fake drop the connection without answering (after acting). */
export type RouteHandler = (ctx: RouteContext) => Reply | Promise<Reply>;

export interface FakeModule {
	routes: Record<string, RouteHandler>;
	/** Forget all state (called before each test). */
	reset(): void;
}

export const INVALID_JSON = Symbol.for('invalid-json');

/** "GET /folders/{folderId}/items" → a matcher of method and path that returns the parameters. */
export function compileRoute(
	template: string,
): (method: string, path: string) => Record<string, string> | undefined {
	const [routeMethod, routePath] = template.split(' ');
	const names: string[] = [];
	const pattern = routePath
		.split('/')
		.map((segment) => {
			const param = /^\{(\w+)\}$/.exec(segment);
			if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			names.push(param[1]);
			return '([^/]+)';
		})
		.join('/');
	const regex = new RegExp(`^${pattern}/?$`);
	return (method, path) => {
		if (method !== routeMethod) return undefined;
		const match = regex.exec(path);
		if (!match) return undefined;
		return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
	};
}

/**
 * Time-based progress for asynchronous jobs (posts publishing, Studio videos, pack image
 * metadata, refreshes): the status a job shows `elapsed` ms after it started, moving one step
 * every `stepMs`. Progress follows the clock, not the number of reads, so a client that
 * polls too often sees nothing new sooner (and tests can measure its cadence).
 */
export function statusAt<S>(
	steps: readonly S[],
	startedAt: number,
	stepMs: number,
	now = Date.now(),
): S {
	const index = stepMs <= 0 ? steps.length - 1 : Math.floor((now - startedAt) / stepMs);
	return steps[Math.min(steps.length - 1, Math.max(0, index))];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

/** `limit`/`offset` from a query, checked against the endpoint's documented bounds. */
export function readOffsetPage(
	query: Record<string, string>,
	{ defaultLimit = 50, maxLimit = 100 }: { defaultLimit?: number; maxLimit?: number } = {},
): { limit: number; offset: number } | { error: string } {
	const limit = query.limit === undefined ? defaultLimit : Number(query.limit);
	const offset = query.offset === undefined ? 0 : Number(query.offset);
	if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)
		return { error: `limit must be 1-${maxLimit}` };
	if (!Number.isInteger(offset) || offset < 0) return { error: 'offset must be 0 or more' };
	return { limit, offset };
}
