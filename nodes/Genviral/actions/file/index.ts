import { defineResource } from '../node.type';

// Operations are added in actions/file/: a declaration in operations.ts for plain endpoints,
// a <op>.operation.ts file where real logic lives.
export const resource = defineResource(
	{ value: 'file', name: 'File', description: 'A video or image uploaded to Genviral, usable in posts and image packs' },
	'',
	{},
);
