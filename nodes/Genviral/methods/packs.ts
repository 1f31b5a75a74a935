import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pickerPage } from './slideshows';

function imageCount(count: unknown): string {
	const n = typeof count === 'number' ? count : 0;
	return n === 1 ? '1 image' : `${n} images`;
}

export const listSearch = {
	/** The "From List" mode of the Image Pack locator: own and public packs, searched by name on the server. */
	async searchImagePacks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const search = (filter ?? '').trim();
		const page = await pickerPage(this, '/packs', 'packs', search === '' ? {} : { search }, paginationToken);
		return {
			results: page.rows.map((row) => ({
				name: `${String(row.name ?? 'Unnamed pack')} · ${imageCount(row.image_count)}${row.is_public === true ? ' · public' : ''}`,
				value: String(row.id),
			})),
			paginationToken: page.paginationToken,
		};
	},
};
