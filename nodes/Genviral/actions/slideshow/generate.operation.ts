import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { failValidation } from '../../helpers/validation';
import { expectObject, genviralApiRequest } from '../../transport';
import { packLocator } from '../../descriptions/locators';

/** AI generation is one long synchronous call. */
const GENERATE_TIMEOUT_MS = 180_000;

export const ASPECT_RATIOS = [
	{ name: '4:5 (Portrait, Default)', value: '4:5' },
	{ name: '9:16 (Full Screen)', value: '9:16' },
	{ name: '1:1 (Square)', value: '1:1' },
];

export const SLIDESHOW_TYPES = [
	{ name: 'Educational', value: 'educational', description: 'Tips, lists and how-tos' },
	{ name: 'Personal', value: 'personal', description: 'A first-person story' },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Skip AI',
		name: 'skipAi',
		type: 'boolean',
		default: false,
		description:
			'Whether to build the slides exactly as the Slide Configuration says, without AI text (costs no credits). Off: AI writes the slides from the prompt or product (costs credits).',
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3, maxLength: 5000 },
		default: '',
		displayOptions: { show: { skipAi: [false] } },
		placeholder: 'e.g. 5 morning habits that changed my life',
		description:
			'What the slideshow is about; the AI writes the slides from it. Required unless a Product ID is given.',
	},
	packLocator({
		name: 'packId',
		displayName: 'Image Pack',
		required: false,
		description:
			'The image pack the slide backgrounds come from. Needed unless every slide has its own image (custom images or pack assignments in the Slide Configuration).',
	}),
	{
		displayName: 'Slide Configuration (JSON)',
		name: 'slideConfig',
		type: 'json',
		default: '',
		displayOptions: { show: { skipAi: [true] } },
		required: true,
		description:
			'The slides, as Genviral\'s slide_config: {"total_slides": 3, "slide_types": ["image_pack", "custom_image", "image_pack"], "custom_images": {"1": {"image_url": "https://...", "image_id": "..."}}, "pinned_images": {"0": "https://..."}, "slide_texts": {"0": "Title"}, "slide_text_elements": {"2": [{"content": "...", "x": 50, "y": 30}]}, "pack_assignments": {"2": "PACK_ID"}}. Keys of the maps are 0-based slide indexes.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Aspect Ratio',
				name: 'aspectRatio',
				type: 'options',
				options: ASPECT_RATIOS,
				default: '4:5',
				description:
					'The shape of the slides, width:height: 4:5 portrait (default), 9:16 full screen (TikTok, Reels) or 1:1 square',
			},
			{
				displayName: 'Custom Font Size',
				name: 'customFontSize',
				type: 'number',
				typeOptions: { minValue: 8, maxValue: 200 },
				default: 48,
				description: 'The text size in pixels (8-200); used when Font Size is Custom',
			},
			{
				displayName: 'Font Size',
				name: 'fontSize',
				type: 'options',
				options: [
					{ name: 'Default (48 Px Title, 40 Px Body)', value: 'default' },
					{ name: 'Small (40 Px Title, 33 Px Body)', value: 'small' },
					{ name: 'Custom', value: 'custom' },
				],
				default: 'default',
				description: 'The size of the slide text',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				typeOptions: { minLength: 2, maxLength: 32 },
				placeholder: 'en',
				description: 'The language the AI writes in, e.g. en or es (2-32 characters)',
			},
			{
				displayName: 'Product ID',
				name: 'productId',
				type: 'string',
				default: '',
				typeOptions: { format: 'uuid' },
				description:
					'A product from the Genviral dashboard the slideshow promotes; the AI can write from it without a prompt',
			},
			{
				displayName: 'Slide Configuration (JSON)',
				name: 'slideConfig',
				type: 'json',
				default: '',
				description:
					'Per-slide setup on top of the AI text (e.g. "pinned_images" to choose the pack image of each slide, which Genviral recommends); same format as with Skip AI',
			},
			{
				displayName: 'Slide Count',
				name: 'slideCount',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 5,
				description: 'How many slides the AI writes (1-10)',
			},
			{
				displayName: 'Slideshow Type',
				name: 'slideshowType',
				type: 'options',
				options: SLIDESHOW_TYPES,
				default: 'educational',
				description:
					'The kind of text the AI writes: Educational (tips, lists, how-tos) or Personal (a first-person story)',
			},
			{
				displayName: 'Text Style',
				name: 'textPreset',
				type: 'options',
				options: [
					{ name: 'Black', value: 'black' },
					{ name: 'Inverted (Black on White Box)', value: 'inverted' },
					{ name: 'Shadow', value: 'shadow' },
					{ name: 'Snapchat (Dark Strip)', value: 'snapchat' },
					{ name: 'TikTok (White, Black Outline)', value: 'tiktok' },
					{ name: 'White', value: 'white' },
				],
				default: 'tiktok',
				description: 'How the slide text looks',
			},
			{
				displayName: 'Text Width',
				name: 'textWidth',
				type: 'options',
				options: [
					{ name: 'Default (Wide)', value: 'default' },
					{ name: 'Narrow', value: 'narrow' },
				],
				default: 'default',
				description: 'How wide the text box is',
			},
		],
	},
];

export const description = properties;

interface Values {
	skipAi: boolean;
	prompt?: string;
	packId?: string;
	slideConfig?: unknown;
	additionalFields?: {
		aspectRatio?: string;
		customFontSize?: number;
		fontSize?: string;
		language?: string;
		productId?: string;
		slideConfig?: unknown;
		slideCount?: number;
		slideshowType?: string;
		textPreset?: string;
		textWidth?: string;
	};
}

