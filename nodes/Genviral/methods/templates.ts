import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { expectArray, expectObject, genviralApiRequest } from '../transport';

const PAGE_SIZE = 100;

/**
 * The "From List" mode of the Template locator: the API searches by name (`search`), pages by
 * offset; the pagination token is the next offset. Templates you cannot change are marked,
 * since Update and Delete would refuse them.
 */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const endpoint = 'GET /templates';
	const offset = Number(paginationToken ?? 0) || 0;
	const search = (filter ?? '').trim();
	const data = await genviralApiRequest.call(this, {
		method: 'GET',
		path: '/templates',
		qs: { limit: PAGE_SIZE, offset, ...(search !== '' ? { search } : {}) },
	});
	const page = expectObject(this, data, endpoint, undefined);
	const templates = expectArray(this, page.templates, endpoint, undefined, 'templates');
	const results: INodeListSearchItems[] = templates.map((template) => ({
		name: `${String(template.name)} · ${String(template.visibility)}${template.is_owner === false ? ' · not yours' : ''}`,
		value: String(template.id),
	}));
	const next = offset + templates.length;
	const total = typeof page.total === 'number' ? page.total : undefined;
	return total !== undefined && next < total && templates.length > 0
		? { results, paginationToken: String(next) }
		: { results };
}
