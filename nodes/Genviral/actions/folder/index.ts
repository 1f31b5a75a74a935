import { defineResource } from '../node.type';

// Operations are added in actions/folder/: a declaration in operations.ts for plain endpoints,
// a <op>.operation.ts file where real logic lives.
export const resource = defineResource(
	{ value: 'folder', name: 'Folder', description: 'A folder that organises files or slideshows' },
	'',
	{},
);
