import { defineResource } from '../node.type';

// Operations are added in actions/post/: a declaration in operations.ts for plain endpoints,
// a <op>.operation.ts file where real logic lives.
export const resource = defineResource(
	{ value: 'post', name: 'Post', description: 'A post to one or more TikTok, Instagram, YouTube, Pinterest, LinkedIn or Facebook accounts' },
	'',
	{},
);
