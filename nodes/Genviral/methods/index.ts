import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { platformOptions } from '../descriptions/platforms';
import { expectArray, expectObject, genviralApiRequest } from '../transport';
import { searchFolders } from './folders';
import { searchTemplates } from './templates';
import { studioLoadOptions } from './studio';
import { getAccounts } from './accounts';
import { filesLoadOptions } from './files';
import { postsListSearch, postsLoadOptions } from './posts';
import { listSearch as packsListSearch } from './packs';
import { listSearch as slideshowsListSearch } from './slideshows';

async function fetchTargets(ctx: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const endpoint = 'GET /analytics/targets';
	const data = await genviralApiRequest.call(ctx, { method: 'GET', path: '/analytics/targets' });
	return expectArray(
		ctx,
		expectObject(ctx, data, endpoint, undefined).targets,
		endpoint,
		undefined,
		'targets',
	);
}

/** "Acme main · TikTok · @acme": display name (or handle), platform, handle. */
function targetLabel(target: IDataObject): string {
	const platform =
		platformOptions.find((p) => p.value === target.platform)?.name ?? String(target.platform ?? '');
	const handle = String(target.identifier ?? target.normalized_identifier ?? target.id);
	const name =
		typeof target.display_name === 'string' && target.display_name !== ''
			? target.display_name
			: handle;
	return name === handle ? `${handle} · ${platform}` : `${name} · ${platform} · ${handle}`;
}

export const listSearch = {
	searchFolders,
	searchTemplates,
	...slideshowsListSearch,
	...packsListSearch,
	...postsListSearch,
	/** The "From List" mode of the Target locator; the filter matches name, handle or platform. */
	async searchTargets(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const needle = (filter ?? '').trim().toLowerCase();
		const results: INodeListSearchItems[] = (await fetchTargets(this))
			.map((target) => ({ name: targetLabel(target), value: String(target.id) }))
			.filter((item) => needle === '' || item.name.toLowerCase().includes(needle))
			.sort((a, b) => a.name.localeCompare(b.name));
		return { results };
	},
};

export const loadOptions = {
	getAccounts,
	/** The Targets filter of the analytics operations. */
	async getTargets(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await fetchTargets(this))
			.map((target) => ({ name: targetLabel(target), value: String(target.id) }))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
	...studioLoadOptions,
	...postsLoadOptions,
	...filesLoadOptions,
};
