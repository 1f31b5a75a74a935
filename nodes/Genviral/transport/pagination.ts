import type { IDataObject } from 'n8n-workflow';

import type { GenviralContext } from './types';
import { genviralApiRequest } from './request';
import { expectArray, expectObject } from './shapes';

/**
 * The list styles of the Partner API, each walked here and nowhere else:
 * - `offsetTotal`: limit/offset, the page says `total` (files, folders, packs, templates,
 *   slideshows, folder items);
 * - `offsetHasMore`: limit/offset, the page says `hasMore` (analytics posts);
 * - `timeWindow`: limit plus an `until` instant, newest first, no offset (`GET /posts`):
 *   the next page ends at the oldest row seen (`until` is inclusive) and asks for as many more
 *   rows as the ones already seen on that instant, which come again first and are dropped by
 *   ID. Only when more rows share one instant than a page holds can the walk not reach the
 *   rest: it then goes on from just before that instant and names it in `crowdedInstants`.
 * Every row a page brings is kept (up to the rows asked for), and offsets move by the rows
 * kept: a server that answers more rows than asked, or fewer, cannot make the walk lose any.
 */
export type PaginationStyle = 'offsetTotal' | 'offsetHasMore' | 'timeWindow';

export interface PaginationRequest {
	style: PaginationStyle;
	path: string;
	qs?: IDataObject;
	itemIndex: number;
	/** Stop after this many rows (Infinity for Return All). */
	maxItems: number;
	pageSize: number;
	/** Where the rows are in `data` (`files`, `posts`, ...). */
	rowsKey: string;
	/** offset styles: the highest `offset` the endpoint accepts. */
	offsetCap?: number;
	/** timeWindow: the row field holding the instant the window moves by. */
	timeField?: string;
	/** timeWindow: the query parameter that ends the window. */
	untilParam?: string;
	/** Query names when the endpoint spells them differently. */
	limitParam?: string;
	offsetParam?: string;
}

export interface PaginationResult {
	rows: IDataObject[];
	/** Set when rows exist that the offset cap puts out of reach. */
	truncated?: { fetched: number; total?: number; offsetCap: number };
	/** How many requests the walk sent (for benchmarks and the trigger's cost). */
	requests: number;
	/**
	 * timeWindow: instants (as the API wrote them) shared by more rows than a page holds; rows
	 * on them beyond the first page may be missing, since the API cannot page within one instant.
	 */
	crowdedInstants?: string[];
}

export async function genviralPaginate(
	this: GenviralContext,
	request: PaginationRequest,
): Promise<PaginationResult> {
	return request.style === 'timeWindow'
		? await walkTimeWindow(this, request)
		: await walkOffsets(this, request);
}

async function fetchPage(
	ctx: GenviralContext,
	request: PaginationRequest,
	qs: IDataObject,
): Promise<{ page: IDataObject; rows: IDataObject[] }> {
	const { path, itemIndex, rowsKey } = request;
	const endpoint = `GET ${path}`;
	const data = await genviralApiRequest.call(ctx, { method: 'GET', path, qs, itemIndex });
	const page = expectObject(ctx, data, endpoint, itemIndex);
	return { page, rows: expectArray(ctx, page[rowsKey], endpoint, itemIndex, rowsKey) };
}

async function walkOffsets(
	ctx: GenviralContext,
	request: PaginationRequest,
): Promise<PaginationResult> {
	const { maxItems, pageSize, offsetCap = Number.POSITIVE_INFINITY, style } = request;
	const limitParam = request.limitParam ?? 'limit';
	const offsetParam = request.offsetParam ?? 'offset';
	const rows: IDataObject[] = [];
	let offset = 0;
	let requests = 0;
	for (;;) {
		const wanted = maxItems - rows.length;
		const limit = Math.min(pageSize, wanted);
		const { page, rows: pageRows } = await fetchPage(ctx, request, {
			...request.qs,
			[limitParam]: limit,
			[offsetParam]: offset,
		});
		requests++;
		// Every row the page brought, up to the rows still wanted: a page larger than asked (a
		// server that ignores `limit`, then says there is no more) loses none of them.
		const kept = pageRows.slice(0, wanted);
		rows.push(...kept);
		offset += kept.length;
		const total =
			typeof page.total === 'number'
				? page.total
				: typeof page.totalCount === 'number'
					? page.totalCount
					: undefined;
		const more =
			style === 'offsetHasMore'
				? page.hasMore === true
				: total !== undefined
					? offset < total
					: kept.length >= limit;
		if (!more || kept.length === 0 || rows.length >= maxItems) return { rows, requests };
		if (offset > offsetCap)
			return { rows, requests, truncated: { fetched: rows.length, total, offsetCap } };
	}
}

async function walkTimeWindow(
	ctx: GenviralContext,
	request: PaginationRequest,
): Promise<PaginationResult> {
	const { maxItems, pageSize, timeField = 'created_at', untilParam = 'until' } = request;
	const limitParam = request.limitParam ?? 'limit';
	const rows: IDataObject[] = [];
	const seen = new Set<string>();
	/** Rows seen per instant (epoch ms): on the boundary instant they come again first. */
	const seenPerInstant = new Map<number, number>();
	const crowdedInstants: string[] = [];
	let until = request.qs?.[untilParam];
	let untilMs = until === undefined ? Number.POSITIVE_INFINITY : Date.parse(String(until));
	if (Number.isNaN(untilMs)) untilMs = Number.POSITIVE_INFINITY;
	/** The instant `until` is at when it was set from the oldest row seen. */
	let boundaryMs: number | undefined;
	let requests = 0;
	const result = (): PaginationResult =>
		crowdedInstants.length > 0 ? { rows, requests, crowdedInstants } : { rows, requests };
	for (;;) {
		const seenOnBoundary = boundaryMs === undefined ? 0 : (seenPerInstant.get(boundaryMs) ?? 0);
		// The rows already seen on the boundary come again first: ask for them plus what is wanted.
		const limit = Math.min(pageSize, maxItems - rows.length + seenOnBoundary);
		const qs: IDataObject = { ...request.qs, [limitParam]: limit };
		if (until !== undefined) qs[untilParam] = until;
		const { rows: pageRows } = await fetchPage(ctx, request, qs);
		requests++;
		let added = 0;
		let oldest: { at: string; ms: number } | undefined;
		for (const row of pageRows) {
			const at = row[timeField];
			const ms = typeof at === 'string' ? Date.parse(at) : Number.NaN;
			if (!Number.isNaN(ms) && (oldest === undefined || ms < oldest.ms))
				oldest = { at: at as string, ms };
			const id = String(row.id ?? JSON.stringify(row));
			if (seen.has(id)) continue;
			seen.add(id);
			if (!Number.isNaN(ms)) seenPerInstant.set(ms, (seenPerInstant.get(ms) ?? 0) + 1);
			if (rows.length < maxItems) {
				rows.push(row);
				added++;
			}
		}
		// A short page is the last one.
		if (rows.length >= maxItems || pageRows.length < limit || oldest === undefined) return result();
		if (added > 0) {
			until = oldest.at;
			untilMs = oldest.ms;
			boundaryMs = oldest.ms;
			continue;
		}
		// A full page of rows already seen: more rows share the boundary instant than a page
		// holds, and without an offset the rest of them cannot be reached. Go on from just before
		// that instant and say so. (A page older than `until` would mean the server ignores the
		// window: stop rather than walk forever.)
		if (oldest.ms > untilMs) return result();
		crowdedInstants.push(oldest.at);
		untilMs = oldest.ms - 1;
		until = new Date(untilMs).toISOString();
		boundaryMs = undefined;
	}
}
