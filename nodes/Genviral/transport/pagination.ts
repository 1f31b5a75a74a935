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
 *   the next page ends at the oldest row seen, rows on that boundary are deduplicated by ID.
 * Offsets move by the rows kept, never by what the server sent, so a server that answers more
 * rows than asked cannot make the walk skip any.
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
}

export async function genviralPaginate(this: GenviralContext, request: PaginationRequest): Promise<PaginationResult> {
	return request.style === 'timeWindow' ? await walkTimeWindow(this, request) : await walkOffsets(this, request);
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

async function walkOffsets(ctx: GenviralContext, request: PaginationRequest): Promise<PaginationResult> {
	const { maxItems, pageSize, offsetCap = Number.POSITIVE_INFINITY, style } = request;
	const limitParam = request.limitParam ?? 'limit';
	const offsetParam = request.offsetParam ?? 'offset';
	const rows: IDataObject[] = [];
	let offset = 0;
	let requests = 0;
	for (;;) {
		const limit = Math.min(pageSize, maxItems - rows.length);
		const { page, rows: pageRows } = await fetchPage(ctx, request, { ...request.qs, [limitParam]: limit, [offsetParam]: offset });
		requests++;
		const kept = pageRows.slice(0, limit);
		rows.push(...kept);
		offset += kept.length;
		const total = typeof page.total === 'number' ? page.total : typeof page.totalCount === 'number' ? page.totalCount : undefined;
		const more = style === 'offsetHasMore' ? page.hasMore === true : total !== undefined ? offset < total : kept.length === limit;
		if (!more || kept.length === 0 || rows.length >= maxItems) return { rows, requests };
		if (offset > offsetCap) return { rows, requests, truncated: { fetched: rows.length, total, offsetCap } };
	}
}

async function walkTimeWindow(ctx: GenviralContext, request: PaginationRequest): Promise<PaginationResult> {
	const { maxItems, pageSize, timeField = 'created_at', untilParam = 'until' } = request;
	const limitParam = request.limitParam ?? 'limit';
	const rows: IDataObject[] = [];
	const seen = new Set<string>();
	let until = request.qs?.[untilParam];
	let requests = 0;
	for (;;) {
		const limit = Math.min(pageSize, maxItems - rows.length);
		const qs: IDataObject = { ...request.qs, [limitParam]: limit };
		if (until !== undefined) qs[untilParam] = until;
		// Rows on the boundary instant come again on the next page: ask for enough to get past them.
		const { rows: pageRows } = await fetchPage(ctx, request, qs);
		requests++;
		let added = 0;
		let oldest: string | undefined;
		for (const row of pageRows) {
			const at = row[timeField];
			if (typeof at === 'string' && (oldest === undefined || Date.parse(at) < Date.parse(oldest))) oldest = at;
			const id = String(row.id ?? JSON.stringify(row));
			if (seen.has(id)) continue;
			seen.add(id);
			if (rows.length < maxItems) {
				rows.push(row);
				added++;
			}
		}
		// A short page is the last one; a page of nothing new (all on one instant) cannot move on.
		if (pageRows.length < limit || added === 0 || rows.length >= maxItems || oldest === undefined) return { rows, requests };
		until = oldest;
	}
}
