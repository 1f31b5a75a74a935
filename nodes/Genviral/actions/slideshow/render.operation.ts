import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import {
	downloadToBinary,
	expectArray,
	expectObject,
	fileNameFor,
	fileReference,
	genviralApiRequest,
	unexpectedShape,
} from '../../transport';
import type { OperationRun } from '../node.type';
import { ItemWithBinary } from '../node.type';
import { slideshowLocator } from '../../descriptions/locators';

/** Rendering blocks until every slide is drawn: about 2-5 s per slide, up to a minute or more. */
export const RENDER_TIMEOUT_MS = 180_000;

const properties: INodeProperties[] = [
	slideshowLocator,
	{
		displayName: 'Download Images',
		name: 'downloadImages',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the rendered slide images into the item as files (one binary field per slide). As an AI Agent tool nothing is downloaded: the item gets `files` (URL, file name, type per slide) instead.',
	},
	{
		displayName: 'Put Output Files in Fields Starting With',
		name: 'binaryPropertyPrefix',
		type: 'string',
		default: 'slide_',
		required: true,
		displayOptions: { show: { downloadImages: [true] } },
		hint: 'The first slide goes to slide_0, the second to slide_1, ...',
		description:
			'The prefix of the binary fields the slide images are written to, followed by the 0-based slide number',
	},
];

export const description = properties;

/** The images to publish, in slide order: each slide's rendered image (its background if it has none). */
function imageUrlsOf(
	ctx: IExecuteFunctions,
	slides: IDataObject[],
	endpoint: string,
	itemIndex: number,
): string[] {
	const ordered = slides.every((s) => typeof s.index === 'number')
		? [...slides].sort((a, b) => (a.index as number) - (b.index as number))
		: slides;
	return ordered.map((slide) => {
		const url =
			typeof slide.rendered_image_url === 'string' && slide.rendered_image_url !== ''
				? slide.rendered_image_url
				: slide.image_url;
		if (typeof url !== 'string' || url === '')
			throw unexpectedShape(ctx, slide, endpoint, itemIndex, 'image URL of every slide');
		return url;
	});
}

/**
 * POST /slideshows/{slideshowId}/render (synchronous; rendering twice gives the same images, so
 * the transport's retry rules apply), then the ordered image URLs: from the answer when it lists
 * the slides, otherwise from one GET of the slideshow. They go straight into Post → Create as
 * slideshow media. With Download Images, the images become binary fields; as an AI Agent tool
 * nothing is downloaded and `files` lists them ({ url, fileName, mimeType }, in slide order).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: OperationRun,
): Promise<IDataObject | ItemWithBinary> {
	const values = readParameters(this, properties, itemIndex) as {
		slideshowId: string;
		downloadImages: boolean;
		binaryPropertyPrefix?: string;
	};
	const { slideshowId } = values;
	const path = `/slideshows/${slideshowId}/render`;
	const rendered = expectObject(
		this,
		await genviralApiRequest.call(this, {
			method: 'POST',
			path,
			itemIndex,
			// Drawing twice gives the same images, so the transport may resend it; a retried item
			// still gets its first render back instead of paying for another.
			retry: 'idempotent',
			timeoutMs: RENDER_TIMEOUT_MS,
			spends: {
				kind: 'credits',
				mayHaveRun: 'the slideshow may have been rendered',
				lookUp: `Slideshow → Get (ID ${slideshowId})`,
			},
		}),
		`POST ${path}`,
		itemIndex,
	);
	const { slides: answeredSlides, ...summary } = rendered;
	let urls: string[];
	if (Array.isArray(answeredSlides) && answeredSlides.length > 0) {
		urls = imageUrlsOf(
			this,
			expectArray(this, answeredSlides, `POST ${path}`, itemIndex, 'slides'),
			`POST ${path}`,
			itemIndex,
		);
	} else {
		const getPath = `/slideshows/${slideshowId}`;
		const slideshow = expectObject(
			this,
			await genviralApiRequest.call(this, { method: 'GET', path: getPath, itemIndex }),
			`GET ${getPath}`,
			itemIndex,
		);
		urls = imageUrlsOf(
			this,
			expectArray(this, slideshow.slides, `GET ${getPath}`, itemIndex, 'slides'),
			`GET ${getPath}`,
			itemIndex,
		);
	}
	const json: IDataObject = { ...summary, rendered_image_urls: urls };
	if (!values.downloadImages) return json;
	if (run.toolMode)
		return {
			...json,
			files: urls.map((url, i) =>
				fileReference(url, fileNameFor(url, `${slideshowId}-${i}`, 'png')),
			),
		};

	const prefix = values.binaryPropertyPrefix ?? 'slide_';
	const binary: IBinaryKeyData = {};
	for (const [i, url] of urls.entries()) {
		binary[`${prefix}${i}`] = await downloadToBinary(this, itemIndex, url, {
			kind: 'image',
			source: `slideshow ${slideshowId} (slide ${i})`,
		});
	}
	return new ItemWithBinary(json, binary);
}
