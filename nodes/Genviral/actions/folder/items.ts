import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { failValidation } from '../../helpers/validation';
import type { RetryPolicy } from '../../transport';
import { expectObject, genviralApiRequest } from '../../transport';
import type { GenviralOperation } from '../node.type';
import { folderItemsLocator, folderLocator } from '../../descriptions/locators';
import { mediaTypeName } from './descriptions';

const ITEM_TYPES = {
	file: { label: 'File IDs', holds: 'file IDs', folders: 'an Upload, AI Image or AI Video folder' },
	slideshow: { label: 'Slideshow IDs', holds: 'slideshow IDs', folders: 'a Slideshow folder' },
} as const;

function itemProperties(change: 'add' | 'remove'): INodeProperties[] {
	return [
		folderLocator({
			description:
				change === 'add' ? 'The folder to put the items in' : 'The folder to take the items out of',
		}),
		{
			displayName: 'Item Type',
			name: 'itemType',
			type: 'options',
			options: [
				{
					name: 'File IDs',
					value: 'file',
					description:
						'Files, for Upload, AI Image and AI Video folders. The node checks the folder first.',
				},
				{
					name: 'Slideshow IDs',
					value: 'slideshow',
					description: 'Slideshows, for Slideshow folders. The node checks the folder first.',
				},
				{
					name: 'Either (No Check)',
					value: 'any',
					description:
						'Send the IDs without reading the folder first; Genviral answers 404 item_not_found for the wrong kind',
				},
			],
			default: 'file',
			description:
				'What the IDs are. Upload, AI Image and AI Video folders hold file IDs; Slideshow folders hold slideshow IDs. With File IDs or Slideshow IDs the node reads the folder once and refuses a folder of the other kind before changing anything.',
		},
		folderItemsLocator(
			change === 'add'
				? "1-200 file or slideshow IDs (matching the folder's media type); the list shows your files (every context) or slideshows, by Item Type."
				: '1-200 IDs of items in this folder, as the list shows them. The files and slideshows themselves are kept.',
		),
	];
}

/**
 * POST / DELETE /folders/{folderId}/items. Items are file IDs or slideshow IDs depending on
 * the folder's media type; IDs of both kinds are UUIDs, so the only way to refuse the wrong
 * kind before changing anything is to read the folder's media type (one GET) when the user
 * says which kind the IDs are.
 */
function itemsOperation(change: 'add' | 'remove'): GenviralOperation {
	const properties = itemProperties(change);
	const method = change === 'add' ? 'POST' : 'DELETE';
	// Adding twice is harmless (duplicates are dropped); a removal repeated after a lost answer
	// would fail with item_not_found for a removal that worked.
	const retry: RetryPolicy = change === 'add' ? 'idempotent' : 'rateLimitOnly';
	return {
		description: properties,
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const values = readParameters(this, properties, itemIndex);
			const folderId = values.folderId as string;
			const path = `/folders/${folderId}`;
			const itemType = values.itemType as 'file' | 'slideshow' | 'any';
			if (itemType !== 'any') {
				const folder = expectObject(
					this,
					await genviralApiRequest.call(this, { method: 'GET', path, itemIndex }),
					'GET /folders/{folderId}',
					itemIndex,
				);
				const holds = folder.media_type === 'slideshow' ? 'slideshow' : 'file';
				if (holds !== itemType) {
					failValidation(
						this,
						itemIndex,
						`Item Type is "${ITEM_TYPES[itemType].label}" but folder ${folderId} has media type ${mediaTypeName(folder.media_type)} and holds ${ITEM_TYPES[holds].holds}: give ${ITEM_TYPES[holds].holds} with Item Type "${ITEM_TYPES[holds].label}", or pick ${ITEM_TYPES[itemType].folders}`,
					);
				}
			}
			const data = await genviralApiRequest.call(this, {
				method,
				path: `${path}/items`,
				body: { item_ids: values.itemIds as string[] },
				itemIndex,
				retry,
			});
			return expectObject(this, data, `${method} /folders/{folderId}/items`, itemIndex);
		},
	};
}

export const addItems = itemsOperation('add');
export const removeItems = itemsOperation('remove');
