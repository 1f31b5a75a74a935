import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { mediaTypeName, mediaTypeOptions } from '../actions/folder/descriptions';
import { expectArray, expectObject, genviralApiRequest } from '../transport';

const PAGE_SIZE = 100;
/** Requests one call of the picker may send before it hands back a pagination token. */
const REQUESTS_PER_CALL = 10;
/** Results after which one call stops and hands back a pagination token. */
const RESULTS_PER_CALL = 50;

/** One level still to read: a media type's folders under a parent (null: the top level), from an offset. */
interface PendingLevel {
	mediaType: string;
	parentId: string | null;
	offset: number;
	/** The names of the parents, for the label ("Clients / Acme"). */
	path: string[];
}

/** The media types to walk: the operation's own Media Type where it has one (a parent must match it). */
function mediaTypesToWalk(ctx: ILoadOptionsFunctions): string[] {
	const all = mediaTypeOptions.map((option) => String(option.value));
	let operation: unknown;
	let mediaType: unknown;
	try {
		operation = ctx.getCurrentNodeParameter('operation');
		mediaType = ctx.getCurrentNodeParameter('mediaType');
	} catch {
		return all;
	}
	if (
		(operation === 'create' || operation === 'getMany') &&
		typeof mediaType === 'string' &&
		all.includes(mediaType)
	) {
		return [mediaType];
	}
	return all;
}

function readToken(token: string | undefined): PendingLevel[] | undefined {
	if (token === undefined || token === '') return undefined;
	try {
		const parsed = JSON.parse(token) as unknown;
		return Array.isArray(parsed) ? (parsed as PendingLevel[]) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The "From List" mode of the Folder locator. The API lists one level of one media type at a
 * time, so the picker walks the tree breadth-first, top level first, a bounded number of
 * requests per call; what is left to read travels in the pagination token. The filter matches
 * the folder's path of names (the API has no folder search).
 */
export async function searchFolders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const endpoint = 'GET /folders';
	const needle = (filter ?? '').trim().toLowerCase();
	const queue: PendingLevel[] =
		readToken(paginationToken) ??
		mediaTypesToWalk(this).map((mediaType) => ({ mediaType, parentId: null, offset: 0, path: [] }));
	const results: INodeListSearchItems[] = [];
	let requests = 0;
	while (queue.length > 0 && requests < REQUESTS_PER_CALL && results.length < RESULTS_PER_CALL) {
		const level = queue.shift() as PendingLevel;
		const qs: IDataObject = { media_type: level.mediaType, limit: PAGE_SIZE, offset: level.offset };
		if (level.parentId !== null) qs.parent_folder_id = level.parentId;
		const page = expectObject(
			this,
			await genviralApiRequest.call(this, { method: 'GET', path: '/folders', qs }),
			endpoint,
			undefined,
		);
		requests++;
		const folders = expectArray(this, page.folders, endpoint, undefined, 'folders');
		const next = level.offset + folders.length;
		// The rest of this level before its sub-levels, so the list stays in tree order.
		if (folders.length > 0 && typeof page.total === 'number' && next < page.total)
			queue.unshift({ ...level, offset: next });
		for (const folder of folders) {
			const path = [...level.path, String(folder.name)];
			const name = `${path.join(' / ')} · ${mediaTypeName(level.mediaType)}`;
			if (needle === '' || name.toLowerCase().includes(needle))
				results.push({ name, value: String(folder.id) });
			if (typeof folder.subfolder_count !== 'number' || folder.subfolder_count > 0) {
				queue.push({ mediaType: level.mediaType, parentId: String(folder.id), offset: 0, path });
			}
		}
	}
	return queue.length > 0 ? { results, paginationToken: JSON.stringify(queue) } : { results };
}
