import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { failValidation } from '../../helpers/validation';
import { patchObject } from '../../transport';
import { slideshowLocator } from '../../descriptions/locators';
import { slideshowStatusOptions } from '../../descriptions/statuses';
import { SLIDESHOW_TYPES } from './generate.operation';

/** The ten keys of a slide's background filters: all or none (reference 10, styling). */
export const BACKGROUND_FILTER_KEYS = [
	'brightness',
	'contrast',
	'saturation',
	'hue',
	'blur',
	'grayscale',
	'sepia',
	'invert',
	'drop_shadow',
	'opacity',
];
/** Keys of a slide that Get returns but a PATCH must not send. */
const READ_ONLY_SLIDE_KEYS = ['index', 'rendered_image_url'];
/** On PATCH, text elements' style_preset does not take "snapchat". */
const PATCH_STYLE_PRESETS = ['tiktok', 'inverted', 'shadow', 'white', 'black'];
const GRID_TYPES = ['2x2', '1+2', 'vertical', 'horizontal'];

const properties: INodeProperties[] = [
	slideshowLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		typeOptions: { notEmpty: true, setOrClear: [{ set: ['productId'], clear: 'detachProduct' }] },
		options: [
			{
				displayName: 'Detach Product',
				name: 'detachProduct',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the product from the slideshow',
			},
			{
				displayName: 'Product ID',
				name: 'productId',
				type: 'string',
				default: '',
				typeOptions: { format: 'uuid' },
				description: 'A product from the Genviral dashboard to attach to the slideshow',
			},
			{
				displayName: 'Settings (JSON)',
				name: 'settings',
				type: 'json',
				default: '',
				typeOptions: { jsonObject: true },
				description:
					'Settings to change; keys not given stay as they are. Keys: image_pack_id (a pack ID, or null to remove it), aspect_ratio ("9:16", "1:1", "4:5"), slideshow_type, advanced_settings {font_size: "default" | "small" | 8-200, text_preset, text_width: "default" | "narrow"}, pack_assignments {"SLIDE_INDEX": "PACK_ID"}.',
			},
			{
				displayName: 'Slides (JSON)',
				name: 'slides',
				type: 'json',
				default: '',
				description:
					'Replaces ALL slides, in order (1-10), e.g. the "slides" of Slideshow → Get, edited. Each slide needs image_url and text_elements (each with content, x, y); background_filters needs all ten keys or none. The read-only "index" and "rendered_image_url" keys and empty (null) values are left out for you. Changing slides of a rendered slideshow makes it a draft again: render it afterwards.',
			},
			{
				displayName: 'Slideshow Type',
				name: 'slideshowType',
				type: 'options',
				options: SLIDESHOW_TYPES,
				default: 'educational',
				description:
					'The kind of text the slideshow has: Educational (tips, lists, how-tos) or Personal (a first-person story)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: slideshowStatusOptions,
				default: 'draft',
				description:
					'Draft (still being edited) or Rendered (its images are final). Slideshow → Render sets Rendered by itself.',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'The new title of the slideshow (shown in Genviral and in Get Many)',
			},
		],
	},
];

export const description = properties;

/** A value without its nulls (the API refuses null anywhere in slides: leaving a field out means the same). */
function withoutNulls(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutNulls);
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value as IDataObject)
				.filter(([, v]) => v !== null)
				.map(([k, v]) => [k, withoutNulls(v)]),
		);
	}
	return value;
}

/**
 * Slides as the API takes them in a PATCH, from slides as the user gives them (often Get's):
 * read-only keys and nulls are dropped; everything else the API would refuse is refused here,
 * naming the slide, before any request.
 */
