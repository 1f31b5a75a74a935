import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { expectArray, expectObject, genviralApiRequest } from '../transport';

/** Rows per page of a picker: one request per page, more on scroll. */
export const PICKER_PAGE_SIZE = 50;

/** The offset a picker's pagination token stands for (the token is the next offset). */
export function offsetOf(paginationToken: unknown): number {
	const offset = Number(paginationToken ?? 0);
	return Number.isInteger(offset) && offset >= 0 ? offset : 0;
}

/** One page of a list endpoint for a picker: rows, and the next page's token while there is more. */
export async function pickerPage(
	ctx: ILoadOptionsFunctions,
	path: string,
	rowsKey: string,
	qs: Record<string, string | number | boolean>,
	paginationToken: unknown,
) {
	const offset = offsetOf(paginationToken);
	const endpoint = `GET ${path}`;
	const data = expectObject(
		ctx,
		await genviralApiRequest.call(ctx, {
			method: 'GET',
			path,
			qs: { ...qs, limit: PICKER_PAGE_SIZE, offset },
		}),
		endpoint,
		undefined,
	);
	const rows = expectArray(ctx, data[rowsKey], endpoint, undefined, rowsKey);
	const next = offset + rows.length;
	const more =
		typeof data.total === 'number' ? next < data.total : rows.length === PICKER_PAGE_SIZE;
	return { rows, paginationToken: more && rows.length > 0 ? String(next) : undefined };
}

export const listSearch = {
	/** The "From List" mode of the Slideshow locator: newest first, searched by title on the server. */
	async searchSlideshows(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const search = (filter ?? '').trim();
		const page = await pickerPage(
			this,
			'/slideshows',
			'slideshows',
			search === '' ? {} : { search },
			paginationToken,
		);
		return {
			results: page.rows.map((row) => ({
				name: `${String(row.title ?? 'Untitled')} · ${String(row.status ?? '')} · ${String(row.slide_count ?? '?')} slides`,
				value: String(row.id),
			})),
			paginationToken: page.paginationToken,
		};
	},
};
