import { defineResource } from '../node.type';

// Operations are added in actions/template/: a declaration in operations.ts for plain endpoints,
// a <op>.operation.ts file where real logic lives.
export const resource = defineResource(
	{ value: 'template', name: 'Template', description: 'A reusable slideshow layout (slides, text styles) to generate slideshows from' },
	'',
	{},
);
