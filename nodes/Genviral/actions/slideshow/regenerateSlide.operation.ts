import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { expectObject, genviralApiRequest } from '../../transport';
import { slideshowLocator } from '../../descriptions/locators';

const properties: INodeProperties[] = [
	slideshowLocator,
	{
		displayName: 'Slide Index',
		name: 'slideIndex',
		type: 'number',
		required: true,
		typeOptions: { minValue: 0, maxValue: 9 },
		default: 0,
		description: 'Which slide to rewrite, counted from 0 (the first slide is 0)',
	},
	{
		displayName: 'Instruction',
		name: 'instruction',
		type: 'string',
		typeOptions: { rows: 2, maxLength: 500 },
		default: '',
		placeholder: 'e.g. Make it shorter and punchier',
		description:
			'How to rewrite the text (up to 500 characters). Empty: a light automatic rewrite.',
	},
];

export const description = properties;

/**
 * POST /slideshows/{slideshowId}/slides/{slideIndex}/regenerate: AI rewrites one slide's text
 * (layout and style stay). It spends credits, so it is never sent twice. The slideshow must
 * be a draft with an original prompt, and the slide must have text.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { slideshowId, slideIndex, instruction } = readParameters(this, properties, itemIndex) as {
		slideshowId: string;
		slideIndex: number;
		instruction?: string;
	};
	const path = `/slideshows/${slideshowId}/slides/${slideIndex}/regenerate`;
	const answer = await genviralApiRequest.call(this, {
		method: 'POST',
		path,
		body: instruction === undefined ? {} : { instruction },
		itemIndex,
		spends: {
			kind: 'credits',
			mayHaveRun: `slide ${slideIndex} may have been rewritten`,
			lookUp: `Slideshow → Get (ID ${slideshowId})`,
		},
	});
	return expectObject(this, answer, `POST ${path}`, itemIndex);
}
