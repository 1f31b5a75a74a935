import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
} from 'n8n-workflow';

import { expectArray, expectObject, genviralApiRequest } from '../../transport';

export type StudioMode = 'image' | 'video';

/** How each API input field is called in the node (messages and the model picker). */
export const INPUT_LABELS: Record<string, string> = {
	prompt: 'Prompt',
	image_urls: 'Input Image URLs',
	image_url: 'Image URL',
	video_url: 'Video URL',
	audio_url: 'Audio URL',
	speech_text: 'Speech Text',
	voice_id: 'Voice ID',
	negative_prompt: 'Negative Prompt',
	reference_image_urls: 'Reference Image URLs',
};

const labelOf = (field: string) => INPUT_LABELS[field] ?? field;

function stringList(value: unknown): string[] {
	return Array.isArray(value)
		? value.filter((entry): entry is string => typeof entry === 'string')
		: [];
}

/** A model's inputs as the catalogue lists them (`inputs{required, optional, one_of}`). */
export function inputsOf(model: IDataObject): {
	required: string[];
	optional: string[];
	oneOf: string[][];
} {
	const inputs = (
		typeof model.inputs === 'object' && model.inputs !== null ? model.inputs : {}
	) as IDataObject;
	const oneOf = Array.isArray(inputs.one_of)
		? inputs.one_of.map(stringList).filter((group) => group.length > 0)
		: [];
	return { required: stringList(inputs.required), optional: stringList(inputs.optional), oneOf };
}

/** Whether the model takes an input field at all (required or optional). */
export function acceptsInput(model: IDataObject, field: string): boolean {
	const { required, optional } = inputsOf(model);
	return required.includes(field) || optional.includes(field);
}

/** The names of the normalized `params` a model honours (entries are names, or objects with a key). */
function paramNames(model: IDataObject): string[] {
	if (!Array.isArray(model.params)) return [];
	return model.params
		.map((param) =>
			typeof param === 'string'
				? param
				: ((param as IDataObject)?.key ?? (param as IDataObject)?.name),
		)
		.filter((name): name is string => typeof name === 'string');
}

/** "4 credits", with the catalogue's note when there is one. */
export function costOf(model: IDataObject): string | undefined {
	const credits = (
		typeof model.credits === 'object' && model.credits !== null ? model.credits : {}
	) as IDataObject;
	if (typeof credits.default_cost !== 'number') return undefined;
	const cost = `${credits.default_cost} credit${credits.default_cost === 1 ? '' : 's'}`;
	return typeof credits.notes === 'string' && credits.notes !== ''
		? `${cost} (${credits.notes})`
		: cost;
}

/**
 * A picker option: the model's name and cost, and (as its description) what the model needs,
 * what else it accepts and which parameters it honours, so the choice is made before spending.
 */
export function modelOption(model: IDataObject): INodePropertyOptions {
	const id = String(model.id);
	const { required, optional, oneOf } = inputsOf(model);
	const cost = costOf(model);
	const name = `${typeof model.name === 'string' && model.name !== '' ? model.name : id} · ${cost ?? 'cost not listed'}`;
	const parts = [
		`${id}.`,
		`Requires: ${required.length > 0 ? required.map(labelOf).join(', ') : 'nothing'}.`,
		optional.length > 0
			? `Also accepts: ${optional.map(labelOf).join(', ')}.`
			: 'Takes no other inputs.',
		...oneOf.map((group) => `Needs one of: ${group.map(labelOf).join(' or ')}.`),
		paramNames(model).length > 0 ? `Parameters: ${paramNames(model).join(', ')}.` : undefined,
	];
	return { name, value: id, description: parts.filter((part) => part !== undefined).join(' ') };
}

/** GET /studio/models for one mode: the catalogue's rows. */
export async function fetchStudioModels(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	mode: StudioMode,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const endpoint = 'GET /studio/models';
	const data = await genviralApiRequest.call(ctx, {
		method: 'GET',
		path: '/studio/models',
		qs: { mode },
		itemIndex,
	});
	return expectArray(
		ctx,
		expectObject(ctx, data, endpoint, itemIndex).models,
		endpoint,
		itemIndex,
		'models',
	);
}

const catalogueByRun = new WeakMap<object, Map<StudioMode, Promise<IDataObject[]>>>();

/**
 * The catalogue of a mode, read once per node run (every item of a run shares it, batches
 * included): checking each item's inputs against its model costs one read, not one per item.
 * A failed read is not kept, so the next item tries again and reports its own error.
 */
export async function studioCatalogue(
	ctx: IExecuteFunctions,
	mode: StudioMode,
	itemIndex: number,
): Promise<IDataObject[]> {
	const byMode = catalogueByRun.get(ctx) ?? new Map<StudioMode, Promise<IDataObject[]>>();
	catalogueByRun.set(ctx, byMode);
	let models = byMode.get(mode);
	if (models === undefined) {
		models = fetchStudioModels(ctx, mode, itemIndex);
		byMode.set(mode, models);
		models.catch(() => byMode.delete(mode));
	}
	return await models;
}

/** The catalogue of a mode if this run has already read it (for messages; never reads). */
export async function cachedCatalogue(
	ctx: IExecuteFunctions,
	mode: StudioMode,
): Promise<IDataObject[] | undefined> {
	const models = catalogueByRun.get(ctx)?.get(mode);
	if (models === undefined) return undefined;
	try {
		return await models;
	} catch {
		return undefined;
	}
}
