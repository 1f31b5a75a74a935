import { defineResource } from '../node.type';

// Operations are added in actions/slideshow/: a declaration in operations.ts for plain endpoints,
// a <op>.operation.ts file where real logic lives.
export const resource = defineResource(
	{ value: 'slideshow', name: 'Slideshow', description: 'An AI-generated or hand-made image slideshow, rendered to images for a carousel post' },
	'',
	{},
);
