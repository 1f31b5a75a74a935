import { defineResource } from '../node.type';

// Operations are added in actions/imagePack/: a declaration in operations.ts for plain endpoints,
// a <op>.operation.ts file where real logic lives.
export const resource = defineResource(
	{ value: 'imagePack', name: 'Image Pack', description: 'A collection of images that AI slideshows draw their backgrounds from' },
	'',
	{},
);
