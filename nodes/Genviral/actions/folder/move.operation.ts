import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { patchObject } from '../../transport';
import { folderLocator } from '../../descriptions/locators';

const properties: INodeProperties[] = [
	folderLocator({ description: 'The folder to move (with its sub-folders and items)' }),
	{
		displayName: 'Move To',
		name: 'moveTo',
		type: 'options',
		options: [
			{ name: 'Root Level', value: 'root', description: 'Make it a top-level folder' },
			{
				name: 'Inside a Folder',
				value: 'folder',
				description: 'Make it a sub-folder of another folder',
			},
		],
		default: 'folder',
		description: 'Where the folder goes. Folders cannot be renamed, only moved.',
	},
	{
		...folderLocator({
			name: 'parentFolderId',
			displayName: 'Parent Folder',
			description:
				'The new parent: a folder of the same media type that is not the folder itself nor one of its sub-folders',
		}),
		displayOptions: { show: { moveTo: ['folder'] } },
	},
];

export const description = properties;

/** PATCH /folders/{folderId}: `parent_folder_id` is always sent, JSON null for the root level. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const values = readParameters(this, properties, itemIndex);
	const body: IDataObject = {
		parent_folder_id: values.moveTo === 'root' ? null : (values.parentFolderId as string),
	};
	const path = `/folders/${values.folderId as string}`;
	// Moving a folder where it already is changes nothing: safe to repeat.
	return await patchObject.call(this, path, body, itemIndex, 'PATCH /folders/{folderId}');
}
