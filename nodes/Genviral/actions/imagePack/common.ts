import type { INodeProperties } from 'n8n-workflow';

import { uuidLocator } from '../../descriptions/locator';

/** The image pack picker: From List (searchable, paged) or By ID (a UUID). */
export function packLocator({
	name = 'packId',
	displayName = 'Image Pack',
	required = true,
	description = 'The image pack (a library of background images)',
}: { name?: string; displayName?: string; required?: boolean; description?: string } = {}): INodeProperties {
	return uuidLocator({
		noun: 'image pack',
		displayName,
		name,
		required,
		description,
		searchListMethod: 'searchImagePacks',
		returnedBy: 'Image Pack → Create or Get Many',
		placeholder: '05050505-0000-4000-8000-00000000b001',
	});
}
