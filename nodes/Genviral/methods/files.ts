import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { isUuid } from '../helpers/validation';
import { pickerPage } from './slideshows';

/** The most IDs Add Items and Remove Items take in one call (reference: 1-200 item_ids). */
const MAX_CHOICES = 200;

function kilobytes(size: unknown): string {
	return typeof size === 'number'
		? size >= 1_048_576
			? `${(size / 1_048_576).toFixed(1)} MB`
			: `${Math.max(1, Math.round(size / 1024))} KB`
		: '';
}

/** "clip.mp4 · video/mp4 · 2.4 MB · 2026-03-01": GET /files rows are camelCase, folder items snake_case. */
export function fileLabel(file: IDataObject): string {
	const name = String(file.filename ?? file.file_name ?? file.id);
	const type = file.contentType ?? file.content_type;
	const created = file.createdAt ?? file.created_at;
	return [
		name,
		typeof type === 'string' ? type : '',
		kilobytes(file.size),
		typeof created === 'string' ? created.slice(0, 10) : '',
	]
		.filter((part) => part !== '')
		.join(' · ');
}

function slideshowLabel(slideshow: IDataObject): string {
	return `${String(slideshow.title ?? 'Untitled')} · ${String(slideshow.status ?? '')} slideshow`;
}

/** Every row of an offset-paged list, up to MAX_CHOICES, through the pickers' page reader. */
async function firstRows(
	ctx: ILoadOptionsFunctions,
	path: string,
	rowsKey: string,
	qs: Record<string, string>,
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	let token: string | undefined;
	do {
		const page = await pickerPage(ctx, path, rowsKey, qs, token);
		rows.push(...page.rows);
		token = page.paginationToken;
	} while (token !== undefined && rows.length < MAX_CHOICES);
	return rows.slice(0, MAX_CHOICES).filter((row) => typeof row.id === 'string');
}

function currentParameter(ctx: ILoadOptionsFunctions, name: string, extractValue = false): unknown {
	try {
		return ctx.getCurrentNodeParameter(name, extractValue ? { extractValue: true } : undefined);
	} catch {
		return undefined;
	}
}

export const filesLoadOptions = {
	/**
	 * Item IDs of Folder → Add Items and Remove Items. Remove: what the chosen folder holds
	 * (GET /folders/{folderId}/items). Add: by Item Type, the files of every context (GET
	 * /files?context=all, Studio outputs and dashboard uploads included) or the slideshows;
	 * both for Either. Newest first, at most 200 of each (the most one call takes).
	 */
	async getFolderItemChoices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const operation = currentParameter(this, 'operation');
		const itemType = currentParameter(this, 'itemType');
		const options: INodePropertyOptions[] = [];
		if (operation === 'removeItems') {
			const folderId = currentParameter(this, 'folderId', true);
			// Only an ID goes into the path; without a folder there is nothing to list yet.
			if (typeof folderId !== 'string' || !isUuid(folderId.trim())) return [];
			const items = await firstRows(
				this,
				`/folders/${folderId.trim().toLowerCase()}/items`,
				'items',
				{},
			);
			return items.map((item) => ({
				name: 'title' in item ? slideshowLabel(item) : fileLabel(item),
				value: String(item.id),
			}));
		}
		if (itemType !== 'slideshow') {
			const files = await firstRows(this, '/files', 'files', { context: 'all' });
			options.push(...files.map((file) => ({ name: fileLabel(file), value: String(file.id) })));
		}
		if (itemType !== 'file') {
			const slideshows = await firstRows(this, '/slideshows', 'slideshows', {});
			options.push(
				...slideshows.map((slideshow) => ({
					name: slideshowLabel(slideshow),
					value: String(slideshow.id),
				})),
			);
		}
		return options;
	},
};