/** The checks the API would make on a slide configuration, made before anything is spent. */
function checkSlideConfig(
	ctx: IExecuteFunctions,
	itemIndex: number,
	config: unknown,
): { total?: number; types?: string[]; assigned: Set<number>; custom: Set<number> } {
	const fail = (message: string): never =>
		failValidation(ctx, itemIndex, `Slide Configuration: ${message}`);
	if (typeof config !== 'object' || config === null || Array.isArray(config))
		return fail('must be a JSON object');
	const c = config as IDataObject;
	const total = c.total_slides;
	if (!(Number.isInteger(total) && (total as number) >= 1 && (total as number) <= 10))
		fail('"total_slides" must be a whole number from 1 to 10');
	const count = total as number;
	const types = c.slide_types;
	if (types !== undefined) {
		if (!Array.isArray(types) || types.length !== count)
			fail(`"slide_types" must list one type per slide (${count})`);
		(types as unknown[]).forEach((type, i) => {
			if (type !== 'image_pack' && type !== 'custom_image')
				fail(`"slide_types"[${i}] must be "image_pack" or "custom_image"`);
		});
	}
	const indexes = (name: string): Set<number> => {
		const map = c[name];
		if (map === undefined) return new Set();
		if (typeof map !== 'object' || map === null || Array.isArray(map))
			fail(`"${name}" must be an object keyed by slide index ("0", "1", ...)`);
		const keys = Object.keys(map as IDataObject);
		for (const key of keys) {
			if (!/^\d+$/.test(key) || Number(key) >= count)
				fail(`"${name}" has the key "${key}", which is not a slide index from 0 to ${count - 1}`);
		}
		return new Set(keys.map(Number));
	};
	for (const name of ['pinned_images', 'slide_texts', 'slide_text_elements']) indexes(name);
	const custom = indexes('custom_images');
	const assigned = indexes('pack_assignments');
	const typeList = types as string[] | undefined;
	typeList?.forEach((type, i) => {
		if (type === 'custom_image' && !custom.has(i))
			fail(`slide ${i} is a custom_image slide but "custom_images" has no "${i}"`);
	});
	return { total: count, types: typeList, assigned, custom };
}

/**
 * POST /slideshows/generate. With AI it spends credits, so it is never sent twice (a lost
 * answer may still have created the slideshow); Skip AI builds the slides as configured.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const values = readParameters(this, properties, itemIndex) as unknown as Values;
	const extra = values.additionalFields ?? {};
	const body: IDataObject = {};
	const config = values.skipAi ? values.slideConfig : extra.slideConfig;

	if (values.skipAi) {
		body.skip_ai = true;
	} else {
		if (values.prompt === undefined && extra.productId === undefined) {
			failValidation(
				this,
				itemIndex,
				'Prompt is required (or give a Product ID under Additional Fields, or turn on Skip AI)',
			);
		}
		if (values.prompt !== undefined) body.prompt = values.prompt;
	}
	if (extra.productId !== undefined) body.product_id = extra.productId;
	if (values.packId !== undefined) body.pack_id = values.packId;

	let slideCount = extra.slideCount ?? 5;
	if (config !== undefined) {
		const checked = checkSlideConfig(this, itemIndex, config);
		slideCount = checked.total ?? slideCount;
		const types = checked.types ?? Array<string>(slideCount).fill('image_pack');
		const needsPack = types.some((type, i) => type === 'image_pack' && !checked.assigned.has(i));
		if (needsPack && values.packId === undefined) {
			failValidation(
				this,
				itemIndex,
				'Image Pack is required: some slides take their background from a pack and have no pack assignment',
			);
		}
		body.slide_config = config as IDataObject;
	} else if (values.packId === undefined) {
		failValidation(
			this,
			itemIndex,
			'Image Pack is required: the slide backgrounds come from a pack (or give custom images in a Slide Configuration)',
		);
	}
	if (extra.slideCount !== undefined) body.slide_count = extra.slideCount;
	if (extra.slideshowType !== undefined) body.slideshow_type = extra.slideshowType;
	if (extra.aspectRatio !== undefined) body.aspect_ratio = extra.aspectRatio;
	if (extra.language !== undefined) body.language = extra.language;
	const advanced: IDataObject = {};
	if (extra.fontSize === 'custom') {
		if (extra.customFontSize === undefined)
			failValidation(
				this,
				itemIndex,
				'Additional Fields → Custom Font Size is required when Font Size is Custom',
			);
		advanced.font_size = extra.customFontSize;
	} else if (extra.fontSize !== undefined) {
		if (extra.customFontSize !== undefined)
			failValidation(
				this,
				itemIndex,
				'Additional Fields → Custom Font Size is used only when Font Size is Custom',
			);
		advanced.font_size = extra.fontSize;
	} else if (extra.customFontSize !== undefined) {
		advanced.font_size = extra.customFontSize;
	}
	if (extra.textPreset !== undefined) advanced.text_preset = extra.textPreset;
	if (extra.textWidth !== undefined) advanced.text_width = extra.textWidth;
	if (Object.keys(advanced).length > 0) body.advanced_settings = advanced;

	const answer = await genviralApiRequest.call(this, {
		method: 'POST',
		path: '/slideshows/generate',
		body,
		itemIndex,
		timeoutMs: GENERATE_TIMEOUT_MS,
		spends: {
			kind: 'credits',
			mayHaveRun: 'the slideshow may have been generated',
			lookUp: 'Slideshow → Get Many (newest first)',
		},
	});
	return expectObject(this, answer, 'POST /slideshows/generate', itemIndex);
}
