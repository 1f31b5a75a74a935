import type { INodeProperties } from 'n8n-workflow';

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** The analytics target picker used wherever an operation takes one target. */
export const targetLocator: INodeProperties = {
	displayName: 'Target',
	name: 'targetId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The tracked profile (analytics target)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a target...',
			typeOptions: { searchListMethod: 'searchTargets', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '0a0a0a0a-0000-4000-8000-00000000a001',
			hint: 'The ID of the target, as returned by Create or Get Many',
			validation: [
				{
					type: 'regex',
					properties: { regex: UUID_PATTERN, errorMessage: 'Not a valid target ID (a UUID)' },
				},
			],
		},
	],
};
