import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isUuid } from '../helpers/validation';
import { expectArray, expectObject, genviralApiRequest } from '../transport';
import { offsetOf, PICKER_PAGE_SIZE, pickerPage } from './slideshows';

/** "Woman stretching at sunrise · yoga, morning": the AI description and keywords, else the file name. */
function imageLabel(image: IDataObject): string {
	const metadata = (
		typeof image.metadata === 'object' && image.metadata !== null ? image.metadata : {}
	) as IDataObject;
	const keywords = Array.isArray(metadata.keywords)
		? metadata.keywords.filter((k) => typeof k === 'string').slice(0, 3)
		: [];
	const description =
		typeof metadata.description === 'string' && metadata.description.trim() !== ''
			? metadata.description.trim()
			: '';
	const fileName =
		typeof image.url === 'string'
			? decodeURIComponent(image.url.split('?')[0].split('/').pop() ?? '')
			: '';
	const title =
		description !== ''
			? description.length > 60
				? `${description.slice(0, 59).trimEnd()}…`
				: description
			: fileName || String(image.id);
	return keywords.length > 0 ? `${title} · ${keywords.join(', ')}` : title;
}

function currentPackId(ctx: ILoadOptionsFunctions): string | undefined {
	try {
		const value = ctx.getCurrentNodeParameter('packId', { extractValue: true });
		return typeof value === 'string' && isUuid(value.trim())
			? value.trim().toLowerCase()
			: undefined;
	} catch {
		return undefined;
	}
}

function imageCount(count: unknown): string {
	const n = typeof count === 'number' ? count : 0;
	return n === 1 ? '1 image' : `${n} images`;
}

export const listSearch = {
	/** The "From List" mode of the Image Pack locator: own and public packs, searched by name on the server. */
	async searchImagePacks(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const search = (filter ?? '').trim();
		const page = await pickerPage(
			this,
			'/packs',
			'packs',
			search === '' ? {} : { search },
			paginationToken,
		);
		return {
			results: page.rows.map((row) => ({
				name: `${String(row.name ?? 'Unnamed pack')} · ${imageCount(row.image_count)}${row.is_public === true ? ' · public' : ''}`,
				value: String(row.id),
			})),
			paginationToken: page.paginationToken,
		};
	},
	/**
	 * The "From List" mode of the Image locator (Delete Image): the images of the pack chosen
	 * above, oldest first as GET /packs/{packId} gives them (all in one answer), filtered by
	 * description, keywords or file name and shown a page at a time (the token is the next
	 * offset). Without a pack there is nothing to list.
	 */
	async searchPackImages(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const packId = currentPackId(this);
		if (packId === undefined) return { results: [] };
		const endpoint = 'GET /packs/{packId}';
		const pack = expectObject(
			this,
			await genviralApiRequest.call(this, { method: 'GET', path: `/packs/${packId}` }),
			endpoint,
			undefined,
		);
		const needle = (filter ?? '').trim().toLowerCase();
		const matching = expectArray(this, pack.images, endpoint, undefined, 'images')
			.filter((image) => typeof image.id === 'string')
			.map((image) => ({ name: imageLabel(image), value: String(image.id) }))
			.filter(
				(item) =>
					needle === '' ||
					item.name.toLowerCase().includes(needle) ||
					item.value.toLowerCase() === needle,
			);
		const offset = offsetOf(paginationToken);
		const next = offset + PICKER_PAGE_SIZE;
		const results = matching.slice(offset, next);
		return next < matching.length ? { results, paginationToken: String(next) } : { results };
	},
};
