import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { describeValue, failValidation } from '../../helpers/validation';

/** What the API accepts on create and update; `public` exists only on the read side. */
export const visibilityOptions: INodePropertyOptions[] = [
	{
		name: 'Private',
		value: 'private',
		description: 'Only you (workspace keys: also readable by your workspace)',
	},
	{
		name: 'Workspace',
		value: 'workspace',
		description: 'Everyone in the workspace (needs a workspace API key)',
	},
];

export const nameProperty = (required: boolean): INodeProperties => ({
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required,
	default: '',
	typeOptions: { maxLength: 100 },
	placeholder: 'Listicle, 5 slides',
	description: required
		? 'Name of the template, 1-100 characters; must be unique among your templates'
		: 'Name of the template, 1-100 characters; must be unique among your templates. Genviral makes one up when left out.',
});

export const descriptionProperty: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	typeOptions: { rows: 2, maxLength: 500 },
	description: 'What the template is for, at most 500 characters',
};

export const visibilityProperty: INodeProperties = {
	displayName: 'Visibility',
	name: 'visibility',
	type: 'options',
	options: visibilityOptions,
	default: 'private',
	description: 'Who can read the template. Public templates cannot be made through the API.',
};

/** A one-slide config v1, shown as the Config default so the shape is in front of the user. */
export const SAMPLE_CONFIG = {
	version: 1,
	structure: {
		slides: [
			{
				type: 'custom',
				id: '3f0c6a52-0000-4000-8000-000000000001',
				pinnedImageUrl: null,
				textElements: [
					{
						id: '3f0c6a52-0000-4000-8000-000000000002',
						content: 'Hook',
						x: 50,
						y: 25,
						fontSize: 48,
						width: 70,
					},
				],
			},
		],
	},
	content: { mode: 'manual', productId: null, language: 'en', slideshowType: 'educational' },
	visuals: {
		packId: null,
		aspectRatio: '4:5',
		textSettings: { fontSize: 'default', preset: 'tiktok', width: 'default' },
	},
};

const CONFIG_DESCRIPTION =
	'The template config, version 1 with camelCase keys: {"version": 1, "structure": {"slides": [1-10 slides of type pack or custom]}, "content": {"mode": "ai" or "manual", ...}, "visuals": {"aspectRatio": "9:16", "1:1" or "4:5", ...}}. An object from an expression (e.g. the config of a template read with Get) works too.';

/** Create's config, with a one-slide sample as its default. */
export const configProperty: INodeProperties = {
	displayName: 'Config (JSON)',
	name: 'config',
	type: 'json',
	required: true,
	default: JSON.stringify(SAMPLE_CONFIG, null, 2),
	description: CONFIG_DESCRIPTION,
};

/** Update's config: replaces the whole config. */
export const configUpdateProperty: INodeProperties = {
	displayName: 'Config (JSON)',
	name: 'config',
	type: 'json',
	default: '',
	description: `${CONFIG_DESCRIPTION} Replaces the whole config`,
};

export const MAX_TEMPLATE_SLIDES = 10;

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The checks the node can make on a config before sending: an object, version 1, 1-10 slides.
 * Genviral checks the rest of the schema (slide types, modes, aspect ratios) and says what is
 * wrong in its 422 invalid_template_config.
 */
export function checkTemplateConfig(
	ctx: IExecuteFunctions,
	config: unknown,
	itemIndex: number,
	label = 'Config (JSON)',
): IDataObject {
	if (!isObject(config))
		return failValidation(
			ctx,
			itemIndex,
			`${label} must be a JSON object; got ${describeValue(config)}`,
		);
	if (config.version !== 1) {
		failValidation(
			ctx,
			itemIndex,
			`${label} must have "version": 1 (the only config version); got ${describeValue(config.version)}`,
		);
	}
	const slides = isObject(config.structure) ? config.structure.slides : undefined;
	if (!Array.isArray(slides)) {
		failValidation(
			ctx,
			itemIndex,
			`${label} must have "structure": {"slides": [...]} with 1-${MAX_TEMPLATE_SLIDES} slides`,
		);
	}
	if (slides.length < 1 || slides.length > MAX_TEMPLATE_SLIDES) {
		failValidation(
			ctx,
			itemIndex,
			`${label} must have 1-${MAX_TEMPLATE_SLIDES} slides in structure.slides; got ${slides.length}`,
		);
	}
	return config;
}
