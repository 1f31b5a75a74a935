import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIST_RULE, readParameters } from '../../helpers/parameters';
import { expectObject, unexpectedShape } from '../../transport';
import type { ItemWithBinary, OperationRun } from '../node.type';
import {
	MAX_URL_LENGTH,
	withDownloadedOutput,
	downloadProperties,
	modelParametersProperty,
	modelProperty,
	STUDIO_URL_LIST,
	sendGeneration,
	splitModelParameters,
} from './common';

/**
 * Image generation is synchronous and can take minutes: without a Timeout option of the
 * user's own, the request waits this long (the Options' 60 s default would cut it short and
 * leave a generation that ran, and spent credits, without its answer).
 */
export const IMAGE_TIMEOUT_MS = 300_000;

const imageUrlsProperty: INodeProperties = {
	displayName: 'Input Image URLs',
	name: 'imageUrls',
	type: 'string',
	default: '',
	typeOptions: { rows: 2, ...STUDIO_URL_LIST },
	placeholder: 'https://example.com/product.png',
	description: `Images for the model to edit or follow, public URLs: ${LIST_RULE}. Required by models that list Input Image URLs as required; refused by models that take none.`,
};

const properties: INodeProperties[] = [
	modelProperty('image'),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4, maxLength: 5000 },
		placeholder: 'A flat-lay photo of a matcha latte on a pastel background',
		description: 'What to generate, or how to change the input images',
	},
	imageUrlsProperty,
	modelParametersProperty('image'),
	...downloadProperties('Image'),
];

export const description = properties;

/**
 * POST /studio/images/generate: one image, synchronously; spends the model's credits, so it is
 * sent once and never retried. Optionally downloads the result into a binary field.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: OperationRun,
): Promise<IDataObject | ItemWithBinary> {
	const values = readParameters(this, properties, itemIndex);
	const imageUrls = values.imageUrls as string[] | undefined;
	const { params, rawParams } = splitModelParameters(
		values.modelParameters as IDataObject | undefined,
	);

	const body: IDataObject = { model_id: values.model, prompt: values.prompt };
	if (imageUrls) body.image_urls = imageUrls;
	if (params) body.params = params;
	if (rawParams && Object.keys(rawParams).length > 0) body.raw_params = rawParams;

	const endpoint = 'POST /studio/images/generate';
	const data = await sendGeneration(this, {
		path: '/studio/images/generate',
		body,
		mode: 'image',
		model: String(values.model),
		itemIndex,
		timeoutMs: IMAGE_TIMEOUT_MS,
	});
	const image = expectObject(this, data, endpoint, itemIndex);
	if (values.download !== true) return image;

	const url = image.output_url;
	if (typeof url !== 'string' || url === '' || url.length > MAX_URL_LENGTH) {
		throw unexpectedShape(this, image, endpoint, itemIndex, '"output_url" (the image URL)');
	}
	return await withDownloadedOutput(this, itemIndex, image, run, {
		url,
		id: typeof image.file_id === 'string' && image.file_id !== '' ? image.file_id : 'studio-image',
		fallbackExtension: typeof params?.output_format === 'string' ? params.output_format : 'png',
		field: String(values.binaryPropertyName),
		lookUp: {
			what: 'image',
			how: 'Find it in Genviral (AI Studio; its files have the context ai-studio). Running the item again would generate, and pay for, a new image.',
		},
	});
}
