import { defineResource } from '../node.type';

// Operations are added in actions/studio/: a declaration in operations.ts for plain endpoints,
// a <op>.operation.ts file where real logic lives.
export const resource = defineResource(
	{ value: 'studio', name: 'Studio', description: 'Studio AI: generate images and videos with AI models (spends credits)' },
	'',
	{},
);
