import type { IDataObject } from 'n8n-workflow';

import type { GenviralContext } from './request';
import { genviralApiRequest } from './request';

export interface OffsetPaginationRequest {
	path: string;
	qs: IDataObject;
	itemIndex: number;
	/** Stop after this many rows. */
	maxItems: number;
	pageSize: number;
	/** The highest `offset` the endpoint accepts. */
	offsetCap: number;
	/** Reads one page's rows and whether more exist. */
	readPage: (data: unknown, endpoint: string) => { rows: IDataObject[]; hasMore: boolean; total?: number };
}

export interface OffsetPaginationResult {
	rows: IDataObject[];
	/** Set when rows exist that the offset cap puts out of reach. */
	truncated?: { fetched: number; total?: number; offsetCap: number };
}

/** limit/offset pagination: pages of `pageSize` until enough rows, no more, or the offset cap. */
export async function genviralPaginate(
	this: GenviralContext,
	request: OffsetPaginationRequest,
): Promise<OffsetPaginationResult> {
	const { path, qs, itemIndex, maxItems, pageSize, offsetCap, readPage } = request;
	const rows: IDataObject[] = [];
	let offset = 0;
	for (;;) {
		const limit = Math.min(pageSize, maxItems - rows.length);
		const data = await genviralApiRequest.call(this, { method: 'GET', path, qs: { ...qs, limit, offset }, itemIndex });
		const page = readPage(data, `GET ${path}`);
		rows.push(...page.rows.slice(0, limit));
		if (!page.hasMore || page.rows.length === 0 || rows.length >= maxItems) return { rows };
		offset += page.rows.length;
		if (offset > offsetCap) {
			return { rows, truncated: { fetched: rows.length, total: page.total, offsetCap } };
		}
	}
}