export function slidesForPatch(
	ctx: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
): IDataObject[] {
	const fail = (message: string): never =>
		failValidation(ctx, itemIndex, `Update Fields → Slides: ${message}`);
	const list =
		typeof raw === 'object' &&
		raw !== null &&
		!Array.isArray(raw) &&
		Array.isArray((raw as IDataObject).slides)
			? (raw as IDataObject).slides
			: raw;
	if (!Array.isArray(list))
		return fail('must be a JSON array of slides (or an object with a "slides" array)');
	if (list.length < 1 || list.length > 10) fail(`a slideshow has 1-10 slides (got ${list.length})`);
	return list.map((entry, i) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
			return fail(`slide ${i} must be an object`);
		const slide = withoutNulls(
			Object.fromEntries(
				Object.entries(entry as IDataObject).filter(([key]) => !READ_ONLY_SLIDE_KEYS.includes(key)),
			),
		) as IDataObject;
		if (typeof slide.image_url !== 'string' || slide.image_url.trim() === '')
			fail(`slide ${i} needs an "image_url"`);
		if (!Array.isArray(slide.text_elements))
			fail(`slide ${i} needs "text_elements" (a list; each with content, x, y)`);
		(slide.text_elements as unknown[]).forEach((element, k) => {
			const e = element as IDataObject;
			if (
				typeof e !== 'object' ||
				e === null ||
				typeof e.content !== 'string' ||
				typeof e.x !== 'number' ||
				typeof e.y !== 'number'
			) {
				fail(`slide ${i}, text element ${k} needs "content" (text) and "x", "y" (numbers)`);
			}
			if (e.style_preset !== undefined && !PATCH_STYLE_PRESETS.includes(String(e.style_preset))) {
				fail(
					`slide ${i}, text element ${k}: style_preset must be one of ${PATCH_STYLE_PRESETS.join(', ')} ("${String(e.style_preset)}" is not accepted when updating)`,
				);
			}
		});
		if (slide.grid_type !== undefined && !GRID_TYPES.includes(String(slide.grid_type))) {
			fail(`slide ${i}: grid_type must be one of ${GRID_TYPES.join(', ')}`);
		}
		if (slide.background_filters !== undefined) {
			const filters = slide.background_filters as IDataObject;
			if (typeof filters !== 'object' || Array.isArray(filters))
				fail(`slide ${i}: background_filters must be an object`);
			const missing = BACKGROUND_FILTER_KEYS.filter((key) => !(key in filters));
			const unknown = Object.keys(filters).filter((key) => !BACKGROUND_FILTER_KEYS.includes(key));
			if (missing.length > 0 || unknown.length > 0) {
				fail(
					`slide ${i}: background_filters needs all ten keys or none (${missing.length > 0 ? `missing: ${missing.join(', ')}` : ''}${missing.length > 0 && unknown.length > 0 ? '; ' : ''}${unknown.length > 0 ? `unknown: ${unknown.join(', ')}` : ''}). Neutral values: brightness 1, contrast 1, saturation 1, hue 0, blur 0, grayscale 0, sepia 0, invert 0, drop_shadow 0, opacity 1.`,
				);
			}
		}
		return slide;
	});
}

/**
 * PATCH /slideshows/{slideshowId}. Sending the same change twice does no harm, so it follows
 * the transport's retry rules.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { slideshowId, updateFields = {} } = readParameters(this, properties, itemIndex) as {
		slideshowId: string;
		updateFields?: IDataObject;
	};
	const body: IDataObject = {};
	if (updateFields.title !== undefined) body.title = updateFields.title;
	if (updateFields.status !== undefined) body.status = updateFields.status;
	if (updateFields.slideshowType !== undefined) body.slideshow_type = updateFields.slideshowType;
	// Set-or-clear and an empty Update Fields are refused by the reader (their declaration).
	if (updateFields.detachProduct === true) {
		body.product_id = null;
	} else if (updateFields.productId !== undefined) {
		body.product_id = updateFields.productId;
	}
	// An object (its declaration says so); an empty one changes nothing.
	const settings = updateFields.settings as IDataObject | undefined;
	if (settings !== undefined && Object.keys(settings).length > 0) body.settings = settings;
	if (updateFields.slides !== undefined)
		body.slides = slidesForPatch(this, itemIndex, updateFields.slides);
	const path = `/slideshows/${slideshowId}`;
	return await patchObject.call(this, path, body, itemIndex);
}
