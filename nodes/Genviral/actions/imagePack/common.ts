import type { INodeProperties } from 'n8n-workflow';

import { UUID_PATTERN } from '../../helpers/targetLocator';

/** The image pack picker: From List (searchable, paged) or By ID (a UUID). */
export function packLocator({
	name = 'packId',
	displayName = 'Image Pack',
	required = true,
	description = 'The image pack (a library of background images)',
}: { name?: string; displayName?: string; required?: boolean; description?: string } = {}): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		required,
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an image pack...',
				typeOptions: { searchListMethod: 'searchImagePacks', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '05050505-0000-4000-8000-00000000b001',
				hint: 'The ID of the image pack, as returned by Image Pack → Create or Get Many',
				validation: [
					{ type: 'regex', properties: { regex: UUID_PATTERN, errorMessage: 'Not a valid image pack ID (a UUID)' } },
				],
			},
		],
	};
}
